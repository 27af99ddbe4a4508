"""Export a Matplotlib figure as PNG, SVG or PDF with the run settings stamped on it."""

from __future__ import annotations

import logging
import os
from pathlib import Path

import matplotlib
from matplotlib.figure import Figure
from PySide6.QtCore import QCoreApplication

from engine.exports import (
    FIGURE_SUFFIXES,
    ExportError,
    check_export_path,
    write_atomically,
)

logger = logging.getLogger(__name__)

FIGURE_DPI = 150
"""Resolution of PNG exports; SVG and PDF are vector formats."""


def export_figure(figure: Figure, path: str | os.PathLike[str], stamp: str) -> Path:
    """Write ``figure`` to ``path`` with ``stamp`` as a footer; return the path.

    The suffix (``.png``, ``.svg`` or ``.pdf``, any case) chooses the format.
    Text stays text in SVG and PDF files, so the stamp can be searched and
    copied. The footer is removed from ``figure`` again afterwards. Raises
    ExportError for a bad suffix or folder, or when writing fails.
    """
    path = check_export_path(path, FIGURE_SUFFIXES)
    file_format = path.suffix.lower().lstrip(".")
    footer = figure.text(
        0.01, 0.0, stamp, ha="left", va="top", fontsize="small", color="0.2"
    )

    def write(target: Path) -> None:
        # bbox_inches="tight" grows the page to hold the footer below the axes.
        figure.savefig(
            target,
            format=file_format,
            dpi=FIGURE_DPI,
            bbox_inches="tight",
            facecolor="white",
        )

    try:
        with matplotlib.rc_context({"svg.fonttype": "none", "pdf.fonttype": 42}):
            write_atomically(path, write)
    except (ValueError, RuntimeError) as error:
        logger.warning("Matplotlib could not export %s: %r", path, error)
        raise ExportError(
            QCoreApplication.translate(
                "FigureExport",
                "Matplotlib could not draw {name}: {error}. Try another format.",
            ).format(name=repr(path.name), error=error)
        ) from error
    finally:
        footer.remove()
        figure.canvas.draw_idle()
    return path
