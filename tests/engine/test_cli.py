"""Tests of ``main.py train``: output, files, exit statuses and messages."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from engine.cli import EXIT_FAILED, EXIT_OK, EXIT_USAGE, run
from engine.config import RunConfig
from engine.persistence import load_model

ROOT = Path(__file__).resolve().parents[2]


def test_digits_run_writes_outputs(tmp_path, capsys):
    history_path = tmp_path / "history.json"
    model_path = tmp_path / "model"

    options = "--dataset digits --epochs 2".split()
    status = run(
        [*options, "--history-out", str(history_path), "--save", str(model_path)]
    )

    assert status == EXIT_OK
    output = capsys.readouterr().out
    epoch_lines = [line for line in output.splitlines() if line.startswith("epoch ")]
    assert len(epoch_lines) == 2, output
    assert epoch_lines[0].startswith("epoch 1/2 ")
    assert epoch_lines[1].startswith("epoch 2/2 ")
    assert "val_accuracy" in epoch_lines[0]
    assert f"saved model to {tmp_path / 'model.keras'}" in output
    assert f"wrote history to {history_path}" in output

    document = json.loads(history_path.read_text(encoding="utf-8"))
    expected_config = RunConfig().replace(dataset="digits", epochs=2)
    assert document["config"] == expected_config.to_dict()
    assert set(document["history"]) == {"loss", "accuracy", "val_loss", "val_accuracy"}
    for name, values in document["history"].items():
        assert len(values) == 2, name
    assert document["epochs_completed"] == 2
    assert document["stopped"] is False

    loaded = load_model(tmp_path / "model.keras")
    assert tuple(loaded.model.input_shape) == (None, 8, 8)
    assert loaded.metadata["history"] == document["history"]


def test_settings_reach_config(tmp_path, capsys):
    history_path = tmp_path / "history.json"

    options = (
        "--dataset digits --epochs 1 --batch-size 64 --optimizer adam"
        " --learning-rate 0.01 --hidden-units 16 --activation tanh --dropout 0.2"
        " --validation-split 0.25 --seed 3"
    ).split()

    status = run([*options, "--history-out", str(history_path)])

    assert status == EXIT_OK
    document = json.loads(history_path.read_text(encoding="utf-8"))
    expected = RunConfig().replace(
        dataset="digits",
        epochs=1,
        batch_size=64,
        optimizer="adam",
        learning_rate=0.01,
        hidden_units=16,
        activation="tanh",
        dropout=0.2,
        validation_split=0.25,
        seed=3,
    )
    assert RunConfig.from_dict(document["config"]) == expected


@pytest.mark.parametrize(
    ("argv", "value", "allowed"),
    [
        (["--epochs", "0"], "epochs=0", "[1, 10000]"),
        (["--epochs", "2.5"], "'2.5'", "[1, 10000]"),
        (["--batch-size", "abc"], "'abc'", "[1, 65536]"),
        (["--learning-rate", "-1"], "learning_rate=-1.0", "(0.0, 10.0]"),
        (["--learning-rate", "nan"], "'nan'", "(0.0, 10.0]"),
        (["--learning-rate", "inf"], "'inf'", "(0.0, 10.0]"),
        (["--dropout", "1.5"], "dropout=1.5", "[0.0, 1.0)"),
        (["--validation-split", "1"], "validation_split=1.0", "[0.0, 1.0)"),
        (["--hidden-units", "0"], "hidden_units=0", "[1, 16384]"),
        (["--seed", "-1"], "seed=-1", "[0, "),
    ],
)
def test_bad_value_exits_with_usage(capsys, argv, value, allowed):
    with pytest.raises(SystemExit) as caught:
        run(["--dataset", "digits", *argv])

    assert caught.value.code == EXIT_USAGE
    error = capsys.readouterr().err
    assert value in error, error
    assert allowed in error, error


@pytest.mark.parametrize(
    ("argv", "fragment"),
    [
        (["--optimizer", "adamm"], "invalid choice: 'adamm'"),
        (["--dataset", "cifar10"], "invalid choice: 'cifar10'"),
        (["--history-out", "history.txt"], "must end in .json"),
        (["--history-out", "missing-folder/history.json"], "was not found"),
        (["--history-out", "afile/history.json"], "is a file, not a folder"),
        (["--save", "afile/model.keras"], "is a file, not a folder"),
        (["--save", "model.weights.h5"], "is a weights file name"),
        (["--dataset", "idx_folder"], "data_dir is missing"),
    ],
)
def test_bad_option_exits_with_usage(tmp_path, monkeypatch, capsys, argv, fragment):
    monkeypatch.chdir(tmp_path)
    # A file where an output's folder would be.
    (tmp_path / "afile").write_text("not a folder")

    with pytest.raises(SystemExit) as caught:
        run(argv)

    assert caught.value.code == EXIT_USAGE
    assert fragment in capsys.readouterr().err


def test_batch_too_large_fails(capsys):
    status = run(["--dataset", "digits", "--epochs", "1", "--batch-size", "5000"])

    assert status == EXIT_USAGE
    error = capsys.readouterr().err
    assert error.startswith("error: batch_size=5000")


def test_missing_data_folder_fails(tmp_path, capsys):
    missing = tmp_path / "nowhere"

    status = run(
        ["--dataset", "idx_folder", "--data-dir", str(missing), "--epochs", "1"]
    )

    assert status == EXIT_FAILED
    assert "was not found or is not a folder" in capsys.readouterr().err


def test_main_train_subprocess(tmp_path):
    completed = subprocess.run(
        [
            sys.executable,
            str(ROOT / "main.py"),
            "train",
            "--dataset",
            "digits",
            "--epochs",
            "1",
        ],
        cwd=tmp_path,
        env={**os.environ, "TF_CPP_MIN_LOG_LEVEL": "2"},
        capture_output=True,
        text=True,
        timeout=300,
    )

    assert completed.returncode == 0, completed.stderr[-2000:]
    assert "epoch 1/1 " in completed.stdout


def test_early_stopping_flags_reach_history(tmp_path, capsys):
    history_path = tmp_path / "history.json"
    checkpoint = tmp_path / "best.keras"
    options = (
        "--dataset digits --epochs 8 --optimizer adam --learning-rate 0.03"
        " --early-stopping 1 --monitor val_loss"
    ).split()

    status = run(
        [
            *options,
            "--checkpoint",
            str(checkpoint),
            "--history-out",
            str(history_path),
        ]
    )

    assert status == EXIT_OK
    output = capsys.readouterr().out
    assert "Early stopping ended the run at epoch 3." in output
    assert "evaluation of the kept weights: validation loss" in output
    document = json.loads(history_path.read_text(encoding="utf-8"))
    fit = document["config"]["fit"]
    assert fit["early_stopping"] is True
    assert fit["patience"] == 1
    assert fit["checkpoint_path"] == str(checkpoint)
    assert document["stop_reason"] == "early_stopping"
    assert document["stopped_epoch"] == 3
    assert document["best_epoch"] == 2
    assert document["held_epoch"] == 2
    assert document["checkpoint_epochs"] == [1, 2]
    evaluation = document["evaluation"]
    assert evaluation["validation"]["loss"] == pytest.approx(
        document["history"]["val_loss"][1], abs=1e-6
    )
    assert set(evaluation["test"]) == {"loss", "accuracy"}
    assert load_model(checkpoint).metadata["epoch"] == 2


def test_no_restore_best_keeps_last_epoch(tmp_path, capsys):
    history_path = tmp_path / "history.json"
    options = (
        "--dataset digits --epochs 8 --optimizer adam --learning-rate 0.03"
        " --early-stopping 1 --no-restore-best"
    ).split()

    status = run([*options, "--history-out", str(history_path)])

    assert status == EXIT_OK
    document = json.loads(history_path.read_text(encoding="utf-8"))
    assert document["config"]["fit"]["restore_best_weights"] is False
    assert document["held_epoch"] == 3
    assert document["best_epoch"] == 2
    assert document["evaluation"]["validation"]["loss"] == pytest.approx(
        document["history"]["val_loss"][2], abs=1e-6
    )


def test_no_validation_history_has_null_validation(tmp_path, capsys):
    history_path = tmp_path / "history.json"
    options = "--dataset digits --epochs 1 --validation-split 0 --early-stopping 2"

    status = run([*options.split(), "--history-out", str(history_path)])

    assert status == EXIT_OK
    document = json.loads(history_path.read_text(encoding="utf-8"))
    assert set(document["history"]) == {"loss", "accuracy"}
    assert document["config"]["fit"]["early_stopping_monitor"] == "loss"
    assert document["stopped_epoch"] is None
    assert document["best_epoch"] == 1
    assert document["evaluation"]["validation"] is None


def test_diverged_run_exits_failed(capsys):
    options = (
        "--dataset digits --epochs 2 --optimizer sgd --learning-rate 10"
        " --activation linear"
    ).split()

    status = run(options)

    assert status == EXIT_FAILED
    error = capsys.readouterr().err
    assert "the loss became" in error
    assert "Lower the learning rate (now 10)" in error


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["--monitor", "loss"], "--monitor has no effect without --early-stopping"),
        (["--no-restore-best"], "--no-restore-best has no effect without"),
        (["--min-delta", "0.1"], "--min-delta has no effect without"),
        (
            [
                "--early-stopping",
                "2",
                "--validation-split",
                "0",
                "--monitor",
                "val_loss",
            ],
            "validation_split=0.0",
        ),
        (["--checkpoint", "best.h5"], "must end in .keras"),
        (["--early-stopping", "-1"], "[0, 1000]"),
    ],
)
def test_bad_callback_flags_exit_with_usage(capsys, argv, expected):
    with pytest.raises(SystemExit) as caught:
        run(["--dataset", "digits", *argv])

    assert caught.value.code == EXIT_USAGE
    assert expected in capsys.readouterr().err


def test_existing_checkpoint_needs_overwrite(tmp_path, capsys):
    checkpoint = tmp_path / "best.keras"
    checkpoint.write_bytes(b"old")

    with pytest.raises(SystemExit) as caught:
        run(["--dataset", "digits", "--checkpoint", str(checkpoint)])

    assert caught.value.code == EXIT_USAGE
    assert "add --overwrite" in capsys.readouterr().err
    assert checkpoint.read_bytes() == b"old"
