"""Loss and accuracy curves on an embedded Matplotlib canvas, updated per epoch."""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from math import isfinite

import matplotlib
from matplotlib import font_manager
from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg, NavigationToolbar2QT
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.ticker import MaxNLocator
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import QProgressBar, QVBoxLayout, QWidget

from engine.reporting import MonitorStatus
from gui.plot_markers import RunMarkers

logger = logging.getLogger(__name__)

# Metric name, axes index (0 loss, 1 accuracy), legend label, line style.
_SERIES = (
    ("loss", 0, "train", "-"),
    ("val_loss", 0, "val", "--"),
    ("accuracy", 1, "train", "-"),
    ("val_accuracy", 1, "val", "--"),
)
_COLORS = {"train": "C0", "val": "C1"}
# Legend labels, marked for lupdate and translated when the axes are drawn.
_LEGEND = {
    "train": QT_TRANSLATE_NOOP("TrainingPlot", "train"),
    "val": QT_TRANSLATE_NOOP("TrainingPlot", "val"),
}
# Matplotlib's toolbar texts (matplotlib 3.x NavigationToolbar2.toolitems),
# marked for lupdate so the toolbar follows the UI language too.
_TOOLBAR_TEXTS = {
    "Home": QT_TRANSLATE_NOOP("TrainingPlot", "Home"),
    "Back": QT_TRANSLATE_NOOP("TrainingPlot", "Back"),
    "Forward": QT_TRANSLATE_NOOP("TrainingPlot", "Forward"),
    "Pan": QT_TRANSLATE_NOOP("TrainingPlot", "Pan"),
    "Zoom": QT_TRANSLATE_NOOP("TrainingPlot", "Zoom"),
    "Subplots": QT_TRANSLATE_NOOP("TrainingPlot", "Subplots"),
    "Customize": QT_TRANSLATE_NOOP("TrainingPlot", "Customize"),
    "Save": QT_TRANSLATE_NOOP("TrainingPlot", "Save"),
    "Reset original view": QT_TRANSLATE_NOOP("TrainingPlot", "Reset original view"),
    "Back to previous view": QT_TRANSLATE_NOOP("TrainingPlot", "Back to previous view"),
    "Forward to next view": QT_TRANSLATE_NOOP("TrainingPlot", "Forward to next view"),
    "Left button pans, Right button zooms\nx/y fixes axis, CTRL fixes aspect": (
        QT_TRANSLATE_NOOP(
            "TrainingPlot",
            "Left button pans, Right button zooms\nx/y fixes axis, CTRL fixes aspect",
        )
    ),
    "Zoom to rectangle\nx/y fixes axis": QT_TRANSLATE_NOOP(
        "TrainingPlot", "Zoom to rectangle\nx/y fixes axis"
    ),
    "Configure subplots": QT_TRANSLATE_NOOP("TrainingPlot", "Configure subplots"),
    "Edit axis, curve and image parameters": QT_TRANSLATE_NOOP(
        "TrainingPlot", "Edit axis, curve and image parameters"
    ),
    "Save the figure": QT_TRANSLATE_NOOP("TrainingPlot", "Save the figure"),
}

# Fonts with Hangul glyphs, tried after Matplotlib's default DejaVu Sans, which
# has none: Noto Sans CJK (Linux), Malgun Gothic (Windows), AppleGothic (macOS).
_CJK_FONTS = ("Noto Sans CJK KR", "Noto Sans KR", "NanumGothic", "Malgun Gothic")
_CJK_FONTS += ("AppleGothic", "Apple SD Gothic Neo")


def translate_toolbar(toolbar: NavigationToolbar2QT) -> None:
    """Show a Matplotlib toolbar's texts and tooltips in the UI language."""
    for action in toolbar.actions():
        text, tip = action.text(), action.toolTip()
        if text in _TOOLBAR_TEXTS:
            action.setText(
                QCoreApplication.translate("TrainingPlot", _TOOLBAR_TEXTS[text])
            )
        if tip in _TOOLBAR_TEXTS:
            action.setToolTip(
                QCoreApplication.translate("TrainingPlot", _TOOLBAR_TEXTS[tip])
            )


