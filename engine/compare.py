"""Comparison runs: one setting, several values, the same seed, ranked at the end.

A comparison trains one run per value, one after another, through
``TrainerSession.train`` (or any function with its signature). Every run
starts from the same base settings and seed, so the differing value is the
only cause of differing curves.
"""

from __future__ import annotations

import dataclasses
import logging
import math
import re
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from engine.config import (
    GROUPS,
    ConfigError,
    RunConfig,
    setting_metadata,
    setting_names,
)
from engine.reporting import BatchProgress, EpochResult, History, TrainingListener

if TYPE_CHECKING:
    from engine.training import TrainResult

logger = logging.getLogger(__name__)

SHORT_NAMES: dict[str, str] = {
    "learning_rate": "lr",
    "optimizer": "opt",
    "dropout": "dropout",
    "hidden_units": "units",
    "batch_size": "batch",
    "epochs": "epochs",
}
"""Abbreviations used in run labels (``lr=0.01``); other settings keep their name."""

RANK_METRICS = ("val_loss", "val_accuracy", "loss", "accuracy")
"""Metrics that can rank a comparison, by their Keras names."""

MIN_VALUES = 2
"""A comparison needs at least two values of its setting."""

SWITCHES: dict[str, tuple[str, str]] = {
    "early_stopping_monitor": ("early_stopping", "--early-stopping"),
    "patience": ("early_stopping", "--early-stopping"),
    "min_delta": ("early_stopping", "--early-stopping"),
    "restore_best_weights": ("early_stopping", "--early-stopping"),
    "checkpoint_monitor": ("checkpoint", "--checkpoint"),
    "checkpoint_path": ("checkpoint", "--checkpoint"),
}
"""Settings that only act when a switch is on: the switch and its option."""

_TRUE_WORDS = ("true", "yes", "on", "1")
_FALSE_WORDS = ("false", "no", "off", "0")

TrainFunction = Callable[..., "TrainResult"]
"""``train(config, listener, stop_event)``, as ``TrainerSession.train`` takes it."""


@dataclass(frozen=True)
class CompareSpec:
    """The setting that a comparison varies and its values, already validated."""

    setting: str
    values: tuple[Any, ...]

    def labels(self) -> list[str]:
        return [run_label(self.setting, value) for value in self.values]

    def text(self) -> str:
        """Return the spec as ``--compare`` takes it, such as ``lr=0.01,0.001``."""
        return f"{self.setting}={','.join(_value_text(v) for v in self.values)}"


@dataclass(frozen=True)
class ComparisonRun:
    """One labelled run of a comparison."""

    index: int
    """0-based position in the comparison."""
    label: str
    """The differing value, such as ``lr=0.01``."""
    value: Any
    config: RunConfig


@dataclass(frozen=True)
class RunOutcome:
    """Outcome of one run of a comparison."""

    run: ComparisonRun
    history: History
    """Metrics of the complete epochs."""
    epochs_completed: int
    stopped: bool
    """True when a stop request ended this run early."""
    seconds: float
    error: str = ""
    """Error that ended the run before or during training; empty when it trained."""
    diverged: str = ""
    """Loss problem that stopped the run, such as a NaN loss; empty otherwise."""


@dataclass(frozen=True)
class RankedRun:
    """One row of a ranking: the best and last value of the ranking metric."""

    rank: int | None
    """1 for the best run; None for a run without a finite value of the metric."""
    label: str
    best: float
    """Best value over the complete epochs; NaN when there is none."""
    best_epoch: int | None
    """1-based epoch of ``best``."""
    last: float
    """Value at the last complete epoch; NaN when there is none."""
    epochs_completed: int
    stopped: bool
    problem: str = ""
    """Short reason shown in place of the values: failed, or diverged (NaN loss)."""


@dataclass(frozen=True)
class Ranking:
    """Runs ordered by the best value of one metric."""

    metric: str
    higher_is_better: bool
    rows: tuple[RankedRun, ...]
    note: str = ""
    """Reason the ranking uses another metric than the requested one, or empty."""

    def to_dict(self) -> dict[str, Any]:
        return {
            "metric": self.metric,
            "higher_is_better": self.higher_is_better,
            "note": self.note,
            "rows": [_json_row(row) for row in self.rows],
        }


