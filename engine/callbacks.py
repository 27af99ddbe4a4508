"""The Keras callback that streams a run's progress and honours stop requests."""

from __future__ import annotations

import dataclasses
import logging
import math
import threading
import time

import keras

from engine.reporting import BatchProgress, EpochResult, MonitorStatus, TrainingListener
from engine.run_control import RunControl

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
    control
        Pause requests hold the fit between batches, and its ``stop_event``
        stops training as ``stop_event`` does.

    Notes
    -----
    An epoch cut short by a stop request is still reported, with
    ``complete=False``, because Keras runs ``on_epoch_end`` for it. The model's
    weights are then set back to those at the end of the last complete epoch,
    so the model matches the last point of the curves.

    A NaN or infinite loss after a batch, or a non-finite metric at an epoch's
    end, stops the run at once and cuts that epoch the same way, so the model
    never keeps weights that produced it. ``diverged`` then contains the reason.

    Place this callback first in ``fit``'s list, because the callbacks after it
    read :attr:`epoch_complete` in their ``on_epoch_end``.
    """

    def __init__(
        self,
        listener: TrainingListener,
        stop_event: threading.Event | None = None,
        control: RunControl | None = None,
    ):
        super().__init__()
        self.listener = listener
        if stop_event is None and control is not None:
            stop_event = control.stop_event
        self.stop_event = stop_event or threading.Event()
        self.control = control
        self.stopped_by_request = False
        self.diverged: str | None = None
        """Reason the loss stopped the run, or None while it stays finite."""
        self.epoch_complete = True
        """Whether the epoch that just ended ran all its batches and validation."""
        self._deferred = False
        self._pending: EpochResult | None = None
        self._cut_short = False
        self._last_complete_weights: list | None = None
        self._epochs = 0
        self._batches = 0
        self._epoch = 0
        self._train_start = 0.0
        self._epoch_start = 0.0
        self._last_progress = 0.0

    def _stop_requested(self) -> bool:
        control = self.control
        return self.stop_event.is_set() or (
            control is not None and control.stop_event.is_set()
        )

    def _check_stop(self) -> bool:
        if self._stop_requested() and not self.stopped_by_request:
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

    def _diverge(self, reason: str) -> None:
        logger.warning("Stopping the run: %s", reason)
        self.diverged = reason
        self._cut_short = True
        self.model.stop_training = True

    def on_train_batch_end(self, batch, logs=None):
        finished = batch + 1
        if self._batches:
            # With steps_per_execution > 1, Keras 3.15 numbers the last, partial
            # group of batches as if it were full, past the epoch's last batch.
            finished = min(finished, self._batches)
        if self.diverged is None:
            loss = _to_float((logs or {}).get("loss", 0.0))
            if not math.isfinite(loss):
                self._diverge(
                    f"the loss became {loss} in epoch {self._epoch + 1}, batch "
                    f"{finished} of {self._batches}"
                )
        if self.diverged is not None:
            return
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
        if self.control is not None:
            self.control.wait_while_paused(self.stop_event)

    def on_test_batch_end(self, batch, logs=None):
        # Validation inside fit() runs these hooks too; a stop cuts it short.
        if self._stop_requested() or self.diverged is not None:
            self.model.stop_evaluating = True
            self._cut_short = True

    def on_epoch_end(self, epoch, logs=None):
        now = time.perf_counter()
        metrics = {name: _to_float(value) for name, value in (logs or {}).items()}
        if self.diverged is None:
            for name, value in metrics.items():
                if not math.isfinite(value):
                    self._diverge(f"{name} became {value} in epoch {epoch + 1}")
                    break
        self.epoch_complete = not self._cut_short
        result = EpochResult(
            epoch=epoch + 1,
            epochs=self._epochs,
            metrics=metrics,
            seconds=now - self._epoch_start,
            elapsed=now - self._train_start,
            complete=self.epoch_complete,
        )
        if self._deferred:
            self._pending = result
        else:
            self.listener.on_epoch_end(result)
        if self.epoch_complete:
            self._last_complete_weights = self.model.get_weights()
        self._check_stop()

    def defer_reports(self) -> None:
        """Hold each epoch's report until :meth:`send_pending` sends it.

        The callback that calls ``send_pending`` goes last in ``fit``'s list,
        so the report can carry a status that every other callback updated.
        """
        self._deferred = True

    def send_pending(self, status: MonitorStatus | None) -> None:
        """Send the report of the epoch that just ended, with ``status``."""
        if self._pending is None:
            return
        result = self._pending
        self._pending = None
        if status is not None:
            result = dataclasses.replace(result, status=status)
        self.listener.on_epoch_end(result)
        # The listener may have requested a stop; it applies before the next epoch.
        self._check_stop()

    @property
    def last_complete_weights(self) -> list | None:
        """Weights at the end of the last complete epoch, None before one ends."""
        return self._last_complete_weights

    def on_train_end(self, logs=None):
        if self._cut_short and self._last_complete_weights is not None:
            logger.info("Restoring the weights of the last complete epoch")
            self.model.set_weights(self._last_complete_weights)


def _to_float(value) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):
        return math.nan
