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
from engine.persistence import ModelFileError, check_checkpoint_file
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


# Checks at the start of the script ---------------------------------------------

# Loaded through PYTHONPATH by the script's Python, so that a script that tries
# to download fails at once instead of reaching the network.
_NO_NETWORK = """\
import socket


def _block_connection(*args, **kwargs):
    raise OSError("network access is disabled in this test")


socket.socket.connect = _block_connection
socket.create_connection = _block_connection
"""


def run_rejected(script: Path, tmp_path: Path, *arguments: str, **environment: str):
    """Run ``script`` offline, expect exit status 2, and return its error line."""
    guard = tmp_path / "no-network"
    guard.mkdir(exist_ok=True)
    (guard / "sitecustomize.py").write_text(_NO_NETWORK, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, str(script), *arguments],
        cwd=tmp_path,
        env=dict(
            os.environ, TF_CPP_MIN_LOG_LEVEL="3", PYTHONPATH=str(guard), **environment
        ),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 2, done.stderr[-3000:]
    assert "Traceback" not in done.stderr
    assert "Epoch 1/" not in done.stdout, "the script trained before it failed"
    errors = [line for line in done.stderr.splitlines() if line.startswith("error: ")]
    assert len(errors) == 1, done.stderr[-3000:]
    return errors[0]


def test_script_without_keras_cache_stops(tmp_path):
    script = export_script(RunConfig(), tmp_path / "train.py")
    empty_home = tmp_path / "empty-keras-home"

    line = run_rejected(script, tmp_path, KERAS_HOME=str(empty_home))

    assert str(empty_home / "datasets" / "fashion-mnist") in line
    assert "was not found" in line
    assert "never downloads" in line


def test_script_with_removed_idx_folder_stops(tmp_path, make_idx_folder):
    folder = make_idx_folder()
    config = RunConfig().replace(dataset="idx_folder", data_dir=str(folder))
    script = export_script(config, tmp_path / "train.py")
    for file in folder.iterdir():
        file.unlink()
    folder.rmdir()

    line = run_rejected(script, tmp_path)

    assert f"data folder {folder} was not found" in line
    assert "export the script again" in line


def test_script_rejects_zero_epochs(tmp_path):
    script = export_script(RunConfig().replace(dataset="digits"), tmp_path / "t.py")

    line = run_rejected(script, tmp_path, "--epochs", "0")

    assert "--epochs 0 is invalid" in line
    assert "at least 1" in line


def test_script_rejects_missing_output_folder(tmp_path):
    script = export_script(RunConfig().replace(dataset="digits"), tmp_path / "t.py")
    history = tmp_path / "nodir" / "h.json"

    line = run_rejected(script, tmp_path, "--history-out", str(history))

    assert f"--history-out {history}" in line
    assert f"folder {tmp_path / 'nodir'} was not found" in line


def test_export_checks_checkpoint_folder(tmp_path):
    checkpoint = tmp_path / "missing" / "best.keras"
    config = RunConfig().replace(checkpoint=True, checkpoint_path=str(checkpoint))
    with pytest.raises(ModelFileError) as caught:
        check_checkpoint_file(checkpoint)

    with pytest.raises(ModelFileError) as exported:
        export_script(config, tmp_path / "train.py")

    assert str(exported.value) == str(caught.value)
    assert "was not found" in str(exported.value)
    assert not (tmp_path / "train.py").exists()


def test_export_names_file_in_checkpoint_path(tmp_path):
    (tmp_path / "afile").write_text("x", encoding="utf-8")
    checkpoint = tmp_path / "afile" / "best.keras"
    config = RunConfig().replace(checkpoint=True, checkpoint_path=str(checkpoint))

    with pytest.raises(ModelFileError) as caught:
        export_script(config, tmp_path / "train.py")

    assert f"{str(tmp_path / 'afile')!r} is a file, not a folder" in str(caught.value)
