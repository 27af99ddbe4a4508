"""Run history: every training run with its settings, metrics and files, in SQLite.

The database lives in :func:`engine.paths.user_data_dir` as ``runs.sqlite3``.
One :class:`RunStore` holds one connection, shared by the threads of the app
under a lock: the worker thread writes epochs as they end, and the GUI thread
reads, renames and deletes. The journal is in WAL mode, and every change is
one transaction, so a crash loses at most the change in progress and never
corrupts the file.

Schema version 1 (``PRAGMA user_version``):

- ``runs``: one row per run. ``settings`` is the JSON of ``RunConfig.to_dict()``,
  ``versions`` the JSON of the library versions, ``evaluation`` the JSON of the
  final evaluation (or NULL). ``started_at`` is ISO 8601 in UTC.
- ``epochs``: one row per complete epoch, with its wall time in seconds.
- ``metrics``: one row per epoch and Keras metric name. SQLite stores NaN as
  NULL, so a NULL value reads back as NaN.
- ``files``: models, weights and checkpoints the run saved, by path.
"""

from __future__ import annotations

import contextlib
import dataclasses
import importlib.metadata
import json
import logging
import math
import os
import platform
import sqlite3
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from engine.config import OPTIMIZER_CHOICES, RunConfig
from engine.paths import (
    DATA_DIR_VARIABLE,
    display_path,
    file_in_folder_path,
    user_data_dir,
)
from engine.reporting import BatchProgress, EpochResult, History, TrainingListener

logger = logging.getLogger(__name__)

DATABASE_NAME = "runs.sqlite3"
SCHEMA_VERSION = 1
STATUSES = ("complete", "stopped", "failed")
"""Final states of a run. A run that is still training has the status "running"."""
FILE_KINDS = ("model", "weights", "checkpoint")
LOCK_TIMEOUT_SECONDS = 5.0
"""How long a write waits for another connection's lock before it fails."""
VERSIONED_PACKAGES = ("tensorflow", "keras", "numpy", "scikit-learn")


class RunStoreError(Exception):
    """The run history cannot be read or written; the message names file and fix."""


class CorruptRunStoreError(RunStoreError):
    """The database file is damaged or is not an SQLite database."""


@dataclass(frozen=True)
class RunSummary:
    """One row of the runs list: what the table of runs shows."""

    id: int
    name: str
    started_at: datetime
    """Start time, timezone-aware in UTC."""
    status: str
    """One of STATUSES, or "running"."""
    dataset: str
    optimizer: str
    learning_rate: float
    epochs_planned: int
    epochs_completed: int
    best_val_accuracy: float | None
    """Highest validation accuracy of any epoch; None without validation data."""
    seconds: float | None
    """Wall time of the whole fit; None while running or after a crash."""


@dataclass(frozen=True)
class StoredFile:
    """A file that a run saved."""

    path: str
    kind: str
    """One of FILE_KINDS."""
    saved_at: datetime


@dataclass(frozen=True)
class StoredRun:
    """Everything stored about one run."""

    summary: RunSummary
    settings: Mapping[str, Any]
    """``RunConfig.to_dict()`` of the run."""
    seed: int
    data: Mapping[str, Any]
    """Dataset name, folder, validation split and image counts per set."""
    versions: Mapping[str, str | None]
    """Versions of Python and the libraries that trained the run."""
    history: History
    epoch_seconds: tuple[float, ...]
    """Wall time of each complete epoch, validation included."""
    evaluation: Mapping[str, Any] | None
    files: tuple[StoredFile, ...]
    message: str | None
    """Error message of a failed run, or None."""

    @property
    def id(self) -> int:
        return self.summary.id

    @property
    def name(self) -> str:
        return self.summary.name

    def config(self) -> RunConfig:
        """Return the run's settings. Raises ConfigError when this app rejects them."""
        return RunConfig.from_dict(self.settings)


def default_path() -> Path:
    """Return where the app keeps its run history."""
    return user_data_dir() / DATABASE_NAME


