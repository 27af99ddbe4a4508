"""``main.py train``: the training engine without a window."""

from __future__ import annotations

import argparse
import json
import logging
import math
import os
import signal
import sys
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from engine.compare import (
    RANK_METRICS,
    CompareSpec,
    ComparisonRun,
    RunOutcome,
    check_comparison,
    comparison_document,
    format_ranking,
    parse_spec,
    parse_values,
    run_comparison,
)
from engine.config import (
    ACTIVATION_CHOICES,
    DATASET_CHOICES,
    MONITOR_CHOICES,
    OPTIMIZER_CHOICES,
    STRATEGY_CHOICES,
    ConfigError,
    DataConfig,
    FitConfig,
    ModelConfig,
    RunConfig,
    range_text,
    setting_metadata,
)
from engine.paths import display_path, parent_folder_problem, write_problem
from engine.presets import (
    Preset,
    format_presets,
    format_restore_report,
    get_preset,
    save_and_restore,
)
from engine.reporting import BatchProgress, EpochResult

if TYPE_CHECKING:
    from engine.session import Evaluation
    from engine.training import TrainResult

logger = logging.getLogger(__name__)

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2


def _range_text(name: str) -> str:
    return range_text(setting_metadata(name))


def _number(kind: type, name: str) -> Callable[[str], Any]:
    """Return an argparse type that names the allowed range when parsing fails."""

    def parse(text: str) -> Any:
        try:
            value = kind(text)
        except ValueError:
            noun = "whole number" if kind is int else "number"
            raise argparse.ArgumentTypeError(
                f"{text!r} is not a {noun}; allowed range {_range_text(name)}"
            ) from None
        if kind is float and not math.isfinite(value):
            raise argparse.ArgumentTypeError(
                f"{text!r} is not finite; allowed range {_range_text(name)}"
            )
        return value

    return parse


