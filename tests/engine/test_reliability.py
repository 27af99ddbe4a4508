"""Bad files, paths and faults that the engine must report with a clear message.

Each test here is named in docs/RELIABILITY.md next to the case it covers.
"""

from __future__ import annotations

import errno
import json
import logging
import os
import signal
import subprocess
import sys
import textwrap
import threading
import time
import zipfile
from pathlib import Path

import h5py
import keras
import numpy as np
import pytest

from engine import persistence
from engine.app_logging import LOG_FILE_NAME, configure_logging
from engine.cli import run
from engine.config import DataConfig, RunConfig
from engine.data import scale_images
from engine.paths import display_path
from engine.persistence import ModelFileError
from engine.session import TrainerSession

ROOT = Path(__file__).resolve().parents[2]
DIGITS = DataConfig(dataset="digits")
CONFIG = RunConfig().replace(dataset="digits", epochs=1, hidden_units=16)


@pytest.fixture(scope="module")
def trained() -> TrainerSession:
    """A Digits session shared by the tests here; none may change it."""
    session = TrainerSession()
    session.train(CONFIG)
    return session


@pytest.fixture
def session(trained, tmp_path) -> TrainerSession:
    """A session of its own with a copy of the trained model."""
    path = trained.save_model(tmp_path / "original.keras")
    session = TrainerSession()
    session.load_model(path, DIGITS, CONFIG.seed)
    return session


def predictions(session: TrainerSession) -> np.ndarray:
    data = session.data(DIGITS, CONFIG.seed)
    return session.model.predict(scale_images(data.x_test[:50]), verbose=0)


def digits_model(*middle: keras.layers.Layer) -> keras.Model:
    layers = [keras.Input((8, 8)), keras.layers.Flatten(), *middle]
    return keras.Sequential([*layers, keras.layers.Dense(10, activation="softmax")])


# Model and weight files ------------------------------------------------------


