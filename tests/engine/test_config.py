"""Tests of the run settings: defaults, validation messages and conversions."""

from __future__ import annotations

import json
import math

import pytest

from engine.config import (
    ACTIVATION_CHOICES,
    DATASET_CHOICES,
    MAX_SEED,
    MONITOR_CHOICES,
    OPTIMIZER_CHOICES,
    ConfigError,
    DataConfig,
    FitConfig,
    ModelConfig,
    RunConfig,
    field_group,
    monitor_choices,
    setting_metadata,
    setting_names,
)

EPOCHS_RANGE = "[1, 10000]"
BATCH_RANGE = "[1, 65536]"
LEARNING_RATE_RANGE = "(0.0, 10.0]"
DROPOUT_RANGE = "[0.0, 1.0)"
VALIDATION_RANGE = "[0.0, 1.0)"
HIDDEN_RANGE = "[1, 16384]"
SEED_RANGE = f"[0, {MAX_SEED}]"


def test_defaults_match_tutorial():
    config = RunConfig()

    assert config.model.hidden_units == 100
    assert config.model.activation == "relu"
    assert config.model.dropout == 0.0
    assert config.fit.optimizer == "rmsprop"
    assert config.fit.learning_rate == 0.001
    assert config.fit.epochs == 20
    assert config.fit.batch_size == 32
    assert config.data.validation_split == 0.2
    assert config.data.dataset == "fashion_mnist"
    assert config.data.data_dir is None
    assert config.seed == 42


@pytest.mark.parametrize(
    ("name", "value", "allowed"),
    [
        ("epochs", 0, EPOCHS_RANGE),
        ("epochs", 10001, EPOCHS_RANGE),
        ("batch_size", 0, BATCH_RANGE),
        ("learning_rate", 0.0, LEARNING_RATE_RANGE),
        ("learning_rate", -1.0, LEARNING_RATE_RANGE),
        ("learning_rate", 10.5, LEARNING_RATE_RANGE),
        ("learning_rate", math.nan, LEARNING_RATE_RANGE),
        ("learning_rate", math.inf, LEARNING_RATE_RANGE),
        ("dropout", 1.0, DROPOUT_RANGE),
        ("dropout", -0.1, DROPOUT_RANGE),
        ("validation_split", -0.1, VALIDATION_RANGE),
        ("validation_split", 1.0, VALIDATION_RANGE),
        ("hidden_units", 0, HIDDEN_RANGE),
        ("seed", -1, SEED_RANGE),
        ("seed", MAX_SEED + 1, SEED_RANGE),
        ("epochs", True, EPOCHS_RANGE),
        ("batch_size", True, BATCH_RANGE),
        ("hidden_units", False, HIDDEN_RANGE),
        ("seed", True, SEED_RANGE),
    ],
)
def test_invalid_number_names_value_and_range(name, value, allowed):
    with pytest.raises(ConfigError) as caught:
        RunConfig().replace(**{name: value})

    message = str(caught.value)
    assert f"{name}={value!r}" in message, "message does not name the setting and value"
    assert allowed in message, f"message does not state the allowed range {allowed}"


@pytest.mark.parametrize(
    ("name", "value", "choices"),
    [
        ("optimizer", "adamm", OPTIMIZER_CHOICES),
        ("activation", "Relu", ACTIVATION_CHOICES),
        ("dataset", "cifar10", DATASET_CHOICES),
    ],
)
def test_unknown_choice_lists_choices(name, value, choices):
    with pytest.raises(ConfigError) as caught:
        RunConfig().replace(**{name: value})

    message = str(caught.value)
    assert f"{name}={value!r}" in message
    assert ", ".join(choices) in message


@pytest.mark.parametrize("data_dir", [None, ""])
def test_idx_folder_needs_data_dir(data_dir):
    with pytest.raises(ConfigError) as caught:
        DataConfig(dataset="idx_folder", data_dir=data_dir)

    message = str(caught.value)
    assert "data_dir" in message
    assert "folder" in message