def build_parser(prog: str = "main.py train") -> argparse.ArgumentParser:
    """Return the parser of the ``train`` subcommand."""
    defaults = RunConfig()
    parser = argparse.ArgumentParser(
        prog=prog,
        description="Train the classifier without a window; print one line per epoch.",
    )

    parser.add_argument(
        "--dataset",
        choices=list(DATASET_CHOICES),
        default=defaults.data.dataset,
        help="dataset to train on; with --data-dir, fashion_mnist and mnist read their "
        "files from that folder, and idx_folder reads any four IDX files "
        "(default %(default)s)",
    )

    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        help="folder with the four IDX files (raw or .gz) instead of the Keras cache",
    )

    parser.add_argument(
        "--epochs",
        type=_number(int, "epochs"),
        default=defaults.fit.epochs,
        help=f"passes over the training set, in {_range_text('epochs')} "
        "(default %(default)s)",
    )

    parser.add_argument(
        "--batch-size",
        type=_number(int, "batch_size"),
        default=defaults.fit.batch_size,
        help=f"images per update, in {_range_text('batch_size')} (default %(default)s)",
    )

    parser.add_argument(
        "--optimizer",
        choices=list(OPTIMIZER_CHOICES),
        default=defaults.fit.optimizer,
        help="Keras optimizer (default %(default)s)",
    )

    parser.add_argument(
        "--learning-rate",
        type=_number(float, "learning_rate"),
        default=defaults.fit.learning_rate,
        help=f"optimizer step size, in {_range_text('learning_rate')} "
        "(default %(default)s)",
    )

    parser.add_argument(
        "--hidden-units",
        type=_number(int, "hidden_units"),
        default=defaults.model.hidden_units,
        help=f"units of the hidden Dense layer, in {_range_text('hidden_units')} "
        "(default %(default)s)",
    )

    parser.add_argument(
        "--activation",
        choices=list(ACTIVATION_CHOICES),
        default=defaults.model.activation,
        help="activation of the hidden layer (default %(default)s)",
    )

    parser.add_argument(
        "--dropout",
        type=_number(float, "dropout"),
        default=defaults.model.dropout,
        help=f"dropout rate after the hidden layer, in {_range_text('dropout')}; "
        "0 adds no "
        "Dropout layer (default %(default)s)",
    )

    parser.add_argument(
        "--validation-split",
        type=_number(float, "validation_split"),
        default=defaults.data.validation_split,
        help=f"fraction of training images held out for validation, in "
        f"{_range_text('validation_split')} (default %(default)s)",
    )

    parser.add_argument(
        "--seed",
        type=_number(int, "seed"),
        default=defaults.seed,
        help=f"seed of the split and of Keras, in {_range_text('seed')} "
        "(default %(default)s)",
    )

    parser.add_argument(
        "--fast",
        action="store_true",
        help="fast mode: same model and numbers, with a uint8 tf.data pipeline, "
        "prefetching and 32 batches per call",
    )

    parser.add_argument(
        "--strategy",
        choices=list(STRATEGY_CHOICES),
        default=defaults.fit.strategy,
        help="devices to train on: default (one), mirrored (all local GPUs, or "
        "the logical CPUs), multi_worker (the cluster in the TF_CONFIG "
        "environment variable) (default %(default)s)",
    )

    parser.add_argument(
        "--early-stopping",
        metavar="PATIENCE",
        type=_number(int, "patience"),
        help="stop when the monitored metric has not improved for PATIENCE epochs, "
        f"in {_range_text('patience')} (default: off)",
    )

    parser.add_argument(
        "--monitor",
        choices=list(MONITOR_CHOICES),
        help="metric that early stopping and the checkpoint watch (default val_loss, "
        "or loss with --validation-split 0)",
    )

    parser.add_argument(
        "--min-delta",
        type=_number(float, "min_delta"),
        default=defaults.fit.min_delta,
        help="smallest change of the monitored metric that counts as an improvement, "
        f"in {_range_text('min_delta')} (default %(default)s)",
    )

    parser.add_argument(
        "--no-restore-best",
        action="store_true",
        help="with --early-stopping, keep the last epoch's weights instead of "
        "restoring the best epoch's",
    )

    parser.add_argument(
        "--checkpoint",
        metavar="FILE.keras",
        help="save the model to FILE.keras each time the monitored metric improves",
    )

    parser.add_argument(
        "--history-out",
        metavar="FILE.json",
        help="write the settings and per-epoch history as JSON",
    )

    parser.add_argument(
        "--save",
        metavar="FILE",
        help="save the trained model (.keras, or legacy .h5; .keras is added when "
        "the name has no suffix)",
    )

    parser.add_argument(
        "--tensorboard-dir",
        metavar="DIR",
        help="write TensorBoard event files to a new subfolder of DIR for this run",
    )

    parser.add_argument(
        "--overwrite",
        action="store_true",
        help="replace existing --save and --history-out files instead of stopping",
    )

    parser.add_argument(
        "--compare",
        metavar="SETTING=V1,V2,...",
        help="train one run per value of one setting, with the same seed, then "
        "rank them; for example learning_rate=0.01,0.001,0.0001",
    )

    parser.add_argument(
        "--rank-by",
        choices=list(RANK_METRICS),
        default="val_loss",
        help="metric whose best value ranks the runs of --compare; without "
        "validation data a val_ metric falls back to its training metric "
        "(default %(default)s)",
    )

    parser.add_argument(
        "--preset",
        metavar="NAME",
        help="run a classic tutorial experiment ('main.py presets' lists them); "
        "options given on the command line override its settings",
    )

    parser.add_argument(
        "--output-dir",
        metavar="DIR",
        default=".",
        help="folder for the files a preset writes: checkpoint, saved model and "
        "weights (default: the current folder)",
    )

    return parser


def _callback_settings(args: argparse.Namespace) -> dict[str, Any]:
    """Return the FitConfig fields that the callback options set.

    Raises ConfigError for --monitor, --min-delta or --no-restore-best without
    the option they modify.
    """
    early_stopping = args.early_stopping is not None
    checkpoint = args.checkpoint is not None
    needs = [
        ("--monitor", args.monitor is not None, early_stopping or checkpoint),
        ("--min-delta", args.min_delta != FitConfig().min_delta, early_stopping),
        ("--no-restore-best", args.no_restore_best, early_stopping),
    ]
    for option, given, used in needs:
        if given and not used:
            target = "--early-stopping or --checkpoint"
            if option != "--monitor":
                target = "--early-stopping"
            raise ConfigError(f"{option} has no effect without {target}. Add {target}.")
    monitor = args.monitor
    if monitor is None:
        monitor = "val_loss" if args.validation_split > 0 else "loss"
    return {
        "early_stopping": early_stopping,
        "early_stopping_monitor": monitor,
        "patience": args.early_stopping if early_stopping else FitConfig().patience,
        "min_delta": args.min_delta,
        "restore_best_weights": not args.no_restore_best,
        "checkpoint": checkpoint,
        "checkpoint_monitor": monitor,
        "checkpoint_path": args.checkpoint,
    }


