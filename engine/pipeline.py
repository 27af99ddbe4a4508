"""The inputs of ``fit``: NumPy-like arrays, or fast mode's ``tf.data`` pipeline.

Fast mode keeps the model, the loss, the optimizer, the scaled values and the
batch order of a plain run. Three levers remove overhead around them:

- ``uint8`` images are batched by Keras' own array adapter, which shuffles
  and slices them as ``fit`` does with arrays, and each batch is scaled on the
  fly (``cast`` to ``float32``, then divide by 255). No ``float32`` or
  ``float64`` copy of the whole dataset exists.
- ``prefetch`` scales the next batches while the current one trains.
- ``steps_per_execution`` runs several batches per call into the compiled
  training function, so Python and callbacks run once per group of batches.

A fast run therefore gives the same per-epoch numbers as a plain run with the
same seed (a test compares them). What differs is that progress reports and
stop requests happen once per group of batches.
"""

from __future__ import annotations

import logging
import weakref
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from engine.data import SplitData, scaled_tensor

if TYPE_CHECKING:
    import keras

    from engine.config import RunConfig

logger = logging.getLogger(__name__)

# Batches per call in fast mode. Progress reports and stop requests wait for
# the end of a call, so a stop waits at most 32 batches (1024 images at batch
# size 32, well under a second on 2 CPU cores). scripts/bench measures the
# effect of this lever alone.
FAST_STEPS_PER_EXECUTION = 32


@dataclass(frozen=True)
class FitLevers:
    """Fast-mode levers of one run. The benchmark turns each one on alone."""

    uint8_pipeline: bool = False
    """Input through a ``tf.data`` pipeline of ``uint8`` images scaled per batch."""
    prefetch: bool = False
    """Prefetching of batches, used only with ``uint8_pipeline``."""
    steps_per_execution: int = 1
    """Batches per call of the compiled training and test functions."""


PLAIN = FitLevers()
FAST = FitLevers(
    uint8_pipeline=True, prefetch=True, steps_per_execution=FAST_STEPS_PER_EXECUTION
)


# NOTE: Keras 3.15 fails with steps_per_execution > 1 under MirroredStrategy
# ("You must feed a value for placeholder tensor" in multi_step_on_iterator),
# so fast mode on several devices keeps one batch per call.
FAST_DISTRIBUTED = FitLevers(uint8_pipeline=True, prefetch=True)


def levers_for(config: RunConfig) -> FitLevers:
    """Return the levers of ``config``: all of them in fast mode, none otherwise."""
    if not config.fit.fast:
        return PLAIN
    return FAST if config.fit.strategy == "default" else FAST_DISTRIBUTED


def set_steps_per_execution(model: keras.Model, steps: int) -> None:
    """Make ``model`` run ``steps`` batches per call of its compiled functions.

    The compiled functions are dropped only when the value changes, because
    each new trace keeps memory in TensorFlow 2.21.
    """
    if model.steps_per_execution == steps:
        return
    model.steps_per_execution = steps
    model.train_function = None
    model.test_function = None
    model.predict_function = None


_IMAGES: weakref.WeakKeyDictionary[SplitData, dict[str, Any]] = (
    weakref.WeakKeyDictionary()
)


def _uint8_tensor(data: SplitData, part: str) -> Any:
    """Return ``data.<part>`` as a tensor, made once per split like scaled_tensor."""
    import tensorflow as tf

    cache = _IMAGES.setdefault(data, {})
    if part not in cache:
        cache[part] = tf.convert_to_tensor(getattr(data, part))
    return cache[part]


def _scale_batch(images: Any, labels: Any) -> tuple[Any, Any]:
    import tensorflow as tf

    # IEEE division is correctly rounded, so this equals scale_images().
    return tf.cast(images, tf.float32) / tf.constant(255.0, tf.float32), labels


def _uint8_batches(images: Any, labels: Any, batch_size: int, shuffle: bool) -> Any:
    """Return batches of ``images`` and ``labels`` in the order ``fit`` gives arrays.

    NOTE: this uses Keras' private ArrayDataAdapter (Keras 3.15), which
    ``fit`` itself uses for arrays, so the shuffle order follows the same
    seed. Without it, a ``tf.data`` shuffle gives another order.
    """
    import tensorflow as tf

    try:
        from keras.src.trainers.data_adapters.array_data_adapter import (
            ArrayDataAdapter,
        )
    except ImportError as error:
        logger.warning("Keras' array adapter is missing (%s); shuffling apart", error)
        dataset = tf.data.Dataset.from_tensor_slices((images, labels))
        if shuffle:
            dataset = dataset.shuffle(len(labels), reshuffle_each_iteration=True)
        return dataset.batch(batch_size)
    adapter = ArrayDataAdapter(images, labels, batch_size=batch_size, shuffle=shuffle)
    # The adapter's dataset has an unknown length, and Keras then warns that
    # the input "ran out of data" at the end of each epoch.
    batches = -(-len(labels) // batch_size)
    return adapter.get_tf_dataset().apply(
        tf.data.experimental.assert_cardinality(batches)
    )


def image_dataset(
    data: SplitData, part: str, batch_size: int, prefetch: bool, shuffle: bool = False
) -> Any:
    """Return a ``tf.data`` pipeline of scaled batches of ``x_<part>``, ``y_<part>``.

    With ``shuffle`` the images are shuffled again in each epoch.
    """
    import tensorflow as tf

    images = _uint8_tensor(data, f"x_{part}")
    labels = getattr(data, f"y_{part}")
    dataset = _uint8_batches(images, labels, batch_size, shuffle)
    # Scaling whole batches runs one vectorized op per batch, not per image.
    if not prefetch:
        return dataset.map(_scale_batch)
    dataset = dataset.map(_scale_batch, num_parallel_calls=tf.data.AUTOTUNE)
    return dataset.prefetch(tf.data.AUTOTUNE)


def fit_inputs(config: RunConfig, data: SplitData, levers: FitLevers) -> dict:
    """Return the data arguments of ``model.fit`` for ``config`` with ``levers``."""
    batch_size = config.fit.batch_size
    # A split without validation images fits without validation data.
    has_validation = len(data.y_val) > 0
    if not levers.uint8_pipeline:
        validation = (scaled_tensor(data, "x_val"), data.y_val)
        return {
            "x": scaled_tensor(data, "x_train"),
            "y": data.y_train,
            "batch_size": batch_size,
            "validation_data": validation if has_validation else None,
        }
    validation = image_dataset(data, "val", batch_size, levers.prefetch)
    return {
        "x": image_dataset(data, "train", batch_size, levers.prefetch, shuffle=True),
        "validation_data": validation if has_validation else None,
        # The pipeline shuffles, and Keras warns when asked to shuffle a dataset.
        "shuffle": False,
    }
