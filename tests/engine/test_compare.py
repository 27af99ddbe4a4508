"""Tests of comparison runs: parsing, labels, training in turn, stops and ranking."""

from __future__ import annotations

import json
import math
import threading

import pytest

from engine.cli import EXIT_OK, EXIT_USAGE, run
from engine.compare import (
    CompareSpec,
    ComparisonRun,
    RunOutcome,
    comparison_runs,
    format_ranking,
    parse_spec,
    parse_values,
    rank_runs,
    run_comparison,
    run_label,
)
from engine.config import ConfigError, RunConfig
from engine.reporting import History
from engine.session import TrainerSession

DIGITS = RunConfig().replace(dataset="digits", epochs=2)


class ComparisonRecorder:
    """Comparison listener that records its calls as strings such as 'epoch:1'."""

    def __init__(self, on_epoch=None):
        self.events: list[str] = []
        self.epochs_by_run: dict[str, list[int]] = {}
        self._label = ""
        self._on_epoch = on_epoch

    def on_run_started(self, run: ComparisonRun) -> None:
        self._label = run.label
        self.epochs_by_run[run.label] = []
        self.events.append(f"start:{run.label}")

    def on_epoch_end(self, result) -> None:
        if result.complete:
            self.epochs_by_run[self._label].append(result.epoch)
        self.events.append(f"epoch:{result.epoch}")
        if self._on_epoch is not None:
            self._on_epoch(self._label, result)

    def on_progress(self, progress) -> None:
        pass

    def on_run_finished(self, outcome: RunOutcome) -> None:
        self.events.append(f"end:{outcome.run.label}")


def outcome(label: str, metrics: dict[str, list[float]], index: int = 0):
    config = RunConfig()
    history = History({name: tuple(values) for name, values in metrics.items()})
    return RunOutcome(
        run=ComparisonRun(index, label, None, config),
        history=history,
        epochs_completed=history.epochs,
        stopped=False,
        seconds=0.0,
    )


# Parsing -------------------------------------------------------------------


def test_parse_spec_reads_values():
    spec = parse_spec("learning_rate=0.01,0.001,0.0001")
    assert spec == CompareSpec("learning_rate", (0.01, 0.001, 0.0001))
    assert spec.labels() == ["lr=0.01", "lr=0.001", "lr=0.0001"]
    assert spec.text() == "learning_rate=0.01,0.001,0.0001"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("lr=0.1, 0.2", CompareSpec("learning_rate", (0.1, 0.2))),
        ("hidden-units=16,32,", CompareSpec("hidden_units", (16, 32))),
        ("optimizer=Adam,sgd", CompareSpec("optimizer", ("adam", "sgd"))),
        ("activation=relu,TANH", CompareSpec("activation", ("relu", "tanh"))),
        ("seed=1,2", CompareSpec("seed", (1, 2))),
        ("batch=16,64", CompareSpec("batch_size", (16, 64))),
    ],
)
def test_parse_spec_accepts_forms(text, expected):
    assert parse_spec(text) == expected


@pytest.mark.parametrize(
    ("text", "fragments"),
    [
        ("speed=1,2", ["'speed' is not a setting", "learning_rate"]),
        ("learning_rate", ["is not a comparison", "SETTING=VALUE,VALUE"]),
        ("learning_rate=0.1,fast", ["'fast' is not a number", "learning_rate=0.01"]),
        ("epochs=2,2.5", ["'2.5' is not a whole number", "epochs="]),
        ("learning_rate=0.1,inf", ["'inf' is not finite"]),
        ("learning_rate=0.1,20", ["learning_rate=20.0 is out of range", "(0.0, 10.0]"]),
        ("dropout=0.1,1", ["dropout=1.0 is out of range", "[0.0, 1.0)"]),
        ("optimizer=adam,fastest", ["'fastest' is invalid", "rmsprop, adam"]),
        ("dropout=0.1,0.1", ["lists 0.1 twice", "each value once"]),
        ("dropout=0.1", ["1 value", "at least 2"]),
        ("dropout=0.1,,0.2", ["empty value", "single commas"]),
    ],
)
def test_parse_spec_errors_name_value_and_fix(text, fragments):
    with pytest.raises(ConfigError) as caught:
        parse_spec(text)
    for fragment in fragments:
        assert fragment in str(caught.value)


def test_values_checked_against_base():
    base = RunConfig().replace(dataset="digits")
    with pytest.raises(ConfigError, match="data_dir"):
        parse_values("dataset", "digits,idx_folder", base)


# Labels and configs ---------------------------------------------------------


@pytest.mark.parametrize(
    ("setting", "value", "label"),
    [
        ("learning_rate", 0.01, "lr=0.01"),
        ("learning_rate", 1e-05, "lr=1e-05"),
        ("optimizer", "adam", "opt=adam"),
        ("dropout", 0.3, "dropout=0.3"),
        ("hidden_units", 100, "units=100"),
        ("batch_size", 32, "batch=32"),
        ("epochs", 20, "epochs=20"),
        ("activation", "tanh", "activation=tanh"),
        ("validation_split", 0.25, "validation_split=0.25"),
    ],
)
def test_run_label(setting, value, label):
    assert run_label(setting, value) == label