def library_versions() -> dict[str, str | None]:
    """Return the versions of Python and the training libraries, None when absent.

    The versions come from the installed package metadata, so nothing is imported.
    """
    versions: dict[str, str | None] = {"python": platform.python_version()}
    for package in VERSIONED_PACKAGES:
        try:
            versions[package] = importlib.metadata.version(package)
        except importlib.metadata.PackageNotFoundError:
            versions[package] = None
    return versions


def default_run_name(config: RunConfig) -> str:
    """Return a run's initial name from the settings that most often differ."""
    fit = config.fit
    name = f"{OPTIMIZER_CHOICES[fit.optimizer]} lr={fit.learning_rate:g}"
    if config.model.dropout > 0:
        name += f", dropout {config.model.dropout:g}"
    return name


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _schema_v1(connection: sqlite3.Connection) -> None:
    # executescript() would commit the open transaction first, so each
    # statement runs on its own inside the upgrade's transaction.
    _execute_each(
        connection,
        """
        CREATE TABLE runs (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            name TEXT NOT NULL,
            started_at TEXT NOT NULL,
            ended_at TEXT,
            status TEXT NOT NULL
                CHECK (status IN ('running', 'complete', 'stopped', 'failed')),
            settings TEXT NOT NULL,
            seed INTEGER NOT NULL,
            dataset TEXT NOT NULL,
            data TEXT NOT NULL,
            versions TEXT NOT NULL,
            seconds REAL,
            evaluation TEXT,
            message TEXT
        );
        CREATE TABLE epochs (
            run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
            epoch INTEGER NOT NULL,
            seconds REAL NOT NULL,
            PRIMARY KEY (run_id, epoch)
        );
        CREATE TABLE metrics (
            run_id INTEGER NOT NULL,
            epoch INTEGER NOT NULL,
            name TEXT NOT NULL,
            value REAL,
            PRIMARY KEY (run_id, epoch, name),
            FOREIGN KEY (run_id, epoch) REFERENCES epochs(run_id, epoch)
                ON DELETE CASCADE
        );
        CREATE TABLE files (
            run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
            path TEXT NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('model', 'weights', 'checkpoint')),
            saved_at TEXT NOT NULL,
            PRIMARY KEY (run_id, path)
        );
        """,
    )


def _execute_each(connection: sqlite3.Connection, script: str) -> None:
    for statement in script.split(";"):
        if statement.strip():
            connection.execute(statement)


MIGRATIONS: dict[int, Callable[[sqlite3.Connection], None]] = {0: _schema_v1}
"""Step that upgrades a database from each schema version to the next one.

Version 0 is a new, empty file. A future schema 2 adds ``1: _schema_v2`` here
and raises SCHEMA_VERSION; each step runs in the transaction of the upgrade.
"""


