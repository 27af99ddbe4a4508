"""Settings of one training run, as frozen dataclasses that validate themselves.

Each field carries form metadata under magicgui's key names (``title``,
``description``, ``minimum``, ``maximum``, ``step``, ``choices``), so the window
and the command line build their inputs and their error messages from the same
place.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

DATASET_CHOICES: dict[str, str] = {
    "fashion_mnist": "Fashion-MNIST",
    "mnist": "MNIST",
    "digits": "Digits (scikit-learn, offline)",
    "idx_folder": "IDX folder",
}

ACTIVATION_CHOICES: dict[str, str] = {
    "relu": "ReLU",
    "sigmoid": "Sigmoid",
    "tanh": "Tanh",
    "elu": "ELU",
    "selu": "SELU",
    "gelu": "GELU",
    "silu": "SiLU (swish)",
    "softplus": "Softplus",
    "linear": "Linear (none)",
}

# Keys are the identifiers that keras.optimizers.get() accepts, values the
# class names in keras.optimizers.
OPTIMIZER_CHOICES: dict[str, str] = {
    "rmsprop": "RMSprop",
    "adam": "Adam",
    "adamw": "AdamW",
    "nadam": "Nadam",
    "adamax": "Adamax",
    "sgd": "SGD",
    "adagrad": "Adagrad",
    "adadelta": "Adadelta",
    "lion": "Lion",
}

# Keys are FitConfig.strategy values; engine.distribution maps each to a
# tf.distribute strategy.
STRATEGY_CHOICES: dict[str, str] = {
    "default": "Default (one device)",
    "mirrored": "Mirrored (all local devices)",
    "multi_worker": "Multi-worker (TF_CONFIG)",
}

# Metrics that a run logs every epoch, by their Keras names. The val_* ones
# exist only when the run has validation data.
MONITOR_CHOICES: dict[str, str] = {
    "val_loss": "Validation loss",
    "val_accuracy": "Validation accuracy",
    "loss": "Training loss",
    "accuracy": "Training accuracy",
}


def monitor_choices(validation_split: float) -> dict[str, str]:
    """Return the monitors that a run with this validation fraction produces."""
    if validation_split > 0:
        return dict(MONITOR_CHOICES)
    return {k: v for k, v in MONITOR_CHOICES.items() if not k.startswith("val_")}


CHECKPOINT_SUFFIX = ".keras"

# The largest value a Qt spin box holds; numpy and TensorFlow accept it as a seed.
MAX_SEED = 2**31 - 1


def dataset_title(dataset: str) -> str:
    """Return a dataset's display name without the note in brackets."""
    return DATASET_CHOICES[dataset].split(" (")[0]


class ConfigError(ValueError):
    """A setting is outside its allowed range; the message names value and fix."""


def _meta(title: str, description: str, **limits: Any) -> dict[str, Any]:
    return {"title": title, "description": description, **limits}


def _check_int(obj: Any, name: str) -> None:
    value = getattr(obj, name)
    # bool is an int subclass, but epochs=True is a mistake, not a number.
    if isinstance(value, bool) or not isinstance(value, int):
        raise ConfigError(
            f"{name}={value!r} is invalid: expected a whole number in "
            f"{_range_text(obj, name)}."
        )


def _check_bool(obj: Any, name: str) -> None:
    value = getattr(obj, name)
    if not isinstance(value, bool):
        raise ConfigError(f"{name}={value!r} is invalid: expected true or false.")


def _check_finite(obj: Any, name: str) -> None:
    value = getattr(obj, name)
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        problem = "expected a number"
    elif not math.isfinite(value):
        problem = "expected a finite number"
    else:
        return
    raise ConfigError(
        f"{name}={value!r} is invalid: {problem} in {_range_text(obj, name)}."
    )


def _field_metadata(obj: Any, name: str) -> Mapping[str, Any]:
    return {f.name: f.metadata for f in dataclasses.fields(obj)}[name]


def _range_text(obj: Any, name: str) -> str:
    return range_text(_field_metadata(obj, name))


def range_text(meta: Mapping[str, Any]) -> str:
    """Return the allowed interval in a setting's metadata, such as ``(0, 1)``."""
    low = meta.get("minimum")
    high = meta.get("maximum")
    left = "(" if meta.get("exclusive_minimum") else "["
    right = ")" if meta.get("exclusive_maximum") else "]"
    return f"{left}{'' if low is None else low}, {'' if high is None else high}{right}"


