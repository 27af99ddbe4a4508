"""The streaming callback's work per batch: one throttled progress report at most.

Keras 3.15 runs batch hooks on the training thread, and converts each
batch's logs to Python numbers there, only when a callback overrides them.
So the reporter overrides two batch hooks, and never reads batch logs itself.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from types import SimpleNamespace

import keras
import pytest

from engine import callbacks as engine_callbacks
from engine.callbacks import PROGRESS_INTERVAL, EpochReporter
from engine.config import RunConfig
from engine.data import split_images
from engine.training import train

BATCH_HOOKS = {
    name
    for name in dir(keras.callbacks.Callback)
    if name.startswith(("on_train_batch", "on_test_batch", "on_predict_batch"))
}


class LossOnlyLogs(Mapping):
    """Batch logs that fail the test when anything but the loss is read.

    The reporter reads the batch loss to stop on NaN at once, as Keras'
    TerminateOnNaN does. Overriding a batch hook already makes Keras 3 hand
    over Python values for every batch, so that read adds no device sync.
    """

    def __getitem__(self, key):
        if key == "loss":
            return 0.5
        raise AssertionError(f"batch logs were read: {key!r}")

    def get(self, key, default=None):
        return self[key]

    def __iter__(self):
        raise AssertionError("batch logs were iterated")

    def __len__(self):
        return 1


def test_reporter_overrides_two_batch_hooks():
    overridden = {
        name
        for name in BATCH_HOOKS
        if getattr(EpochReporter, name) is not getattr(keras.callbacks.Callback, name)
    }

    assert overridden == {"on_train_batch_end", "on_test_batch_end"}


def test_batch_hooks_read_only_loss(recording_listener):
    listener = recording_listener()
    reporter = EpochReporter(listener)
    reporter.set_model(keras.Sequential([keras.Input((2,)), keras.layers.Dense(1)]))
    reporter.set_params({"epochs": 1, "steps": 3})
    reporter.on_train_begin()
    reporter.on_epoch_begin(0)

    for batch in range(3):
        reporter.on_train_batch_end(batch, LossOnlyLogs())
        reporter.on_test_batch_end(batch, LossOnlyLogs())

    assert [p.batch for p in listener.progress][-1] == 3
    assert listener.epochs == [], "no epoch report before the epoch ends"


@pytest.mark.parametrize(
    ("clock_step", "reports_per_epoch"),
    [(0.0, "first and last batch"), (2 * PROGRESS_INTERVAL, "every batch")],
)
def test_progress_follows_throttle(
    digits_images, recording_listener, monkeypatch, clock_step, reports_per_epoch
):
    # A fake clock makes the throttle deterministic. A clock that does not
    # advance allows only the reports of each epoch's first batch (the
    # throttle starts again with each epoch) and last batch. One that advances
    # by twice the interval at every reading allows a report per batch. Only
    # the reporter's module sees the fake clock.
    ticks = itertools.count()
    clock = SimpleNamespace(perf_counter=lambda: 1.0 + clock_step * next(ticks))
    monkeypatch.setattr(engine_callbacks, "time", clock)
    data = split_images(digits_images, 0.2, 42)
    config = RunConfig().replace(dataset="digits", epochs=2, batch_size=32)
    listener = recording_listener()

    train(config, data, listener)

    batches = listener.progress[-1].batches
    if reports_per_epoch == "first and last batch":
        assert [(p.epoch, p.batch) for p in listener.progress] == [
            (1, 1),
            (1, batches),
            (2, 1),
            (2, batches),
        ]
    else:
        assert len(listener.progress) == 2 * batches
