"""Faults the window must survive: failing tasks, start/stop storms, bad names, logs.

Each test here is named in docs/RELIABILITY.md next to the case it covers.
"""

from __future__ import annotations

import logging
import sys
import threading

import pytest
from PySide6.QtCore import qInstallMessageHandler, qWarning
from PySide6.QtWidgets import QFileDialog, QMessageBox

from engine.paths import user_log_dir
from engine.reporting import History


class ExplodingSession:
    """A session whose training raises an unexpected error in the worker thread."""

    history = History()

    def train(self, config, listener, stop_event, control=None):
        raise RuntimeError("GPU caught fire")


def test_training_exception_shows_dialog(make_window, wait_idle, caplog):
    window = make_window(fake=True)
    window.session = ExplodingSession()

    with caplog.at_level(logging.ERROR, logger="gui.tasks"):
        window.train()
        wait_idle(window)

    box = window.last_message
    assert box is not None
    assert box.windowTitle() == "Training failed"
    assert "RuntimeError: GPU caught fire" in box.text()
    assert "The details are in the log" in box.text()
    assert window.train_button.isEnabled()
    assert window.form.isEnabled()
    assert window.runner.current_task() is None
    assert any("Task 'train' failed" in record.message for record in caplog.records)


def test_fifty_start_stop_cycles(make_window, qtbot, wait_idle):
    gate = threading.Event()
    window = make_window(fake=True, gate=gate)
    window.form.set_values(epochs=100)
    threads_before = threading.active_count()

    for cycle in range(50):
        window.train()
        if cycle % 2:
            gate.set()
        window.stop()
        gate.set()
        wait_idle(window, timeout=10_000)

    assert window.session.calls == ["train"] * 50
    assert window.runner.current_task() is None
    assert threading.active_count() <= threads_before
    assert window.train_button.isEnabled()


def test_real_start_stop_cycles(make_window, qtbot, wait_idle):
    window = make_window()
    window.form.set_values(dataset="digits", epochs=200)

    for _ in range(5):
        with qtbot.waitSignal(window.runner.epoch_ended, timeout=120_000):
            window.train()
        window.stop()
        wait_idle(window)

    assert window.last_message is None
    assert window.session.history.epochs >= 1
    assert window.runner.current_task() is None


def test_save_dialog_adds_suffix(make_window, tmp_path, monkeypatch):
    window = make_window(fake=True)
    window._has_model = True
    saved = []
    monkeypatch.setattr(window, "save_model", saved.append)
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *args: (str(tmp_path / "run 1"), "")
    )

    window._on_save_model_button_clicked()

    assert saved == [str(tmp_path / "run 1.keras")]


@pytest.mark.parametrize(
    ("answer", "expected_saves"),
    [(QMessageBox.StandardButton.Yes, 1), (QMessageBox.StandardButton.No, 0)],
)
def test_save_dialog_confirms_replacing(
    make_window, tmp_path, monkeypatch, answer, expected_saves
):
    window = make_window(fake=True)
    existing = tmp_path / "weights.weights.h5"
    existing.write_bytes(b"old weights")
    saved = []
    questions = []
    monkeypatch.setattr(window, "save_weights", saved.append)
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *args: (str(tmp_path / "weights.h5"), "")
    )

    def ask(parent, title, text, *args):
        questions.append(text)
        return answer

    monkeypatch.setattr(QMessageBox, "question", ask)

    window._on_save_weights_button_clicked()

    assert len(questions) == 1
    assert "weights.weights.h5 already exists" in questions[0]
    assert len(saved) == expected_saves
    assert existing.read_bytes() == b"old weights"


def test_save_dialog_rejects_bad_suffix(make_window, tmp_path, monkeypatch):
    window = make_window(fake=True)
    saved = []
    monkeypatch.setattr(window, "save_model", saved.append)
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *args: (str(tmp_path / "model.txt"), "")
    )

    window._on_save_model_button_clicked()

    assert saved == []
    assert "'.txt'" in window.last_message.text()
    assert "Use .keras" in window.last_message.text()


@pytest.mark.parametrize(
    ("name", "typed"),
    [
        ("epochs", "0"),
        ("batch_size", "0"),
        ("hidden_units", "0"),
        ("seed", "-5"),
        ("dropout", "1.5"),
        ("validation_split", "1"),
        ("learning_rate", "-1"),
        ("learning_rate", "0"),
        ("epochs", "abc"),
    ],
)
def test_form_rejects_typed_invalid_values(make_window, qtbot, name, typed):
    window = make_window(fake=True)
    widget = window.form.inputs[name]
    widget.lineEdit().selectAll()

    qtbot.keyClicks(widget.lineEdit(), typed)
    widget.interpretText()
    value = window.form.value(name)

    assert widget.minimum() <= value <= widget.maximum()
    assert window.form.config().flat()[name] == pytest.approx(value)
    assert window.form.message_label.isHidden()


