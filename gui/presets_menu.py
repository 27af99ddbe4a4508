"""The Presets menu: each tutorial experiment in one click.

A preset fills the form with its settings, keeping the chosen dataset and data
folder, and starts at once: a single run on the Training tab, or a comparison
on the Compare tab. The save-and-restore preset queues a second task after
training that saves, reloads and evaluates the model.
"""

from __future__ import annotations

import logging
import math
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QMessageBox

from engine.config import ConfigError, RunConfig
from engine.paths import display_path, user_data_dir
from engine.presets import (
    PRESETS,
    Preset,
    RestoreReport,
    save_and_restore,
)
from gui.i18n import translate_config
from gui.tasks import TaskOutcome, TaskWorker

if TYPE_CHECKING:
    from gui.main_window import MainWindow

logger = logging.getLogger(__name__)

RESTORE_TASK = "save_restore"


def default_output_dir() -> Path:
    """Return the folder for preset files: ``presets`` in the app's data folder."""
    return user_data_dir() / "presets"


class PresetsMenu(QObject):
    """A menu with one action per preset, and the steps that run them.

    Attributes
    ----------
    menu : QMenu
    actions : dict[str, QAction]
        The action of each preset, by preset name.
    output_dir : Path
        Folder of the files that presets write (checkpoint, model, weights).
    last_report : RestoreReport or None
        The latest save-and-restore evaluations, kept for tests.
    """

    def __init__(self, window: MainWindow):
        super().__init__(window)
        self.window = window
        self.output_dir = default_output_dir()
        self.last_report: RestoreReport | None = None
        self.menu = QMenu(self.tr("&Presets"), window)
        self.menu.setObjectName("presets_menu")
        self.menu.setToolTipsVisible(True)
        self.actions: dict[str, QAction] = {}
        for preset in PRESETS.values():
            description = translate_config(preset.description)
            action = QAction(translate_config(preset.title), self.menu)
            action.setObjectName(f"preset_{preset.name}")
            tip = self.tr(
                "{description}\nSettings: {settings}\nFills the form and starts "
                "at once; the dataset and data folder stay."
            ).format(description=description, settings=preset.summary())
            if preset.files:
                tip += "\n" + self.tr("Writes {files} to {folder}.").format(
                    files=", ".join(preset.files),
                    folder=display_path(self.output_dir),
                )
            action.setToolTip(tip)
            action.setStatusTip(description)
            action.setData(preset.name)
            action.triggered.connect(self._on_action_triggered)
            self.menu.addAction(action)
            self.actions[preset.name] = action
        window.runner.task_finished.connect(self._on_runner_task_finished)

    def set_enabled(self, enabled: bool) -> None:
        for action in self.actions.values():
            action.setEnabled(enabled)

    def run(self, name: str) -> bool:
        """Fill the form with preset ``name`` and start it; False if it cannot."""
        window = self.window
        preset = PRESETS[name]
        if window.runner.is_busy() and window.runner.current_task() != "import":
            window.statusBar().showMessage(
                self.tr("Wait for the current task to finish, or press Stop.")
            )
            return False
        try:
            self.output_dir.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            window.statusBar().showMessage(
                self.tr("Cannot create {folder}: {reason}").format(
                    folder=display_path(self.output_dir), reason=error.strerror
                )
            )
            return False
        config = preset.config(self._data_source(), self.output_dir)
        window.form.set_config(config)
        logger.info("Running preset %s with %s", preset.name, config.flat())

        if preset.compare is not None:
            window.plot_tabs.setCurrentWidget(window.compare_panel)
            window.compare_panel.set_spec(preset.compare)
            return window.compare_panel.start()

        window.plot_tabs.setCurrentWidget(window.plot_pane)
        window.train()
        if not window.runner.is_busy():
            return False
        window.statusBar().showMessage(
            self.tr("Preset {title}: {description}").format(
                title=translate_config(preset.title),
                description=translate_config(preset.description),
            )
        )
        if preset.save_and_restore:
            self._queue_restore(preset, config)
        return True

    def _data_source(self) -> RunConfig:
        """Return the defaults with the form's dataset and data folder."""
        form = self.window.form
        try:
            return RunConfig().replace(
                dataset=form.value("dataset"), data_dir=form.value("data_dir")
            )
        except ConfigError:
            return RunConfig()

    def _queue_restore(self, preset: Preset, config: RunConfig) -> None:
        session = self.window.session
        folder = self.output_dir

        def restore(worker: TaskWorker) -> RestoreReport | None:
            # Skip when training was stopped, failed or completed no epoch.
            finished = session.config == config and (
                session.history.epochs == config.fit.epochs
            )
            if not finished:
                return None
            return save_and_restore(session, config, folder, worker.stop_event)

        self.window.runner.submit(RESTORE_TASK, restore)

    @Slot()
    def _on_action_triggered(self) -> None:
        self.run(self.sender().data())

    @Slot(object)
    def _on_runner_task_finished(self, outcome: TaskOutcome) -> None:
        if outcome.name != RESTORE_TASK or outcome.error is not None:
            return
        report = outcome.result
        window = self.window
        if report is None:
            window.statusBar().showMessage(
                self.tr("Save and restore skipped: the training did not complete.")
            )
            return

        self.last_report = report
        text = self.tr(
            "Saved the weights to {weights} and the model to {model}, then "
            "reloaded both."
        ).format(
            weights=display_path(report.weights_path),
            model=display_path(report.model_path),
        )
        text += "\n\n" + self._restore_table(report)
        box = QMessageBox(
            QMessageBox.Icon.Information,
            self.tr("Save and restore"),
            text,
            QMessageBox.StandardButton.Ok,
            window,
        )
        box.setObjectName("restore_report")
        box.setStyleSheet("QLabel { font-family: monospace; }")
        box.open()
        window.last_message = box

        window.statusBar().showMessage(
            self.tr("Reloaded weights and model evaluate the same as the trained model")
            if _same(report)
            else self.tr(
                "The reloaded models evaluate differently from the trained model"
            )
        )

    def _restore_table(self, report: RestoreReport) -> str:
        """Return the three evaluations as a plain-text table, one row each.

        The rows are those of engine.presets.format_restore_report, with the
        labels in the UI language.
        """
        rows = (
            (self.tr("trained model"), report.trained),
            (
                self.tr("weights from {file}").format(file=report.weights_path.name),
                report.from_weights,
            ),
            (
                self.tr("model from {file}").format(file=report.model_path.name),
                report.from_model,
            ),
        )
        lines = []
        for name, evaluation in rows:
            parts = [name.ljust(34)]
            for part, metrics in (
                (self.tr("validation"), evaluation.validation),
                (self.tr("test"), evaluation.test),
            ):
                if metrics:
                    parts.append(
                        self.tr("{set} loss {loss} accuracy {accuracy}").format(
                            set=part,
                            loss=f"{metrics.get('loss', math.nan):.4f}",
                            accuracy=f"{metrics.get('accuracy', math.nan):.4f}",
                        )
                    )
            lines.append("  ".join(parts))
        return "\n".join(lines)


def _same(report: RestoreReport) -> bool:
    """Return True when both reloaded models evaluate as the trained one."""
    trained = report.trained
    expected = {
        **_prefixed("val", trained.validation),
        **_prefixed("test", trained.test),
    }
    for copy in (report.from_weights, report.from_model):
        actual = {**_prefixed("val", copy.validation), **_prefixed("test", copy.test)}
        if actual.keys() != expected.keys():
            return False
        for name, value in expected.items():
            if not math.isclose(actual[name], value, rel_tol=0, abs_tol=1e-6):
                return False
    return True


def _prefixed(prefix: str, metrics: dict[str, float]) -> dict[str, float]:
    return {f"{prefix}_{name}": value for name, value in metrics.items()}
