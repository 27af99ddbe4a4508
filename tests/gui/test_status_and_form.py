"""Form messages, monitor switches, export failures and closing with a dialog open."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtWidgets import QApplication


@pytest.mark.parametrize(
    ("values", "expected", "garbled"),
    [
        (
            {"checkpoint_path": "/tmp/x/ck.KERAS"},
            "Checkpoint file '/tmp/x/ck.KERAS' is invalid: a checkpoint is a whole "
            "model and must end in .keras",
            "Save best checkpoint is",
        ),
        (
            {"checkpoint_path": None},
            "Checkpoint file is missing: saving the best checkpoint needs a file name",
            "best Save best checkpoint",
        ),
    ],
)
def test_checkpoint_message_keeps_prose(make_window, values, expected, garbled):
    window = make_window(fake=True)
    window.form.set_values(checkpoint=True, **values)
    text = window.form.message_label.text()
    assert expected in text
    assert garbled not in text
    assert "checkpoint_path" not in text


def test_close_closes_stop_dialog(make_window, qtbot):
    gate = threading.Event()
    window = make_window(fake=True, gate=gate)
    window.form.set_values(epochs=10)
    with qtbot.waitSignal(window.runner.epoch_ended, timeout=10_000):
        window.train()
        gate.set()
    window.ask_stop()
    assert window.stop_dialog is not None

    window.close()
    gate.set()

    assert window.stop_dialog is None
    visible = [
        widget.objectName()
        for widget in QApplication.topLevelWidgets()
        if widget.isVisible()
    ]
    assert "stop_dialog" not in visible
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=10_000)
    assert window.runner.current_task() is None
    assert window.session.calls == ["train"]


def test_failed_figure_export_replaces_success(make_window, tmp_path):
    window = make_window(fake=True)
    assert window.export_figure(tmp_path / "curves.png") is not None
    assert "Exported the figure" in window.statusBar().currentMessage()

    assert window.export_figure(tmp_path / "curves.bmp") is None

    assert window.statusBar().currentMessage() == "Exporting the figure failed"


def test_failed_script_export_replaces_success(make_window, tmp_path):
    window = make_window(fake=True)
    window.form.set_values(dataset="digits")
    assert window.export_script(tmp_path / "train.py") is not None
    assert "Exported the settings" in window.statusBar().currentMessage()

    assert window.export_script(tmp_path / "gone" / "train.py") is None

    assert window.statusBar().currentMessage() == "Exporting the script failed"


def test_script_export_rejects_folder(make_window, tmp_path):
    window = make_window(fake=True)
    window.form.set_values(dataset="digits")
    folder = tmp_path / "somefolder"
    folder.mkdir()

    assert window.export_script(folder) is None

    assert not (tmp_path / "somefolder.py").exists()
    assert list(folder.iterdir()) == []
    assert "is a folder" in window.last_message.text()
    assert "train.py" in window.last_message.text()
    assert window.statusBar().currentMessage() == "Exporting the script failed"


def test_validation_back_restores_monitors(make_window):
    window = make_window(fake=True)
    form = window.form
    form.set_values(
        early_stopping=True,
        early_stopping_monitor="val_accuracy",
        checkpoint=True,
        checkpoint_monitor="val_loss",
        checkpoint_path="best.keras",
    )
    assert form.monitor_note.isHidden()

    form.set_values(validation_split=0.0)

    assert form.value("early_stopping_monitor") == "accuracy"
    assert form.value("checkpoint_monitor") == "loss"
    assert form.monitor_note.isVisible()
    assert "Validation accuracy to Training accuracy" in form.monitor_note.text()
    assert "Validation loss to Training loss" in form.monitor_note.text()

    form.set_values(validation_split=0.25)

    assert form.value("early_stopping_monitor") == "val_accuracy"
    assert form.value("checkpoint_monitor") == "val_loss"
    assert form.config().fit.checkpoint_monitor == "val_loss"
    assert "Validation loss again" in form.monitor_note.text()
    form.set_values(epochs=3)
    assert form.monitor_note.isHidden()


def test_monitor_picked_without_validation_kept(make_window):
    window = make_window(fake=True)
    form = window.form
    form.set_values(checkpoint=True, checkpoint_path="best.keras")
    form.set_values(validation_split=0.0)
    form.set_values(checkpoint_monitor="accuracy")

    form.set_values(validation_split=0.2)

    assert form.value("checkpoint_monitor") == "accuracy"
    assert form.monitor_note.isHidden()
