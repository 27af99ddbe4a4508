"""Tests of early stopping, checkpoints, NaN stops, stop outcomes and pausing."""

from __future__ import annotations

import math
import threading

import keras
import numpy as np
import pytest
from sklearn.model_selection import train_test_split

from engine import persistence
from engine.config import RunConfig
from engine.data import split_images
from engine.reporting import MonitorStatus, RunOutcome
from engine.run_control import RunControl
from engine.session import TrainerSession
from engine.training import train

# Adam at 0.03 on Digits gives validation losses that fall, rise, fall again:
# about 0.37, 0.11, 0.15, 0.11, 0.08, 0.11, 0.07, 0.14 with seed 42.
NOISY = {"dataset": "digits", "optimizer": "adam", "learning_rate": 0.03}


def noisy_config(**changes) -> RunConfig:
    return RunConfig().replace(**NOISY, **changes)


@pytest.fixture(scope="module")
def digits_split(digits_images):
    return split_images(digits_images, 0.2, 42)


def first_stall(values: list[float], patience: int) -> int | None:
    """Return the 1-based epoch at which Keras' EarlyStopping stops, or None."""
    best = math.inf
    wait = 0
    for index, value in enumerate(values):
        wait += 1
        if value < best:
            best = value
            wait = 0
            continue
        if wait >= patience and index > 0:
            return index + 1
    return None


def validation_loss(model, data) -> float:
    x_val = data.x_val.astype("float32") / 255.0
    return float(model.evaluate(x_val, data.y_val, verbose=0, return_dict=True)["loss"])


# Early stopping ---------------------------------------------------------


@pytest.mark.parametrize("patience", [0, 1, 2])
def test_early_stopping_fires(digits_split, recording_listener, patience):
    listener = recording_listener()
    config = noisy_config(epochs=8, early_stopping=True, patience=patience)

    result = train(config, digits_split, listener)

    losses = list(result.history.metrics["val_loss"])
    expected_stop = first_stall(losses, patience)
    outcome = result.outcome
    assert expected_stop is not None
    assert expected_stop < 8
    assert result.epochs_completed == expected_stop
    assert outcome.reason == "early_stopping"
    assert outcome.stopped_epoch == expected_stop
    assert outcome.best_epoch == int(np.argmin(losses)) + 1
    assert outcome.held_epoch == outcome.best_epoch
    assert outcome.kept_weights == "best"
    last = listener.epochs[-1].status
    assert last.early_stopped is True
    assert last.epochs_without_improvement == max(patience, 1)
    assert last.patience == patience


def test_patience_zero_and_one_stop_alike(digits_split):
    zero = train(noisy_config(epochs=8, early_stopping=True, patience=0), digits_split)
    one = train(noisy_config(epochs=8, early_stopping=True, patience=1), digits_split)

    assert zero.outcome.stopped_epoch == one.outcome.stopped_epoch
    assert zero.history.to_dict() == one.history.to_dict()


@pytest.mark.parametrize("restore", [True, False])
def test_fired_stop_holds_reported_epoch(digits_split, restore):
    config = noisy_config(
        epochs=8, early_stopping=True, patience=2, restore_best_weights=restore
    )

    result = train(config, digits_split)

    outcome = result.outcome
    expected = outcome.best_epoch if restore else result.epochs_completed
    assert outcome.reason == "early_stopping"
    assert outcome.best_epoch < result.epochs_completed
    assert outcome.held_epoch == expected
    logged = result.history.metrics["val_loss"][expected - 1]
    assert validation_loss(result.model, digits_split) == pytest.approx(
        logged, abs=1e-6
    )


@pytest.mark.parametrize("restore", [True, False])
def test_unfired_stop_holds_reported_epoch(digits_split, restore):
    config = noisy_config(
        epochs=8, early_stopping=True, patience=3, restore_best_weights=restore
    )

    result = train(config, digits_split)

    outcome = result.outcome
    assert outcome.reason == "completed"
    assert outcome.stopped_epoch is None
    assert result.epochs_completed == 8
    # Keras 3 restores the best weights at the end of training even when
    # early stopping did not fire.
    expected = outcome.best_epoch if restore else 8
    assert outcome.best_epoch < 8
    assert outcome.held_epoch == expected
    logged = result.history.metrics["val_loss"][expected - 1]
    assert validation_loss(result.model, digits_split) == pytest.approx(
        logged, abs=1e-6
    )


