"""Run engine calls on worker threads, one at a time, and report back by signals.

Every Keras call of the window goes through :class:`TaskRunner`, so the GUI
thread runs no TensorFlow code. It waits for a worker only in
:meth:`TaskRunner.shutdown`, at application exit.
"""

from __future__ import annotations

import logging
import threading
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QDeadlineTimer,
    QObject,
    Qt,
    QThread,
    Signal,
    Slot,
)

from engine.config import ConfigError
from engine.data import DatasetError
from engine.persistence import ModelFileError
from engine.reporting import BatchProgress, EpochResult

logger = logging.getLogger(__name__)

EXPECTED_ERRORS = (ConfigError, DatasetError, ModelFileError)
"""Errors caused by the user's input; their messages name the fix."""

SHUTDOWN_WAIT_MS = 60_000
"""How long closing waits for a task before it logs a warning (and keeps waiting)."""


@dataclass(frozen=True)
class Task:
    """A named engine call. ``function`` receives the :class:`TaskWorker` running it."""

    name: str
    function: Callable[[TaskWorker], Any]
    stop_event: threading.Event = field(default_factory=threading.Event)


@dataclass(frozen=True)
class TaskOutcome:
    """Result of a task: ``result`` when it succeeded, ``error`` when it raised."""

    name: str
    result: Any = None
    error: BaseException | None = None


class TaskWorker(QObject):
    """Runs one task on its thread; also the training listener of that task."""

    progress = Signal(object)
    """BatchProgress of the running training."""
    epoch_ended = Signal(object)
    """EpochResult of an epoch that just ended."""
    done = Signal(object)
    """TaskOutcome, emitted once when the task returns or raises."""

    def __init__(self, task: Task):
        super().__init__()
        self.task = task
        self.stop_event = task.stop_event

    @Slot()
    def run(self) -> None:
        outcome = TaskOutcome(self.task.name, error=RuntimeError("task did not return"))
        try:
            outcome = TaskOutcome(self.task.name, result=self.task.function(self))
        except EXPECTED_ERRORS as error:
            logger.warning("Task %r failed: %s", self.task.name, error)
            outcome = TaskOutcome(self.task.name, error=error)
        except Exception as error:  # noqa: BLE001 - every failure goes to the window
            logger.exception("Task %r failed", self.task.name)
            outcome = TaskOutcome(self.task.name, error=error)
        except BaseException as error:
            # SystemExit or KeyboardInterrupt from a library: still end the
            # thread and free the runner, then let it propagate.
            logger.exception("Task %r was interrupted", self.task.name)
            outcome = TaskOutcome(self.task.name, error=RuntimeError(repr(error)))
            raise
        finally:
            # Hand the worker back to the GUI thread, which deletes it after the
            # thread has finished.
            self.moveToThread(QCoreApplication.instance().thread())
            self.done.emit(outcome)

    # engine.reporting.TrainingListener, called on the worker thread.

    def on_epoch_end(self, result: EpochResult) -> None:
        self.epoch_ended.emit(result)

    def on_progress(self, progress: BatchProgress) -> None:
        self.progress.emit(progress)


class TaskRunner(QObject):
    """Queue of engine tasks, each run on a fresh QThread, one after another.

    The runner is the only object that creates worker threads. It keeps the
    thread and worker referenced until the thread has finished.
    """

    task_started = Signal(str)
    """Name of the task that began running."""
    progress = Signal(object)
    """BatchProgress, forwarded from the worker."""
    epoch_ended = Signal(object)
    """EpochResult, forwarded from the worker."""
    task_finished = Signal(object)
    """TaskOutcome of the task that ended, successful or not."""
    busy_changed = Signal(bool)
    """True while a task runs or waits in the queue."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._queue: deque[Task] = deque()
        self._thread: QThread | None = None
        self._worker: TaskWorker | None = None
        self._busy = False

    def submit(self, name: str, function: Callable[[TaskWorker], Any]) -> None:
        """Queue ``function`` to run on a worker thread after the tasks before it."""
        self._queue.append(Task(name, function))
        self._set_busy(True)
        if self._thread is None:
            self._start_next()

    def is_busy(self) -> bool:
        return self._busy

    def current_task(self) -> str | None:
        return self._worker.task.name if self._worker is not None else None

    def pending_tasks(self) -> list[str]:
        return [task.name for task in self._queue]

    def request_stop(self) -> None:
        """Ask the running task and every queued one to stop as soon as they can.

        A queued training then ends before its first epoch.
        """
        if self._worker is not None:
            self._worker.stop_event.set()
        for task in self._queue:
            task.stop_event.set()

    def cancel_all(self) -> None:
        """Drop queued tasks and ask the running one to stop, without waiting."""
        dropped = self.pending_tasks()
        self._queue.clear()
        if dropped:
            logger.info("Dropped queued tasks: %s", dropped)
        self.request_stop()
        if self._thread is None:
            self._set_busy(False)

    def shutdown(self) -> None:
        """Drop queued tasks, stop the running one and wait for its thread.

        This blocks the calling thread; the window calls it only once no task
        runs, or at application exit.
        """
        dropped = self.pending_tasks()
        self._queue.clear()
        if dropped:
            logger.info("Dropped queued tasks at shutdown: %s", dropped)
        thread = self._thread
        if thread is None:
            return
        self.request_stop()
        if not thread.wait(QDeadlineTimer(SHUTDOWN_WAIT_MS)):
            logger.warning(
                "Task %r still runs %d s after the stop request; waiting for it",
                self.current_task(),
                SHUTDOWN_WAIT_MS // 1000,
            )
            thread.wait()
        self._release_thread()

    def _start_next(self) -> None:
        if not self._queue:
            self._set_busy(False)
            return
        task = self._queue.popleft()
        thread = QThread(self)
        thread.setObjectName(f"task-{task.name}")
        worker = TaskWorker(task)
        worker.moveToThread(thread)

        thread.started.connect(worker.run)
        worker.progress.connect(self._on_worker_progress)
        worker.epoch_ended.connect(self._on_worker_epoch_ended)
        worker.done.connect(self._on_worker_done)
        # A direct connection, because quit() is thread-safe and the GUI thread
        # may be blocked in shutdown() waiting for this thread to end.
        worker.done.connect(thread.quit, Qt.ConnectionType.DirectConnection)
        thread.finished.connect(self._on_thread_finished)

        self._thread = thread
        self._worker = worker
        logger.info("Starting task %r", task.name)
        self.task_started.emit(task.name)
        thread.start()

    def _release_thread(self) -> None:
        thread, worker = self._thread, self._worker
        self._thread = None
        self._worker = None
        if worker is not None:
            worker.deleteLater()
        if thread is not None:
            thread.deleteLater()

    def _set_busy(self, busy: bool) -> None:
        if busy != self._busy:
            self._busy = busy
            self.busy_changed.emit(busy)

    @Slot(object)
    def _on_worker_progress(self, progress: BatchProgress) -> None:
        self.progress.emit(progress)

    @Slot(object)
    def _on_worker_epoch_ended(self, result: EpochResult) -> None:
        self.epoch_ended.emit(result)

    @Slot(object)
    def _on_worker_done(self, outcome: TaskOutcome) -> None:
        logger.info(
            "Task %r %s",
            outcome.name,
            "failed" if outcome.error is not None else "finished",
        )
        self.task_finished.emit(outcome)

    @Slot()
    def _on_thread_finished(self) -> None:
        if self.sender() is not self._thread:
            return
        self._release_thread()
        self._start_next()
