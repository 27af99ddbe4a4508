"""Tests of the distribution setting: TF_CONFIG checks and a mirrored run.

Logical CPU devices must be configured before TensorFlow initializes, so the
mirrored run happens in a fresh interpreter.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from engine.config import ConfigError, RunConfig
from engine.distribution import check_strategy_environment, parse_tf_config

ROOT = Path(__file__).resolve().parents[2]
GOOD_CLUSTER = {"worker": ["127.0.0.1:20001", "127.0.0.1:20002"]}

MIRRORED_PROBE = """
import json, sys
import tensorflow as tf

cpu = tf.config.list_physical_devices("CPU")[0]
tf.config.set_logical_device_configuration(
    cpu, [tf.config.LogicalDeviceConfiguration()] * 2
)
from engine.config import DataConfig, RunConfig
from engine.data import ImageSet, load_images, scaled_tensor, split_images
from engine.distribution import local_devices
from engine.persistence import load_model, save_model
from engine.training import train

full = load_images(DataConfig())
images = ImageSet(full.name, full.x_train[:3000], full.y_train[:3000],
                  full.x_test[:100], full.y_test[:100], full.class_names, full.source)
data = split_images(images, 0.2, 42)
config = RunConfig().replace(epochs=2)
single = train(config, data)
mirrored = train(config.replace(strategy="mirrored"), data)
fast_mirrored = train(config.replace(strategy="mirrored", fast=True), data)
evaluated = mirrored.model.evaluate(
    scaled_tensor(data, "x_val"), data.y_val, verbose=0, return_dict=True
)
saved = save_model(mirrored.model, sys.argv[1], {})
reloaded = load_model(saved).model
same = bool(
    (reloaded.predict(scaled_tensor(data, "x_val"), verbose=0).argmax(1)
     == mirrored.model.predict(scaled_tensor(data, "x_val"), verbose=0).argmax(1)
    ).all()
)
print(json.dumps({
    "evaluated": evaluated["accuracy"],
    "reloaded_same_predictions": same,
    "devices": local_devices(),
    "replicas": mirrored.model.distribute_strategy.num_replicas_in_sync,
    "single": single.history.metrics["val_accuracy"][-1],
    "mirrored": mirrored.history.metrics["val_accuracy"][-1],
    "fast_mirrored": fast_mirrored.history.metrics["val_accuracy"][-1],
    "fast_steps": fast_mirrored.model.steps_per_execution,
}))
"""


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (None, "TF_CONFIG is missing"),
        ("  ", "TF_CONFIG is missing"),
        ("{cluster", "not valid JSON"),
        ("[1, 2]", "expected an object"),
        ('{"task": {"type": "worker", "index": 0}}', "no 'cluster'"),
        (
            '{"cluster": {"worker": "h:1"}, "task": {"type": "worker", "index": 0}}',
            "expected a list of 'host:port'",
        ),
        (
            '{"cluster": {"worker": ["nohost"]}, "task": {"type": "worker", '
            '"index": 0}}',
            "expected a list of 'host:port'",
        ),
        (
            '{"cluster": {"ps": ["h:1"]}, "task": {"type": "ps", "index": 0}}',
            "no 'worker'",
        ),
        (json.dumps({"cluster": GOOD_CLUSTER}), "no 'task'"),
        (
            json.dumps({"cluster": GOOD_CLUSTER, "task": {"type": "chief"}}),
            "task type 'chief' is not in the cluster",
        ),
        (
            json.dumps(
                {"cluster": GOOD_CLUSTER, "task": {"type": "worker", "index": "0"}}
            ),
            "expected a whole number",
        ),
        (
            json.dumps(
                {"cluster": GOOD_CLUSTER, "task": {"type": "worker", "index": 2}}
            ),
            "use 0 to 1",
        ),
    ],
    ids=[
        "unset",
        "blank",
        "bad-json",
        "not-object",
        "no-cluster",
        "addresses-not-list",
        "address-no-port",
        "no-workers",
        "no-task",
        "unknown-role",
        "index-text",
        "index-out-of-range",
    ],
)
def test_bad_tf_config_named(text, expected):
    with pytest.raises(ConfigError, match="TF_CONFIG") as caught:
        parse_tf_config(text)

    assert expected in str(caught.value)


def test_good_tf_config_parses():
    text = json.dumps({"cluster": GOOD_CLUSTER, "task": {"type": "worker", "index": 1}})

    parsed = parse_tf_config(text)

    assert parsed["task"]["index"] == 1


def test_strategy_choice_checked():
    with pytest.raises(ConfigError, match="strategy='ring'"):
        RunConfig().replace(strategy="ring")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def run_cli(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "main.py", "train", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_cli_bad_tf_config_exits_2():
    env = {**os.environ, "TF_CONFIG": '{"cluster": {}}'}

    completed = run_cli(
        "--dataset", "digits", "--epochs", "1", "--strategy", "multi_worker", env=env
    )

    assert completed.returncode == 2, completed.stderr[-2000:]
    assert "TF_CONFIG's 'cluster' object is empty" in completed.stderr
    assert "Traceback" not in completed.stderr


def test_cli_multi_worker_names_keras_limit():
    # Worker 0 of a two-worker cluster on free loopback ports; with Keras 3.15
    # it stops before joining, with a message naming the limitation.
    cluster = {"worker": [f"127.0.0.1:{free_port()}", f"127.0.0.1:{free_port()}"]}
    env = {
        **os.environ,
        "TF_CONFIG": json.dumps(
            {"cluster": cluster, "task": {"type": "worker", "index": 0}}
        ),
    }

    completed = run_cli(
        "--dataset", "digits", "--epochs", "1", "--strategy", "multi_worker", env=env
    )

    import keras

    if tuple(int(p) for p in keras.__version__.split(".")[:2]) > (3, 15):
        pytest.skip("a newer Keras may fit multi-worker; run the cluster by hand")
    assert completed.returncode == 2, completed.stderr[-2000:]
    assert "keras-team/keras issue 20585" in completed.stderr
    assert "Traceback" not in completed.stderr


@pytest.mark.real_data
def test_mirrored_two_cpus_matches_single(tmp_path):
    completed = subprocess.run(
        [sys.executable, "-c", MIRRORED_PROBE, str(tmp_path / "mirrored.keras")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert completed.returncode == 0, completed.stderr[-3000:]
    result = json.loads(completed.stdout.strip().splitlines()[-1])

    assert len(result["devices"]) == 2, result["devices"]
    assert result["replicas"] == 2
    assert abs(result["mirrored"] - result["single"]) <= 0.01, result
    assert abs(result["fast_mirrored"] - result["single"]) <= 0.01, result
    assert result["fast_steps"] == 1, "one batch per call on several devices"
    # The mirrored model evaluates, saves and loads like a one-device model.
    assert abs(result["evaluated"] - result["mirrored"]) <= 1e-6
    assert result["reloaded_same_predictions"] is True


def test_single_address_index_wording():
    text = json.dumps(
        {
            "cluster": {"worker": ["127.0.0.1:20001"]},
            "task": {"type": "worker", "index": 1},
        }
    )

    with pytest.raises(ConfigError) as caught:
        parse_tf_config(text)

    assert "the cluster has 1 worker address, so use 0." in str(caught.value)


def test_mirrored_checks_tf_config(monkeypatch):
    monkeypatch.setenv("TF_CONFIG", "{")

    with pytest.raises(ConfigError, match="TF_CONFIG is not valid JSON"):
        check_strategy_environment("mirrored")


def test_mirrored_without_tf_config_passes(monkeypatch):
    monkeypatch.delenv("TF_CONFIG", raising=False)

    check_strategy_environment("mirrored")