@dataclass(frozen=True)
class ComparisonResult:
    """Outcomes of the runs that started, in order, and their ranking."""

    spec: CompareSpec
    base: RunConfig
    outcomes: tuple[RunOutcome, ...]
    stopped: bool
    """True when a stop request ended the comparison before its last run ended."""
    ranking: Ranking
    skipped: tuple[str, ...] = field(default=())
    """Labels of the runs that never started because of a stop request."""


class ComparisonListener(TrainingListener, Protocol):
    """Receiver of a comparison's reports, called on the thread that runs it.

    The epoch and progress reports between ``on_run_started`` and
    ``on_run_finished`` belong to that run.
    """

    def on_run_started(self, run: ComparisonRun) -> None: ...

    def on_run_finished(self, outcome: RunOutcome) -> None: ...


# Parsing ------------------------------------------------------------------


def resolve_setting(name: str) -> str:
    """Return the setting that ``name`` means: a setting name or a label abbreviation.

    Hyphens count as underscores, so ``learning-rate`` works as on the command
    line. Raises ConfigError for an unknown name.
    """
    text = name.strip().lower().replace("-", "_")
    abbreviations = {short: long for long, short in SHORT_NAMES.items()}
    text = abbreviations.get(text, text)
    if text not in setting_names():
        raise ConfigError(
            f"{name.strip()!r} is not a setting: choose one of "
            f"{', '.join(setting_names())}."
        )
    return text


def setting_kind(name: str) -> str:
    """Return the value type of a setting: ``int``, ``float``, ``bool`` or ``str``."""
    classes = [*GROUPS.values(), RunConfig]
    for cls in classes:
        for item in dataclasses.fields(cls):
            if item.name == name:
                text = str(item.type)
                return text if text in ("int", "float", "bool") else "str"
    raise ConfigError(f"{name!r} is not a setting.")


def parse_value(setting: str, text: str) -> Any:
    """Convert one value's text to the type of ``setting``; ConfigError if invalid.

    Choices accept their key or their display name in any case (``adam``,
    ``Adam``). The range is checked later, by the config itself.
    """
    stripped = text.strip()
    kind = setting_kind(setting)
    meta = setting_metadata(setting)
    if not stripped:
        raise ConfigError(
            f"{setting} has an empty value: separate the values with single commas, "
            f"such as {_example(setting)}."
        )
    if kind == "int":
        try:
            return int(stripped)
        except ValueError:
            raise ConfigError(
                f"{setting} value {stripped!r} is not a whole number: enter whole "
                f"numbers separated by commas, such as {_example(setting)}."
            ) from None
    if kind == "float":
        try:
            value = float(stripped)
        except ValueError:
            raise ConfigError(
                f"{setting} value {stripped!r} is not a number: enter numbers "
                f"separated by commas, such as {_example(setting)}."
            ) from None
        if not math.isfinite(value):
            raise ConfigError(
                f"{setting} value {stripped!r} is not finite: enter finite numbers, "
                f"such as {_example(setting)}."
            )
        return value
    if kind == "bool":
        lowered = stripped.lower()
        if lowered in _TRUE_WORDS:
            return True
        if lowered in _FALSE_WORDS:
            return False
        raise ConfigError(
            f"{setting} value {stripped!r} is not true or false: enter true or false."
        )
    choices = meta.get("choices")
    if choices:
        for key, title in choices.items():
            if stripped.lower() in (key.lower(), str(title).lower()):
                return key
        raise ConfigError(
            f"{setting} value {stripped!r} is invalid: choose from "
            f"{', '.join(choices)}."
        )
    return stripped