def config_from_args(args: argparse.Namespace) -> RunConfig:
    """Build a validated RunConfig from parsed arguments."""
    return RunConfig(
        data=DataConfig(
            dataset=args.dataset,
            data_dir=args.data_dir,
            validation_split=args.validation_split,
        ),
        model=ModelConfig(
            hidden_units=args.hidden_units,
            activation=args.activation,
            dropout=args.dropout,
        ),
        fit=FitConfig(
            optimizer=args.optimizer,
            learning_rate=args.learning_rate,
            epochs=args.epochs,
            batch_size=args.batch_size,
            fast=args.fast,
            strategy=args.strategy,
            **_callback_settings(args),
            tensorboard_dir=args.tensorboard_dir,
        ),
        seed=args.seed,
    )


class _LinePrinter:
    """Listener that prints one line per epoch."""

    def __init__(self, stream: TextIO):
        self.stream = stream

    def on_epoch_end(self, result: EpochResult) -> None:
        width = len(str(result.epochs))
        metrics = "  ".join(
            f"{name} {value:.4f}" for name, value in result.metrics.items()
        )
        note = "" if result.complete else "  (stopped mid-epoch, not recorded)"
        print(
            f"epoch {result.epoch:>{width}}/{result.epochs}  {metrics}  "
            f"{result.seconds:.1f}s{note}",
            file=self.stream,
            flush=True,
        )

    def on_progress(self, progress: BatchProgress) -> None:
        pass


def run(argv: Sequence[str] | None = None, stdout: TextIO | None = None) -> int:
    """Run ``train`` with ``argv`` and return the process exit status."""
    from engine import persistence
    from engine.data import DatasetError
    from engine.run_store import open_run_store
    from engine.session import TrainerSession

    stdout = stdout or sys.stdout
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        config = config_from_args(args)
        preset, spec = None, None
        if args.preset is not None:
            preset = get_preset(args.preset)
            given = _given_options(argv)
            _check_preset_comparison(preset, given)
            config = _apply_preset(preset, config, given, args)
            spec = preset.compare
        if args.compare:
            spec = parse_spec(args.compare, config)
        if spec is not None:
            # Check the values again against the final settings.
            spec = parse_values(spec.setting, spec.text().partition("=")[2], config)
            if args.save:
                raise ConfigError(
                    "--save keeps one model, but a comparison trains several. "
                    "Remove --save, or train the chosen value without --compare."
                )
        if preset is not None and preset.files:
            for name in preset.files:
                _check_new_file(Path(args.output_dir) / name, args.overwrite)
                problem = write_problem(Path(args.output_dir) / name)
                if problem is not None:
                    raise ConfigError(
                        f"--output-dir: {problem}. Choose a folder you can write to."
                    )
        save_path = None
        if args.save:
            save_path = persistence.normalize_model_path(args.save)
            _check_new_file(save_path, args.overwrite)
        history_path = None
        if args.history_out:
            history_path = _check_output_path(args.history_out, ".json")
            _check_new_file(history_path, args.overwrite)
        if config.fit.checkpoint:
            _check_new_file(Path(config.fit.checkpoint_path), args.overwrite)
        _check_outputs(config, spec, save_path, history_path)
    except (ConfigError, persistence.ModelFileError) as error:
        parser.error(str(error))

    stop_event = threading.Event()
    previous_handler = _install_interrupt(stop_event)
    # The run history is optional: without it the run trains and is not listed.
    run_store, store_message = open_run_store()
    if store_message:
        print(f"warning: {store_message}", file=sys.stderr)
    session = TrainerSession(run_store)
    try:
        if spec is not None:
            return _run_comparison(
                session, config, spec, stdout, stop_event, history_path, args.rank_by
            )
        result = session.train(config, _LinePrinter(stdout), stop_event)
        diverged = result.outcome.reason == "diverged"
        if diverged:
            print(f"error: {result.outcome.message}", file=sys.stderr)
        if result.epochs_completed == 0:
            print(
                "stopped before the first epoch ended; nothing was saved", file=stdout
            )
            return EXIT_FAILED
        print(result.outcome.summary_text(), file=stdout)
        evaluation = session.evaluate(config.data, config.seed)
        print(_evaluation_text(evaluation), file=stdout)
        # Each output is written even when another one fails, so one bad file
        # never costs the trained model.
        not_written = []
        if history_path is not None:
            document = _history_document(config, result, evaluation)
            if not _write_history(history_path, document, stdout):
                not_written.append(f"--history-out {display_path(history_path)}")
        if save_path is not None:
            try:
                saved = session.save_model(save_path)
            except persistence.ModelFileError as error:
                print(f"error: {error}", file=sys.stderr)
                not_written.append(f"--save {display_path(save_path)}")
            else:
                print(f"saved model to {saved}", file=stdout)
        if result.outcome.checkpoint_error:
            print(
                f"error: checkpoint not written: {result.outcome.checkpoint_error}",
                file=sys.stderr,
            )
            not_written.append(f"--checkpoint {config.fit.checkpoint_path}")
        if (
            preset is not None
            and preset.save_and_restore
            and not result.stopped
            and not diverged
        ):
            report = save_and_restore(session, config, args.output_dir, stop_event)
            if report is not None:
                print(format_restore_report(report), file=stdout)
        if not_written:
            print(f"not written: {', '.join(not_written)}", file=sys.stderr)
        if diverged or not_written:
            return EXIT_FAILED
    except ConfigError as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_USAGE
    except (DatasetError, persistence.ModelFileError) as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_FAILED
    finally:
        if previous_handler is not None:
            signal.signal(signal.SIGINT, previous_handler)
        if run_store is not None:
            run_store.close()
    return EXIT_OK


