"""One training run: seed, build, compile and fit, reporting every epoch."""

from __future__ import annotations

import logging
import threading
import time
import weakref
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from engine.config import ConfigError, RunConfig
from engine.data import SplitData
from engine.reporting import (
    BatchProgress,
    EpochResult,
    History,
    RunOutcome,
    TrainingListener,
)
from engine.run_control import RunControl

if TYPE_CHECKING:
    import keras

logger = logging.getLogger(__name__)


@dataclass(frozen=True, eq=False)
class TrainResult:
    """Outcome of :func:`train`."""

    config: RunConfig
    model: keras.Model
    history: History
    """Metrics of the complete epochs only."""
    epochs_completed: int
    stopped: bool
    """True when a stop request ended the run before its last epoch."""
    seconds: float
    outcome: RunOutcome | None = None
    """End of the run: its reason, the best epoch and the epoch of the kept weights."""


class _Recorder:
    """Listener wrapper that keeps complete epochs and forwards everything."""

    def __init__(self, listener: TrainingListener | None):
        self.listener = listener
        self.metrics: dict[str, list[float]] = {}

    def on_epoch_end(self, result: EpochResult) -> None:
        if result.complete:
            for name, value in result.metrics.items():
                self.metrics.setdefault(name, []).append(value)
        if self.listener is not None:
            self.listener.on_epoch_end(result)

    def on_progress(self, progress: BatchProgress) -> None:
        if self.listener is not None:
            self.listener.on_progress(progress)


def check_fits_data(config: RunConfig, data: SplitData) -> None:
    """Raise ConfigError when the settings cannot work with this dataset."""
    train_count = len(data.x_train)
    if config.fit.batch_size > train_count:
        raise ConfigError(
            f"batch_size={config.fit.batch_size} is larger than the {train_count} "
            f"training images of {data.name}. Choose a batch size of at most "
            f"{train_count}."
        )


def check_run_prerequisites(config: RunConfig, data: SplitData) -> None:
    """Raise ConfigError or ModelFileError when the run cannot start.

    The session calls this before it records a run, so settings that fail
    here never appear in the run history as a failed run.
    """
    from engine.distribution import check_strategy_environment
    from engine.monitoring import check_checkpoint_target
    from engine.tensorboard_logs import check_tensorboard_dir

    check_fits_data(config, data)
    check_checkpoint_target(config)
    check_tensorboard_dir(config)
    check_strategy_environment(config.fit.strategy)


# Models made by train(), with the architecture and optimizer each was built
# for, so a later run with the same ones can reuse the model object.
_REUSABLE: weakref.WeakKeyDictionary[Any, tuple] = weakref.WeakKeyDictionary()


def _architecture_key(config: RunConfig, data: SplitData) -> tuple:
    return (
        config.model,
        data.image_shape,
        data.num_classes,
        config.fit.optimizer,
        config.fit.strategy,
    )


def can_reuse(model: Any, config: RunConfig, data: SplitData) -> bool:
    """Return True when :func:`train` would reuse ``model`` for this run."""
    return model is not None and _REUSABLE.get(model) == _architecture_key(config, data)


def _reset_for_new_run(model: Any, fresh: Any, config: RunConfig) -> None:
    """Give ``model`` the state of ``fresh``, a just-built and unfitted twin.

    The weights and each Dropout layer's seed state come from ``fresh``, and the
    optimizer starts again from zero at the configured learning rate. Fitting
    the result gives the same numbers as fitting ``fresh`` after compiling it.
    """
    import numpy as np

    model.set_weights(fresh.get_weights())
    for layer, fresh_layer in zip(model.layers, fresh.layers, strict=True):
        generator = getattr(layer, "seed_generator", None)
        if generator is not None:
            generator.state.assign(fresh_layer.seed_generator.state.value)
    optimizer = model.optimizer
    for variable in optimizer.variables:
        if variable is not optimizer._learning_rate:
            variable.assign(np.zeros(variable.shape, dtype=variable.dtype))
    optimizer.learning_rate.assign(config.fit.learning_rate)


