"""Tests of dataset loading, IDX parsing, the validation split and scaling."""

from __future__ import annotations

import gzip

import numpy as np
import pytest
from sklearn.model_selection import train_test_split

from engine.config import DataConfig, RunConfig
from engine.data import (
    DIGIT_CLASSES,
    FASHION_MNIST_CLASSES,
    IDX_NAMES,
    DatasetError,
    ImageSet,
    find_idx_files,
    load_idx_folder,
    load_images,
    read_idx,
    scale_images,
    split_images,
)

# Keras' own message when get_file cannot reach the download host.
OFFLINE_ERROR = (
    "URL fetch failure on https://storage.googleapis.com/tensorflow/tf-keras-datasets/"
    "train-labels-idx1-ubyte.gz: None -- "
    "[Errno -3] Temporary failure in name resolution"
)


# Scaling ------------------------------------------------------------------


def test_scale_images_matches_float64_division():
    values = np.arange(256, dtype=np.uint8)

    scaled = scale_images(values)

    assert scaled.dtype == np.float32
    assert np.array_equal(scaled, (values / 255.0).astype(np.float32))


def test_scale_images_spans_unit_interval():
    scaled = scale_images(np.arange(256, dtype=np.uint8).reshape(16, 16))

    assert scaled.min() == 0.0
    assert scaled.max() == 1.0
    assert scaled.shape == (16, 16)


# read_idx -------------------------------------------------------------------


@pytest.mark.parametrize("suffix", ["", ".gz"])
def test_read_idx_good_file(tmp_path, idx_writer, suffix):
    images = np.arange(2 * 3 * 4, dtype=np.uint8).reshape(2, 3, 4)
    path = idx_writer(tmp_path / f"images{suffix}", images)

    loaded = read_idx(path)

    assert loaded.dtype == np.uint8
    assert np.array_equal(loaded, images)


def test_read_idx_labels_file(tmp_path, idx_writer):
    labels = np.array([3, 1, 4, 1, 5], dtype=np.uint8)
    path = idx_writer(tmp_path / "labels.gz", labels)

    assert np.array_equal(read_idx(path), labels)


