"""A copyable ``tensorboard --logdir`` command for the form's log folder."""

from __future__ import annotations

import logging

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

from engine.tensorboard_logs import tensorboard_command

logger = logging.getLogger(__name__)


class TensorBoardCommand(QWidget):
    """Shows the command that opens the TensorBoard folder, hidden without one.

    Attributes
    ----------
    command_edit : QLineEdit
        The command, read-only and selectable.
    copy_button : QPushButton
        Copies the command to the clipboard.
    """

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("tensorboard_command")
        self.label = QLabel(self.tr("Open the logs with:"), self)
        self.command_edit = QLineEdit(self)
        self.command_edit.setObjectName("tensorboard_command_edit")
        self.command_edit.setReadOnly(True)
        self.command_edit.setAccessibleName(self.tr("TensorBoard command"))
        self.command_edit.setToolTip(
            self.tr(
                "Run this in a terminal, then open the address TensorBoard prints. "
                "It needs the tensorboard package."
            )
        )
        self.copy_button = QPushButton(self.tr("Copy"), self)
        self.copy_button.setObjectName("copy_tensorboard_command_button")
        self.copy_button.setToolTip(self.tr("Copy the command to the clipboard."))
        self.copy_button.clicked.connect(self.copy_command)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.command_edit, 1)
        layout.addWidget(self.copy_button)
        self.set_folder(None)

    def set_folder(self, folder: str | None) -> None:
        """Show the command for ``folder``, or hide the row when it is None."""
        self.command_edit.setText(tensorboard_command(folder) if folder else "")
        self.command_edit.setCursorPosition(0)
        self.setVisible(bool(folder))

    def copy_command(self) -> None:
        """Put the command on the clipboard."""
        QGuiApplication.clipboard().setText(self.command_edit.text())
