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
    """False for an epoch cut short by a stop request."""


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
