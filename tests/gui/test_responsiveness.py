"""Behaviour behind the window's smoothness: who runs Keras, and the event loop.

These tests check facts, not times: the window is painted before TensorFlow
loads, no Keras code runs on the GUI thread, and the event loop keeps
running while a real run trains.
"""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from pathlib import Path

import keras
import pytest
from PySide6.QtCore import QThread, QTimer

from engine import callbacks as engine_callbacks

ROOT = Path(__file__).resolve().parents[2]


def test_main_paints_window_before_import():
    # The benchmark's child runs the real main() with hooks on the first
    # paint event and on "TensorFlow ready", then quits.
    completed = subprocess.run(
        [sys.executable, "-m", "benchmarks.startup", "--child"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert completed.returncode == 0, completed.stderr[-3000:]
    events = json.loads(completed.stdout.strip().splitlines()[-1])

    assert events["tensorflow_loaded_when_painted"] is False
    assert events["shown"] <= events["painted"] <= events["tensorflow_ready"]


@pytest.fixture
def keras_threads(monkeypatch):
    """Record the thread of every Keras layer call, model method and callback hook.

    Each entry is the QThread's object name, or "GUI" for the main thread.
    """
    threads: list[str] = []

    def wrap(owner, name):
        original = getattr(owner, name)

        def recorded(*args, **kwargs):
            if threading.current_thread() is threading.main_thread():
                threads.append("GUI")
            else:
                threads.append(QThread.currentThread().objectName())
            return original(*args, **kwargs)

        monkeypatch.setattr(owner, name, recorded)

    for name in ("fit", "evaluate", "predict", "compile", "save", "get_weights"):
        wrap(keras.Model, name)
    wrap(keras.layers.Layer, "__call__")
    wrap(keras.backend, "clear_session")
    wrap(keras.utils, "set_random_seed")
    for name in (
        "on_train_begin",
        "on_epoch_begin",
        "on_train_batch_end",
        "on_test_batch_end",
        "on_epoch_end",
        "on_train_end",
    ):
        wrap(engine_callbacks.EpochReporter, name)
    return threads


def test_gui_thread_runs_no_keras(make_window, wait_idle, keras_threads, tmp_path):
    window = make_window()
    window.form.set_values(dataset="digits", epochs=2)

    window.train()
    wait_idle(window)
    window.evaluate()
    wait_idle(window)
    window.save_model(tmp_path / "model.keras")
    wait_idle(window)

    assert window.session.model is not None
    assert (tmp_path / "model.keras").is_file()
    assert keras_threads, "no Keras call was recorded"
    assert "GUI" not in keras_threads
    assert set(keras_threads) >= {"task-train", "task-evaluate", "task-save_model"}


def test_event_loop_runs_during_training(make_window, qtbot, wait_idle):
    window = make_window()
    window.form.set_values(dataset="digits", epochs=3)
    events: list[str] = []
    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(lambda: events.append("tick"))
    window.runner.epoch_ended.connect(
        lambda result: events.append(f"epoch:{result.epoch}")
    )

    window.train()
    timer.start()
    wait_idle(window)
    timer.stop()

    assert "epoch:1" in events
    assert "epoch:3" in events
    first, last = events.index("epoch:1"), events.index("epoch:3")
    # The timer fired between the first and the last epoch, so the GUI thread
    # handled events while the worker trained.
    assert "tick" in events[first:last]
    assert set(window.plot.point_counts().values()) == {3}
