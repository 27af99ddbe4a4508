"""Tests of fast mode: the same values, order and numbers as a plain run."""

from __future__ import annotations

import threading

import keras
import numpy as np
import pytest

from engine.config import RunConfig
from engine.data import SplitData, scale_images, split_images
from engine.pipeline import (
    _IMAGES,
    FAST,
    FAST_STEPS_PER_EXECUTION,
    PLAIN,
    fit_inputs,
    image_dataset,
)
from engine.session import TrainerSession
from engine.training import train


def every_byte_split() -> SplitData:
    """Return a tiny split whose training images hold each value 0..255 once."""
    images = np.arange(256, dtype=np.uint8).reshape(4, 8, 8)
    labels = np.arange(4, dtype=np.uint8)
    return SplitData(
        name="bytes",
        x_train=images,
        y_train=labels,
        x_val=images[:2],
        y_val=labels[:2],
        x_test=images[:2],
        y_test=labels[:2],
        class_names=("a", "b", "c", "d"),
        source="test",
    )


def test_pipeline_scales_like_arrays():
    data = every_byte_split()

    batches = list(image_dataset(data, "train", batch_size=3, prefetch=True))
    scaled = np.concatenate([images.numpy() for images, _ in batches])

    assert scaled.dtype == np.float32
    np.testing.assert_array_equal(scaled, scale_images(data.x_train))


def test_pipeline_keeps_uint8_source():
    data = every_byte_split()
    config = RunConfig().replace(batch_size=2, fast=True)

    inputs = fit_inputs(config, data, FAST)
    images, labels = inputs["x"].element_spec

    assert images.dtype.name == "float32"
    assert "y" not in inputs, "labels travel inside the dataset"
    assert inputs["shuffle"] is False
    # The tensor the pipeline slices is the uint8 one, not a float copy.
    assert _IMAGES[data]["x_train"].dtype.name == "uint8"
    assert _IMAGES[data]["x_val"].dtype.name == "uint8"


def test_plain_inputs_unchanged():
    data = every_byte_split()
    config = RunConfig().replace(batch_size=2)

    inputs = fit_inputs(config, data, PLAIN)

    assert inputs["batch_size"] == 2
    np.testing.assert_array_equal(np.asarray(inputs["x"]), scale_images(data.x_train))
    np.testing.assert_array_equal(inputs["y"], data.y_train)


def test_pipeline_shuffles_by_seed():
    count = 100
    images = np.arange(count, dtype=np.uint8).reshape(count, 1, 1)
    labels = np.arange(count, dtype=np.uint8)
    data = SplitData("ids", images, labels, images, labels, images, labels, (), "")

    def order(seed):
        keras.utils.set_random_seed(seed)
        dataset = image_dataset(data, "train", 8, prefetch=True, shuffle=True)
        return [int(label) for _, batch in dataset for label in batch.numpy()]

    first = order(7)

    assert sorted(first) == list(range(count)), "each image once per epoch"
    assert first != list(range(count)), "the images are shuffled"
    assert first == order(7), "the same seed gives the same order"
    assert first != order(8), "another seed gives another order"


@pytest.mark.real_data
def test_fast_matches_plain_on_slice(fashion_images):
    from engine.data import ImageSet

    images = ImageSet(
        name=fashion_images.name,
        x_train=fashion_images.x_train[:6000],
        y_train=fashion_images.y_train[:6000],
        x_test=fashion_images.x_test[:200],
        y_test=fashion_images.y_test[:200],
        class_names=fashion_images.class_names,
        source=fashion_images.source,
    )
    data = split_images(images, 0.2, 42)
    config = RunConfig().replace(epochs=3)

    plain = train(config, data)
    fast = train(config.replace(fast=True), data)

    assert fast.epochs_completed == 3
    assert fast.model.steps_per_execution == FAST_STEPS_PER_EXECUTION
    assert fast.history.to_dict() == plain.history.to_dict()


def test_fast_then_plain_matches_fresh_plain():
    # A model reused after a fast run must return to one batch per call.
    config = RunConfig().replace(dataset="digits", epochs=2)
    session = TrainerSession()
    session.train(config.replace(fast=True))
    reused = session.train(config)

    fresh = TrainerSession().train(config)

    assert session.model.steps_per_execution == 1
    assert reused.history.to_dict() == fresh.history.to_dict()


@pytest.mark.parametrize("dropout", [0.0, 0.3])
def test_fast_matches_plain_on_digits(dropout):
    config = RunConfig().replace(dataset="digits", epochs=3, dropout=dropout)

    plain = TrainerSession().train(config)
    fast = TrainerSession().train(config.replace(fast=True))

    assert fast.history.to_dict() == plain.history.to_dict()


def test_fast_repeats_with_same_seed():
    config = RunConfig().replace(dataset="digits", epochs=2, fast=True)

    first = TrainerSession().train(config)
    second = TrainerSession().train(config)

    assert first.history.to_dict() == second.history.to_dict()


def test_fast_reports_progress_and_epochs(digits_images, recording_listener):
    data = split_images(digits_images, 0.2, 42)
    config = RunConfig().replace(dataset="digits", epochs=2, fast=True)
    listener = recording_listener()

    train(config, data, listener)

    assert [result.epoch for result in listener.epochs] == [1, 2]
    last = listener.progress[-1]
    assert last.batch == last.batches
    assert "val_accuracy" in listener.epochs[-1].metrics


def test_fast_stop_mid_run(digits_images, recording_listener):
    data = split_images(digits_images, 0.2, 42)
    stop_event = threading.Event()
    listener = recording_listener(on_epoch=lambda result: stop_event.set())
    config = RunConfig().replace(dataset="digits", epochs=5, fast=True)

    result = train(config, data, listener, stop_event)

    assert result.stopped
    assert result.epochs_completed == 1


@pytest.mark.parametrize("levers", [PLAIN, FAST], ids=["plain", "fast"])
def test_no_validation_images_no_validation_data(levers):
    data = every_byte_split()
    empty = SplitData(
        name=data.name,
        x_train=data.x_train,
        y_train=data.y_train,
        x_val=data.x_val[:0],
        y_val=data.y_val[:0],
        x_test=data.x_test,
        y_test=data.y_test,
        class_names=data.class_names,
        source=data.source,
    )

    inputs = fit_inputs(RunConfig().replace(batch_size=2), empty, levers)

    assert inputs["validation_data"] is None