def test_qt_warning_reaches_log(caplog):
    from gui.qt_logging import install_qt_message_handler

    previous = install_qt_message_handler()
    try:
        with caplog.at_level(logging.WARNING, logger="qt"):
            qWarning("test warning from Qt")
    finally:
        # Give the message handler back to pytest-qt.
        qInstallMessageHandler(previous)

    assert any("test warning from Qt" in record.message for record in caplog.records)


def test_open_log_folder_action(make_window, monkeypatch, tmp_path):
    from PySide6.QtGui import QDesktopServices

    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path))
    opened = []
    monkeypatch.setattr(
        QDesktopServices, "openUrl", lambda url: opened.append(url) or True
    )
    window = make_window(fake=True)

    window.open_log_folder_action.trigger()

    assert [url.toLocalFile() for url in opened] == [str(user_log_dir())]
    assert user_log_dir().is_dir()


def test_uncaught_gui_error_shows_dialog(make_window, monkeypatch):
    window = make_window(fake=True)
    logged = []
    monkeypatch.setattr(sys, "excepthook", lambda *args: logged.append(args))

    window.install_exception_dialog()
    try:
        raise KeyError("missing widget")
    except KeyError:
        sys.excepthook(*sys.exc_info())

    assert len(logged) == 1
    assert window.last_message.windowTitle() == "Unexpected error"
    assert "KeyError" in window.last_message.text()


def test_stop_while_tensorflow_loads(make_window, wait_idle):
    window = make_window()
    window.form.set_values(dataset="digits", epochs=100)

    window.train()
    assert window.runner.pending_tasks() == ["train"]
    window.stop()
    wait_idle(window)

    assert window.session.history.epochs == 0
    assert "Stopped before the first epoch ended" in window.statusBar().currentMessage()
    assert window.train_button.isEnabled()


def test_stopped_model_matches_curves(make_window, qtbot, wait_idle):
    window = make_window()
    window.form.set_values(dataset="digits", epochs=500)
    ended = []
    window.runner.epoch_ended.connect(ended.append)

    window.train()
    qtbot.waitUntil(lambda: len(ended) >= 2, timeout=120_000)
    window.stop()
    wait_idle(window)
    assert "holds the weights of epoch" in window.statusBar().currentMessage()
    window.evaluate()
    wait_idle(window)

    last_val_accuracy = window.session.history.metrics["val_accuracy"][-1]
    evaluated_accuracy = float(window.evaluation_table.item(0, 3).text())
    assert evaluated_accuracy == pytest.approx(last_val_accuracy, abs=1e-4)


def test_evaluate_with_invalid_form(make_window):
    window = make_window(fake=True)
    window._has_model = True
    window.form.set_values(dataset="idx_folder")

    window.evaluate()

    assert window.last_message.windowTitle() == "Invalid settings"
    assert "Data folder is missing" in window.last_message.text()


def test_new_model_clears_evaluation(make_window, wait_idle):
    window = make_window()
    window.form.set_values(dataset="digits", epochs=1)
    window.train()
    wait_idle(window)
    window.evaluate()
    wait_idle(window)
    assert window.evaluation_table.rowCount() == 2

    window.train()
    wait_idle(window)

    assert window.evaluation_table.rowCount() == 0


def test_hint_when_form_differs_from_model(make_window, wait_idle):
    window = make_window(fake=True)
    window.form.set_values(epochs=1)
    window.train()
    wait_idle(window)
    assert window.model_hint_label.isHidden()

    window.form.set_values(hidden_units=50)

    assert not window.model_hint_label.isHidden()
    assert "has 100 ReLU units" in window.model_hint_label.text()

    window.form.set_values(hidden_units=100)
    assert window.model_hint_label.isHidden()

    window.form.set_values(dataset="digits")
    assert "was trained on Fashion-MNIST" in window.model_hint_label.text()


def test_load_reports_clamped_settings(make_window, wait_idle, tmp_path):
    from engine.config import RunConfig
    from engine.session import TrainerSession

    config = RunConfig().replace(
        dataset="digits", epochs=1, learning_rate=1e-9, validation_split=0.0005
    )
    session = TrainerSession()
    session.train(config)
    path = session.save_model(tmp_path / "tiny-lr.keras")
    window = make_window()
    window.form.set_values(dataset="digits")

    window.load_model(path)
    wait_idle(window)

    text = window.last_message.text()
    assert "learning_rate: 1e-09" in text
    assert "validation_split: 0.0005" in text
    assert window.form.value("learning_rate") == pytest.approx(1e-8)


def test_negative_zero_shown_as_zero(make_window):
    window = make_window(fake=True)
    widget = window.form.inputs["dropout"]

    assert widget.textFromValue(-0.0) == "0"
    assert widget.textFromValue(0.3) == "0.3"
