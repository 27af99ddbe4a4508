"""One training variant per process: epoch times, accuracy and peak memory.

Usage: python -m benchmarks.fit_variants VARIANT EPOCHS [TRAIN_IMAGES]

Variants:
  plain_script   the tutorial script: float64 images / 255, batch 32, fit with
                 validation data, keras.datasets loader, scikit-learn split
  engine         the app's engine with the window's streaming listener
                 (gui.tasks.TaskWorker, whose signals have no receiver)
  steps          engine plus steps_per_execution alone
  uint8          engine plus the uint8 tf.data pipeline alone (no prefetch)
  uint8_prefetch engine plus the uint8 pipeline and prefetching
  fast           fast mode: all levers (FitConfig.fast)

Every variant uses Fashion-MNIST from the Keras cache, seed 42, RMSprop at
0.001, Dense(100, relu), batch size 32. Epoch time runs from Keras'
``on_epoch_begin`` to ``on_epoch_end`` and includes validation.
"""

from __future__ import annotations

import sys
import time

from benchmarks.measure import print_result, proc_status_mib

VARIANTS = ("plain_script", "engine", "steps", "uint8", "uint8_prefetch", "fast")


def plain_script(epochs: int, train_images: int | None) -> dict:
    import keras
    from sklearn.model_selection import train_test_split

    class EpochTimer(keras.callbacks.Callback):
        def __init__(self):
            super().__init__()
            self.seconds: list[float] = []

        def on_epoch_begin(self, epoch, logs=None):
            self._start = time.perf_counter()

        def on_epoch_end(self, epoch, logs=None):
            self.seconds.append(time.perf_counter() - self._start)

    (x_full, y_full), _ = keras.datasets.fashion_mnist.load_data()
    if train_images:
        x_full, y_full = x_full[:train_images], y_full[:train_images]
    x_full = x_full / 255.0
    x_train, x_val, y_train, y_val = train_test_split(
        x_full, y_full, test_size=0.2, random_state=42
    )
    keras.utils.set_random_seed(42)
    model = keras.Sequential(
        [
            keras.Input(shape=(28, 28)),
            keras.layers.Flatten(),
            keras.layers.Dense(100, activation="relu"),
            keras.layers.Dense(10, activation="softmax"),
        ]
    )
    model.compile(
        optimizer=keras.optimizers.RMSprop(learning_rate=0.001),
        loss="sparse_categorical_crossentropy",
        metrics=["accuracy"],
    )
    timer = EpochTimer()
    history = model.fit(
        x_train,
        y_train,
        epochs=epochs,
        batch_size=32,
        validation_data=(x_val, y_val),
        callbacks=[timer],
        verbose=0,
    )
    return {
        "epoch_seconds": timer.seconds,
        "val_accuracy": [float(v) for v in history.history["val_accuracy"]],
    }


def engine_variant(variant: str, epochs: int, train_images: int | None) -> dict:
    from PySide6.QtCore import QCoreApplication

    from engine import pipeline
    from engine.config import RunConfig
    from engine.data import ImageSet, load_images, split_images
    from engine.training import train
    from gui.tasks import Task, TaskWorker

    app = QCoreApplication.instance() or QCoreApplication([])
    config = RunConfig().replace(epochs=epochs, fast=variant == "fast")
    levers = {
        "engine": pipeline.PLAIN,
        "steps": pipeline.FitLevers(
            steps_per_execution=pipeline.FAST_STEPS_PER_EXECUTION
        ),
        "uint8": pipeline.FitLevers(uint8_pipeline=True),
        "uint8_prefetch": pipeline.FitLevers(uint8_pipeline=True, prefetch=True),
        "fast": pipeline.FAST,
    }[variant]
    # Each lever alone: train() gets its levers from pipeline.levers_for.
    pipeline.levers_for = lambda _config: levers

    images = load_images(config.data)
    if train_images:
        images = ImageSet(
            images.name,
            images.x_train[:train_images],
            images.y_train[:train_images],
            images.x_test,
            images.y_test,
            images.class_names,
            images.source,
        )
    data = split_images(images, config.data.validation_split, config.seed)
    worker = TaskWorker(Task("bench", lambda _worker: None))
    epochs_seen: list = []
    worker.epoch_ended.connect(epochs_seen.append)
    result = train(config, data, worker)
    app.processEvents()
    return {
        "epoch_seconds": [r.seconds for r in epochs_seen],
        "val_accuracy": list(result.history.metrics["val_accuracy"]),
    }


def main(argv: list[str]) -> int:
    variant, epochs = argv[0], int(argv[1])
    train_images = int(argv[2]) if len(argv) > 2 and int(argv[2]) > 0 else None
    if variant not in VARIANTS:
        raise SystemExit(f"unknown variant {variant!r}: choose one of {VARIANTS}")
    if variant == "plain_script":
        result = plain_script(epochs, train_images)
    else:
        result = engine_variant(variant, epochs, train_images)
    result["variant"] = variant
    result["peak_rss_mib"] = proc_status_mib("VmHWM")
    print_result(result)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
