"""Tests of the SQLite run history: persistence, editing, damage, locks and threads."""

from __future__ import annotations

import math
import sqlite3
import threading
from pathlib import Path
from types import SimpleNamespace

import pytest

from engine import paths
from engine.config import RunConfig
from engine.reporting import EpochResult
from engine.run_store import (
    SCHEMA_VERSION,
    CorruptRunStoreError,
    RunRecording,
    RunStore,
    RunStoreError,
    default_path,
    open_run_store,
)

CONFIG = RunConfig().replace(optimizer="adam", epochs=3, dropout=0.3, seed=7)
COUNTS = {"train": 48000, "validation": 12000, "test": 10000}


def epoch_metrics(epoch: int) -> dict[str, float]:
    return {
        "loss": 1.0 / epoch,
        "accuracy": 0.5 + 0.1 * epoch,
        "val_loss": 1.2 / epoch,
        "val_accuracy": 0.4 + 0.1 * epoch,
    }


def record_run(store: RunStore, config: RunConfig = CONFIG, epochs: int = 3) -> int:
    run_id = store.begin_run(config, "Fashion-MNIST", COUNTS)
    for epoch in range(1, epochs + 1):
        store.add_epoch(run_id, epoch, epoch_metrics(epoch), 0.25 * epoch)
    store.finish_run(run_id, "complete", seconds=1.5)
    return run_id


@pytest.fixture
def store_path(tmp_path) -> Path:
    return tmp_path / "history" / "runs.sqlite3"


@pytest.fixture
def store(store_path):
    with RunStore(store_path) as opened:
        yield opened


def test_default_path_follows_env_variable(isolated_data_dir):
    assert default_path() == isolated_data_dir / "runs.sqlite3"


def test_data_dir_uses_xdg_without_override(monkeypatch, tmp_path):
    monkeypatch.delenv(paths.DATA_DIR_VARIABLE)
    monkeypatch.setattr(paths.sys, "platform", "linux")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))

    assert paths.user_data_dir() == tmp_path / "xdg" / "keras-trainer"


def test_new_file_gets_schema_version(store, store_path):
    with sqlite3.connect(store_path) as connection:
        version = connection.execute("PRAGMA user_version").fetchone()[0]
        mode = connection.execute("PRAGMA journal_mode").fetchone()[0]

    assert version == SCHEMA_VERSION
    assert mode == "wal"


def test_runs_survive_reopen(store_path, tmp_path):
    with RunStore(store_path) as store:
        run_id = record_run(store)
        store.add_file(run_id, tmp_path / "model.keras", "model")
        store.set_evaluation(run_id, {"test": {"loss": 0.4, "accuracy": 0.86}})
        before = store.get_run(run_id)

    with RunStore(store_path) as reopened:
        after = reopened.get_run(run_id)
        listed = reopened.list_runs()

    assert after == before
    assert [summary.id for summary in listed] == [run_id]
    assert after.history.metrics["val_accuracy"] == tuple(
        epoch_metrics(e)["val_accuracy"] for e in (1, 2, 3)
    )
    assert after.epoch_seconds == (0.25, 0.5, 0.75)
    assert after.config() == CONFIG
    assert after.seed == 7
    assert after.data["counts"] == COUNTS
    assert after.data["validation_split"] == 0.2
    assert after.evaluation == {"test": {"loss": 0.4, "accuracy": 0.86}}
    assert [(f.path, f.kind) for f in after.files] == [
        (str(tmp_path / "model.keras"), "model")
    ]
    assert set(after.versions) >= {"python", "tensorflow", "keras", "numpy"}
    assert after.versions["keras"]


def test_summary_columns(store):
    run_id = record_run(store)

    (summary,) = store.list_runs()

    assert summary.id == run_id
    assert summary.name == "Adam lr=0.001, dropout 0.3"
    assert summary.dataset == "Fashion-MNIST"
    assert summary.optimizer == "adam"
    assert summary.learning_rate == 0.001
    assert summary.epochs_planned == 3
    assert summary.epochs_completed == 3
    assert summary.best_val_accuracy == pytest.approx(0.7)
    assert summary.status == "complete"
    assert summary.seconds == 1.5
    assert summary.started_at.tzinfo is not None


