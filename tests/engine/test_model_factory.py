"""Tests of building, compiling and describing the classifier."""

from __future__ import annotations

import keras
import pytest

from engine.config import ACTIVATION_CHOICES, OPTIMIZER_CHOICES, FitConfig, ModelConfig
from engine.model_factory import (
    architecture_of,
    build_model,
    compile_model,
    describe_architecture,
    format_summary,
    make_optimizer,
    optimizer_settings,
    summarize_model,
)

SHAPES = [
    (ModelConfig(), (28, 28), 10),
    (ModelConfig(dropout=0.3), (28, 28), 10),
    (ModelConfig(hidden_units=7, activation="tanh"), (8, 8), 10),
    (ModelConfig(hidden_units=32, dropout=0.5), (12, 10), 3),
]


def layer_kinds(model) -> list[str]:
    return [type(layer).__name__ for layer in model.layers]


def test_build_model_without_dropout():
    model = build_model(ModelConfig(), (28, 28), 10)

    assert layer_kinds(model) == ["Flatten", "Dense", "Dense"]
    assert tuple(model.input_shape) == (None, 28, 28)
    assert model.layers[1].units == 100
    assert model.layers[1].activation is keras.activations.relu
    assert model.layers[2].units == 10
    assert model.layers[2].activation is keras.activations.softmax


def test_build_model_with_dropout():
    model = build_model(ModelConfig(hidden_units=64, dropout=0.3), (28, 28), 10)

    assert layer_kinds(model) == ["Flatten", "Dense", "Dropout", "Dense"]
    assert model.layers[1].units == 64
    assert model.layers[2].rate == 0.3
    assert tuple(model.output_shape) == (None, 10)


@pytest.mark.parametrize(("config", "shape", "classes"), SHAPES)
def test_describe_matches_built_model(config, shape, classes):
    model = build_model(config, shape, classes)

    described = describe_architecture(config, shape, classes)
    built = summarize_model(model)

    assert [row.kind for row in described] == [row.kind for row in built]
    assert [row.output_shape for row in described] == [
        row.output_shape for row in built
    ]
    assert [row.params for row in described] == [row.params for row in built]
    assert sum(row.params for row in described) == model.count_params()


@pytest.mark.parametrize("activation", list(ACTIVATION_CHOICES))
def test_architecture_round_trip(activation):
    config = ModelConfig(hidden_units=24, activation=activation, dropout=0.25)

    assert architecture_of(build_model(config, (8, 8), 10)) == config


def test_architecture_round_trip_without_dropout():
    config = ModelConfig(hidden_units=24)

    assert architecture_of(build_model(config, (8, 8), 10)) == config


@pytest.mark.parametrize(
    "layers",
    [
        [keras.layers.Flatten(), keras.layers.Dense(10, activation="sigmoid")],
        [
            keras.layers.Flatten(),
            keras.layers.Dense(16, activation="relu"),
            keras.layers.Dense(10, activation="sigmoid"),
        ],
        [
            keras.layers.Flatten(),
            keras.layers.Dense(16, activation="hard_sigmoid"),
            keras.layers.Dense(10, activation="softmax"),
        ],
        [
            keras.layers.Flatten(),
            keras.layers.Dense(16, activation="relu"),
            keras.layers.Dense(16, activation="relu"),
            keras.layers.Dense(10, activation="softmax"),
        ],
    ],
    ids=["no-hidden", "sigmoid-output", "hidden-activation-not-offered", "two-hidden"],
)
def test_architecture_of_foreign_model(layers):
    model = keras.Sequential([keras.Input(shape=(8, 8)), *layers])

    assert architecture_of(model) is None


@pytest.mark.parametrize("optimizer", list(OPTIMIZER_CHOICES))
def test_optimizer_settings_each_choice(optimizer):
    model = build_model(ModelConfig(hidden_units=4), (4, 4), 3)
    compile_model(model, FitConfig(optimizer=optimizer, learning_rate=0.005))

    settings = optimizer_settings(model)

    assert settings is not None
    assert settings[0] == optimizer
    assert settings[1] == pytest.approx(0.005, rel=1e-6)


@pytest.mark.parametrize("optimizer", list(OPTIMIZER_CHOICES))
def test_make_optimizer_class(optimizer):
    optimizer_object = make_optimizer(
        FitConfig(optimizer=optimizer, learning_rate=0.02)
    )

    assert type(optimizer_object).__name__ == OPTIMIZER_CHOICES[optimizer]
    assert float(optimizer_object.learning_rate) == pytest.approx(0.02, rel=1e-6)


def test_optimizer_settings_uncompiled():
    assert optimizer_settings(build_model(ModelConfig(), (4, 4), 3)) is None


def test_compile_model_loss_and_metrics():
    model = build_model(ModelConfig(hidden_units=4), (4, 4), 3)

    compile_model(model, FitConfig())

    assert model.loss == "sparse_categorical_crossentropy"
    assert model.compiled


def test_format_summary_of_described_model():
    rows = describe_architecture(ModelConfig(dropout=0.3), (28, 28), 10)

    text = format_summary(rows, "Model: classifier")
    lines = text.splitlines()

    assert lines[0] == "Model: classifier"
    assert "Layer (type)" in lines[1]
    assert "Total params: 79,510" in text
    assert any(line.startswith("dense (Dense)") and "78,500" in line for line in lines)
    assert any(line.startswith("dropout (Dropout)") for line in lines)


def test_format_summary_of_built_model():
    model = build_model(ModelConfig(), (28, 28), 10)

    text = format_summary(summarize_model(model))

    assert f"Total params: {model.count_params():,}" in text
    assert "(None, 784)" in text
