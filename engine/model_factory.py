"""Build, compile and describe the classifier.

:func:`describe_architecture` works without Keras, so the window can show the
model summary before TensorFlow has loaded.
"""

from __future__ import annotations

import logging
import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

from engine.config import ACTIVATION_CHOICES, OPTIMIZER_CHOICES, FitConfig, ModelConfig

if TYPE_CHECKING:
    import keras

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class LayerRow:
    """One line of a model summary."""

    name: str
    kind: str
    output_shape: tuple[int | None, ...]
    params: int


def build_model(
    config: ModelConfig, input_shape: tuple[int, ...], num_classes: int
) -> keras.Sequential:
    """Build Flatten, Dense(hidden units), optional Dropout, Dense(softmax).

    Layers are created in this order with no explicit seeds, so after
    ``keras.utils.set_random_seed`` the initial weights equal those of a plain
    script that builds the same layers.
    """
    import keras

    layers = [
        keras.Input(shape=tuple(input_shape)),
        keras.layers.Flatten(),
        keras.layers.Dense(config.hidden_units, activation=config.activation),
    ]
    if config.dropout > 0:
        layers.append(keras.layers.Dropout(config.dropout))
    layers.append(keras.layers.Dense(num_classes, activation="softmax"))
    return keras.Sequential(layers, name="classifier")


def make_optimizer(config: FitConfig) -> keras.optimizers.Optimizer:
    """Create the optimizer that ``config`` names, at its learning rate."""
    import keras

    optimizer_class = getattr(keras.optimizers, OPTIMIZER_CHOICES[config.optimizer])
    return optimizer_class(learning_rate=config.learning_rate)


def compile_model(model: keras.Model, config: FitConfig) -> None:
    """Compile for integer labels: sparse categorical cross-entropy and accuracy."""
    model.compile(
        optimizer=make_optimizer(config),
        loss="sparse_categorical_crossentropy",
        metrics=["accuracy"],
    )


def describe_architecture(
    config: ModelConfig, input_shape: tuple[int, ...], num_classes: int
) -> list[LayerRow]:
    """Return the summary rows that :func:`build_model` would produce."""
    flat = math.prod(input_shape)
    rows = [
        LayerRow("flatten", "Flatten", (None, flat), 0),
        LayerRow(
            "dense",
            "Dense",
            (None, config.hidden_units),
            flat * config.hidden_units + config.hidden_units,
        ),
    ]
    if config.dropout > 0:
        rows.append(LayerRow("dropout", "Dropout", (None, config.hidden_units), 0))
    rows.append(
        LayerRow(
            "dense_1",
            "Dense",
            (None, num_classes),
            config.hidden_units * num_classes + num_classes,
        )
    )
    return rows


def summarize_model(model: keras.Model) -> list[LayerRow]:
    """Return summary rows for a built Keras model."""
    rows = []
    for layer in model.layers:
        try:
            shape = tuple(layer.output.shape)
        except (AttributeError, ValueError):
            shape = ()
        rows.append(
            LayerRow(layer.name, type(layer).__name__, shape, layer.count_params())
        )
    return rows


def format_summary(rows: list[LayerRow], title: str = "") -> str:
    """Render summary rows as a fixed-width table, in the manner of model.summary()."""
    header = ("Layer (type)", "Output Shape", "Param #")
    cells = [
        (f"{row.name} ({row.kind})", _format_shape(row.output_shape), f"{row.params:,}")
        for row in rows
    ]
    widths = [max(len(line[i]) for line in [header, *cells]) for i in range(3)]
    rule = "-" * (sum(widths) + 4)

    lines = [title] if title else []
    lines.append(
        f"{header[0]:<{widths[0]}}  {header[1]:<{widths[1]}}  {header[2]:>{widths[2]}}"
    )
    lines.append(rule)
    for name, shape, params in cells:
        lines.append(
            f"{name:<{widths[0]}}  {shape:<{widths[1]}}  {params:>{widths[2]}}"
        )
    lines.append(rule)
    lines.append(f"Total params: {sum(row.params for row in rows):,}")
    return "\n".join(lines)


def _format_shape(shape: tuple[int | None, ...]) -> str:
    return "(" + ", ".join("None" if n is None else str(n) for n in shape) + ")"


def architecture_of(model: keras.Model) -> ModelConfig | None:
    """Return the form settings of a model this app can build, or None.

    A model matches when its layers are Flatten, Dense, an optional Dropout and
    a softmax Dense, with an activation the form offers.
    """
    kinds = [type(layer).__name__ for layer in model.layers]
    if kinds not in (
        ["Flatten", "Dense", "Dense"],
        ["Flatten", "Dense", "Dropout", "Dense"],
    ):
        return None
    hidden = model.layers[1]
    output = model.layers[-1]
    activation = _activation_name(hidden)
    if activation not in ACTIVATION_CHOICES or _activation_name(output) != "softmax":
        return None
    dropout = float(model.layers[2].rate) if kinds[2] == "Dropout" else 0.0
    try:
        return ModelConfig(
            hidden_units=int(hidden.units), activation=activation, dropout=dropout
        )
    except ValueError:
        return None


def _activation_name(layer) -> str:
    activation = getattr(layer, "activation", None)
    return getattr(activation, "__name__", str(activation))


def optimizer_settings(model: keras.Model) -> tuple[str, float] | None:
    """Return (optimizer identifier, learning rate) of a compiled model, or None."""
    optimizer = getattr(model, "optimizer", None)
    if optimizer is None:
        return None
    names = {value: key for key, value in OPTIMIZER_CHOICES.items()}
    identifier = names.get(type(optimizer).__name__)
    if identifier is None:
        return None
    try:
        learning_rate = float(optimizer.learning_rate)
    except (TypeError, ValueError):
        return None
    return identifier, learning_rate
