"""The runs panel: the stored run history as a table, an overlay plot and exports."""

from __future__ import annotations

import logging
import math
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from engine.config import OPTIMIZER_CHOICES, ConfigError
from engine.exports import (
    ExportError,
    export_runs_csv,
    export_settings_json,
    settings_stamp,
)
from engine.paths import display_path
from engine.run_store import RunStore, RunStoreError, RunSummary, StoredRun
from gui.compare_plot import ComparePlot
from gui.export import export_figure

logger = logging.getLogger(__name__)

# Header, tooltip; both shown translated.
COLUMNS = (
    (
        QT_TRANSLATE_NOOP("RunsPanel", "Name"),
        QT_TRANSLATE_NOOP("RunsPanel", "Double-click to rename the run."),
    ),
    (
        QT_TRANSLATE_NOOP("RunsPanel", "Started"),
        QT_TRANSLATE_NOOP("RunsPanel", "Local date and time when the run started."),
    ),
    (
        QT_TRANSLATE_NOOP("RunsPanel", "Dataset"),
        QT_TRANSLATE_NOOP("RunsPanel", "Images the run trained on."),
    ),
    (
        QT_TRANSLATE_NOOP("RunsPanel", "Optimizer"),
        QT_TRANSLATE_NOOP("RunsPanel", "Optimizer of the run."),
    ),
    (
        QT_TRANSLATE_NOOP("RunsPanel", "LR"),
        QT_TRANSLATE_NOOP("RunsPanel", "Learning rate of the optimizer."),
    ),
    (
        QT_TRANSLATE_NOOP("RunsPanel", "Epochs"),
        QT_TRANSLATE_NOOP("RunsPanel", "Complete epochs of the epochs requested."),
    ),
    (
        QT_TRANSLATE_NOOP("RunsPanel", "Best val acc"),
        QT_TRANSLATE_NOOP("RunsPanel", "Highest validation accuracy of any epoch."),
    ),
    (
        QT_TRANSLATE_NOOP("RunsPanel", "Status"),
        QT_TRANSLATE_NOOP(
            "RunsPanel", "complete, stopped (by Stop or early stopping) or failed."
        ),
    ),
)
# Status cell text of each run status; the table keeps the status in SORT_ROLE.
STATUS_TEXTS = {
    "complete": QT_TRANSLATE_NOOP("RunsPanel", "complete"),
    "stopped": QT_TRANSLATE_NOOP("RunsPanel", "stopped"),
    "failed": QT_TRANSLATE_NOOP("RunsPanel", "failed"),
    "running": QT_TRANSLATE_NOOP("RunsPanel", "running"),
}
NAME_COLUMN = 0
STATUS_COLUMN = 7
RUN_ID_ROLE = Qt.ItemDataRole.UserRole
SORT_ROLE = Qt.ItemDataRole.UserRole + 1


class _SortItem(QTableWidgetItem):
    """Table cell that sorts by the value in SORT_ROLE, not by its text."""

    def __lt__(self, other: QTableWidgetItem) -> bool:
        mine = self.data(SORT_ROLE)
        theirs = other.data(SORT_ROLE)
        if mine is None or theirs is None:
            return super().__lt__(other)
        return mine < theirs