def parse_values(setting: str, text: str, base: RunConfig | None = None) -> CompareSpec:
    """Parse comma-separated values of ``setting`` and check each one in ``base``.

    Each value is checked by building ``base`` with it, so the config's own
    range and choice checks apply. Raises ConfigError, naming the value, when a
    value is invalid or repeated, or when fewer than two values are given.
    """
    setting = resolve_setting(setting)
    base = base or RunConfig()
    switch = SWITCHES.get(setting)
    if switch is not None and not base.flat()[switch[0]]:
        raise ConfigError(
            f"Comparing {setting} has no effect because {switch[0]} is off, so "
            f"every run would train the same way. Turn on {switch[0]} "
            f"({switch[1]}), or compare another setting."
        )
    parts = text.split(",")
    # A trailing comma, as left while typing the next value, adds no value.
    if len(parts) > 1 and not parts[-1].strip():
        parts.pop()
    values: list[Any] = []
    for part in parts:
        value = parse_value(setting, part)
        if value in values:
            raise ConfigError(
                f"{setting} lists {_value_text(value)} twice: give each value once."
            )
        base.replace(**{setting: value})
        values.append(value)
    if len(values) < MIN_VALUES:
        raise ConfigError(
            f"{setting} has {len(values)} value{'s' if len(values) != 1 else ''}: a "
            f"comparison needs at least {MIN_VALUES}, such as {_example(setting)}."
        )
    return CompareSpec(setting, tuple(values))


def parse_spec(text: str, base: RunConfig | None = None) -> CompareSpec:
    """Parse ``SETTING=V1,V2,...`` (the ``--compare`` argument) into a spec."""
    name, equals, values = text.partition("=")
    if not equals or not name.strip():
        raise ConfigError(
            f"{text!r} is not a comparison: write SETTING=VALUE,VALUE, such as "
            "learning_rate=0.01,0.001,0.0001."
        )
    return parse_values(name, values, base)


def _example(setting: str) -> str:
    examples = {
        "int": "32,64,128",
        "float": "0.01,0.001",
        "bool": "true,false",
    }
    choices = setting_metadata(setting).get("choices")
    if choices:
        return f"{setting}={','.join(list(choices)[:2])}"
    return f"{setting}={examples.get(setting_kind(setting), 'a,b')}"


# Runs ---------------------------------------------------------------------


def run_label(setting: str, value: Any) -> str:
    """Return the label of a run, such as ``lr=0.01`` or ``activation=tanh``."""
    return f"{SHORT_NAMES.get(setting, setting)}={_value_text(value)}"


def _value_text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        # repr is the shortest text that reads back as the same float.
        return repr(value)
    if value is None:
        return "none"
    return str(value)


def comparison_runs(base: RunConfig, spec: CompareSpec) -> list[ComparisonRun]:
    """Return one labelled config per value: ``base`` with only that value changed.

    With a checkpoint, each run writes its own file named after its label,
    such as ``best-lr=0.01.keras`` for ``best.keras``, so no run overwrites
    another run's best model.
    """
    runs = []
    for index, value in enumerate(spec.values):
        label = run_label(spec.setting, value)
        config = base.replace(**{spec.setting: value})
        if config.fit.checkpoint and spec.setting != "checkpoint_path":
            path = run_checkpoint_path(config.fit.checkpoint_path, label)
            config = config.replace(checkpoint_path=path)
        runs.append(ComparisonRun(index, label, value, config))
    return runs


def run_checkpoint_path(path: str, label: str) -> str:
    """Return ``path`` with ``-label`` before its suffix, the label made file-safe."""
    safe = re.sub(r"[^A-Za-z0-9._=-]", "_", label)
    original = Path(path)
    return str(original.with_name(f"{original.stem}-{safe}{original.suffix}"))


def check_comparison(base: RunConfig, spec: CompareSpec) -> None:
    """Raise ConfigError or ModelFileError when a run of the comparison cannot start.

    This checks each run's checkpoint file, TensorBoard folder and TF_CONFIG
    before the first run trains, so a value that cannot work does not end
    the comparison after hours of finished runs.
    """
    from engine.distribution import check_strategy_environment
    from engine.monitoring import check_checkpoint_target
    from engine.persistence import ModelFileError
    from engine.tensorboard_logs import check_tensorboard_dir

    for run in comparison_runs(base, spec):
        try:
            check_checkpoint_target(run.config)
            check_tensorboard_dir(run.config)
            check_strategy_environment(run.config.fit.strategy)
        except (ConfigError, ModelFileError) as error:
            raise ConfigError(f"Run {run.label} cannot start: {error}") from None


