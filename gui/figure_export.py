"""Save the training figure as PNG, SVG or PDF, chosen by the file suffix."""

from __future__ import annotations

import logging
import os
from pathlib import Path

from matplotlib.figure import Figure

from engine.persistence import ModelFileError, atomic_write

logger = logging.getLogger(__name__)

FIGURE_FORMATS = {".png": "png", ".svg": "svg", ".pdf": "pdf"}


class FigureExportError(ValueError):
    """The figure could not be saved; the message names the path and the fix."""


def save_figure(figure: Figure, path: str | os.PathLike[str]) -> Path:
    """Save ``figure`` to ``path`` atomically, in the format its suffix names.

    Raises FigureExportError for an unknown suffix or a failed write; an
    earlier file at ``path`` is then unchanged.
    """
    target = Path(path)
    image_format = FIGURE_FORMATS.get(target.suffix.lower())
    if image_format is None:
        raise FigureExportError(
            f"{target.name!r} has no figure suffix: end the file name in "
            f"{', '.join(FIGURE_FORMATS)}."
        )

    def write(temporary: Path) -> None:
        figure.savefig(temporary, format=image_format, dpi=150)

    try:
        atomic_write(target, write)
    except ModelFileError as error:
        raise FigureExportError(str(error)) from error
    logger.info("Saved the training figure to %s", target)
    return target