def train(
    config: RunConfig,
    data: SplitData,
    listener: TrainingListener | None = None,
    stop_event: threading.Event | None = None,
    callbacks: list[Any] | None = None,
    reuse: keras.Model | None = None,
    control: RunControl | None = None,
) -> TrainResult:
    """Train a new model on ``data`` with ``config`` and return it with its history.

    Call this on the thread that owns the run: Keras keeps its seed generator per
    thread, so seeding, building, compiling and fitting all happen here, in that
    order, as a plain Keras script would do them.

    ``reuse`` may name a model that an earlier call returned. When it has the
    same layers and optimizer, it is reset and trained again instead of a new
    one, with the same numbers as a new one. This avoids the memory that
    TensorFlow 2.21 keeps for every newly fitted model (about 3 MiB each).

    ``control`` carries pause requests and the outcome of a stop request. Both
    ``stop_event`` and ``control.stop_event`` stop the run. Early stopping and the
    checkpoint follow ``config.fit``, and the result's ``outcome`` names the
    epoch whose weights the returned model holds.
    """
    import keras

    from engine.callbacks import EpochReporter
    from engine.distribution import make_strategy, strategy_scope
    from engine.model_factory import build_model, compile_model
    from engine.monitoring import build_callbacks, check_checkpoint_target, finish_run
    from engine.pipeline import fit_inputs, levers_for, set_steps_per_execution
    from engine.tensorboard_logs import tensorboard_callbacks

    check_fits_data(config, data)
    check_checkpoint_target(config)
    control = control or RunControl(stop_event)
    extra_callbacks = [*tensorboard_callbacks(config), *(callbacks or [])]
    # A multi-worker strategy must exist before TensorFlow runs any operation.
    strategy = make_strategy(config.fit.strategy)
    # Reset Keras' global state (layer names, seed generator) as a fresh script
    # starts, then seed it the same way.
    keras.backend.clear_session()
    keras.utils.set_random_seed(config.seed)
    with strategy_scope(strategy):
        model = build_model(config.model, data.image_shape, data.num_classes)
        if can_reuse(reuse, config, data):
            logger.info("Reusing the previous model object for the same layers")
            _reset_for_new_run(reuse, model, config)
            model = reuse
        else:
            compile_model(model, config.fit)
            # Each run makes a new strategy, so only one-device models are reused.
            if strategy is None:
                _REUSABLE[model] = _architecture_key(config, data)
    levers = levers_for(config)
    set_steps_per_execution(model, levers.steps_per_execution)
    inputs = fit_inputs(config, data, levers)

    has_validation = len(data.y_val) > 0
    recorder = _Recorder(listener)
    reporter = EpochReporter(recorder, stop_event, control=control)

    def checkpoint_metadata(epoch: int, logs: Any) -> dict[str, Any]:
        history = {
            name: [*recorder.metrics.get(name, ()), float(value)]
            for name, value in logs.items()
        }
        return {"history": history, "config": config.to_dict(), "epoch": epoch}

    tracking, tracker = build_callbacks(
        config, reporter, has_validation, checkpoint_metadata
    )

    logger.info(
        "Training on %s: %d training and %d validation images, settings %s",
        data.name,
        len(data.x_train),
        len(data.x_val),
        config.flat(),
    )
    start = time.perf_counter()
    model.fit(
        **inputs,
        epochs=config.fit.epochs,
        callbacks=[reporter, *extra_callbacks, *tracking],
        verbose=0,
    )
    seconds = time.perf_counter() - start

    history = History(
        {name: tuple(values) for name, values in recorder.metrics.items()}
    )
    outcome = finish_run(config, model, reporter, tracker, control, history.epochs)
    logger.info(
        "Training ended after %d of %d epochs in %.1f s%s",
        history.epochs,
        config.fit.epochs,
        seconds,
        " (stopped on request)" if reporter.stopped_by_request else "",
    )
    return TrainResult(
        config=config,
        model=model,
        history=history,
        epochs_completed=history.epochs,
        stopped=reporter.stopped_by_request and history.epochs < config.fit.epochs,
        seconds=seconds,
        outcome=outcome,
    )