class RunStore:
    """The run history database. Safe to share between threads.

    Raises RunStoreError (CorruptRunStoreError for a damaged file) when the
    file cannot be opened, and RunStoreError from any method whose read or
    write fails. The file is never deleted.
    """

    def __init__(
        self, path: str | os.PathLike[str], timeout: float = LOCK_TIMEOUT_SECONDS
    ):
        self.path = Path(path)
        self._lock = threading.RLock()
        self._check_path()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise RunStoreError(
                f"Cannot create the folder {display_path(self.path.parent)!r} for "
                f"the run history: {error.strerror}. Set {DATA_DIR_VARIABLE} to a "
                "folder you can write to."
            ) from error
        self._connection: sqlite3.Connection | None = None
        try:
            # One connection for all threads; self._lock serializes its use.
            self._connection = sqlite3.connect(
                self.path,
                timeout=timeout,
                isolation_level=None,
                check_same_thread=False,
            )
            self._prepare()
        except sqlite3.Error as error:
            self.close()
            raise self._error("open", error) from error
        except RunStoreError:
            self.close()
            raise
        logger.info("Opened the run history %s", self.path)

    def _check_path(self) -> None:
        """Raise RunStoreError when a folder or file blocks the history file.

        SQLite reports both cases only as "unable to open database file".
        """
        where = display_path(self.path)
        if self.path.is_dir():
            raise RunStoreError(
                f"The run history {where!r} is a folder, not a file. Move or rename "
                f"that folder, or set {DATA_DIR_VARIABLE} to another folder."
            )
        if blocker := file_in_folder_path(self.path):
            raise RunStoreError(
                f"{display_path(blocker)!r} is a file, not a folder, so the run "
                f"history {where!r} cannot be created. Set {DATA_DIR_VARIABLE} to "
                "a folder, or move that file away."
            )

    def _prepare(self) -> None:
        """Check the file, set the connection up and upgrade the schema."""
        connection = self._require_connection()
        version = self._check_file(connection)
        self._configure(connection)
        if version < SCHEMA_VERSION:
            self._upgrade(version)
        self._mark_interrupted_runs()

    def _check_file(self, connection: sqlite3.Connection) -> int:
        """Return the file's schema version; raise for a damaged or newer file."""
        check = connection.execute("PRAGMA quick_check(1)").fetchone()
        if check is None or check[0] != "ok":
            detail = check[0] if check else "no result"
            raise sqlite3.DatabaseError(f"database disk image is malformed ({detail})")
        version = connection.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise RunStoreError(
                f"The run history {display_path(self.path)!r} has schema version "
                f"{version}, written by a newer Keras Trainer; this one reads up to "
                f"version {SCHEMA_VERSION}. Update the app, or set "
                f"{DATA_DIR_VARIABLE} to another folder."
            )
        return version

    def _configure(self, connection: sqlite3.Connection) -> None:
        # WAL keeps the file consistent after a crash and lets readers work
        # while the worker thread writes. Some file systems (network shares)
        # cannot use it; SQLite then keeps its rollback journal, also safe.
        mode = connection.execute("PRAGMA journal_mode=WAL").fetchone()[0]
        if mode.lower() != "wal":
            logger.info("The run history uses journal mode %s", mode)
        connection.execute("PRAGMA synchronous=NORMAL")
        connection.execute("PRAGMA foreign_keys=ON")

    def _upgrade(self, version: int) -> None:
        """Run the MIGRATIONS steps from ``version`` in one transaction."""
        with self._transaction() as writer:
            for step in range(version, SCHEMA_VERSION):
                logger.info("Upgrading the run history from schema %d", step)
                MIGRATIONS[step](writer)
            writer.execute(f"PRAGMA user_version={SCHEMA_VERSION}")

    def _mark_interrupted_runs(self) -> None:
        # A run left "running" was cut short by a crash or a killed process.
        # NOTE: a second app instance that trains at this moment would see its
        # run marked failed; the app assumes one instance per data folder.
        with self._transaction() as writer:
            cursor = writer.execute(
                "UPDATE runs SET status = 'failed', message = ? "
                "WHERE status = 'running'",
                # True also when the run ended but its last writes found the
                # file locked until the app closed.
                ("The app closed before it recorded the end of the run.",),
            )
            if cursor.rowcount:
                logger.warning("Marked %d interrupted runs as failed", cursor.rowcount)

    # Connection ---------------------------------------------------------

    def close(self) -> None:
        """Close the database. Later calls raise RunStoreError."""
        with self._lock:
            if self._connection is not None:
                self._connection.close()
                self._connection = None

    def __enter__(self) -> RunStore:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def _require_connection(self) -> sqlite3.Connection:
        if self._connection is None:
            raise RunStoreError(
                f"The run history {display_path(self.path)!r} is closed. Restart the "
                "app to record runs again."
            )
        return self._connection

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        """Run the block as one write transaction, rolled back when it raises."""
        with self._lock:
            connection = self._require_connection()
            # IMMEDIATE takes the write lock now, so a locked file fails here
            # before any change is made.
            connection.execute("BEGIN IMMEDIATE")
            try:
                yield connection
            except BaseException:
                connection.execute("ROLLBACK")
                raise
            connection.execute("COMMIT")

    @contextlib.contextmanager
    def _guard(self, action: str) -> Iterator[None]:
        """Turn sqlite3 errors of the block into RunStoreError for ``action``."""
        try:
            yield
        except sqlite3.Error as error:
            raise self._error(action, error) from error

    def _error(self, action: str, error: sqlite3.Error) -> RunStoreError:
        """Return a RunStoreError naming the file, the cause and the fix."""
        where = display_path(self.path)
        text = str(error)
        logger.warning("Run history %s failed to %s: %r", self.path, action, error)
        if "locked" in text or "busy" in text:
            return RunStoreError(
                f"The run history {where!r} is locked by another program, so the app "
                f"could not {action} it. Close other Keras Trainer windows or "
                "programs that use the file, then restart the app."
            )
        if isinstance(error, sqlite3.DatabaseError) and (
            "not a database" in text or "malformed" in text
        ):
            return CorruptRunStoreError(
                f"The run history {where!r} is damaged ({text}), so the app cannot "
                f"{action} it. Move the file away (the app does that when it starts) "
                f"or set {DATA_DIR_VARIABLE} to another folder."
            )
        if "unable to open" in text or "readonly" in text:
            return RunStoreError(
                f"The run history {where!r} cannot be written ({text}). Check the "
                f"file's and folder's permissions, or set {DATA_DIR_VARIABLE} to a "
                "folder you can write to."
            )
        return RunStoreError(
            f"Could not {action} the run history {where!r}: {text}. Check the free "
            "disk space and the file's permissions."
        )

    # Recording ----------------------------------------------------------

    def begin_run(
        self,
        config: RunConfig,
        dataset: str,
        counts: Mapping[str, int] | None = None,
        name: str | None = None,
    ) -> int:
        """Insert a run with the status "running" and return its id.

        ``dataset`` is the display name of the data, ``counts`` the number of
        images per set (``train``, ``validation``, ``test``).
        """
        settings = config.to_dict()
        data = {
            "name": dataset,
            "dataset": config.data.dataset,
            "data_dir": config.data.data_dir,
            "validation_split": config.data.validation_split,
            "counts": dict(counts or {}),
        }
        with self._guard("write to"), self._transaction() as writer:
            cursor = writer.execute(
                "INSERT INTO runs (name, started_at, status, settings, seed, dataset, "
                "data, versions) VALUES (?, ?, 'running', ?, ?, ?, ?, ?)",
                (
                    name or default_run_name(config),
                    _now(),
                    json.dumps(settings),
                    config.seed,
                    config.data.dataset,
                    json.dumps(data),
                    json.dumps(library_versions()),
                ),
            )
            run_id = int(cursor.lastrowid)
        logger.info("Recording run %d in %s", run_id, self.path)
        return run_id

    def add_epoch(
        self, run_id: int, epoch: int, metrics: Mapping[str, float], seconds: float
    ) -> None:
        """Store one complete epoch's metrics and wall time in seconds.

        Does nothing when the run was deleted meanwhile.
        """
        # SQLite stores a bound NaN as NULL; infinities stay as they are.
        rows = [(run_id, epoch, name, float(value)) for name, value in metrics.items()]
        with self._guard("write to"), self._transaction() as writer:
            if not _run_exists(writer, run_id):
                return
            writer.execute(
                "INSERT OR REPLACE INTO epochs (run_id, epoch, seconds) "
                "VALUES (?, ?, ?)",
                (run_id, epoch, seconds),
            )
            writer.executemany(
                "INSERT OR REPLACE INTO metrics (run_id, epoch, name, value) "
                "VALUES (?, ?, ?, ?)",
                rows,
            )

    def finish_run(
        self,
        run_id: int,
        status: str,
        seconds: float | None = None,
        message: str | None = None,
    ) -> None:
        """Set a run's final status ("complete", "stopped" or "failed")."""
        if status not in STATUSES:
            raise ValueError(f"status={status!r} is invalid: use one of {STATUSES}.")
        with self._guard("write to"), self._transaction() as writer:
            writer.execute(
                "UPDATE runs SET status = ?, ended_at = ?, seconds = ?, message = ? "
                "WHERE id = ?",
                (status, _now(), seconds, message, run_id),
            )
        logger.info("Run %d ended: %s", run_id, status)

    def add_file(self, run_id: int, path: str | os.PathLike[str], kind: str) -> None:
        """Record a file that the run saved; ``kind`` is one of FILE_KINDS.

        Does nothing when the run was deleted meanwhile.
        """
        if kind not in FILE_KINDS:
            raise ValueError(f"kind={kind!r} is invalid: use one of {FILE_KINDS}.")
        with self._guard("write to"), self._transaction() as writer:
            if not _run_exists(writer, run_id):
                return
            writer.execute(
                "INSERT OR REPLACE INTO files (run_id, path, kind, saved_at) "
                "VALUES (?, ?, ?, ?)",
                (run_id, str(Path(path).absolute()), kind, _now()),
            )

    def set_evaluation(self, run_id: int, evaluation: Any) -> None:
        """Attach a final evaluation: a dataclass or a mapping of plain values."""
        if dataclasses.is_dataclass(evaluation) and not isinstance(evaluation, type):
            evaluation = dataclasses.asdict(evaluation)
        text = json.dumps(evaluation, default=str)
        with self._guard("write to"), self._transaction() as writer:
            writer.execute(
                "UPDATE runs SET evaluation = ? WHERE id = ?", (text, run_id)
            )

    # Editing ------------------------------------------------------------

    def rename(self, run_id: int, name: str) -> str:
        """Rename a run and return the stored name (whitespace trimmed).

        Raises ValueError for an empty name.
        """
        name = " ".join(name.split())
        if not name:
            raise ValueError("A run name cannot be empty. Type at least one letter.")
        with self._guard("write to"), self._transaction() as writer:
            writer.execute("UPDATE runs SET name = ? WHERE id = ?", (name, run_id))
        return name

    def delete(self, run_ids: Iterable[int]) -> int:
        """Delete runs with their epochs and file records; return how many.

        The model and weights files themselves stay on disk.
        """
        ids = [int(run_id) for run_id in run_ids]
        deleted = 0
        with self._guard("write to"), self._transaction() as writer:
            for run_id in ids:
                deleted += writer.execute(
                    "DELETE FROM runs WHERE id = ?", (run_id,)
                ).rowcount
        logger.info("Deleted runs %s", ids)
        return deleted

    # Reading ------------------------------------------------------------

    def list_runs(self) -> list[RunSummary]:
        """Return every run, oldest first."""
        with self._guard("read"), self._lock:
            rows = (
                self._require_connection()
                .execute(
                    """
                SELECT r.id, r.name, r.started_at, r.status, r.data,
                    json_extract(r.settings, '$.fit.optimizer'),
                    json_extract(r.settings, '$.fit.learning_rate'),
                    json_extract(r.settings, '$.fit.epochs'),
                    (SELECT COUNT(*) FROM epochs e WHERE e.run_id = r.id),
                    (SELECT MAX(m.value) FROM metrics m
                        WHERE m.run_id = r.id AND m.name = 'val_accuracy'),
                    r.seconds
                FROM runs r ORDER BY r.id
                """
                )
                .fetchall()
            )
        return [_summary(row) for row in rows]

    def run_ids(self) -> list[int]:
        """Return the ids of every run, oldest first."""
        with self._guard("read"), self._lock:
            rows = (
                self._require_connection()
                .execute("SELECT id FROM runs ORDER BY id")
                .fetchall()
            )
        return [row[0] for row in rows]

    def get_run(self, run_id: int) -> StoredRun:
        """Return everything stored about one run. Raises KeyError for an unknown id."""
        summaries = {s.id: s for s in self.list_runs()}
        if run_id not in summaries:
            raise KeyError(f"Run {run_id} is not in the run history.")
        with self._guard("read"), self._lock:
            connection = self._require_connection()
            row = connection.execute(
                "SELECT settings, seed, data, versions, evaluation, message "
                "FROM runs WHERE id = ?",
                (run_id,),
            ).fetchone()
            epoch_rows = connection.execute(
                "SELECT epoch, seconds FROM epochs WHERE run_id = ? ORDER BY epoch",
                (run_id,),
            ).fetchall()
            metric_rows = connection.execute(
                "SELECT name, value FROM metrics WHERE run_id = ? ORDER BY epoch",
                (run_id,),
            ).fetchall()
            file_rows = connection.execute(
                "SELECT path, kind, saved_at FROM files WHERE run_id = ? "
                "ORDER BY saved_at, path",
                (run_id,),
            ).fetchall()
        settings, seed, data, versions, evaluation, message = row
        metrics: dict[str, list[float]] = {}
        for name, value in metric_rows:
            metrics.setdefault(name, []).append(math.nan if value is None else value)
        return StoredRun(
            summary=summaries[run_id],
            settings=json.loads(settings),
            seed=seed,
            data=json.loads(data),
            versions=json.loads(versions),
            history=History({k: tuple(v) for k, v in metrics.items()}),
            epoch_seconds=tuple(seconds for _, seconds in epoch_rows),
            evaluation=json.loads(evaluation) if evaluation else None,
            files=tuple(
                StoredFile(path, kind, datetime.fromisoformat(saved))
                for path, kind, saved in file_rows
            ),
            message=message,
        )


