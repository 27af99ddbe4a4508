"""Tests of EpochReporter, driven by hand the way Keras' fit() calls it."""

from __future__ import annotations

import math
import threading
from types import SimpleNamespace

import numpy as np
import pytest

from engine import callbacks
from engine.callbacks import EpochReporter


class StubModel:
    """The stop flags and weights that EpochReporter uses on the Keras model.

    Its weights are one number that counts the batches trained.
    """

    def __init__(self):
        self.stop_training = False
        self.stop_evaluating = False
        self.weights = [0]

    def get_weights(self):
        return list(self.weights)

    def set_weights(self, weights):
        self.weights = list(weights)


class FakeClock:
    """Stand-in for time.perf_counter that advances only when a test sets ``now``."""

    def __init__(self, start: float = 1000.0):
        self.now = start

    def perf_counter(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch):
    fake = FakeClock()
    monkeypatch.setattr(
        callbacks, "time", SimpleNamespace(perf_counter=fake.perf_counter)
    )
    return fake


def make_reporter(listener, stop_event=None, epochs=3, steps=4):
    reporter = EpochReporter(listener, stop_event)
    reporter.set_model(StubModel())
    reporter.set_params({"epochs": epochs, "steps": steps, "verbose": 0})
    return reporter


def run_epoch(reporter, epoch, steps, logs=None, validation_batches=2):
    """Call the hooks of one epoch in fit()'s order, stopping as fit() would."""
    reporter.on_epoch_begin(epoch)
    for batch in range(steps):
        reporter.on_train_batch_end(batch, {"loss": 0.5})
        if reporter.model.stop_training:
            break
    for batch in range(validation_batches):
        reporter.on_test_batch_end(batch)
        if reporter.model.stop_evaluating:
            break
    reporter.on_epoch_end(epoch, logs if logs is not None else {"loss": 0.5})


def test_reports_one_based_epochs(recording_listener):
    listener = recording_listener()
    reporter = make_reporter(listener, epochs=3, steps=4)

    reporter.on_train_begin()
    for epoch in range(3):
        run_epoch(reporter, epoch, steps=4)

    assert [result.epoch for result in listener.epochs] == [1, 2, 3]
    assert [result.epochs for result in listener.epochs] == [3, 3, 3]
    assert all(result.complete for result in listener.epochs)
    assert reporter.model.stop_training is False
    assert reporter.stopped_by_request is False


def test_epoch_metrics_become_floats(recording_listener):
    listener = recording_listener()
    reporter = make_reporter(listener, epochs=1, steps=2)
    logs = {"loss": np.float32(0.25), "accuracy": np.float64(0.75), "note": "text"}

    reporter.on_train_begin()
    run_epoch(reporter, 0, steps=2, logs=logs)

    metrics = listener.epochs[0].metrics
    assert metrics["loss"] == 0.25
    assert type(metrics["loss"]) is float
    assert metrics["accuracy"] == 0.75
    assert math.isnan(metrics["note"]), "a value that is no number should become nan"


def test_event_after_epoch_stops_training(recording_listener):
    stop_event = threading.Event()
    listener = recording_listener(on_epoch=lambda result: stop_event.set())
    reporter = make_reporter(listener, stop_event, epochs=3, steps=4)

    reporter.on_train_begin()
    run_epoch(reporter, 0, steps=4)

    assert reporter.model.stop_training is True
    assert reporter.stopped_by_request is True
    assert listener.epochs[0].complete is True


def test_event_before_batch_cuts_epoch(recording_listener):
    stop_event = threading.Event()
    listener = recording_listener()
    reporter = make_reporter(listener, stop_event, epochs=3, steps=4)

    reporter.on_train_begin()
    reporter.on_epoch_begin(0)
    reporter.on_train_batch_end(0)
    stop_event.set()
    reporter.on_train_batch_end(1)

    assert reporter.model.stop_training is True, "stop_training not set after the event"

    reporter.on_test_batch_end(0)
    reporter.on_epoch_end(0, {"loss": 0.5})

    assert reporter.model.stop_evaluating is True
    assert len(listener.epochs) == 1
    assert listener.epochs[0].complete is False


