"""Dataset loading, IDX parsing, the train/validation split and scaling.

Images stay ``uint8`` from the file to the split. They become ``float32`` in
[0, 1] only in :func:`scale_images`, right before they are fed to Keras.
"""

from __future__ import annotations

import gzip
import logging
import math
import os
import struct
import weakref
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from engine.config import DATASET_CHOICES, DataConfig, dataset_title
from engine.paths import display_path

logger = logging.getLogger(__name__)

FASHION_MNIST_CLASSES = (
    "T-shirt/top",
    "Trouser",
    "Pullover",
    "Dress",
    "Coat",
    "Sandal",
    "Shirt",
    "Sneaker",
    "Bag",
    "Ankle boot",
)
DIGIT_CLASSES = tuple(str(digit) for digit in range(10))

_KNOWN_CLASSES = {"fashion_mnist": FASHION_MNIST_CLASSES, "mnist": DIGIT_CLASSES}
KNOWN_SHAPES = {"fashion_mnist": (28, 28), "mnist": (28, 28), "digits": (8, 8)}
"""Image shape of each built-in dataset, whatever folder it is read from."""

# The four files of the MNIST family, under their official names, in the order
# x_train, y_train, x_test, y_test.
IDX_NAMES = (
    "train-images-idx3-ubyte",
    "train-labels-idx1-ubyte",
    "t10k-images-idx3-ubyte",
    "t10k-labels-idx1-ubyte",
)

# Sub-folders searched below a chosen data folder, by dataset, so that a
# Keras home folder (``~/.keras``) or its ``datasets`` folder can be opened too.
_FOLDER_LAYOUTS = {
    "fashion_mnist": (".", "fashion-mnist", os.path.join("datasets", "fashion-mnist")),
    "mnist": (".", "mnist", os.path.join("datasets", "mnist")),
    "idx_folder": (".",),
}

_IDX_UBYTE = 0x08
_DIGITS_TEST_FRACTION = 0.2
_DIGITS_TEST_SEED = 0


class DatasetError(Exception):
    """A dataset could not be loaded; the message names the file, cause and fix."""


@dataclass(frozen=True, eq=False)
class ImageSet:
    """Images and labels of one dataset before the validation split."""

    name: str
    x_train: np.ndarray
    y_train: np.ndarray
    x_test: np.ndarray
    y_test: np.ndarray
    class_names: tuple[str, ...]
    source: str


@dataclass(frozen=True, eq=False)
class SplitData:
    """A dataset split into training, validation and test sets (``uint8`` images)."""

    name: str
    x_train: np.ndarray
    y_train: np.ndarray
    x_val: np.ndarray
    y_val: np.ndarray
    x_test: np.ndarray
    y_test: np.ndarray
    class_names: tuple[str, ...]
    source: str

    @property
    def image_shape(self) -> tuple[int, ...]:
        return tuple(self.x_train.shape[1:])

    @property
    def num_classes(self) -> int:
        return len(self.class_names)


def scale_images(images: np.ndarray) -> np.ndarray:
    """Scale ``uint8`` images to ``float32`` in [0, 1] by dividing by 255.

    A correctly rounded float32 division gives the same values as the usual
    ``images / 255.0`` in float64 followed by Keras' cast to float32.
    """
    return images.astype(np.float32) / np.float32(255.0)


_SCALED: weakref.WeakKeyDictionary[SplitData, dict[str, Any]] = (
    weakref.WeakKeyDictionary()
)


def scaled_tensor(data: SplitData, part: str) -> Any:
    """Return ``x_train``, ``x_val`` or ``x_test`` of ``data`` scaled, as a tensor.

    The tensor is made once per split and reused by every run and evaluation
    on it. Converting the NumPy array again in each ``fit`` grows the process
    by about 25 MiB a run on Fashion-MNIST (TensorFlow 2.21), and the
    values are the same either way.
    """
    import keras

    cache = _SCALED.setdefault(data, {})
    if part not in cache:
        images = getattr(data, part)
        cache[part] = keras.ops.convert_to_tensor(scale_images(images))
    return cache[part]


