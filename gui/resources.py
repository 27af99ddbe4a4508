"""The one place that finds files in ``resources/``, from source or frozen."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from PySide6.QtGui import QIcon

logger = logging.getLogger(__name__)

_SOURCE_ROOT = Path(__file__).resolve().parent.parent


def resource_roots() -> list[Path]:
    """Return the folders that may contain ``resources``, in search order.

    A PyInstaller bundle sets ``sys._MEIPASS`` to the folder of its data files
    (``_internal`` beside the executable in a one-folder build). Other frozen
    layouts keep ``resources`` beside the executable. From source it is the
    repository root.
    """
    roots = []
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        roots.append(Path(bundle))
    if getattr(sys, "frozen", False):
        roots.append(Path(sys.executable).resolve().parent)
    roots.append(_SOURCE_ROOT)
    return roots


def resources_dir() -> Path:
    """Return the first ``resources`` folder that exists, else the first candidate."""
    candidates = [root / "resources" for root in resource_roots()]
    for folder in candidates:
        if folder.is_dir():
            return folder
    logger.warning(
        "No resources folder found; looked in %s", ", ".join(map(str, candidates))
    )
    return candidates[0]


def resource_path(name: str) -> Path:
    """Return the path of resource ``name``; log a warning when it is missing."""
    path = resources_dir() / name
    if not path.exists():
        logger.warning("Resource %s not found in %s", name, resources_dir())
    return path


def app_icon() -> QIcon:
    """Return the application icon (an empty icon when the file is missing)."""
    return QIcon(str(resource_path("icon.svg")))