def test_truncated_keras_rejected(trained, session, tmp_path):
    whole = trained.save_model(tmp_path / "whole.keras").read_bytes()
    path = tmp_path / "cut.keras"
    path.write_bytes(whole[: len(whole) // 2])
    model = session.model

    with pytest.raises(ModelFileError, match="cut.keras") as caught:
        session.load_model(path, DIGITS, CONFIG.seed)

    assert "choose a .keras file" in str(caught.value)
    assert session.model is model


def test_truncated_h5_rejected(trained, session, tmp_path):
    whole = trained.save_model(tmp_path / "whole.h5").read_bytes()
    path = tmp_path / "cut.h5"
    path.write_bytes(whole[: len(whole) // 2])
    model = session.model

    with pytest.raises(ModelFileError, match="cut.h5"):
        session.load_model(path, DIGITS, CONFIG.seed)

    assert session.model is model


def test_image_renamed_keras_rejected(session, tmp_path):
    path = tmp_path / "photo.keras"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))

    with pytest.raises(ModelFileError, match="is not a Keras archive"):
        session.load_model(path, DIGITS, CONFIG.seed)


def test_savedmodel_folder_rejected(session, tmp_path):
    folder = tmp_path / "exported"
    (folder / "variables").mkdir(parents=True)
    (folder / "saved_model.pb").write_bytes(b"\x08\x01")

    with pytest.raises(ModelFileError) as caught:
        session.load_model(folder, DIGITS, CONFIG.seed)

    message = str(caught.value)
    assert "TensorFlow SavedModel folder" in message
    assert "save it as .keras" in message


def test_lambda_layer_rejected(session, tmp_path):
    model = digits_model(keras.layers.Lambda(lambda x: x * 2.0))
    path = tmp_path / "lambda.keras"
    model.save(path)
    current = session.model

    with pytest.raises(ModelFileError, match="lambda.keras"):
        session.load_model(path, DIGITS, CONFIG.seed)

    assert session.model is current


def test_unknown_custom_layer_rejected(session, tmp_path):
    path = tmp_path / "custom.keras"
    # The layer class exists only in the child process, as in a file from
    # someone else's project.
    code = textwrap.dedent(
        f"""
        import keras

        @keras.saving.register_keras_serializable(package="elsewhere")
        class Doubling(keras.layers.Layer):
            def call(self, x):
                return x * 2.0

        model = keras.Sequential(
            [keras.Input((8, 8)), keras.layers.Flatten(), Doubling(),
             keras.layers.Dense(10, activation="softmax")]
        )
        model.save({str(path)!r})
        """
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=180)
    current = session.model

    with pytest.raises(ModelFileError, match="custom.keras") as caught:
        session.load_model(path, DIGITS, CONFIG.seed)

    assert "uses layers that are not part of Keras: elsewhere>Doubling" in str(
        caught.value
    )
    assert session.model is current


def make_keras2_h5(trained: TrainerSession, path: Path) -> Path:
    """Write an .h5 model whose attributes are those Keras 2.15 writes."""
    trained.save_model(path)
    optimizer = {
        "class_name": "Adam",
        "config": {
            "name": "Adam",
            "learning_rate": 0.001,
            "decay": 0.0,
            "beta_1": 0.9,
            "beta_2": 0.999,
            "epsilon": 1e-07,
            "amsgrad": False,
        },
    }
    training = {
        "loss": "sparse_categorical_crossentropy",
        "metrics": ["accuracy"],
        "optimizer_config": optimizer,
    }
    with h5py.File(path, "a") as handle:
        handle.attrs["keras_version"] = "2.15.0"
        handle.attrs["training_config"] = json.dumps(training)
        if "optimizer_weights" in handle:
            del handle["optimizer_weights"]
    return path


def test_keras2_h5_compiled_with_form(trained, tmp_path):
    path = make_keras2_h5(trained, tmp_path / "old.h5")
    session = TrainerSession()
    fit = RunConfig().replace(optimizer="sgd", learning_rate=0.01).fit

    info = session.load_model(path, DIGITS, CONFIG.seed, fit)

    assert len(info.notes) == 1
    assert "Keras 2.15.0" in info.notes[0]
    assert "compiled with the form's settings (sgd" in info.notes[0]
    assert type(session.model.optimizer).__name__ == "SGD"
    evaluation = session.evaluate(DIGITS, CONFIG.seed)
    assert 0 <= evaluation.test["accuracy"] <= 1


def test_keras3_h5_keeps_optimizer(trained, tmp_path):
    path = trained.save_model(tmp_path / "new.h5")

    info = TrainerSession().load_model(path, DIGITS, CONFIG.seed)

    assert info.notes == ()


# Paths ----------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["model", "weights"])
def test_korean_path_round_trip(session, tmp_path, kind):
    folder = tmp_path / "실험 결과" / "모델"
    folder.mkdir(parents=True)
    expected = predictions(session)

    if kind == "model":
        saved = session.save_model(folder / "패션 분류기")
        assert saved.name == "패션 분류기.keras"
        other = TrainerSession()
        other.load_model(saved, DIGITS, CONFIG.seed)
    else:
        saved = session.save_weights(folder / "가중치")
        assert saved.name == "가중치.weights.h5"
        other = TrainerSession()
        other.load_weights(saved, CONFIG)

    np.testing.assert_array_equal(expected, predictions(other))


def test_korean_data_folder(tmp_path, make_idx_folder):
    folder = make_idx_folder("데이터", shape=(6, 6))
    config = RunConfig().replace(dataset="idx_folder", data_dir=str(folder), epochs=1)

    result = TrainerSession().train(config)

    assert result.epochs_completed == 1


def test_full_disk_keeps_old_file(session, tmp_path, monkeypatch):
    path = tmp_path / "model.keras"
    path.write_bytes(b"previous model")

    def fill_disk(target, *args, **kwargs):
        Path(target).write_bytes(b"partial")
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(session.model, "save", fill_disk)

    with pytest.raises(ModelFileError) as caught:
        session.save_model(path)

    message = str(caught.value)
    assert "No space left on device" in message
    assert "earlier file of that name is unchanged" in message
    assert path.read_bytes() == b"previous model"
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "model.keras",
        "original.keras",
    ]


def test_unwritable_folder_message(session, tmp_path, monkeypatch):
    def deny(*args, **kwargs):
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES))

    monkeypatch.setattr(persistence.tempfile, "mkstemp", deny)

    with pytest.raises(ModelFileError) as caught:
        session.save_model(tmp_path / "model.keras")

    message = str(caught.value)
    assert "Cannot write in" in message
    assert "Permission denied" in message
    assert "Choose a folder you can write to" in message


def test_saved_file_permissions(session, tmp_path):
    path = session.save_model(tmp_path / "shared.keras")
    mask = os.umask(0)
    os.umask(mask)

    assert path.stat().st_mode & 0o777 == 0o666 & ~mask