def test_runs_change_only_the_setting():
    base = RunConfig().replace(optimizer="adam", seed=7)
    runs = comparison_runs(base, parse_spec("dropout=0,0.3,0.5"))

    assert [item.label for item in runs] == [
        "dropout=0.0",
        "dropout=0.3",
        "dropout=0.5",
    ]
    for index, (item, dropout) in enumerate(zip(runs, (0.0, 0.3, 0.5), strict=True)):
        assert item.index == index
        assert item.config == base.replace(dropout=dropout)
        assert item.config.seed == 7


# Training in turn -------------------------------------------------------------


def test_three_runs_train_in_turn():
    session = TrainerSession()
    recorder = ComparisonRecorder()
    spec = parse_spec("learning_rate=0.01,0.001,0.0001", DIGITS)

    result = run_comparison(DIGITS, spec, session.train, recorder)

    assert [o.run.label for o in result.outcomes] == spec.labels()
    assert recorder.events == [
        "start:lr=0.01",
        "epoch:1",
        "epoch:2",
        "end:lr=0.01",
        "start:lr=0.001",
        "epoch:1",
        "epoch:2",
        "end:lr=0.001",
        "start:lr=0.0001",
        "epoch:1",
        "epoch:2",
        "end:lr=0.0001",
    ]
    for item in result.outcomes:
        assert item.epochs_completed == 2
        assert not item.stopped
        assert set(item.history.metrics) == {
            "loss",
            "accuracy",
            "val_loss",
            "val_accuracy",
        }
    assert not result.stopped
    assert result.skipped == ()
    # The session keeps the last run's model as current.
    assert session.config == DIGITS.replace(learning_rate=0.0001)


def test_runs_match_single_runs():
    spec = parse_spec("dropout=0,0.3", DIGITS)
    result = run_comparison(DIGITS, spec, TrainerSession().train)

    for item in result.outcomes:
        alone = TrainerSession().train(item.run.config)
        assert set(item.history.metrics) == set(alone.history.metrics)
        for name, values in alone.history.metrics.items():
            assert item.history.metrics[name] == pytest.approx(values, abs=1e-6), name


def test_ranking_orders_by_best_val_loss():
    spec = parse_spec("learning_rate=0.0001,0.01,0.001", DIGITS)
    result = run_comparison(DIGITS, spec, TrainerSession().train)
    ranking = result.ranking

    assert ranking.metric == "val_loss"
    assert not ranking.higher_is_better
    bests = [row.best for row in ranking.rows]
    assert bests == sorted(bests)
    assert [row.rank for row in ranking.rows] == [1, 2, 3]
    by_label = {o.run.label: o.history.metrics["val_loss"] for o in result.outcomes}
    for row in ranking.rows:
        assert row.best == min(by_label[row.label])
        assert row.last == by_label[row.label][-1]
    # With RMSprop on digits, the largest rate learns fastest in 2 epochs.
    assert ranking.rows[0].label == "lr=0.01"
    assert ranking.rows[-1].label == "lr=0.0001"


def test_stop_ends_whole_comparison():
    stop = threading.Event()
    config = DIGITS.replace(epochs=3)

    def stop_in_second_run(label, result):
        if label == "units=32" and result.epoch == 1:
            stop.set()

    recorder = ComparisonRecorder(on_epoch=stop_in_second_run)
    spec = parse_spec("hidden_units=16,32,64", config)
    result = run_comparison(config, spec, TrainerSession().train, recorder, stop)

    assert result.stopped
    assert [o.run.label for o in result.outcomes] == ["units=16", "units=32"]
    assert result.skipped == ("units=64",)
    first, second = result.outcomes
    assert first.epochs_completed == 3
    assert not first.stopped
    assert second.epochs_completed == 1
    assert second.stopped
    assert "start:units=64" not in recorder.events
    assert {row.label for row in result.ranking.rows} == {"units=16", "units=32"}


def test_stop_before_start_runs_nothing():
    stop = threading.Event()
    stop.set()
    calls = []

    def train(config, listener, stop_event):
        calls.append(config)

    spec = parse_spec("dropout=0,0.5")
    result = run_comparison(RunConfig(), spec, train, None, stop)

    assert calls == []
    assert result.outcomes == ()
    assert result.skipped == ("dropout=0.0", "dropout=0.5")
    assert result.stopped


# Ranking --------------------------------------------------------------------


