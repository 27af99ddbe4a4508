"""Tests of saving and loading models and weights, through the session and directly."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from engine import persistence
from engine.config import DataConfig, ModelConfig, RunConfig
from engine.data import scale_images
from engine.model_factory import build_model
from engine.persistence import (
    ModelFileError,
    check_checkpoint_file,
    normalize_model_path,
    normalize_weights_path,
    read_metadata,
)
from engine.session import TrainerSession

DIGITS = DataConfig(dataset="digits")
CONFIG = RunConfig().replace(
    dataset="digits", epochs=2, hidden_units=32, optimizer="adam"
)


@pytest.fixture(scope="module")
def trained_session() -> TrainerSession:
    """A session trained on Digits, shared by every test here, so none may change it."""
    session = TrainerSession()
    session.train(CONFIG)
    return session


@pytest.fixture(scope="module")
def saved_model(trained_session, tmp_path_factory) -> Path:
    return trained_session.save_model(tmp_path_factory.mktemp("saved") / "model.keras")


@pytest.fixture
def session(saved_model) -> TrainerSession:
    """A session of its own, holding a copy of the trained model (loading is fast)."""
    session = TrainerSession()
    session.load_model(saved_model, DIGITS, CONFIG.seed)
    return session


def predictions(session: TrainerSession) -> np.ndarray:
    data = session.data(DIGITS, CONFIG.seed)
    return session.model.predict(scale_images(data.x_test), verbose=0)


def folder_names(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir())


# Round trips ----------------------------------------------------------------
# Saving to .h5 changes the model it saves (see test_h5_save_keeps_optimizer), so
# these tests save the per-test copy in ``session``, never ``trained_session``.


def test_trained_model_round_trip(trained_session, session):
    np.testing.assert_array_equal(predictions(session), predictions(trained_session))
    assert session.history == trained_session.history
    assert session.config == CONFIG


@pytest.mark.parametrize("suffix", [".keras", ".h5"])
def test_model_round_trip_predictions(session, tmp_path, suffix):
    expected = predictions(session)
    path = session.save_model(tmp_path / f"model{suffix}")

    loaded = TrainerSession()
    loaded.load_model(path, DIGITS, CONFIG.seed)

    np.testing.assert_array_equal(predictions(loaded), expected)


@pytest.mark.parametrize("suffix", [".keras", ".h5"])
def test_model_round_trip_metadata(trained_session, session, tmp_path, suffix):
    path = session.save_model(tmp_path / f"model{suffix}")

    loaded = TrainerSession()
    info = loaded.load_model(path, DIGITS, CONFIG.seed)

    assert info.history == trained_session.history
    assert info.history.epochs == 2
    assert info.config == CONFIG
    assert loaded.history == trained_session.history
    assert loaded.config == CONFIG


@pytest.mark.parametrize("suffix", [".keras", ".h5"])
def test_load_model_info(session, tmp_path, suffix):
    path = session.save_model(tmp_path / f"model{suffix}")

    info = TrainerSession().load_model(path, DIGITS, CONFIG.seed)

    assert info.path == path
    assert info.architecture == CONFIG.model
    assert info.optimizer is not None
    assert info.optimizer[0] == "adam"
    assert info.optimizer[1] == pytest.approx(0.001, rel=1e-6)
    assert f"Model: model{suffix}" in info.summary
    assert "Total params: 2,410" in info.summary


def test_h5_save_keeps_optimizer(session, tmp_path):
    # Keras 3.15's legacy .h5 writer pops "optimizer" from the model's own
    # compile config, so a later .keras save would lose the optimizer.
    session.save_model(tmp_path / "first.h5")
    path = session.save_model(tmp_path / "second.keras")

    info = TrainerSession().load_model(path, DIGITS, CONFIG.seed)

    assert info.optimizer is not None
    assert info.optimizer[0] == "adam", "the .keras file lost the Adam optimizer"


def test_weights_round_trip_predictions(trained_session, tmp_path):
    expected = predictions(trained_session)
    path = trained_session.save_weights(tmp_path / "model")

    loaded = TrainerSession()
    message = loaded.load_weights(path, CONFIG)

    assert path.name == "model.weights.h5"
    np.testing.assert_array_equal(predictions(loaded), expected)
    assert message == (
        "Loaded the weights of model.weights.h5 into a new model built from the "
        "form settings."
    )


def test_weights_into_current_model(trained_session, tmp_path):
    expected = predictions(trained_session)
    path = trained_session.save_weights(tmp_path / "model.weights.h5")
    other = TrainerSession()
    other.train(CONFIG.replace(seed=1, epochs=1))

    message = other.load_weights(path, CONFIG)

    np.testing.assert_array_equal(predictions(other), expected)
    assert "into the current model" in message
    assert other.history.epochs == 0, "history of the old weights should be cleared"


def test_metadata_absent_from_plain_keras_file(tmp_path):
    model = build_model(CONFIG.model, (8, 8), 10)
    path = tmp_path / "plain.keras"
    model.save(path)

    assert read_metadata(path) == {}


def test_metadata_stored_in_keras_archive(trained_session, tmp_path):
    path = trained_session.save_model(tmp_path / "model.keras")

    metadata = read_metadata(path)

    assert metadata["config"] == CONFIG.to_dict()
    assert metadata["history"] == trained_session.history.to_dict()


# Paths ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("model", "model.keras"),
        ("model.", "model.keras"),
        ("model.keras", "model.keras"),
        ("model.h5", "model.h5"),
        ("Model.KERAS", "Model.keras"),
        ("runs/model", "runs/model.keras"),
    ],
)
def test_normalize_model_path(given, expected):
    assert normalize_model_path(given) == Path(expected)


@pytest.mark.parametrize(
    ("given", "fragment"),
    [
        ("model.weights.h5", "is a weights file name"),
        ("model.WEIGHTS.H5", "is a weights file name"),
        ("model.txt", "has the suffix '.txt'"),
        ("model.json", "has the suffix '.json'"),
    ],
)
def test_normalize_model_path_rejects(given, fragment):
    with pytest.raises(ModelFileError, match=fragment):
        normalize_model_path(given)


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("weights", "weights.weights.h5"),
        ("weights.", "weights.weights.h5"),
        ("weights.h5", "weights.weights.h5"),
        ("weights.weights.h5", "weights.weights.h5"),
        ("W.WEIGHTS.H5", "W.weights.h5"),
        ("runs/w", "runs/w.weights.h5"),
    ],
)
def test_normalize_weights_path(given, expected):
    assert normalize_weights_path(given) == Path(expected)


def test_normalize_weights_path_rejects_keras():
    with pytest.raises(ModelFileError, match="is a model file name"):
        normalize_weights_path("model.keras")


# Bad files ------------------------------------------------------------------


def write_bad_file(tmp_path: Path, kind: str) -> Path:
    if kind == "random-bytes":
        path = tmp_path / "random.keras"
        path.write_bytes(np.random.default_rng(0).bytes(4096))
    elif kind == "empty":
        path = tmp_path / "empty.keras"
        path.write_bytes(b"")
    elif kind == "text-keras":
        path = tmp_path / "notes.keras"
        path.write_text("not a model\n", encoding="utf-8")
    elif kind == "text-h5":
        path = tmp_path / "notes.h5"
        path.write_text("not a model\n", encoding="utf-8")
    elif kind == "folder":
        path = tmp_path / "folder.keras"
        path.mkdir()
    elif kind == "missing":
        path = tmp_path / "missing.keras"
    elif kind == "wrong-suffix":
        path = tmp_path / "model.txt"
        path.write_bytes(b"PK\x03\x04")
    else:
        raise AssertionError(kind)
    return path


BAD_MODEL_FILES = [
    "random-bytes",
    "empty",
    "text-keras",
    "text-h5",
    "folder",
    "missing",
    "wrong-suffix",
]


@pytest.mark.parametrize("kind", BAD_MODEL_FILES)
def test_bad_model_file_keeps_model(session, tmp_path, kind):
    model = session.model
    expected = predictions(session)
    path = write_bad_file(tmp_path, kind)

    with pytest.raises(ModelFileError) as caught:
        session.load_model(path, DIGITS, CONFIG.seed)

    assert path.name in str(caught.value)
    assert session.model is model
    assert session.config == CONFIG
    np.testing.assert_array_equal(predictions(session), expected)


@pytest.mark.parametrize(
    "kind", ["random-bytes", "empty", "text-h5", "folder", "missing"]
)
def test_bad_weights_file_keeps_model(session, tmp_path, kind):
    model = session.model
    path = write_bad_file(tmp_path, kind)
    weights_path = path.with_name(path.name.split(".")[0] + ".weights.h5")
    if path.exists():
        path.rename(weights_path)

    with pytest.raises(ModelFileError):
        session.load_weights(weights_path, CONFIG)

    assert session.model is model


def test_other_architecture_weights_rejected(session, tmp_path):
    model = session.model
    history = session.history
    expected = predictions(session)
    other = build_model(ModelConfig(hidden_units=50), (8, 8), 10)
    path = persistence.save_weights(other, tmp_path / "hidden50")

    with pytest.raises(ModelFileError) as caught:
        session.load_weights(path, CONFIG)

    assert "hidden50.weights.h5" in str(caught.value)
    assert "does not fit the model" in str(caught.value)
    assert session.model is model
    assert session.history == history
    np.testing.assert_array_equal(predictions(session), expected)


def test_other_architecture_weights_without_model(tmp_path):
    other = build_model(ModelConfig(hidden_units=50), (8, 8), 10)
    path = persistence.save_weights(other, tmp_path / "hidden50")
    session = TrainerSession()

    with pytest.raises(ModelFileError):
        session.load_weights(path, CONFIG)

    assert session.model is None


@pytest.mark.parametrize(
    ("shape", "classes", "fragment"),
    [((12, 10), 10, "(8, 8)"), ((8, 8), 3, "gives 10 classes")],
    ids=["input-shape", "class-count"],
)
def test_model_for_other_data_rejected(
    saved_model, make_idx_folder, tmp_path, shape, classes, fragment
):
    folder = make_idx_folder(shape=shape, classes=classes)
    other_data = DataConfig(dataset="idx_folder", data_dir=str(folder))
    session = TrainerSession()
    session.train(RunConfig(data=other_data).replace(epochs=1, hidden_units=8))
    model = session.model
    # A file without the app's metadata, so no stored dataset can be used instead.
    plain = tmp_path / "plain.keras"
    persistence.load_model(saved_model).model.save(plain)

    with pytest.raises(ModelFileError) as caught:
        session.load_model(plain, other_data, 42)

    assert fragment in str(caught.value)
    assert session.model is model


def test_weights_for_other_data_rejected(session, tmp_path, make_idx_folder):
    path = session.save_weights(tmp_path / "digits")
    folder = make_idx_folder(shape=(12, 10), classes=3)
    other = CONFIG.replace(dataset="idx_folder", data_dir=str(folder))
    model = session.model

    with pytest.raises(ModelFileError, match="does not fit the model"):
        session.load_weights(path, other, into_current=False)

    assert session.model is model


# Saving failures --------------------------------------------------------------


@pytest.mark.parametrize("suffix", [".keras", ".h5"])
def test_failed_save_keeps_old_file(session, tmp_path, monkeypatch, suffix):
    path = tmp_path / f"model{suffix}"
    path.write_bytes(b"old model")

    def fail(target, *args, **kwargs):
        Path(target).write_bytes(b"half written")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(session.model, "save", fail)

    with pytest.raises(ModelFileError) as caught:
        session.save_model(path)

    assert "No space left on device" in str(caught.value)
    assert path.read_bytes() == b"old model"
    assert folder_names(tmp_path) == [path.name], "a temporary file was left behind"


def test_failed_save_other_error(session, tmp_path, monkeypatch):
    path = tmp_path / "model.keras"
    path.write_bytes(b"old model")

    def fail(target, *args, **kwargs):
        Path(target).write_bytes(b"half written")
        raise RuntimeError("serialization failed")

    monkeypatch.setattr(session.model, "save", fail)

    with pytest.raises(ModelFileError, match="serialization failed"):
        session.save_model(path)

    assert path.read_bytes() == b"old model"
    assert folder_names(tmp_path) == ["model.keras"]


def test_failed_weights_save_keeps_old(session, tmp_path, monkeypatch):
    path = tmp_path / "model.weights.h5"
    path.write_bytes(b"old weights")

    def fail(target, *args, **kwargs):
        raise OSError(13, "Permission denied")

    monkeypatch.setattr(session.model, "save_weights", fail)

    with pytest.raises(ModelFileError, match="Permission denied"):
        session.save_weights(path)

    assert path.read_bytes() == b"old weights"
    assert folder_names(tmp_path) == ["model.weights.h5"]


def test_save_replaces_old_file(session, tmp_path):
    path = tmp_path / "model.keras"
    path.write_bytes(b"old model")

    session.save_model(path)

    assert path.read_bytes()[:2] == b"PK", (
        "the .keras archive did not replace the old file"
    )
    assert folder_names(tmp_path) == ["model.keras"]


def test_save_into_missing_folder(session, tmp_path):
    with pytest.raises(ModelFileError, match="was not found"):
        session.save_model(tmp_path / "missing" / "model.keras")


def test_save_under_file_names_file(session, tmp_path):
    (tmp_path / "afile").write_text("x", encoding="utf-8")

    with pytest.raises(ModelFileError) as caught:
        session.save_model(tmp_path / "afile" / "model.keras")

    message = str(caught.value)
    assert f"{str(tmp_path / 'afile')!r} is a file, not a folder." in message
    assert "was not found" not in message


def test_checkpoint_under_file_names_file(tmp_path):
    (tmp_path / "afile").write_text("x", encoding="utf-8")

    with pytest.raises(ModelFileError) as caught:
        check_checkpoint_file(tmp_path / "afile" / "best.keras")

    message = str(caught.value)
    assert f"{str(tmp_path / 'afile')!r} is a file, not a folder." in message
    assert "checkpoint file 'best.keras'" in message


def test_save_without_model(tmp_path):
    with pytest.raises(ModelFileError, match="no model to save"):
        TrainerSession().save_model(tmp_path / "model.keras")


def test_save_where_folder_not_writable(session, tmp_path, monkeypatch):
    def deny(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(persistence.tempfile, "mkstemp", deny)

    with pytest.raises(ModelFileError) as caught:
        session.save_model(tmp_path / "model.keras")

    assert "Cannot write in" in str(caught.value)
    assert "Permission denied" in str(caught.value)
    assert folder_names(tmp_path) == []
