"""Texts of the About and Help dialogs, with versions read without importing TF."""

from __future__ import annotations

import logging
import platform
import sys
from importlib import metadata

import PySide6
from PySide6.QtCore import QCoreApplication, qVersion

import engine

logger = logging.getLogger(__name__)


def package_version(distribution: str, module: str) -> str | None:
    """Return an installed package's version without importing it, or None.

    The version comes from the installed package metadata. When that is
    missing (as in a frozen build without it), a module that is already
    imported gives its ``__version__``.
    """
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        loaded = sys.modules.get(module)
        return getattr(loaded, "__version__", None)


def version_rows() -> list[tuple[str, str]]:
    """Return (component, version) pairs for the About dialog."""
    loading = QCoreApplication.translate("AppInfo", "loading…")
    rows = [
        (QCoreApplication.translate("AppInfo", "Keras Trainer"), engine.__version__),
        ("Python", platform.python_version()),
        ("TensorFlow", package_version("tensorflow", "tensorflow") or loading),
        ("Keras", package_version("keras", "keras") or loading),
        ("Qt", qVersion()),
        ("PySide6", PySide6.__version__),
    ]
    return rows


def about_text() -> str:
    """Return the About dialog's rich text: purpose and component versions."""
    rows = "".join(
        f"<tr><td>{name}</td><td>&nbsp;{version}</td></tr>"
        for name, version in version_rows()
    )
    purpose = QCoreApplication.translate(
        "AppInfo", "Trains Keras image classifiers without code."
    )
    return (
        f"<h3>Keras Trainer {engine.__version__}</h3>"
        f"<p>{purpose}</p><table>{rows}</table>"
    )


def help_text() -> str:
    """Return the Help dialog's rich text: the steps of a run and the shortcuts."""
    steps = [
        QCoreApplication.translate(
            "AppInfo", "Choose a dataset and the model and training settings."
        ),
        QCoreApplication.translate(
            "AppInfo", "Press Train (Ctrl+Return) and watch the curves grow."
        ),
        QCoreApplication.translate(
            "AppInfo", "Press Stop (Esc) to end the run after the current batch."
        ),
        QCoreApplication.translate(
            "AppInfo", "Evaluate the model on the validation and test sets."
        ),
        QCoreApplication.translate(
            "AppInfo", "Save the model (Ctrl+S) or load one (Ctrl+O)."
        ),
        QCoreApplication.translate(
            "AppInfo", "Export the figure (Ctrl+E) or the run as a Python script."
        ),
    ]
    items = "".join(f"<li>{step}</li>" for step in steps)
    hint = QCoreApplication.translate(
        "AppInfo",
        "Hover over any field for what it does. Settings are remembered between "
        "starts; Settings > Reset to defaults restores them.",
    )
    return f"<ol>{items}</ol><p>{hint}</p>"
