"""Tests of the tutorial presets: their settings, the CLI, and equality with Keras.

Each preset runs on a slice of the real Fashion-MNIST with seed 42 and must
give the per-epoch numbers of a plain Keras script doing the same steps.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import keras
import numpy as np
import pytest
from sklearn.model_selection import train_test_split

from engine.cli import EXIT_OK, EXIT_USAGE, run
from engine.compare import CompareSpec, run_comparison
from engine.config import ConfigError, RunConfig
from engine.data import split_images
from engine.presets import (
    CHECKPOINT_FILE,
    PRESETS,
    format_presets,
    get_preset,
    save_and_restore,
)
from engine.session import TrainerSession

ROOT = Path(__file__).resolve().parents[2]

# Every preset's settings, as the tutorial runs them. Settings not listed
# keep the tutorial defaults: 100 ReLU units, batch 32, learning rate 0.001,
# validation fraction 0.2 and seed 42.
EXPECTED = {
    "loss-curve": {"optimizer": "rmsprop", "epochs": 5, "validation_split": 0.0},
    "validation-loss": {"optimizer": "rmsprop", "epochs": 20},
    "adam": {"optimizer": "adam", "epochs": 20},
    "learning-rates": {"optimizer": "adam", "epochs": 20},
    "dropout": {"optimizer": "adam", "epochs": 20, "dropout": 0.3},
    "save-restore": {"optimizer": "adam", "epochs": 10, "dropout": 0.3},
    "early-stopping": {
        "optimizer": "adam",
        "epochs": 20,
        "dropout": 0.3,
        "early_stopping": True,
        "early_stopping_monitor": "val_loss",
        "patience": 2,
        "restore_best_weights": True,
        "checkpoint": True,
        "checkpoint_monitor": "val_loss",
    },
}
METRICS = ("loss", "accuracy", "val_loss", "val_accuracy")


class SliceSession(TrainerSession):
    """A session that trains on a fixed ImageSet instead of loading one."""

    def __init__(self, images):
        super().__init__()
        self.images = images

    def data(self, config, seed):
        return split_images(self.images, config.validation_split, seed)


def plain_keras_run(images, config: RunConfig, callbacks=()):
    """Train as a tutorial script does; return History.history and the model."""
    x = images.x_train / 255.0
    y = images.y_train
    validation = None
    if config.data.validation_split > 0:
        x, x_val, y, y_val = train_test_split(
            x, y, test_size=config.data.validation_split, random_state=42
        )
        validation = (x_val, y_val)
    keras.utils.set_random_seed(42)
    layers = [
        keras.Input(shape=(28, 28)),
        keras.layers.Flatten(),
        keras.layers.Dense(100, activation="relu"),
    ]
    if config.model.dropout > 0:
        layers.append(keras.layers.Dropout(config.model.dropout))
    layers.append(keras.layers.Dense(10, activation="softmax"))
    model = keras.Sequential(layers)
    optimizers = {"adam": keras.optimizers.Adam, "rmsprop": keras.optimizers.RMSprop}
    model.compile(
        optimizer=optimizers[config.fit.optimizer](
            learning_rate=config.fit.learning_rate
        ),
        loss="sparse_categorical_crossentropy",
        metrics=["accuracy"],
    )
    history = model.fit(
        x,
        y,
        epochs=config.fit.epochs,
        batch_size=32,
        validation_data=validation,
        callbacks=list(callbacks),
        verbose=0,
    )
    return history.history, model


def assert_same_history(actual: dict, expected: dict) -> None:
    assert set(actual) == set(expected)
    for name, values in expected.items():
        assert actual[name] == pytest.approx(values, rel=0, abs=1e-6), name


# Settings -------------------------------------------------------------------


def test_presets_have_expected_names():
    assert list(PRESETS) == list(EXPECTED)


@pytest.mark.parametrize("name", list(EXPECTED))
def test_preset_settings(name, tmp_path):
    config = PRESETS[name].config(output_dir=tmp_path)
    expected = RunConfig().flat()
    expected.update(EXPECTED[name])
    if name == "early-stopping":
        expected["checkpoint_path"] = str(tmp_path / CHECKPOINT_FILE)
    if name == "loss-curve":
        # Unused while early stopping and the checkpoint are off.
        expected["early_stopping_monitor"] = "loss"
        expected["checkpoint_monitor"] = "loss"
    assert config.flat() == expected


def test_comparison_preset_values():
    assert PRESETS["learning-rates"].compare == CompareSpec(
        "learning_rate", (0.01, 0.001, 0.0001)
    )
    assert PRESETS["save-restore"].save_and_restore
    others = [p for p in PRESETS.values() if p.name != "learning-rates"]
    assert all(preset.compare is None for preset in others)


def test_preset_keeps_data_source(tmp_path):
    base = RunConfig().replace(
        dataset="idx_folder", data_dir=str(tmp_path), hidden_units=7, seed=3
    )
    config = PRESETS["adam"].config(base)

    assert config.data.dataset == "idx_folder"
    assert config.data.data_dir == str(tmp_path)
    assert config.model.hidden_units == 100
    assert config.seed == 42


def test_unknown_preset_names_choices():
    with pytest.raises(ConfigError) as caught:
        get_preset("adamw")
    assert "'adamw' is not a preset" in str(caught.value)
    assert "loss-curve" in str(caught.value)
    assert get_preset("Early_Stopping") is PRESETS["early-stopping"]


def test_presets_command_lists_names():
    completed = subprocess.run(
        [sys.executable, "main.py", "presets"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    lines = completed.stdout.splitlines()
    assert lines == format_presets().splitlines()
    assert [line.split()[0] for line in lines] == list(PRESETS)
    for line, preset in zip(lines, PRESETS.values(), strict=True):
        assert line.endswith(preset.description)


# Command line ---------------------------------------------------------------


def test_cli_preset_with_overrides(tmp_path, capsys):
    path = tmp_path / "history.json"
    argv = "--preset dropout --dataset digits --epochs 2 --validation-split 0.2"

    status = run([*argv.split(), "--history-out", str(path)])

    assert status == EXIT_OK, capsys.readouterr().err
    document = json.loads(path.read_text(encoding="utf-8"))
    expected = PRESETS["dropout"].config().replace(dataset="digits", epochs=2)
    assert document["config"] == expected.to_dict()
    assert len(document["history"]["loss"]) == 2


def test_cli_comparison_preset(tmp_path, capsys):
    path = tmp_path / "history.json"
    argv = "--preset learning-rates --dataset digits --epochs 1"

    status = run([*argv.split(), "--history-out", str(path)])

    assert status == EXIT_OK, capsys.readouterr().err
    document = json.loads(path.read_text(encoding="utf-8"))
    assert [r["label"] for r in document["runs"]] == [
        "lr=0.01",
        "lr=0.001",
        "lr=0.0001",
    ]
    assert document["config"]["fit"]["optimizer"] == "adam"


def test_cli_save_restore_preset(tmp_path, capsys):
    argv = "--preset save-restore --dataset digits --epochs 2 --output-dir"

    status = run([*argv.split(), str(tmp_path)])

    assert status == EXIT_OK, capsys.readouterr().err
    output = capsys.readouterr().out
    assert (tmp_path / "model.weights.h5").is_file()
    assert (tmp_path / "model-whole.keras").is_file()
    names = ("trained model", "weights from", "model from")
    lines = [line for line in output.splitlines() if line.startswith(names)]
    assert len(lines) == 3, output
    # The three rows hold the same numbers after their names.
    numbers = {line[34:] for line in lines}
    assert len(numbers) == 1, lines


def test_cli_preset_keeps_existing_files(tmp_path, capsys):
    (tmp_path / "model-whole.keras").write_text("keep me", encoding="utf-8")
    argv = "--preset save-restore --dataset digits --output-dir"

    with pytest.raises(SystemExit) as caught:
        run([*argv.split(), str(tmp_path)])

    assert caught.value.code == EXIT_USAGE
    assert "already exists" in capsys.readouterr().err
    assert (tmp_path / "model-whole.keras").read_text(encoding="utf-8") == "keep me"


def test_cli_unknown_preset(capsys):
    with pytest.raises(SystemExit) as caught:
        run(["--preset", "fastest"])
    assert caught.value.code == EXIT_USAGE
    assert "'fastest' is not a preset" in capsys.readouterr().err


# Equality with a plain Keras script on real data ---------------------------------


@pytest.mark.real_data
@pytest.mark.parametrize(
    "name", ["loss-curve", "validation-loss", "adam", "dropout", "save-restore"]
)
def test_single_run_preset_matches_keras(name, fashion_slice, tmp_path):
    config = PRESETS[name].config(output_dir=tmp_path)
    session = SliceSession(fashion_slice)

    result = session.train(config)
    expected, _ = plain_keras_run(fashion_slice, config)

    assert_same_history(result.history.to_dict(), expected)
    if name == "loss-curve":
        assert set(expected) == {"loss", "accuracy"}
        losses = expected["loss"]
        assert losses == sorted(losses, reverse=True)


@pytest.mark.real_data
@pytest.mark.parametrize(
    "epochs", [3, pytest.param(None, marks=pytest.mark.slow, id="all-epochs")]
)
def test_learning_rates_preset_matches_keras(fashion_slice, epochs):
    preset = PRESETS["learning-rates"]
    config = preset.config()
    if epochs is not None:
        config = config.replace(epochs=epochs)
    session = SliceSession(fashion_slice)

    result = run_comparison(config, preset.compare, session.train)

    assert len(result.outcomes) == 3
    for outcome in result.outcomes:
        expected, _ = plain_keras_run(fashion_slice, outcome.run.config)
        assert_same_history(outcome.history.to_dict(), expected)


@pytest.mark.real_data
def test_save_restore_preset_reloads_same(fashion_slice, tmp_path):
    preset = PRESETS["save-restore"]
    config = preset.config(output_dir=tmp_path)
    session = SliceSession(fashion_slice)
    session.train(config)

    report = save_and_restore(session, config, tmp_path)

    assert report.weights_path == tmp_path / "model.weights.h5"
    assert report.model_path == tmp_path / "model-whole.keras"
    for copy in (report.from_weights, report.from_model):
        assert copy.validation == pytest.approx(report.trained.validation, abs=1e-6)
        assert copy.test == pytest.approx(report.trained.test, abs=1e-6)

    # A plain script evaluates its own trained model to the same numbers.
    _, model = plain_keras_run(fashion_slice, config)
    x_test = fashion_slice.x_test / 255.0
    loss, accuracy = model.evaluate(x_test, fashion_slice.y_test, verbose=0)
    assert report.trained.test["loss"] == pytest.approx(loss, abs=1e-6)
    assert report.trained.test["accuracy"] == pytest.approx(accuracy, abs=1e-6)


@pytest.mark.real_data
def test_early_stopping_preset_matches_keras(fashion_slice, tmp_path):
    config = PRESETS["early-stopping"].config(output_dir=tmp_path / "app")
    (tmp_path / "app").mkdir()
    session = SliceSession(fashion_slice)

    result = session.train(config)
    expected, model = plain_keras_run(
        fashion_slice,
        config,
        callbacks=[
            keras.callbacks.ModelCheckpoint(
                str(tmp_path / "best-model.keras"), save_best_only=True
            ),
            keras.callbacks.EarlyStopping(patience=2, restore_best_weights=True),
        ],
    )

    assert_same_history(result.history.to_dict(), expected)
    assert len(expected["loss"]) < config.fit.epochs, "early stopping never fired"
    assert (tmp_path / "app" / CHECKPOINT_FILE).is_file()
    # Both hold the weights of the best epoch.
    for mine, theirs in zip(
        session.model.get_weights(), model.get_weights(), strict=True
    ):
        np.testing.assert_allclose(mine, theirs, rtol=0, atol=1e-6)
