"""The one place that finds files in ``resources/``, from source or frozen."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from PySide6.QtGui import QIcon

logger = logging.getLogger(__name__)


def resources_dir() -> Path:
    """Return the ``resources`` folder, from source or from a PyInstaller bundle."""
    bundle = getattr(sys, "_MEIPASS", None)
    base = Path(bundle) if bundle else Path(__file__).resolve().parent.parent
    return base / "resources"


def resource_path(name: str) -> Path:
    """Return the path of resource ``name``; log a warning when it is missing."""
    path = resources_dir() / name
    if not path.exists():
        logger.warning("Resource %s not found in %s", name, resources_dir())
    return path


def app_icon() -> QIcon:
    """Return the application icon (an empty icon when the file is missing)."""
    return QIcon(str(resource_path("icon.svg")))
