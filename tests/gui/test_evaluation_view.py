"""Tests of the evaluation view: matrix drawing, cell clicks, samples and wiring."""

from __future__ import annotations

import numpy as np
import pytest
from matplotlib.backend_bases import MouseEvent
from PySide6.QtCore import QPoint, Qt

from engine.evaluation import make_report
from gui.evaluation_view import PAIR_LIMIT, SAMPLE_COUNT, EvaluationView

NAMES = ("zero", "one", "two")


def synthetic_report(labels, predicted, names=NAMES, shape=(6, 5)):
    """A report over random images whose predictions are ``predicted``."""
    labels = np.asarray(labels)
    predicted = np.asarray(predicted)
    rng = np.random.default_rng(0)
    images = rng.integers(0, 256, size=(len(labels), *shape), dtype=np.uint8)
    probabilities = np.full((len(labels), len(names)), 0.1 / (len(names) - 1))
    probabilities[np.arange(len(labels)), predicted] = 0.9
    return make_report(
        "Synthetic",
        names,
        images,
        labels,
        probabilities,
        {"loss": 0.25, "accuracy": float(np.mean(labels == predicted))},
    )


@pytest.fixture
def view(qtbot):
    widget = EvaluationView()
    qtbot.addWidget(widget)
    widget.resize(1000, 600)
    widget.show()
    return widget


@pytest.fixture
def report():
    # 40 images per class. Class 1 is often predicted as class 2.
    labels = np.repeat([0, 1, 2], 40)
    predicted = labels.copy()
    predicted[40:55] = 2
    predicted[100:103] = 0
    return synthetic_report(labels, predicted)


def cell_center(view, row, column):
    """Return the Qt widget position of a matrix cell's centre."""
    view.matrix_canvas.draw()
    x, y = view.matrix_axes.transData.transform((column, row))
    ratio = view.matrix_canvas.device_pixel_ratio
    height = view.matrix_figure.bbox.height
    return QPoint(round(x / ratio), round((height - y) / ratio))


def item_indices(widget):
    return [
        widget.item(i).data(Qt.ItemDataRole.UserRole) for i in range(widget.count())
    ]


def test_empty_view_explains_evaluate(view):
    assert "Press Evaluate" in view.summary_label.text()
    assert view.report is None
    assert view.samples_list.count() == 0
    assert not view.resample_button.isEnabled()


def test_matrix_drawn_with_names_and_counts(view, report):
    view.show_report(report)
    view.matrix_canvas.draw()

    axes = view.matrix_axes
    assert len(axes.images) == 1
    x_names = [label.get_text() for label in axes.get_xticklabels()]
    y_names = [label.get_text() for label in axes.get_yticklabels()]
    assert x_names == list(NAMES)
    assert y_names == list(NAMES)
    cell_texts = [text.get_text() for text in axes.texts]
    assert cell_texts == ["40", "0", "0", "0", "25", "15", "3", "0", "37"]
    assert axes.get_xlabel() == "Predicted class"
    assert axes.get_ylabel() == "True class"
    assert axes.get_title() == "Confusion matrix (counts)"


def test_matrix_labels_do_not_overlap(view, report):
    view.show_report(report)
    view.matrix_canvas.draw()
    renderer = view.matrix_canvas.get_renderer()

    boxes = [
        label.get_window_extent(renderer)
        for label in view.matrix_axes.get_xticklabels()
    ]

    for left, right in zip(boxes, boxes[1:], strict=False):
        assert not left.overlaps(right)


def test_summary_shows_loss_and_accuracy(view, report):
    view.show_report(report)

    text = view.summary_label.text()
    assert "120 images" in text
    assert "loss <b>0.2500</b>" in text
    assert f"accuracy <b>{report.accuracy:.4f}</b>" in text
    assert "18 misclassified" in text


def test_class_accuracy_bars(view, report):
    view.show_report(report)

    bars = view.class_axes.patches
    assert [bar.get_width() for bar in bars] == pytest.approx([1.0, 25 / 40, 37 / 40])
    names = [label.get_text() for label in view.class_axes.get_yticklabels()]
    assert names == list(NAMES)
    texts = [text.get_text() for text in view.class_axes.texts]
    assert texts == ["100.0% (40 of 40)", "62.5% (25 of 40)", "92.5% (37 of 40)"]
    assert "overall 85.0%" in view.class_axes.get_title()


def test_absent_class_bar_says_so(view):
    view.show_report(synthetic_report([0, 0, 1], [0, 1, 1]))

    texts = [text.get_text() for text in view.class_axes.texts]
    assert texts[2] == "no test images"


def test_click_cell_shows_pair_images(view, report, qtbot):
    view.show_report(report)
    position = cell_center(view, 1, 2)

    with qtbot.waitSignal(view.cell_selected) as signal:
        qtbot.mouseClick(view.matrix_canvas, Qt.MouseButton.LeftButton, pos=position)

    assert signal.args == [1, 2]
    assert view.selected_cell == (1, 2)
    assert item_indices(view.pair_list) == list(range(40, 55))
    assert "True one, predicted two" in view.pair_label.text()
    assert "Showing all 15 images" in view.pair_label.text()
    assert view.side_tabs.currentWidget() is view.pair_page


def test_synthetic_event_selects_cell(view, report):
    view.show_report(report)
    view.matrix_canvas.draw()
    x, y = view.matrix_axes.transData.transform((0, 2))
    event = MouseEvent("button_press_event", view.matrix_canvas, x, y, button=1)

    view.matrix_canvas.callbacks.process("button_press_event", event)

    assert view.selected_cell == (2, 0)
    assert item_indices(view.pair_list) == [100, 101, 102]
    highlight = view.matrix_axes.patches[-1]
    assert highlight.get_xy() == (-0.5, 1.5)