def test_nan_and_infinity_round_trip(store):
    run_id = store.begin_run(CONFIG, "Digits")
    store.add_epoch(run_id, 1, {"loss": math.nan, "val_loss": math.inf}, 0.1)

    history = store.get_run(run_id).history

    assert math.isnan(history.metrics["loss"][0])
    assert history.metrics["val_loss"] == (math.inf,)


def test_rename_trims_and_persists(store_path):
    with RunStore(store_path) as store:
        run_id = record_run(store)
        stored = store.rename(run_id, "  baseline   adam ")

    with RunStore(store_path) as reopened:
        name = reopened.get_run(run_id).name

    assert stored == "baseline adam"
    assert name == "baseline adam"


def test_rename_empty_rejected(store):
    run_id = record_run(store)

    with pytest.raises(ValueError, match="cannot be empty"):
        store.rename(run_id, "   ")

    assert store.get_run(run_id).name == "Adam lr=0.001, dropout 0.3"


def test_delete_several_runs(store, tmp_path):
    first, second, third = (record_run(store) for _ in range(3))
    store.add_file(first, tmp_path / "w.weights.h5", "weights")

    deleted = store.delete([first, third, 999])

    assert deleted == 2
    assert store.run_ids() == [second]
    with sqlite3.connect(store.path) as connection:
        orphans = connection.execute(
            "SELECT COUNT(*) FROM metrics WHERE run_id IN (?, ?)", (first, third)
        ).fetchone()[0]
        files = connection.execute("SELECT COUNT(*) FROM files").fetchone()[0]
    assert orphans == 0
    assert files == 0


def test_unknown_run_raises_key_error(store):
    with pytest.raises(KeyError, match="Run 5"):
        store.get_run(5)


def test_invalid_status_rejected(store):
    run_id = store.begin_run(CONFIG, "Digits")

    with pytest.raises(ValueError, match="status='done'"):
        store.finish_run(run_id, "done")


def test_interrupted_run_marked_failed(store_path):
    with RunStore(store_path) as store:
        run_id = store.begin_run(CONFIG, "Digits")
        store.add_epoch(run_id, 1, epoch_metrics(1), 0.2)

    with RunStore(store_path) as reopened:
        run = reopened.get_run(run_id)

    assert run.summary.status == "failed"
    assert "closed before it recorded the end of the run" in run.message
    assert run.history.epochs == 1


def test_not_a_database_raises(store_path):
    store_path.parent.mkdir(parents=True)
    store_path.write_bytes(b"these are not the bytes of an SQLite file" * 50)

    with pytest.raises(CorruptRunStoreError) as caught:
        RunStore(store_path)

    message = str(caught.value)
    assert "runs.sqlite3" in message
    assert "not a database" in message
    assert "KERAS_TRAINER_DATA_DIR" in message


def test_damaged_file_moved_aside(store_path):
    content = b"\x00garbage that is no database\xff" * 100
    store_path.parent.mkdir(parents=True)
    store_path.write_bytes(content)

    store, message = open_run_store(store_path)

    assert store is not None
    store.close()
    (aside,) = store_path.parent.glob("runs.sqlite3.damaged-*")
    assert aside.read_bytes() == content
    assert aside.name in message
    assert "new, empty history" in message
    with RunStore(store_path) as fresh:
        assert fresh.list_runs() == []


def test_newer_schema_left_alone(store_path):
    store_path.parent.mkdir(parents=True)
    with sqlite3.connect(store_path) as connection:
        connection.execute(f"PRAGMA user_version={SCHEMA_VERSION + 1}")
    content = store_path.read_bytes()

    store, message = open_run_store(store_path)

    assert store is None
    assert "newer Keras Trainer" in message
    assert "Runs are not recorded" in message
    assert store_path.read_bytes() == content


def test_unwritable_folder_reported(tmp_path):
    blocker = tmp_path / "file-not-folder"
    blocker.write_text("x")

    store, message = open_run_store(blocker / "runs.sqlite3")

    assert store is None
    assert "file-not-folder" in message
    assert "KERAS_TRAINER_DATA_DIR" in message


def test_history_path_is_folder(tmp_path):
    folder = tmp_path / "runs.sqlite3"
    folder.mkdir()

    store, message = open_run_store(folder)

    assert store is None
    assert f"{str(folder)!r} is a folder, not a file." in message
    assert "Move or rename that folder" in message
    assert "unable to open" not in message


