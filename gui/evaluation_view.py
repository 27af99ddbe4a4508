"""Test-set results: confusion matrix, per-class accuracy and sample predictions.

The view only reads an :class:`engine.evaluation.EvaluationReport` that the
worker thread computed. Choosing samples and matrix cells uses NumPy on the
GUI thread and never calls Keras.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import numpy as np
from matplotlib.backend_bases import MouseEvent
from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QSize, Qt, Signal, Slot
from PySide6.QtGui import QBrush, QColor, QCursor, QImage, QPainter, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTabWidget,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from gui.i18n import translate_config

if TYPE_CHECKING:
    from engine.evaluation import EvaluationReport, PredictionSample

logger = logging.getLogger(__name__)

SAMPLE_COUNT = 30
"""Number of test images in the sample predictions grid."""
PAIR_LIMIT = 60
"""Maximum number of images shown for one confusion-matrix cell."""
ANNOTATION_LIMIT = 20
"""Largest number of classes whose matrix cells get their counts written in."""
IMAGE_SIZE = 84
"""Side of each image in the grids, in pixels: a 28x28 image at 3x zoom."""
_ICON_WIDTH = IMAGE_SIZE + 28

_RIGHT_COLOR = QColor("#1b7f3b")
_WRONG_COLOR = QColor("#c62828")
_EMPTY_TEXT = QT_TRANSLATE_NOOP(
    "EvaluationView", "Press Evaluate to test the current model on the test set."
)


class EvaluationView(QWidget):
    """Loss, accuracy, confusion matrix, per-class accuracy and predictions.

    Attributes
    ----------
    summary_label : QLabel
        Test loss and accuracy, or how to get them.
    matrix_figure : matplotlib.figure.Figure
    matrix_canvas : FigureCanvasQTAgg
        The confusion matrix. A click on a cell shows that cell's images.
    matrix_axes : matplotlib.axes.Axes
    class_figure : matplotlib.figure.Figure
    class_canvas : FigureCanvasQTAgg
        Per-class accuracy as horizontal bars.
    class_axes : matplotlib.axes.Axes
    side_tabs : QTabWidget
        Sample predictions, per-class accuracy and the selected cell's images.
    samples_list : QListWidget
    mistakes_check : QCheckBox
        Limits the sample to misclassified images.
    resample_button : QPushButton
    pair_label : QLabel
        Which cell is selected and how many of its images are shown.
    pair_list : QListWidget
    report : EvaluationReport or None
    selected_cell : tuple of (true class, predicted class), or None
    """

    cell_selected = Signal(int, int)
    """True and predicted class of the confusion-matrix cell just selected."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.report: EvaluationReport | None = None
        self.selected_cell: tuple[int, int] | None = None
        self._sample_seed = 0
        self._colorbar = None
        self._highlight: Rectangle | None = None

        self._create_widgets()
        self._create_layout()
        self.matrix_canvas.mpl_connect(
            "button_press_event", self._on_matrix_button_press
        )
        self.matrix_canvas.mpl_connect(
            "motion_notify_event", self._on_matrix_mouse_move
        )
        self.mistakes_check.toggled.connect(self._on_mistakes_check_toggled)
        self.resample_button.clicked.connect(self._on_resample_button_clicked)
        self.clear()

    # Construction -------------------------------------------------------

    def _create_widgets(self) -> None:
        self.summary_label = QLabel(self)
        self.summary_label.setObjectName("evaluation_summary")
        self.summary_label.setWordWrap(True)
        self.summary_label.setTextFormat(Qt.TextFormat.RichText)

        self.matrix_figure = Figure(figsize=(5.2, 4.6), layout="constrained")
        self.matrix_canvas = FigureCanvasQTAgg(self.matrix_figure)
        self.matrix_canvas.setObjectName("confusion_matrix")
        self.matrix_canvas.setAccessibleName(self.tr("Confusion matrix"))
        self.matrix_canvas.setMinimumSize(360, 320)
        self.matrix_axes = self.matrix_figure.add_subplot()

        self.class_figure = Figure(figsize=(4.5, 3.6), layout="constrained")
        self.class_canvas = FigureCanvasQTAgg(self.class_figure)
        self.class_canvas.setObjectName("class_accuracy")
        self.class_canvas.setAccessibleName(self.tr("Per-class accuracy"))
        self.class_axes = self.class_figure.add_subplot()

        self.samples_list = _image_list(self, "sample_predictions", 2)
        self.mistakes_check = QCheckBox(self.tr("Mistakes only"), self)
        self.mistakes_check.setToolTip(
            self.tr("Draw the sample from misclassified images.")
        )
        self.resample_button = QPushButton(self.tr("New sample"), self)
        self.resample_button.setToolTip(
            self.tr("Draw another random set of test images.")
        )

        self.pair_label = QLabel(self)
        self.pair_label.setObjectName("pair_note")
        self.pair_label.setWordWrap(True)
        self.pair_list = _image_list(self, "pair_images", 1)

    def _create_layout(self) -> None:
        samples_page = QWidget(self)
        samples_layout = QVBoxLayout(samples_page)
        samples_layout.setContentsMargins(4, 4, 4, 4)
        controls = QHBoxLayout()
        controls.addWidget(self.mistakes_check)
        controls.addStretch(1)
        controls.addWidget(self.resample_button)
        samples_layout.addLayout(controls)
        samples_layout.addWidget(self.samples_list)

        pair_page = QWidget(self)
        pair_layout = QVBoxLayout(pair_page)
        pair_layout.setContentsMargins(4, 4, 4, 4)
        pair_layout.addWidget(self.pair_label)
        pair_layout.addWidget(self.pair_list)

        self.side_tabs = QTabWidget(self)
        self.samples_page = samples_page
        self.pair_page = pair_page
        self.side_tabs.addTab(samples_page, self.tr("Sample predictions"))
        self.side_tabs.addTab(self.class_canvas, self.tr("Per-class accuracy"))
        self.side_tabs.addTab(pair_page, self.tr("Selected cell"))

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.matrix_canvas)
        splitter.addWidget(self.side_tabs)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.summary_label)
        layout.addWidget(splitter, 1)

    # Public API ---------------------------------------------------------

    def clear(self) -> None:
        """Remove the report and show the empty state, as for a new current model."""
        self.report = None
        self.selected_cell = None
        self.summary_label.setText(self.tr(_EMPTY_TEXT))
        self._reset_matrix()
        self.matrix_axes.text(
            0.5,
            0.5,
            self.tr("The confusion matrix appears here after Evaluate"),
            transform=self.matrix_axes.transAxes,
            ha="center",
            va="center",
            color="0.45",
        )
        self.matrix_axes.set_axis_off()
        self.matrix_canvas.draw_idle()
        self.class_axes.clear()
        self.class_axes.set_axis_off()
        self.class_canvas.draw_idle()
        self.samples_list.clear()
        self.pair_list.clear()
        self.pair_label.setText(self.tr("Click a cell of the confusion matrix."))
        self.mistakes_check.setEnabled(False)
        self.resample_button.setEnabled(False)

    def show_report(self, report: EvaluationReport) -> None:
        """Show a new report: metrics, matrix, per-class accuracy and a sample."""
        self.report = report
        self.selected_cell = None
        self._sample_seed = 0
        self.summary_label.setText(_summary_html(report))
        self._draw_matrix(report)
        self._draw_class_accuracy(report)
        self.mistakes_check.setEnabled(True)
        self.resample_button.setEnabled(True)
        self._show_sample()
        self.pair_list.clear()
        self.pair_label.setText(
            self.tr(
                "Click a cell of the confusion matrix to see the test images of "
                "that true and predicted class."
            )
        )
        self.side_tabs.setCurrentWidget(self.samples_page)

    def select_cell(self, true_label: int, predicted_label: int) -> None:
        """Show the images of one confusion-matrix cell (at most PAIR_LIMIT)."""
        report = self.report
        if report is None:
            return
        indices = report.pair_indices(true_label, predicted_label)
        samples = report.samples(indices, limit=PAIR_LIMIT)
        self.selected_cell = (true_label, predicted_label)

        names = class_names(report)
        if true_label == predicted_label:
            heading = self.tr(
                "<b>True {true}, predicted {predicted}</b> (correctly classified)"
            )
        else:
            heading = self.tr(
                "<b>True {true}, predicted {predicted}</b> (wrongly classified)"
            )
        heading = heading.format(
            true=names[true_label], predicted=names[predicted_label]
        )
        if not len(indices):
            note = self.tr("No test image falls in this cell.")
        elif len(samples) < len(indices):
            note = self.tr("Showing {shown} of {count} images.").format(
                shown=len(samples), count=len(indices)
            )
        else:
            note = self.tr("Showing all {count} images.").format(count=len(indices))
        if len(indices):
            note += " " + self.tr(
                "Each caption gives the test image number and the confidence."
            )
        self.pair_label.setText(
            self.tr("{heading}: {note}").format(heading=heading, note=note)
        )
        _fill_image_list(self.pair_list, samples, names, with_true_class=False)
        self._draw_highlight(true_label, predicted_label)
        self.side_tabs.setCurrentWidget(self.pair_page)
        self.cell_selected.emit(true_label, predicted_label)

    def cell_at(self, x: float | None, y: float | None) -> tuple[int, int] | None:
        """Return (true class, predicted class) at data coordinates, or None."""
        if self.report is None or x is None or y is None:
            return None
        column, row = int(round(x)), int(round(y))
        size = self.report.num_classes
        if 0 <= row < size and 0 <= column < size:
            return row, column
        return None

    # Drawing ------------------------------------------------------------

    def _reset_matrix(self) -> None:
        if self._colorbar is not None:
            self._colorbar.remove()
            self._colorbar = None
        self._highlight = None
        self.matrix_axes.clear()

    def _draw_matrix(self, report: EvaluationReport) -> None:
        self._reset_matrix()
        axes = self.matrix_axes
        axes.set_axis_on()
        counts = np.array(report.confusion_matrix)
        size = report.num_classes
        # Colour by share of the true class, so the off-diagonal cells of a
        # small class are as visible as those of a large one.
        row_totals = counts.sum(axis=1, keepdims=True)
        shares = np.divide(
            counts, row_totals, out=np.zeros(counts.shape), where=row_totals > 0
        )
        image = axes.imshow(shares, cmap="Blues", vmin=0.0, vmax=1.0)
        self._colorbar = self.matrix_figure.colorbar(
            image,
            ax=axes,
            shrink=0.7,
            aspect=30,
            label=self.tr("Share of the true class"),
        )

        font_size = _tick_font_size(size)
        names = class_names(report)
        axes.set_xticks(range(size), labels=names, fontsize=font_size)
        axes.set_yticks(range(size), labels=names, fontsize=font_size)
        for label in axes.get_xticklabels():
            label.set_rotation(40)
            label.set_horizontalalignment("right")
            label.set_rotation_mode("anchor")
        axes.set_xlabel(self.tr("Predicted class"))
        axes.set_ylabel(self.tr("True class"))
        axes.set_title(self.tr("Confusion matrix (counts)"), fontsize="medium")

        if size <= ANNOTATION_LIMIT:
            count_size = max(6.0, font_size - 0.5)
            for row in range(size):
                for column in range(size):
                    dark = shares[row, column] > 0.55
                    axes.text(
                        column,
                        row,
                        str(counts[row, column]),
                        ha="center",
                        va="center",
                        fontsize=count_size,
                        color="white" if dark else "0.15",
                    )
        self.matrix_canvas.draw_idle()

    def _draw_highlight(self, row: int, column: int) -> None:
        if self._highlight is not None:
            self._highlight.remove()
        self._highlight = Rectangle(
            (column - 0.5, row - 0.5),
            1,
            1,
            fill=False,
            edgecolor="#e65100",
            linewidth=2.5,
        )
        self.matrix_axes.add_patch(self._highlight)
        self.matrix_canvas.draw_idle()

    def _draw_class_accuracy(self, report: EvaluationReport) -> None:
        axes = self.class_axes
        axes.clear()
        axes.set_axis_on()

        size = report.num_classes
        positions = np.arange(size)
        values = [v if v is not None else 0.0 for v in report.per_class_accuracy]
        axes.barh(positions, values, color="C0", height=0.7)
        axes.axvline(report.accuracy, color="C1", linestyle="--")

        font_size = _tick_font_size(size)
        axes.set_yticks(positions, labels=class_names(report), fontsize=font_size)
        axes.invert_yaxis()
        axes.set_xlim(0.0, 1.0)
        axes.set_xlabel(self.tr("Accuracy on the test images of the class"))
        axes.set_title(
            self.tr("Per-class accuracy (dashed line: overall {accuracy})").format(
                accuracy=f"{report.accuracy:.1%}"
            ),
            fontsize="medium",
        )

        if size <= ANNOTATION_LIMIT:
            for position, value in zip(
                positions, report.per_class_accuracy, strict=True
            ):
                count = report.class_counts[position]
                if value is None:
                    text = self.tr("no test images")
                else:
                    correct = report.confusion_matrix[position][position]
                    text = self.tr("{share} ({correct} of {count})").format(
                        share=f"{value:.1%}", correct=correct, count=count
                    )
                # The text starts inside a bar long enough to hold it, and
                # right of a shorter one.
                inside = value is not None and value >= 0.45
                axes.text(
                    0.02 if inside else (value or 0.0) + 0.02,
                    position,
                    text,
                    va="center",
                    ha="left",
                    fontsize=font_size,
                    color="white" if inside else "0.15",
                )
        self.class_canvas.draw_idle()

    def _show_sample(self) -> None:
        report = self.report
        if report is None:
            return
        indices = report.sample_indices(
            SAMPLE_COUNT, self._sample_seed, self.mistakes_check.isChecked()
        )
        samples = report.samples(indices)
        _fill_image_list(
            self.samples_list, samples, class_names(report), with_true_class=True
        )

    # Slots --------------------------------------------------------------

    def _on_matrix_button_press(self, event: MouseEvent) -> None:
        if event.inaxes is not self.matrix_axes or event.button != 1:
            return
        cell = self.cell_at(event.xdata, event.ydata)
        if cell is not None:
            self.select_cell(*cell)

    def _on_matrix_mouse_move(self, event: MouseEvent) -> None:
        report = self.report
        cell = None
        if event.inaxes is self.matrix_axes:
            cell = self.cell_at(event.xdata, event.ydata)
        if report is None or cell is None:
            QToolTip.hideText()
            return
        row, column = cell
        count = report.confusion_matrix[row][column]
        total = report.class_counts[row]
        names = class_names(report)
        if total:
            tip = self.tr(
                "True {true}, predicted {predicted}: {count} images ({share} of the "
                "class). Click to see them."
            )
        else:
            tip = self.tr(
                "True {true}, predicted {predicted}: {count} images. Click to see them."
            )
        share = f"{count / total:.1%}" if total else ""
        QToolTip.showText(
            QCursor.pos(),
            tip.format(
                true=names[row], predicted=names[column], count=count, share=share
            ),
            self.matrix_canvas,
        )

    @Slot(bool)
    def _on_mistakes_check_toggled(self, checked: bool) -> None:
        self._show_sample()

    @Slot()
    def _on_resample_button_clicked(self) -> None:
        self._sample_seed += 1
        self._show_sample()


