"""Find why Qt could not open a window on Linux, before Qt aborts the process.

Qt ends the process with "no Qt platform plugin could be initialized" when it
cannot reach a display or its X11 plugin lacks a system library. This module
runs before the QApplication exists and names the cause and the fix instead.
It imports no Qt module, so it works even when Qt's libraries cannot load,
and it lives in ``engine`` because importing ``gui`` loads Qt and Matplotlib.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
from importlib.util import find_spec
from pathlib import Path

logger = logging.getLogger(__name__)

# Debian and Ubuntu packages with the libraries that Qt 6's X11 plugin
# (libqxcb) loads beyond a basic X11 client; scripts/run names the same list.
DEBIAN_PACKAGES = (
    "libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 "
    "libxcb-render-util0 libxcb-shape0 libxcb-randr0 libxcb-xkb1 "
    "libxkbcommon-x11-0 libegl1 libgl1"
)
_HEADLESS_PLATFORMS = {"offscreen", "minimal", "vnc", "linuxfb", "eglfs"}


def xcb_plugin_files() -> list[Path]:
    """Return the X11 platform plugin and its Qt library, where they are found."""
    spec = find_spec("PySide6")
    if spec is None or spec.origin is None:
        return []
    qt = Path(spec.origin).parent / "Qt"
    files = [qt / "plugins" / "platforms" / "libqxcb.so"]
    files += sorted((qt / "lib").glob("libQt6XcbQpa.so*"))
    return [path for path in files if path.is_file()]


def missing_libraries(files: list[Path]) -> list[str]:
    """Return the shared libraries that ``ldd`` reports as not found for ``files``."""
    ldd = shutil.which("ldd")
    if ldd is None or not files:
        return []
    try:
        output = subprocess.run(
            [ldd, *map(str, files)], capture_output=True, text=True, timeout=30
        ).stdout
    except (OSError, subprocess.SubprocessError) as error:
        logger.warning("Running ldd on the Qt plugin failed: %s", error)
        return []
    found = {line.split()[0] for line in output.splitlines() if "not found" in line}
    return sorted(found)


def display_problem(environment: dict[str, str] | None = None) -> str | None:
    """Return why the window cannot open on this Linux session, or None.

    Other systems, and platforms that need no display (offscreen), return None.
    """
    env = os.environ if environment is None else environment
    if not sys.platform.startswith("linux"):
        return None
    platform = env.get("QT_QPA_PLATFORM", "").split(":")[0]
    if platform in _HEADLESS_PLATFORMS:
        return None
    if not env.get("DISPLAY") and not env.get("WAYLAND_DISPLAY"):
        return (
            "Keras Trainer cannot open its window: no display was found (DISPLAY "
            "and WAYLAND_DISPLAY are empty). Start it from a desktop session or "
            "under xvfb-run, or train without a window: keras-trainer train --help"
        )
    if platform in ("", "xcb") and not env.get("WAYLAND_DISPLAY"):
        missing = missing_libraries(xcb_plugin_files())
        if missing:
            return (
                "Keras Trainer cannot open its window: Qt's X11 plugin needs these "
                f"missing system libraries: {' '.join(missing)}. On Debian or "
                f"Ubuntu, install them with:\n  sudo apt-get install {DEBIAN_PACKAGES}"
            )
    return None