def test_click_outside_matrix_ignored(view, report):
    view.show_report(report)
    view.matrix_canvas.draw()
    event = MouseEvent("button_press_event", view.matrix_canvas, 2, 2, button=1)

    view.matrix_canvas.callbacks.process("button_press_event", event)

    assert view.selected_cell is None
    assert view.pair_list.count() == 0


def test_pair_grid_capped_with_note(view):
    labels = np.zeros(PAIR_LIMIT + 25, dtype=int)
    labels[:3] = 1
    view.show_report(synthetic_report(labels, labels))

    view.select_cell(0, 0)

    assert view.pair_list.count() == PAIR_LIMIT
    assert f"Showing {PAIR_LIMIT} of {PAIR_LIMIT + 22} images" in (
        view.pair_label.text()
    )


def test_empty_cell_says_no_images(view, report):
    view.show_report(report)

    view.select_cell(0, 2)

    assert view.pair_list.count() == 0
    assert "No test image falls in this cell" in view.pair_label.text()


def test_samples_marked_right_and_wrong(view, report):
    view.show_report(report)

    items = [view.samples_list.item(i) for i in range(view.samples_list.count())]
    assert len(items) == SAMPLE_COUNT
    for item in items:
        index = item.data(Qt.ItemDataRole.UserRole)
        correct = report.labels[index] == report.predicted[index]
        color = item.foreground().color().name()
        assert color == ("#1b7f3b" if correct else "#c62828")
        assert ("true:" in item.text()) == (not correct)
        assert item.text().startswith(NAMES[report.predicted[index]])
        assert "90%" in item.text()
        assert not item.icon().isNull()


def test_mistakes_only_shows_wrong(view, report):
    view.show_report(report)

    view.mistakes_check.setChecked(True)

    indices = item_indices(view.samples_list)
    assert len(indices) == 18
    assert all(report.labels[i] != report.predicted[i] for i in indices)


def test_new_sample_draws_other_images(view, report):
    view.show_report(report)
    first = item_indices(view.samples_list)

    view.resample_button.click()

    assert item_indices(view.samples_list) != first
    assert len(item_indices(view.samples_list)) == SAMPLE_COUNT


@pytest.mark.parametrize("shape", [(8, 8), (9, 7, 1), (5, 4, 3), (12,), (2, 3, 4)])
def test_images_of_any_shape_shown(view, shape):
    view.show_report(synthetic_report([0, 1, 2], [0, 1, 1], shape=shape))

    assert view.samples_list.count() == 3
    for i in range(3):
        assert not view.samples_list.item(i).icon().isNull()


def test_many_classes_skip_counts(view):
    names = tuple(str(n) for n in range(25))
    labels = np.arange(50) % 25
    view.show_report(synthetic_report(labels, labels, names=names))

    assert len(view.matrix_axes.texts) == 0
    assert len(view.matrix_axes.get_xticklabels()) == 25


def test_clear_forgets_report(view, report):
    view.show_report(report)
    view.select_cell(1, 2)

    view.clear()

    assert view.report is None
    assert view.selected_cell is None
    assert view.pair_list.count() == 0
    assert view.samples_list.count() == 0
    assert "Press Evaluate" in view.summary_label.text()


def test_second_report_replaces_first(view, report):
    view.show_report(report)
    view.select_cell(1, 2)

    view.show_report(synthetic_report([0, 1], [0, 1]))

    assert view.selected_cell is None
    assert view.samples_list.count() == 2
    assert len(view.matrix_axes.images) == 1
    assert [t.get_text() for t in view.matrix_axes.texts][:3] == ["1", "0", "0"]


def test_window_evaluate_fills_view(make_window, wait_idle):
    window = make_window()
    window.form.set_values(dataset="digits", epochs=2)
    window.train()
    wait_idle(window)

    window.evaluate()
    wait_idle(window)

    view = window.evaluation_view
    assert window.plot_tabs.currentWidget() is view
    assert view.report is not None
    assert view.report.count == 360
    assert np.array(view.report.confusion_matrix).sum() == 360
    table_accuracy = window.evaluation_table.item(1, 3).text()
    assert f"accuracy <b>{table_accuracy}</b>" in view.summary_label.text()
    assert view.samples_list.count() == SAMPLE_COUNT
    assert [t.get_text() for t in view.matrix_axes.get_xticklabels()] == list(
        "0123456789"
    )

    view.select_cell(3, 3)
    assert view.pair_list.count() == min(PAIR_LIMIT, view.report.confusion_matrix[3][3])

    window.train()
    wait_idle(window)
    assert view.report is None
    assert window.plot_tabs.currentWidget() is window.plot_pane


# The offscreen platform cannot raise the tooltip window; harmless.
@pytest.mark.qt_log_ignore("This plugin does not support raise")
def test_hover_names_cell_in_tooltip(view, report, qtbot):
    from PySide6.QtWidgets import QToolTip

    view.show_report(report)
    view.matrix_canvas.draw()
    x, y = view.matrix_axes.transData.transform((2, 1))
    event = MouseEvent("motion_notify_event", view.matrix_canvas, x, y)

    view.matrix_canvas.callbacks.process("motion_notify_event", event)

    qtbot.waitUntil(QToolTip.isVisible)
    assert QToolTip.text() == (
        "True one, predicted two: 15 images (37.5% of the class). Click to see them."
    )
