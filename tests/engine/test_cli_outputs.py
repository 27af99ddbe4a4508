"""Tests of ``main.py train`` output checks, comparison files and run outcomes.

Each case trains on Digits for one or two epochs, or fails before training.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from engine.cli import EXIT_FAILED, EXIT_OK, EXIT_USAGE, run
from engine.compare import parse_spec, run_checkpoint_path
from engine.config import ConfigError, RunConfig
from engine.reporting import RunOutcome
from engine.run_store import open_run_store
from engine.session import TrainerSession

DIGITS = ["--dataset", "digits", "--epochs", "1"]
READ_ONLY_FOLDER = "/proc"
"""A folder that not even root can create files in."""


def usage_error(argv: list[str], capsys) -> str:
    """Run the CLI, expect exit status 2 and return its stderr."""
    with pytest.raises(SystemExit) as caught:
        run(argv)
    assert caught.value.code == EXIT_USAGE
    return capsys.readouterr().err


def test_mirrored_bad_tf_config_exits_2(monkeypatch, capsys):
    monkeypatch.setenv("TF_CONFIG", "{")

    status = run([*DIGITS, "--strategy", "mirrored"])

    assert status == EXIT_USAGE
    assert "TF_CONFIG is not valid JSON" in capsys.readouterr().err


def test_checkpoint_same_as_save(tmp_path, capsys):
    path = tmp_path / "model.keras"

    error = usage_error(
        [*DIGITS, "--checkpoint", str(path), "--save", str(tmp_path / "model")],
        capsys,
    )

    assert "--checkpoint and --save name the same file" in error
    assert not path.exists()


@pytest.mark.parametrize("option", ["--history-out", "--save", "--checkpoint"])
def test_unwritable_output_rejected(option, capsys):
    suffix = ".json" if option == "--history-out" else ".keras"

    error = usage_error([*DIGITS, option, f"{READ_ONLY_FOLDER}/out{suffix}"], capsys)

    assert "cannot be written" in error
    assert "Choose a file in a folder you can write to" in error


def test_failed_history_write_still_saves(tmp_path, monkeypatch, capsys):
    history_path = tmp_path / "history.json"
    model_path = tmp_path / "model.keras"
    import engine.cli

    def fail_write(path, document, stdout):
        return False

    # The folder passes the check before training, then the write fails.
    monkeypatch.setattr(engine.cli, "_write_history", fail_write)

    status = run(
        [*DIGITS, "--history-out", str(history_path), "--save", str(model_path)]
    )

    assert status == EXIT_FAILED
    assert model_path.exists()
    error = capsys.readouterr().err
    assert f"not written: --history-out {history_path}" in error


def test_checkpoint_failure_in_run_exits_1(tmp_path, monkeypatch, capsys):
    from engine import persistence

    real_save = persistence.save_model
    checkpoint = tmp_path / "best.keras"

    def save_model(model, path, metadata=None):
        if Path(path) == checkpoint:
            raise persistence.ModelFileError("the disk is full")
        return real_save(model, path, metadata)

    monkeypatch.setattr(persistence, "save_model", save_model)

    status = run([*DIGITS, "--epochs", "2", "--checkpoint", str(checkpoint)])

    assert status == EXIT_FAILED
    captured = capsys.readouterr()
    assert "checkpoint not written: the disk is full" in captured.err
    assert "Checkpoint not written: the disk is full" in captured.out


def test_compare_writes_one_checkpoint_per_run(tmp_path, capsys):
    checkpoint = tmp_path / "c.keras"
    history_path = tmp_path / "compare.json"

    status = run(
        [
            *DIGITS,
            "--compare",
            "learning_rate=0.1,0.01",
            "--checkpoint",
            str(checkpoint),
            "--history-out",
            str(history_path),
        ]
    )

    assert status == EXIT_OK
    first = tmp_path / "c-lr=0.1.keras"
    second = tmp_path / "c-lr=0.01.keras"
    assert first.exists()
    assert second.exists()
    document = json.loads(history_path.read_text(encoding="utf-8"))
    paths = [entry["checkpoint_path"] for entry in document["runs"]]
    assert paths == [str(first), str(second)]


def test_run_checkpoint_path_is_file_safe():
    path = run_checkpoint_path("out/best.keras", "data_dir=/a b")

    assert path == os.path.join("out", "best-data_dir=_a_b.keras")


def test_compare_bad_value_checked_first(tmp_path, capsys):
    error = usage_error(
        [*DIGITS, "--compare", f"tensorboard_dir={tmp_path},{READ_ONLY_FOLDER}"],
        capsys,
    )

    assert f"Run tensorboard_dir={READ_ONLY_FOLDER} cannot start" in error
    assert not any(tmp_path.iterdir())


def test_compare_multi_worker_checked_first(monkeypatch, capsys):
    monkeypatch.delenv("TF_CONFIG", raising=False)

    error = usage_error([*DIGITS, "--compare", "strategy=default,multi_worker"], capsys)

    assert "Run strategy=multi_worker cannot start: TF_CONFIG is missing" in error


def test_compare_failed_run_recorded(tmp_path, capsys):
    # 1000 images in a batch pass the range check but exceed Digits' training
    # set, which only the run itself finds.
    history_path = tmp_path / "compare.json"

    status = run(
        [
            *DIGITS,
            "--compare",
            "batch_size=32,5000",
            "--history-out",
            str(history_path),
        ]
    )

    assert status == EXIT_FAILED
    document = json.loads(history_path.read_text(encoding="utf-8"))
    runs = {entry["label"]: entry for entry in document["runs"]}
    assert runs["batch=32"]["epochs_completed"] == 1
    assert runs["batch=32"]["error"] is None
    assert "larger than" in runs["batch=5000"]["error"]
    assert "failed" in capsys.readouterr().out


def test_compare_diverged_run_marked(tmp_path, capsys):
    history_path = tmp_path / "compare.json"

    status = run(
        [
            *DIGITS,
            "--optimizer",
            "sgd",
            "--activation",
            "linear",
            "--hidden-units",
            "512",
            "--compare",
            "learning_rate=0.01,10",
            "--history-out",
            str(history_path),
        ]
    )

    assert status == EXIT_FAILED
    output = capsys.readouterr().out
    diverged_rows = [line for line in output.splitlines() if "lr=10.0" in line]
    assert diverged_rows[-1].endswith("diverged (NaN loss)")
    document = json.loads(history_path.read_text(encoding="utf-8"))
    runs = {entry["label"]: entry for entry in document["runs"]}
    assert "Lower the learning rate" in runs["lr=10.0"]["diverged"]
    assert runs["lr=0.01"]["diverged"] is None


def test_empty_preset_rejected(capsys):
    error = usage_error([*DIGITS, "--preset", ""], capsys)

    assert "'' is not a preset: choose one of" in error
    assert "learning-rates" in error


def test_preset_compared_option_rejected(capsys):
    error = usage_error(
        [*DIGITS, "--preset", "learning-rates", "--learning-rate", "0.5"], capsys
    )

    assert "--learning-rate would be ignored" in error


def test_preset_with_compare_rejected(capsys):
    error = usage_error(
        [*DIGITS, "--preset", "learning-rates", "--compare", "dropout=0.1,0.2"],
        capsys,
    )

    assert "--compare conflicts with it" in error


def test_compare_switched_off_setting(capsys):
    error = usage_error(
        [*DIGITS, "--compare", "checkpoint_path=a.keras,b.keras"], capsys
    )

    assert "has no effect because checkpoint is off" in error


@pytest.mark.parametrize(
    "setting", ["patience=1,2", "min_delta=0.1,0.2", "checkpoint_monitor=loss,val_loss"]
)
def test_switched_off_settings_rejected(setting):
    with pytest.raises(ConfigError, match="has no effect"):
        parse_spec(setting, RunConfig())


def test_config_error_not_recorded(tmp_path, monkeypatch):
    store, _ = open_run_store(tmp_path / "runs.sqlite")
    session = TrainerSession(store)
    config = RunConfig().replace(
        dataset="digits", epochs=1, tensorboard_dir=f"{READ_ONLY_FOLDER}/logs"
    )
    monkeypatch.setenv("TF_CONFIG", "{")
    try:
        with pytest.raises(ConfigError, match="tensorboard_dir"):
            session.train(config)
        with pytest.raises(ConfigError, match="TF_CONFIG is not valid JSON"):
            session.train(config.replace(tensorboard_dir=None, strategy="mirrored"))

        assert store.list_runs() == []
    finally:
        store.close()


def test_summary_wording():
    outcome = RunOutcome(
        reason="completed",
        epochs_completed=1,
        monitor="val_loss",
        best_epoch=1,
        best_value=36321526596696539136.0,
        held_epoch=1,
    )

    text = outcome.summary_text()

    assert "The run finished its only epoch." in text
    assert "best val_loss (3.632e+19)" in text


def test_preset_unwritable_output_dir(capsys):
    error = usage_error(
        [*DIGITS, "--preset", "save-restore", "--output-dir", READ_ONLY_FOLDER],
        capsys,
    )

    assert "--output-dir:" in error
    assert "cannot be written" in error