def run_comparison(
    base: RunConfig,
    spec: CompareSpec,
    train: TrainFunction,
    listener: ComparisonListener | None = None,
    stop_event: threading.Event | None = None,
    rank_metric: str = "val_loss",
) -> ComparisonResult:
    """Train one run per value of ``spec``, one after another, and rank them.

    ``train`` is called as ``train(config, listener, stop_event)`` on the
    calling thread, as ``TrainerSession.train`` is. A stop request ends the run
    in progress (as a single run ends) and skips the runs after it.

    :func:`check_comparison` runs first and raises before any run trains. A
    run that still raises ConfigError, ModelFileError or DatasetError is
    recorded with its ``error`` and the next run starts.
    """
    from engine.data import DatasetError
    from engine.persistence import ModelFileError

    check_comparison(base, spec)
    stop_event = stop_event or threading.Event()
    runs = comparison_runs(base, spec)
    outcomes: list[RunOutcome] = []
    logger.info("Comparing %s over %d runs", spec.text(), len(runs))
    for run in runs:
        if stop_event.is_set():
            break
        if listener is not None:
            listener.on_run_started(run)
        try:
            result = train(run.config, _RunListener(listener), stop_event)
        except (ConfigError, ModelFileError, DatasetError) as error:
            logger.warning("Comparison run %s failed: %s", run.label, error)
            outcome = RunOutcome(run, History(), 0, False, 0.0, error=str(error))
        else:
            diverged = ""
            if result.outcome is not None and result.outcome.reason == "diverged":
                diverged = result.outcome.message
            outcome = RunOutcome(
                run=run,
                history=result.history,
                epochs_completed=result.epochs_completed,
                stopped=bool(result.stopped) or stop_event.is_set(),
                seconds=result.seconds,
                diverged=diverged,
            )
        outcomes.append(outcome)
        logger.info(
            "Comparison run %s ended after %d epochs",
            run.label,
            outcome.epochs_completed,
        )
        if listener is not None:
            listener.on_run_finished(outcome)

    skipped = tuple(run.label for run in runs[len(outcomes) :])
    stopped = stop_event.is_set() and (
        bool(skipped) or any(outcome.stopped for outcome in outcomes)
    )
    if stopped:
        logger.info("Comparison stopped on request; skipped runs: %s", skipped)
    return ComparisonResult(
        spec=spec,
        base=base,
        outcomes=tuple(outcomes),
        stopped=stopped,
        ranking=rank_runs(outcomes, rank_metric),
        skipped=skipped,
    )


class _RunListener:
    """TrainingListener that forwards one run's reports to a ComparisonListener."""

    def __init__(self, listener: ComparisonListener | None):
        self.listener = listener

    def on_epoch_end(self, result: EpochResult) -> None:
        if self.listener is not None:
            self.listener.on_epoch_end(result)

    def on_progress(self, progress: BatchProgress) -> None:
        if self.listener is not None:
            self.listener.on_progress(progress)


# Ranking ------------------------------------------------------------------


def higher_is_better(metric: str) -> bool:
    """Return True for accuracy metrics, False for losses."""
    return "accuracy" in metric


def best_value(values: Sequence[float], higher: bool) -> tuple[float, int | None]:
    """Return the best finite value and its 1-based epoch, or (NaN, None)."""
    best, best_epoch = math.nan, None
    for epoch, value in enumerate(values, start=1):
        if not math.isfinite(value):
            continue
        if best_epoch is None or (value > best if higher else value < best):
            best, best_epoch = value, epoch
    return best, best_epoch


