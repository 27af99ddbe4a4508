"""The compute floor of one epoch: its FLOPs over the measured matmul rate.

Usage: python -m benchmarks.compute_floor

The model's work is almost all in its two Dense layers. Per image, the
forward pass costs 2 * (784 * 100 + 100 * 10) FLOPs. The backward pass costs
about twice that, for the gradients of the inputs and of the weights. So a
training image costs about 3 forward passes and a validation image one.
The rate is the best of several float32 matrix products of 32 rows (one
batch) and of 1024 rows, each by a 784 x 1024 matrix, so the floor assumes
no overhead between batches at all.
"""

from __future__ import annotations

import sys
import time

from benchmarks.measure import print_result, proc_status_mib

INPUTS = 28 * 28
HIDDEN = 100
CLASSES = 10
TRAIN_IMAGES = 48_000
VALIDATION_IMAGES = 12_000
BATCH = 32


def forward_flops() -> int:
    """Return the FLOPs of one image's forward pass through the two Dense layers."""
    return 2 * (INPUTS * HIDDEN + HIDDEN * CLASSES)


def epoch_flops(train_images: int, validation_images: int) -> float:
    """Return the FLOPs of one epoch: training passes plus validation."""
    return 3 * forward_flops() * train_images + forward_flops() * validation_images


def matmul_rate(repeats: int = 7) -> dict:
    """Return the best GFLOP/s of float32 matmuls at batch 32 and at 1024."""
    import tensorflow as tf

    rates = {}
    for rows in (BATCH, 1024):
        a = tf.random.uniform((rows, INPUTS))
        b = tf.random.uniform((INPUTS, 1024))
        steps = max(1, 20_000 // rows)

        @tf.function
        def run(a=a, b=b, steps=steps):
            total = tf.zeros((), tf.float32)
            for _ in tf.range(steps):
                total += tf.reduce_sum(tf.matmul(a, b))
            return total

        run().numpy()
        best = float("inf")
        for _ in range(repeats):
            start = time.perf_counter()
            run().numpy()
            best = min(best, time.perf_counter() - start)
        rates[f"gflops_batch_{rows}"] = 2 * rows * INPUTS * 1024 * steps / best / 1e9
    return rates


def main() -> int:
    import keras  # noqa: F401 - measures the memory of the import alone

    import_rss = proc_status_mib("VmRSS")
    rates = matmul_rate()
    flops = epoch_flops(TRAIN_IMAGES, VALIDATION_IMAGES)
    rate = max(rates.values())
    print_result(
        {
            "forward_flops_per_image": forward_flops(),
            "epoch_gflop": flops / 1e9,
            **rates,
            "floor_epoch_s": flops / (rate * 1e9),
            "rss_after_import_mib": import_rss,
        }
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
