"""Tests of the TensorBoard folder field and the command the window shows."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFileDialog

from engine.tensorboard_logs import tensorboard_command


def test_command_hidden_without_folder(make_window):
    window = make_window(fake=True)
    assert not window.tensorboard_command.isVisible()


def test_command_follows_folder(make_window, tmp_path):
    window = make_window(fake=True)
    window.form.set_values(tensorboard_dir=str(tmp_path))
    panel = window.tensorboard_command
    assert panel.isVisible()
    assert panel.command_edit.text() == tensorboard_command(tmp_path)
    assert panel.command_edit.isReadOnly()

    panel.copy_button.click()
    assert QGuiApplication.clipboard().text() == tensorboard_command(tmp_path)

    window.form.set_values(tensorboard_dir=None)
    assert not panel.isVisible()


def test_browse_sets_folder(make_window, tmp_path, monkeypatch):
    monkeypatch.setattr(
        QFileDialog, "getExistingDirectory", lambda *args: str(tmp_path)
    )
    window = make_window(fake=True)
    window.form.tensorboard_browse_button.click()
    assert window.form.config().fit.tensorboard_dir == str(tmp_path)
    assert window.tensorboard_command.isVisible()