class RunsPanel(QWidget):
    """The run history: sortable table, overlay of a chosen metric, and exports.

    Reads and edits go to the store on the GUI thread; each is one short
    SQLite transaction. Training writes to the same store from the worker thread.

    Attributes
    ----------
    store : RunStore or None
        None when the history could not be opened; the panel then shows the reason.
    table : QTableWidget
        One row per run. The name cell is editable; the run id is in its UserRole.
    overlay : ComparePlot
        One metric of the selected runs; its ``metric_combo`` chooses the metric.
    details_view : QPlainTextEdit
        Everything stored about the one selected run.
    rerun_button, delete_button : QPushButton
    export_csv_button, export_settings_button, export_plot_button : QPushButton
    message_label : QLabel
        Why the history is unavailable, or the latest problem; hidden otherwise.
    last_message : QMessageBox or None
        The latest error box, kept so tests can read it.
    """

    rerun_requested = Signal(object)
    """RunConfig of the run to repeat."""

    def __init__(
        self,
        store: RunStore | None,
        unavailable_reason: str | None = None,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.store = store
        self.last_message: QMessageBox | None = None
        self._folder = Path.home()
        self._runs: dict[int, StoredRun] = {}
        """Runs read for the overlay and details, by id; cleared by refresh()."""

        self._create_widgets()
        self._create_layout()
        self._connect()
        if store is None:
            self.show_problem(
                unavailable_reason or self.tr("The run history is not available.")
            )
        self.refresh()

    # Construction -------------------------------------------------------

    def _create_widgets(self) -> None:
        self.table = QTableWidget(0, len(COLUMNS), self)
        self.table.setObjectName("runs_table")
        self.table.setAccessibleName(self.tr("Stored runs"))
        self.table.setHorizontalHeaderLabels([self.tr(title) for title, _ in COLUMNS])
        for column, (_, tip) in enumerate(COLUMNS):
            self.table.horizontalHeaderItem(column).setToolTip(self.tr(tip))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(1, Qt.SortOrder.DescendingOrder)

        self.overlay = ComparePlot(
            self,
            metric="val_accuracy",
            placeholder=self.tr("Select runs in the table to compare their curves"),
        )
        self.details_view = QPlainTextEdit(self)
        self.details_view.setObjectName("run_details")
        self.details_view.setAccessibleName(self.tr("Run details"))
        self.details_view.setReadOnly(True)

        self.rerun_button = self._button(
            self.tr("Re-run"),
            "rerun_button",
            self.tr("Train again with this run's settings and seed."),
        )
        self.delete_button = self._button(
            self.tr("Delete…"),
            "delete_runs_button",
            self.tr(
                "Delete the selected runs from the history. Saved model files stay."
            ),
        )
        self.export_csv_button = self._button(
            self.tr("Export CSV…"),
            "export_runs_csv_button",
            self.tr("Write the curves of the selected runs to one CSV file."),
        )
        self.export_settings_button = self._button(
            self.tr("Export settings…"),
            "export_run_settings_button",
            self.tr("Write the selected run's settings as JSON."),
        )
        self.export_plot_button = self._button(
            self.tr("Export plot…"),
            "export_runs_plot_button",
            self.tr(
                "Save this plot as PNG, SVG or PDF with each run's settings stamped."
            ),
        )

        self.message_label = QLabel(self)
        self.message_label.setObjectName("runs_message")
        self.message_label.setWordWrap(True)
        self.message_label.setStyleSheet("color: #8a5a00;")
        self.message_label.hide()

    def _button(self, text: str, name: str, tip: str) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.setAccessibleName(text.rstrip("…"))
        button.setToolTip(tip)
        return button

    def _create_layout(self) -> None:
        buttons = QHBoxLayout()
        for button in (
            self.rerun_button,
            self.delete_button,
            self.export_csv_button,
            self.export_settings_button,
            self.export_plot_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)

        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.message_label)
        left_layout.addWidget(self.table)
        left_layout.addLayout(buttons)

        self.tabs = QTabWidget(self)
        self.tabs.addTab(self.overlay, self.tr("Curves"))
        self.tabs.addTab(self.details_view, self.tr("Details"))

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(left)
        splitter.addWidget(self.tabs)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        # Wide enough for every column of the table at the default window width.
        splitter.setSizes([720, 560])

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(splitter)

    def _connect(self) -> None:
        self.table.itemSelectionChanged.connect(self._on_table_selection_changed)
        self.table.itemChanged.connect(self._on_table_item_changed)
        self.rerun_button.clicked.connect(self._on_rerun_button_clicked)
        self.delete_button.clicked.connect(self._on_delete_button_clicked)
        self.export_csv_button.clicked.connect(self.export_csv_dialog)
        self.export_settings_button.clicked.connect(self.export_settings_dialog)
        self.export_plot_button.clicked.connect(self.export_plot_dialog)

    # Public -------------------------------------------------------------

    def refresh(self) -> None:
        """Read the runs again from the store, keeping the selection and sorting."""
        selected = set(self.selected_run_ids())
        summaries: list[RunSummary] = []
        if self.store is not None:
            try:
                summaries = self.store.list_runs()
            except RunStoreError as error:
                self.show_problem(str(error))
        self._runs.clear()

        table = self.table
        blocked = table.blockSignals(True)
        table.setSortingEnabled(False)
        table.clearSelection()
        table.setRowCount(len(summaries))
        for row, summary in enumerate(summaries):
            for column, item in enumerate(_row_items(summary)):
                table.setItem(row, column, item)
        table.setSortingEnabled(True)
        self.select_runs(list(selected))
        table.blockSignals(blocked)

        self._on_table_selection_changed()

    def run_id_at(self, row: int) -> int:
        """Return the id of the run shown in ``row``."""
        return int(self.table.item(row, NAME_COLUMN).data(RUN_ID_ROLE))

    def selected_run_ids(self) -> list[int]:
        """Return the ids of the selected runs, in table order."""
        rows = sorted({index.row() for index in self.table.selectedIndexes()})
        return [self.run_id_at(row) for row in rows]

    def select_runs(self, run_ids: list[int]) -> None:
        """Select the rows of ``run_ids``; other rows are deselected."""
        requested = set(run_ids)
        self.table.clearSelection()
        mode = self.table.selectionMode()
        # selectRow() replaces the selection unless the mode is MultiSelection.
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.MultiSelection)
        for row in range(self.table.rowCount()):
            if self.run_id_at(row) in requested:
                self.table.selectRow(row)
        self.table.setSelectionMode(mode)

    def _row_status(self, run_id: int) -> str:
        """Return the status of ``run_id``'s row, as stored, or "" without a row."""
        for row in range(self.table.rowCount()):
            if self.run_id_at(row) == run_id:
                return self.table.item(row, STATUS_COLUMN).data(SORT_ROLE)
        return ""

    def current_metric(self) -> str:
        """Return the Keras name of the metric that the overlay shows."""
        return self.overlay.current_metric()

    def set_metric(self, metric: str) -> None:
        """Show ``metric`` in the overlay. Raises ValueError for an unknown metric."""
        self.overlay.set_metric(metric)

    def delete_selected(self, confirm: bool = True) -> int:
        """Delete the selected runs after asking; return how many were deleted."""
        run_ids = self.selected_run_ids()
        if not run_ids or self.store is None:
            return 0
        running = [
            run_id for run_id in run_ids if self._row_status(run_id) == "running"
        ]
        if running:
            self._show_error(
                self.tr("Cannot delete a running run"),
                self.tr(
                    "Run #{id} is still training. Stop it, or wait until it ends, "
                    "then delete it."
                ).format(id=running[0]),
            )
            return 0
        if confirm:
            count = len(run_ids)
            if count == 1:
                question = self.tr(
                    "Delete this run from the run history? Saved model and weights "
                    "files stay on disk. This cannot be undone."
                )
            else:
                question = self.tr(
                    "Delete these {count} runs from the run history? Saved model and "
                    "weights files stay on disk. This cannot be undone."
                ).format(count=count)
            answer = QMessageBox.question(self, self.tr("Delete runs?"), question)
            if answer != QMessageBox.StandardButton.Yes:
                return 0
        try:
            deleted = self.store.delete(run_ids)
        except RunStoreError as error:
            self._show_error(self.tr("Deleting runs failed"), str(error))
            return 0
        self.refresh()
        return deleted

    def export_csv(self, path: str | Path) -> Path | None:
        """Write the curves of the selected runs to ``path``; None after an error."""
        runs = self._selected_runs()
        if runs is None:
            return None
        return self._export(
            self.tr("Exporting the curves failed"),
            lambda: export_runs_csv(path, runs),
        )

    def export_settings(self, path: str | Path) -> Path | None:
        """Write the one selected run's settings as JSON to ``path``."""
        run = self._single_selected_run(self.tr("export its settings"))
        if run is None:
            return None
        return self._export(
            self.tr("Exporting the settings failed"),
            lambda: export_settings_json(path, run.config()),
        )

    def export_plot(self, path: str | Path) -> Path | None:
        """Save the overlay plot with each selected run's settings stamped."""
        runs = self._selected_runs()
        if runs is None:
            return None
        stamp = "\n".join(f"#{run.id} {run.name}: {_stamp(run)}" for run in runs)
        return self._export(
            self.tr("Exporting the plot failed"),
            lambda: export_figure(self.overlay.figure, path, stamp),
        )

    # Helpers ------------------------------------------------------------

    def _get_run(self, run_id: int) -> StoredRun:
        if run_id not in self._runs:
            self._runs[run_id] = self.store.get_run(run_id)
        return self._runs[run_id]

    def _selected_runs(self) -> list[StoredRun] | None:
        run_ids = self.selected_run_ids()
        if not run_ids or self.store is None:
            self._show_error(
                self.tr("No run selected"), self.tr("Select one or more runs first.")
            )
            return None
        try:
            return [self._get_run(run_id) for run_id in run_ids]
        except (RunStoreError, KeyError) as error:
            self._show_error(self.tr("Reading the runs failed"), str(error))
            return None

    def _single_selected_run(self, action: str) -> StoredRun | None:
        runs = self._selected_runs()
        if runs is None:
            return None
        if len(runs) != 1:
            self._show_error(
                self.tr("Select one run"),
                self.tr(
                    "{count} runs are selected. Select exactly one run to {action}."
                ).format(count=len(runs), action=action),
            )
            return None
        return runs[0]

    def _export(self, title: str, write) -> Path | None:
        try:
            path = write()
        except (ExportError, ConfigError) as error:
            self._show_error(title, str(error))
            return None
        self.show_problem("")
        self.message_label.setText(
            self.tr("Exported {path}").format(path=display_path(path))
        )
        self.message_label.setStyleSheet("")
        self.message_label.show()
        return path

    def _update_overlay(self) -> None:
        self.overlay.clear()
        for run_id in self.selected_run_ids():
            try:
                run = self._get_run(run_id)
            except (RunStoreError, KeyError) as error:
                self.show_problem(str(error))
                continue
            label = f"#{run.id} {run.name}"
            self.overlay.add_series(str(run.id), label, run.history.metrics)

    def _update_details(self) -> None:
        run_ids = self.selected_run_ids()
        if len(run_ids) != 1 or self.store is None:
            self.details_view.setPlainText(
                self.tr("Select one run to see everything stored about it.")
            )
            return
        try:
            run = self._get_run(run_ids[0])
        except (RunStoreError, KeyError) as error:
            self.details_view.setPlainText(str(error))
            return
        self.details_view.setPlainText(_details_text(run))

    def _update_controls(self) -> None:
        count = len(self.selected_run_ids())
        available = self.store is not None
        self.rerun_button.setEnabled(available and count == 1)
        self.export_settings_button.setEnabled(available and count == 1)
        for button in (
            self.delete_button,
            self.export_csv_button,
            self.export_plot_button,
        ):
            button.setEnabled(available and count > 0)

    def show_problem(self, text: str) -> None:
        """Show ``text`` above the table; an empty text hides the label."""
        self.message_label.setStyleSheet("color: #8a5a00;")
        self.message_label.setText(text)
        self.message_label.setVisible(bool(text))

    def _show_error(self, title: str, text: str) -> QMessageBox:
        box = QMessageBox(
            QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, self
        )
        box.setObjectName("runs_warning_message")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        self.last_message = box
        return box

    def _choose_save_path(self, title: str, name: str, filters: str) -> str | None:
        path, _ = QFileDialog.getSaveFileName(
            self, title, str(self._folder / name), filters
        )
        if not path:
            return None
        self._folder = Path(path).parent
        return path

    # Slots --------------------------------------------------------------

    @Slot()
    def _on_table_selection_changed(self) -> None:
        self._update_overlay()
        self._update_details()
        self._update_controls()

    @Slot(QTableWidgetItem)
    def _on_table_item_changed(self, item: QTableWidgetItem) -> None:
        if item.column() != NAME_COLUMN or self.store is None:
            return
        run_id = int(item.data(RUN_ID_ROLE))
        try:
            name = self.store.rename(run_id, item.text())
        except (ValueError, RunStoreError) as error:
            self._show_error(self.tr("Renaming the run failed"), str(error))
            self.refresh()
            return
        self._runs.pop(run_id, None)
        if name != item.text():
            blocked = self.table.blockSignals(True)
            item.setText(name)
            self.table.blockSignals(blocked)
        self._update_overlay()
        self._update_details()

    @Slot()
    def _on_rerun_button_clicked(self) -> None:
        run = self._single_selected_run(self.tr("re-run it"))
        if run is None:
            return
        try:
            config = run.config()
        except ConfigError as error:
            self._show_error(
                self.tr("Cannot re-run"),
                self.tr(
                    "The stored settings of run #{id} are invalid in this version "
                    "of the app: {error}"
                ).format(id=run.id, error=error),
            )
            return
        self.rerun_requested.emit(config)

    @Slot()
    def _on_delete_button_clicked(self) -> None:
        self.delete_selected()

    @Slot()
    def export_csv_dialog(self) -> None:
        """Ask for a file name, then export the selected runs' curves as CSV."""
        path = self._choose_save_path(
            self.tr("Export curves"), "runs.csv", self.tr("CSV files (*.csv)")
        )
        if path:
            self.export_csv(path)

    @Slot()
    def export_settings_dialog(self) -> None:
        """Ask for a file name, then export the selected run's settings as JSON."""
        path = self._choose_save_path(
            self.tr("Export settings"), "settings.json", self.tr("JSON files (*.json)")
        )
        if path:
            self.export_settings(path)

    @Slot()
    def export_plot_dialog(self) -> None:
        """Ask for a file name, then save the overlay plot as PNG, SVG or PDF."""
        path = self._choose_save_path(
            self.tr("Export plot"),
            "runs.png",
            self.tr("PNG image (*.png);;SVG drawing (*.svg);;PDF document (*.pdf)"),
        )
        if path:
            self.export_plot(path)


