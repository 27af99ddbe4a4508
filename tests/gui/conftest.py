"""Window test fixtures: MainWindows that are always shut down, and a fake engine."""

from __future__ import annotations

import threading
from types import SimpleNamespace

import pytest

from engine.config import RunConfig
from engine.reporting import (
    BatchProgress,
    EpochResult,
    History,
    MonitorStatus,
    RunOutcome,
)

TRAINING_TIMEOUT_MS = 180_000


class FakeSession:
    """Stands in for TrainerSession: reports made-up epochs without TensorFlow.

    ``gate`` (when given) must be set before each epoch may end, so a test can
    act between two epochs.
    """

    def __init__(self, gate: threading.Event | None = None):
        self.gate = gate
        self.model = None
        self.history = History()
        self.calls: list[str] = []

    def train(
        self, config: RunConfig, listener, stop_event: threading.Event, control=None
    ):
        self.calls.append("train")
        epochs = config.fit.epochs
        metrics: dict[str, list[float]] = {}
        stopped = False
        for epoch in range(1, epochs + 1):
            if self.gate is not None:
                self.gate.wait(timeout=30)
                self.gate.clear()
            if stop_event.is_set():
                stopped = True
                break
            listener.on_progress(BatchProgress(epoch, epochs, 5, 10, 0.01 * epoch))
            values = {
                "accuracy": 0.5 + epoch / (2 * epochs),
                "loss": 1.0 / epoch,
                "val_accuracy": 0.45 + epoch / (2 * epochs),
                "val_loss": 1.1 / epoch,
            }
            for name, value in values.items():
                metrics.setdefault(name, []).append(value)
            # The made-up validation loss falls every epoch, so each is the best.
            status = MonitorStatus("val_loss", epoch, values["val_loss"], 0, None)
            listener.on_epoch_end(
                EpochResult(epoch, epochs, values, 0.01, 0.01 * epoch, status=status)
            )
        completed = len(metrics.get("loss", []))
        kept = control.stop_outcome if stopped and control is not None else "last"
        return SimpleNamespace(
            config=config,
            model=SimpleNamespace(layers=[]),
            history=History({k: tuple(v) for k, v in metrics.items()}),
            epochs_completed=completed,
            stopped=stopped,
            seconds=0.1,
            outcome=RunOutcome(
                reason="stop_request" if stopped else "completed",
                epochs_completed=completed,
                monitor="val_loss",
                best_epoch=completed or None,
                held_epoch=None if kept == "discard" else completed or None,
                kept_weights="discarded" if kept == "discard" else kept,
            ),
        )


@pytest.fixture
def make_window(qtbot):
    """Return a factory of shown MainWindows that are closed, with their tasks
    stopped, at the end of the test."""
    from gui import MainWindow

    windows = []

    def make(fake: bool = False, gate: threading.Event | None = None):
        window = MainWindow()
        qtbot.addWidget(window)
        if fake:
            window.session = FakeSession(gate)
            # The fake needs no TensorFlow, so skip the background import.
            window._keras_ready = True
        window.show()
        windows.append(window)
        return window

    yield make

    for window in windows:
        window.close()
        # A busy window closes once its task has stopped.
        qtbot.waitUntil(lambda w=window: not w.isVisible(), timeout=TRAINING_TIMEOUT_MS)
        assert window.runner.current_task() is None, "a task outlived its window"


@pytest.fixture
def wait_idle(qtbot):
    """Return a function that waits until a window's task queue is empty."""

    def wait(window, timeout: int = TRAINING_TIMEOUT_MS) -> None:
        qtbot.waitUntil(lambda: not window.runner.is_busy(), timeout=timeout)

    return wait