def test_data_dir_variable_is_file(tmp_path, monkeypatch):
    blocker = tmp_path / "data.txt"
    blocker.write_text("x")
    monkeypatch.setenv(paths.DATA_DIR_VARIABLE, str(blocker))

    store, message = open_run_store()

    assert store is None
    assert f"{str(blocker)!r} is a file, not a folder" in message
    assert "Set KERAS_TRAINER_DATA_DIR to a folder" in message
    assert blocker.read_text() == "x"


def test_locked_database_reported(store_path):
    with RunStore(store_path) as setup:
        record_run(setup)
    other = sqlite3.connect(store_path, isolation_level=None)
    try:
        with RunStore(store_path, timeout=0.05) as store:
            other.execute("BEGIN EXCLUSIVE")
            with pytest.raises(RunStoreError) as caught:
                store.begin_run(CONFIG, "Digits")
            listed = store.list_runs()
        other.execute("ROLLBACK")
    finally:
        other.close()

    message = str(caught.value)
    assert "locked by another program" in message
    assert "runs.sqlite3" in message
    assert len(listed) == 1, "reading should still work while another writer holds it"


def test_closed_store_raises(store):
    store.close()

    with pytest.raises(RunStoreError, match="is closed"):
        store.list_runs()


def test_worker_thread_writes_while_reading(store):
    runs_per_thread = 5
    errors: list[BaseException] = []

    def worker() -> None:
        try:
            for _ in range(runs_per_thread):
                record_run(store, epochs=4)
        except BaseException as error:  # noqa: BLE001 - reported by the assert
            errors.append(error)

    threads = [threading.Thread(target=worker) for _ in range(3)]
    for thread in threads:
        thread.start()
    reads = 0
    while any(thread.is_alive() for thread in threads):
        for summary in store.list_runs():
            assert summary.epochs_completed <= 4
        reads += 1
    for thread in threads:
        thread.join()

    assert errors == []
    assert reads > 0
    summaries = store.list_runs()
    assert len(summaries) == 3 * runs_per_thread
    assert {s.epochs_completed for s in summaries} == {4}
    assert {s.status for s in summaries} == {"complete"}


class Forwarded:
    def __init__(self):
        self.epochs: list[int] = []

    def on_epoch_end(self, result):
        self.epochs.append(result.epoch)

    def on_progress(self, progress):
        pass


def test_recording_skips_partial_epochs(store):
    listener = Forwarded()
    recording = RunRecording(store, CONFIG, "Digits", COUNTS, listener)

    recording.on_epoch_end(EpochResult(1, 3, epoch_metrics(1), 0.1, 0.1))
    recording.on_epoch_end(EpochResult(2, 3, epoch_metrics(2), 0.1, 0.2, False))
    recording.finish(SimpleNamespace(stopped=True, seconds=0.2))

    run = store.get_run(recording.run_id)
    assert listener.epochs == [1, 2]
    assert run.history.epochs == 1
    assert run.summary.status == "stopped"


def test_recording_survives_store_failure(store):
    listener = Forwarded()
    recording = RunRecording(store, CONFIG, "Digits", COUNTS, listener)
    store.close()

    recording.on_epoch_end(EpochResult(1, 3, epoch_metrics(1), 0.1, 0.1))
    recording.finish(SimpleNamespace(stopped=False, seconds=0.1))

    assert listener.epochs == [1]
    assert isinstance(recording.error, RunStoreError)
    assert recording.incomplete
    assert not recording.retry()


def test_recording_finishes_after_lock(store_path):
    listener = Forwarded()
    with RunStore(store_path, timeout=0.05) as store:
        recording = RunRecording(store, CONFIG, "Digits", COUNTS, listener)
        locker = sqlite3.connect(store_path, isolation_level=None)
        locker.execute("BEGIN EXCLUSIVE")
        recording.on_epoch_end(EpochResult(1, 3, epoch_metrics(1), 0.1, 0.1))
        recording.on_epoch_end(EpochResult(2, 3, epoch_metrics(2), 0.1, 0.2))
        recording.finish(SimpleNamespace(stopped=False, seconds=0.2))

        assert listener.epochs == [1, 2]
        assert recording.incomplete
        assert "locked" in str(recording.error)
        assert store.get_run(recording.run_id).summary.status == "running"

        locker.execute("ROLLBACK")
        locker.close()
        assert recording.retry()

        run = store.get_run(recording.run_id)
        assert not recording.incomplete
        assert recording.error is None
        assert run.summary.status == "complete"
        assert run.history.epochs == 2