def class_names(report: EvaluationReport) -> tuple[str, ...]:
    """Return the report's class names in the UI language.

    Fashion-MNIST's names are listed for lupdate by
    scripts/generate_config_strings.py; other names, such as digits, stay.
    """
    return tuple(translate_config(name) for name in report.class_names)


def _summary_html(report: EvaluationReport) -> str:
    mistakes = int(np.count_nonzero(report.labels != report.predicted))
    return QCoreApplication.translate(
        "EvaluationView",
        "<b>{dataset} test set</b>: {count} images, loss <b>{loss}</b>, accuracy "
        "<b>{accuracy}</b> ({mistakes} misclassified). Click a cell of the matrix "
        "to see its images.",
    ).format(
        dataset=report.dataset,
        count=f"{report.count:,}",
        loss=f"{report.loss:.4f}",
        accuracy=f"{report.accuracy:.4f}",
        mistakes=f"{mistakes:,}",
    )


def _tick_font_size(classes: int) -> float:
    """Return a tick label size that keeps ``classes`` labels apart."""
    if classes <= 10:
        return 8.5
    if classes <= 20:
        return 7.0
    return 5.5


def _image_list(parent: QWidget, name: str, caption_lines: int) -> QListWidget:
    """Return a wrapping grid of image items that the user cannot edit or drag."""
    widget = QListWidget(parent)
    widget.setObjectName(name)
    widget.setViewMode(QListView.ViewMode.IconMode)
    widget.setResizeMode(QListView.ResizeMode.Adjust)
    widget.setMovement(QListView.Movement.Static)
    widget.setWrapping(True)
    widget.setUniformItemSizes(True)
    # Qt wraps an icon's caption at the icon's width, so the icons are wider
    # than the images to fit captions such as "true: Ankle boot".
    widget.setIconSize(QSize(_ICON_WIDTH, IMAGE_SIZE))
    line_height = widget.fontMetrics().lineSpacing()
    widget.setGridSize(
        QSize(_ICON_WIDTH + 4, IMAGE_SIZE + caption_lines * line_height + 12)
    )
    widget.setWordWrap(True)
    widget.setSelectionMode(QListWidget.SelectionMode.NoSelection)
    # Items only show tooltips, so no focus frame is drawn around one of them.
    widget.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    return widget