def patience_text(status: MonitorStatus) -> str:
    """Return MonitorStatus.patience_text in the UI language."""
    if status.patience is None:
        return ""
    # Keras stops at the first epoch without improvement for patience 0 and 1
    # alike, so 0 shows as 1.
    limit = max(status.patience, 1)
    if limit == 1:
        text = QCoreApplication.translate(
            "TrainingPlot", "{count} of {limit} epoch without improvement"
        )
    else:
        text = QCoreApplication.translate(
            "TrainingPlot", "{count} of {limit} epochs without improvement"
        )
    return text.format(count=status.epochs_without_improvement, limit=limit)


def use_cjk_fallback_fonts() -> list[str]:
    """Add the installed fonts of _CJK_FONTS as Matplotlib fallbacks; return them.

    Matplotlib 3.6+ takes the next family of ``font.family`` for a missing glyph.
    Only installed fonts are listed, because Matplotlib logs a warning for
    every missing family it is asked for.
    """
    installed = {font.name for font in font_manager.fontManager.ttflist}
    found = [name for name in _CJK_FONTS if name in installed]
    # Fallback works between the entries of font.family, not inside the
    # generic "sans-serif" list, so the fonts are added to font.family.
    families = list(matplotlib.rcParams["font.family"])
    extra = [name for name in found if name not in families]
    if extra:
        matplotlib.rcParams["font.family"] = families + extra
    if not found:
        logger.info("No font with Hangul found; Korean plot labels may show boxes")
    return found