def keras_datasets_dir() -> Path:
    """Return the folder where Keras caches datasets (``$KERAS_HOME/datasets``)."""
    home = os.environ.get("KERAS_HOME") or os.path.join(
        os.path.expanduser("~"), ".keras"
    )
    return Path(home) / "datasets"


def load_images(config: DataConfig) -> ImageSet:
    """Load the dataset that ``config`` names. Raises DatasetError on failure."""
    if config.dataset == "digits":
        return _load_digits()
    if config.data_dir:
        return load_idx_folder(
            config.data_dir, config.dataset, _KNOWN_CLASSES.get(config.dataset)
        )
    if config.dataset == "fashion_mnist":
        return _load_from_keras("fashion_mnist", FASHION_MNIST_CLASSES)
    if config.dataset == "mnist":
        return _load_from_keras("mnist", DIGIT_CLASSES)
    raise DatasetError(
        f"dataset={config.dataset!r} needs a data folder. Choose a folder with the "
        "four IDX files."
    )


def dataset_shape(config: DataConfig) -> tuple[tuple[int, ...], int]:
    """Return (image shape, number of classes) without loading the images.

    The built-in datasets have known shapes. For an IDX folder, the IDX headers
    and the labels are read. Raises DatasetError when the folder cannot be read.
    """
    if config.dataset in KNOWN_SHAPES:
        return KNOWN_SHAPES[config.dataset], 10
    paths = find_idx_files(config.data_dir or "", config.dataset)
    image_shape = tuple(_read_idx_header(paths[0])[1:])
    labels = [read_idx(paths[1]), read_idx(paths[3])]
    return image_shape, int(max(label.max(initial=0) for label in labels)) + 1


def source_signature(config: DataConfig) -> tuple:
    """Return a value that changes when the files behind ``config`` change.

    The session compares it before reusing loaded images, so replaced or
    deleted files are noticed.
    """
    if config.dataset == "digits":
        return ("digits",)
    if config.data_dir:
        paths = find_idx_files(config.data_dir, config.dataset)
    elif config.dataset == "mnist":
        paths = [keras_datasets_dir() / "mnist.npz"]
    else:
        folder = keras_datasets_dir() / "fashion-mnist"
        paths = sorted(folder.glob("*")) if folder.is_dir() else []
    stats = []
    for path in paths:
        try:
            info = path.stat()
        except OSError:
            continue
        stats.append((str(path), info.st_size, info.st_mtime_ns))
    return (config.dataset, config.data_dir, tuple(stats))


def split_images(images: ImageSet, validation_split: float, seed: int) -> SplitData:
    """Split the training images with scikit-learn's ``train_test_split``.

    A ``validation_split`` of 0 keeps every training image, in its original
    order, and leaves the validation set empty.
    """
    from sklearn.model_selection import train_test_split

    count = len(images.x_train)
    if validation_split == 0:
        return SplitData(
            name=images.name,
            x_train=images.x_train,
            y_train=images.y_train,
            x_val=images.x_train[:0],
            y_val=images.y_train[:0],
            x_test=images.x_test,
            y_test=images.y_test,
            class_names=images.class_names,
            source=images.source,
        )
    validation_count = int(np.ceil(count * validation_split))
    if validation_count < 1 or count - validation_count < 1:
        raise DatasetError(
            f"validation fraction {validation_split} leaves an empty training or "
            f"validation set for the {count} training images of {images.name}. "
            "Choose a fraction closer to 0.2."
        )
    x_train, x_val, y_train, y_val = train_test_split(
        images.x_train, images.y_train, test_size=validation_split, random_state=seed
    )
    return SplitData(
        name=images.name,
        x_train=x_train,
        y_train=y_train,
        x_val=x_val,
        y_val=y_val,
        x_test=images.x_test,
        y_test=images.y_test,
        class_names=images.class_names,
        source=images.source,
    )


