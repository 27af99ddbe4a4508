"""Tests of one training run: equality with a plain Keras script, stops and limits."""

from __future__ import annotations

import threading

import keras
import pytest
from sklearn.model_selection import train_test_split

from engine.config import ConfigError, RunConfig
from engine.data import split_images
from engine.session import TrainerSession
from engine.training import check_fits_data, train

METRICS = ("loss", "accuracy", "val_loss", "val_accuracy")


def plain_keras_history(images, optimizer: str, dropout: float, epochs: int) -> dict:
    """Train as a tutorial script does and return ``History.history``."""
    x = images.x_train / 255.0
    x_train, x_val, y_train, y_val = train_test_split(
        x, images.y_train, test_size=0.2, random_state=42
    )
    keras.utils.set_random_seed(42)
    layers = [
        keras.Input(shape=(28, 28)),
        keras.layers.Flatten(),
        keras.layers.Dense(100, activation="relu"),
    ]
    if dropout > 0:
        layers.append(keras.layers.Dropout(dropout))
    layers.append(keras.layers.Dense(10, activation="softmax"))
    model = keras.Sequential(layers)
    model.compile(
        optimizer=optimizer,
        loss="sparse_categorical_crossentropy",
        metrics=["accuracy"],
    )
    history = model.fit(
        x_train,
        y_train,
        epochs=epochs,
        batch_size=32,
        validation_data=(x_val, y_val),
        verbose=0,
    )
    return history.history


def engine_config(optimizer: str, dropout: float, epochs: int) -> RunConfig:
    return RunConfig().replace(optimizer=optimizer, dropout=dropout, epochs=epochs)


def train_in_thread(config, data, listener=None, stop_event=None):
    """Run train() on a worker thread, as the window does, and return its result."""
    outcome = {}

    def work():
        try:
            outcome["result"] = train(config, data, listener, stop_event)
        except BaseException as error:  # noqa: BLE001 - re-raised on the test thread
            outcome["error"] = error

    worker = threading.Thread(target=work, name="train-worker")
    worker.start()
    worker.join()
    if "error" in outcome:
        raise outcome["error"]
    return outcome["result"]


def digits_config(**changes) -> RunConfig:
    return RunConfig().replace(dataset="digits", **changes)


@pytest.mark.real_data
@pytest.mark.parametrize(("optimizer", "dropout"), [("rmsprop", 0.0), ("adam", 0.3)])
def test_matches_plain_keras_script(fashion_slice, optimizer, dropout):
    expected = plain_keras_history(fashion_slice, optimizer, dropout, epochs=2)
    config = engine_config(optimizer, dropout, epochs=2)

    result = train(config, split_images(fashion_slice, 0.2, 42))

    history = result.history.to_dict()
    for name in METRICS:
        assert history[name] == pytest.approx(expected[name], rel=0, abs=1e-6), name


@pytest.mark.real_data
@pytest.mark.parametrize(("optimizer", "dropout"), [("rmsprop", 0.0), ("adam", 0.3)])
def test_thread_matches_plain_keras_script(fashion_slice, optimizer, dropout):
    config = engine_config(optimizer, dropout, epochs=2)

    result = train_in_thread(config, split_images(fashion_slice, 0.2, 42))
    expected = plain_keras_history(fashion_slice, optimizer, dropout, epochs=2)

    history = result.history.to_dict()
    for name in METRICS:
        assert history[name] == pytest.approx(expected[name], rel=0, abs=1e-6), name


@pytest.mark.real_data
def test_listener_gets_every_epoch(fashion_slice, recording_listener):
    listener = recording_listener()
    config = engine_config("rmsprop", 0.0, epochs=2)

    result = train(config, split_images(fashion_slice, 0.2, 42), listener)

    assert [report.epoch for report in listener.epochs] == [1, 2]
    assert all(report.complete for report in listener.epochs)
    assert set(listener.epochs[0].metrics) == set(METRICS)
    for name in METRICS:
        sent = [report.metrics[name] for report in listener.epochs]
        assert sent == list(result.history.metrics[name]), name
    assert listener.progress[-1].batch == listener.progress[-1].batches
    assert result.epochs_completed == 2
    assert result.stopped is False


def test_same_seed_repeats_history(digits_images):
    config = digits_config(epochs=2, dropout=0.2)
    data = split_images(digits_images, 0.2, config.seed)

    first = train(config, data).history
    second = train(config, data).history

    assert first == second


def test_other_seed_changes_history(digits_images):
    config = digits_config(epochs=1)
    data = split_images(digits_images, 0.2, 42)

    first = train(config, data).history
    second = train(config.replace(seed=43), data).history

    assert first.metrics["loss"] != second.metrics["loss"]


