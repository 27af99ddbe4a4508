"""The stop dialog, and translated texts of how a run ended and what it kept."""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QPushButton, QWidget

from engine.reporting import EpochResult, RunOutcome
from engine.run_control import STOP_OUTCOMES
from gui.i18n import translate_config

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
    dialog.setWindowTitle(QCoreApplication.translate("StopDialog", "Stop training"))
    dialog.setIcon(QMessageBox.Icon.Question)
    dialog.setText(
        QCoreApplication.translate(
            "StopDialog", "Stop training after the current batch?"
        )
    )
    dialog.setInformativeText(_choices_text(last_epoch))

    buttons: dict[str, QPushButton] = {}
    for outcome, label in STOP_OUTCOMES.items():
        role = (
            QMessageBox.ButtonRole.DestructiveRole
            if outcome == "discard"
            else QMessageBox.ButtonRole.AcceptRole
        )
        button = dialog.addButton(translate_config(label), role)
        button.setObjectName(f"stop_{outcome}_button")
        button.setProperty(OUTCOME_PROPERTY, outcome)
        buttons[outcome] = button
    resume = dialog.addButton(
        QCoreApplication.translate("StopDialog", "Continue training"),
        QMessageBox.ButtonRole.RejectRole,
    )
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
        return QCoreApplication.translate(
            "StopDialog",
            "No epoch has completed yet, so stopping now keeps no new model. "
            "Discard the run to stop, or continue training.",
        )
    status = last_epoch.status
    lines = []
    if status is not None and status.best_epoch is not None:
        value = "" if status.best_value is None else f" = {status.best_value:.4f}"
        lines.append(
            QCoreApplication.translate(
                "StopDialog", "Keep the best weights: epoch {epoch} ({monitor})."
            ).format(epoch=status.best_epoch, monitor=f"{status.monitor}{value}")
        )
    lines.append(
        QCoreApplication.translate(
            "StopDialog", "Keep the last weights: epoch {epoch}, the last complete one."
        ).format(epoch=last_epoch.epoch)
    )
    lines.append(
        QCoreApplication.translate(
            "StopDialog",
            "Discard the run: the model goes back to how it was before it.",
        )
    )
    lines.append(
        QCoreApplication.translate("StopDialog", "Training is paused while you choose.")
    )
    return "\n".join(lines)


def held_text(run: RunOutcome) -> str:
    """Return RunOutcome.held_text in the UI language."""
    if run.kept_weights == "discarded":
        return QCoreApplication.translate(
            "RunOutcome", "The run was discarded, so the model from before it is kept."
        )
    if run.held_epoch is None:
        return QCoreApplication.translate(
            "RunOutcome",
            "No epoch completed, so the model from before the run is kept.",
        )
    if run.held_epoch == run.best_epoch and run.best_value is not None:
        text = QCoreApplication.translate(
            "RunOutcome",
            "The model holds the weights of epoch {epoch}, the best {monitor} "
            "({value}).",
        )
    elif run.held_epoch == run.best_epoch:
        text = QCoreApplication.translate(
            "RunOutcome",
            "The model holds the weights of epoch {epoch}, the best {monitor}.",
        )
    elif run.held_epoch == run.epochs_completed:
        text = QCoreApplication.translate(
            "RunOutcome",
            "The model holds the weights of epoch {epoch}, the last complete epoch.",
        )
    else:
        text = QCoreApplication.translate(
            "RunOutcome", "The model holds the weights of epoch {epoch}."
        )
    value = "" if run.best_value is None else f"{run.best_value:.4f}"
    return text.format(epoch=run.held_epoch, monitor=run.monitor, value=value)


def summary_text(run: RunOutcome) -> str:
    """Return RunOutcome.summary_text in the UI language.

    NOTE: ``run.message``, such as the batch at which the loss became NaN,
    comes from the engine and stays English.
    """
    count = run.epochs_completed
    if run.reason == "completed" and count == 1:
        text = QCoreApplication.translate(
            "RunOutcome", "The run finished its only epoch."
        )
    elif run.reason == "completed":
        text = QCoreApplication.translate(
            "RunOutcome", "The run finished all {count} epochs."
        )
    elif run.reason == "early_stopping":
        text = QCoreApplication.translate(
            "RunOutcome", "Early stopping ended the run at epoch {epoch}."
        )
    elif run.reason == "stop_request" and count == 1:
        text = QCoreApplication.translate(
            "RunOutcome", "The run was stopped on request after {count} complete epoch."
        )
    elif run.reason == "stop_request":
        text = QCoreApplication.translate(
            "RunOutcome",
            "The run was stopped on request after {count} complete epochs.",
        )
    elif count == 1:
        text = QCoreApplication.translate(
            "RunOutcome", "The run stopped after {count} complete epoch."
        )
    else:
        text = QCoreApplication.translate(
            "RunOutcome", "The run stopped after {count} complete epochs."
        )
    text = text.format(count=count, epoch=run.stopped_epoch)
    if run.message:
        text += " " + run.message
    if run.checkpoint_epochs:
        if len(run.checkpoint_epochs) == 1:
            checkpoint = QCoreApplication.translate(
                "RunOutcome",
                "Checkpoint {path} was written after epoch {epochs} and holds epoch "
                "{last}.",
            )
        else:
            checkpoint = QCoreApplication.translate(
                "RunOutcome",
                "Checkpoint {path} was written after epochs {epochs} and holds "
                "epoch {last}.",
            )
        text += " " + checkpoint.format(
            path=run.checkpoint_path,
            epochs=", ".join(str(epoch) for epoch in run.checkpoint_epochs),
            last=run.checkpoint_epochs[-1],
        )
    return f"{text} {held_text(run)}"
