"""Window tests of the callback settings, plot marks, pause and the stop dialog."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QCheckBox, QComboBox

from engine.config import RunConfig
from engine.reporting import MonitorStatus
from gui.plot_markers import OVERFITTING_LABEL, overfitting_ranges

# Adam at 0.03 on Digits: validation loss falls at epoch 2 and rises at 3.
NOISY = {"dataset": "digits", "optimizer": "adam", "learning_rate": 0.03}


def monitor_keys(window, name):
    combo = window.form.inputs[name]
    return [combo.itemData(index) for index in range(combo.count())]


# Form -----------------------------------------------------------------------


def test_callback_inputs_in_form(make_window):
    window = make_window(fake=True)
    inputs = window.form.inputs

    assert isinstance(inputs["early_stopping"], QCheckBox)
    assert isinstance(inputs["restore_best_weights"], QCheckBox)
    assert isinstance(inputs["checkpoint"], QCheckBox)
    assert isinstance(inputs["early_stopping_monitor"], QComboBox)
    assert inputs["patience"].value() == 2
    assert inputs["restore_best_weights"].isChecked()
    assert not inputs["patience"].isEnabled()
    assert not inputs["checkpoint_path"].isEnabled()
    assert not window.form.checkpoint_browse_button.isEnabled()


def test_early_stopping_box_enables_inputs(make_window, qtbot):
    window = make_window(fake=True)
    inputs = window.form.inputs

    box = inputs["early_stopping"]
    indicator = QPoint(8, box.height() // 2)
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=indicator)

    assert inputs["early_stopping"].isChecked()
    for name in ("early_stopping_monitor", "patience", "min_delta"):
        assert inputs[name].isEnabled(), name
    assert window.form.config().fit.early_stopping is True
    assert not inputs["checkpoint_monitor"].isEnabled()


def test_no_validation_offers_training_monitors(make_window):
    window = make_window(fake=True)
    window.form.set_values(early_stopping=True, early_stopping_monitor="val_accuracy")

    window.form.set_values(validation_split=0.0)

    assert monitor_keys(window, "early_stopping_monitor") == ["loss", "accuracy"]
    assert monitor_keys(window, "checkpoint_monitor") == ["loss", "accuracy"]
    assert window.form.value("early_stopping_monitor") == "accuracy"
    assert window.form.message_label.isHidden()
    window.form.set_values(validation_split=0.2)
    assert monitor_keys(window, "early_stopping_monitor")[0] == "val_loss"
    assert window.form.value("early_stopping_monitor") == "val_accuracy"


def test_config_without_validation_shown(make_window):
    window = make_window(fake=True)
    config = RunConfig().replace(validation_split=0.0, epochs=5)

    window.form.set_config(config)

    assert window.form.value("validation_split") == 0.0
    assert window.form.value("early_stopping_monitor") == "loss"
    assert window.form.config().fit.epochs == 5
    assert window.form.message_label.isHidden()


def test_checkpoint_without_file_shows_message(make_window):
    window = make_window(fake=True)

    window.form.set_values(checkpoint=True)

    assert not window.form.message_label.isHidden()
    assert "Checkpoint file is missing" in window.form.message_label.text()
    window.form.set_values(checkpoint_path="best.h5")
    assert "must end in .keras" in window.form.message_label.text()
    window.form.set_values(checkpoint_path="best.keras")
    assert window.form.message_label.isHidden()


# Plot marks -----------------------------------------------------------------


def test_overfitting_ranges_merge_steps():
    train = [1.0, 0.8, 0.6, 0.5, 0.45, 0.5]
    val = [1.1, 0.9, 0.95, 1.0, 0.98, 1.2]

    assert overfitting_ranges(train, val) == [(2, 4)]
    assert overfitting_ranges(train[:2], val[:2]) == []
    assert overfitting_ranges(train, []) == []


def test_history_shades_overfitting(make_window):
    window = make_window(fake=True)
    history = {
        "loss": [1.0, 0.8, 0.6, 0.5],
        "val_loss": [1.1, 0.9, 0.95, 1.0],
        "accuracy": [0.6, 0.7, 0.8, 0.85],
        "val_accuracy": [0.55, 0.65, 0.66, 0.66],
    }

    window.plot.show_history(history, "run")

    assert window.plot.markers.overfitting == [(2, 4)]
    assert OVERFITTING_LABEL in window.plot.legend_labels()
    window.plot.clear(5, "next")
    assert window.plot.markers.overfitting == []
    assert OVERFITTING_LABEL not in window.plot.legend_labels()


def test_status_marks_best_and_stop(make_window):
    window = make_window(fake=True)
    plot = window.plot
    plot.clear(4, "run")
    values = [(1.0, 0.9), (0.8, 0.7), (0.6, 0.75)]

    for epoch, (loss, val_loss) in enumerate(values, start=1):
        status = MonitorStatus(
            monitor="val_loss",
            best_epoch=min(epoch, 2),
            best_value=0.7,
            epochs_without_improvement=max(epoch - 2, 0),
            patience=1,
            checkpoint_monitor="val_loss",
            checkpoint_saved=epoch <= 2,
            early_stopped=epoch == 3,
        )
        plot.add_epoch(epoch, {"loss": loss, "val_loss": val_loss}, status)

    labels = plot.legend_labels()
    assert "best val_loss (epoch 2)" in labels
    assert "checkpoint saved" in labels
    assert "early stop (epoch 3)" in labels
    assert OVERFITTING_LABEL in labels
    assert plot.markers.checkpoint_epochs == [1, 2]
    assert plot.markers.stopped_epoch == 3
    assert plot.patience_meter.isVisible()
    assert plot.patience_meter.value() == 1
    assert plot.patience_meter.maximum() == 1
    assert "1 of 1 epoch without improvement" in plot.patience_meter.text()


# Stop dialog and pause ----------------------------------------------------------


def start_gated_run(make_window, qtbot, epochs=10):
    gate = threading.Event()
    window = make_window(fake=True, gate=gate)
    window.form.set_values(epochs=epochs)
    with qtbot.waitSignal(window.runner.epoch_ended, timeout=10_000):
        window.train()
        gate.set()
    return window, gate


@pytest.mark.parametrize(
    ("button", "expected"),
    [
        ("stop_best_button", "Stopped after 1 of 10"),
        ("stop_last_button", "Stopped after 1 of 10"),
        ("stop_discard_button", "Run discarded"),
    ],
)
def test_stop_dialog_outcomes(make_window, qtbot, wait_idle, button, expected):
    window, gate = start_gated_run(make_window, qtbot)

    qtbot.mouseClick(window.stop_button, Qt.MouseButton.LeftButton)
    dialog = window.stop_dialog
    assert dialog is not None
    assert dialog.isVisible()
    assert window._control.paused
    assert window.progress_bar.format() == "Paused"
    assert "Keep the last weights: epoch 1" in dialog.informativeText()
    qtbot.mouseClick(
        dialog.findChild(type(window.stop_button), button), Qt.MouseButton.LeftButton
    )
    gate.set()
    wait_idle(window)

    assert window.stop_dialog is None
    assert (
        window.progress_bar.text() == expected
        or expected in window.progress_bar.format()
    )
    assert window.train_button.isEnabled()
    if button == "stop_discard_button":
        assert window.held_label.isHidden()
        assert not window.save_model_button.isEnabled()
    else:
        assert "holds the weights of epoch 1" in window.held_label.text()


def test_stop_dialog_continue_resumes(make_window, qtbot, wait_idle):
    window, gate = start_gated_run(make_window, qtbot, epochs=3)

    window.ask_stop()
    dialog = window.stop_dialog
    continue_button = dialog.findChild(type(window.stop_button), "stop_continue_button")
    qtbot.mouseClick(continue_button, Qt.MouseButton.LeftButton)

    assert window.stop_dialog is None
    assert not window._control.paused
    for _ in range(3):
        gate.set()
        qtbot.waitUntil(
            lambda: not gate.is_set() or not window.runner.is_busy(), timeout=10_000
        )
    wait_idle(window)
    assert window.plot.point_counts()["loss"] == 3


def test_pause_button_toggles(make_window, qtbot, wait_idle):
    window, gate = start_gated_run(make_window, qtbot, epochs=2)

    qtbot.mouseClick(window.pause_button, Qt.MouseButton.LeftButton)

    assert window._control.paused
    assert window.pause_button.text() == "Resume"
    assert window.progress_bar.format() == "Paused"
    assert "Press Resume" in window.statusBar().currentMessage()
    qtbot.mouseClick(window.pause_button, Qt.MouseButton.LeftButton)
    assert not window._control.paused
    assert window.pause_button.text() == "Pause"
    gate.set()
    wait_idle(window)
    assert not window.pause_button.isEnabled()


# Real runs ---------------------------------------------------------------------


def test_real_early_stopping_run(make_window, wait_idle, tmp_path):
    window = make_window()
    checkpoint = tmp_path / "best.keras"
    window.form.set_values(
        **NOISY,
        epochs=8,
        early_stopping=True,
        patience=1,
        checkpoint=True,
        checkpoint_path=str(checkpoint),
    )

    window.train()
    wait_idle(window)

    markers = window.plot.markers
    assert window.session.history.epochs == 3
    assert markers.best_epoch == 2
    assert markers.stopped_epoch == 3
    assert markers.checkpoint_epochs == [1, 2]
    assert "holds the weights of epoch 2" in window.held_label.text()
    assert "Early stopping ended the run at epoch 3" in (
        window.statusBar().currentMessage()
    )
    assert "1 of 1 epoch without improvement" in window.plot.patience_meter.text()
    assert checkpoint.exists()

    window.evaluate()
    wait_idle(window)
    held_val_loss = window.session.history.metrics["val_loss"][1]
    assert float(window.evaluation_table.item(0, 2).text()) == pytest.approx(
        held_val_loss, abs=1e-4
    )
    assert "(weights of epoch 2)" in window.statusBar().currentMessage()


def test_real_pause_and_resume(make_window, qtbot, wait_idle):
    window = make_window()
    window.form.set_values(**NOISY, epochs=3)
    ended = []
    window.runner.epoch_ended.connect(ended.append)

    window.train()
    qtbot.waitUntil(lambda: len(ended) >= 1, timeout=120_000)
    window.toggle_pause()
    paused_at = len(ended)
    qtbot.wait(500)
    assert len(ended) <= paused_at + 1
    window.toggle_pause()
    wait_idle(window)

    assert window.session.history.epochs == 3
    assert window.last_message is None