class TrainingPlot(QWidget):
    """Two axes, loss and accuracy, each with a train and a validation line.

    Each line is created once and updated in place with ``set_data`` as epochs
    arrive; the canvas is redrawn once per epoch with ``draw_idle``.

    Attributes
    ----------
    figure : matplotlib.figure.Figure
    canvas : FigureCanvasQTAgg
    toolbar : NavigationToolbar2QT
        Matplotlib's pan, zoom and save toolbar.
    """

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        use_cjk_fallback_fonts()
        self.figure = Figure(figsize=(8, 3.6), layout="constrained")
        self.canvas = FigureCanvasQTAgg(self.figure)
        self.canvas.setObjectName("training_plot")
        self.canvas.setAccessibleName(self.tr("Training curves"))
        self.toolbar = NavigationToolbar2QT(self.canvas, self)
        translate_toolbar(self.toolbar)

        self.loss_axes, self.accuracy_axes = self.figure.subplots(1, 2)
        self._axes = (self.loss_axes, self.accuracy_axes)
        self._epochs: dict[str, list[int]] = {}
        self._values: dict[str, list[float]] = {}
        self.lines: dict[str, Line2D] = {}
        for metric, index, label, style in _SERIES:
            (line,) = self._axes[index].plot(
                [],
                [],
                style,
                color=_COLORS[label],
                marker="o",
                markersize=3,
                label=self.tr(_LEGEND[label]),
            )
            self.lines[metric] = line
        self._style_axes()
        self._hint = self.loss_axes.text(
            0.5,
            0.5,
            self.tr("Press Train to watch the curves grow"),
            transform=self.loss_axes.transAxes,
            ha="center",
            va="center",
            color="0.45",
        )
        self.markers = RunMarkers(self.loss_axes, self.accuracy_axes, self.lines)
        self.patience_meter = QProgressBar(self)
        self.patience_meter.setObjectName("patience_meter")
        self.patience_meter.setAccessibleName(self.tr("Early stopping patience"))
        self.patience_meter.setToolTip(
            self.tr(
                "Epochs since the monitored metric last improved. Early stopping "
                "ends the run when the bar is full."
            )
        )
        self.patience_meter.setTextVisible(True)
        # Replaced by the count at the first epoch; set so no "%p%" shows.
        self.patience_meter.setFormat(self.tr("Early stopping"))
        self.patience_meter.hide()
        self.clear(20)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.canvas)
        layout.addWidget(self.patience_meter)

    def _style_axes(self) -> None:
        titles = (self.tr("Loss"), self.tr("Accuracy"))
        labels = (self.tr("loss"), self.tr("accuracy"))
        for axes, title, label in zip(self._axes, titles, labels, strict=True):
            axes.set_title(title)
            axes.set_xlabel(self.tr("Epoch"))
            axes.set_ylabel(label)
            axes.xaxis.set_major_locator(MaxNLocator(integer=True, min_n_ticks=1))
            axes.grid(True, alpha=0.3)
            axes.legend(loc="best")

    def clear(self, epochs: int = 0, title: str = "") -> None:
        """Empty every line and set the x axis to span ``epochs`` epochs."""
        for metric in self.lines:
            self._epochs[metric] = []
            self._values[metric] = []
            self.lines[metric].set_data([], [])
        for axes in self._axes:
            axes.set_xlim(0.5, max(epochs, 1) + 0.5)
            axes.relim()
        self.loss_axes.set_ylim(0, 1)
        self.accuracy_axes.set_ylim(0, 1)
        self.figure.suptitle(title, fontsize="medium")
        self._hint.set_visible(not title)
        self.markers.clear()
        self.patience_meter.hide()
        self._refresh_legends()
        self.canvas.draw_idle()

    def add_epoch(
        self,
        epoch: int,
        metrics: Mapping[str, float],
        status: MonitorStatus | None = None,
    ) -> None:
        """Append one epoch's point to each line whose metric is in ``metrics``.

        ``status`` moves the best-epoch marker, adds a checkpoint marker when
        the epoch was saved, marks where early stopping fired and fills the
        patience meter.
        """
        for metric, value in metrics.items():
            if metric not in self.lines:
                continue
            self._epochs[metric].append(epoch)
            self._values[metric].append(value)
            self.lines[metric].set_data(self._epochs[metric], self._values[metric])
        if status is not None:
            self.markers.update(epoch, status)
            self._show_patience(status)
        self.markers.shade_overfitting(self._values["loss"], self._values["val_loss"])
        self._rescale(epoch)
        self._refresh_legends()
        self.canvas.draw_idle()

    def _show_patience(self, status: MonitorStatus) -> None:
        if status.patience is None:
            self.patience_meter.hide()
            return
        limit = max(status.patience, 1)
        self.patience_meter.setRange(0, limit)
        self.patience_meter.setValue(min(status.epochs_without_improvement, limit))
        self.patience_meter.setFormat(
            self.tr("Early stopping: {patience}").format(patience=patience_text(status))
        )
        self.patience_meter.show()

    def _refresh_legends(self) -> None:
        # Below the axes, so the marker entries never cover the curves.
        for axes in self._axes:
            axes.legend(
                loc="upper center",
                bbox_to_anchor=(0.5, -0.2),
                ncols=2,
                fontsize="small",
                frameon=False,
            )

    def end_run(self, epochs: int) -> None:
        """Fit the x axes to the ``epochs`` a run completed, such as after a stop."""
        for axes in self._axes:
            axes.set_xlim(0.5, max(epochs, 1) + 0.5)
        self.canvas.draw_idle()

    def legend_labels(self) -> list[str]:
        """Return the legend entries of both axes, loss axes first."""
        return [
            text.get_text()
            for axes in self._axes
            for text in axes.get_legend().get_texts()
        ]

    def show_history(
        self, history: Mapping[str, Sequence[float]], title: str = ""
    ) -> None:
        """Replace the curves with a whole history, such as a model file's."""
        epochs = max((len(values) for values in history.values()), default=0)
        self.clear(epochs, title)
        for metric, values in history.items():
            if metric not in self.lines:
                continue
            self._epochs[metric] = list(range(1, len(values) + 1))
            self._values[metric] = [float(v) for v in values]
            self.lines[metric].set_data(self._epochs[metric], self._values[metric])
        self.markers.shade_overfitting(self._values["loss"], self._values["val_loss"])
        self._rescale(epochs)
        self._refresh_legends()
        self.canvas.draw_idle()

    def point_counts(self) -> dict[str, int]:
        """Return the number of points on each line, by metric name."""
        return {metric: len(line.get_xdata()) for metric, line in self.lines.items()}

    def _rescale(self, last_epoch: int) -> None:
        low, high = self._axes[0].get_xlim()
        if last_epoch + 0.5 > high:
            for axes in self._axes:
                axes.set_xlim(0.5, last_epoch + 0.5)

        losses = [
            v for v in self._values["loss"] + self._values["val_loss"] if isfinite(v)
        ]
        if losses:
            top = max(losses)
            self.loss_axes.set_ylim(0, top * 1.08 if top > 0 else 1)

        accuracies = [
            v
            for v in self._values["accuracy"] + self._values["val_accuracy"]
            if isfinite(v)
        ]
        if accuracies:
            # Zoom in on the range reached, but always show at least 0.9 to 1.
            bottom = max(0.0, min(min(accuracies) - 0.02, 0.9))
            self.accuracy_axes.set_ylim(bottom, 1.0)