def test_event_during_validation_cuts_epoch(recording_listener):
    stop_event = threading.Event()
    listener = recording_listener()
    reporter = make_reporter(listener, stop_event, epochs=2, steps=3)

    reporter.on_train_begin()
    reporter.on_epoch_begin(0)
    for batch in range(3):
        reporter.on_train_batch_end(batch)
    stop_event.set()
    reporter.on_test_batch_end(0)
    reporter.on_epoch_end(0, {"loss": 0.5})

    assert reporter.model.stop_evaluating is True
    assert listener.epochs[0].complete is False
    assert reporter.model.stop_training is True


def test_event_before_training_sets_stop(recording_listener):
    stop_event = threading.Event()
    stop_event.set()
    reporter = make_reporter(recording_listener(), stop_event)

    reporter.on_train_begin()

    assert reporter.model.stop_training is True
    assert reporter.stopped_by_request is True


def test_progress_throttled_by_interval(recording_listener, clock):
    listener = recording_listener()
    reporter = make_reporter(listener, epochs=1, steps=8)

    reporter.on_train_begin()
    reporter.on_epoch_begin(0)
    for batch in range(8):
        # 1/16 s per batch: exact in binary, so no rounding near the 0.1 s limit.
        clock.now += 0.0625
        reporter.on_train_batch_end(batch)

    assert callbacks.PROGRESS_INTERVAL == 0.1
    assert [progress.batch for progress in listener.progress] == [1, 3, 5, 7, 8]


def test_progress_fields(recording_listener, clock):
    listener = recording_listener()
    reporter = make_reporter(listener, epochs=5, steps=3)

    reporter.on_train_begin()
    clock.now += 1.0
    run_epoch(reporter, 1, steps=3)

    first = listener.progress[0]
    assert first.epoch == 2
    assert first.epochs == 5
    assert first.batch == 1
    assert first.batches == 3
    assert first.elapsed == 1.0
    assert listener.progress[-1].batch == 3, (
        "the last batch of an epoch is always reported"
    )


def test_no_progress_after_stop(recording_listener, clock):
    stop_event = threading.Event()
    listener = recording_listener()
    reporter = make_reporter(listener, stop_event, epochs=1, steps=4)

    reporter.on_train_begin()
    reporter.on_epoch_begin(0)
    stop_event.set()
    for batch in range(4):
        clock.now += 1.0
        reporter.on_train_batch_end(batch)

    assert listener.progress == []


def test_epoch_times_from_clock(recording_listener, clock):
    listener = recording_listener()
    reporter = make_reporter(listener, epochs=2, steps=1)

    reporter.on_train_begin()
    for epoch in range(2):
        reporter.on_epoch_begin(epoch)
        clock.now += 2.0
        reporter.on_train_batch_end(0)
        reporter.on_epoch_end(epoch, {"loss": 1.0})

    assert [result.seconds for result in listener.epochs] == [2.0, 2.0]
    assert [result.elapsed for result in listener.epochs] == [2.0, 4.0]


def test_stop_mid_epoch_restores_weights(recording_listener):
    stop_event = threading.Event()
    reporter = make_reporter(recording_listener(), stop_event, epochs=3, steps=4)
    model = reporter.model
    reporter.on_train_begin()
    reporter.on_epoch_begin(0)
    for batch in range(4):
        model.weights = [model.weights[0] + 1]
        reporter.on_train_batch_end(batch)
    reporter.on_epoch_end(0, {"loss": 1.0})
    reporter.on_epoch_begin(1)
    model.weights = [model.weights[0] + 1]
    stop_event.set()
    reporter.on_train_batch_end(0)
    reporter.on_epoch_end(1, {"loss": 0.9})

    reporter.on_train_end()

    assert model.weights == [4], "weights should be those after epoch 1"
