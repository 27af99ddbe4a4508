"""Marks on the training curves: best epoch, checkpoints, early stop, overfitting."""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence

from matplotlib.axes import Axes
from matplotlib.lines import Line2D
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from engine.reporting import MonitorStatus

logger = logging.getLogger(__name__)

OVERFITTING_LABEL = QT_TRANSLATE_NOOP(
    "RunMarkers", "overfitting: val loss rises, train loss falls"
)
"""Legend label of the overfitting shading, in English; shown translated."""
_HIDDEN = "_nolegend_"


def overfitting_ranges(
    train_loss: Sequence[float], val_loss: Sequence[float]
) -> list[tuple[int, int]]:
    """Return 1-based epoch ranges where validation loss rose and training loss fell.

    A step from epoch ``e`` to ``e + 1`` counts when ``val_loss`` went up and
    ``loss`` went down over it. Adjacent steps merge into one range.
    """
    ranges: list[tuple[int, int]] = []
    count = min(len(train_loss), len(val_loss))
    for index in range(1, count):
        rising = val_loss[index] > val_loss[index - 1]
        falling = train_loss[index] < train_loss[index - 1]
        if not (rising and falling):
            continue
        start, end = index, index + 1
        if ranges and ranges[-1][1] == start:
            ranges[-1] = (ranges[-1][0], end)
        else:
            ranges.append((start, end))
    return ranges


def _marker_line(axes: Axes, **style) -> Line2D:
    """Return an empty, unlabelled line of markers only, for RunMarkers to fill."""
    (line,) = axes.plot([], [], linestyle="none", label=_HIDDEN, **style)
    return line


class RunMarkers:
    """The marker artists of one run, drawn on the loss and accuracy axes.

    ``lines`` maps each metric name to its curve, which supplies the height
    of the best-epoch and checkpoint markers.
    """

    def __init__(
        self, loss_axes: Axes, accuracy_axes: Axes, lines: Mapping[str, Line2D]
    ):
        self.loss_axes = loss_axes
        self.lines = lines
        self._axes = (loss_axes, accuracy_axes)
        self.best_epoch: int | None = None
        self.checkpoint_epochs: list[int] = []
        self.stopped_epoch: int | None = None
        self.overfitting: list[tuple[int, int]] = []
        self._monitor = "val_loss"
        self._checkpoint_monitor = "val_loss"

        self._best = {
            axes: _marker_line(
                axes,
                marker="*",
                markersize=15,
                markerfacecolor="gold",
                markeredgecolor="0.2",
                zorder=5,
            )
            for axes in self._axes
        }

        self._checkpoints = {
            axes: _marker_line(
                axes,
                marker="D",
                markersize=7,
                markerfacecolor="none",
                markeredgecolor="C2",
                markeredgewidth=1.5,
                zorder=4,
            )
            for axes in self._axes
        }

        self._stop_lines = {
            axes: axes.axvline(
                0,
                color="C3",
                linestyle=":",
                linewidth=1.5,
                visible=False,
                label=_HIDDEN,
            )
            for axes in self._axes
        }
        self._spans: list = []

    def clear(self) -> None:
        """Remove every mark, as before a new run."""
        self.best_epoch = None
        self.checkpoint_epochs = []
        self.stopped_epoch = None
        for artist in (*self._best.values(), *self._checkpoints.values()):
            artist.set_data([], [])
            artist.set_label(_HIDDEN)
        for line in self._stop_lines.values():
            line.set_visible(False)
            line.set_label(_HIDDEN)
        self.shade_overfitting([], [])

    def update(self, epoch: int, status: MonitorStatus) -> None:
        """Apply the best epoch, checkpoint and early stop of one epoch."""
        self._monitor = status.monitor
        self.best_epoch = status.best_epoch
        if status.checkpoint_monitor:
            self._checkpoint_monitor = status.checkpoint_monitor
        if status.checkpoint_saved:
            self.checkpoint_epochs.append(epoch)
        if status.early_stopped:
            self.stopped_epoch = epoch
        self._draw_best()
        self._draw_checkpoints()
        self._draw_stop()

    def _axes_of(self, metric: str) -> Axes:
        return self._axes[0] if metric.endswith("loss") else self._axes[1]

    def _value_at(self, metric: str, epoch: int) -> float | None:
        line = self.lines.get(metric)
        if line is None:
            return None
        for x, y in zip(line.get_xdata(), line.get_ydata(), strict=True):
            if x == epoch:
                return float(y)
        return None

    def _draw_best(self) -> None:
        target = self._axes_of(self._monitor)
        for axes, artist in self._best.items():
            value = None
            if axes is target and self.best_epoch is not None:
                value = self._value_at(self._monitor, self.best_epoch)
            if value is None:
                artist.set_data([], [])
                artist.set_label(_HIDDEN)
            else:
                artist.set_data([self.best_epoch], [value])
                artist.set_label(
                    QCoreApplication.translate(
                        "RunMarkers", "best {monitor} (epoch {epoch})"
                    ).format(monitor=self._monitor, epoch=self.best_epoch)
                )

    def _draw_checkpoints(self) -> None:
        metric = self._checkpoint_monitor
        target = self._axes_of(metric)
        points = [
            (epoch, value)
            for epoch in self.checkpoint_epochs
            if (value := self._value_at(metric, epoch)) is not None
        ]
        for axes, artist in self._checkpoints.items():
            if axes is target and points:
                artist.set_data([p[0] for p in points], [p[1] for p in points])
                artist.set_label(
                    QCoreApplication.translate("RunMarkers", "checkpoint saved")
                )
            else:
                artist.set_data([], [])
                artist.set_label(_HIDDEN)

    def _draw_stop(self) -> None:
        for axes, line in self._stop_lines.items():
            if self.stopped_epoch is None:
                line.set_visible(False)
                line.set_label(_HIDDEN)
                continue
            line.set_xdata([self.stopped_epoch, self.stopped_epoch])
            line.set_visible(True)
            label = QCoreApplication.translate(
                "RunMarkers", "early stop (epoch {epoch})"
            ).format(epoch=self.stopped_epoch)
            line.set_label(label if axes is self.loss_axes else _HIDDEN)

    def shade_overfitting(
        self, train_loss: Sequence[float], val_loss: Sequence[float]
    ) -> None:
        """Shade the epochs where validation loss rises while training loss falls."""
        ranges = overfitting_ranges(train_loss, val_loss)
        if ranges == self.overfitting and len(self._spans) == len(ranges):
            return
        for span in self._spans:
            span.remove()
        self._spans = []
        self.overfitting = ranges
        for index, (start, end) in enumerate(ranges):
            span = self.loss_axes.axvspan(
                start,
                end,
                color="C3",
                alpha=0.12,
                zorder=0,
                label=(
                    QCoreApplication.translate("RunMarkers", OVERFITTING_LABEL)
                    if index == 0
                    else _HIDDEN
                ),
            )
            self._spans.append(span)
