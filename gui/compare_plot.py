"""Many labelled runs overlaid on one axes, one metric at a time.

The widget has no Keras or comparison code. Callers add a series per run,
append its epochs as they arrive or set a whole history, and choose the metric
to show. The compare mode and the runs panel both use it.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from math import isfinite

from matplotlib import colormaps
from matplotlib.backend_bases import DrawEvent
from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg, NavigationToolbar2QT
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.ticker import MaxNLocator
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Signal, Slot
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from gui.training_plot import translate_toolbar

logger = logging.getLogger(__name__)

METRIC_TITLES: dict[str, str] = {
    "val_loss": QT_TRANSLATE_NOOP("ComparePlot", "Validation loss"),
    "val_accuracy": QT_TRANSLATE_NOOP("ComparePlot", "Validation accuracy"),
    "loss": QT_TRANSLATE_NOOP("ComparePlot", "Training loss"),
    "accuracy": QT_TRANSLATE_NOOP("ComparePlot", "Training accuracy"),
}
"""Metrics the chooser offers, by Keras name, in menu order."""

# Up to 10 series use tab10 and up to 20 use tab20, qualitative colormaps made
# for distinct categories. More series sample the turbo colormap evenly.
_QUALITATIVE = ((10, "tab10"), (20, "tab20"))
_MANY_COLORS = "turbo"
# Legend entries per column before the legend gets another column.
_LEGEND_ROWS = 14


def metric_title(metric: str) -> str:
    """Return the title of ``metric`` in the UI language; unknown names stay."""
    if metric not in METRIC_TITLES:
        return metric
    return QCoreApplication.translate("ComparePlot", METRIC_TITLES[metric])


@dataclass
class _Series:
    label: str
    line: Line2D
    metrics: dict[str, list[float]] = field(default_factory=dict)


class ComparePlot(QWidget):
    """Overlaid curves of several runs on one metric, with a metric chooser.

    Each series is one run, keyed by a caller's string and shown under its
    label. Lines are created once per series and updated in place. An epoch
    that stays inside the current axis limits is drawn by blitting only the
    lines onto a cached background. The whole figure is redrawn only when the
    limits, the legend or the metric change.

    Attributes
    ----------
    figure : matplotlib.figure.Figure
    canvas : FigureCanvasQTAgg
    toolbar : NavigationToolbar2QT
    axes : matplotlib.axes.Axes
    metric_combo : QComboBox
        Chooses the metric shown; its item data are Keras metric names.
    """

    metric_changed = Signal(str)
    """Keras name of the metric now shown."""

    def __init__(
        self,
        parent: QWidget | None = None,
        metric: str = "val_loss",
        placeholder: str = "",
    ):
        super().__init__(parent)
        placeholder = placeholder or self.tr("Runs appear here as they train")
        self._series: dict[str, _Series] = {}
        self._metric = metric
        self._background = None
        self._full_draws = 0
        self._epochs_hint = 1
        self._highlight: str | None = None

        self.figure = Figure(figsize=(8, 3.6), layout="constrained")
        self.canvas = FigureCanvasQTAgg(self.figure)
        self.canvas.setObjectName("compare_plot")
        self.canvas.setAccessibleName(self.tr("Overlaid run curves"))
        self.toolbar = NavigationToolbar2QT(self.canvas, self)
        translate_toolbar(self.toolbar)
        self.axes = self.figure.subplots()
        self.axes.xaxis.set_major_locator(MaxNLocator(integer=True, min_n_ticks=1))
        self.axes.set_xlabel(self.tr("Epoch"))
        self.axes.grid(True, alpha=0.3)
        self._placeholder = self.axes.text(
            0.5,
            0.5,
            placeholder,
            transform=self.axes.transAxes,
            ha="center",
            va="center",
            color="0.45",
        )

        self.metric_combo = QComboBox(self)
        self.metric_combo.setObjectName("compare_metric")
        self.metric_combo.setAccessibleName(self.tr("Metric shown"))
        self.metric_combo.setToolTip(self.tr("Metric drawn for every run."))
        for name in METRIC_TITLES:
            self.metric_combo.addItem(metric_title(name), name)
        self.metric_combo.setCurrentIndex(max(self.metric_combo.findData(metric), 0))
        metric_label = QLabel(self.tr("Metric"), self)
        metric_label.setBuddy(self.metric_combo)

        top = QHBoxLayout()
        top.addWidget(self.toolbar, 1)
        top.addWidget(metric_label)
        top.addWidget(self.metric_combo)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.canvas)

        self.canvas.mpl_connect("draw_event", self._on_canvas_draw)
        self.metric_combo.currentIndexChanged.connect(self._on_metric_combo_changed)
        self._apply_metric()

    # Series -------------------------------------------------------------

    def add_series(
        self,
        key: str,
        label: str,
        history: Mapping[str, Sequence[float]] | None = None,
    ) -> None:
        """Add a run's series, empty or with a whole history; replaces ``key``."""
        if key in self._series:
            self._series.pop(key).line.remove()
        # Animated lines are left out of full draws and blitted on top instead;
        # savefig still draws them, so exports contain every curve.
        (line,) = self.axes.plot(
            [], [], marker="o", markersize=2.5, linewidth=1.4, label=label
        )
        line.set_animated(True)
        series = _Series(label, line)
        self._series[key] = series
        self._style_lines()
        if history:
            series.metrics = {k: [float(v) for v in vs] for k, vs in history.items()}
            self._update_line(series)
        self._recolor()
        self._redraw()

    def remove_series(self, key: str) -> None:
        """Remove a run's series; an unknown key does nothing."""
        series = self._series.pop(key, None)
        if series is None:
            return
        series.line.remove()
        if self._highlight == key:
            self._highlight = None
            self._style_lines()
        self._recolor()
        self._redraw()

    def set_history(self, key: str, history: Mapping[str, Sequence[float]]) -> None:
        """Replace the whole history of an existing series."""
        series = self._series[key]
        series.metrics = {k: [float(v) for v in vs] for k, vs in history.items()}
        self._update_line(series)
        self._redraw()

    def append_epoch(self, key: str, epoch: int, metrics: Mapping[str, float]) -> None:
        """Append one epoch's metrics to a series and draw the new point."""
        series = self._series[key]
        for name, value in metrics.items():
            values = series.metrics.setdefault(name, [])
            # Epochs are 1-based and consecutive; a gap is filled with NaN.
            values.extend([float("nan")] * (epoch - 1 - len(values)))
            values.append(float(value))
        self._update_line(series)
        if self._fits_limits(series):
            self._blit()
        else:
            self._redraw()

    def set_label(self, key: str, label: str) -> None:
        """Rename a series in the legend."""
        series = self._series[key]
        series.label = label
        series.line.set_label(label)
        self._redraw()

    def set_highlight(self, key: str | None) -> None:
        """Draw one series thicker and on top and fade the others; None resets."""
        if key is not None and key not in self._series:
            key = None
        self._highlight = key
        self._style_lines()
        self._redraw()

    def highlighted(self) -> str | None:
        """Return the key of the highlighted series, or None."""
        return self._highlight

    def clear(self, epochs: int = 0, title: str = "") -> None:
        """Remove every series; the x axis then spans ``epochs`` epochs."""
        for series in self._series.values():
            series.line.remove()
        self._series.clear()
        self._highlight = None
        self._epochs_hint = max(epochs, 1)
        self.axes.set_title(title, fontsize="medium")
        self._redraw()

    # Metric -------------------------------------------------------------

    def current_metric(self) -> str:
        """Return the Keras name of the metric shown."""
        return self._metric

    def set_metric(self, metric: str) -> None:
        """Show ``metric`` (a key of METRIC_TITLES) for every series."""
        index = self.metric_combo.findData(metric)
        if index < 0:
            raise ValueError(
                f"metric {metric!r} is not offered: choose one of "
                f"{', '.join(METRIC_TITLES)}."
            )
        self.metric_combo.setCurrentIndex(index)

    @Slot(int)
    def _on_metric_combo_changed(self, index: int) -> None:
        self._metric = self.metric_combo.itemData(index)
        self._apply_metric()
        self.metric_changed.emit(self._metric)

    def _apply_metric(self) -> None:
        self.axes.set_ylabel(metric_title(self._metric).lower())
        for series in self._series.values():
            self._update_line(series)
        self._redraw()

    # Reading back -------------------------------------------------------

    def series_keys(self) -> list[str]:
        """Return the keys of the series, in the order they were added."""
        return list(self._series)

    def label(self, key: str) -> str:
        return self._series[key].label

    def line(self, key: str) -> Line2D:
        """Return the Matplotlib line of a series, for tests and exports."""
        return self._series[key].line

    def point_counts(self) -> dict[str, int]:
        """Return the number of points each series shows for the current metric."""
        return {key: len(s.line.get_xdata()) for key, s in self._series.items()}

    def full_draws(self) -> int:
        """Return how many times the whole figure has been drawn."""
        return self._full_draws

    # Drawing ------------------------------------------------------------

    def _update_line(self, series: _Series) -> None:
        values = series.metrics.get(self._metric, [])
        series.line.set_data(range(1, len(values) + 1), values)

    def _recolor(self) -> None:
        count = len(self._series)
        name = next((cmap for limit, cmap in _QUALITATIVE if count <= limit), None)
        if name is not None:
            colors = colormaps[name].colors
            palette = [colors[i] for i in range(count)]
        else:
            cmap = colormaps[_MANY_COLORS]
            # The ends of turbo are very dark and very pale; stay inside them.
            palette = [cmap(0.05 + 0.9 * i / (count - 1)) for i in range(count)]
        for series, color in zip(self._series.values(), palette, strict=True):
            series.line.set_color(color)

    def _style_lines(self) -> None:
        for key, series in self._series.items():
            if self._highlight is None:
                series.line.set(linewidth=1.4, alpha=1.0, zorder=2)
            elif key == self._highlight:
                series.line.set(linewidth=3.0, alpha=1.0, zorder=3)
            else:
                series.line.set(linewidth=1.0, alpha=0.3, zorder=2)

    def _all_values(self) -> list[float]:
        return [
            value
            for series in self._series.values()
            for value in series.metrics.get(self._metric, [])
            if isfinite(value)
        ]

    def _epochs_shown(self) -> int:
        longest = max(
            (len(s.metrics.get(self._metric, [])) for s in self._series.values()),
            default=0,
        )
        return max(longest, self._epochs_hint)

    def _fits_limits(self, series: _Series) -> bool:
        values = series.metrics.get(self._metric, [])
        if not values:
            return True
        low_x, high_x = self.axes.get_xlim()
        low_y, high_y = self.axes.get_ylim()
        value = values[-1]
        inside_y = not isfinite(value) or low_y <= value <= high_y
        return len(values) + 0.5 <= high_x and inside_y

    def _set_limits(self) -> None:
        self.axes.set_xlim(0.5, self._epochs_shown() + 0.5)
        values = self._all_values()
        if not values:
            self.axes.set_ylim(0, 1)
            return
        low, high = min(values), max(values)
        if "accuracy" in self._metric:
            self.axes.set_ylim(max(0.0, low - 0.02), min(1.0, high + 0.02) or 1.0)
            return
        # Losses start at 0 and leave headroom, so later epochs rarely need a
        # new scale and can be blitted.
        self.axes.set_ylim(0, high * 1.15 if high > 0 else 1)

    def _update_legend(self) -> None:
        legend = self.axes.get_legend()
        if legend is not None:
            legend.remove()
        if not self._series:
            return
        columns = 1 + (len(self._series) - 1) // _LEGEND_ROWS
        self.axes.legend(
            loc="upper left",
            bbox_to_anchor=(1.01, 1.0),
            borderaxespad=0.0,
            fontsize="small",
            ncols=columns,
            handlelength=1.5,
            labelspacing=0.3,
            columnspacing=0.8,
            frameon=False,
        )

    def _redraw(self) -> None:
        """Recompute limits and legend, then schedule a full draw."""
        self._placeholder.set_visible(not self._series)
        self._set_limits()
        self._update_legend()
        self._background = None
        self.canvas.draw_idle()

    def _on_canvas_draw(self, event: DrawEvent) -> None:
        # After every full draw, keep the picture without the lines as the
        # background for blitting, then draw the lines on top.
        self._full_draws += 1
        self._background = self.canvas.copy_from_bbox(self.figure.bbox)
        self._draw_lines()

    def _draw_lines(self) -> None:
        # Animated artists are drawn in this order, so the highlight goes last.
        ordered = sorted(self._series.values(), key=lambda s: s.line.get_zorder())
        for series in ordered:
            self.axes.draw_artist(series.line)

    def _blit(self) -> None:
        if self._background is None:
            # A full draw is pending; it draws the lines too.
            self.canvas.draw_idle()
            return
        self.canvas.restore_region(self._background)
        self._draw_lines()
        self.canvas.blit(self.figure.bbox)
