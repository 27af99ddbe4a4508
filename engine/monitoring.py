"""Early stopping, best-only checkpoints and the best epoch of one run.

The callbacks here wrap Keras' own EarlyStopping and ModelCheckpoint, so a
run stops and saves at the same epochs as a plain Keras script with the same
callbacks. They skip epochs that :class:`EpochReporter` marks incomplete (cut
short by a stop request, or by a NaN or infinite loss), so such an epoch is
never the best one and is never saved.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from typing import Any

import keras
import numpy as np

from engine import persistence
from engine.callbacks import EpochReporter
from engine.config import RunConfig
from engine.paths import write_problem
from engine.reporting import MonitorStatus, RunOutcome
from engine.run_control import RunControl

logger = logging.getLogger(__name__)

# Patience of the early stopping object that only tracks the best epoch when
# the user turned early stopping off; no run has this many epochs.
_NEVER = 2**31


class GuardedEarlyStopping(keras.callbacks.EarlyStopping):
    """Keras EarlyStopping that ignores epochs the reporter marks incomplete."""

    def __init__(self, reporter: EpochReporter, **kwargs: Any):
        super().__init__(**kwargs)
        self.reporter = reporter

    def on_epoch_end(self, epoch, logs=None):
        if self.reporter.epoch_complete:
            super().on_epoch_end(epoch, logs)


class AtomicModelCheckpoint(keras.callbacks.ModelCheckpoint):
    """Best-only Keras ModelCheckpoint that saves through ``persistence``.

    Keras decides when the monitored metric improved. The file is then
    written to a temporary name and moved over the old one, so a failed
    write keeps the previous checkpoint, and it carries the run's settings
    and history up to the saved epoch. A failed write does not stop the run:
    :attr:`error` contains the message, and the next improvement over the last
    saved value tries again.
    """

    def __init__(
        self,
        reporter: EpochReporter,
        filepath: str,
        monitor: str,
        metadata: Callable[[int, Mapping[str, Any]], Mapping[str, Any]],
    ):
        super().__init__(filepath, monitor=monitor, save_best_only=True, verbose=0)
        self.reporter = reporter
        self.metadata = metadata
        self.saved_epochs: list[int] = []
        """1-based epochs whose model was written."""
        self.saved_this_epoch = False
        self.error: str | None = None
        self.failure: str | None = None
        """Error of the latest write attempt, None when it succeeded or none ran."""

    def on_epoch_end(self, epoch, logs=None):
        self.saved_this_epoch = False
        self.error = None
        if not self.reporter.epoch_complete:
            return
        if self.monitor_op is None:
            self._set_monitor_op()
        previous_best = self.best
        if not self._should_save_model(epoch, None, logs, self.filepath):
            return
        if not weights_are_finite(self.model):
            self.best = previous_best
            logger.warning("Not saving epoch %d: its weights are not finite", epoch + 1)
            return
        try:
            persistence.save_model(
                self.model, self.filepath, self.metadata(epoch + 1, logs or {})
            )
        except persistence.ModelFileError as error:
            self.best = previous_best
            self.error = str(error)
            self.failure = self.error
            logger.warning("Checkpoint at epoch %d failed: %s", epoch + 1, error)
            return
        logger.info("Saved the epoch %d checkpoint to %s", epoch + 1, self.filepath)
        self.saved_epochs.append(epoch + 1)
        self.saved_this_epoch = True
        self.failure = None


def weights_are_finite(model: keras.Model) -> bool:
    """Return True when no weight of ``model`` is NaN or infinite."""
    return all(np.isfinite(weights).all() for weights in model.get_weights())


def check_checkpoint_target(config: RunConfig) -> None:
    """Raise ModelFileError when the checkpoint file cannot be written.

    This runs before training, so a wrong folder fails at once instead of
    after the first epoch.
    """
    if not config.fit.checkpoint:
        return
    persistence.check_checkpoint_file(config.fit.checkpoint_path)
    problem = write_problem(config.fit.checkpoint_path)
    if problem is not None:
        raise persistence.ModelFileError(
            f"Checkpoint file {problem}. Choose a file in a folder you can write to."
        )


def tracked_monitor(config: RunConfig, has_validation: bool) -> str:
    """Return the metric that decides the best epoch of a run."""
    if config.fit.early_stopping:
        return config.fit.early_stopping_monitor
    if config.fit.checkpoint:
        return config.fit.checkpoint_monitor
    return "val_loss" if has_validation else "loss"


class RunTracker(keras.callbacks.Callback):
    """Track the best epoch and its weights; send each epoch's report.

    Place it last in ``fit``'s list: it reads the state that early stopping
    and the checkpoint left after the epoch, then sends the report that the
    EpochReporter held back, with a :class:`MonitorStatus`.
    """

    def __init__(
        self,
        reporter: EpochReporter,
        stopping: keras.callbacks.EarlyStopping,
        early_stopping: bool,
        checkpoint: AtomicModelCheckpoint | None,
    ):
        super().__init__()
        self.reporter = reporter
        self.stopping = stopping
        """The user's early stopping, or one that only tracks the best epoch."""
        self.early_stopping = early_stopping
        self.checkpoint = checkpoint
        self.best_epoch: int | None = None
        self.best_weights: list | None = None
        self.stopped_epoch: int | None = None
        reporter.defer_reports()

    def set_model(self, model):
        super().set_model(model)
        if not self.early_stopping:
            self.stopping.set_model(model)

    def on_train_begin(self, logs=None):
        if not self.early_stopping:
            self.stopping.on_train_begin(logs)

    def on_epoch_end(self, epoch, logs=None):
        status = None
        if self.reporter.epoch_complete:
            if not self.early_stopping:
                self.stopping.on_epoch_end(epoch, logs)
            status = self._update(epoch)
        self.reporter.send_pending(status)

    def _update(self, epoch: int) -> MonitorStatus:
        stopping = self.stopping
        if stopping.best is not None:
            best_epoch = stopping.best_epoch + 1
            if best_epoch != self.best_epoch:
                self.best_epoch = best_epoch
                self.best_weights = self.model.get_weights()
        fired = self.early_stopping and epoch > 0 and stopping.stopped_epoch == epoch
        if fired:
            self.stopped_epoch = epoch + 1
        checkpoint = self.checkpoint
        return MonitorStatus(
            monitor=stopping.monitor,
            best_epoch=self.best_epoch,
            best_value=None if stopping.best is None else float(stopping.best),
            epochs_without_improvement=int(stopping.wait),
            patience=stopping.patience if self.early_stopping else None,
            checkpoint_monitor=None if checkpoint is None else checkpoint.monitor,
            checkpoint_saved=checkpoint is not None and checkpoint.saved_this_epoch,
            checkpoint_error=None if checkpoint is None else checkpoint.error,
            early_stopped=fired,
        )

    @property
    def best_value(self) -> float | None:
        best = self.stopping.best
        return None if best is None or self.best_epoch is None else float(best)


