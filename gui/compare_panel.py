"""Compare mode: one setting, several values, runs overlaid live and ranked.

The runs go one after another in one task of the window's TaskRunner, so they
run on a worker thread like every other Keras call.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QObject, Qt, Signal, Slot
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from engine.compare import (
    CompareSpec,
    ComparisonResult,
    ComparisonRun,
    RunOutcome,
    parse_values,
    rank_runs,
    run_comparison,
)
from engine.config import ConfigError, RunConfig, setting_metadata
from engine.reporting import BatchProgress, EpochResult
from gui.compare_plot import ComparePlot, metric_title
from gui.i18n import translate_config
from gui.tasks import TaskOutcome, TaskRunner, TaskWorker

logger = logging.getLogger(__name__)

TASK_NAME = "compare"

# Settings offered for comparison, in menu order, with suggested values.
COMPARE_SETTINGS: dict[str, str] = {
    "learning_rate": "0.01, 0.001, 0.0001",
    "optimizer": "rmsprop, adam, sgd",
    "dropout": "0, 0.2, 0.3, 0.5",
    "hidden_units": "50, 100, 200",
    "batch_size": "32, 64, 128",
    "epochs": "5, 10, 20",
    "activation": "relu, tanh, sigmoid",
    "validation_split": "0.1, 0.2, 0.3",
    "seed": "1, 2, 3",
}

_COLUMNS = (
    QT_TRANSLATE_NOOP("ComparePanel", "Rank"),
    QT_TRANSLATE_NOOP("ComparePanel", "Run"),
    QT_TRANSLATE_NOOP("ComparePanel", "Best"),
    QT_TRANSLATE_NOOP("ComparePanel", "Best epoch"),
    QT_TRANSLATE_NOOP("ComparePanel", "Last"),
    QT_TRANSLATE_NOOP("ComparePanel", "Epochs"),
)


class ComparisonSignals(QObject):
    """Signals that carry a comparison's reports from the worker to the panel.

    The object lives on the GUI thread and its signals are emitted on the
    worker thread, so Qt queues each report to the panel's slots in order.
    """

    run_started = Signal(object)
    """ComparisonRun that begins."""
    epoch_ended = Signal(object)
    """EpochResult of the current run."""
    progress = Signal(object)
    """BatchProgress of the current run."""
    run_finished = Signal(object)
    """RunOutcome of the run that ended."""


class _SignalListener:
    """ComparisonListener for the worker thread that emits ComparisonSignals."""

    def __init__(self, signals: ComparisonSignals):
        self.signals = signals

    def on_run_started(self, run: ComparisonRun) -> None:
        self.signals.run_started.emit(run)

    def on_epoch_end(self, result: EpochResult) -> None:
        self.signals.epoch_ended.emit(result)

    def on_progress(self, progress: BatchProgress) -> None:
        self.signals.progress.emit(progress)

    def on_run_finished(self, outcome: RunOutcome) -> None:
        self.signals.run_finished.emit(outcome)


class ComparePanel(QWidget):
    """Choose a setting and its values, run them in turn and rank the results.

    Attributes
    ----------
    setting_combo : QComboBox
        The setting to vary; item data are setting names.
    values_edit : QLineEdit
        Comma-separated values, checked on every edit.
    message_label : QLabel
        The runs the values give, or why they are invalid.
    compare_button, stop_button : QPushButton
    progress_bar : QProgressBar
        Progress over all runs of the comparison.
    plot : ComparePlot
        The runs' curves, one series per run keyed by its label.
    results_table : QTableWidget
        Runs ranked by the best value of the plot's metric. Selecting a row
        highlights that run's curve.
    note_label : QLabel
        Why the ranking uses another metric, when it does.
    """

    comparison_requested = Signal()
    """Emitted just before a comparison's task is submitted."""
    comparison_finished = Signal(object)
    """ComparisonResult of a comparison that ended, stopped or not."""

    def __init__(
        self,
        runner: TaskRunner,
        session: Callable[[], Any],
        base_config: Callable[[], RunConfig],
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.runner = runner
        self._session = session
        self._base_config = base_config
        self._spec: CompareSpec | None = None
        self._running = False
        self._run_count = 0
        self._current: ComparisonRun | None = None
        self._outcomes: list[RunOutcome] = []
        self._skipped: tuple[str, ...] = ()
        self.signals = ComparisonSignals(self)

        self._create_widgets()
        self._create_layout()
        self._connect()
        self._on_setting_combo_changed(0)

    # Construction -------------------------------------------------------

    def _create_widgets(self) -> None:
        self.setting_combo = QComboBox(self)
        self.setting_combo.setObjectName("compare_setting")
        self.setting_combo.setAccessibleName(self.tr("Setting to compare"))
        self.setting_combo.setToolTip(
            self.tr(
                "The one setting that differs between the runs; all others come "
                "from the form."
            )
        )
        for name in COMPARE_SETTINGS:
            self.setting_combo.addItem(_setting_title(name), name)

        self.values_edit = QLineEdit(self)
        self.values_edit.setObjectName("compare_values")
        self.values_edit.setAccessibleName(self.tr("Values to compare"))
        self.values_edit.setToolTip(
            self.tr(
                "Two or more values separated by commas. Each run trains a new "
                "model with the same seed."
            )
        )
        self.values_edit.setClearButtonEnabled(True)

        self.message_label = QLabel(self)
        self.message_label.setObjectName("compare_message")
        self.message_label.setWordWrap(True)

        self.compare_button = QPushButton(self.tr("Compare"), self)
        self.compare_button.setObjectName("compare_button")
        self.compare_button.setAccessibleName(self.tr("Compare"))
        self.compare_button.setToolTip(
            self.tr("Train one run per value, one after another, and rank them.")
        )
        self.stop_button = QPushButton(self.tr("Stop"), self)
        self.stop_button.setObjectName("compare_stop_button")
        self.stop_button.setAccessibleName(self.tr("Stop comparison"))
        self.stop_button.setToolTip(
            self.tr("Stop the current run after its current batch and skip the rest.")
        )

        self.progress_bar = QProgressBar(self)
        self.progress_bar.setObjectName("compare_progress")
        self.progress_bar.setAccessibleName(self.tr("Comparison progress"))
        self.progress_bar.setRange(0, 1000)
        self.progress_bar.setValue(0)
        self.progress_bar.setFormat(self.tr("Idle"))

        self.plot = ComparePlot(
            self, placeholder=self.tr("Choose values and press Compare")
        )

        self.results_table = QTableWidget(0, len(_COLUMNS), self)
        self.results_table.setObjectName("compare_results")
        self.results_table.setAccessibleName(self.tr("Comparison ranking"))
        self.results_table.setHorizontalHeaderLabels(
            [self.tr(column) for column in _COLUMNS]
        )
        self.results_table.verticalHeader().hide()
        self.results_table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.results_table.setSelectionBehavior(
            QTableWidget.SelectionBehavior.SelectRows
        )
        header = self.results_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        # Room for the header and about four runs before scrolling.
        self.results_table.setMinimumHeight(150)

        self.note_label = QLabel(self)
        self.note_label.setObjectName("compare_note")
        self.note_label.setWordWrap(True)
        self.note_label.setStyleSheet("color: #8a5a00;")
        self.note_label.hide()

    def _create_layout(self) -> None:
        form = QFormLayout()
        form.addRow(self.tr("Setting"), self.setting_combo)
        form.addRow(self.tr("Values"), self.values_edit)
        buttons = QHBoxLayout()
        buttons.addWidget(self.compare_button)
        buttons.addWidget(self.stop_button)
        buttons.addWidget(self.progress_bar, 1)

        controls = QVBoxLayout()
        controls.addLayout(form)
        controls.addWidget(self.message_label)
        controls.addLayout(buttons)

        table_box = QWidget(self)
        table_layout = QVBoxLayout(table_box)
        table_layout.setContentsMargins(0, 0, 0, 0)
        table_layout.addWidget(self.results_table)
        table_layout.addWidget(self.note_label)

        # Below about 200 pixels the overlaid curves flatten into lines.
        self.plot.setMinimumHeight(200)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.plot)
        splitter.addWidget(table_box)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(controls)
        layout.addWidget(splitter, 1)

    def _connect(self) -> None:
        self.setting_combo.currentIndexChanged.connect(self._on_setting_combo_changed)
        self.values_edit.textChanged.connect(self._on_values_edit_changed)
        self.compare_button.clicked.connect(self.start)
        self.stop_button.clicked.connect(self.stop)
        self.plot.metric_changed.connect(self._on_plot_metric_changed)
        self.results_table.itemSelectionChanged.connect(
            self._on_results_table_selection_changed
        )

        self.signals.run_started.connect(self._on_signals_run_started)
        self.signals.epoch_ended.connect(self._on_signals_epoch_ended)
        self.signals.progress.connect(self._on_signals_progress)
        self.signals.run_finished.connect(self._on_signals_run_finished)
        self.runner.busy_changed.connect(self._on_runner_busy_changed)
        self.runner.task_finished.connect(self._on_runner_task_finished)

    # Public -------------------------------------------------------------

    def is_running(self) -> bool:
        return self._running

    def set_spec(self, spec: CompareSpec) -> None:
        """Show ``spec``'s setting and values in the inputs."""
        index = self.setting_combo.findData(spec.setting)
        if index < 0:
            self.setting_combo.addItem(_setting_title(spec.setting), spec.setting)
            index = self.setting_combo.count() - 1
        self.setting_combo.setCurrentIndex(index)
        self.values_edit.setText(spec.text().partition("=")[2].replace(",", ", "))

    def validate(self) -> CompareSpec | None:
        """Check the values against the form; show the runs or the error."""
        setting = self.setting_combo.currentData()
        try:
            base = self._base_config()
        except ConfigError as error:
            self._show_message(
                self.tr("Fix the settings form first: {error}").format(error=error),
                error=True,
            )
            return None
        try:
            spec = parse_values(setting, self.values_edit.text(), base)
        except ConfigError as error:
            self._show_message(str(error), error=True)
            return None
        text = self.tr(
            "{count} runs, one after another: {labels}. Every other setting comes "
            "from the form (seed {seed})."
        ).format(
            count=len(spec.values), labels=", ".join(spec.labels()), seed=base.seed
        )
        if base.data.validation_split == 0:
            text += " " + self.tr(
                "The validation fraction is 0, so training metrics rank the runs."
            )
        self._show_message(text, error=False)
        return spec

    def start(self) -> bool:
        """Start the comparison of the shown values; False if it cannot start."""
        if self._running or self._working():
            self._show_message(
                self.tr("Wait for the current task to finish, or press Stop."),
                error=True,
            )
            return False
        spec = self.validate()
        if spec is None:
            return False
        base = self._base_config()

        self._spec = spec
        self._running = True
        self._run_count = len(spec.values)
        self._outcomes = []
        self._skipped = ()
        self._current = None
        longest = max(
            (base.replace(**{spec.setting: v}).fit.epochs for v in spec.values),
            default=base.fit.epochs,
        )
        self.plot.clear(
            longest,
            self.tr("Comparing {setting}").format(setting=_setting_title(spec.setting)),
        )
        for label in spec.labels():
            self.plot.add_series(label, label)
        self.results_table.setRowCount(0)
        self.note_label.hide()
        metric = self.plot.current_metric()
        if base.data.validation_split == 0 and metric.startswith("val_"):
            # Runs without validation data log no val_* metrics.
            self.plot.set_metric(metric.removeprefix("val_"))
        self.progress_bar.setValue(0)
        self.progress_bar.setFormat(self.tr("Starting…"))

        session = self._session()
        listener = _SignalListener(self.signals)
        metric = self.plot.current_metric()

        def compare(worker: TaskWorker) -> ComparisonResult:
            return run_comparison(
                base, spec, session.train, listener, worker.stop_event, metric
            )

        self.comparison_requested.emit()
        self.runner.submit(TASK_NAME, compare)
        self._update_controls()
        return True

    def stop(self) -> None:
        """Stop the current run after its batch and skip the runs after it."""
        if not self._running:
            return
        self.runner.request_stop()
        self.progress_bar.setFormat(self.tr("Stopping…"))

    def outcomes(self) -> list[RunOutcome]:
        """Return the outcomes of the runs that ended, in run order."""
        return list(self._outcomes)

    @Slot()
    def refresh(self) -> None:
        """Check the values again, as after a change of the form's settings."""
        if not self._running:
            self.validate()
            self._update_controls()

    # Slots --------------------------------------------------------------

    @Slot(int)
    def _on_setting_combo_changed(self, index: int) -> None:
        setting = self.setting_combo.itemData(index)
        suggestion = COMPARE_SETTINGS.get(setting, "")
        self.values_edit.setPlaceholderText(
            self.tr("for example {values}").format(values=suggestion)
        )
        self.values_edit.setText(suggestion)
        self.refresh()

    @Slot(str)
    def _on_values_edit_changed(self, text: str) -> None:
        self.refresh()

    @Slot(str)
    def _on_plot_metric_changed(self, metric: str) -> None:
        self._show_ranking()

    @Slot()
    def _on_results_table_selection_changed(self) -> None:
        rows = {index.row() for index in self.results_table.selectedIndexes()}
        label = None
        if len(rows) == 1:
            item = self.results_table.item(rows.pop(), 1)
            label = item.text() if item is not None else None
        self.plot.set_highlight(label)

    @Slot(object)
    def _on_signals_run_started(self, run: ComparisonRun) -> None:
        self._current = run
        self.progress_bar.setFormat(
            self.tr("Run {number} of {count}: {label}").format(
                number=run.index + 1, count=self._run_count, label=run.label
            )
        )

    @Slot(object)
    def _on_signals_epoch_ended(self, result: EpochResult) -> None:
        if self._current is None or not result.complete:
            return
        self.plot.append_epoch(self._current.label, result.epoch, result.metrics)

    @Slot(object)
    def _on_signals_progress(self, progress: BatchProgress) -> None:
        run = self._current
        if run is None:
            return
        done = (progress.epoch - 1 + progress.batch / max(progress.batches, 1)) / max(
            progress.epochs, 1
        )
        self.progress_bar.setValue(round(1000 * (run.index + done) / self._run_count))
        self.progress_bar.setFormat(
            self.tr("Run {number} of {count} ({label}): epoch {epoch}/{epochs}").format(
                number=run.index + 1,
                count=self._run_count,
                label=run.label,
                epoch=progress.epoch,
                epochs=progress.epochs,
            )
        )

    @Slot(object)
    def _on_signals_run_finished(self, outcome: RunOutcome) -> None:
        self._outcomes.append(outcome)
        # The curve shows the complete epochs that the history recorded.
        self.plot.set_history(outcome.run.label, outcome.history.to_dict())
        self.progress_bar.setValue(
            round(1000 * (outcome.run.index + 1) / self._run_count)
        )
        self._show_ranking()

    @Slot(object)
    def _on_runner_task_finished(self, outcome: TaskOutcome) -> None:
        if outcome.name != TASK_NAME or not self._running:
            return
        self._running = False
        self._current = None
        if outcome.error is not None:
            self.progress_bar.setFormat(self.tr("Failed"))
            self._show_message(
                self.tr("The comparison failed: {error}").format(error=outcome.error),
                error=True,
            )
            self._update_controls()
            return
        result: ComparisonResult = outcome.result
        self._skipped = result.skipped
        for label in result.skipped:
            self.plot.remove_series(label)
        if result.stopped:
            done = sum(1 for o in result.outcomes if not o.stopped)
            self.progress_bar.setFormat(
                self.tr("Stopped: {done} of {count} runs complete").format(
                    done=done, count=self._run_count
                )
            )
        else:
            self.progress_bar.setValue(1000)
            self.progress_bar.setFormat(
                self.tr("Done: {count} runs").format(count=self._run_count)
            )
        self._show_ranking()
        self._update_controls()
        self.comparison_finished.emit(result)

    @Slot(bool)
    def _on_runner_busy_changed(self, busy: bool) -> None:
        self._update_controls()

    # Helpers ------------------------------------------------------------

    def _working(self) -> bool:
        tasks = [self.runner.current_task(), *self.runner.pending_tasks()]
        return any(task not in (None, "import") for task in tasks)

    def _update_controls(self) -> None:
        idle = not (self._running or self._working())
        self.compare_button.setEnabled(idle and self._spec_valid())
        self.stop_button.setEnabled(self._running)
        self.setting_combo.setEnabled(idle)
        self.values_edit.setEnabled(idle)

    def _spec_valid(self) -> bool:
        return self.message_label.property("valid") is True

    def _show_message(self, text: str, error: bool) -> None:
        self.message_label.setText(text)
        self.message_label.setProperty("valid", not error)
        self.message_label.setStyleSheet(
            "color: #b00020;" if error else "color: #505050;"
        )

    def _show_ranking(self) -> None:
        ranking = rank_runs(self._outcomes, self.plot.current_metric())
        title = metric_title(ranking.metric).lower()
        headers = [self.tr(column) for column in _COLUMNS]
        headers[2] = self.tr("Best {metric}").format(metric=title)
        headers[4] = self.tr("Last {metric}").format(metric=title)
        self.results_table.setHorizontalHeaderLabels(headers)

        rows = list(ranking.rows)
        self.results_table.setRowCount(len(rows) + len(self._skipped))
        for row_index, row in enumerate(rows):
            epochs = str(row.epochs_completed)
            if row.stopped:
                epochs += " " + self.tr("(stopped)")
            if row.problem == "failed":
                epochs = self.tr("failed")
            elif row.problem:
                epochs += " " + self.tr("diverged (NaN loss)")
            cells = (
                "–" if row.rank is None else str(row.rank),
                row.label,
                _number(row.best),
                "–" if row.best_epoch is None else str(row.best_epoch),
                _number(row.last),
                epochs,
            )
            self._set_row(row_index, cells, bold=row.rank == 1)
        for offset, label in enumerate(self._skipped):
            cells = ("–", label, "–", "–", "–", self.tr("not run"))
            self._set_row(len(rows) + offset, cells, bold=False)

        note = ""
        if ranking.note:
            # rank_runs notes only the fallback from a validation metric to
            # its training metric, so the note is rebuilt in the UI language.
            note = self.tr(
                "No run has validation data, so the runs are ranked by {training} "
                "instead of {validation}."
            ).format(
                training=metric_title(ranking.metric).lower(),
                validation=metric_title(self.plot.current_metric()).lower(),
            )
        self.note_label.setText(note)
        self.note_label.setVisible(bool(note))

    def _set_row(self, row: int, cells: tuple[str, ...], bold: bool) -> None:
        for column, text in enumerate(cells):
            item = QTableWidgetItem(text)
            if column != 1:
                item.setTextAlignment(
                    Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                )
            if bold:
                font = QFont(item.font())
                font.setBold(True)
                item.setFont(font)
            self.results_table.setItem(row, column, item)


def _setting_title(name: str) -> str:
    """Return the form title of setting ``name`` in the UI language."""
    return translate_config(setting_metadata(name)["title"])


def _number(value: float) -> str:
    return f"{value:.4f}" if math.isfinite(value) else "–"
