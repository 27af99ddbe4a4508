"""Fixtures of the engine tests: IDX file writers, small datasets and recorders."""

from __future__ import annotations

import gzip
import struct
from pathlib import Path

import numpy as np
import pytest

from engine.config import DataConfig
from engine.data import IDX_NAMES, ImageSet, load_images
from engine.reporting import BatchProgress, EpochResult

# Slice of the real Fashion-MNIST that the engine tests train on: enough images
# for metrics that move between epochs, few enough for a 2-core machine.
FASHION_SLICE_TRAIN = 1000
FASHION_SLICE_TEST = 200


def idx_bytes(array: np.ndarray) -> bytes:
    """Encode a uint8 array as IDX: magic 0x0000080N, N big-endian sizes, data."""
    header = bytes((0, 0, 0x08, array.ndim))
    sizes = struct.pack(f">{array.ndim}I", *array.shape)
    return header + sizes + array.astype(np.uint8).tobytes()


def write_idx(path: Path, array: np.ndarray) -> Path:
    """Write ``array`` as an IDX file, gzipped when ``path`` ends in ``.gz``."""
    content = idx_bytes(array)
    if path.suffix == ".gz":
        content = gzip.compress(content)
    path.write_bytes(content)
    return path


def write_idx_folder(
    folder: Path,
    x_train: np.ndarray,
    y_train: np.ndarray,
    x_test: np.ndarray,
    y_test: np.ndarray,
    gzipped: bool = True,
) -> Path:
    """Write the four IDX files of a dataset under their official names."""
    folder.mkdir(parents=True, exist_ok=True)
    suffix = ".gz" if gzipped else ""
    for name, array in zip(IDX_NAMES, (x_train, y_train, x_test, y_test), strict=True):
        write_idx(folder / f"{name}{suffix}", array)
    return folder


def random_images(
    rng: np.random.Generator, count: int, shape: tuple[int, ...], classes: int
) -> tuple[np.ndarray, np.ndarray]:
    """Return ``count`` random uint8 images and labels covering all ``classes``."""
    images = rng.integers(0, 256, size=(count, *shape), dtype=np.uint8)
    labels = (np.arange(count) % classes).astype(np.uint8)
    return images, labels


@pytest.fixture
def idx_encoder():
    """The :func:`idx_bytes` helper, for tests that damage IDX content on purpose."""
    return idx_bytes


@pytest.fixture
def idx_writer():
    """The :func:`write_idx` helper, for tests that build IDX files by hand."""
    return write_idx


@pytest.fixture
def make_idx_folder(tmp_path):
    """Return a function that writes a folder of random IDX images and labels."""

    def make(
        name: str = "idx",
        shape: tuple[int, ...] = (12, 10),
        classes: int = 3,
        train_count: int = 60,
        test_count: int = 15,
        gzipped: bool = True,
        seed: int = 0,
    ) -> Path:
        rng = np.random.default_rng(seed)
        x_train, y_train = random_images(rng, train_count, shape, classes)
        x_test, y_test = random_images(rng, test_count, shape, classes)
        return write_idx_folder(
            tmp_path / name, x_train, y_train, x_test, y_test, gzipped
        )

    return make


@pytest.fixture(scope="session")
def fashion_images(fashion_mnist_dir) -> ImageSet:
    """The real Fashion-MNIST, loaded once through the Keras cache."""
    return load_images(DataConfig(dataset="fashion_mnist"))


@pytest.fixture(scope="session")
def fashion_slice(fashion_images) -> ImageSet:
    """The first images of the real Fashion-MNIST, small enough to train in seconds."""
    return ImageSet(
        name=fashion_images.name,
        x_train=fashion_images.x_train[:FASHION_SLICE_TRAIN],
        y_train=fashion_images.y_train[:FASHION_SLICE_TRAIN],
        x_test=fashion_images.x_test[:FASHION_SLICE_TEST],
        y_test=fashion_images.y_test[:FASHION_SLICE_TEST],
        class_names=fashion_images.class_names,
        source=fashion_images.source,
    )


@pytest.fixture(scope="session")
def digits_images() -> ImageSet:
    """scikit-learn's 8x8 digits, which load offline in well under a second."""
    return load_images(DataConfig(dataset="digits"))


class RecordingListener:
    """Training listener that keeps every report and may call a hook on each one."""

    def __init__(self, on_epoch=None, on_progress=None):
        self.epochs: list[EpochResult] = []
        self.progress: list[BatchProgress] = []
        self._on_epoch = on_epoch
        self._on_progress = on_progress

    def on_epoch_end(self, result: EpochResult) -> None:
        self.epochs.append(result)
        if self._on_epoch is not None:
            self._on_epoch(result)

    def on_progress(self, progress: BatchProgress) -> None:
        self.progress.append(progress)
        if self._on_progress is not None:
            self._on_progress(progress)


@pytest.fixture
def recording_listener():
    """Factory of :class:`RecordingListener` objects."""
    return RecordingListener
