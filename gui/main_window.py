"""The main window: settings form, live curves, run controls and model files."""

from __future__ import annotations

import logging
import math
import sys
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QProcess,
    Qt,
    QThread,
    QUrl,
    Slot,
)
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QCloseEvent,
    QDesktopServices,
    QFontDatabase,
    QKeySequence,
)
from PySide6.QtWidgets import (
    QDockWidget,
    QFileDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from engine.config import (
    ACTIVATION_CHOICES,
    DATASET_CHOICES,
    OPTIMIZER_CHOICES,
    ConfigError,
    ModelConfig,
    RunConfig,
    dataset_title,
)
from engine.data import KNOWN_SHAPES, DatasetError, size_text
from engine.exports import ExportError, settings_stamp
from engine.model_factory import describe_architecture, format_summary
from engine.paths import display_path, user_log_dir
from engine.persistence import (
    ModelFileError,
    normalize_model_path,
    normalize_weights_path,
)
from engine.reporting import BatchProgress, EpochResult
from engine.run_control import RunControl
from engine.run_store import open_run_store
from engine.session import Evaluation, ModelInfo, TrainerSession
from gui import app_info, resources
from gui.compare_panel import ComparePanel
from gui.evaluation_view import EvaluationView
from gui.export import export_figure
from gui.i18n import LANGUAGES, restart_command, translate_config
from gui.param_form import ParamForm
from gui.presets_menu import PresetsMenu
from gui.run_controls import OUTCOME_PROPERTY, held_text, stop_dialog, summary_text
from gui.runs_panel import RunsPanel
from gui.settings import WindowSettings
from gui.tasks import EXPECTED_ERRORS, TaskOutcome, TaskRunner, TaskWorker
from gui.tensorboard_panel import TensorBoardCommand
from gui.training_plot import TrainingPlot, patience_text

logger = logging.getLogger(__name__)

# Dialog title, suggested file name (None for an open dialog) and name filters.
# The titles and filters are marked for lupdate and translated when shown.
_FILE_DIALOGS = {
    "save_model": (
        QT_TRANSLATE_NOOP("MainWindow", "Save model"),
        "model.keras",
        QT_TRANSLATE_NOOP(
            "MainWindow", "Keras model (*.keras);;Legacy HDF5 model (*.h5)"
        ),
    ),
    "load_model": (
        QT_TRANSLATE_NOOP("MainWindow", "Load model"),
        None,
        QT_TRANSLATE_NOOP("MainWindow", "Keras models (*.keras *.h5);;All files (*)"),
    ),
    "save_weights": (
        QT_TRANSLATE_NOOP("MainWindow", "Save weights"),
        "model.weights.h5",
        QT_TRANSLATE_NOOP("MainWindow", "Keras weights (*.weights.h5)"),
    ),
    "load_weights": (
        QT_TRANSLATE_NOOP("MainWindow", "Load weights"),
        None,
        QT_TRANSLATE_NOOP(
            "MainWindow", "Keras weights (*.weights.h5 *.h5);;All files (*)"
        ),
    ),
    "export_figure": (
        QT_TRANSLATE_NOOP("MainWindow", "Export figure"),
        "training-curves.png",
        QT_TRANSLATE_NOOP(
            "MainWindow", "PNG image (*.png);;SVG image (*.svg);;PDF document (*.pdf)"
        ),
    ),
}
_FILE_DIALOGS["export_script"] = (
    QT_TRANSLATE_NOOP("MainWindow", "Export as Python script"),
    "train_keras_model.py",
    QT_TRANSLATE_NOOP("MainWindow", "Python script (*.py)"),
)
# The remembered folder of each file dialog that does not use the model folder.
_DIALOG_FOLDERS = {"export_figure": "figures", "export_script": "scripts"}


class MainWindow(QMainWindow):
    """Keras Trainer's window. Construct it with no arguments.

    Attributes
    ----------
    form : ParamForm
    plot : TrainingPlot
    evaluation_view : EvaluationView
        Confusion matrix, per-class accuracy and predictions on the test set.
    plot_tabs : QTabWidget
        The Training curves tab (``plot_pane``: the plot and the held-weights
        note), the evaluation view and the Compare tab (``compare_panel``).
    compare_panel : ComparePanel
    presets : PresetsMenu
        The Presets menu and the steps that run each preset.
    runner : TaskRunner
        Runs every engine call on a worker thread.
    session : TrainerSession
        The current model, history and data; used only from worker threads.
    train_button, pause_button, stop_button, evaluate_button : QPushButton
    held_label : QLabel
        Note naming the epoch whose weights the current model contains.
    stop_dialog : QMessageBox or None
        The open question of what a stopped run keeps.
    save_model_button, load_model_button : QPushButton
    save_weights_button, load_weights_button : QPushButton
    progress_bar : QProgressBar
    summary_view : QPlainTextEdit
        Model summary of the current settings or of the loaded model.
    evaluation_table : QTableWidget
    tensorflow_label : QLabel
        Status bar note on whether TensorFlow has loaded.
    last_message : QMessageBox or None
        The latest error or warning box, kept so tests can read it.
    """

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Keras Trainer"))
        self.setWindowIcon(resources.app_icon())
        self.resize(1280, 800)

        self.run_store, run_store_message = open_run_store()
        self.session = TrainerSession(self.run_store)
        self._figure_config: RunConfig | None = None
        self.runner = TaskRunner(self)
        self.window_settings = WindowSettings()
        self.last_message: QMessageBox | None = None
        self._keras_ready = False
        self._training = False
        self._has_model = False
        self._run_config: RunConfig | None = None
        self._last_epoch: EpochResult | None = None
        self._folder = self.window_settings.folder("models") or Path.home()
        self._model_settings: ModelConfig | None = None
        self._model_dataset: str | None = None
        self._weights_into_current = False
        self._close_requested = False
        self._control: RunControl | None = None
        self._held_epoch: int | None = None
        self.stop_dialog: QMessageBox | None = None

        self._create_widgets()
        self._create_layout()
        self._create_runs_panel(run_store_message)
        self._create_actions()
        self._connect()
        self._update_controls()
        self._restore_settings()
        self._on_form_params_changed(self.form.config())
        self.statusBar().showMessage(self.tr("Choose the settings and press Train."))

    # Construction -------------------------------------------------------

    def _create_widgets(self) -> None:
        self.form = ParamForm(self)
        self.plot = TrainingPlot(self)
        self.evaluation_view = EvaluationView(self)
        self.compare_panel = ComparePanel(
            self.runner, lambda: self.session, self.form.config, self
        )

        self.train_button = self._button(
            self.tr("Train"),
            "train_button",
            self.tr("Train a new model with these settings."),
        )
        self.stop_button = self._button(
            self.tr("Stop…"),
            "stop_button",
            self.tr("Stop after the current batch and choose which weights to keep."),
        )
        self.pause_button = self._button(
            self.tr("Pause"),
            "pause_button",
            self.tr(
                "Hold training after the current batch. Resume continues the same "
                "run with its optimizer state."
            ),
        )
        self.evaluate_button = self._button(
            self.tr("Evaluate"),
            "evaluate_button",
            self.tr("Compute loss and accuracy on the validation and test sets."),
        )
        self.save_model_button = self._button(
            self.tr("Save model…"),
            "save_model_button",
            self.tr("Save the whole model (.keras, or legacy .h5)."),
        )
        self.load_model_button = self._button(
            self.tr("Load model…"),
            "load_model_button",
            self.tr("Load a whole model saved by Keras."),
        )
        self.save_weights_button = self._button(
            self.tr("Save weights…"),
            "save_weights_button",
            self.tr("Save only the weights (.weights.h5)."),
        )
        self.load_weights_button = self._button(
            self.tr("Load weights…"),
            "load_weights_button",
            self.tr(
                "Load weights into the current model, or into a new one built from "
                "the settings."
            ),
        )
        self.train_button.setDefault(True)

        self.progress_bar = QProgressBar(self)
        self.progress_bar.setObjectName("progress_bar")
        self.progress_bar.setAccessibleName(self.tr("Training progress"))
        self.progress_bar.setRange(0, 1000)
        self.progress_bar.setValue(0)
        self.progress_bar.setFormat(self.tr("Idle"))
        self.progress_bar.setTextVisible(True)

        fixed_font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        self.summary_view = QPlainTextEdit(self)
        self.summary_view.setObjectName("model_summary")
        self.summary_view.setAccessibleName(self.tr("Model summary"))
        self.summary_view.setReadOnly(True)
        self.summary_view.setFont(fixed_font)
        self.summary_view.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)

        self.evaluation_table = QTableWidget(0, 4, self)
        self.evaluation_table.setObjectName("evaluation_table")
        self.evaluation_table.setAccessibleName(self.tr("Evaluation results"))
        self.evaluation_table.setHorizontalHeaderLabels(
            [self.tr("Set"), self.tr("Images"), self.tr("Loss"), self.tr("Accuracy")]
        )
        self.evaluation_table.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.Stretch
        )
        self.evaluation_table.verticalHeader().hide()
        self.evaluation_table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)

        self.model_hint_label = QLabel(self)
        self.model_hint_label.setObjectName("model_hint")
        self.model_hint_label.setWordWrap(True)
        self.model_hint_label.setStyleSheet("color: #8a5a00;")
        self.model_hint_label.hide()

        self.held_label = QLabel(self)
        self.held_label.setObjectName("held_weights")
        self.held_label.setAccessibleName(self.tr("Weights of the current model"))
        self.held_label.setWordWrap(True)
        self.held_label.hide()

        self.tensorflow_label = QLabel(self.tr("TensorFlow not loaded"), self)
        self.tensorflow_label.setObjectName("tensorflow_status")
        self.statusBar().addPermanentWidget(self.tensorflow_label)

    def _button(self, text: str, name: str, tip: str) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.setAccessibleName(text.rstrip("…"))
        button.setToolTip(tip)
        return button

    def _create_layout(self) -> None:
        run_box = QGroupBox(self.tr("Run"), self)
        run_layout = QGridLayout(run_box)
        run_layout.addWidget(self.train_button, 0, 0)
        run_layout.addWidget(self.pause_button, 0, 1)
        run_layout.addWidget(self.stop_button, 0, 2)
        run_layout.addWidget(self.progress_bar, 1, 0, 1, 3)
        run_layout.addWidget(self.evaluate_button, 2, 0, 1, 3)
        run_layout.addWidget(self.model_hint_label, 3, 0, 1, 3)
        self.tensorboard_command = TensorBoardCommand(self)
        run_layout.addWidget(self.tensorboard_command, 4, 0, 1, 3)

        files_box = QGroupBox(self.tr("Model files"), self)
        files_layout = QGridLayout(files_box)
        files_layout.addWidget(self.save_model_button, 0, 0)
        files_layout.addWidget(self.load_model_button, 0, 1)
        files_layout.addWidget(self.save_weights_button, 1, 0)
        files_layout.addWidget(self.load_weights_button, 1, 1)

        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.addWidget(self.form)
        left_layout.addWidget(files_box)
        left_layout.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidget(left)
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setMinimumWidth(360)
        # The Run box stays below the scrolling form, so Train and Stop are
        # visible however long the form grows.
        column = QWidget(self)
        column_layout = QVBoxLayout(column)
        column_layout.setContentsMargins(0, 0, 0, 0)
        column_layout.addWidget(scroll, 1)
        column_layout.addWidget(run_box)

        self.details_tabs = QTabWidget(self)
        self.details_tabs.addTab(self.summary_view, self.tr("Model summary"))
        self.details_tabs.addTab(self.evaluation_table, self.tr("Evaluation"))

        # The plot with, below it, which epoch's weights the model holds.
        self.plot_pane = QWidget(self)
        plot_layout = QVBoxLayout(self.plot_pane)
        plot_layout.setContentsMargins(0, 0, 0, 0)
        plot_layout.addWidget(self.plot, 1)
        plot_layout.addWidget(self.held_label)

        self.plot_tabs = QTabWidget(self)
        self.plot_tabs.setObjectName("plot_tabs")
        self.plot_tabs.addTab(self.plot_pane, self.tr("Training curves"))
        self.plot_tabs.addTab(self.evaluation_view, self.tr("Test set evaluation"))
        # Compare mode sits in a tab beside the single run's curves.
        self.plot_tabs.addTab(self.compare_panel, self.tr("Compare"))

        right = self.details_splitter = QSplitter(Qt.Orientation.Vertical, self)
        right.addWidget(self.plot_tabs)
        right.addWidget(self.details_tabs)
        right.setStretchFactor(0, 3)
        right.setStretchFactor(1, 1)
        right.setSizes([540, 220])

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(column)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([380, 900])

        central = QWidget(self)
        central_layout = QHBoxLayout(central)
        central_layout.setContentsMargins(4, 4, 4, 4)
        central_layout.addWidget(self.splitter)
        self.setCentralWidget(central)

    def _create_runs_panel(self, store_message: str | None) -> None:
        """Add the run history as a dock below the window's main area."""
        self.runs_panel = RunsPanel(self.run_store, store_message, self)
        self.runs_dock = QDockWidget(self.tr("Runs"), self)
        self.runs_dock.setObjectName("runs_dock")
        self.runs_dock.setWidget(self.runs_panel)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.runs_dock)
        self.resizeDocks([self.runs_dock], [260], Qt.Orientation.Vertical)
        self.runs_panel.rerun_requested.connect(self._on_runs_panel_rerun_requested)
        if store_message:
            self._show_error(self.tr("Run history"), store_message)

    def _create_actions(self) -> None:
        def action(text: str, slot, shortcut=None) -> QAction:
            item = QAction(text, self)
            if shortcut is not None:
                item.setShortcut(shortcut)
            item.triggered.connect(slot)
            return item

        self.open_data_action = action(
            self.tr("Open data folder…"), self.form.browse_data_folder
        )
        self.load_model_action = action(
            self.tr("Load model…"),
            self._on_load_model_button_clicked,
            QKeySequence.StandardKey.Open,
        )
        self.save_model_action = action(
            self.tr("Save model…"),
            self._on_save_model_button_clicked,
            QKeySequence.StandardKey.Save,
        )
        self.load_weights_action = action(
            self.tr("Load weights…"), self._on_load_weights_button_clicked
        )
        self.save_weights_action = action(
            self.tr("Save weights…"), self._on_save_weights_button_clicked
        )
        self.quit_action = action(
            self.tr("Quit"), self.close, QKeySequence.StandardKey.Quit
        )
        self.train_action = action(
            self.tr("Train"), self.train, QKeySequence("Ctrl+Return")
        )
        # The keypad's Enter key is a different key from Return.
        self.train_action.setShortcuts(
            [QKeySequence("Ctrl+Return"), QKeySequence("Ctrl+Enter")]
        )
        self.export_figure_action = action(
            self.tr("Export figure…"),
            self._on_export_figure_action_triggered,
            QKeySequence("Ctrl+E"),
        )
        self.export_runs_csv_action = action(
            self.tr("Export selected runs as CSV…"),
            self.runs_panel.export_csv_dialog,
        )
        self.export_run_settings_action = action(
            self.tr("Export selected run's settings…"),
            self.runs_panel.export_settings_dialog,
        )
        self.stop_action = action(self.tr("Stop…"), self.ask_stop, QKeySequence("Esc"))
        self.evaluate_action = action(self.tr("Evaluate"), self.evaluate)

        file_menu = self.menuBar().addMenu(self.tr("&File"))
        file_menu.addAction(self.open_data_action)
        file_menu.addSeparator()
        for item in (
            self.load_model_action,
            self.save_model_action,
            self.load_weights_action,
            self.save_weights_action,
        ):
            file_menu.addAction(item)
        file_menu.addSeparator()
        for item in (
            self.export_figure_action,
            self.export_runs_csv_action,
            self.export_run_settings_action,
        ):
            file_menu.addAction(item)
        self.export_script_action = action(
            self.tr("Export as Python script…"), self._on_export_script_triggered
        )
        file_menu.addAction(self.export_script_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        run_menu = self.menuBar().addMenu(self.tr("&Run"))
        for item in (self.train_action, self.stop_action, self.evaluate_action):
            run_menu.addAction(item)
        self.compare_action = action(
            self.tr("Compare…"), self._on_compare_action_triggered
        )
        run_menu.addAction(self.compare_action)
        self.presets = PresetsMenu(self)
        self.menuBar().addMenu(self.presets.menu)
        view_menu = self.menuBar().addMenu(self.tr("&View"))
        view_menu.addAction(self.runs_dock.toggleViewAction())
        self.reset_action = action(self.tr("Reset to defaults"), self.reset_to_defaults)
        settings_menu = self.menuBar().addMenu(self.tr("&Settings"))
        settings_menu.addAction(self.reset_action)
        self._create_language_menu(settings_menu)
        self.open_log_folder_action = action(
            self.tr("Open log folder"), self.open_log_folder
        )
        self.help_action = action(
            self.tr("Keras Trainer help"),
            self.show_help,
            QKeySequence.StandardKey.HelpContents,
        )
        self.about_action = action(self.tr("About Keras Trainer"), self.show_about)
        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        help_menu.addAction(self.help_action)
        help_menu.addAction(self.open_log_folder_action)
        help_menu.addSeparator()
        help_menu.addAction(self.about_action)

    def _create_language_menu(self, parent_menu: QMenu) -> None:
        self.language_menu = parent_menu.addMenu(self.tr("Language"))
        group = QActionGroup(self)
        chosen = self.window_settings.language()
        for code, name in [("", self.tr("System default")), *LANGUAGES.items()]:
            item = QAction(name, self)
            item.setCheckable(True)
            item.setData(code)
            item.setChecked(code == chosen)
            group.addAction(item)
            self.language_menu.addAction(item)
        group.triggered.connect(self._on_language_triggered)
        self.language_actions = group.actions()

    def _connect(self) -> None:
        self.form.params_changed.connect(self._on_form_params_changed)
        self.form.params_changed.connect(self.compare_panel.refresh)
        self.compare_panel.comparison_requested.connect(
            self._on_compare_panel_comparison_requested
        )
        self.form.params_changed.connect(self._remember_form)
        self.train_button.clicked.connect(self.train)
        self.stop_button.clicked.connect(self.ask_stop)
        self.pause_button.clicked.connect(self.toggle_pause)
        self.evaluate_button.clicked.connect(self.evaluate)
        self.save_model_button.clicked.connect(self._on_save_model_button_clicked)
        self.load_model_button.clicked.connect(self._on_load_model_button_clicked)
        self.save_weights_button.clicked.connect(self._on_save_weights_button_clicked)
        self.load_weights_button.clicked.connect(self._on_load_weights_button_clicked)

        self.runner.task_started.connect(self._on_runner_task_started)
        self.runner.progress.connect(self._on_runner_progress)
        self.runner.epoch_ended.connect(self._on_runner_epoch_ended)
        self.runner.task_finished.connect(self._on_runner_task_finished)
        self.runner.busy_changed.connect(self._on_runner_busy_changed)

    # Remembered settings ------------------------------------------------

    def _splitters(self) -> dict[str, QSplitter]:
        return {"splitter": self.splitter, "details_splitter": self.details_splitter}

    def _restore_settings(self) -> None:
        """Show the stored form values, last data folder, geometry and splitters."""
        self._default_layout = {
            name: splitter.sizes() for name, splitter in self._splitters().items()
        }
        self.form.last_folder = self.window_settings.folder("data")
        self.form.set_config(self.window_settings.load_config())
        self.window_settings.restore_layout(self, self._splitters())

    @Slot(object)
    def _remember_form(self, config: RunConfig) -> None:
        self.window_settings.save_config(config)
        if config.data.data_dir:
            self.window_settings.set_folder("data", config.data.data_dir)

    def reset_to_defaults(self) -> None:
        """Show the default settings and layout, and forget the stored ones."""
        if not self.form.isEnabled():
            self.statusBar().showMessage(
                self.tr("Wait for the current task to finish first.")
            )
            return
        self.window_settings.reset()
        for name, sizes in self._default_layout.items():
            self._splitters()[name].setSizes(sizes)
        self.form.set_config(RunConfig())
        self.statusBar().showMessage(self.tr("Settings reset to their defaults."))

    # Language -----------------------------------------------------------

    @Slot(QAction)
    def _on_language_triggered(self, item: QAction) -> None:
        self.set_language(item.data())

    def set_language(self, code: str) -> QMessageBox:
        """Store the UI language ("" follows the system); it applies at restart."""
        self.window_settings.set_language(code)
        box = self._show_message(
            self.tr("Language"),
            self.tr(
                "The new language applies when Keras Trainer starts again. Your "
                "settings are kept."
            ),
            warning=False,
        )
        restart = box.addButton(
            self.tr("Restart now"), QMessageBox.ButtonRole.ActionRole
        )
        restart.clicked.connect(self.restart)
        return box

    def restart(self) -> bool:
        """Start a new instance of the app and close this window.

        Returns False, and keeps the window, while a task runs.
        """
        if self.runner.is_busy():
            self.statusBar().showMessage(
                self.tr("Wait for the current task to finish, then restart.")
            )
            return False
        program, arguments = restart_command()
        if not QProcess.startDetached(program, arguments):
            self._show_error(
                self.tr("Restart failed"),
                self.tr("Start Keras Trainer again yourself: {command}").format(
                    command=" ".join([program, *arguments])
                ),
            )
            return False
        logger.info("Restarting as %s %s", program, arguments)
        self.close()
        return True

    # Help, About and figure export ---------------------------------------

    def show_help(self) -> QMessageBox:
        """Show the steps of a run and the keyboard shortcuts."""
        return self._show_message(
            self.tr("Keras Trainer help"), app_info.help_text(), False
        )

    def show_about(self) -> QMessageBox:
        """Show the versions of the app, Python, TensorFlow, Keras and Qt."""
        return self._show_message(
            self.tr("About Keras Trainer"), app_info.about_text(), False
        )

    def export_script(self, path: str | Path) -> Path | None:
        """Write a standalone Keras script of the form's settings to ``path``.

        The script repeats what Train does with these settings and gives the
        same history for the same seed. Returns the path, or None after
        showing why it failed.
        """
        from engine.script_export import export_script

        config = self._checked_config(self.form.config)
        if config is None:
            return None
        target = Path(path)
        failed = self.tr("Exporting the script failed")
        if target.is_dir():
            self._show_export_error(
                failed,
                self.tr(
                    "'{path}' is a folder, not a script file. Choose a file name "
                    "ending in .py inside it, such as {example}."
                ).format(
                    path=display_path(target),
                    example=display_path(target / "train.py"),
                ),
            )
            return None
        if not target.suffix:
            target = target.with_suffix(".py")
        try:
            saved = export_script(config, target)
        except (DatasetError, ModelFileError) as error:
            self._show_export_error(failed, str(error))
            return None
        self.statusBar().showMessage(
            self.tr("Exported the settings as a script: {path}").format(
                path=display_path(saved)
            )
        )
        return saved

    @Slot()
    def _on_export_script_triggered(self) -> None:
        if path := self._choose_file("export_script"):
            self.export_script(path)

    # Public actions -----------------------------------------------------

    def open_log_folder(self) -> None:
        """Open the folder of the log files in the system's file manager."""
        folder = user_log_dir()
        folder.mkdir(parents=True, exist_ok=True)
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder))):
            self._show_error(
                self.tr("Cannot open the log folder"),
                self.tr(
                    "No file manager opened {folder}. Open that folder yourself; the "
                    "current log is keras-trainer.log."
                ).format(folder=display_path(folder)),
            )

    def install_exception_dialog(self) -> None:
        """Log uncaught GUI-thread exceptions, then show them in a dialog."""
        previous = sys.excepthook

        def excepthook(kind, error, trace):
            previous(kind, error, trace)
            if issubclass(kind, Exception) and QThread.currentThread() == self.thread():
                self._show_error(
                    self.tr("Unexpected error"),
                    f"{kind.__name__}: {error}\n\n"
                    + self.tr(
                        "The app keeps running. The details are in the log in {folder}."
                    ).format(folder=display_path(user_log_dir())),
                )

        sys.excepthook = excepthook

    def start_background_import(self) -> None:
        """Import TensorFlow on a worker thread so the first run starts sooner."""
        if self._keras_ready or "import" in [
            self.runner.current_task(),
            *self.runner.pending_tasks(),
        ]:
            return
        from engine.session import import_keras

        self.tensorflow_label.setText(self.tr("Loading TensorFlow…"))
        self.runner.submit("import", lambda worker: import_keras())

    def train(self) -> None:
        """Start a training run with the form's settings."""
        if self._training or self._working():
            self.statusBar().showMessage(
                self.tr("Wait for the current task to finish, or press Stop.")
            )
            return
        config = self._checked_config(self.form.config)
        if config is None:
            return

        self.start_background_import()
        self._training = True
        self._last_epoch = None
        self._figure_config = config
        self.plot.clear(config.fit.epochs, _run_title(config))
        self.plot_tabs.setCurrentWidget(self.plot_pane)
        self.progress_bar.setValue(0)
        self.progress_bar.setFormat(self.tr("Starting…"))
        if not self._keras_ready:
            self.statusBar().showMessage(
                self.tr("Loading TensorFlow and the data; training starts next…")
            )
        else:
            self.statusBar().showMessage(
                self.tr("Loading {dataset}…").format(
                    dataset=translate_config(DATASET_CHOICES[config.data.dataset])
                )
            )
        session = self.session
        control = RunControl()
        self._control = control
        self.pause_button.setText(self.tr("Pause"))
        summary_title = self.tr("Model: classifier")

        def run_training(worker: TaskWorker) -> Any:
            from engine.model_factory import format_summary, summarize_model

            result = session.train(config, worker, worker.stop_event, control=control)
            return result, format_summary(summarize_model(result.model), summary_title)

        self.runner.submit("train", run_training)
        self._update_controls()

    def rerun(self, config: RunConfig) -> None:
        """Show ``config`` in the form, then train if the form shows it exactly."""
        if self._training or self._working():
            self.statusBar().showMessage(
                self.tr("Wait for the current task to finish before re-running a run.")
            )
            return
        try:
            self.form.set_config(config)
            form_config = self.form.config()
        except (ConfigError, KeyError, TypeError, OverflowError) as error:
            self._show_error(
                self.tr("Cannot re-run"),
                self.tr(
                    "The form cannot show this run's settings: {error}. Adjust the "
                    "settings by hand and press Train."
                ).format(error=error),
            )
            return
        if form_config != config:
            form_values = form_config.flat()
            differences = [
                self.tr("{name} {value} (form: {form_value})").format(
                    name=name, value=repr(value), form_value=repr(form_values[name])
                )
                for name, value in config.flat().items()
                if form_values[name] != value
            ]
            self._show_error(
                self.tr("Cannot re-run exactly"),
                self.tr(
                    "The form cannot show these settings of the run exactly: "
                    "{settings}. Check the form and press Train to run with its "
                    "values."
                ).format(settings=", ".join(differences)),
            )
            return
        self.train()

    def export_figure(self, path: str | Path) -> Path | None:
        """Save the training curves as PNG, SVG or PDF with the settings stamped.

        The suffix of ``path`` chooses the format. Returns the path written, or
        None after showing why the export failed.
        """
        stamp = settings_stamp(self._figure_config)
        try:
            written = export_figure(self.plot.figure, path, stamp)
        except ExportError as error:
            self._show_export_error(self.tr("Exporting the figure failed"), str(error))
            return None
        self.statusBar().showMessage(
            self.tr("Exported the figure to {path}").format(path=display_path(written))
        )
        return written

    def ask_stop(self) -> None:
        """Pause the run and ask which weights to keep, then stop with that choice.

        A comparison stops at once: its runs are recorded as they end.
        """
        if self.compare_panel.is_running():
            self.compare_panel.stop()
            return
        if not self._training or self._control is None:
            return
        if self.stop_dialog is not None:
            self.stop_dialog.raise_()
            return
        was_paused = self._control.paused
        self._control.pause()
        dialog = stop_dialog(self, self._last_epoch)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.buttonClicked.connect(
            lambda button: self._on_stop_dialog_answered(
                button.property(OUTCOME_PROPERTY), was_paused
            )
        )
        self.stop_dialog = dialog
        self.progress_bar.setFormat(self.tr("Paused"))
        self.statusBar().showMessage(
            self.tr("Paused. Choose which weights to keep, or continue training.")
        )
        dialog.open()

    def stop(self, outcome: str = "last") -> None:
        """Stop the run after its current batch and keep ``outcome``'s weights.

        ``outcome`` is a key of engine.run_control.STOP_OUTCOMES.
        """
        if self.compare_panel.is_running():
            self.compare_panel.stop()
            return
        if not self._training:
            return
        if self._control is not None:
            self._control.request_stop(outcome)
        self.runner.request_stop()
        self.pause_button.setText(self.tr("Pause"))
        self.pause_button.setEnabled(False)
        self.progress_bar.setFormat(self.tr("Stopping…"))
        self.statusBar().showMessage(self.tr("Stopping after the current batch…"))

    def _on_stop_dialog_answered(self, outcome: str, was_paused: bool) -> None:
        self.stop_dialog = None
        if outcome:
            self.stop(outcome)
        elif not was_paused and self._control is not None and self._training:
            self._control.resume()

    def toggle_pause(self) -> None:
        """Pause the run after its current batch, or resume a paused run."""
        control = self._control
        if not self._training or control is None:
            return
        if control.paused:
            control.resume()
            self.pause_button.setText(self.tr("Pause"))
            self.statusBar().showMessage(self.tr("Resumed training."))
            return
        control.pause()
        self.pause_button.setText(self.tr("Resume"))
        self.progress_bar.setFormat(self.tr("Paused"))
        self.statusBar().showMessage(
            self.tr(
                "Paused after the current batch. Press Resume to continue the same "
                "run, or Stop to end it."
            )
        )

    def evaluate(self) -> None:
        """Evaluate the current model on the validation and test sets."""
        if not self._can_start():
            return
        config = self._checked_config(self._evaluation_config)
        if config is None:
            return
        session = self.session
        self.statusBar().showMessage(
            self.tr("Evaluating on the validation and test sets…")
        )
        self.runner.submit(
            "evaluate", lambda worker: session.evaluate(config.data, config.seed)
        )

    def _evaluation_config(self) -> RunConfig:
        """Return the settings to evaluate with: the current model's own split.

        The data folder comes from the form when its dataset is the model's, so
        a folder chosen after a failed evaluation is used.
        """
        form = self.form.config()
        run = self._run_config
        if run is None:
            return form
        if form.data.dataset == run.data.dataset:
            return run.replace(data_dir=form.data.data_dir)
        return run

    def save_model(self, path: str | Path) -> None:
        """Save the current model to ``path`` (.keras or .h5) on a worker thread."""
        if not self._can_start():
            return
        session = self.session
        self.runner.submit("save_model", lambda worker: session.save_model(path))

    def save_weights(self, path: str | Path) -> None:
        """Save the current model's weights to ``path`` (.weights.h5)."""
        if not self._can_start():
            return
        session = self.session
        self.runner.submit("save_weights", lambda worker: session.save_weights(path))

    def load_model(self, path: str | Path) -> None:
        """Load a model file that fits the chosen dataset."""
        if not self._can_start():
            return
        config = self._checked_config(self.form.config)
        if config is None:
            return
        self.start_background_import()
        session = self.session
        self.statusBar().showMessage(
            self.tr("Loading {name}…").format(name=Path(path).name)
        )
        self.runner.submit(
            "load_model",
            lambda worker: session.load_model(
                path, config.data, config.seed, config.fit
            ),
        )

    def load_weights(self, path: str | Path) -> None:
        """Load weights into the current model (or one built from the settings)."""
        if not self._can_start():
            return
        config = self._checked_config(self.form.config)
        if config is None:
            return
        self.start_background_import()
        session = self.session
        self.statusBar().showMessage(
            self.tr("Loading {name}…").format(name=Path(path).name)
        )
        into_current = not self._form_differs_from_model(config)
        self._weights_into_current = into_current
        self.runner.submit(
            "load_weights",
            lambda worker: session.load_weights(path, config, into_current),
        )

    def _checked_config(self, make_config) -> RunConfig | None:
        """Return ``make_config()``, or None after showing why the form is invalid."""
        try:
            return make_config()
        except ConfigError as error:
            self._show_error(
                self.tr("Invalid settings"), self.form.describe_error(error)
            )
            return None

    def _can_start(self) -> bool:
        if self._training:
            self.statusBar().showMessage(
                self.tr("Wait for training to finish, or press Stop.")
            )
            return False
        return True

    # Form and summary ---------------------------------------------------

    @Slot(object)
    def _on_form_params_changed(self, config: RunConfig) -> None:
        self._update_model_hint()
        self.tensorboard_command.set_folder(config.fit.tensorboard_dir)
        shape = KNOWN_SHAPES.get(config.data.dataset)
        if shape is None:
            self.summary_view.setPlainText(
                self.tr(
                    "The input shape and the number of classes are read from the IDX "
                    "files when training starts."
                )
            )
            return
        classes = 10
        rows = describe_architecture(config.model, shape, classes)
        title = self.tr(
            "Model from the form's settings, for {dataset} ({size} images, "
            "{classes} classes)"
        ).format(
            dataset=dataset_title(config.data.dataset),
            size=size_text(shape),
            classes=classes,
        )
        self.summary_view.setPlainText(format_summary(rows, title))

    def _form_differs_from_model(self, config: RunConfig) -> bool:
        """Return True when the form's dataset or layers differ from the model's."""
        if not self._has_model:
            return False
        differs = False
        if self._model_settings is not None:
            differs = config.model != self._model_settings
        if self._model_dataset is not None:
            differs = differs or config.data.dataset != self._model_dataset
        return differs

    def _update_model_hint(self) -> None:
        """Say when the form's dataset or layers differ from the current model's."""
        try:
            config = self.form.config()
        except ConfigError:
            config = None
        hint = ""
        if config is not None and self._form_differs_from_model(config):
            parts = []
            if self._model_dataset is not None:
                parts.append(
                    self.tr("The current model was trained on {dataset}.").format(
                        dataset=dataset_title(self._model_dataset)
                    )
                )
            if self._model_settings is not None:
                current = self._model_settings
                parts.append(
                    self.tr(
                        "The current model has {units} {activation} units and "
                        "dropout {dropout}."
                    ).format(
                        units=current.hidden_units,
                        activation=ACTIVATION_CHOICES[current.activation],
                        dropout=f"{current.dropout:g}",
                    )
                )
            parts.append(
                self.tr(
                    "Evaluate and Save use it; Train and Load weights build a new "
                    "model from the form."
                )
            )
            hint = " ".join(parts)
        self.model_hint_label.setText(hint)
        self.model_hint_label.setVisible(bool(hint))

    # File dialogs -------------------------------------------------------

    def _choose_file(self, action: str) -> str | None:
        """Ask for a file to save or load; return its path, or None if cancelled."""
        title, default_name, filters = _FILE_DIALOGS[action]
        title, filters = self.tr(title), self.tr(filters)
        kind = _DIALOG_FOLDERS.get(action, "models")
        folder = self._folder
        if kind != "models":
            folder = self.window_settings.folder(kind) or self._folder
        if default_name is None:
            path, _ = QFileDialog.getOpenFileName(self, title, str(folder), filters)
        else:
            suggestion = str(folder / default_name)
            path, _ = QFileDialog.getSaveFileName(self, title, suggestion, filters)
        if not path:
            return None
        if kind == "models":
            self._folder = Path(path).parent
        self.window_settings.set_folder(kind, Path(path).parent)
        return path

    def _choose_save_path(self, action: str, normalize) -> str | None:
        """Ask for a file to save, with the suffix Keras needs added or checked.

        The file dialog confirms replacing the name the user chose. This method
        confirms again when the added suffix names an existing file.
        """
        chosen = self._choose_file(action)
        if chosen is None:
            return None
        try:
            path = normalize(chosen)
        except ModelFileError as error:
            self._show_error(self.tr("Invalid file name"), str(error))
            return None
        if str(path) != chosen and path.exists():
            answer = QMessageBox.question(
                self,
                self.tr("Replace file?"),
                self.tr("{name} already exists in {folder}. Replace it?").format(
                    name=path.name, folder=display_path(path.parent)
                ),
            )
            if answer != QMessageBox.StandardButton.Yes:
                return None
        return str(path)

    @Slot()
    def _on_save_model_button_clicked(self) -> None:
        if path := self._choose_save_path("save_model", normalize_model_path):
            self.save_model(path)

    @Slot()
    def _on_load_model_button_clicked(self) -> None:
        if path := self._choose_file("load_model"):
            self.load_model(path)

    @Slot()
    def _on_save_weights_button_clicked(self) -> None:
        if path := self._choose_save_path("save_weights", normalize_weights_path):
            self.save_weights(path)

    @Slot()
    def _on_load_weights_button_clicked(self) -> None:
        if path := self._choose_file("load_weights"):
            self.load_weights(path)

    @Slot()
    def _on_export_figure_action_triggered(self) -> None:
        if path := self._choose_file("export_figure"):
            self.export_figure(path)

    @Slot(object)
    def _on_runs_panel_rerun_requested(self, config: RunConfig) -> None:
        self.rerun(config)

    # Runner slots -------------------------------------------------------

    @Slot(str)
    def _on_runner_task_started(self, name: str) -> None:
        if name == "train":
            self.progress_bar.setFormat(self.tr("Loading data…"))

    @Slot(object)
    def _on_runner_progress(self, progress: BatchProgress) -> None:
        if not self._training:
            return
        done = (progress.epoch - 1) + progress.batch / max(progress.batches, 1)
        self.progress_bar.setValue(round(1000 * done / max(progress.epochs, 1)))
        position = self.tr("Epoch {epoch}/{epochs}, batch {batch}/{batches}").format(
            epoch=progress.epoch,
            epochs=progress.epochs,
            batch=progress.batch,
            batches=progress.batches,
        )
        self.progress_bar.setFormat(position)
        left = _time_left(progress.elapsed, done, progress.epochs)
        metrics = ""
        if self._last_epoch is not None:
            metrics = " | " + self.tr("last epoch: {metrics}").format(
                metrics=_metrics_text(self._last_epoch.metrics)
            )
        self.statusBar().showMessage(f"{position} | {left}{metrics}")

    @Slot(object)
    def _on_runner_epoch_ended(self, result: EpochResult) -> None:
        if not result.complete:
            return
        self._last_epoch = result
        self.plot.add_epoch(result.epoch, result.metrics, result.status)
        self.progress_bar.setValue(round(1000 * result.epoch / max(result.epochs, 1)))
        patience = patience_text(result.status) if result.status else ""
        self.statusBar().showMessage(
            self.tr("Epoch {epoch}/{epochs}: {metrics}").format(
                epoch=result.epoch,
                epochs=result.epochs,
                metrics=_metrics_text(result.metrics),
            )
            + " | "
            + _time_left(result.elapsed, result.epoch, result.epochs)
            + (f" | {patience}" if patience else "")
        )

    @Slot(object)
    def _on_runner_task_finished(self, outcome: TaskOutcome) -> None:
        if self._close_requested:
            if outcome.error is not None:
                logger.warning(
                    "Task %r failed while closing: %s", outcome.name, outcome.error
                )
            return
        # Tasks without a _finish_ method here (such as the save step of a
        # preset) are handled by the widget that submitted them.
        handler = getattr(self, f"_finish_{outcome.name}", None)
        if outcome.name == "train":
            self._training = False
            self._control = None
            if self.stop_dialog is not None:
                self.stop_dialog.close()
                self.stop_dialog = None
        if outcome.name != "import":
            # Runs, saves and evaluations add to the run history.
            self._show_run_history_result()
        if outcome.error is not None:
            self._report_failure(outcome)
        elif handler is not None:
            handler(outcome.result)
        if outcome.name == "train":
            self._show_incomplete_record()
        self._update_controls()

    @Slot(bool)
    def _on_runner_busy_changed(self, busy: bool) -> None:
        self._update_controls()
        if not busy and self._close_requested:
            self.close()

    # Task results -------------------------------------------------------

    def _finish_import(self, version: str) -> None:
        self._keras_ready = True
        self.tensorflow_label.setText(
            self.tr("TensorFlow ready (Keras {version})").format(version=version)
        )

    def _finish_train(self, outcome: tuple[Any, str]) -> None:
        result, summary = outcome
        epochs = result.epochs_completed
        planned = result.config.fit.epochs
        run = result.outcome
        if run.reason == "diverged":
            self._show_error(self.tr("Training stopped"), summary_text(run))
        if epochs == 0:
            self.progress_bar.setFormat(self.tr("Stopped before the first epoch ended"))
            self.statusBar().showMessage(
                self.tr(
                    "Stopped before the first epoch ended; the previous model is "
                    "unchanged."
                )
            )
            self._show_current_history()
            return
        if run.kept_weights == "discarded":
            self.progress_bar.setFormat(self.tr("Run discarded"))
            self.statusBar().showMessage(summary_text(run))
            self._show_current_history()
            return

        self._set_current_model(result.config.model, result.config.data.dataset)
        self._run_config = result.config
        self.summary_view.setPlainText(summary)
        last = {
            name: values[-1]
            for name, values in result.history.metrics.items()
            if values
        }
        self._held_epoch = run.held_epoch
        self.held_label.setText(held_text(run))
        self.held_label.show()
        if epochs < planned:
            self.plot.end_run(epochs)
        if result.stopped:
            self.progress_bar.setFormat(
                self.tr("Stopped after {epochs} of {planned} epochs").format(
                    epochs=epochs, planned=planned
                )
            )
            message = self.tr("Stopped after {epochs} of {planned} epochs.").format(
                epochs=epochs, planned=planned
            )
            message += " " + held_text(run)
        elif run.reason in ("early_stopping", "diverged"):
            self.progress_bar.setValue(1000)
            if run.stopped_epoch:
                text = self.tr("Early stopped after {epochs} of {planned} epochs")
            else:
                text = self.tr("Stopped after {epochs} of {planned} epochs")
            self.progress_bar.setFormat(text.format(epochs=epochs, planned=planned))
            message = summary_text(run)
        else:
            self.progress_bar.setValue(1000)
            self.progress_bar.setFormat(
                self.tr("Done: {epochs}").format(epochs=_epochs_text(epochs))
            )
            message = self.tr("Trained {epochs} in {seconds} s.").format(
                epochs=_epochs_text(epochs), seconds=f"{result.seconds:.1f}"
            )
            message += " " + held_text(run)
        if run.checkpoint_error:
            failure = self.tr("Checkpoint not written: {cause}").format(
                cause=run.checkpoint_error
            )
            message += " " + failure
            self._show_error(self.tr("Checkpoint not written"), failure)
        if last:
            message += f" | {_metrics_text(last)}"
        self.statusBar().showMessage(message)

    def _finish_compare(self, result: Any) -> None:
        # The session keeps the model of the last run that completed an epoch.
        trained = [o for o in result.outcomes if o.epochs_completed]
        if result.stopped:
            message = self.tr("Comparison stopped")
        else:
            message = self.tr("Comparison done")
        self.progress_bar.setFormat(message)
        if trained:
            last = trained[-1]
            config = last.run.config
            self._set_current_model(config.model, config.data.dataset)
            self._run_config = config
            self._figure_config = config
            self.plot.show_history(
                last.history.to_dict(),
                self.tr("Last compared run: {label}").format(label=last.run.label),
            )
            message += self.tr(
                "; the current model is the last run, {label}, so Evaluate and "
                "Save use it"
            ).format(label=last.run.label)
        self.statusBar().showMessage(message)

    @Slot()
    def _on_compare_panel_comparison_requested(self) -> None:
        self.start_background_import()
        self.progress_bar.setValue(0)
        self.progress_bar.setFormat(self.tr("Comparing (see the Compare tab)"))
        self.statusBar().showMessage(
            self.tr(
                "Comparing: the runs train one after another; Stop ends the comparison."
            )
        )

    @Slot()
    def _on_compare_action_triggered(self) -> None:
        self.plot_tabs.setCurrentWidget(self.compare_panel)
        self.compare_panel.values_edit.setFocus()

    def _show_run_history_result(self) -> None:
        """List the run that just ended, with a message when it was not recorded."""
        self.runs_panel.refresh()
        error = getattr(self.session, "run_store_error", None)
        recording = getattr(self.session, "unfinished_recording", None)
        if recording is not None:
            self.runs_panel.show_problem(
                self.tr(
                    "Run {run_id} is not recorded completely: {error} Its row shows "
                    "'running' until the app can write the run history again. The "
                    "app tries again when the next run starts and when the window "
                    "closes."
                ).format(run_id=recording.run_id, error=recording.error)
            )
        elif error is not None:
            self.runs_panel.show_problem(
                self.tr("The run history was not updated: {error}").format(error=error)
            )
        elif self.run_store is not None:
            self.runs_panel.show_problem("")

    def _show_incomplete_record(self) -> None:
        """Add to the status bar that the run's history row misses writes."""
        recording = getattr(self.session, "unfinished_recording", None)
        if recording is None:
            return
        note = self.tr(
            "Run {run_id} is not recorded completely in the run history; the Runs "
            "panel shows why."
        ).format(run_id=recording.run_id)
        message = self.statusBar().currentMessage()
        self.statusBar().showMessage(f"{message} {note}" if message else note)

    def _show_current_history(self) -> None:
        """Show the current model's curves again after a run that kept it."""
        self._figure_config = self._run_config
        history = self.session.history
        title = self.tr("Current model") if self._has_model else ""
        self.plot.show_history(history.to_dict(), title if history.epochs else "")

    def _set_current_model(self, settings: ModelConfig | None, dataset: str) -> None:
        """Record a new current model; the old evaluation no longer applies."""
        self._has_model = True
        self._model_settings = settings
        self._model_dataset = dataset
        self._held_epoch = None
        self.held_label.hide()
        self.evaluation_table.setRowCount(0)
        self.evaluation_view.clear()
        self._update_model_hint()

    def _finish_evaluate(self, evaluation: Evaluation) -> None:
        rows = [
            (self.tr("Validation"), evaluation.validation_count, evaluation.validation),
            (self.tr("Test"), evaluation.test_count, evaluation.test),
        ]
        # A run without validation data has no validation row.
        rows = [row for row in rows if row[1]]
        self.evaluation_table.setRowCount(len(rows))
        for row, (name, count, metrics) in enumerate(rows):
            cells = [
                name,
                f"{count:,}",
                f"{metrics.get('loss', math.nan):.4f}",
                f"{metrics.get('accuracy', math.nan):.4f}",
            ]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.evaluation_table.setItem(row, column, item)
        self.details_tabs.setCurrentWidget(self.evaluation_table)
        if evaluation.report is not None:
            self.evaluation_view.show_report(evaluation.report)
            self.plot_tabs.setCurrentWidget(self.evaluation_view)
        weights = ""
        if self._held_epoch is not None:
            weights = self.tr(" (weights of epoch {epoch})").format(
                epoch=self._held_epoch
            )
        accuracies = ", ".join(
            self.tr("{set} accuracy {value}").format(
                set=name, value=f"{metrics.get('accuracy', math.nan):.4f}"
            )
            for name, _, metrics in rows
        )
        self.statusBar().showMessage(f"{evaluation.dataset}{weights}: {accuracies}")

    def _finish_save_model(self, path: Path) -> None:
        self.statusBar().showMessage(
            self.tr("Saved model to {path}").format(path=display_path(path))
        )

    def _finish_save_weights(self, path: Path) -> None:
        self.statusBar().showMessage(
            self.tr("Saved weights to {path}").format(path=display_path(path))
        )

    def _finish_load_model(self, info: ModelInfo) -> None:
        self._run_config = None
        self._figure_config = info.config
        changed = self._show_model_settings(info)
        dataset = info.data.dataset if info.data else self.form.value("dataset")
        self._set_current_model(info.architecture, dataset)
        self.summary_view.setPlainText(info.summary)
        self.plot.show_history(
            info.history.to_dict(),
            self.tr("Loaded: {name}").format(name=info.path.name),
        )

        epochs = info.history.epochs
        if epochs:
            history_note = self.tr("trained {epochs}").format(
                epochs=_epochs_text(epochs)
            )
        else:
            history_note = self.tr("the file contains no training history")
        if info.architecture is None:
            history_note += self.tr("; its layers differ from the form's model")
        self.progress_bar.setFormat(
            self.tr("Loaded {name}").format(name=info.path.name)
        )
        self.statusBar().showMessage(
            self.tr("Loaded {name} ({note})").format(
                name=info.path.name, note=history_note
            )
        )
        notes = list(info.notes)
        if changed:
            notes.append(
                self.tr(
                    "The form cannot show these stored settings exactly, so it shows "
                    "the nearest values it allows: {settings}. The next Train uses "
                    "the form's values."
                ).format(settings=", ".join(changed))
            )
        if notes:
            self._show_message(
                self.tr("Model loaded"), "\n\n".join(notes), warning=False
            )

    def _show_model_settings(self, info: ModelInfo) -> list[str]:
        """Show the stored settings, architecture and optimizer of a loaded model.

        Returns "name: stored value" for each setting the form had to change.
        """
        values: dict[str, Any] = {}
        if info.config is not None:
            stored = info.config.flat()
            values.update(
                {k: v for k, v in stored.items() if k not in ("dataset", "data_dir")}
            )
        if info.data is not None:
            # The dataset the model was checked against; its folder is shown when
            # it still exists, so Evaluate can find the images.
            values["dataset"] = info.data.dataset
            folder = info.data.data_dir
            if folder and Path(folder).is_dir():
                values["data_dir"] = folder
            elif info.data.dataset != self.form.value("dataset"):
                values["data_dir"] = None
        if info.architecture is not None:
            values.update(
                hidden_units=info.architecture.hidden_units,
                activation=info.architecture.activation,
                dropout=info.architecture.dropout,
            )
        if info.optimizer is not None:
            values.update(optimizer=info.optimizer[0], learning_rate=info.optimizer[1])

        changed = []
        for name, value in values.items():
            try:
                self.form.set_value(name, value)
            except (ConfigError, TypeError, OverflowError) as error:
                logger.warning(
                    "The form cannot show %s of %s: %s", name, info.path, error
                )
                changed.append(f"{name}: {value}")
                continue
            form_value = self.form.value(name)
            # The optimizer stores its learning rate as float32, hence the tolerance.
            if isinstance(value, float) and not math.isclose(
                form_value, value, rel_tol=1e-6
            ):
                changed.append(f"{name}: {value:g}")
        self.form.refresh()
        return changed

    def _finish_load_weights(self, message: str) -> None:
        if self._weights_into_current and self._has_model:
            self._set_current_model(self._model_settings, self._model_dataset or "")
        else:
            config = self.form.config()
            self._set_current_model(config.model, config.data.dataset)
        self._run_config = None
        self._figure_config = None
        self.plot.clear(0, self.tr("Weights loaded (no training history)"))
        self.statusBar().showMessage(message)

    def _report_failure(self, outcome: TaskOutcome) -> None:
        error = outcome.error
        titles = {
            "import": self.tr("TensorFlow could not be loaded"),
            "train": self.tr("Training failed"),
            "evaluate": self.tr("Evaluation failed"),
            "save_model": self.tr("Saving the model failed"),
            "save_weights": self.tr("Saving the weights failed"),
            "load_model": self.tr("Loading the model failed"),
            "load_weights": self.tr("Loading the weights failed"),
            "compare": self.tr("Comparison failed"),
            "save_restore": self.tr("Save and restore failed"),
        }
        title = titles.get(outcome.name, self.tr("Task failed"))
        if outcome.name == "train":
            self.progress_bar.setFormat(self.tr("Failed"))
            self._show_current_history()
        if outcome.name == "import":
            self.tensorflow_label.setText(self.tr("TensorFlow failed to load"))
        # NOTE: messages raised by the engine stay English, because the engine
        # never imports Qt. Only the titles and the app's own sentences around
        # them are translated.
        if isinstance(error, EXPECTED_ERRORS):
            text = str(error)
        else:
            text = f"{type(error).__name__}: {error}\n\n" + self.tr(
                "The details are in the log. The current model is unchanged; check "
                "the settings and try again."
            )
        self.statusBar().showMessage(f"{title}: {text.splitlines()[0]}")
        if isinstance(error, DatasetError) and outcome.name in ("train", "evaluate"):
            self._show_dataset_error(title, text, outcome.name)
        else:
            self._show_error(title, text)

    # Messages -----------------------------------------------------------

    def _show_error(self, title: str, text: str) -> QMessageBox:
        """Show a window-modal error box without blocking the event loop."""
        return self._show_message(title, text, warning=True)

    def _show_export_error(self, title: str, text: str) -> None:
        """Show why an export failed, in place of any earlier export's success."""
        self.statusBar().showMessage(title)
        self._show_error(title, text)

    def _show_message(self, title: str, text: str, warning: bool) -> QMessageBox:
        box = QMessageBox(
            QMessageBox.Icon.Warning if warning else QMessageBox.Icon.Information,
            title,
            text,
            QMessageBox.StandardButton.Ok,
            self,
        )
        box.setObjectName("warning_message" if warning else "information_message")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        self.last_message = box
        return box

    def _show_dataset_error(self, title: str, text: str, action: str) -> None:
        """Show a data error with buttons that fix it and retry ``action``."""
        box = self._show_error(title, text)
        folder = box.addButton(
            self.tr("Choose data folder…"), QMessageBox.ButtonRole.ActionRole
        )
        retry = self.train if action == "train" else self.evaluate
        folder.clicked.connect(lambda: self._choose_folder_and_retry(retry))
        if action == "train":
            digits = box.addButton(
                self.tr("Train on Digits"), QMessageBox.ButtonRole.ActionRole
            )
            digits.clicked.connect(self._on_use_digits_and_retry)

    def _choose_folder_and_retry(self, retry) -> None:
        if self.form.browse_data_folder():
            retry()

    @Slot()
    def _on_use_digits_and_retry(self) -> None:
        self.form.set_values(dataset="digits")
        self.train()

    # Controls and shutdown ----------------------------------------------

    def _working(self) -> bool:
        """Return True while a task other than the TensorFlow import runs or waits."""
        tasks = [self.runner.current_task(), *self.runner.pending_tasks()]
        return any(task not in (None, "import") for task in tasks)

    def _update_controls(self) -> None:
        idle = not (self._training or self._working())
        self.train_button.setEnabled(idle)
        self.train_action.setEnabled(idle)
        stoppable = self._training or self.compare_panel.is_running()
        self.stop_button.setEnabled(stoppable)
        self.stop_action.setEnabled(stoppable)
        stopping = self._control is not None and self._control.stop_event.is_set()
        self.pause_button.setEnabled(self._training and not stopping)
        self.presets.set_enabled(idle)
        self.form.setEnabled(idle)
        self.load_model_button.setEnabled(idle)
        self.load_model_action.setEnabled(idle)
        self.load_weights_button.setEnabled(idle)
        self.load_weights_action.setEnabled(idle)
        for widget in (
            self.save_model_button,
            self.save_weights_button,
            self.evaluate_button,
        ):
            widget.setEnabled(idle and self._has_model)
        for item in (
            self.save_model_action,
            self.save_weights_action,
            self.evaluate_action,
        ):
            item.setEnabled(idle and self._has_model)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        # Close only once no task runs, so the window keeps painting meanwhile;
        # the runner's busy_changed(False) calls close() again.
        if self.stop_dialog is not None:
            # The run stops as on any close, so the dialog's question is moot.
            dialog, self.stop_dialog = self.stop_dialog, None
            dialog.buttonClicked.disconnect()
            dialog.close()
        if self.runner.is_busy():
            logger.info(
                "Window closing while %r runs; stopping it", self.runner.current_task()
            )
            self._close_requested = True
            self.runner.cancel_all()
            self.setEnabled(False)
            self.statusBar().showMessage(
                self.tr("Stopping the current task before closing…")
            )
            event.ignore()
            return
        self.runner.shutdown()
        retry_recording = getattr(self.session, "retry_recording", None)
        if retry_recording is not None:
            retry_recording()
        if self.run_store is not None:
            self.run_store.close()
        self.window_settings.save_layout(self, self._splitters())
        super().closeEvent(event)