def load_split(config: DataConfig, seed: int) -> SplitData:
    """Load and split the dataset of ``config`` in one step."""
    return split_images(load_images(config), config.validation_split, seed)


def _load_from_keras(dataset: str, class_names: tuple[str, ...]) -> ImageSet:
    import keras

    loader = getattr(keras.datasets, dataset)
    title = DATASET_CHOICES[dataset]
    try:
        (x_train, y_train), (x_test, y_test) = loader.load_data()
    except Exception as error:  # noqa: BLE001 - any failure gets the same advice
        logger.warning("Loading %s through Keras failed: %s", dataset, error)
        damage = _find_damaged_cache_file(dataset)
        if damage is not None:
            raise DatasetError(
                f"The Keras cache contains a damaged {title} file: {damage} Delete "
                "that file so Keras downloads it again, or open a folder with the "
                f"four {title} files as the data folder."
            ) from error
        reason = _describe(error)
        if "URL fetch failure" in reason:
            reason = "the download failed; check the network connection"
        raise DatasetError(
            f"{title} is not in the Keras cache ({display_path(keras_datasets_dir())}) "
            f"and could not be downloaded: {reason}. Open a folder with the four "
            f"{title} files as the data folder (--data-dir on the command line), or "
            "choose the Digits dataset (--dataset digits), which works offline."
        ) from error
    return ImageSet(
        name=title,
        x_train=x_train,
        y_train=y_train,
        x_test=x_test,
        y_test=y_test,
        class_names=class_names,
        source=f"Keras cache ({display_path(keras_datasets_dir())})",
    )


def _find_damaged_cache_file(dataset: str) -> str | None:
    """Return the error of the first unreadable cached IDX file, or None.

    Only Fashion-MNIST is cached as IDX files; Keras keeps MNIST as one .npz.
    """
    if dataset != "fashion_mnist":
        return None
    folder = keras_datasets_dir() / "fashion-mnist"
    for name in IDX_NAMES:
        path = folder / f"{name}.gz"
        if not path.is_file():
            continue
        try:
            read_idx(path)
        except DatasetError as error:
            return f"{display_path(path)}: {error}"
    return None


def _describe(error: BaseException) -> str:
    text = str(error).strip().splitlines()
    return text[0] if text else type(error).__name__


def _load_digits() -> ImageSet:
    from sklearn.datasets import load_digits
    from sklearn.model_selection import train_test_split

    digits = load_digits()
    # scikit-learn stores the 8x8 images as floats 0..16; map them onto 0..255 so
    # that every dataset follows the same uint8 path and division by 255.
    images = np.rint(digits.images * (255.0 / 16.0)).astype(np.uint8)
    labels = digits.target.astype(np.uint8)
    x_train, x_test, y_train, y_test = train_test_split(
        images,
        labels,
        test_size=_DIGITS_TEST_FRACTION,
        random_state=_DIGITS_TEST_SEED,
        stratify=labels,
    )
    return ImageSet(
        name=dataset_title("digits"),
        x_train=x_train,
        y_train=y_train,
        x_test=x_test,
        y_test=y_test,
        class_names=DIGIT_CLASSES,
        source="scikit-learn load_digits (20 % held out as the test set)",
    )


