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

from engine.config import (
    ACTIVATION_CHOICES,
    DATASET_CHOICES,
    OPTIMIZER_CHOICES,
    ConfigError,
    DataConfig,
    FitConfig,
    ModelConfig,
    RunConfig,
    range_text,
    setting_metadata,
)
from engine.paths import display_path
from engine.reporting import BatchProgress, EpochResult

if TYPE_CHECKING:
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

    return parser


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
    from engine.session import TrainerSession

    stdout = stdout or sys.stdout
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        config = config_from_args(args)
        save_path = None
        if args.save:
            save_path = persistence.normalize_model_path(args.save)
            _check_new_file(save_path, args.overwrite)
        history_path = None
        if args.history_out:
            history_path = _check_output_path(args.history_out, ".json")
            _check_new_file(history_path, args.overwrite)
    except (ConfigError, persistence.ModelFileError) as error:
        parser.error(str(error))

    stop_event = threading.Event()
    previous_handler = _install_interrupt(stop_event)
    session = TrainerSession()
    try:
        result = session.train(config, _LinePrinter(stdout), stop_event)
        if result.epochs_completed == 0:
            print(
                "stopped before the first epoch ended; nothing was saved", file=stdout
            )
            return EXIT_FAILED
        if history_path is not None:
            try:
                _write_history(history_path, config, result)
            except OSError as error:
                print(
                    f"error: writing {display_path(history_path)} failed: "
                    f"{error.strerror}. Check the free disk space and the folder's "
                    "permissions.",
                    file=sys.stderr,
                )
                return EXIT_FAILED
            print(f"wrote history to {history_path}", file=stdout)
        if save_path is not None:
            saved = session.save_model(save_path)
            print(f"saved model to {saved}", file=stdout)
    except ConfigError as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_USAGE
    except (DatasetError, persistence.ModelFileError) as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_FAILED
    finally:
        if previous_handler is not None:
            signal.signal(signal.SIGINT, previous_handler)
    return EXIT_OK


def _write_history(path: Path, config: RunConfig, result: TrainResult) -> None:
    """Write the settings and per-epoch history as JSON, replacing ``path`` whole."""
    document = {
        "config": config.to_dict(),
        "history": result.history.to_dict(),
        "epochs_completed": result.epochs_completed,
        "stopped": result.stopped,
        "seconds": result.seconds,
    }
    temporary = path.with_name(f".{path.name}.partial")
    try:
        temporary.write_text(json.dumps(document, indent=2), encoding="utf-8")
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


def _check_new_file(path: Path, overwrite: bool) -> None:
    """Raise ConfigError when ``path`` exists and may not be replaced."""
    if not path.parent.is_dir():
        raise ConfigError(
            f"Folder {display_path(path.parent)!r} for {path.name!r} was not found. "
            "Create it first."
        )
    if path.is_dir():
        raise ConfigError(
            f"{display_path(path)!r} is a folder. Choose a file name for {path.name!r}."
        )
    if path.exists() and not overwrite:
        raise ConfigError(
            f"{display_path(path)!r} already exists. Choose another name, or add "
            "--overwrite to replace it."
        )


def _check_output_path(text: str, suffix: str) -> Path:
    path = Path(text)
    if path.suffix.lower() != suffix:
        raise ConfigError(
            f"{text!r} must end in {suffix}. Choose a name such as history{suffix}."
        )
    if not path.parent.is_dir():
        raise ConfigError(
            f"Folder {display_path(path.parent)!r} for {path.name!r} was not found. "
            "Create it first."
        )
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