def _run_title(config: RunConfig) -> str:
    fit, model = config.fit, config.model
    dropout = ""
    if model.dropout > 0:
        dropout = QCoreApplication.translate("MainWindow", ", dropout {dropout}")
        dropout = dropout.format(dropout=f"{model.dropout:g}")
    return QCoreApplication.translate(
        "MainWindow",
        "{dataset}: {optimizer} lr={rate}, {units} {activation} units{dropout}, "
        "batch {batch}, seed {seed}",
    ).format(
        dataset=dataset_title(config.data.dataset),
        optimizer=OPTIMIZER_CHOICES[fit.optimizer],
        rate=f"{fit.learning_rate:g}",
        units=model.hidden_units,
        activation=ACTIVATION_CHOICES[model.activation],
        dropout=dropout,
        batch=fit.batch_size,
        seed=config.seed,
    )


def _metrics_text(metrics: Any) -> str:
    order = ("loss", "accuracy", "val_loss", "val_accuracy")
    names = [name for name in order if name in metrics] + [
        name for name in metrics if name not in order
    ]
    return ", ".join(f"{name} {metrics[name]:.4f}" for name in names)


def _time_left(elapsed: float, epochs_done: float, epochs: int) -> str:
    if epochs_done <= 0:
        return QCoreApplication.translate("MainWindow", "estimating time left…")
    seconds = elapsed / epochs_done * (epochs - epochs_done)
    if seconds < 1:
        return QCoreApplication.translate("MainWindow", "almost done")
    minutes, rest = divmod(round(seconds), 60)
    if minutes:
        text = QCoreApplication.translate(
            "MainWindow", "about {minutes} min {seconds} s left"
        )
    else:
        text = QCoreApplication.translate("MainWindow", "about {seconds} s left")
    return text.format(minutes=minutes, seconds=rest)


def _epochs_text(count: int) -> str:
    if count == 1:
        return QCoreApplication.translate("MainWindow", "{count} epoch").format(
            count=count
        )
    return QCoreApplication.translate("MainWindow", "{count} epochs").format(
        count=count
    )