def _stamp(run: StoredRun) -> str:
    try:
        return settings_stamp(run.config())
    except ConfigError:
        return QCoreApplication.translate(
            "RunsPanel", "settings invalid in this version of the app"
        )


def _number_text(value: float | None, digits: int = 4) -> str:
    if value is None or not math.isfinite(value):
        return "–"
    return f"{value:.{digits}f}"


def _row_items(summary: RunSummary) -> list[QTableWidgetItem]:
    """Return the cells of one table row; each sorts by its value, not its text."""
    started = summary.started_at.astimezone()
    cells: list[tuple[str, Any]] = [
        (summary.name, summary.name.lower()),
        (started.strftime("%Y-%m-%d %H:%M"), (summary.started_at, summary.id)),
        (summary.dataset, summary.dataset),
        (
            OPTIMIZER_CHOICES.get(summary.optimizer, summary.optimizer),
            summary.optimizer,
        ),
        (f"{summary.learning_rate:g}", summary.learning_rate),
        (
            QCoreApplication.translate("RunsPanel", "{done} of {planned}").format(
                done=summary.epochs_completed, planned=summary.epochs_planned
            ),
            (summary.epochs_completed, summary.epochs_planned),
        ),
        (
            _number_text(summary.best_val_accuracy),
            -1.0 if summary.best_val_accuracy is None else summary.best_val_accuracy,
        ),
        (_status_text(summary.status), summary.status),
    ]
    items = []
    for column, (text, key) in enumerate(cells):
        item = _SortItem(text)
        item.setData(SORT_ROLE, key)
        flags = Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled
        if column == NAME_COLUMN:
            flags |= Qt.ItemFlag.ItemIsEditable
            item.setData(RUN_ID_ROLE, summary.id)
        elif 4 <= column < STATUS_COLUMN:
            item.setTextAlignment(
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
            )
        item.setFlags(flags)
        items.append(item)
    return items


