"""Presets: the classic Fashion-MNIST tutorial experiments, one step each.

The tutorial trains Flatten, Dense(100, ReLU), an optional Dropout and
Dense(10, softmax) with batch size 32, an 80/20 split and seed 42, which are
the defaults of :class:`RunConfig`. Each preset changes only what its
experiment changes. The dataset and its folder are kept from the caller's
settings, so a preset also runs on a data folder or on another dataset.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from engine.compare import CompareSpec
from engine.config import ConfigError, RunConfig

if TYPE_CHECKING:
    from engine.session import Evaluation, TrainerSession

logger = logging.getLogger(__name__)

CHECKPOINT_FILE = "best-model.keras"
MODEL_FILE = "model-whole.keras"
WEIGHTS_FILE = "model.weights.h5"

# Settings that a preset keeps from the caller: where the images come from.
_KEPT_SETTINGS = ("dataset", "data_dir")
_MONITOR_SETTINGS = ("early_stopping_monitor", "checkpoint_monitor")


@dataclass(frozen=True)
class Preset:
    """One tutorial experiment: settings, and a comparison or file steps."""

    name: str
    """Identifier for ``--preset``, such as ``validation-loss``."""
    title: str
    description: str
    """One line: what the experiment shows."""
    settings: Mapping[str, Any]
    """Flat setting names and values that differ from ``RunConfig()``."""
    compare: CompareSpec | None = None
    """The comparison to run instead of a single run, if any."""
    save_and_restore: bool = False
    """After training, save weights and model, reload both and evaluate each."""
    files: tuple[str, ...] = field(default=())
    """Names of the files the preset writes into its output folder."""

    def config(
        self, base: RunConfig | None = None, output_dir: str | Path = "."
    ) -> RunConfig:
        """Return the preset's settings on the tutorial defaults.

        The dataset and data folder come from ``base``. A checkpoint file is
        placed in ``output_dir``.
        """
        base = base or RunConfig()
        values = {name: base.flat()[name] for name in _KEPT_SETTINGS}
        values.update(self.settings)
        if values.get("validation_split") == 0:
            # Without validation data the monitors name training metrics, as
            # the window's form offers only those.
            for name in _MONITOR_SETTINGS:
                values[name] = RunConfig().flat()[name].removeprefix("val_")
        if values.get("checkpoint"):
            values["checkpoint_path"] = str(Path(output_dir) / CHECKPOINT_FILE)
        return RunConfig().replace(**values)

    def summary(self) -> str:
        """Return the settings that differ from the defaults, as ``name=value``."""
        parts = [f"{name}={value}" for name, value in self.settings.items()]
        if self.compare is not None:
            parts.append(f"compare {self.compare.text()}")
        return ", ".join(parts)


PRESETS: dict[str, Preset] = {
    preset.name: preset
    for preset in (
        Preset(
            "loss-curve",
            "Loss curve",
            "5 epochs of RMSprop on all training images, without validation: "
            "the training loss falls every epoch.",
            {"optimizer": "rmsprop", "epochs": 5, "validation_split": 0.0},
        ),
        Preset(
            "validation-loss",
            "Validation loss",
            "20 epochs of RMSprop with validation: the validation loss turns "
            "upward while the training loss keeps falling (overfitting).",
            {"optimizer": "rmsprop", "epochs": 20},
        ),
        Preset(
            "adam",
            "Adam",
            "20 epochs of Adam: a smoother validation loss than RMSprop.",
            {"optimizer": "adam", "epochs": 20},
        ),
        Preset(
            "learning-rates",
            "Learning rates",
            "Adam at learning rates 0.01, 0.001 and 0.0001, 20 epochs each, "
            "overlaid and ranked.",
            {"optimizer": "adam", "epochs": 20},
            compare=CompareSpec("learning_rate", (0.01, 0.001, 0.0001)),
        ),
        Preset(
            "dropout",
            "Dropout",
            "20 epochs of Adam with dropout 0.3: the gap between training and "
            "validation loss narrows.",
            {"optimizer": "adam", "epochs": 20, "dropout": 0.3},
        ),
        Preset(
            "save-restore",
            "Save and restore",
            "10 epochs of Adam with dropout 0.3, then save the weights and the "
            "whole model, reload both and evaluate each.",
            {"optimizer": "adam", "epochs": 10, "dropout": 0.3},
            save_and_restore=True,
            files=(WEIGHTS_FILE, MODEL_FILE),
        ),
        Preset(
            "early-stopping",
            "Checkpoint and early stopping",
            "Adam with dropout 0.3 for up to 20 epochs: stop after 2 epochs "
            "without a lower validation loss, keep the best weights and save "
            "the best model.",
            {
                "optimizer": "adam",
                "epochs": 20,
                "dropout": 0.3,
                "early_stopping": True,
                "early_stopping_monitor": "val_loss",
                "patience": 2,
                "restore_best_weights": True,
                "checkpoint": True,
                "checkpoint_monitor": "val_loss",
            },
            files=(CHECKPOINT_FILE,),
        ),
    )
}


def get_preset(name: str) -> Preset:
    """Return the preset called ``name``; ConfigError names the choices otherwise."""
    key = name.strip().lower().replace("_", "-")
    if key not in PRESETS:
        raise ConfigError(
            f"{name!r} is not a preset: choose one of {', '.join(PRESETS)}. "
            "Run 'main.py presets' for what each one does."
        )
    return PRESETS[key]


def format_presets() -> str:
    """Return one line per preset: its name and what it does."""
    width = max(len(name) for name in PRESETS)
    return "\n".join(
        f"{preset.name:<{width}}  {preset.description}" for preset in PRESETS.values()
    )


@dataclass(frozen=True)
class RestoreReport:
    """Evaluations of a trained model and of its two reloaded copies."""

    weights_path: Path
    model_path: Path
    trained: Evaluation
    from_weights: Evaluation
    """A new model built from the settings, with the saved weights loaded."""
    from_model: Evaluation
    """The whole model loaded from its file."""

    def rows(self) -> list[tuple[str, Evaluation]]:
        return [
            ("trained model", self.trained),
            (f"weights from {self.weights_path.name}", self.from_weights),
            (f"model from {self.model_path.name}", self.from_model),
        ]


def save_and_restore(
    session: TrainerSession,
    config: RunConfig,
    output_dir: str | Path,
    stop_event: threading.Event | None = None,
) -> RestoreReport | None:
    """Save the session's model twice, reload each copy and evaluate all three.

    The weights go into a new model built from ``config``, as the tutorial
    builds a fresh model before ``load_weights``. Returns None without writing
    when ``stop_event`` is set. The reloaded whole model stays current.
    """
    folder = Path(output_dir)
    if stop_event is not None and stop_event.is_set():
        return None
    trained = session.evaluate(config.data, config.seed)
    weights_path = session.save_weights(folder / WEIGHTS_FILE)
    model_path = session.save_model(folder / MODEL_FILE)

    session.load_weights(weights_path, config, into_current=False)
    from_weights = session.evaluate(config.data, config.seed)
    session.load_model(model_path, config.data, config.seed, config.fit)
    from_model = session.evaluate(config.data, config.seed)
    logger.info(
        "Save and restore: trained %s, weights %s, model %s",
        trained.test,
        from_weights.test,
        from_model.test,
    )
    return RestoreReport(weights_path, model_path, trained, from_weights, from_model)


def format_restore_report(report: RestoreReport) -> str:
    """Return the three evaluations as a plain-text table."""
    lines = []
    for name, evaluation in report.rows():
        parts = [f"{name:<34}"]
        for part, metrics in (
            ("validation", evaluation.validation),
            ("test", evaluation.test),
        ):
            if metrics:
                parts.append(
                    f"{part} loss {metrics.get('loss', float('nan')):.4f} "
                    f"accuracy {metrics.get('accuracy', float('nan')):.4f}"
                )
        lines.append("  ".join(parts))
    return "\n".join(lines)
