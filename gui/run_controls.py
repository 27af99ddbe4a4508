"""The stop dialog: keep the best weights, keep the last weights, or discard the run."""

from __future__ import annotations

import logging

from PySide6.QtWidgets import QMessageBox, QPushButton, QWidget

from engine.reporting import EpochResult
from engine.run_control import STOP_OUTCOMES

logger = logging.getLogger(__name__)

OUTCOME_PROPERTY = "stop_outcome"
"""Qt property of each dialog button: its STOP_OUTCOMES key, or "" to go on."""


def stop_dialog(parent: QWidget, last_epoch: EpochResult | None) -> QMessageBox:
    """Build, without showing it, the question of what a stopped run keeps.

    ``last_epoch`` is the latest complete epoch's report; its status names the
    best epoch so far. Each button carries its outcome in OUTCOME_PROPERTY.
    """
    dialog = QMessageBox(parent)
    dialog.setObjectName("stop_dialog")
    dialog.setWindowTitle("Stop training")
    dialog.setIcon(QMessageBox.Icon.Question)
    dialog.setText("Stop training after the current batch?")
    dialog.setInformativeText(_choices_text(last_epoch))

    buttons: dict[str, QPushButton] = {}
    for outcome, label in STOP_OUTCOMES.items():
        role = (
            QMessageBox.ButtonRole.DestructiveRole
            if outcome == "discard"
            else QMessageBox.ButtonRole.AcceptRole
        )
        button = dialog.addButton(label, role)
        button.setObjectName(f"stop_{outcome}_button")
        button.setProperty(OUTCOME_PROPERTY, outcome)
        buttons[outcome] = button
    resume = dialog.addButton("Continue training", QMessageBox.ButtonRole.RejectRole)
    resume.setObjectName("stop_continue_button")
    resume.setProperty(OUTCOME_PROPERTY, "")
    dialog.setEscapeButton(resume)

    status = last_epoch.status if last_epoch is not None else None
    has_best = status is not None and status.best_epoch is not None
    buttons["best"].setEnabled(has_best)
    buttons["last"].setEnabled(last_epoch is not None)
    if has_best and status.best_epoch != last_epoch.epoch:
        dialog.setDefaultButton(buttons["best"])
    else:
        dialog.setDefaultButton(buttons["last"])
    return dialog


def _choices_text(last_epoch: EpochResult | None) -> str:
    if last_epoch is None:
        return (
            "No epoch has completed yet, so stopping now keeps no new model. "
            "Discard the run to stop, or continue training."
        )
    status = last_epoch.status
    lines = []
    if status is not None and status.best_epoch is not None:
        value = "" if status.best_value is None else f" = {status.best_value:.4f}"
        lines.append(
            f"Keep the best weights: epoch {status.best_epoch} "
            f"({status.monitor}{value})."
        )
    lines.append(
        f"Keep the last weights: epoch {last_epoch.epoch}, the last complete one."
    )
    lines.append("Discard the run: the model goes back to how it was before it.")
    lines.append("Training is paused while you choose.")
    return "\n".join(lines)