def test_killed_save_keeps_old_file(trained, tmp_path):
    """Kill a process while it saves over a model, many times; the file always loads."""
    path = trained.save_model(tmp_path / "model.keras")
    code = textwrap.dedent(
        f"""
        import sys
        sys.path.insert(0, {str(ROOT)!r})
        from engine.session import TrainerSession
        from engine.config import DataConfig
        session = TrainerSession()
        session.load_model({str(path)!r}, DataConfig(dataset="digits"), 42)
        print("ready", flush=True)
        while True:
            session.save_model({str(path)!r})
        """
    )
    for delay in (0.05, 0.13, 0.29, 0.41, 0.67):
        child = subprocess.Popen(
            [sys.executable, "-c", code], stdout=subprocess.PIPE, text=True
        )
        assert child.stdout.readline().strip() == "ready"
        time.sleep(delay)
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=60)
        child.stdout.close()

        with zipfile.ZipFile(path) as archive:
            assert archive.testzip() is None, f"damaged after a kill at {delay} s"
        TrainerSession().load_model(path, DIGITS, CONFIG.seed)


# Command line -----------------------------------------------------------------


def test_cli_save_existing_needs_overwrite(tmp_path, capsys):
    path = tmp_path / "model.keras"
    path.write_bytes(b"keep me")

    with pytest.raises(SystemExit) as caught:
        run(["--dataset", "digits", "--epochs", "1", "--save", str(path)])

    error_output = capsys.readouterr().err
    assert caught.value.code == 2
    assert "already exists" in error_output
    assert "--overwrite" in error_output
    assert path.read_bytes() == b"keep me"


def test_cli_overwrite_replaces(tmp_path, capsys):
    path = tmp_path / "model.keras"
    path.write_bytes(b"old")
    history = tmp_path / "history.json"
    history.write_text("{}")

    status = run(
        [
            "--dataset",
            "digits",
            "--epochs",
            "1",
            "--save",
            str(path),
            "--history-out",
            str(history),
            "--overwrite",
        ]
    )

    assert status == 0
    assert zipfile.is_zipfile(path)
    assert json.loads(history.read_text())["history"]["loss"]


# Logging ----------------------------------------------------------------------


@pytest.fixture
def clean_logging():
    """Restore the root logger's handlers and the exception hooks after a test."""
    root = logging.getLogger()
    handlers = list(root.handlers)
    level = root.level
    hooks = (sys.excepthook, threading.excepthook)
    yield
    for handler in root.handlers:
        if handler not in handlers:
            handler.close()
    root.handlers = handlers
    root.setLevel(level)
    sys.excepthook, threading.excepthook = hooks


def test_log_file_rotates(tmp_path, clean_logging, monkeypatch):
    monkeypatch.setattr("engine.app_logging.MAX_LOG_BYTES", 2_000)

    path = configure_logging(console_level=None, log_dir=tmp_path / "logs")
    for number in range(100):
        logging.getLogger("engine.test").info(
            "record %d with some padding text", number
        )

    assert path == tmp_path / "logs" / LOG_FILE_NAME
    assert "record 99" in path.read_text(encoding="utf-8")
    assert (tmp_path / "logs" / f"{LOG_FILE_NAME}.1").is_file()


def test_uncaught_errors_logged(tmp_path, clean_logging):
    path = configure_logging(console_level=None, log_dir=tmp_path)

    def fail():
        raise RuntimeError("worker exploded")

    thread = threading.Thread(target=fail, name="doomed-worker")
    thread.start()
    thread.join()
    try:
        raise ValueError("main thread error")
    except ValueError:
        sys.excepthook(*sys.exc_info())

    text = path.read_text(encoding="utf-8")
    assert "Uncaught RuntimeError in thread doomed-worker" in text
    assert "worker exploded" in text
    assert "Uncaught ValueError" in text


def test_unwritable_log_folder_falls_back(tmp_path, clean_logging):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")

    assert configure_logging(console_level=None, log_dir=blocker / "logs") is None


def test_display_path_hides_home(monkeypatch, tmp_path):
    monkeypatch.setenv("HOME", str(tmp_path))

    assert display_path(tmp_path / "models" / "a.keras") == "~/models/a.keras"
    assert display_path("/opt/data") == "/opt/data"
    assert display_path(str(tmp_path) + "-other/x") == str(tmp_path) + "-other/x"