def rank_runs(outcomes: Sequence[RunOutcome], metric: str = "val_loss") -> Ranking:
    """Rank runs by the best value of ``metric`` over their complete epochs.

    Without validation data no run has ``val_*`` metrics, so a validation
    metric falls back to its training metric and ``Ranking.note`` explains it.
    Runs without a finite value come last, unranked. Ties keep run order.
    """
    note = ""
    has_metric = any(metric in outcome.history.metrics for outcome in outcomes)
    if not has_metric and metric.startswith("val_") and outcomes:
        training_metric = metric.removeprefix("val_")
        note = (
            f"No run has validation data, so the runs are ranked by training "
            f"{training_metric} instead of {metric}."
        )
        metric = training_metric
    higher = higher_is_better(metric)

    rows = []
    for outcome in outcomes:
        values = outcome.history.metrics.get(metric, ())
        best, best_epoch = best_value(values, higher)
        rows.append(
            RankedRun(
                rank=None,
                label=outcome.run.label,
                best=best,
                best_epoch=best_epoch,
                last=float(values[-1]) if values else math.nan,
                epochs_completed=outcome.epochs_completed,
                stopped=outcome.stopped,
                problem=_problem_text(outcome),
            )
        )

    ranked = [row for row in rows if row.best_epoch is not None]
    ranked.sort(key=lambda row: -row.best if higher else row.best)
    unranked = [row for row in rows if row.best_epoch is None]
    ordered = [
        dataclasses.replace(row, rank=position)
        for position, row in enumerate(ranked, start=1)
    ]
    return Ranking(metric, higher, tuple(ordered + unranked), note)


def _problem_text(outcome: RunOutcome) -> str:
    if outcome.error:
        return "failed"
    if outcome.diverged:
        return "diverged (NaN loss)"
    return ""


def format_ranking(ranking: Ranking) -> str:
    """Return the ranking as a plain-text table, best run first."""
    header = (
        "rank",
        "run",
        f"best {ranking.metric}",
        "best epoch",
        f"last {ranking.metric}",
        "epochs",
        "problem" if any(row.problem for row in ranking.rows) else "",
    )
    lines = [header]
    for row in ranking.rows:
        lines.append(
            (
                "-" if row.rank is None else str(row.rank),
                row.label,
                _number_text(row.best),
                "-" if row.best_epoch is None else str(row.best_epoch),
                _number_text(row.last),
                f"{row.epochs_completed}{' (stopped)' if row.stopped else ''}",
                row.problem,
            )
        )
    widths = [max(len(line[column]) for line in lines) for column in range(7)]
    text = "\n".join(
        "  ".join(
            cell.ljust(width) for cell, width in zip(line, widths, strict=True)
        ).rstrip()
        for line in lines
    )
    return f"{text}\n{ranking.note}" if ranking.note else text


def _number_text(value: float) -> str:
    return f"{value:.4f}" if math.isfinite(value) else "-"


def _json_row(row: RankedRun) -> dict[str, Any]:
    values = dataclasses.asdict(row)
    # JSON has no NaN; null marks a run without a value.
    for name in ("best", "last"):
        if not math.isfinite(values[name]):
            values[name] = None
    return values


def outcome_document(outcome: RunOutcome, setting: str) -> dict[str, Any]:
    """Return one run as plain JSON-ready values: label, settings and history."""
    fit = outcome.run.config.fit
    return {
        "label": outcome.run.label,
        "settings": {setting: outcome.run.value},
        "config": outcome.run.config.to_dict(),
        "history": outcome.history.to_dict(),
        "epochs_completed": outcome.epochs_completed,
        "stopped": outcome.stopped,
        "seconds": outcome.seconds,
        "checkpoint_path": fit.checkpoint_path if fit.checkpoint else None,
        "error": outcome.error or None,
        "diverged": outcome.diverged or None,
    }


def comparison_document(result: ComparisonResult) -> dict[str, Any]:
    """Return a whole comparison as plain JSON-ready values."""
    spec = result.spec
    return {
        "comparison": {
            "setting": spec.setting,
            "values": list(spec.values),
            "labels": spec.labels(),
        },
        "config": result.base.to_dict(),
        "runs": [outcome_document(o, spec.setting) for o in result.outcomes],
        "skipped": list(result.skipped),
        "stopped": result.stopped,
        "ranking": result.ranking.to_dict(),
    }
