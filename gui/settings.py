"""Remembered window state: form values, last folders, geometry and splitters.

Everything lives in one INI file, ``keras-trainer/keras-trainer.ini`` under the
user's configuration folder (``~/.config`` on Linux). Stored values are checked
when read: a corrupt or out-of-range value is logged and replaced by its
default, so a damaged file never stops the app from starting.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtWidgets import QSplitter, QWidget

from engine.config import ConfigError, RunConfig, setting_names

logger = logging.getLogger(__name__)

SETTINGS_NAME = "keras-trainer"
FORM_KEY = "form/values"
LANGUAGE_KEY = "ui/language"
FOLDER_KINDS = ("models", "data", "figures", "scripts")


def open_settings() -> QSettings:
    """Return the app's QSettings, an INI file in the user scope.

    Tests redirect it with ``QSettings.setPath(IniFormat, UserScope, folder)``.
    """
    return QSettings(
        QSettings.Format.IniFormat,
        QSettings.Scope.UserScope,
        SETTINGS_NAME,
        SETTINGS_NAME,
    )


def config_from_values(values: Any) -> RunConfig:
    """Return a RunConfig from stored ``{setting name: value}``, defaults for bad ones.

    Each invalid, out-of-range or unknown entry is logged and skipped, so the
    result is always a valid config.
    """
    defaults = RunConfig()
    if not isinstance(values, dict):
        logger.warning(
            "Stored form values %r are not a mapping; using the defaults", values
        )
        return defaults
    known = set(setting_names())
    for name in sorted(set(values) - known):
        logger.info("Ignoring stored setting %r, which this version lacks", name)
    wanted = {name: values[name] for name in setting_names() if name in values}
    try:
        return defaults.replace(**wanted)
    except (ConfigError, TypeError, ValueError):
        pass
    # Apply the values one at a time, so only the bad ones fall back. The
    # dataset goes with its folder because each may depend on the other.
    config = defaults
    pending = dict(wanted)
    pairs = [("dataset", "data_dir")] + [
        (name,) for name in pending if name not in ("dataset", "data_dir")
    ]
    for names in pairs:
        group = {name: pending[name] for name in names if name in pending}
        if not group:
            continue
        try:
            config = config.replace(**group)
        except (ConfigError, TypeError, ValueError) as error:
            logger.warning(
                "Stored setting %s is invalid (%s); using the default",
                ", ".join(f"{k}={v!r}" for k, v in group.items()),
                error,
            )
    return config


class WindowSettings:
    """Reads and writes the window's remembered state in a QSettings store."""

    def __init__(self, settings: QSettings | None = None):
        self.store = settings if settings is not None else open_settings()

    # Form values --------------------------------------------------------

    def load_config(self) -> RunConfig:
        """Return the stored form settings, or the defaults when none are stored."""
        text = self.store.value(FORM_KEY)
        if text is None:
            return RunConfig()
        try:
            values = json.loads(str(text))
        except ValueError as error:
            logger.warning(
                "Stored form values in %s are not JSON (%s); using the defaults",
                self.store.fileName(),
                error,
            )
            return RunConfig()
        return config_from_values(values)

    def save_config(self, config: RunConfig) -> None:
        """Store the form settings as JSON."""
        self.store.setValue(FORM_KEY, json.dumps(config.flat()))

    # Folders ------------------------------------------------------------

    def folder(self, kind: str) -> Path | None:
        """Return the last folder used for ``kind`` (see FOLDER_KINDS) if it exists."""
        value = self.store.value(f"folders/{kind}")
        if value is None:
            return None
        path = Path(str(value))
        if not path.is_dir():
            logger.info("Last %s folder %s no longer exists", kind, path)
            return None
        return path

    def set_folder(self, kind: str, folder: str | Path) -> None:
        """Remember ``folder`` as the last one used for ``kind``."""
        if kind not in FOLDER_KINDS:
            raise ValueError(
                f"folder kind {kind!r} is invalid: use one of {FOLDER_KINDS}"
            )
        self.store.setValue(f"folders/{kind}", str(folder))

    # Window layout ------------------------------------------------------

    def save_layout(self, window: QWidget, splitters: dict[str, QSplitter]) -> None:
        """Store the window geometry and each splitter's state, by name."""
        self.store.setValue("layout/geometry", window.saveGeometry())
        for name, splitter in splitters.items():
            self.store.setValue(f"layout/{name}", splitter.saveState())

    def restore_layout(self, window: QWidget, splitters: dict[str, QSplitter]) -> None:
        """Restore what save_layout stored; a bad entry keeps the current layout."""
        value = self.store.value("layout/geometry")
        if value is not None and not (
            isinstance(value, QByteArray) and window.restoreGeometry(value)
        ):
            logger.warning("Stored window geometry is invalid; using the default size")
        for name, splitter in splitters.items():
            value = self.store.value(f"layout/{name}")
            if value is not None and not (
                isinstance(value, QByteArray) and splitter.restoreState(value)
            ):
                logger.warning("Stored %s state is invalid; using the default", name)

    # Language -----------------------------------------------------------

    def language(self) -> str:
        """Return the chosen UI language code, or "" to follow the system locale."""
        value = self.store.value(LANGUAGE_KEY, "")
        return value if isinstance(value, str) else ""

    def set_language(self, code: str) -> None:
        """Remember the UI language code ("" follows the system locale)."""
        self.store.setValue(LANGUAGE_KEY, code)

    # Reset --------------------------------------------------------------

    def reset(self) -> None:
        """Forget the form values and the layout; folders and language stay."""
        self.store.remove("form")
        self.store.remove("layout")
        self.store.sync()
