"""A smoke test of a built or installed app: train, save, reload, compare.

``main.py --self-test`` runs it without a window, so a packaged build can be
checked on a machine without a display. It needs no network: the Digits
dataset ships with scikit-learn.
"""

from __future__ import annotations

import logging
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from engine.config import RunConfig

logger = logging.getLogger(__name__)

SELF_TEST_CONFIG = RunConfig().replace(dataset="digits", epochs=2)


def run_self_test(report: Callable[[str], None] | None = None) -> int:
    """Train Digits for 2 epochs, save and reload the model; return an exit status.

    Returns 0 when the reloaded model gives the same predictions as the trained
    one, and 1 with a message naming the failed step otherwise.
    """
    report = report or _print
    step = "import TensorFlow and Keras"
    try:
        start = time.perf_counter()
        import keras
        import numpy as np

        from engine.data import scaled_tensor
        from engine.session import TrainerSession

        report(
            f"Keras {keras.__version__} loaded in {time.perf_counter() - start:.1f} s"
        )
        step = "train Digits for 2 epochs"
        session = TrainerSession()
        result = session.train(SELF_TEST_CONFIG)
        accuracy = result.history.metrics["val_accuracy"][-1]
        report(f"Trained {result.epochs_completed} epochs, val_accuracy {accuracy:.4f}")
        if result.epochs_completed != SELF_TEST_CONFIG.fit.epochs:
            raise RuntimeError(f"only {result.epochs_completed} epochs completed")

        data = session.data(SELF_TEST_CONFIG.data, SELF_TEST_CONFIG.seed)
        images = scaled_tensor(data, "x_test")
        expected = result.model.predict(images, verbose=0)
        with tempfile.TemporaryDirectory(prefix="keras-trainer-self-test-") as folder:
            step = "save the model"
            path = session.save_model(Path(folder) / "self-test.keras")
            step = "load the saved model"
            info = session.load_model(
                path, SELF_TEST_CONFIG.data, SELF_TEST_CONFIG.seed
            )
            step = "compare the reloaded model's predictions"
            reloaded = session.model.predict(images, verbose=0)
        if not np.allclose(expected, reloaded, atol=1e-6):
            raise RuntimeError("the reloaded model predicts other values")
        if info.history.epochs != result.epochs_completed:
            raise RuntimeError("the reloaded model lost its training history")
    except Exception as error:  # noqa: BLE001 - every failure becomes the exit status
        logger.exception("Self-test failed while trying to %s", step)
        report(f"Self-test FAILED: could not {step}: {type(error).__name__}: {error}")
        return 1
    report(f"Self-test passed in {time.perf_counter() - start:.1f} s")
    return 0


def _print(line: str) -> None:
    print(line, file=sys.stdout, flush=True)  # noqa: T201 - the self-test's output
