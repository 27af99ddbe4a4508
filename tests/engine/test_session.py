"""Tests of TrainerSession: data caching, training state and evaluation."""

from __future__ import annotations

import threading

import numpy as np
import pytest

from engine.config import ConfigError, DataConfig, RunConfig
from engine.model_factory import build_model
from engine.persistence import ModelFileError
from engine.session import TrainerSession, import_keras

DIGITS = DataConfig(dataset="digits")
CONFIG = RunConfig().replace(dataset="digits", epochs=2, hidden_units=32)


@pytest.fixture(scope="module")
def trained() -> TrainerSession:
    """A session trained on Digits, shared by every test here, so none may change it."""
    session = TrainerSession()
    session.train(CONFIG)
    return session


def test_import_keras_returns_version():
    import keras

    assert import_keras() == keras.__version__


def test_data_cached_for_same_settings():
    session = TrainerSession()

    first = session.data(DIGITS, 42)

    assert session.data(DIGITS, 42) is first


def test_data_resplit_for_new_seed():
    session = TrainerSession()
    first = session.data(DIGITS, 42)

    second = session.data(DIGITS, 7)

    assert second is not first
    assert not np.array_equal(second.y_train, first.y_train)
    assert second.x_test is first.x_test, "the images should not be loaded again"


def test_data_resplit_for_new_fraction():
    session = TrainerSession()
    session.data(DIGITS, 42)

    split = session.data(DataConfig(dataset="digits", validation_split=0.5), 42)

    assert len(split.x_val) == 719
    assert len(split.x_train) == 718


def test_train_sets_current_model(trained):
    assert trained.model is not None
    assert trained.config == CONFIG
    assert trained.history.epochs == 2
    assert set(trained.history.metrics) == {
        "loss",
        "accuracy",
        "val_loss",
        "val_accuracy",
    }


def test_failed_train_keeps_model(trained):
    model = trained.model
    history = trained.history

    with pytest.raises(ConfigError, match="batch_size=5000"):
        trained.train(CONFIG.replace(batch_size=5000))

    assert trained.model is model
    assert trained.history == history
    assert trained.config == CONFIG


def test_stop_before_any_epoch_keeps_model():
    # TrainerSession.train: "it becomes the current model when it ran any epoch".
    session = TrainerSession()
    session.train(CONFIG.replace(epochs=1))
    model = session.model
    history = session.history
    stop_event = threading.Event()
    stop_event.set()

    result = session.train(CONFIG.replace(epochs=3), stop_event=stop_event)

    assert result.epochs_completed == 0
    assert session.model is model, "a run with no complete epoch replaced the model"
    assert session.history == history


def test_evaluate_counts_and_metrics(trained):
    data = trained.data(DIGITS, CONFIG.seed)

    evaluation = trained.evaluate(DIGITS, CONFIG.seed)

    assert evaluation.dataset == "Digits"
    assert evaluation.validation_count == len(data.y_val) == 288
    assert evaluation.test_count == len(data.y_test) == 360
    assert set(evaluation.validation) == {"loss", "accuracy"}
    assert set(evaluation.test) == {"loss", "accuracy"}
    assert 0.0 <= evaluation.test["accuracy"] <= 1.0
    assert evaluation.test["loss"] > 0.0


def test_evaluate_matches_last_epoch(trained):
    evaluation = trained.evaluate(DIGITS, CONFIG.seed)

    last_loss = trained.history.metrics["val_loss"][-1]
    last_accuracy = trained.history.metrics["val_accuracy"][-1]
    assert evaluation.validation["loss"] == pytest.approx(last_loss, abs=1e-6)
    assert evaluation.validation["accuracy"] == pytest.approx(last_accuracy, abs=1e-6)


def test_evaluate_without_model():
    with pytest.raises(ModelFileError, match="no model to evaluate"):
        TrainerSession().evaluate(DIGITS, 42)


def test_evaluate_compiles_loaded_model(tmp_path):
    path = tmp_path / "uncompiled.keras"
    build_model(CONFIG.model, (8, 8), 10).save(path)
    session = TrainerSession()
    session.load_model(path, DIGITS, 42)

    evaluation = session.evaluate(DIGITS, 42)

    assert set(evaluation.test) == {"loss", "accuracy"}
    assert evaluation.test_count == 360


def test_evaluate_other_dataset_rejected(trained, make_idx_folder):
    folder = make_idx_folder(shape=(12, 10), classes=3)
    other = DataConfig(dataset="idx_folder", data_dir=str(folder))

    with pytest.raises(
        ModelFileError, match="The current model expects inputs of shape"
    ):
        trained.evaluate(other, 42)