def _status_text(status: str) -> str:
    """Return a run status in the UI language; an unknown status stays."""
    if status not in STATUS_TEXTS:
        return status
    return QCoreApplication.translate("RunsPanel", STATUS_TEXTS[status])


def _details_text(run: StoredRun) -> str:
    """Return a readable report of everything stored about ``run``.

    Labels are translated; setting names, metric names and stored messages
    are data and stay as stored.
    """
    summary = run.summary
    status = _status_text(summary.status)
    status += f" ({run.message})" if run.message else ""
    seconds = f"{summary.seconds:.1f} s" if summary.seconds else "–"
    lines = [
        QCoreApplication.translate("RunsPanel", "Run #{id}: {name}").format(
            id=run.id, name=run.name
        ),
        QCoreApplication.translate("RunsPanel", "Status: {status}").format(
            status=status
        ),
        QCoreApplication.translate("RunsPanel", "Started: {time}").format(
            time=f"{summary.started_at.astimezone():%Y-%m-%d %H:%M:%S}",
        ),
        QCoreApplication.translate("RunsPanel", "Fit time: {seconds}").format(
            seconds=seconds
        ),
        QCoreApplication.translate("RunsPanel", "Settings: {settings}").format(
            settings=_stamp(run)
        ),
    ]

    data = run.data
    counts = data.get("counts") or {}
    if counts:
        images = ", ".join(f"{count:,} {name}" for name, count in counts.items())
        lines.append(
            QCoreApplication.translate("RunsPanel", "Images: {images}").format(
                images=images
            )
        )
    if data.get("data_dir"):
        lines.append(
            QCoreApplication.translate("RunsPanel", "Data folder: {folder}").format(
                folder=data["data_dir"]
            )
        )
    absent = QCoreApplication.translate("RunsPanel", "absent")
    versions = ", ".join(
        f"{name} {version or absent}" for name, version in run.versions.items()
    )
    lines.append(
        QCoreApplication.translate("RunsPanel", "Versions: {versions}").format(
            versions=versions
        )
    )

    if run.history.epochs:
        last = ", ".join(
            f"{name} {_number_text(values[-1])}"
            for name, values in run.history.metrics.items()
        )
        lines.append(
            QCoreApplication.translate(
                "RunsPanel", "Last epoch ({epoch}): {metrics}"
            ).format(epoch=run.history.epochs, metrics=last)
        )
    lines.extend(_evaluation_lines(run.evaluation or {}))
    for stored in run.files:
        lines.append(
            QCoreApplication.translate("RunsPanel", "Saved {kind}: {path}").format(
                kind=stored.kind, path=stored.path
            )
        )
    return "\n".join(lines)


def _evaluation_lines(evaluation: Mapping[str, Any]) -> list[str]:
    """Return one line per evaluated set, such as "Evaluation (test, 360 images): …".

    Image counts stored as ``<set>_count`` go into their set's line. The
    dataset name is left out because the table shows it.
    """
    lines = []
    for key, value in evaluation.items():
        if key == "dataset" or key.endswith("_count"):
            continue
        if isinstance(value, Mapping) and all(
            isinstance(v, (int, float)) for v in value.values()
        ):
            count = evaluation.get(f"{key}_count")
            label = key
            if isinstance(count, int):
                label = QCoreApplication.translate(
                    "RunsPanel", "{set}, {count} images"
                ).format(set=key, count=f"{count:,}")
            metrics = ", ".join(f"{k} {_number_text(v)}" for k, v in value.items())
            lines.append(
                QCoreApplication.translate(
                    "RunsPanel", "Evaluation ({set}): {metrics}"
                ).format(set=label, metrics=metrics)
            )
        elif isinstance(value, (int, float, str)):
            lines.append(
                QCoreApplication.translate(
                    "RunsPanel", "Evaluation {key}: {value}"
                ).format(key=key, value=value)
            )
    return lines