def _check_range(obj: Any, name: str) -> None:
    """Raise ConfigError when field ``name`` of ``obj`` is outside its range."""
    meta = _field_metadata(obj, name)
    value = getattr(obj, name)
    low = meta.get("minimum")
    high = meta.get("maximum")
    if meta.get("exclusive_minimum"):
        too_low = low is not None and value <= low
    else:
        too_low = low is not None and value < low
    if meta.get("exclusive_maximum"):
        too_high = high is not None and value >= high
    else:
        too_high = high is not None and value > high
    if too_low or too_high:
        raise ConfigError(
            f"{name}={value!r} is out of range: {meta['title'].lower()} must be in "
            f"{_range_text(obj, name)}. Choose a value in that range."
        )


def _check_choice(obj: Any, name: str) -> None:
    meta = _field_metadata(obj, name)
    value = getattr(obj, name)
    if value not in meta["choices"]:
        allowed = ", ".join(meta["choices"])
        raise ConfigError(f"{name}={value!r} is invalid: choose one of {allowed}.")


@dataclass(frozen=True)
class DataConfig:
    """Data settings: the images to train on and the validation split."""

    dataset: str = field(
        default="fashion_mnist",
        metadata=_meta(
            "Dataset",
            "Images to train on. Fashion-MNIST and MNIST come from the Keras cache "
            "(downloaded once when online) or from the data folder; Digits ships "
            "with scikit-learn and always works offline; IDX folder reads any four "
            "IDX files.",
            choices=DATASET_CHOICES,
        ),
    )
    data_dir: str | None = field(
        default=None,
        metadata=_meta(
            "Data folder",
            "Folder with train-images-idx3-ubyte, train-labels-idx1-ubyte, "
            "t10k-images-idx3-ubyte and t10k-labels-idx1-ubyte (each may end in "
            ".gz). Empty means the Keras cache.",
        ),
    )
    validation_split: float = field(
        default=0.2,
        metadata=_meta(
            "Validation fraction",
            "Share of the training images held out to validate each epoch, split "
            "with scikit-learn's train_test_split. 0 trains on all of them and "
            "reports no validation metrics.",
            minimum=0.0,
            maximum=1.0,
            exclusive_maximum=True,
            step=0.05,
        ),
    )

    def __post_init__(self) -> None:
        _check_choice(self, "dataset")
        if self.data_dir is not None and not isinstance(self.data_dir, str):
            raise ConfigError(
                f"data_dir={self.data_dir!r} is invalid: expected a path."
            )
        if self.dataset == "digits" and self.data_dir:
            raise ConfigError(
                f"data_dir={self.data_dir!r} is not used by the digits dataset, which "
                "ships with scikit-learn. Leave the data folder empty, or choose "
                "another dataset."
            )
        if self.dataset == "idx_folder" and not self.data_dir:
            raise ConfigError(
                "data_dir is missing: the IDX folder dataset needs a folder with the "
                "four IDX files. Choose a folder, or pick another dataset."
            )
        _check_finite(self, "validation_split")
        _check_range(self, "validation_split")


@dataclass(frozen=True)
class ModelConfig:
    """The classifier: Flatten, Dense(hidden units), optional Dropout, softmax."""

    hidden_units: int = field(
        default=100,
        metadata=_meta(
            "Hidden units",
            "Neurons in the hidden Dense layer. More units can learn more, and "
            "overfit sooner.",
            minimum=1,
            maximum=16384,
            step=10,
        ),
    )
    activation: str = field(
        default="relu",
        metadata=_meta(
            "Activation",
            "Function applied to the hidden layer's outputs. ReLU is the usual "
            "choice for this model.",
            choices=ACTIVATION_CHOICES,
        ),
    )
    dropout: float = field(
        default=0.0,
        metadata=_meta(
            "Dropout",
            "Share of hidden outputs set to zero at random in each training step, "
            "to curb overfitting. 0 leaves the Dropout layer out.",
            minimum=0.0,
            maximum=1.0,
            exclusive_maximum=True,
            step=0.05,
        ),
    )

    def __post_init__(self) -> None:
        _check_int(self, "hidden_units")
        _check_range(self, "hidden_units")
        _check_choice(self, "activation")
        _check_finite(self, "dropout")
        _check_range(self, "dropout")


