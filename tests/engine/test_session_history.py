"""Tests that TrainerSession records its runs, saves and evaluations in a RunStore."""

from __future__ import annotations

import threading

import pytest

from engine.config import ConfigError, RunConfig
from engine.run_store import RunStore
from engine.session import TrainerSession

CONFIG = RunConfig().replace(dataset="digits", epochs=3, hidden_units=16, seed=3)


@pytest.fixture
def store(tmp_path):
    with RunStore(tmp_path / "runs.sqlite3") as opened:
        yield opened


def test_run_metrics_equal_history(store, recording_listener):
    session = TrainerSession(store)
    listener = recording_listener()

    result = session.train(CONFIG, listener)

    (summary,) = store.list_runs()
    run = store.get_run(summary.id)
    assert session.run_id == summary.id
    assert run.history == result.history
    assert run.history.epochs == 3
    assert run.epoch_seconds == tuple(epoch.seconds for epoch in listener.epochs)
    assert run.config() == CONFIG
    assert run.seed == 3
    split = session.data(CONFIG.data, CONFIG.seed)
    assert run.data["counts"] == {
        "train": len(split.y_train),
        "validation": len(split.y_val),
        "test": len(split.y_test),
    }
    assert run.data["name"] == split.name
    assert summary.status == "complete"
    assert summary.seconds == pytest.approx(result.seconds)
    assert summary.best_val_accuracy == max(result.history.metrics["val_accuracy"])


def test_stopped_run_keeps_complete_epochs(store):
    session = TrainerSession(store)
    stop = threading.Event()

    class StopAfterFirst:
        def on_epoch_end(self, result):
            stop.set()

        def on_progress(self, progress):
            pass

    result = session.train(CONFIG, StopAfterFirst(), stop)

    (summary,) = store.list_runs()
    run = store.get_run(summary.id)
    assert result.stopped
    assert summary.status == "stopped"
    assert run.history == result.history
    assert run.history.epochs == result.epochs_completed


def test_saves_and_evaluation_attached(store, tmp_path):
    session = TrainerSession(store)
    session.train(CONFIG)

    model_path = session.save_model(tmp_path / "model.keras")
    weights_path = session.save_weights(tmp_path / "model.weights.h5")
    evaluation = session.evaluate(CONFIG.data, CONFIG.seed)

    run = store.get_run(session.run_id)
    assert [(f.path, f.kind) for f in run.files] == [
        (str(model_path), "model"),
        (str(weights_path), "weights"),
    ]
    assert run.evaluation["test"] == evaluation.test
    assert run.evaluation["validation_count"] == evaluation.validation_count


def test_settings_that_cannot_run_not_recorded(store):
    session = TrainerSession(store)

    with pytest.raises(ConfigError, match="batch_size=5000"):
        session.train(CONFIG.replace(batch_size=5000))

    assert store.list_runs() == []


def test_failed_run_recorded_as_failed(store, monkeypatch):
    import engine.training

    def broken_fit(*args, **kwargs):
        raise RuntimeError("simulated out of memory")

    session = TrainerSession(store)
    monkeypatch.setattr(engine.training, "train", broken_fit)

    with pytest.raises(RuntimeError, match="simulated"):
        session.train(CONFIG)

    (summary,) = store.list_runs()
    assert summary.status == "failed"
    assert "simulated out of memory" in store.get_run(summary.id).message


def test_closed_store_does_not_stop_training(store):
    session = TrainerSession(store)
    store.close()

    result = session.train(CONFIG)

    assert result.epochs_completed == 3
    assert session.model is result.model
    assert "is closed" in str(session.run_store_error)
    assert session.run_id is None


def test_cli_run_recorded(isolated_data_dir, capsys):
    from engine.cli import run
    from engine.run_store import default_path

    status = run(["--dataset", "digits", "--epochs", "2", "--hidden-units", "8"])

    with RunStore(default_path()) as history:
        summaries = history.list_runs()
        stored = history.get_run(summaries[0].id)
    assert status == 0
    assert default_path().parent == isolated_data_dir
    assert len(summaries) == 1
    assert stored.history.epochs == 2
    assert stored.config().model.hidden_units == 8


def test_checkpoint_and_early_stop_recorded(store, tmp_path):
    session = TrainerSession(store)
    checkpoint = tmp_path / "best.keras"
    config = CONFIG.replace(
        epochs=4,
        early_stopping=True,
        patience=1,
        checkpoint=True,
        checkpoint_path=str(checkpoint),
    )

    result = session.train(config)

    run = store.get_run(session.run_id)
    expected = {"completed": "complete", "early_stopping": "stopped"}
    assert run.summary.status == expected[result.outcome.reason]
    assert run.message == result.outcome.summary_text()
    assert ("checkpoint", str(checkpoint)) in [(f.kind, f.path) for f in run.files]
    assert run.history == result.history