def _run_exists(connection: sqlite3.Connection, run_id: int) -> bool:
    row = connection.execute("SELECT 1 FROM runs WHERE id = ?", (run_id,)).fetchone()
    if row is None:
        logger.info("Run %d is no longer in the history; not recording", run_id)
    return row is not None


def _summary(row: tuple[Any, ...]) -> RunSummary:
    (
        run_id,
        name,
        started,
        status,
        data,
        optimizer,
        learning_rate,
        epochs,
        completed,
        best,
        seconds,
    ) = row
    return RunSummary(
        id=run_id,
        name=name,
        started_at=datetime.fromisoformat(started),
        status=status,
        dataset=json.loads(data).get("name") or "",
        optimizer=optimizer or "",
        learning_rate=float(learning_rate or math.nan),
        epochs_planned=int(epochs or 0),
        epochs_completed=int(completed),
        best_val_accuracy=best,
        seconds=seconds,
    )


def open_run_store(
    path: str | os.PathLike[str] | None = None,
) -> tuple[RunStore | None, str | None]:
    """Open the run history, moving a damaged file aside; return it and a message.

    Returns ``(store, None)`` normally. After moving a damaged file to
    ``NAME.damaged-TIMESTAMP`` and starting a new history, it returns the new
    store and a message that names the moved file. When the history cannot be
    opened at all (locked, unwritable, newer schema), it returns ``(None,
    message)`` and the app runs without history.
    """
    path = Path(path) if path is not None else default_path()
    try:
        return RunStore(path), None
    except CorruptRunStoreError as error:
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        aside = path.with_name(f"{path.name}.damaged-{stamp}")
        try:
            os.replace(path, aside)
            for suffix in ("-wal", "-shm"):
                companion = path.with_name(path.name + suffix)
                if companion.exists():
                    os.replace(companion, aside.with_name(aside.name + suffix))
        except OSError as move_error:
            logger.warning("Cannot move %s aside: %s", path, move_error)
            return None, (
                f"{error} Moving it to {display_path(aside)!r} failed: "
                f"{move_error.strerror}. Runs are not recorded until it is moved."
            )
        logger.warning("Moved the damaged run history %s to %s", path, aside)
        try:
            store = RunStore(path)
        except RunStoreError as second:
            return None, str(second)
        return store, (
            f"The run history {display_path(path)!r} was damaged ({error.__cause__}). "
            f"It was moved to {display_path(aside)!r} and a new, empty history was "
            "started. The old file is kept for recovery."
        )
    except RunStoreError as error:
        return None, f"{error} Runs are not recorded until then."


