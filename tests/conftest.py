"""Shared test set-up: headless Qt, an offline Keras cache and a thread-leak guard.

This module runs before any test imports Keras, which reads ``KERAS_HOME`` once
at import. When ``../shared/data/fashion-mnist`` exists beside the repository,
its real Fashion-MNIST files are copied into a temporary Keras home. Otherwise
the user's own Keras cache is used. Tests marked
``real_data`` skip, with the reason, when neither holds the files.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import threading
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

ROOT = Path(__file__).resolve().parent.parent
SHARED_FASHION_MNIST = ROOT.parent / "shared" / "data" / "fashion-mnist"
FASHION_FILES = (
    "train-images-idx3-ubyte.gz",
    "train-labels-idx1-ubyte.gz",
    "t10k-images-idx3-ubyte.gz",
    "t10k-labels-idx1-ubyte.gz",
)


def _has_fashion_files(folder: Path) -> bool:
    return all((folder / name).is_file() for name in FASHION_FILES)


def _prepare_keras_home() -> tuple[Path | None, str]:
    """Point KERAS_HOME at a cache holding Fashion-MNIST; return it and a reason."""
    if _has_fashion_files(SHARED_FASHION_MNIST):
        home = Path(tempfile.mkdtemp(prefix="keras-trainer-tests-"))
        target = home / "datasets" / "fashion-mnist"
        target.mkdir(parents=True)
        for name in FASHION_FILES:
            shutil.copyfile(SHARED_FASHION_MNIST / name, target / name)
        os.environ["KERAS_HOME"] = str(home)
        return target, ""
    user_home = Path(os.environ.get("KERAS_HOME") or Path.home() / ".keras")
    cached = user_home / "datasets" / "fashion-mnist"
    if _has_fashion_files(cached):
        return cached, ""
    return None, (
        f"Fashion-MNIST not found in {SHARED_FASHION_MNIST} nor in the Keras cache "
        f"{cached}; put the four files in {cached} (or in $KERAS_HOME/datasets/"
        "fashion-mnist), or run the app once online to fill the cache"
    )


FASHION_MNIST_DIR, MISSING_DATA_REASON = _prepare_keras_home()

# The run history and other user data go to a temporary folder, never the
# user's own; each test also gets a fresh one (see isolated_data_dir).
SESSION_DATA_DIR = tempfile.mkdtemp(prefix="keras-trainer-data-")
os.environ["KERAS_TRAINER_DATA_DIR"] = SESSION_DATA_DIR


def pytest_collection_modifyitems(config, items):
    if FASHION_MNIST_DIR is not None:
        return
    skip = pytest.mark.skip(reason=MISSING_DATA_REASON)
    for item in items:
        if "real_data" in item.keywords:
            item.add_marker(skip)


def pytest_unconfigure(config):
    shutil.rmtree(SESSION_DATA_DIR, ignore_errors=True)
    if (
        FASHION_MNIST_DIR is not None
        and FASHION_MNIST_DIR.parent.parent.name.startswith("keras-trainer-tests-")
    ):
        shutil.rmtree(FASHION_MNIST_DIR.parent.parent, ignore_errors=True)


@pytest.fixture(scope="session")
def fashion_mnist_dir() -> Path:
    """Folder holding the four real Fashion-MNIST files."""
    if FASHION_MNIST_DIR is None:
        pytest.skip(MISSING_DATA_REASON)
    return FASHION_MNIST_DIR


@pytest.fixture(autouse=True)
def isolated_data_dir(tmp_path_factory, monkeypatch) -> Path:
    """Point the app's data folder (the run history) at a folder of this test.

    The folder sits outside tmp_path, so tests can list tmp_path exactly.
    """
    folder = tmp_path_factory.mktemp("user-data")
    monkeypatch.setenv("KERAS_TRAINER_DATA_DIR", str(folder))
    return folder


@pytest.fixture(autouse=True)
def settings_folder(tmp_path_factory) -> Path:
    """Point every QSettings store at a new empty folder for each test.

    The app's settings are INI files in the user scope; this keeps tests away
    from the user's real settings and from each other's.
    """
    from PySide6.QtCore import QSettings

    folder = tmp_path_factory.mktemp("qsettings")
    for settings_format in (QSettings.Format.IniFormat, QSettings.Format.NativeFormat):
        for scope in (QSettings.Scope.UserScope, QSettings.Scope.SystemScope):
            QSettings.setPath(settings_format, scope, str(folder))
    return folder


@pytest.fixture(autouse=True)
def no_leaked_threads():
    """Fail a test that leaves a Python or Qt worker thread running."""
    before = set(threading.enumerate())
    yield
    leaked = [
        thread
        for thread in threading.enumerate()
        if thread not in before and thread.is_alive() and not thread.daemon
    ]
    assert not leaked, f"threads left running: {leaked}"