def test_idx_folder_with_data_dir_accepted():
    config = DataConfig(dataset="idx_folder", data_dir="/some/folder")

    assert config.data_dir == "/some/folder"


@pytest.mark.parametrize(
    ("group", "values"),
    [
        (FitConfig, {"epochs": 2.0}),
        (FitConfig, {"learning_rate": "0.01"}),
        (ModelConfig, {"dropout": True}),
        (DataConfig, {"data_dir": 3}),
    ],
)
def test_wrong_type_raises_config_error(group, values):
    with pytest.raises(ConfigError):
        group(**values)


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("epochs", 1),
        ("epochs", 10000),
        ("batch_size", 65536),
        ("learning_rate", 10.0),
        ("dropout", 0.0),
        ("dropout", 0.99),
        ("validation_split", 0.01),
        ("validation_split", 0.0),
        ("patience", 0),
        ("min_delta", 1.0),
        ("hidden_units", 16384),
        ("seed", 0),
        ("seed", MAX_SEED),
    ],
)
def test_boundary_values_accepted(name, value):
    config = RunConfig().replace(**{name: value})

    assert config.flat()[name] == value


def test_replace_changes_named_fields():
    original = RunConfig()

    changed = original.replace(
        learning_rate=0.01, dropout=0.3, dataset="digits", seed=7
    )

    assert changed.fit.learning_rate == 0.01
    assert changed.model.dropout == 0.3
    assert changed.data.dataset == "digits"
    assert changed.seed == 7
    assert changed.fit.epochs == original.fit.epochs
    assert original == RunConfig(), "replace changed the original config"


def test_replace_unknown_name_raises():
    with pytest.raises(ConfigError, match="'learning_rat' is not a setting"):
        RunConfig().replace(learning_rat=0.01)


def test_dict_round_trip_through_json():
    config = RunConfig().replace(
        dataset="idx_folder",
        data_dir="/data/idx",
        validation_split=0.25,
        hidden_units=64,
        activation="tanh",
        dropout=0.3,
        optimizer="adam",
        learning_rate=0.01,
        epochs=3,
        batch_size=16,
        seed=7,
    )

    restored = RunConfig.from_dict(json.loads(json.dumps(config.to_dict())))

    assert restored == config


def test_to_dict_groups_settings():
    values = RunConfig().to_dict()

    assert set(values) == {"data", "model", "fit", "seed"}
    assert (
        values["fit"].items()
        >= {
            "optimizer": "rmsprop",
            "learning_rate": 0.001,
            "epochs": 20,
            "batch_size": 32,
            "early_stopping": False,
            "patience": 2,
            "checkpoint_path": None,
        }.items()
    )


def test_from_dict_ignores_unknown_keys():
    values = RunConfig().to_dict()
    values["fit"]["momentum"] = 0.9
    values["colour"] = "blue"

    assert RunConfig.from_dict(values) == RunConfig()


def test_from_dict_empty_gives_defaults():
    assert RunConfig.from_dict({}) == RunConfig()


def test_from_dict_validates_values():
    values = RunConfig().to_dict()
    values["fit"]["epochs"] = 0

    with pytest.raises(ConfigError, match="epochs=0"):
        RunConfig.from_dict(values)


@pytest.mark.parametrize(
    ("name", "group"),
    [
        ("dataset", "data"),
        ("data_dir", "data"),
        ("validation_split", "data"),
        ("hidden_units", "model"),
        ("activation", "model"),
        ("dropout", "model"),
        ("optimizer", "fit"),
        ("learning_rate", "fit"),
        ("epochs", "fit"),
        ("batch_size", "fit"),
        ("seed", None),
    ],
)
def test_field_group_known_names(name, group):
    assert field_group(name) == group


