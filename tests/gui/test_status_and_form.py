"""Form messages, monitor switches, export failures and closing with a dialog open."""

from __future__ import annotations

import sqlite3
import threading

import pytest
from PySide6.QtWidgets import QApplication

from engine.run_store import RunRecording, RunStore
from engine.session import TrainerSession


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


class RecordingSession:
    """Wraps a FakeSession and records its runs as TrainerSession does."""

    _keep_recording_result = TrainerSession._keep_recording_result
    retry_recording = TrainerSession.retry_recording

    def __init__(self, fake, store: RunStore):
        self.fake = fake
        self.run_store = store
        self.run_store_error = None
        self.unfinished_recording = None

    def __getattr__(self, name):
        return getattr(self.fake, name)

    def train(self, config, listener, stop_event, control=None):
        self.retry_recording()
        recording = RunRecording(self.run_store, config, "Fake data", {}, listener)
        result = self.fake.train(config, recording, stop_event, control)
        recording.finish(result)
        self._keep_recording_result(recording)
        return result


def test_locked_history_shown_then_finished(make_window, qtbot, wait_idle):
    gate = threading.Event()
    window = make_window(fake=True, gate=gate)
    # A short lock timeout keeps each rejected write brief.
    store = RunStore(window.run_store.path, timeout=0.05)
    window.session = RecordingSession(window.session, store)
    window.form.set_values(epochs=3)
    with qtbot.waitSignal(window.runner.epoch_ended, timeout=10_000):
        window.train()
        gate.set()
    locker = sqlite3.connect(window.run_store.path, isolation_level=None)
    locker.execute("BEGIN EXCLUSIVE")
    for _ in range(2):
        with qtbot.waitSignal(window.runner.epoch_ended, timeout=10_000):
            gate.set()
    wait_idle(window)

    (run_id,) = window.run_store.run_ids()
    problem = window.runs_panel.message_label
    assert problem.isVisible()
    assert f"Run {run_id} is not recorded completely" in problem.text()
    assert "locked" in problem.text()
    assert "not recorded completely" in window.statusBar().currentMessage()
    assert window.run_store.get_run(run_id).summary.status == "running"

    locker.execute("ROLLBACK")
    locker.close()
    window.form.set_values(epochs=1)
    window.train()
    gate.set()
    wait_idle(window)

    first = window.run_store.get_run(run_id)
    assert first.summary.status == "complete"
    assert first.history.epochs == 3
    assert problem.isHidden()
    assert "not recorded" not in window.statusBar().currentMessage()
    store.close()
