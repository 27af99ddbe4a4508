"""Immutable records that a training run hands to its listener.

They hold plain Python values only, so they can cross from the worker thread
into the window without carrying any Keras or TensorFlow object.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Protocol


@dataclass(frozen=True)
class EpochResult:
    """Metrics of one epoch, as Keras logs them at the epoch's end."""

    epoch: int
    """1-based number of the epoch."""
    epochs: int
    """Number of epochs the run was asked for."""
    metrics: Mapping[str, float]
    """Keras metric names (``loss``, ``val_accuracy``, ...) to their values."""
    seconds: float
    """Wall time of this epoch, validation included."""
    elapsed: float
    """Wall time since the run started fitting."""
    complete: bool = True
    """False for an epoch cut short by a stop request or a NaN or infinite loss."""
    status: MonitorStatus | None = None
    """Best epoch, patience and checkpoint state after this epoch."""


@dataclass(frozen=True)
class MonitorStatus:
    """Progress of a run against its monitored metric after one epoch.

    Early stopping, when on, decides the best epoch. Otherwise the checkpoint
    monitor does, and without a checkpoint ``val_loss`` (or ``loss`` for a
    run without validation data), compared as Keras' EarlyStopping does.
    """

    monitor: str
    """Keras name of the monitored metric, such as ``val_loss``."""
    best_epoch: int | None
    """1-based epoch with the best monitored value so far."""
    best_value: float | None
    epochs_without_improvement: int
    """Epochs since the best one; Keras' EarlyStopping calls this ``wait``."""
    patience: int | None
    """Early stopping's patience, or None when early stopping is off."""
    checkpoint_monitor: str | None = None
    """Metric that decides the checkpoint, None when the checkpoint is off."""
    checkpoint_saved: bool = False
    """True when this epoch's model was written to the checkpoint file."""
    checkpoint_error: str | None = None
    """Error message of a failed checkpoint write at this epoch, or None."""
    early_stopped: bool = False
    """True when early stopping ended the run at this epoch."""

    def patience_text(self) -> str:
        """Return the patience meter as a sentence, or "" without early stopping."""
        if self.patience is None:
            return ""
        # Keras stops at the first epoch without improvement for patience 0
        # and 1 alike, so 0 shows as 1.
        limit = max(self.patience, 1)
        noun = "epoch" if limit == 1 else "epochs"
        return (
            f"{self.epochs_without_improvement} of {limit} {noun} without improvement"
        )


STOP_REASONS = ("completed", "early_stopping", "stop_request", "diverged")
"""Why a run ended: all epochs ran, early stopping fired, the user stopped it,
or the loss became NaN or infinite."""


@dataclass(frozen=True)
class RunOutcome:
    """End of a run: its reason and the epoch whose weights the model contains."""

    reason: str
    """One of STOP_REASONS."""
    epochs_completed: int
    monitor: str
    best_epoch: int | None = None
    """1-based epoch with the best monitored value, None without complete epochs."""
    best_value: float | None = None
    stopped_epoch: int | None = None
    """1-based epoch at which early stopping fired, None when it did not."""
    checkpoint_path: str | None = None
    checkpoint_epochs: tuple[int, ...] = ()
    """1-based epochs whose model was written to the checkpoint file."""
    held_epoch: int | None = None
    """1-based epoch whose weights the model holds, None when none is kept."""
    kept_weights: str = "last"
    """"best", "last" or "discarded": the weights the run ended with."""
    message: str = ""
    """Details for the user, such as the batch at which the loss became NaN."""
    checkpoint_error: str | None = None
    """Cause of a failed checkpoint write that left the file without the best epoch."""

    def held_text(self) -> str:
        """Return a sentence naming the epoch whose weights the model holds."""
        if self.kept_weights == "discarded":
            return "The run was discarded, so the model from before it is kept."
        if self.held_epoch is None:
            return "No epoch completed, so the model from before the run is kept."
        text = f"The model holds the weights of epoch {self.held_epoch}"
        if self.held_epoch == self.best_epoch:
            text += f", the best {self.monitor}"
            if self.best_value is not None:
                text += f" ({metric_text(self.best_value)})"
        elif self.held_epoch == self.epochs_completed:
            text += ", the last complete epoch"
        return text + "."

    def summary_text(self) -> str:
        """Return how the run ended, then which weights the model holds."""
        count = self.epochs_completed
        epochs = f"{count} complete epoch{'' if count == 1 else 's'}"
        if self.reason == "completed":
            text = (
                "The run finished its only epoch."
                if count == 1
                else f"The run finished all {count} epochs."
            )
        elif self.reason == "early_stopping":
            text = f"Early stopping ended the run at epoch {self.stopped_epoch}."
        elif self.reason == "stop_request":
            text = f"The run was stopped on request after {epochs}."
        else:
            text = f"The run stopped after {epochs}."
        if self.message:
            text += " " + self.message
        if self.checkpoint_epochs:
            saved = ", ".join(str(epoch) for epoch in self.checkpoint_epochs)
            noun = "epoch" if len(self.checkpoint_epochs) == 1 else "epochs"
            text += (
                f" Checkpoint {self.checkpoint_path} was written after {noun} "
                f"{saved} and holds epoch {self.checkpoint_epochs[-1]}."
            )
        if self.checkpoint_error:
            text += f" Checkpoint not written: {self.checkpoint_error}"
        return f"{text} {self.held_text()}"


def metric_text(value: float) -> str:
    """Format a metric with 4 decimals, or 4 significant digits when it is huge.

    A diverging loss can reach 1e19, which 4 fixed decimals print as a long
    run of meaningless digits, and a tiny one would print as 0.0000.
    """
    if value == 0 or 1e-3 <= abs(value) < 1e6:
        return f"{value:.4f}"
    return f"{value:.4g}"


@dataclass(frozen=True)
class BatchProgress:
    """Position of a run inside its epochs, sent a few times a second."""

    epoch: int
    epochs: int
    batch: int
    """Batches finished in this epoch."""
    batches: int
    """Batches per epoch."""
    elapsed: float


@dataclass(frozen=True)
class History:
    """Per-epoch metrics of the complete epochs of a run."""

    metrics: Mapping[str, tuple[float, ...]] = field(default_factory=dict)

    @property
    def epochs(self) -> int:
        return max((len(values) for values in self.metrics.values()), default=0)

    def to_dict(self) -> dict[str, list[float]]:
        return {name: list(values) for name, values in self.metrics.items()}

    @classmethod
    def from_dict(cls, values: Mapping[str, list[float]]) -> History:
        return cls(
            {name: tuple(float(v) for v in series) for name, series in values.items()}
        )


class TrainingListener(Protocol):
    """Receiver of a training run's reports, called on the thread that runs it."""

    def on_epoch_end(self, result: EpochResult) -> None: ...

    def on_progress(self, progress: BatchProgress) -> None: ...