def build_callbacks(
    config: RunConfig,
    reporter: EpochReporter,
    has_validation: bool,
    checkpoint_metadata: Callable[[int, Mapping[str, Any]], Mapping[str, Any]],
) -> tuple[list[keras.callbacks.Callback], RunTracker]:
    """Return the callbacks to add after ``reporter``, the tracker last."""
    fit = config.fit
    monitor = tracked_monitor(config, has_validation)
    callbacks: list[keras.callbacks.Callback] = []
    if fit.early_stopping:
        stopping = GuardedEarlyStopping(
            reporter,
            monitor=monitor,
            patience=fit.patience,
            min_delta=fit.min_delta,
            restore_best_weights=fit.restore_best_weights,
        )
        callbacks.append(stopping)
    else:
        stopping = keras.callbacks.EarlyStopping(monitor=monitor, patience=_NEVER)
    checkpoint = None
    if fit.checkpoint:
        checkpoint = AtomicModelCheckpoint(
            reporter, fit.checkpoint_path, fit.checkpoint_monitor, checkpoint_metadata
        )
        callbacks.append(checkpoint)
    tracker = RunTracker(reporter, stopping, fit.early_stopping, checkpoint)
    callbacks.append(tracker)
    return callbacks, tracker


def finish_run(
    config: RunConfig,
    model: keras.Model,
    reporter: EpochReporter,
    tracker: RunTracker,
    control: RunControl,
    epochs_completed: int,
) -> RunOutcome:
    """Give ``model`` the weights the run keeps and describe how it ended.

    A stop request keeps what ``control.stop_outcome`` names. Otherwise the
    model keeps the best epoch when early stopping restores best weights,
    and the last complete epoch in every other case. "discard" leaves the
    weights alone; the session puts the previous model back.
    """
    stopped = reporter.stopped_by_request and epochs_completed < config.fit.epochs
    if reporter.diverged is not None:
        reason = "diverged"
    elif stopped:
        reason = "stop_request"
    elif tracker.stopped_epoch is not None:
        reason = "early_stopping"
    else:
        reason = "completed"

    if stopped:
        kept = control.stop_outcome
    elif config.fit.early_stopping and config.fit.restore_best_weights:
        kept = "best"
    else:
        kept = "last"

    held_epoch = None
    if epochs_completed == 0:
        pass
    elif kept == "best" and tracker.best_weights is not None:
        model.set_weights(tracker.best_weights)
        held_epoch = tracker.best_epoch
    elif kept == "discard":
        kept = "discarded"
    else:
        kept = "last"
        if reporter.last_complete_weights is not None:
            model.set_weights(reporter.last_complete_weights)
        held_epoch = epochs_completed

    message = ""
    if reporter.diverged is not None:
        message = (
            f"Training stopped because {reporter.diverged}. Lower the learning rate "
            f"(now {config.fit.learning_rate:g}) and train again."
        )
    checkpoint = tracker.checkpoint
    outcome = RunOutcome(
        reason=reason,
        epochs_completed=epochs_completed,
        monitor=tracker.stopping.monitor,
        best_epoch=tracker.best_epoch,
        best_value=tracker.best_value,
        stopped_epoch=tracker.stopped_epoch,
        checkpoint_path=config.fit.checkpoint_path if checkpoint else None,
        checkpoint_epochs=tuple(checkpoint.saved_epochs) if checkpoint else (),
        held_epoch=held_epoch,
        kept_weights=kept,
        message=message,
        checkpoint_error=checkpoint.failure if checkpoint else None,
    )
    logger.info("Run outcome: %s", outcome)
    return outcome
