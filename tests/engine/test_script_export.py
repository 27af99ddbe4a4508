"""Tests of the exported Python script: it runs alone and repeats the app's numbers."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pytest

from engine.config import RunConfig
from engine.data import IDX_NAMES, DatasetError
from engine.persistence import ModelFileError
from engine.script_export import _callbacks_code, export_script, render_script
from engine.session import TrainerSession

METRICS = ("loss", "accuracy", "val_loss", "val_accuracy")


def app_history(config: RunConfig) -> dict[str, tuple[float, ...]]:
    """Train ``config`` with TrainerSession on a worker thread, as the window does."""
    outcome = {}

    def work():
        outcome["result"] = TrainerSession().train(config)

    worker = threading.Thread(target=work, name="train-worker")
    worker.start()
    worker.join()
    return outcome["result"].history.metrics


def run_script(script: Path, tmp_path: Path, *arguments: str) -> dict:
    """Run an exported script in a fresh Python and return its history JSON."""
    history_path = tmp_path / "history.json"
    plot_path = tmp_path / "curves.png"
    environment = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="3")
    done = subprocess.run(
        [
            sys.executable,
            str(script),
            "--history-out",
            str(history_path),
            "--plot-out",
            str(plot_path),
            *arguments,
        ],
        cwd=tmp_path,
        env=environment,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert "test accuracy" in done.stdout
    assert plot_path.read_bytes().startswith(b"\x89PNG")
    return json.loads(history_path.read_text())


def assert_same_history(app: dict, script: dict, epochs: int) -> None:
    for metric in METRICS:
        assert len(script[metric]) == epochs, metric
        np.testing.assert_allclose(script[metric], app[metric], rtol=0, atol=1e-6)


def test_digits_script_matches_app(tmp_path):
    config = RunConfig().replace(dataset="digits", epochs=2, dropout=0.2, seed=3)
    script = export_script(config, tmp_path / "train_digits.py")
    assert os.access(script, os.X_OK)
    assert_same_history(app_history(config), run_script(script, tmp_path), 2)


@pytest.mark.real_data
def test_idx_folder_script_matches_app(tmp_path, fashion_slice, idx_writer):
    folder = tmp_path / "data"
    folder.mkdir()
    arrays = (
        fashion_slice.x_train[:2000],
        fashion_slice.y_train[:2000],
        fashion_slice.x_test[:200],
        fashion_slice.y_test[:200],
    )
    for name, array in zip(IDX_NAMES, arrays, strict=True):
        idx_writer(folder / f"{name}.gz", array)
    config = RunConfig().replace(
        data_dir=str(folder), optimizer="adam", dropout=0.3, epochs=2, batch_size=64
    )
    script = export_script(config, tmp_path / "train.py")
    assert_same_history(app_history(config), run_script(script, tmp_path), 2)


@pytest.mark.slow
@pytest.mark.real_data
def test_keras_cache_script_matches_app(tmp_path, fashion_mnist_dir):
    # The script reads Fashion-MNIST from $KERAS_HOME, which tests/conftest.py
    # points at a copy of the real files; the subprocess inherits it.
    config = RunConfig().replace(epochs=1, batch_size=128)
    script = export_script(config, tmp_path / "train.py")
    assert "keras.datasets.fashion_mnist.load_data()" in script.read_text()
    assert_same_history(app_history(config), run_script(script, tmp_path), 1)


def test_epochs_option_overrides(tmp_path):
    config = RunConfig().replace(dataset="digits", epochs=5)
    script = export_script(config, tmp_path / "train.py")
    history = run_script(script, tmp_path, "--epochs", "1")
    assert len(history["loss"]) == 1


def test_script_is_valid_python():
    for config in (
        RunConfig(),
        RunConfig().replace(dataset="digits", dropout=0.5, activation="gelu"),
        RunConfig().replace(optimizer="sgd", learning_rate=0.05, seed=0),
    ):
        text = render_script(config)
        compile(text, "exported.py", "exec")
        assert f"SEED = {config.seed}" in text
        assert f"EPOCHS = {config.fit.epochs}" in text


def test_script_names_settings():
    config = RunConfig().replace(
        optimizer="adamw", learning_rate=0.0005, hidden_units=64, dropout=0.25
    )
    text = render_script(config)
    assert "keras.optimizers.AdamW(learning_rate=0.0005)" in text
    assert 'keras.layers.Dense(64, activation="relu")' in text
    assert "keras.layers.Dropout(0.25)" in text
    assert "random_state=SEED" in text


def test_no_dropout_layer_without_dropout():
    assert "Dropout" not in render_script(RunConfig().replace(dropout=0.0))


def test_idx_paths_embedded(tmp_path, make_idx_folder):
    folder = make_idx_folder()
    text = render_script(
        RunConfig().replace(dataset="idx_folder", data_dir=str(folder))
    )
    for name in IDX_NAMES:
        assert str(folder / f"{name}.gz") in text
    assert "num_classes = int(max(" in text


def test_missing_idx_files_raise(tmp_path):
    config = RunConfig().replace(dataset="idx_folder", data_dir=str(tmp_path))
    with pytest.raises(DatasetError, match="is missing"):
        export_script(config, tmp_path / "train.py")
    assert not (tmp_path / "train.py").exists()


def test_missing_output_folder_raises(tmp_path):
    with pytest.raises(ModelFileError, match="was not found"):
        export_script(RunConfig(), tmp_path / "gone" / "train.py")


def test_callbacks_from_settings():
    fit = SimpleNamespace(
        tensorboard_dir="/tmp/logs",
        early_stopping=True,
        early_stopping_monitor="val_loss",
        patience=3,
        min_delta=0.001,
        restore_best_weights=True,
        checkpoint=True,
        checkpoint_monitor="val_accuracy",
        checkpoint_path=None,
    )
    code = _callbacks_code(SimpleNamespace(fit=fit))
    assert 'log_dir = os.path.join("/tmp/logs", time.strftime(' in code
    assert "keras.callbacks.TensorBoard(log_dir=log_dir)" in code
    assert 'EarlyStopping(monitor="val_loss", patience=3' in code
    assert "restore_best_weights=True" in code
    assert 'ModelCheckpoint("best.keras", monitor="val_accuracy"' in code
    compile(code, "callbacks.py", "exec")


def test_tensorboard_script_imports(tmp_path):
    text = render_script(RunConfig().replace(tensorboard_dir=str(tmp_path)))
    assert "import os\n" in text
    assert "import time\n" in text
    compile(text, "exported.py", "exec")


def test_no_callbacks_by_default():
    assert _callbacks_code(RunConfig()) == "callbacks = []"