def test_patience_meter_counts_epochs(digits_split, recording_listener):
    listener = recording_listener()
    config = noisy_config(epochs=8, early_stopping=True, patience=3)

    train(config, digits_split, listener)

    statuses = [report.status for report in listener.epochs]
    waits = [status.epochs_without_improvement for status in statuses]
    losses = [report.metrics["val_loss"] for report in listener.epochs]
    expected = []
    best = math.inf
    for value in losses:
        expected.append(0 if value < best else expected[-1] + 1)
        best = min(best, value)
    assert waits == expected
    assert statuses[2].patience_text() == "1 of 3 epochs without improvement"


def test_status_without_early_stopping(digits_split, recording_listener):
    listener = recording_listener()

    train(noisy_config(epochs=3), digits_split, listener)

    status = listener.epochs[-1].status
    assert status.monitor == "val_loss"
    assert status.patience is None
    assert status.patience_text() == ""
    assert status.best_epoch == 2


def test_training_monitor_without_validation(digits_images, recording_listener):
    listener = recording_listener()
    config = noisy_config(
        epochs=3,
        validation_split=0.0,
        early_stopping=True,
        early_stopping_monitor="loss",
    )

    result = train(config, split_images(digits_images, 0.0, 42), listener)

    assert set(result.history.metrics) == {"loss", "accuracy"}
    assert len(result.history.metrics["loss"]) == 3
    assert listener.epochs[0].status.monitor == "loss"


# Checkpoints --------------------------------------------------------------


def test_checkpoint_holds_best_epoch(digits_split, tmp_path):
    path = tmp_path / "best.keras"
    config = noisy_config(epochs=6, checkpoint=True, checkpoint_path=str(path))

    result = train(config, digits_split)

    losses = list(result.history.metrics["val_loss"])
    improved = [
        index + 1
        for index, value in enumerate(losses)
        if value < min(losses[:index], default=math.inf)
    ]
    outcome = result.outcome
    assert outcome.checkpoint_epochs == tuple(improved)
    assert outcome.best_epoch == improved[-1]
    loaded = persistence.load_model(path)
    assert loaded.metadata["epoch"] == improved[-1]
    assert len(loaded.metadata["history"]["val_loss"]) == improved[-1]
    assert validation_loss(loaded.model, digits_split) == pytest.approx(
        losses[improved[-1] - 1], abs=1e-6
    )
    assert list(tmp_path.iterdir()) == [path]


def test_failed_checkpoint_keeps_earlier_file(
    digits_split, tmp_path, monkeypatch, recording_listener
):
    path = tmp_path / "best.keras"
    listener = recording_listener()
    original_save = keras.Model.save
    calls = []

    def save_then_fail(model, filepath, *args, **kwargs):
        calls.append(filepath)
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        return original_save(model, filepath, *args, **kwargs)

    monkeypatch.setattr(keras.Model, "save", save_then_fail)
    config = noisy_config(epochs=2, checkpoint=True, checkpoint_path=str(path))

    result = train(config, digits_split, listener)

    assert result.outcome.checkpoint_epochs == (1,)
    assert listener.epochs[1].status.checkpoint_saved is False
    assert "No space left on device" in listener.epochs[1].status.checkpoint_error
    assert persistence.load_model(path).metadata["epoch"] == 1
    assert list(tmp_path.iterdir()) == [path]


def test_checkpoint_missing_folder_fails_before_training(digits_split, tmp_path):
    path = tmp_path / "missing" / "best.keras"
    config = noisy_config(epochs=1, checkpoint=True, checkpoint_path=str(path))

    with pytest.raises(persistence.ModelFileError, match="was not found"):
        train(config, digits_split)


# Parity with plain Keras -------------------------------------------------------