def test_writes_to_deleted_run_ignored(store, tmp_path):
    run_id = store.begin_run(CONFIG, "Digits")
    store.delete([run_id])

    store.add_epoch(run_id, 1, epoch_metrics(1), 0.1)
    store.add_file(run_id, tmp_path / "m.keras", "model")
    store.set_evaluation(run_id, {"test": {"loss": 1.0}})
    store.finish_run(run_id, "complete", 0.1)

    with sqlite3.connect(store.path) as connection:
        counts = [
            connection.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
            for table in ("runs", "epochs", "metrics", "files")
        ]
    assert counts == [0, 0, 0, 0]


def test_migration_hook_upgrades_schema(store_path, monkeypatch):
    from engine import run_store

    with RunStore(store_path) as old:
        run_id = record_run(old)

    def add_notes_column(connection):
        connection.execute("ALTER TABLE runs ADD COLUMN notes TEXT")

    monkeypatch.setattr(run_store, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
    monkeypatch.setitem(run_store.MIGRATIONS, SCHEMA_VERSION, add_notes_column)
    with RunStore(store_path) as upgraded:
        run = upgraded.get_run(run_id)

    with sqlite3.connect(store_path) as connection:
        version = connection.execute("PRAGMA user_version").fetchone()[0]
        columns = [row[1] for row in connection.execute("PRAGMA table_info(runs)")]
    assert version == SCHEMA_VERSION + 1
    assert "notes" in columns
    assert run.history.epochs == 3


def test_killed_writer_leaves_file_usable(store_path):
    import subprocess
    import sys
    import textwrap

    script = textwrap.dedent(
        f"""
        import os
        from engine.config import RunConfig
        from engine.run_store import RunStore

        store = RunStore({str(store_path)!r})
        run_id = store.begin_run(RunConfig(), "Digits")
        store.add_epoch(run_id, 1, {{"loss": 0.5}}, 0.1)
        connection = store._connection
        connection.execute("BEGIN IMMEDIATE")
        connection.execute(
            "INSERT INTO epochs (run_id, epoch, seconds) VALUES (?, 2, 0.1)",
            (run_id,),
        )
        os._exit(9)
        """
    )
    root = Path(__file__).resolve().parents[2]
    finished = subprocess.run(
        [sys.executable, "-c", script], cwd=root, timeout=120, check=False
    )

    with RunStore(store_path) as reopened:
        (summary,) = reopened.list_runs()
        run = reopened.get_run(summary.id)
    assert finished.returncode == 9
    assert summary.status == "failed"
    assert run.history.metrics == {"loss": (0.5,)}


def finished_outcome(store, **fields):
    from engine.reporting import RunOutcome

    recording = RunRecording(store, CONFIG, "Digits", COUNTS, None)
    recording.on_epoch_end(EpochResult(1, 3, epoch_metrics(1), 0.1, 0.1))
    run_id = recording.run_id
    outcome = RunOutcome(epochs_completed=1, monitor="val_loss", **fields)
    recording.finish(SimpleNamespace(stopped=False, seconds=0.1, outcome=outcome))
    return run_id, outcome


def test_diverged_outcome_marked_failed(store):
    run_id, outcome = finished_outcome(
        store, reason="diverged", message="The loss became NaN in batch 3."
    )

    run = store.get_run(run_id)

    assert run.summary.status == "failed"
    assert run.message == outcome.summary_text()
    assert "NaN in batch 3" in run.message


def test_early_stopping_outcome_marked_stopped(store):
    run_id, _ = finished_outcome(store, reason="early_stopping", stopped_epoch=1)

    assert store.get_run(run_id).summary.status == "stopped"


def test_discarded_outcome_deleted(store):
    run_id, _ = finished_outcome(store, reason="stop_request", kept_weights="discarded")

    assert run_id not in store.run_ids()