def find_idx_files(
    folder: str | os.PathLike[str], dataset: str = "idx_folder"
) -> list[Path]:
    """Return the four IDX files in ``folder``, in the order of ``IDX_NAMES``.

    Each file may be raw or gzipped (``.gz``). The folder itself is searched
    first, then, for Fashion-MNIST and MNIST, that dataset's Keras cache
    layout below it. Raises DatasetError naming the missing files.
    """
    root = Path(folder)
    if not root.is_dir():
        raise DatasetError(
            f"Data folder {display_path(root)!r} was not found or is not a folder. "
            "Choose the folder that contains the four IDX files."
        )
    best_found: list[Path | None] = [None] * len(IDX_NAMES)
    for layout in _FOLDER_LAYOUTS.get(dataset, (".",)):
        found = [_find_one(root / layout, name) for name in IDX_NAMES]
        if all(path is not None for path in found):
            return [path for path in found if path is not None]
        if sum(p is not None for p in found) > sum(p is not None for p in best_found):
            best_found = found
    missing = [
        name for name, path in zip(IDX_NAMES, best_found, strict=True) if path is None
    ]
    raise DatasetError(
        f"Data folder {display_path(root)!r} is missing {', '.join(missing)} "
        "(raw or .gz). Put the four official IDX files in that folder, or choose "
        "another folder."
    )


def _find_one(folder: Path, name: str) -> Path | None:
    for candidate in (folder / f"{name}.gz", folder / name):
        if candidate.is_file():
            return candidate
    return None


def load_idx_folder(
    folder: str | os.PathLike[str],
    dataset: str = "idx_folder",
    class_names: tuple[str, ...] | None = None,
) -> ImageSet:
    """Load the four IDX files of ``folder`` as a dataset.

    Images of any consistent size are accepted. Without ``class_names`` the
    classes are named by their label numbers.
    """
    x_train_path, y_train_path, x_test_path, y_test_path = find_idx_files(
        folder, dataset
    )
    x_train = read_idx(x_train_path)
    y_train = read_idx(y_train_path)
    x_test = read_idx(x_test_path)
    y_test = read_idx(y_test_path)

    _check_pair(x_train, y_train, x_train_path, y_train_path)
    _check_pair(x_test, y_test, x_test_path, y_test_path)
    if x_train.shape[1:] != x_test.shape[1:]:
        raise DatasetError(
            f"{x_train_path.name} contains {_size(x_train)} images but "
            f"{x_test_path.name} contains {_size(x_test)} images. Use the training "
            "and test files of one dataset."
        )

    expected_shape = KNOWN_SHAPES.get(dataset)
    if expected_shape is not None and x_train.shape[1:] != expected_shape:
        raise DatasetError(
            f"{x_train_path.name} contains {_size(x_train)} images, but "
            f"{DATASET_CHOICES[dataset]} images are {size_text(expected_shape)}. "
            "Choose the IDX folder dataset for images of other sizes."
        )
    num_classes = int(max(y_train.max(initial=0), y_test.max(initial=0))) + 1
    if class_names is not None and num_classes > len(class_names):
        raise DatasetError(
            f"{y_train_path.name} or {y_test_path.name} contains label "
            f"{num_classes - 1}, but {DATASET_CHOICES[dataset]} has "
            f"{len(class_names)} classes (labels 0 to {len(class_names) - 1}). Choose "
            "the IDX folder dataset for files with other labels."
        )
    if num_classes < 2:
        raise DatasetError(
            f"{y_train_path.name} contains only label 0, so there is nothing to "
            "classify. Use labels files with at least two classes."
        )
    if class_names is None:
        class_names = tuple(str(label) for label in range(num_classes))
    title = DATASET_CHOICES.get(dataset, dataset)
    return ImageSet(
        name=title,
        x_train=x_train,
        y_train=y_train,
        x_test=x_test,
        y_test=y_test,
        class_names=class_names,
        source=f"IDX files in {display_path(x_train_path.parent)}",
    )


def _size(images: np.ndarray) -> str:
    return size_text(images.shape[1:])


def size_text(shape: tuple[int, ...]) -> str:
    """Return an image shape as text, such as ``28x28``."""
    return "x".join(str(n) for n in shape)