@pytest.mark.real_data
def test_callbacks_match_plain_keras(fashion_slice, tmp_path):
    plain_path = tmp_path / "plain.keras"
    engine_path = tmp_path / "engine.keras"
    x = fashion_slice.x_train / 255.0
    x_train, x_val, y_train, y_val = train_test_split(
        x, fashion_slice.y_train, test_size=0.2, random_state=42
    )
    keras.utils.set_random_seed(42)
    model = keras.Sequential(
        [
            keras.Input(shape=(28, 28)),
            keras.layers.Flatten(),
            keras.layers.Dense(100, activation="relu"),
            keras.layers.Dropout(0.3),
            keras.layers.Dense(10, activation="softmax"),
        ]
    )
    model.compile(
        optimizer=keras.optimizers.Adam(0.01),
        loss="sparse_categorical_crossentropy",
        metrics=["accuracy"],
    )
    expected = model.fit(
        x_train,
        y_train,
        epochs=10,
        batch_size=32,
        validation_data=(x_val, y_val),
        callbacks=[
            keras.callbacks.EarlyStopping(
                monitor="val_loss", patience=1, restore_best_weights=True
            ),
            keras.callbacks.ModelCheckpoint(
                str(plain_path), monitor="val_loss", save_best_only=True
            ),
        ],
        verbose=0,
    ).history
    config = RunConfig().replace(
        optimizer="adam",
        learning_rate=0.01,
        dropout=0.3,
        epochs=10,
        early_stopping=True,
        patience=1,
        checkpoint=True,
        checkpoint_path=str(engine_path),
    )

    result = train(config, split_images(fashion_slice, 0.2, 42))

    history = result.history.to_dict()
    assert len(expected["loss"]) < 10
    assert set(history) == set(expected)
    for name, values in expected.items():
        assert history[name] == pytest.approx(values, rel=0, abs=1e-6), name
    x_test = fashion_slice.x_test / 255.0
    for held, reference in [
        (result.model, model),
        (
            persistence.load_model(engine_path).model,
            keras.saving.load_model(plain_path),
        ),
    ]:
        got = held.evaluate(x_test, fashion_slice.y_test, verbose=0)
        want = reference.evaluate(x_test, fashion_slice.y_test, verbose=0)
        assert got == pytest.approx(want, rel=0, abs=1e-6)


# NaN and infinite loss ---------------------------------------------------


def test_diverging_loss_stops_at_once(digits_split, tmp_path, recording_listener):
    listener = recording_listener()
    path = tmp_path / "best.keras"
    # Plain SGD at 1.0 with a linear hidden layer overflows during epoch 2.
    config = RunConfig().replace(
        dataset="digits",
        optimizer="sgd",
        learning_rate=1.0,
        activation="linear",
        epochs=4,
        early_stopping=True,
        patience=2,
        checkpoint=True,
        checkpoint_path=str(path),
    )

    result = train(config, digits_split, listener)

    outcome = result.outcome
    assert outcome.reason == "diverged"
    assert result.epochs_completed == 1
    assert [report.complete for report in listener.epochs] == [True, False]
    assert outcome.best_epoch == 1
    assert outcome.held_epoch == 1
    assert outcome.checkpoint_epochs == (1,)
    assert "epoch 2" in outcome.message
    assert "Lower the learning rate (now 1)" in outcome.message
    assert all(np.isfinite(w).all() for w in result.model.get_weights())
    saved = persistence.load_model(path).model.get_weights()
    assert all(np.isfinite(w).all() for w in saved)
    assert len(result.history.metrics["loss"]) == 1


def test_diverging_first_epoch_keeps_no_model(digits_split):
    session = TrainerSession()
    config = RunConfig().replace(
        dataset="digits",
        optimizer="sgd",
        learning_rate=10.0,
        activation="linear",
        epochs=2,
    )

    result = session.train(config)

    assert result.outcome.reason == "diverged"
    assert result.outcome.held_epoch is None
    assert session.model is None
    assert "No epoch completed" in result.outcome.summary_text()


# Stop outcomes -------------------------------------------------------------


def stop_after_epoch(control: RunControl, epoch: int, outcome: str):
    """Return a listener hook that requests a stop when ``epoch`` ends."""

    def hook(report):
        if report.epoch == epoch:
            control.request_stop(outcome)

    return hook


@pytest.mark.parametrize("kept", ["best", "last"])
def test_stop_keeps_chosen_weights(recording_listener, kept):
    session = TrainerSession()
    control = RunControl()
    listener = recording_listener(on_epoch=stop_after_epoch(control, 3, kept))
    config = noisy_config(epochs=8)
    data = session.data(config.data, config.seed)

    result = session.train(config, listener, control=control)

    outcome = result.outcome
    assert outcome.reason == "stop_request"
    assert outcome.kept_weights == kept
    assert result.epochs_completed == 3
    assert outcome.best_epoch == 2
    expected = 2 if kept == "best" else 3
    assert outcome.held_epoch == expected
    assert session.model is result.model
    logged = result.history.metrics["val_loss"][expected - 1]
    assert validation_loss(session.model, data) == pytest.approx(logged, abs=1e-6)
    evaluation = session.evaluate(config.data, config.seed)
    assert evaluation.validation["loss"] == pytest.approx(logged, abs=1e-6)