def _fill_image_list(
    widget: QListWidget,
    samples: list[PredictionSample],
    names: tuple[str, ...],
    with_true_class: bool,
) -> None:
    """Replace the items of ``widget`` with one captioned image per sample."""
    widget.clear()
    for sample in samples:
        predicted = names[sample.predicted_label]
        true = names[sample.true_label]
        color = _RIGHT_COLOR if sample.correct else _WRONG_COLOR
        caption = f"{predicted} {sample.confidence:.0%}"
        if with_true_class and not sample.correct:
            caption += "\n" + QCoreApplication.translate(
                "EvaluationView", "true: {name}"
            ).format(name=true)
        elif not with_true_class:
            caption = f"#{sample.index} · {sample.confidence:.0%}"
        item = QListWidgetItem(_image_icon(sample.image, color), caption)
        item.setForeground(QBrush(color))
        if sample.correct:
            tip = QCoreApplication.translate(
                "EvaluationView",
                "Test image {index}\nTrue class: {true}\n"
                "Predicted: {predicted} ({confidence})\nCorrect",
            )
        else:
            tip = QCoreApplication.translate(
                "EvaluationView",
                "Test image {index}\nTrue class: {true}\n"
                "Predicted: {predicted} ({confidence})\nWrong",
            )
        item.setToolTip(
            tip.format(
                index=sample.index,
                true=true,
                predicted=predicted,
                confidence=f"{sample.confidence:.1%}",
            )
        )
        item.setData(Qt.ItemDataRole.UserRole, sample.index)
        widget.addItem(item)