def _check_pair(
    images: np.ndarray, labels: np.ndarray, x_path: Path, y_path: Path
) -> None:
    if images.ndim < 2:
        raise DatasetError(
            f"{x_path.name} is not an image file: it contains "
            f"{images.ndim}-dimensional data. Check that the images and labels "
            "files are not swapped."
        )
    if labels.ndim != 1:
        raise DatasetError(
            f"{y_path.name} is not a labels file: it contains "
            f"{labels.ndim}-dimensional data. Check that the images and labels "
            "files are not swapped."
        )
    if len(images) != len(labels):
        raise DatasetError(
            f"{x_path.name} contains {len(images)} images but {y_path.name} contains "
            f"{len(labels)} labels. Use the images and labels files of one dataset."
        )
    if len(images) == 0:
        raise DatasetError(
            f"{x_path.name} contains no images. Use a complete IDX file."
        )


def _read_idx_header(path: Path) -> tuple[int, ...]:
    """Return the shape stored in an IDX file's header, reading only the header."""
    opener = gzip.open if path.suffix == ".gz" else open
    try:
        with opener(path, "rb") as stream:
            head = stream.read(4)
            if len(head) < 4 or head[0] or head[1] or head[2] != _IDX_UBYTE:
                raise DatasetError(
                    f"{path.name} has an invalid IDX magic number 0x{head.hex()}; "
                    "expected 0x0000080N. Use an official IDX file."
                )
            dims = stream.read(4 * head[3])
    except (OSError, EOFError, zlib.error) as error:
        raise DatasetError(
            f"{path.name} could not be read: {_describe(error)}. Download the "
            "official file again."
        ) from error
    if len(dims) < 4 * head[3]:
        raise DatasetError(f"{path.name} is truncated inside its IDX header.")
    return struct.unpack(f">{head[3]}I", dims)


def read_idx(path: str | os.PathLike[str]) -> np.ndarray:
    """Read an IDX file of unsigned bytes (raw or gzipped) into a ``uint8`` array.

    Raises DatasetError for a file that is not gzip where the name says so, is
    truncated, or does not start with an IDX header of unsigned bytes.
    """
    path = Path(path)
    try:
        if path.suffix == ".gz":
            with gzip.open(path, "rb") as stream:
                content = stream.read()
        else:
            content = path.read_bytes()
    except gzip.BadGzipFile as error:
        if "Not a gzipped file" in str(error):
            raise DatasetError(
                f"{path.name} is not a gzip file ({error}); it may be a web page saved "
                "under that name. Download the official file again."
            ) from error
        raise DatasetError(
            f"{path.name} is a damaged gzip file ({error}). Download the official "
            "file again."
        ) from error
    except zlib.error as error:
        raise DatasetError(
            f"{path.name} is a damaged gzip file: its compressed data is invalid "
            f"({error}). Download the official file again."
        ) from error
    except (EOFError, OSError, ValueError) as error:
        raise DatasetError(
            f"{path.name} could not be read: {_describe(error)}. The file is probably "
            "truncated; download the official file again."
        ) from error

    if len(content) < 4:
        raise DatasetError(
            f"{path.name} is too short to be an IDX file ({len(content)} bytes). "
            "Download the official file again."
        )
    zero, data_type, ndim = content[0] * 256 + content[1], content[2], content[3]
    if zero != 0 or data_type != _IDX_UBYTE or not 1 <= ndim <= 4:
        raise DatasetError(
            f"{path.name} has an invalid IDX magic number 0x{content[:4].hex()}; "
            "expected 0x0000080N (unsigned bytes, N dimensions). Use an official "
            "IDX file."
        )
    header_size = 4 + 4 * ndim
    if len(content) < header_size:
        raise DatasetError(f"{path.name} is truncated inside its IDX header.")
    shape = struct.unpack(f">{ndim}I", content[4:header_size])
    # Python integers, because a damaged header can overflow 64 bits.
    expected = math.prod(shape)
    actual = len(content) - header_size
    if actual != expected:
        raise DatasetError(
            f"{path.name} should contain {expected} bytes of data for shape {shape} "
            f"but contains {actual}, so the file is truncated or damaged. Download "
            "the official file again."
        )
    return np.frombuffer(content, dtype=np.uint8, offset=header_size).reshape(shape)