def test_read_idx_truncated_gzip(tmp_path, idx_encoder):
    content = gzip.compress(idx_encoder(np.zeros((10, 28, 28), dtype=np.uint8)))
    path = tmp_path / "train-images-idx3-ubyte.gz"
    path.write_bytes(content[: len(content) // 2])

    with pytest.raises(DatasetError) as caught:
        read_idx(path)

    message = str(caught.value)
    assert "train-images-idx3-ubyte.gz" in message
    assert "truncated" in message


def test_read_idx_html_saved_as_gzip(tmp_path):
    path = tmp_path / "train-labels-idx1-ubyte.gz"
    path.write_bytes(
        b"<!DOCTYPE html>\n<html><body>Sign in to continue</body></html>\n"
    )

    with pytest.raises(DatasetError) as caught:
        read_idx(path)

    message = str(caught.value)
    assert "train-labels-idx1-ubyte.gz" in message
    assert "not a gzip file" in message


@pytest.mark.parametrize(
    ("header", "magic"),
    [
        (bytes((0, 0, 0x0D, 1, 0, 0, 0, 1)) + b"\0\0\0\0", "00000d01"),
        (bytes((1, 0, 0x08, 1, 0, 0, 0, 1)) + b"\0", "01000801"),
        (bytes((0, 0, 0x08, 0)) + b"\0", "00000800"),
        (bytes((0, 0, 0x08, 5)) + b"\0" * 24, "00000805"),
        (gzip.compress(b"\0\0\x08\x01\0\0\0\x01\0"), "1f8b0800"),
    ],
    ids=[
        "float-type",
        "nonzero-prefix",
        "zero-dims",
        "five-dims",
        "gzip-without-suffix",
    ],
)
def test_read_idx_wrong_magic(tmp_path, header, magic):
    path = tmp_path / "labels"
    path.write_bytes(header)

    with pytest.raises(DatasetError) as caught:
        read_idx(path)

    message = str(caught.value)
    assert "invalid IDX magic number" in message
    assert f"0x{magic}" in message


@pytest.mark.parametrize("extra_bytes", [-1, 1])
def test_read_idx_size_mismatch(tmp_path, idx_encoder, extra_bytes):
    content = idx_encoder(np.zeros((3, 4, 4), dtype=np.uint8))
    if extra_bytes < 0:
        content = content[:extra_bytes]
    else:
        content = content + b"\0" * extra_bytes
    path = tmp_path / "images"
    path.write_bytes(content)

    with pytest.raises(DatasetError) as caught:
        read_idx(path)

    message = str(caught.value)
    assert "should contain 48 bytes" in message
    assert f"contains {48 + extra_bytes}" in message


@pytest.mark.parametrize("content", [b"", b"\0\0", b"\0\0\x08"])
def test_read_idx_too_short(tmp_path, content):
    path = tmp_path / "images"
    path.write_bytes(content)

    with pytest.raises(DatasetError, match="too short to be an IDX file"):
        read_idx(path)


def test_read_idx_truncated_header(tmp_path):
    path = tmp_path / "images"
    path.write_bytes(bytes((0, 0, 0x08, 3, 0, 0, 0, 2, 0, 0)))

    with pytest.raises(DatasetError, match="truncated inside its IDX header"):
        read_idx(path)


# find_idx_files ---------------------------------------------------------------


def test_find_idx_files_mixed_raw_and_gzip(tmp_path, idx_writer):
    names = [
        "train-images-idx3-ubyte.gz",
        "train-labels-idx1-ubyte",
        "t10k-images-idx3-ubyte",
        "t10k-labels-idx1-ubyte.gz",
    ]
    for name in names:
        idx_writer(tmp_path / name, np.zeros(1, dtype=np.uint8))

    found = find_idx_files(tmp_path)

    assert [path.name for path in found] == names
    assert all(path.parent == tmp_path for path in found)


def test_find_idx_files_keras_home_layout(tmp_path, idx_writer):
    cache = tmp_path / "datasets" / "fashion-mnist"
    cache.mkdir(parents=True)
    for name in IDX_NAMES:
        idx_writer(cache / f"{name}.gz", np.zeros(1, dtype=np.uint8))

    found = find_idx_files(tmp_path, "fashion_mnist")

    assert [path.parent for path in found] == [cache] * 4
    assert [path.name for path in found] == [f"{name}.gz" for name in IDX_NAMES]


def test_idx_folder_ignores_keras_layout(tmp_path, idx_writer):
    cache = tmp_path / "datasets" / "fashion-mnist"
    cache.mkdir(parents=True)
    for name in IDX_NAMES:
        idx_writer(cache / f"{name}.gz", np.zeros(1, dtype=np.uint8))

    with pytest.raises(DatasetError, match="is missing"):
        find_idx_files(tmp_path, "idx_folder")


def test_find_idx_files_names_missing_file(tmp_path, idx_writer):
    for name in IDX_NAMES[:3]:
        idx_writer(tmp_path / name, np.zeros(1, dtype=np.uint8))

    with pytest.raises(DatasetError) as caught:
        find_idx_files(tmp_path)

    message = str(caught.value)
    assert "is missing t10k-labels-idx1-ubyte" in message
    assert "train-images-idx3-ubyte" not in message


def test_find_idx_files_empty_folder(tmp_path):
    with pytest.raises(DatasetError) as caught:
        find_idx_files(tmp_path)

    message = str(caught.value)
    for name in IDX_NAMES:
        assert name in message, f"message does not name {name}"


def test_find_idx_files_missing_folder(tmp_path):
    missing = tmp_path / "nowhere"

    with pytest.raises(DatasetError, match="was not found or is not a folder"):
        find_idx_files(missing)


# load_idx_folder ----------------------------------------------------------------


def test_load_idx_folder_other_image_size(make_idx_folder):
    folder = make_idx_folder(shape=(12, 10), classes=3, train_count=60, test_count=15)

    images = load_idx_folder(folder)

    assert images.x_train.shape == (60, 12, 10)
    assert images.x_test.shape == (15, 12, 10)
    assert images.x_train.dtype == np.uint8
    assert images.class_names == ("0", "1", "2")
    assert images.name == "IDX folder"


def test_load_idx_folder_raw_files(make_idx_folder):
    folder = make_idx_folder(gzipped=False, train_count=20, test_count=5)

    images = load_idx_folder(folder)

    assert len(images.x_train) == 20
    assert len(images.y_test) == 5


def test_load_idx_folder_count_mismatch(tmp_path, idx_writer):
    idx_writer(tmp_path / IDX_NAMES[0], np.zeros((5, 4, 4), dtype=np.uint8))
    idx_writer(tmp_path / IDX_NAMES[1], np.zeros(4, dtype=np.uint8))
    idx_writer(tmp_path / IDX_NAMES[2], np.zeros((2, 4, 4), dtype=np.uint8))
    idx_writer(tmp_path / IDX_NAMES[3], np.zeros(2, dtype=np.uint8))

    with pytest.raises(DatasetError) as caught:
        load_idx_folder(tmp_path)

    message = str(caught.value)
    assert "train-images-idx3-ubyte contains 5 images" in message
    assert "train-labels-idx1-ubyte contains 4 labels" in message


def test_load_idx_folder_train_test_sizes_differ(tmp_path, idx_writer):
    idx_writer(tmp_path / IDX_NAMES[0], np.zeros((5, 4, 4), dtype=np.uint8))
    idx_writer(tmp_path / IDX_NAMES[1], np.zeros(5, dtype=np.uint8))
    idx_writer(tmp_path / IDX_NAMES[2], np.zeros((2, 4, 5), dtype=np.uint8))
    idx_writer(tmp_path / IDX_NAMES[3], np.zeros(2, dtype=np.uint8))

    with pytest.raises(DatasetError) as caught:
        load_idx_folder(tmp_path)

    message = str(caught.value)
    assert "4x4" in message
    assert "4x5" in message


def test_load_idx_folder_swapped_files(tmp_path, idx_writer):
    idx_writer(tmp_path / IDX_NAMES[0], np.zeros(5, dtype=np.uint8))
    idx_writer(tmp_path / IDX_NAMES[1], np.zeros((5, 4, 4), dtype=np.uint8))
    idx_writer(tmp_path / IDX_NAMES[2], np.zeros((2, 4, 4), dtype=np.uint8))
    idx_writer(tmp_path / IDX_NAMES[3], np.zeros(2, dtype=np.uint8))

    with pytest.raises(DatasetError, match="swapped"):
        load_idx_folder(tmp_path)


def test_idx_images_train_one_epoch(make_idx_folder):
    from engine.training import train

    folder = make_idx_folder(shape=(12, 10), classes=3, train_count=60, test_count=15)
    config = RunConfig().replace(
        dataset="idx_folder", data_dir=str(folder), epochs=1, batch_size=16
    )
    data = split_images(
        load_images(config.data), config.data.validation_split, config.seed
    )

    result = train(config, data)

    assert result.epochs_completed == 1
    assert tuple(result.model.input_shape) == (None, 12, 10)
    assert tuple(result.model.output_shape) == (None, 3)
    assert len(result.history.metrics["val_accuracy"]) == 1


def test_fashion_folder_uses_fashion_names(make_idx_folder):
    folder = make_idx_folder(shape=(28, 28), classes=10, train_count=20, test_count=10)

    images = load_images(DataConfig(dataset="fashion_mnist", data_dir=str(folder)))

    assert images.class_names == FASHION_MNIST_CLASSES
    assert images.name == "Fashion-MNIST"


def test_mnist_folder_prefers_mnist_subfolder(tmp_path, idx_writer):
    # A folder holding both caches, as a Keras home can: the MNIST choice must
    # not pick up the Fashion-MNIST files.
    for subfolder, value in (("fashion-mnist", 1), ("mnist", 2)):
        folder = tmp_path / subfolder
        folder.mkdir()
        idx_writer(folder / IDX_NAMES[0], np.full((4, 28, 28), value, dtype=np.uint8))
        idx_writer(folder / IDX_NAMES[1], np.arange(4, dtype=np.uint8))
        idx_writer(folder / IDX_NAMES[2], np.full((2, 28, 28), value, dtype=np.uint8))
        idx_writer(folder / IDX_NAMES[3], np.arange(2, dtype=np.uint8))

    images = load_images(DataConfig(dataset="mnist", data_dir=str(tmp_path)))

    assert int(images.x_train[0, 0, 0]) == 2, (
        "MNIST was loaded from the Fashion-MNIST files"
    )


# Built-in datasets --------------------------------------------------------------


def test_digits_load_offline(digits_images):
    assert digits_images.class_names == DIGIT_CLASSES
    assert digits_images.x_train.dtype == np.uint8
    assert digits_images.x_train.shape[1:] == (8, 8)
    assert len(digits_images.x_train) + len(digits_images.x_test) == 1797
    assert len(digits_images.x_test) == 360
    assert set(np.unique(digits_images.y_train)) == set(range(10))
    assert int(digits_images.x_train.max()) == 255


@pytest.mark.real_data
def test_fashion_mnist_from_keras_cache(fashion_images):
    assert fashion_images.x_train.shape == (60000, 28, 28)
    assert fashion_images.y_train.shape == (60000,)
    assert fashion_images.x_test.shape == (10000, 28, 28)
    assert fashion_images.y_test.shape == (10000,)
    assert fashion_images.x_train.dtype == np.uint8
    assert fashion_images.class_names == (
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


@pytest.mark.real_data
def test_fashion_folder_matches_keras_cache(fashion_images, fashion_mnist_dir):
    images = load_images(
        DataConfig(dataset="fashion_mnist", data_dir=str(fashion_mnist_dir))
    )

    assert np.array_equal(images.x_train, fashion_images.x_train)
    assert np.array_equal(images.y_test, fashion_images.y_test)


@pytest.mark.real_data
def test_split_matches_sklearn_real_data(fashion_images):
    split = split_images(fashion_images, 0.2, 42)
    x_train, x_val, y_train, y_val = train_test_split(
        fashion_images.x_train, fashion_images.y_train, test_size=0.2, random_state=42
    )

    assert len(split.x_train) == 48000
    assert len(split.x_val) == 12000
    assert np.array_equal(split.x_train, x_train)
    assert np.array_equal(split.x_val, x_val)
    assert np.array_equal(split.y_train, y_train)
    assert np.array_equal(split.y_val, y_val)
    assert split.x_test is fashion_images.x_test
    assert split.num_classes == 10
    assert split.image_shape == (28, 28)


@pytest.mark.parametrize(("fraction", "seed"), [(0.2, 42), (0.35, 7)])
def test_split_matches_sklearn_digits(digits_images, fraction, seed):
    split = split_images(digits_images, fraction, seed)
    x_train, x_val, y_train, y_val = train_test_split(
        digits_images.x_train,
        digits_images.y_train,
        test_size=fraction,
        random_state=seed,
    )

    assert np.array_equal(split.x_train, x_train)
    assert np.array_equal(split.x_val, x_val)
    assert np.array_equal(split.y_train, y_train)
    assert np.array_equal(split.y_val, y_val)


def test_split_too_few_images():
    images = ImageSet(
        name="tiny",
        x_train=np.zeros((1, 2, 2), dtype=np.uint8),
        y_train=np.zeros(1, dtype=np.uint8),
        x_test=np.zeros((1, 2, 2), dtype=np.uint8),
        y_test=np.zeros(1, dtype=np.uint8),
        class_names=("0",),
        source="test",
    )

    with pytest.raises(
        DatasetError, match="leaves an empty training or validation set"
    ):
        split_images(images, 0.2, 42)


@pytest.mark.parametrize(
    ("dataset", "title"), [("fashion_mnist", "Fashion-MNIST"), ("mnist", "MNIST")]
)
def test_failed_keras_load_names_fix(monkeypatch, dataset, title):
    import keras

    def fail_offline():
        # Keras' get_file raises a bare Exception when the download fails.
        raise Exception(OFFLINE_ERROR)

    monkeypatch.setattr(getattr(keras.datasets, dataset), "load_data", fail_offline)

    with pytest.raises(DatasetError) as caught:
        load_images(DataConfig(dataset=dataset))

    message = str(caught.value)
    assert f"{title} is not in the Keras cache" in message
    assert "could not be downloaded: the download failed" in message
    assert "folder" in message
    assert "Digits" in message


def test_zero_validation_keeps_all_images(digits_images):
    split = split_images(digits_images, 0.0, 42)

    assert len(split.x_val) == 0
    assert len(split.y_val) == 0
    assert split.x_val.shape[1:] == digits_images.x_train.shape[1:]
    np.testing.assert_array_equal(split.x_train, digits_images.x_train)
    np.testing.assert_array_equal(split.y_train, digits_images.y_train)