def _evaluation_text(evaluation: Evaluation) -> str:
    parts = []
    sets = (("validation", evaluation.validation), ("test", evaluation.test))
    for label, values in sets:
        if values:
            parts.append(
                f"{label} loss {values['loss']:.4f} accuracy {values['accuracy']:.4f}"
            )
    return "evaluation of the kept weights: " + ", ".join(parts)


def _history_document(
    config: RunConfig, result: TrainResult, evaluation: Evaluation
) -> dict[str, Any]:
    """Return the settings and per-epoch history of one run as JSON-ready values.

    Epoch numbers in the document are 1-based. ``best_epoch`` and
    ``stopped_epoch`` are null when no epoch completed or early stopping did
    not fire, and ``evaluation`` is of the weights the model holds at the end.
    """
    outcome = result.outcome
    return {
        "config": config.to_dict(),
        "history": result.history.to_dict(),
        "epochs_completed": result.epochs_completed,
        "stopped": result.stopped,
        "seconds": result.seconds,
        "stop_reason": outcome.reason,
        "stopped_epoch": outcome.stopped_epoch,
        "best_epoch": outcome.best_epoch,
        "monitor": outcome.monitor,
        "held_epoch": outcome.held_epoch,
        "checkpoint_epochs": list(outcome.checkpoint_epochs),
        "evaluation": {
            "validation": evaluation.validation or None,
            "test": evaluation.test,
        },
    }


def _write_history(path: Path, document: dict[str, Any], stdout: TextIO) -> bool:
    """Write ``document`` as JSON, replacing ``path`` whole; False if that failed."""
    temporary = path.with_name(f".{path.name}.partial")
    try:
        temporary.write_text(json.dumps(document, indent=2), encoding="utf-8")
        os.replace(temporary, path)
    except OSError as error:
        print(
            f"error: writing {display_path(path)} failed: {error.strerror}. Check "
            "the free disk space and the folder's permissions.",
            file=sys.stderr,
        )
        return False
    finally:
        temporary.unlink(missing_ok=True)
    print(f"wrote history to {path}", file=stdout)
    return True


def _check_folder(path: Path) -> None:
    """Raise ConfigError when the folder of ``path`` cannot hold a new file."""
    problem = parent_folder_problem(path)
    if problem is not None:
        raise ConfigError(
            f"{problem} It should hold {path.name!r}: create the folder, or choose "
            "another one."
        )


def _check_new_file(path: Path, overwrite: bool) -> None:
    """Raise ConfigError when ``path`` exists and may not be replaced."""
    _check_folder(path)
    if path.is_dir():
        raise ConfigError(
            f"{display_path(path)!r} is a folder. Choose a file name for {path.name!r}."
        )
    if path.exists() and not overwrite:
        raise ConfigError(
            f"{display_path(path)!r} already exists. Choose another name, or add "
            "--overwrite to replace it."
        )


def _check_outputs(
    config: RunConfig,
    spec: CompareSpec | None,
    save_path: Path | None,
    history_path: Path | None,
) -> None:
    """Raise ConfigError when two outputs share a file or one cannot be written.

    This runs before training, so a wrong output never costs a trained model.
    """
    from engine.monitoring import check_checkpoint_target

    outputs = []
    if config.fit.checkpoint and (spec is None or spec.setting != "checkpoint_path"):
        outputs.append(("--checkpoint", Path(config.fit.checkpoint_path)))
    if save_path is not None:
        outputs.append(("--save", save_path))
    if history_path is not None:
        outputs.append(("--history-out", history_path))
    for index, (option, path) in enumerate(outputs):
        for other_option, other_path in outputs[index + 1 :]:
            if path.resolve() == other_path.resolve():
                raise ConfigError(
                    f"{option} and {other_option} name the same file "
                    f"{display_path(path)!r}, so one would overwrite the other. "
                    f"Give {other_option} another file name."
                )
        problem = write_problem(path)
        if problem is not None:
            raise ConfigError(
                f"{option} {problem}. Choose a file in a folder you can write to."
            )
    if spec is None:
        check_checkpoint_target(config)
    else:
        check_comparison(config, spec)