def test_damaged_cache_file_named(tmp_path, monkeypatch):
    import engine.data

    cache = tmp_path / "datasets"
    (cache / "fashion-mnist").mkdir(parents=True)
    (cache / "fashion-mnist" / "train-labels-idx1-ubyte.gz").write_bytes(
        b"<html>Service unavailable</html>"
    )

    def failing_load_data():
        raise EOFError("Compressed file ended before the end-of-stream marker")

    monkeypatch.setattr(engine.data, "keras_datasets_dir", lambda: cache)
    monkeypatch.setattr(keras.datasets.fashion_mnist, "load_data", failing_load_data)

    with pytest.raises(engine.data.DatasetError) as caught:
        engine.data.load_images(DataConfig())

    message = str(caught.value)
    assert "damaged Fashion-MNIST file" in message
    assert "train-labels-idx1-ubyte.gz" in message
    assert "is not a gzip file" in message
    assert "Delete that file" in message


# Found by trying to break the app ------------------------------------------------


def test_builtin_dataset_needs_its_image_size(tmp_path, make_idx_folder):
    from engine.data import DatasetError, load_images

    folder = make_idx_folder("small", shape=(32, 32), classes=10)

    with pytest.raises(DatasetError, match="but Fashion-MNIST images are 28x28"):
        load_images(DataConfig(dataset="fashion_mnist", data_dir=str(folder)))


def test_damaged_gzip_data_named(tmp_path):
    import gzip

    from engine.data import DatasetError, read_idx

    path = tmp_path / "train-images-idx3-ubyte.gz"
    content = bytearray(gzip.compress(bytes(4000)))
    content[20:40] = b"\xff" * 20
    path.write_bytes(bytes(content))

    with pytest.raises(DatasetError) as caught:
        read_idx(path)

    message = str(caught.value)
    assert "train-images-idx3-ubyte.gz" in message
    assert "damaged gzip file" in message
    assert "web page" not in message


def test_huge_idx_header_message(tmp_path):
    import struct

    from engine.data import DatasetError, read_idx

    path = tmp_path / "images"
    path.write_bytes(
        bytes([0, 0, 8, 3]) + struct.pack(">3I", 4_000_000_000, 60_000, 60_000)
    )

    with pytest.raises(DatasetError) as caught:
        read_idx(path)

    assert "should contain 14400000000000000000 bytes" in str(caught.value)


@pytest.mark.parametrize(
    ("dataset", "labels", "fragment"),
    [
        (
            "fashion_mnist",
            [0, 1, 12],
            "contains label 12, but Fashion-MNIST has 10 classes",
        ),
        ("idx_folder", [0, 0, 0], "contains only label 0"),
    ],
)
def test_labels_outside_classes_rejected(
    tmp_path, idx_writer, dataset, labels, fragment
):
    from engine.data import (
        FASHION_MNIST_CLASSES,
        IDX_NAMES,
        DatasetError,
        load_idx_folder,
    )

    images = np.zeros((len(labels), 28, 28), dtype=np.uint8)
    arrays = (images, np.array(labels, dtype=np.uint8)) * 2
    for name, array in zip(IDX_NAMES, arrays, strict=True):
        idx_writer(tmp_path / name, array)
    classes = FASHION_MNIST_CLASSES if dataset == "fashion_mnist" else None

    with pytest.raises(DatasetError, match=fragment):
        load_idx_folder(tmp_path, dataset, classes)


def test_replaced_data_files_reloaded(tmp_path, make_idx_folder):
    folder = make_idx_folder("data", shape=(6, 6))
    config = DataConfig(dataset="idx_folder", data_dir=str(folder))
    session = TrainerSession()
    first = session.data(config, 42)

    make_idx_folder("data", shape=(5, 7), seed=1)
    second = session.data(config, 42)

    assert first.image_shape == (6, 6)
    assert second.image_shape == (5, 7)


def test_save_onto_folder_rejected(session, tmp_path):
    (tmp_path / "d.keras").mkdir()

    with pytest.raises(ModelFileError, match="is a folder. Choose a file name"):
        session.save_model(tmp_path / "d.keras")


def test_upper_case_suffix_saved_lower(session, tmp_path):
    saved = session.save_model(tmp_path / "M.KERAS")

    assert saved.name == "M.keras"
    TrainerSession().load_model(saved, DIGITS, CONFIG.seed)