@dataclass(frozen=True)
class FitConfig:
    """Compile and fit settings: optimizer, learning rate, epochs and batch size."""

    optimizer: str = field(
        default="rmsprop",
        metadata=_meta(
            "Optimizer",
            "Rule that updates the weights from the gradients. RMSprop is the "
            "Keras default for compile(); Adam usually converges faster.",
            choices=OPTIMIZER_CHOICES,
        ),
    )
    learning_rate: float = field(
        default=0.001,
        metadata=_meta(
            "Learning rate",
            "Step size of each weight update. Too large diverges, too small "
            "learns slowly; 0.001 is the Keras default for these optimizers.",
            minimum=0.0,
            maximum=10.0,
            exclusive_minimum=True,
            step=0.0001,
        ),
    )
    epochs: int = field(
        default=20,
        metadata=_meta(
            "Epochs",
            "Passes over the training images. Each epoch adds one point to every "
            "curve.",
            minimum=1,
            maximum=10000,
            step=1,
        ),
    )
    batch_size: int = field(
        default=32,
        metadata=_meta(
            "Batch size",
            "Images per weight update. Larger batches run faster per epoch and "
            "make fewer updates.",
            minimum=1,
            maximum=65536,
            step=1,
        ),
    )
    tensorboard_dir: str | None = field(
        default=None,
        metadata=_meta(
            "TensorBoard folder",
            "Folder for TensorBoard event files; each run writes a new subfolder. "
            "Empty writes none. Open them with: tensorboard --logdir FOLDER.",
        ),
    )

    fast: bool = field(
        default=False,
        metadata=_meta(
            "Fast mode",
            "Same model, mathematics and numbers with less overhead: images stay "
            "uint8 and are scaled on the fly in a tf.data pipeline with "
            "prefetching, and Keras runs 32 batches per call (one with the "
            "Mirrored strategy), so progress and Stop react once per 32 batches.",
        ),
    )
    strategy: str = field(
        default="default",
        metadata=_meta(
            "Distribution",
            "Devices that train the model. Mirrored copies it onto every local "
            "GPU, or every logical CPU device when there is no GPU, and averages "
            "their gradients. Multi-worker trains on the machines that the "
            "TF_CONFIG environment variable lists.",
            choices=STRATEGY_CHOICES,
        ),
    )
    early_stopping: bool = field(
        default=False,
        metadata=_meta(
            "Early stopping",
            "Stop when the monitored metric has not improved for 'patience' "
            "epochs in a row (Keras EarlyStopping).",
        ),
    )
    early_stopping_monitor: str = field(
        default="val_loss",
        metadata=_meta(
            "Stop monitor",
            "Metric that early stopping watches. Losses improve by falling, "
            "accuracies by rising.",
            choices=MONITOR_CHOICES,
        ),
    )
    patience: int = field(
        default=2,
        metadata=_meta(
            "Patience",
            "Epochs without improvement after which training stops. 0 stops at "
            "the first epoch that does not improve.",
            minimum=0,
            maximum=1000,
            step=1,
        ),
    )
    min_delta: float = field(
        default=0.0,
        metadata=_meta(
            "Minimum change",
            "Smallest change of the monitored metric that counts as an "
            "improvement (Keras min_delta).",
            minimum=0.0,
            maximum=1.0,
            step=0.001,
        ),
    )
    restore_best_weights: bool = field(
        default=True,
        metadata=_meta(
            "Restore best weights",
            "At the end of the run, give the model the weights of its best "
            "epoch instead of those of its last one.",
        ),
    )
    checkpoint: bool = field(
        default=False,
        metadata=_meta(
            "Save best checkpoint",
            "Save the model to the checkpoint file each time the monitored "
            "metric improves (Keras ModelCheckpoint, save_best_only).",
        ),
    )
    checkpoint_monitor: str = field(
        default="val_loss",
        metadata=_meta(
            "Checkpoint monitor",
            "Metric that decides which epoch is the best one to save.",
            choices=MONITOR_CHOICES,
        ),
    )
    checkpoint_path: str | None = field(
        default=None,
        metadata=_meta(
            "Checkpoint file",
            "The .keras file that receives the best model. An existing file of "
            "that name is replaced at the first improvement.",
        ),
    )

    def __post_init__(self) -> None:
        _check_choice(self, "optimizer")
        if self.tensorboard_dir is not None and not isinstance(
            self.tensorboard_dir, str
        ):
            raise ConfigError(
                f"tensorboard_dir={self.tensorboard_dir!r} is invalid: expected a "
                "folder path."
            )
        _check_finite(self, "learning_rate")
        _check_range(self, "learning_rate")
        _check_int(self, "epochs")
        _check_range(self, "epochs")
        _check_int(self, "batch_size")
        _check_range(self, "batch_size")
        _check_choice(self, "strategy")
        for name in ("fast", "early_stopping", "restore_best_weights", "checkpoint"):
            _check_bool(self, name)
        _check_choice(self, "early_stopping_monitor")
        _check_int(self, "patience")
        _check_range(self, "patience")
        _check_finite(self, "min_delta")
        _check_range(self, "min_delta")
        _check_choice(self, "checkpoint_monitor")
        self._check_checkpoint_path()

    def _check_checkpoint_path(self) -> None:
        path = self.checkpoint_path
        if path is not None and not isinstance(path, str):
            raise ConfigError(
                f"checkpoint_path={path!r} is invalid: expected a file name ending "
                f"in {CHECKPOINT_SUFFIX}."
            )
        if not path:
            if self.checkpoint:
                raise ConfigError(
                    "checkpoint_path is missing: saving the best checkpoint needs a "
                    f"file name ending in {CHECKPOINT_SUFFIX}. Choose a file, or turn "
                    "the checkpoint off."
                )
            return
        # Keras' ModelCheckpoint matches the suffix case-sensitively.
        if not path.endswith(CHECKPOINT_SUFFIX):
            raise ConfigError(
                f"checkpoint_path={path!r} is invalid: a checkpoint is a whole model "
                f"and must end in {CHECKPOINT_SUFFIX}, such as best{CHECKPOINT_SUFFIX}."
            )

    def monitors_in_use(self) -> dict[str, str]:
        """Return the monitored metric of each enabled callback by field name."""
        used = {}
        if self.early_stopping:
            used["early_stopping_monitor"] = self.early_stopping_monitor
        if self.checkpoint:
            used["checkpoint_monitor"] = self.checkpoint_monitor
        return used


