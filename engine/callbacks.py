"""The Keras callback that streams a run's progress and honours stop requests."""

from __future__ import annotations

import logging
import math
import threading
import time

import keras

from engine.reporting import BatchProgress, EpochResult, TrainingListener

logger = logging.getLogger(__name__)

PROGRESS_INTERVAL = 0.1
"""Minimum seconds between two BatchProgress reports."""


class EpochReporter(keras.callbacks.Callback):
    """Send each epoch's logs and batch progress to a listener.

    Parameters
    ----------
    listener
        Receives an :class:`EpochResult` at every epoch end and a
        :class:`BatchProgress` at most every ``PROGRESS_INTERVAL`` seconds. It is
        called on the thread that runs ``fit``.
    stop_event
        When set, training stops after the current batch (and validation after
        its current batch), as ``model.stop_training`` does in Keras.

    Notes
    -----
    An epoch cut short by a stop request is still reported, with
    ``complete=False``, because Keras runs ``on_epoch_end`` for it. The model's
    weights are then set back to those at the end of the last complete epoch,
    so the model matches the last point of the curves.
    """

    def __init__(
        self, listener: TrainingListener, stop_event: threading.Event | None = None
    ):
        super().__init__()
        self.listener = listener
        self.stop_event = stop_event or threading.Event()
        self.stopped_by_request = False
        self._cut_short = False
        self._last_complete_weights: list | None = None
        self._epochs = 0
        self._batches = 0
        self._epoch = 0
        self._train_start = 0.0
        self._epoch_start = 0.0
        self._last_progress = 0.0

    def _check_stop(self) -> bool:
        if self.stop_event.is_set() and not self.stopped_by_request:
            logger.info("Stop requested during epoch %d", self._epoch + 1)
            self.stopped_by_request = True
        if self.stopped_by_request:
            self.model.stop_training = True
        return self.stopped_by_request

    def on_train_begin(self, logs=None):
        self._epochs = self.params.get("epochs") or 0
        self._batches = self.params.get("steps") or 0
        self._train_start = time.perf_counter()
        self._check_stop()

    def on_epoch_begin(self, epoch, logs=None):
        self._epoch = epoch
        self._epoch_start = time.perf_counter()
        self._last_progress = 0.0
        self._cut_short = False

    def on_train_batch_end(self, batch, logs=None):
        finished = batch + 1
        if self._batches:
            # With steps_per_execution > 1, Keras 3.15 numbers the last, partial
            # group of batches as if it were full, past the epoch's last batch.
            finished = min(finished, self._batches)
        if self._check_stop():
            self._cut_short = self._cut_short or finished < self._batches
            return

        now = time.perf_counter()
        if now - self._last_progress >= PROGRESS_INTERVAL or finished == self._batches:
            self._last_progress = now
            self.listener.on_progress(
                BatchProgress(
                    epoch=self._epoch + 1,
                    epochs=self._epochs,
                    batch=finished,
                    batches=self._batches,
                    elapsed=now - self._train_start,
                )
            )

    def on_test_batch_end(self, batch, logs=None):
        # Validation inside fit() runs these hooks too; a stop cuts it short.
        if self.stop_event.is_set():
            self.model.stop_evaluating = True
            self._cut_short = True

    def on_epoch_end(self, epoch, logs=None):
        now = time.perf_counter()
        metrics = {name: _to_float(value) for name, value in (logs or {}).items()}
        self.listener.on_epoch_end(
            EpochResult(
                epoch=epoch + 1,
                epochs=self._epochs,
                metrics=metrics,
                seconds=now - self._epoch_start,
                elapsed=now - self._train_start,
                complete=not self._cut_short,
            )
        )
        if not self._cut_short:
            self._last_complete_weights = self.model.get_weights()
        self._check_stop()

    def on_train_end(self, logs=None):
        if self._cut_short and self._last_complete_weights is not None:
            logger.info("Restoring the weights of the last complete epoch")
            self.model.set_weights(self._last_complete_weights)
        self._last_complete_weights = None


def _to_float(value) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):
        return math.nan