def test_discard_restores_previous_model(recording_listener):
    session = TrainerSession()
    first = session.train(noisy_config(epochs=1))
    before = [w.copy() for w in session.model.get_weights()]
    control = RunControl()
    listener = recording_listener(on_epoch=stop_after_epoch(control, 2, "discard"))

    result = session.train(noisy_config(epochs=4, seed=7), listener, control=control)

    assert result.outcome.kept_weights == "discarded"
    assert result.outcome.held_epoch is None
    assert session.config == first.config
    assert session.history == first.history
    for kept, original in zip(session.model.get_weights(), before, strict=True):
        np.testing.assert_array_equal(kept, original)
    assert "discarded" in result.outcome.summary_text()


def test_discard_first_run_leaves_no_model(recording_listener):
    session = TrainerSession()
    control = RunControl()
    listener = recording_listener(on_epoch=stop_after_epoch(control, 1, "discard"))

    result = session.train(noisy_config(epochs=3), listener, control=control)

    assert result.epochs_completed == 1
    assert session.model is None
    assert session.history.epochs == 0


def test_invalid_stop_outcome_rejected():
    control = RunControl()

    with pytest.raises(ValueError, match="outcome='keep'"):
        control.request_stop("keep")

    assert not control.stop_event.is_set()


# Pause and resume ---------------------------------------------------------


def test_pause_resume_matches_uninterrupted_run(digits_split, recording_listener):
    control = RunControl()
    seen_while_paused = []
    timers = []

    def resume_later(count_at_pause):
        seen_while_paused.append(len(listener.progress) - count_at_pause)
        control.resume()

    def pause_once(progress):
        if progress.epoch == 2 and progress.batch >= 5 and not timers:
            control.pause()
            timer = threading.Timer(0.3, resume_later, [len(listener.progress)])
            timers.append(timer)
            timer.start()

    listener = recording_listener(on_progress=pause_once)
    config = noisy_config(epochs=3)

    paused = train(config, digits_split, listener, control=control)
    timers[0].join()
    plain = train(config, digits_split)

    assert seen_while_paused == [0]
    assert not control.paused
    assert paused.epochs_completed == 3
    assert paused.history.to_dict() == plain.history.to_dict()
    for got, want in zip(
        paused.model.get_weights(), plain.model.get_weights(), strict=True
    ):
        np.testing.assert_array_equal(got, want)


def test_stop_while_paused_ends_run(digits_split, recording_listener):
    control = RunControl()
    timers = []

    def pause_then_stop(progress):
        if progress.epoch == 2 and not timers:
            control.pause()
            timer = threading.Timer(0.1, control.request_stop, ["last"])
            timers.append(timer)
            timer.start()

    listener = recording_listener(on_progress=pause_then_stop)

    result = train(noisy_config(epochs=4), digits_split, listener, control=control)
    timers[0].join()

    assert result.outcome.reason == "stop_request"
    assert result.epochs_completed == 1
    assert result.outcome.held_epoch == 1


# Records -----------------------------------------------------------------


def test_outcome_text_names_held_epoch():
    outcome = RunOutcome(
        reason="early_stopping",
        epochs_completed=6,
        monitor="val_loss",
        best_epoch=4,
        best_value=0.25,
        stopped_epoch=6,
        checkpoint_path="best.keras",
        checkpoint_epochs=(1, 2, 4),
        held_epoch=4,
        kept_weights="best",
    )

    text = outcome.summary_text()

    assert text.startswith("Early stopping ended the run at epoch 6.")
    assert "written after epochs 1, 2, 4 and holds epoch 4" in text
    assert text.endswith(
        "The model holds the weights of epoch 4, the best val_loss (0.2500)."
    )


def test_patience_text_singular():
    status = MonitorStatus(
        monitor="val_loss",
        best_epoch=1,
        best_value=0.5,
        epochs_without_improvement=1,
        patience=1,
    )

    assert status.patience_text() == "1 of 1 epoch without improvement"