def _check_preset_comparison(preset: Preset, given: set[str]) -> None:
    """Raise ConfigError when options conflict with the comparison of ``preset``."""
    if preset.compare is None:
        return
    setting = preset.compare.setting
    if "compare" in given:
        raise ConfigError(
            f"Preset {preset.name!r} already compares {setting}, so --compare "
            "conflicts with it. Remove --compare, or drop --preset and compare "
            "with your own settings."
        )
    if setting in given:
        option = "--" + setting.replace("_", "-")
        raise ConfigError(
            f"Preset {preset.name!r} compares {setting} over "
            f"{preset.compare.text().partition('=')[2]}, so {option} would be "
            f"ignored. Remove {option}, or use --compare {setting}=V1,V2 "
            "without the preset."
        )


def _check_output_path(text: str, suffix: str) -> Path:
    path = Path(text)
    if path.suffix.lower() != suffix:
        raise ConfigError(
            f"{text!r} must end in {suffix}. Choose a name such as history{suffix}."
        )
    _check_folder(path)
    return path


def _install_interrupt(stop_event: threading.Event) -> Any:
    """Make Ctrl+C stop training after the current batch instead of killing it."""
    if threading.current_thread() is not threading.main_thread():
        return None

    def request_stop(signum: int, frame: Any) -> None:
        if stop_event.is_set():
            raise KeyboardInterrupt
        print(
            "stopping after the current batch (Ctrl+C again to abort)", file=sys.stderr
        )
        stop_event.set()

    return signal.signal(signal.SIGINT, request_stop)


# Comparisons and presets ----------------------------------------------------


def list_presets(stdout: TextIO | None = None) -> int:
    """Print ``main.py presets``: each preset's name and what it does."""
    print(format_presets(), file=stdout or sys.stdout)
    return EXIT_OK


def _given_options(argv: Sequence[str] | None) -> set[str]:
    """Return the destinations of the options present in ``argv``."""
    parser = build_parser()
    # A default that is not a string is never passed through the option's type.
    not_given = object()
    parser.set_defaults(**{action.dest: not_given for action in parser._actions})
    values = vars(parser.parse_args(argv))
    return {name for name, value in values.items() if value is not not_given}


def _apply_preset(
    preset: Preset, config: RunConfig, given: set[str], args: argparse.Namespace
) -> RunConfig:
    """Return the preset's settings, overridden by the options the user gave.

    An option counts as given when it is on the command line or when its value
    differs from the default, which covers flags that set several settings.
    """
    defaults = RunConfig().flat()
    overrides = {
        name: value
        for name, value in config.flat().items()
        if name in given or value != defaults[name]
    }
    return preset.config(config, args.output_dir).replace(**overrides)


class _ComparisonPrinter(_LinePrinter):
    """Listener that prints a heading before each run of a comparison."""

    def __init__(self, stream: TextIO, count: int):
        super().__init__(stream)
        self.count = count

    def on_run_started(self, run: ComparisonRun) -> None:
        print(
            f"run {run.index + 1}/{self.count}: {run.label}",
            file=self.stream,
            flush=True,
        )

    def on_run_finished(self, outcome: RunOutcome) -> None:
        pass


def _run_comparison(
    session: Any,
    config: RunConfig,
    spec: CompareSpec,
    stdout: TextIO,
    stop_event: threading.Event,
    history_path: Path | None,
    rank_metric: str,
) -> int:
    """Train and rank the runs of ``spec``; print the ranking table at the end."""
    printer = _ComparisonPrinter(stdout, len(spec.values))
    result = run_comparison(
        config, spec, session.train, printer, stop_event, rank_metric
    )
    if result.skipped:
        print(f"stopped; runs not started: {', '.join(result.skipped)}", file=stdout)
    print(file=stdout)
    print(format_ranking(result.ranking), file=stdout)
    status = EXIT_OK
    for outcome in result.outcomes:
        problem = outcome.error or outcome.diverged
        if problem:
            print(f"error: run {outcome.run.label}: {problem}", file=sys.stderr)
            status = EXIT_FAILED
    if history_path is not None:
        if not _write_history(history_path, comparison_document(result), stdout):
            status = EXIT_FAILED
    if not any(outcome.epochs_completed for outcome in result.outcomes):
        return EXIT_FAILED
    return status