def test_upper_case_suffix_load_message(session, tmp_path):
    saved = session.save_model(tmp_path / "upper.keras")
    renamed = saved.rename(tmp_path / "UPPER.KERAS")

    with pytest.raises(ModelFileError, match="Rename the file to end in .keras"):
        TrainerSession().load_model(renamed, DIGITS, CONFIG.seed)


def test_truncated_weights_message(session, tmp_path):
    whole = session.save_weights(tmp_path / "whole.weights.h5").read_bytes()
    path = tmp_path / "cut.weights.h5"
    path.write_bytes(whole[: len(whole) // 2])

    with pytest.raises(ModelFileError) as caught:
        session.load_weights(path, CONFIG)

    message = str(caught.value)
    assert "cut.weights.h5" in message
    assert "does not fit" not in message


def test_malformed_stored_history_ignored(session, tmp_path):
    path = session.save_model(tmp_path / "odd.keras")
    with (
        pytest.warns(UserWarning, match="Duplicate name"),
        zipfile.ZipFile(path, "a") as archive,
    ):
        archive.writestr(
            persistence.METADATA_MEMBER,
            json.dumps({"history": {"loss": ["a"]}, "config": [1, 2]}),
        )

    info = TrainerSession().load_model(path, DIGITS, CONFIG.seed)

    assert info.history.epochs == 0
    assert info.config is None


def test_two_output_model_rejected(session, tmp_path):
    inputs = keras.Input((8, 8))
    flat = keras.layers.Flatten()(inputs)
    outputs = [
        keras.layers.Dense(10, activation="softmax")(flat),
        keras.layers.Dense(10, activation="softmax")(flat),
    ]
    path = tmp_path / "two.keras"
    keras.Model(inputs, outputs).save(path)

    with pytest.raises(ModelFileError, match="has 2 outputs"):
        session.load_model(path, DIGITS, CONFIG.seed)


def test_model_loads_without_dataset(trained, tmp_path, monkeypatch):
    import engine.data

    path = trained.save_model(tmp_path / "offline.keras")

    def no_data(config):
        raise AssertionError("loading a model must not load the images")

    monkeypatch.setattr(engine.data, "load_images", no_data)
    monkeypatch.setattr("engine.session.load_images", no_data)

    info = TrainerSession().load_model(path, DIGITS, CONFIG.seed)

    assert info.architecture is not None


def test_digits_rejects_data_dir():
    from engine.config import ConfigError

    with pytest.raises(ConfigError, match="not used by the digits dataset"):
        DataConfig(dataset="digits", data_dir="/data")


def test_model_loads_with_its_own_dataset(trained, tmp_path, make_idx_folder):
    path = trained.save_model(tmp_path / "digits-model.keras")
    folder = make_idx_folder("other", shape=(12, 10), classes=3)
    other = DataConfig(dataset="idx_folder", data_dir=str(folder))

    info = TrainerSession().load_model(path, other, CONFIG.seed)

    assert info.data == trained.config.data
    assert info.data.dataset == "digits"


def test_stale_partial_files_removed(session, tmp_path):
    stale = tmp_path / ".model.keras.abc123.partial.keras"
    stale.write_bytes(b"left by a killed save")
    recent = tmp_path / ".model.keras.def456.partial.keras"
    recent.write_bytes(b"another process is saving")
    old = time.time() - persistence.STALE_PARTIAL_SECONDS - 60
    os.utime(stale, (old, old))

    session.save_model(tmp_path / "model.keras")

    assert not stale.exists()
    assert recent.exists()


def test_cli_history_out_folder_rejected(tmp_path, capsys):
    folder = tmp_path / "history.json"
    folder.mkdir()

    with pytest.raises(SystemExit) as caught:
        run(["--dataset", "digits", "--epochs", "1", "--history-out", str(folder)])

    assert caught.value.code == 2
    assert "is a folder" in capsys.readouterr().err


def test_cli_stop_before_first_epoch(tmp_path, capsys, monkeypatch):
    from types import SimpleNamespace

    def stopped_at_once(self, config, listener=None, stop_event=None):
        outcome = SimpleNamespace(reason="stop_request", message="")
        return SimpleNamespace(epochs_completed=0, outcome=outcome)

    monkeypatch.setattr(TrainerSession, "train", stopped_at_once)
    path = tmp_path / "model.keras"

    status = run(["--dataset", "digits", "--save", str(path)])

    assert status == 1
    assert "stopped before the first epoch ended; nothing was saved" in (
        capsys.readouterr().out
    )
    assert not path.exists()
