"""TensorBoard event files for training runs, one subfolder per run."""

from __future__ import annotations

import importlib.util
import logging
import os
import shlex
import subprocess
import tempfile
from datetime import datetime
from pathlib import Path
from typing import Any

from engine.config import ConfigError, RunConfig
from engine.paths import display_path

logger = logging.getLogger(__name__)


def tensorboard_command(log_dir: str | os.PathLike[str]) -> str:
    """Return the shell command that opens ``log_dir`` in TensorBoard."""
    if os.name == "nt":
        return subprocess.list2cmdline(["tensorboard", "--logdir", str(log_dir)])
    return f"tensorboard --logdir {shlex.quote(str(log_dir))}"


def run_log_dir(base: str | os.PathLike[str], now: datetime | None = None) -> Path:
    """Return a new subfolder name of ``base`` for one run, such as run-20250101-120000.

    TensorBoard shows each subfolder of ``--logdir`` as a separate run. A
    number is appended when two runs start within the same second.
    """
    stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S")
    folder = Path(base) / f"run-{stamp}"
    counter = 2
    while folder.exists():
        folder = Path(base) / f"run-{stamp}-{counter}"
        counter += 1
    return folder


def check_tensorboard_dir(config: RunConfig) -> None:
    """Raise ConfigError when the TensorBoard folder of ``config`` cannot be used.

    The folder is created when missing, because each run writes a new
    subfolder of it, and a probe file checks that it can be written.
    """
    base = config.fit.tensorboard_dir
    if not base:
        return
    # Keras' callback writes scalars through tf.summary, which needs the
    # tensorboard package; without it fit() fails after the first epoch.
    if importlib.util.find_spec("tensorboard") is None:
        raise ConfigError(
            f"tensorboard_dir={base!r} needs the tensorboard package, which is not "
            "installed. Install it with 'python -m pip install tensorboard', or "
            "clear the TensorBoard folder."
        )
    try:
        Path(base).mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise ConfigError(
            f"tensorboard_dir={base!r} cannot be used: creating it failed "
            f"({error.strerror}). Choose a folder you can write to."
        ) from error
    try:
        descriptor, probe = tempfile.mkstemp(prefix=".write-check-", dir=base)
        os.close(descriptor)
        os.unlink(probe)
    except OSError as error:
        raise ConfigError(
            f"tensorboard_dir={base!r} cannot be used: writing to it failed "
            f"({error.strerror}). Choose a folder you can write to."
        ) from error


def tensorboard_callbacks(config: RunConfig) -> list[Any]:
    """Return a TensorBoard callback for ``config``, or [] without a log folder.

    Raises ConfigError when the tensorboard package is missing or the folder
    cannot be created.
    """
    base = config.fit.tensorboard_dir
    if not base:
        return []
    check_tensorboard_dir(config)
    folder = run_log_dir(base)
    try:
        folder.mkdir(parents=True)
    except OSError as error:
        raise ConfigError(
            f"tensorboard_dir={base!r} cannot be used: creating "
            f"{display_path(folder)} failed ({error.strerror}). Choose a folder you "
            "can write to."
        ) from error
    import keras

    logger.info("Writing TensorBoard event files to %s", folder)
    return [keras.callbacks.TensorBoard(log_dir=str(folder))]
