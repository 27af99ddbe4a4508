"""Per-user folders of the app and paths shortened for messages."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

APP_NAME = "keras-trainer"


def display_path(path: str | os.PathLike[str]) -> str:
    """Return ``path`` with the home folder shown as ``~``, for user messages.

    Messages that users copy into bug reports then do not reveal their
    account name. The log file keeps full paths, for diagnosis.
    """
    text = str(path)
    home = str(Path.home())
    if home not in ("", "/") and (text == home or text.startswith(home + os.sep)):
        return "~" + text[len(home) :]
    return text


def user_log_dir() -> Path:
    """Return the folder for the app's log files, following each platform's habit.

    Linux uses ``$XDG_STATE_HOME`` (default ``~/.local/state``), macOS
    ``~/Library/Logs`` and Windows ``%LOCALAPPDATA%``. The folder may not exist.
    """
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
        return base / APP_NAME / "logs"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Logs" / APP_NAME
    state = os.environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
    return Path(state) / APP_NAME / "logs"


DATA_DIR_VARIABLE = "KERAS_TRAINER_DATA_DIR"
"""Environment variable that, when set, replaces the folder of user_data_dir()."""


def user_data_dir() -> Path:
    """Return the folder for the app's data, such as the run history database.

    ``$KERAS_TRAINER_DATA_DIR`` wins when set. Otherwise Linux uses
    ``$XDG_DATA_HOME`` (default ``~/.local/share``), macOS
    ``~/Library/Application Support`` and Windows ``%APPDATA%``. The folder
    may not exist.
    """
    override = os.environ.get(DATA_DIR_VARIABLE)
    if override:
        return Path(override)
    if sys.platform == "win32":
        base = Path(os.environ.get("APPDATA") or Path.home() / "AppData" / "Roaming")
        return base / APP_NAME
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Application Support" / APP_NAME
    data = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(data) / APP_NAME


def file_in_folder_path(path: str | os.PathLike[str]) -> Path | None:
    """Return the file that is where a folder of ``path`` should be, or None.

    Only the nearest existing part of the folder path is checked, because a
    file there is what makes creating ``path`` impossible.
    """
    for part in Path(path).parents:
        if part.exists():
            return None if part.is_dir() else part
    return None


def parent_folder_problem(path: str | os.PathLike[str]) -> str | None:
    """Return why the folder of ``path`` cannot hold a new file, or None when it can.

    A file in the folder path is named as such, because "not found" would send
    the user to create a folder that cannot exist there. Callers add their own
    next step to the text.
    """
    folder = Path(path).parent
    if folder.is_dir():
        return None
    if blocker := file_in_folder_path(path):
        return f"{display_path(blocker)!r} is a file, not a folder."
    return f"Folder {display_path(folder)!r} was not found."


def write_failure_hint(path: str | os.PathLike[str]) -> str:
    """Return the likely causes of a failed write of ``path``, naming its folder."""
    folder = Path(path).parent
    return (
        f"Check that the folder {display_path(folder)!r} accepts new files (system "
        "folders such as /proc do not) and that the disk has free space."
    )


def write_problem(path: str | os.PathLike[str]) -> str | None:
    """Return why ``path`` cannot be written, or None when a write can succeed.

    The check writes instead of asking ``os.access``, because access bits
    do not show read-only mounts or folders such as /proc, and they always
    allow root. A probe file is created in the folder and removed at once, and
    an existing file is opened for writing without changing it.
    """
    target = Path(path)
    folder = target.parent
    if not folder.is_dir():
        return f"folder {display_path(folder)!r} was not found"
    if target.is_dir():
        return f"{display_path(target)!r} is a folder"
    try:
        if target.exists():
            with open(target, "r+b"):
                pass
        descriptor, probe = tempfile.mkstemp(prefix=".write-check-", dir=folder)
        os.close(descriptor)
        os.unlink(probe)
    except OSError as error:
        return f"{display_path(target)!r} cannot be written ({error.strerror})"
    return None
