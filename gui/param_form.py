"""The settings form, generated from the fields of the engine's config dataclasses."""

from __future__ import annotations

import dataclasses
import logging
import re
from pathlib import Path
from typing import Any

import numpy as np
from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from engine.config import (
    MONITOR_CHOICES,
    ConfigError,
    DataConfig,
    FitConfig,
    ModelConfig,
    RunConfig,
    monitor_choices,
    setting_metadata,
)
from gui.i18n import translate_config

logger = logging.getLogger(__name__)

# Group title and the settings it shows, in form order.
FORM_GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Data", ("dataset", "data_dir", "validation_split")),
    ("Model", ("hidden_units", "activation", "dropout")),
    ("Training", ("optimizer", "learning_rate", "epochs", "batch_size", "seed")),
    ("Performance", ("fast", "strategy")),
    (
        "Callbacks",
        (
            "early_stopping",
            "early_stopping_monitor",
            "patience",
            "min_delta",
            "restore_best_weights",
            "checkpoint",
            "checkpoint_monitor",
            "checkpoint_path",
        ),
    ),
    ("Logs", ("tensorboard_dir",)),
)
# Inputs that only matter while the check box named by the key is on.
_DEPENDENT_INPUTS: dict[str, tuple[str, ...]] = {
    "early_stopping": (
        "early_stopping_monitor",
        "patience",
        "min_delta",
        "restore_best_weights",
    ),
    "checkpoint": ("checkpoint_monitor", "checkpoint_path"),
}
_MONITOR_INPUTS = ("early_stopping_monitor", "checkpoint_monitor")
# Decimals shown, which also set the smallest step: 1e-8 admits learning rates
# far below any used in practice, and 0.001 small validation fractions.
_DECIMALS = {
    "learning_rate": 8,
    "dropout": 3,
    "validation_split": 3,
    "min_delta": 4,
}


class CompactDoubleSpinBox(QDoubleSpinBox):
    """A double spin box that shows 0.001, not 0.001000, and steps by magnitude."""

    def textFromValue(self, value: float) -> str:  # noqa: N802 - Qt override
        # Adding 0.0 turns -0.0 into 0.0, which would otherwise show as "-0".
        return np.format_float_positional(
            value + 0.0, precision=self.decimals(), trim="-"
        )


