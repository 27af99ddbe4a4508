"""Logging set-up for the app: a rotating log file and uncaught-error hooks."""

from __future__ import annotations

import logging
import sys
import threading
from logging.handlers import RotatingFileHandler
from pathlib import Path
from types import TracebackType

from engine.paths import user_log_dir

logger = logging.getLogger(__name__)

LOG_FILE_NAME = "keras-trainer.log"
LOG_FORMAT = "%(asctime)s %(levelname)s [%(threadName)s] %(name)s: %(message)s"
MAX_LOG_BYTES = 1_000_000
LOG_BACKUPS = 3


def configure_logging(
    level: int = logging.INFO,
    console_level: int | None = logging.INFO,
    log_dir: Path | None = None,
) -> Path | None:
    """Send log records to a rotating file in ``log_dir`` and, optionally, stderr.

    Returns the log file's path, or None when the folder cannot be written, in
    which case only stderr receives records. Also installs hooks that log
    uncaught exceptions of the main thread and of other threads.
    """
    root = logging.getLogger()
    root.setLevel(level)
    formatter = logging.Formatter(LOG_FORMAT)

    # A windowed executable may have no stderr at all.
    if console_level is not None and sys.stderr is not None:
        console = logging.StreamHandler(sys.stderr)
        console.setLevel(console_level)
        console.setFormatter(formatter)
        root.addHandler(console)

    folder = user_log_dir() if log_dir is None else log_dir
    path: Path | None = folder / LOG_FILE_NAME
    try:
        folder.mkdir(parents=True, exist_ok=True)
        file_handler = RotatingFileHandler(
            path, maxBytes=MAX_LOG_BYTES, backupCount=LOG_BACKUPS, encoding="utf-8"
        )
    except OSError as error:
        logger.warning("Cannot write the log file in %s: %s", folder, error)
        path = None
    else:
        file_handler.setFormatter(formatter)
        root.addHandler(file_handler)

    install_exception_hooks()
    return path


def log_uncaught(
    kind: type[BaseException],
    error: BaseException,
    trace: TracebackType | None,
    thread_name: str = "",
) -> None:
    """Log an uncaught exception with its traceback."""
    where = f" in thread {thread_name}" if thread_name else ""
    logger.critical(
        "Uncaught %s%s", kind.__name__, where, exc_info=(kind, error, trace)
    )


def install_exception_hooks() -> None:
    """Log uncaught exceptions; Ctrl+C keeps Python's default handling."""
    previous = sys.excepthook

    def excepthook(kind, error, trace):
        if issubclass(kind, KeyboardInterrupt):
            previous(kind, error, trace)
            return
        log_uncaught(kind, error, trace)

    def thread_excepthook(args: threading.ExceptHookArgs) -> None:
        name = args.thread.name if args.thread is not None else "?"
        log_uncaught(args.exc_type, args.exc_value, args.exc_traceback, name)

    sys.excepthook = excepthook
    threading.excepthook = thread_excepthook