def _image_icon(image: np.ndarray, frame: QColor) -> QPixmap:
    """Return ``image`` scaled to IMAGE_SIZE inside a frame of colour ``frame``,
    centred on a transparent icon of width _ICON_WIDTH."""
    qimage = _to_qimage(image)
    large = max(qimage.width(), qimage.height()) > IMAGE_SIZE
    scaled = qimage.scaled(
        IMAGE_SIZE - 6,
        IMAGE_SIZE - 6,
        Qt.AspectRatioMode.KeepAspectRatio,
        # Nearest-neighbour keeps small images' pixels sharp when enlarged.
        Qt.TransformationMode.SmoothTransformation
        if large
        else Qt.TransformationMode.FastTransformation,
    )
    pixmap = QPixmap(_ICON_WIDTH, IMAGE_SIZE)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    margin = (_ICON_WIDTH - IMAGE_SIZE) // 2
    painter.fillRect(margin, 0, IMAGE_SIZE, IMAGE_SIZE, frame)
    painter.fillRect(margin + 3, 3, IMAGE_SIZE - 6, IMAGE_SIZE - 6, QColor("black"))
    left = margin + (IMAGE_SIZE - scaled.width()) // 2
    top = (IMAGE_SIZE - scaled.height()) // 2
    painter.drawImage(left, top, scaled)
    painter.end()
    return pixmap


def _to_qimage(image: np.ndarray) -> QImage:
    """Convert a ``uint8`` image of shape (h, w), (h, w, 1), (h, w, 3) or (n,)."""
    array = np.asarray(image, dtype=np.uint8)
    if array.ndim == 1:
        array = array[np.newaxis, :]
    if array.ndim == 3 and array.shape[-1] == 1:
        array = array[..., 0]
    if array.ndim == 3 and array.shape[-1] == 3:
        array = np.ascontiguousarray(array)
        height, width = array.shape[:2]
        return QImage(
            array.data, width, height, array.strides[0], QImage.Format.Format_RGB888
        ).copy()
    if array.ndim != 2:
        # Other layouts have no standard picture form, so each image is shown
        # as rows of its first axis.
        array = array.reshape(array.shape[0], -1)
    array = np.ascontiguousarray(array)
    height, width = array.shape
    return QImage(
        array.data, width, height, array.strides[0], QImage.Format.Format_Grayscale8
    ).copy()