class ParamForm(QWidget):
    """Inputs for every setting of a :class:`RunConfig`, grouped by concern.

    Each input's ``objectName`` is its setting name, its tooltip the setting's
    description, and its accessible name the setting's title.

    Attributes
    ----------
    inputs : dict[str, QWidget]
        The input widget of each setting, by setting name.
    browse_button : QPushButton
        Opens a folder dialog for ``data_dir``.
    message_label : QLabel
        Shows why the current values are invalid, or nothing.
    """

    params_changed = Signal(object)
    """RunConfig, emitted when an edit leaves the form valid."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.inputs: dict[str, QWidget] = {}
        self._rows: dict[str, QFormLayout] = {}
        self._row_widgets: dict[str, QWidget] = {}
        self._updating = False
        self._replaced_monitors: dict[str, str] = {}
        """The val_* monitor of each monitor input that validation_split 0 replaced."""
        self._monitor_notes: dict[str, str] = {}
        """The note on each monitor input that the last change switched."""
        self.last_folder: Path | None = None
        """Start folder of the data folder dialog while the field is empty."""

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for title, names in FORM_GROUPS:
            group = QGroupBox(translate_config(title), self)
            form = QFormLayout(group)
            for name in names:
                meta = setting_metadata(name)
                widget = self._create_input(name, meta)
                label = QLabel(translate_config(meta["title"]), group)
                label.setToolTip(translate_config(meta["description"]))
                label.setBuddy(widget)
                row = self._wrap(name, widget)
                form.addRow(label, row)
                self._rows[name] = form
                self._row_widgets[name] = row
            if title == "Callbacks":
                self.monitor_note = QLabel(group)
                self.monitor_note.setObjectName("monitor_note")
                self.monitor_note.setWordWrap(True)
                self.monitor_note.setStyleSheet("color: #8a5a00;")
                self.monitor_note.hide()
                form.addRow(self.monitor_note)
            layout.addWidget(group)

        self.message_label = QLabel(self)
        self.message_label.setObjectName("form_message")
        self.message_label.setWordWrap(True)
        self.message_label.setStyleSheet("color: #b00020;")
        self.message_label.hide()
        layout.addWidget(self.message_label)
        layout.addStretch(1)

        self.set_config(RunConfig())
        self._connect_inputs()

    # Building -----------------------------------------------------------

    def _create_input(self, name: str, meta: dict[str, Any]) -> QWidget:
        field_type = self._field_type(name)
        if "choices" in meta:
            widget: QWidget = QComboBox(self)
            for key, label in meta["choices"].items():
                widget.addItem(translate_config(label), key)
        elif field_type == "bool":
            widget = QCheckBox(self)
        elif field_type == "int":
            widget = QSpinBox(self)
            widget.setRange(
                int(meta.get("minimum", 0)), int(meta.get("maximum", 2**31 - 1))
            )
            widget.setSingleStep(int(meta.get("step", 1)))
            widget.setGroupSeparatorShown(False)
        elif field_type == "float":
            widget = CompactDoubleSpinBox(self)
            decimals = _DECIMALS.get(name, 4)
            smallest = 10.0**-decimals
            low = float(meta.get("minimum", 0.0))
            high = float(meta.get("maximum", 1e9))
            widget.setDecimals(decimals)
            widget.setRange(
                low + smallest if meta.get("exclusive_minimum") else low,
                high - smallest if meta.get("exclusive_maximum") else high,
            )
            widget.setSingleStep(float(meta.get("step", 0.1)))
            if name == "learning_rate":
                widget.setStepType(QAbstractSpinBox.StepType.AdaptiveDecimalStepType)
        else:
            widget = QLineEdit(self)
            placeholders = {
                "data_dir": self.tr("Keras cache"),
                "checkpoint_path": "best.keras",
            }
            widget.setPlaceholderText(placeholders.get(name, self.tr("Off")))
            widget.setClearButtonEnabled(True)
        widget.setObjectName(name)
        widget.setToolTip(translate_config(meta["description"]))
        widget.setAccessibleName(translate_config(meta["title"]))
        widget.setAccessibleDescription(translate_config(meta["description"]))
        self.inputs[name] = widget
        return widget

    @staticmethod
    def _field_type(name: str) -> str:
        for cls in (DataConfig, ModelConfig, FitConfig, RunConfig):
            for field in dataclasses.fields(cls):
                if field.name == name:
                    text = str(field.type)
                    if text == "int":
                        return "int"
                    if text == "float":
                        return "float"
                    if text == "bool":
                        return "bool"
                    return "str"
        raise KeyError(name)

    def _wrap(self, name: str, widget: QWidget) -> QWidget:
        if name == "data_dir":
            self.browse_button = self._browse_button(
                "browse_data_dir_button",
                self.tr("Choose data folder"),
                self.tr("Choose a folder holding the four IDX files."),
            )
            self.browse_button.clicked.connect(self.browse_data_folder)
            return self._folder_row(widget, self.browse_button)
        if name == "tensorboard_dir":
            self.tensorboard_browse_button = self._browse_button(
                "browse_tensorboard_dir_button",
                self.tr("Choose TensorBoard folder"),
                self.tr("Choose a folder for TensorBoard event files."),
            )
            self.tensorboard_browse_button.clicked.connect(
                self.browse_tensorboard_folder
            )
            return self._folder_row(widget, self.tensorboard_browse_button)
        if name == "checkpoint_path":
            self.checkpoint_browse_button = self._browse_button(
                "browse_checkpoint_button",
                self.tr("Choose checkpoint file"),
                self.tr("Choose the .keras file that receives the best model."),
            )
            self.checkpoint_browse_button.clicked.connect(self.browse_checkpoint_file)
            return self._folder_row(widget, self.checkpoint_browse_button)
        return widget

    def _browse_button(self, name: str, accessible_name: str, tip: str) -> QPushButton:
        button = QPushButton(self.tr("Browse…"), self)
        button.setObjectName(name)
        button.setAccessibleName(accessible_name)
        button.setToolTip(tip)
        return button

    def _folder_row(self, widget: QWidget, button: QPushButton) -> QWidget:
        """Return a row with a path field and its Browse button."""
        row = QWidget(self)
        row_layout = QHBoxLayout(row)
        row_layout.setContentsMargins(0, 0, 0, 0)
        row_layout.addWidget(widget, 1)
        row_layout.addWidget(button)
        return row

    def _connect_inputs(self) -> None:
        for widget in self.inputs.values():
            if isinstance(widget, QComboBox):
                widget.currentIndexChanged.connect(self._on_input_changed)
            elif isinstance(widget, QCheckBox):
                widget.toggled.connect(self._on_input_changed)
            elif isinstance(widget, QLineEdit):
                widget.editingFinished.connect(self._on_input_changed)
            else:
                widget.valueChanged.connect(self._on_input_changed)

    # Values -------------------------------------------------------------

    def value(self, name: str) -> Any:
        """Return the current value of one setting, as the config expects it."""
        widget = self.inputs[name]
        if isinstance(widget, QComboBox):
            return widget.currentData()
        if isinstance(widget, QCheckBox):
            return widget.isChecked()
        if isinstance(widget, QLineEdit):
            if name == "data_dir" and self.value("dataset") == "digits":
                return None
            return widget.text().strip() or None
        if isinstance(widget, QCheckBox):
            return widget.isChecked()
        return widget.value()

    def set_value(self, name: str, value: Any) -> None:
        """Show ``value`` in the input of setting ``name`` without emitting a change."""
        widget = self.inputs[name]
        blocked = widget.blockSignals(True)
        try:
            if name == "validation_split":
                self._offer_monitors(value)
            if isinstance(widget, QComboBox):
                index = widget.findData(value)
                if name in _MONITOR_INPUTS:
                    self._replaced_monitors.pop(name, None)
                    self._monitor_notes.pop(name, None)
                if index < 0 and name in _MONITOR_INPUTS and value.startswith("val_"):
                    # Without validation data the form offers only the training
                    # metrics. Settings whose callback is off may still name the
                    # validation metric, because RunConfig's defaults do.
                    index = widget.findData(value.removeprefix("val_"))
                    self._replaced_monitors[name] = value
                if index < 0:
                    raise ConfigError(f"{name}={value!r} is not offered by the form.")
                widget.setCurrentIndex(index)
            elif isinstance(widget, QCheckBox):
                widget.setChecked(bool(value))
            elif isinstance(widget, QLineEdit):
                widget.setText(value or "")
            elif isinstance(widget, QCheckBox):
                widget.setChecked(bool(value))
            else:
                widget.setValue(value)
        finally:
            widget.blockSignals(blocked)

    def config(self) -> RunConfig:
        """Return the form's settings. Raises ConfigError when they are invalid."""
        values = {name: self.value(name) for name in self.inputs}
        return RunConfig().replace(**values)

    def set_config(self, config: RunConfig) -> None:
        """Show every setting of ``config``, then emit one ``params_changed``."""
        for name, value in config.flat().items():
            self.set_value(name, value)
        self._on_input_changed()

    def set_values(self, **values: Any) -> None:
        """Show some settings, then emit one ``params_changed`` if the form is valid."""
        for name, value in values.items():
            self.set_value(name, value)
        self._on_input_changed()

    # Slots --------------------------------------------------------------

    def describe_error(self, error: ConfigError) -> str:
        """Return ``error``'s message with setting names replaced by form titles."""
        text = str(error)
        for name in self.inputs:
            title = translate_config(setting_metadata(name)["title"])
            # A bare name is replaced only when it contains "_", because names
            # such as "checkpoint" are also ordinary words in the message prose.
            text = re.sub(rf"\b{name}=", lambda _m, t=title: f"{t} ", text)
            if "_" in name:
                text = re.sub(rf"\b{name}\b", lambda _m, t=title: t, text)
        return text

    def refresh(self) -> None:
        """Validate the shown values again and emit ``params_changed`` if valid."""
        self._on_input_changed()

    def _offer_monitors(self, validation_split: float) -> None:
        """List only the monitors a run with ``validation_split`` logs.

        A val_* monitor that is no longer offered becomes its training
        counterpart, so ``val_loss`` turns into ``loss``. The form remembers the
        val_* monitor and chooses it again once validation is back, unless the
        user picked another monitor meanwhile. Each switch stores a note in
        ``_monitor_notes``.
        """
        offered = monitor_choices(validation_split)
        for name in _MONITOR_INPUTS:
            combo = self.inputs[name]
            current = combo.currentData()
            if [combo.itemData(i) for i in range(combo.count())] == list(offered):
                continue
            chosen = current
            replaced = self._replaced_monitors.pop(name, None)
            if current not in offered and current is not None:
                chosen = current.removeprefix("val_")
                self._replaced_monitors[name] = current
            elif replaced in offered and current == replaced.removeprefix("val_"):
                chosen = replaced
            blocked = combo.blockSignals(True)
            try:
                combo.clear()
                for key, label in offered.items():
                    combo.addItem(label, key)
                combo.setCurrentIndex(max(combo.findData(chosen), 0))
            finally:
                combo.blockSignals(blocked)
            if chosen != current and current is not None and self._in_use(name):
                self._note_monitor_switch(name, current, chosen)

    def _note_monitor_switch(self, name: str, old: str, new: str) -> None:
        title = translate_config(setting_metadata(name)["title"])
        old_label = translate_config(MONITOR_CHOICES[old])
        new_label = translate_config(MONITOR_CHOICES[new])
        if new.startswith("val_"):
            note = self.tr("{title} is {new} again because validation is on.")
        else:
            note = self.tr(
                "{title} changed from {old} to {new} because the validation "
                "fraction is 0. It returns to {old} when the fraction is above 0."
            )
        self._monitor_notes[name] = note.format(
            title=title, old=old_label, new=new_label
        )
        logger.info("%s changed from %s to %s", name, old, new)

    def _show_monitor_notes(self) -> None:
        # A restore note lasts until the next edit, a switch note while it holds.
        if self._monitor_notes:
            self.monitor_note.setText("\n".join(self._monitor_notes.values()))
            self.monitor_note.show()
            self._monitor_notes = {}
        elif not any(self._in_use(name) for name in self._replaced_monitors):
            self.monitor_note.hide()

    def _in_use(self, monitor_input: str) -> bool:
        # "checkpoint_monitor" belongs to the "checkpoint" check box.
        return self.inputs[monitor_input.removesuffix("_monitor")].isChecked()

    def _enable_dependent_inputs(self) -> None:
        # Rows of a switched-off callback are hidden too, so the form stays short.
        for switch, names in _DEPENDENT_INPUTS.items():
            enabled = self.inputs[switch].isChecked()
            for name in names:
                self.inputs[name].setEnabled(enabled)
                self._rows[name].setRowVisible(self._row_widgets[name], enabled)
        self.checkpoint_browse_button.setEnabled(self.inputs["checkpoint"].isChecked())

    @Slot()
    def _on_input_changed(self) -> None:
        uses_folder = self.value("dataset") != "digits"
        self.inputs["data_dir"].setEnabled(uses_folder)
        self.browse_button.setEnabled(uses_folder)
        self._offer_monitors(self.value("validation_split"))
        self._show_monitor_notes()
        self._enable_dependent_inputs()
        try:
            config = self.config()
        except ConfigError as error:
            self.message_label.setText(self.describe_error(error))
            self.message_label.show()
            return
        self.message_label.hide()
        self.params_changed.emit(config)

    @Slot()
    def browse_data_folder(self) -> bool:
        """Ask for a data folder; return True when the user chose one."""
        start = self.inputs["data_dir"].text().strip() or str(
            self.last_folder or Path.home()
        )
        folder = QFileDialog.getExistingDirectory(
            self, self.tr("Choose a folder with IDX files"), start
        )
        if folder:
            self.choose_data_folder(folder)
        return bool(folder)

    @Slot()
    def browse_checkpoint_file(self) -> bool:
        """Ask for the checkpoint file; return True when the user chose one."""
        start = self.inputs["checkpoint_path"].text().strip() or str(
            Path.home() / "best.keras"
        )
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Save the best model as"),
            start,
            self.tr("Keras model (*.keras)"),
        )
        if path:
            if not path.endswith(".keras"):
                path += ".keras"
            self.set_values(checkpoint_path=path)
        return bool(path)

    def browse_tensorboard_folder(self) -> bool:
        """Ask for a TensorBoard log folder; return True when the user chose one."""
        start = self.inputs["tensorboard_dir"].text().strip() or str(Path.home())
        folder = QFileDialog.getExistingDirectory(
            self, self.tr("Choose a folder for TensorBoard event files"), start
        )
        if folder:
            self.set_values(tensorboard_dir=folder)
        return bool(folder)

    def choose_data_folder(self, folder: str) -> None:
        """Use ``folder`` as the data source; Digits changes to "IDX folder"."""
        self.last_folder = Path(folder)
        values: dict[str, Any] = {"data_dir": folder}
        if self.value("dataset") == "digits":
            values["dataset"] = "idx_folder"
        self.set_values(**values)