def test_stop_after_first_epoch(digits_images, recording_listener):
    stop_event = threading.Event()
    listener = recording_listener(on_epoch=lambda report: stop_event.set())
    config = digits_config(epochs=3)

    result = train(config, split_images(digits_images, 0.2, 42), listener, stop_event)

    assert result.stopped is True
    assert result.epochs_completed == 1
    assert [report.epoch for report in listener.epochs] == [1]
    for name in METRICS:
        assert len(result.history.metrics[name]) == 1, name


def test_stop_in_thread_after_first_epoch(digits_images, recording_listener):
    stop_event = threading.Event()
    listener = recording_listener(on_epoch=lambda report: stop_event.set())

    result = train_in_thread(
        digits_config(epochs=3),
        split_images(digits_images, 0.2, 42),
        listener,
        stop_event,
    )

    assert result.stopped is True
    assert result.history.epochs == 1


def test_stop_mid_epoch_drops_it(digits_images, recording_listener):
    stop_event = threading.Event()
    listener = recording_listener(on_progress=lambda progress: stop_event.set())
    config = digits_config(epochs=2, batch_size=8)

    result = train(config, split_images(digits_images, 0.2, 42), listener, stop_event)

    assert result.stopped is True
    assert result.epochs_completed == 0
    assert result.history.metrics == {}
    assert len(listener.epochs) == 1
    assert listener.epochs[0].complete is False


def test_stop_after_last_epoch_not_stopped(digits_images, recording_listener):
    # TrainResult.stopped is documented as "ended the run before its last epoch".
    stop_event = threading.Event()

    def stop_at_last(report):
        if report.epoch == report.epochs:
            stop_event.set()

    listener = recording_listener(on_epoch=stop_at_last)

    result = train(
        digits_config(epochs=2),
        split_images(digits_images, 0.2, 42),
        listener,
        stop_event,
    )

    assert result.epochs_completed == 2
    assert result.stopped is False, "a run that finished every epoch reports stopped"


def test_extra_callbacks_run(digits_images):
    epochs_seen = []
    counter = keras.callbacks.LambdaCallback(
        on_epoch_end=lambda epoch, logs: epochs_seen.append(epoch)
    )

    train(
        digits_config(epochs=2),
        split_images(digits_images, 0.2, 42),
        callbacks=[counter],
    )

    assert epochs_seen == [0, 1]


def test_batch_larger_than_train_set(digits_images):
    data = split_images(digits_images, 0.2, 42)
    train_count = len(data.x_train)
    config = digits_config(epochs=1, batch_size=train_count + 1)

    with pytest.raises(ConfigError) as caught:
        train(config, data)

    message = str(caught.value)
    assert f"batch_size={train_count + 1}" in message
    assert f"at most {train_count}" in message


def test_batch_equal_to_train_set(digits_images):
    data = split_images(digits_images, 0.2, 42)

    check_fits_data(digits_config(batch_size=len(data.x_train)), data)


def test_model_shape_follows_data(digits_images):
    result = train(digits_config(epochs=1), split_images(digits_images, 0.2, 42))

    assert tuple(result.model.input_shape) == (None, 8, 8)
    assert tuple(result.model.output_shape) == (None, 10)
    assert result.config == digits_config(epochs=1)


@pytest.mark.slow
@pytest.mark.real_data
def test_full_data_reaches_85_percent(fashion_mnist_dir):
    config = RunConfig().replace(optimizer="adam", dropout=0.3, epochs=5)

    result = TrainerSession().train(config)

    val_accuracy = result.history.metrics["val_accuracy"]
    assert len(val_accuracy) == 5
    assert val_accuracy[-1] >= 0.85, f"validation accuracy per epoch: {val_accuracy}"


@pytest.mark.parametrize("dropout", [0.0, 0.3])
def test_reused_model_matches_new_model(dropout):
    from engine.session import TrainerSession

    config = RunConfig().replace(
        dataset="digits", epochs=2, optimizer="adam", dropout=dropout
    )
    reusing = TrainerSession()
    reusing.train(config.replace(seed=1, learning_rate=0.01))
    first_model = reusing.model
    reused = reusing.train(config.replace(seed=2))

    fresh = TrainerSession().train(config.replace(seed=2))

    assert reusing.model is first_model, "the second run should reuse the model"
    assert reused.history.to_dict() == fresh.history.to_dict()


def test_early_stopped_model_reused_next_run():
    config = RunConfig().replace(dataset="digits", epochs=2)
    session = TrainerSession()
    stop_event = threading.Event()
    stop_event.set()

    stopped = session.train(config, stop_event=stop_event)
    assert stopped.epochs_completed == 0
    assert session.model is None
    second = session.train(config)

    assert session.model is stopped.model
    fresh = TrainerSession().train(config)
    assert second.history.to_dict() == fresh.history.to_dict()