def test_rank_without_validation_uses_loss():
    outcomes = [
        outcome("a", {"loss": [0.9, 0.5, 0.6]}, 0),
        outcome("b", {"loss": [0.8, 0.4]}, 1),
    ]
    ranking = rank_runs(outcomes, "val_loss")

    assert ranking.metric == "loss"
    assert "No run has validation data" in ranking.note
    assert "training loss" in ranking.note
    assert [row.label for row in ranking.rows] == ["b", "a"]
    first, second = ranking.rows
    assert (first.best, first.best_epoch, first.last) == (0.4, 2, 0.4)
    assert (second.best, second.best_epoch, second.last) == (0.5, 2, 0.6)
    assert "No run has validation data" in format_ranking(ranking)


def test_rank_accuracy_prefers_higher():
    outcomes = [
        outcome("low", {"val_accuracy": [0.5, 0.7]}, 0),
        outcome("high", {"val_accuracy": [0.9, 0.8]}, 1),
    ]
    ranking = rank_runs(outcomes, "val_accuracy")

    assert ranking.higher_is_better
    assert [row.label for row in ranking.rows] == ["high", "low"]
    assert ranking.rows[0].best_epoch == 1
    assert ranking.rows[0].last == 0.8


def test_rank_puts_runs_without_values_last():
    outcomes = [
        outcome("empty", {}, 0),
        outcome("nan", {"val_loss": [math.nan, math.nan]}, 1),
        outcome("ok", {"val_loss": [math.nan, 0.3]}, 2),
    ]
    ranking = rank_runs(outcomes)

    assert [row.label for row in ranking.rows] == ["ok", "empty", "nan"]
    assert [row.rank for row in ranking.rows] == [1, None, None]
    assert ranking.rows[0].best_epoch == 2
    document = ranking.to_dict()
    json.dumps(document, allow_nan=False)
    assert document["rows"][1]["best"] is None


def test_rank_ties_keep_run_order():
    outcomes = [
        outcome("first", {"val_loss": [0.5]}, 0),
        outcome("second", {"val_loss": [0.5]}, 1),
    ]
    assert [row.label for row in rank_runs(outcomes).rows] == ["first", "second"]


# Command line ---------------------------------------------------------------


def test_cli_compare_writes_histories(tmp_path, capsys):
    path = tmp_path / "comparison.json"
    argv = "--dataset digits --epochs 2 --compare lr=0.01,0.001,0.0001".split()

    status = run([*argv, "--history-out", str(path)])

    assert status == EXIT_OK
    output = capsys.readouterr().out
    assert "run 1/3: lr=0.01" in output
    assert "run 3/3: lr=0.0001" in output
    assert len([line for line in output.splitlines() if line.startswith("epoch ")]) == 6
    table = output[output.index("rank  run") :]
    assert table.splitlines()[1].startswith("1     lr=0.01")

    document = json.loads(path.read_text(encoding="utf-8"))
    assert document["comparison"] == {
        "setting": "learning_rate",
        "values": [0.01, 0.001, 0.0001],
        "labels": ["lr=0.01", "lr=0.001", "lr=0.0001"],
    }
    assert document["config"] == DIGITS.to_dict()
    runs = document["runs"]
    assert [r["label"] for r in runs] == ["lr=0.01", "lr=0.001", "lr=0.0001"]
    for item, rate in zip(runs, (0.01, 0.001, 0.0001), strict=True):
        assert item["settings"] == {"learning_rate": rate}
        assert item["config"] == DIGITS.replace(learning_rate=rate).to_dict()
        assert len(item["history"]["val_loss"]) == 2
        assert item["epochs_completed"] == 2
    assert document["ranking"]["metric"] == "val_loss"
    assert [row["label"] for row in document["ranking"]["rows"]][0] == "lr=0.01"
    assert document["stopped"] is False


def test_cli_compare_rank_by_accuracy(tmp_path, capsys):
    path = tmp_path / "comparison.json"
    argv = "--dataset digits --epochs 1 --compare units=8,64 --rank-by accuracy"

    status = run([*argv.split(), "--history-out", str(path)])

    assert status == EXIT_OK
    output = capsys.readouterr().out
    assert "best accuracy" in output
    ranking = json.loads(path.read_text(encoding="utf-8"))["ranking"]
    assert ranking["metric"] == "accuracy"
    assert ranking["higher_is_better"] is True
    bests = [row["best"] for row in ranking["rows"]]
    assert bests == sorted(bests, reverse=True)


@pytest.mark.parametrize(
    ("argv", "fragment"),
    [
        (["--compare", "lr=0.1,0.2", "--rank-by", "f1"], "invalid choice: 'f1'"),
        (["--compare", "lr=0.1,abc"], "'abc' is not a number"),
        (["--compare", "color=1,2"], "'color' is not a setting"),
        (["--compare", "lr=0.1", "--epochs", "2"], "at least 2"),
        (["--compare", "lr=0.1,0.2", "--save", "m.keras"], "Remove --save"),
        (["--compare", "batch_size=16,0"], "batch_size=0 is out of range"),
    ],
)
def test_cli_compare_errors(argv, fragment, capsys):
    with pytest.raises(SystemExit) as caught:
        run(["--dataset", "digits", *argv])
    assert caught.value.code == EXIT_USAGE
    assert fragment in capsys.readouterr().err