# Status of a run by the reason in its RunOutcome; other reasons are "stopped".
_OUTCOME_STATUS = {"completed": "complete", "diverged": "failed"}


class RunRecording:
    """Training listener that records a run in a store and forwards every report.

    A store failure never stops training: the first RunStoreError is logged and
    kept in ``error``. When the run's row exists, the writes from then on wait
    in ``pending``, so a locked file does not stall each epoch for the lock
    timeout. ``finish`` and ``fail`` try them once more, and ``retry`` writes
    what is left once the store is writable again.
    """

    def __init__(
        self,
        store: RunStore | None,
        config: RunConfig,
        dataset: str,
        counts: Mapping[str, int],
        listener: TrainingListener | None,
    ):
        self.store = store
        self.listener = listener
        self.run_id: int | None = None
        self.error: RunStoreError | None = None
        self.pending: list[Callable[[], Any]] = []
        """Writes of the run that failed or waited, in order."""
        self._config = config
        if store is not None:
            try:
                self.run_id = store.begin_run(config, dataset, counts)
            except RunStoreError as error:
                logger.warning("Run history disabled for this run: %s", error)
                self.error = error

    def _write(self, action: Callable[[], Any]) -> None:
        if self.store is None or (self.error is not None and self.run_id is None):
            return
        if self.error is not None:
            self.pending.append(action)
            return
        try:
            action()
        except RunStoreError as error:
            logger.warning(
                "Run %s is not recorded completely; writes wait for the run "
                "history: %s",
                self.run_id,
                error,
            )
            self.error = error
            self.pending.append(action)

    def retry(self) -> bool:
        """Retry the pending writes in order; return True when none is left.

        A write that fails again stays pending with the writes after it, and
        ``error`` becomes its error. Success clears ``error``.
        """
        while self.pending:
            try:
                self.pending[0]()
            except RunStoreError as error:
                self.error = error
                return False
            self.pending.pop(0)
        if self.error is not None and self.run_id is not None:
            logger.info("Run %d is now recorded completely", self.run_id)
            self.error = None
        return True

    @property
    def incomplete(self) -> bool:
        """Whether the run's row exists but misses writes that are pending."""
        return bool(self.pending)

    def on_epoch_end(self, result: EpochResult) -> None:
        if result.complete and self.run_id is not None:
            run_id = self.run_id
            self._write(
                lambda: self.store.add_epoch(
                    run_id, result.epoch, result.metrics, result.seconds
                )
            )
        if self.listener is not None:
            self.listener.on_epoch_end(result)

    def on_progress(self, progress: BatchProgress) -> None:
        if self.listener is not None:
            self.listener.on_progress(progress)

    def finish(self, result: Any) -> None:
        """Store how a run ended, from a ``TrainResult``.

        A result with an ``outcome`` (a ``RunOutcome``) sets the status by its
        reason: "completed" is complete, "diverged" (NaN or infinite loss) is
        failed, and early stopping or a stop request is stopped. Its summary
        becomes the run's message and its checkpoint file is recorded. A run
        whose ``outcome.kept_weights`` is "discarded" is deleted from the
        history. Without an outcome, ``result.stopped`` chooses between stopped
        and complete.
        """
        if self.run_id is None:
            return
        self.retry()
        run_id = self.run_id
        outcome = getattr(result, "outcome", None)
        status = "stopped" if result.stopped else "complete"
        message = None
        if outcome is not None:
            if outcome.kept_weights == "discarded":
                self.pending.clear()
                self.error = None
                self._write(lambda: self.store.delete([run_id]))
                self.run_id = None
                return
            status = _OUTCOME_STATUS.get(outcome.reason, "stopped")
            message = outcome.summary_text()
        self._write(
            lambda: self.store.finish_run(run_id, status, result.seconds, message)
        )
        checkpoint = getattr(outcome, "checkpoint_path", None)
        if checkpoint and outcome.checkpoint_epochs and Path(checkpoint).is_file():
            self._write(lambda: self.store.add_file(run_id, checkpoint, "checkpoint"))

    def fail(self, error: BaseException) -> None:
        """Store the status "failed" with the error's message."""
        if self.run_id is None:
            return
        self.retry()
        run_id = self.run_id
        message = f"{type(error).__name__}: {error}"
        self._write(lambda: self.store.finish_run(run_id, "failed", None, message))