@dataclass(frozen=True)
class RunConfig:
    """All settings of one run. The seed drives both the split and Keras."""

    data: DataConfig = field(default_factory=DataConfig)
    model: ModelConfig = field(default_factory=ModelConfig)
    fit: FitConfig = field(default_factory=FitConfig)
    seed: int = field(
        default=42,
        metadata=_meta(
            "Random seed",
            "Seeds the train/validation split (random_state) and Keras (weights, "
            "shuffling, dropout). The same seed and settings give the same numbers.",
            minimum=0,
            maximum=MAX_SEED,
            step=1,
        ),
    )

    def __post_init__(self) -> None:
        _check_int(self, "seed")
        _check_range(self, "seed")
        if self.data.validation_split == 0:
            for name, monitor in self.fit.monitors_in_use().items():
                if monitor.startswith("val_"):
                    raise ConfigError(
                        f"{name}={monitor!r} is invalid with validation_split=0.0: "
                        "a run without validation data logs no val_* metrics. "
                        f"Monitor {monitor[len('val_') :]!r}, or set a validation "
                        "fraction above 0."
                    )

    def to_dict(self) -> dict[str, Any]:
        """Return the settings as plain JSON-ready values."""
        return dataclasses.asdict(self)

    @classmethod
    def from_dict(cls, values: Mapping[str, Any]) -> RunConfig:
        """Build a config from ``to_dict()`` output; unknown keys are ignored."""
        return cls(
            data=_build(DataConfig, values.get("data", {})),
            model=_build(ModelConfig, values.get("model", {})),
            fit=_build(FitConfig, values.get("fit", {})),
            seed=values.get("seed", 42),
        )

    def replace(self, **changes: Any) -> RunConfig:
        """Return a copy with fields changed by name, in any of the groups.

        ``replace(learning_rate=0.01, seed=1)`` changes ``fit.learning_rate`` and
        ``seed``; the result is validated like any new config.
        """
        groups: dict[str, dict[str, Any]] = {"data": {}, "model": {}, "fit": {}}
        top: dict[str, Any] = {}
        for name, value in changes.items():
            group = field_group(name)
            if group is None:
                top[name] = value
            else:
                groups[group][name] = value
        return dataclasses.replace(
            self,
            data=dataclasses.replace(self.data, **groups["data"]),
            model=dataclasses.replace(self.model, **groups["model"]),
            fit=dataclasses.replace(self.fit, **groups["fit"]),
            **top,
        )

    def flat(self) -> dict[str, Any]:
        """Return every setting by its field name, groups flattened."""
        values: dict[str, Any] = {"seed": self.seed}
        for group in (self.data, self.model, self.fit):
            values.update(dataclasses.asdict(group))
        return values


GROUPS: dict[str, type] = {"data": DataConfig, "model": ModelConfig, "fit": FitConfig}


def field_group(name: str) -> str | None:
    """Return the group ("data", "model", "fit") of a setting, None for ``seed``.

    Raises ConfigError for an unknown name.
    """
    for group, cls in GROUPS.items():
        if name in {f.name for f in dataclasses.fields(cls)}:
            return group
    if name == "seed":
        return None
    raise ConfigError(
        f"{name!r} is not a setting: choose one of {', '.join(setting_names())}."
    )


def setting_names() -> list[str]:
    """Return all setting names in form order."""
    names = [f.name for cls in GROUPS.values() for f in dataclasses.fields(cls)]
    return [*names, "seed"]


def setting_metadata(name: str) -> Mapping[str, Any]:
    """Return the form metadata (title, description, limits, choices) of a setting."""
    group = field_group(name)
    cls = RunConfig if group is None else GROUPS[group]
    return {f.name: f.metadata for f in dataclasses.fields(cls)}[name]


def _build(cls: type, values: Mapping[str, Any]) -> Any:
    known = {f.name for f in dataclasses.fields(cls)}
    return cls(**{k: v for k, v in values.items() if k in known})