def test_field_group_unknown_name():
    with pytest.raises(ConfigError) as caught:
        field_group("momentum")

    message = str(caught.value)
    assert "'momentum'" in message
    assert "learning_rate" in message, "message does not list the known settings"


def test_setting_names_cover_every_field():
    names = setting_names()

    assert names[-1] == "seed"
    assert sorted(names) == sorted(RunConfig().flat())


@pytest.mark.parametrize("name", setting_names())
def test_setting_metadata_has_title(name):
    metadata = setting_metadata(name)

    assert metadata["title"]
    assert metadata["description"]


def test_callback_defaults_match_keras_tutorial():
    fit = FitConfig()

    assert fit.early_stopping is False
    assert fit.early_stopping_monitor == "val_loss"
    assert fit.patience == 2
    assert fit.min_delta == 0.0
    assert fit.restore_best_weights is True
    assert fit.checkpoint is False
    assert fit.checkpoint_monitor == "val_loss"
    assert fit.checkpoint_path is None


@pytest.mark.parametrize("name", ["early_stopping_monitor", "checkpoint_monitor"])
def test_validation_monitor_needs_validation_data(name):
    enabled = "early_stopping" if name == "early_stopping_monitor" else "checkpoint"
    changes = {enabled: True, "validation_split": 0.0, name: "val_accuracy"}
    if enabled == "checkpoint":
        changes["checkpoint_path"] = "best.keras"

    with pytest.raises(ConfigError) as caught:
        RunConfig().replace(**changes)

    message = str(caught.value)
    assert f"{name}='val_accuracy'" in message
    assert "validation_split=0.0" in message
    assert "Monitor 'accuracy'" in message


def test_validation_monitor_allowed_when_callback_off():
    config = RunConfig().replace(
        validation_split=0.0, early_stopping_monitor="val_loss"
    )

    assert config.fit.early_stopping is False


def test_training_monitor_without_validation_accepted():
    config = RunConfig().replace(
        validation_split=0.0, early_stopping=True, early_stopping_monitor="loss"
    )

    assert config.fit.early_stopping_monitor == "loss"


def test_monitor_choices_follow_validation():
    assert list(monitor_choices(0.2)) == list(MONITOR_CHOICES)
    assert list(monitor_choices(0.0)) == ["loss", "accuracy"]


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"checkpoint": True}, "checkpoint_path is missing"),
        ({"checkpoint": True, "checkpoint_path": ""}, "checkpoint_path is missing"),
        ({"checkpoint_path": "best.h5"}, "must end in .keras"),
        ({"checkpoint_path": "best.KERAS"}, "must end in .keras"),
        ({"checkpoint_path": "best.weights.h5"}, "must end in .keras"),
        ({"checkpoint_path": 3}, "checkpoint_path=3 is invalid"),
        ({"early_stopping_monitor": "val_mae"}, "choose one of val_loss"),
        ({"checkpoint_monitor": "loss "}, "choose one of val_loss"),
        ({"patience": -1}, "[0, 1000]"),
        ({"patience": 1.5}, "patience=1.5"),
        ({"patience": True}, "patience=True"),
        ({"min_delta": -0.01}, "[0.0, 1.0]"),
        ({"min_delta": math.nan}, "min_delta=nan"),
        ({"early_stopping": "yes"}, "expected true or false"),
        ({"restore_best_weights": 1}, "expected true or false"),
    ],
)
def test_callback_settings_rejected(changes, expected):
    with pytest.raises(ConfigError) as caught:
        FitConfig(**changes)

    assert expected in str(caught.value)


def test_callback_settings_round_trip():
    config = RunConfig().replace(
        early_stopping=True,
        patience=0,
        min_delta=0.01,
        restore_best_weights=False,
        checkpoint=True,
        checkpoint_monitor="val_accuracy",
        checkpoint_path="/tmp/best.keras",
    )

    assert RunConfig.from_dict(json.loads(json.dumps(config.to_dict()))) == config
