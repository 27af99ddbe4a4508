"""Distribution strategies: one device, all local devices, or a TF_CONFIG cluster.

Keras 3 (TensorFlow backend) trains a model on the ``tf.distribute`` strategy
that was current when the model's variables were created, so
:func:`strategy_scope` must wrap building and compiling. ``fit`` then splits
each global batch of ``batch_size`` images across the replicas and averages
their gradients.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
from collections.abc import Iterator, Mapping
from typing import Any

from engine.config import ConfigError

logger = logging.getLogger(__name__)

TF_CONFIG_EXAMPLE = (
    '{"cluster": {"worker": ["host1:12345", "host2:12345"]}, '
    '"task": {"type": "worker", "index": 0}}'
)

# A MultiWorkerMirroredStrategy can be created once per process, before
# TensorFlow runs any operation, so the first one is kept for later runs.
_MULTI_WORKER: tuple[str, Any] | None = None

_TF_CONFIG_FIX = f"Set TF_CONFIG to JSON such as {TF_CONFIG_EXAMPLE}."


def parse_tf_config(text: str | None) -> dict[str, Any]:
    """Validate the TF_CONFIG text of a multi-worker cluster and return it parsed.

    Raises ConfigError naming the missing or invalid part and the fix.
    """
    fix = _TF_CONFIG_FIX
    if not text or not text.strip():
        raise ConfigError(
            "TF_CONFIG is missing: the multi_worker strategy reads the cluster's "
            f"addresses and this process's place in it from it. {fix}"
        )
    document = _load_tf_config(text)
    cluster = document.get("cluster")
    if isinstance(cluster, Mapping) and not cluster:
        raise ConfigError(
            f"TF_CONFIG's 'cluster' object is empty: it must list the worker "
            f"addresses. {fix}"
        )
    if not isinstance(cluster, Mapping):
        raise ConfigError(f"TF_CONFIG has no 'cluster' object. {fix}")
    for role, addresses in cluster.items():
        if (
            not isinstance(addresses, list)
            or not addresses
            or not all(_is_address(address) for address in addresses)
        ):
            raise ConfigError(
                f"TF_CONFIG cluster {role!r} is {addresses!r}: expected a list of "
                f"'host:port' addresses. {fix}"
            )
    if "worker" not in cluster and "chief" not in cluster:
        raise ConfigError(f"TF_CONFIG cluster lists no 'worker' addresses. {fix}")
    task = document.get("task")
    if not isinstance(task, Mapping):
        raise ConfigError(f"TF_CONFIG has no 'task' object. {fix}")
    role = task.get("type")
    index = task.get("index")
    if role not in cluster:
        raise ConfigError(
            f"TF_CONFIG task type {role!r} is not in the cluster "
            f"({', '.join(cluster)}). {fix}"
        )
    if isinstance(index, bool) or not isinstance(index, int):
        raise ConfigError(
            f"TF_CONFIG task index {index!r} is invalid: expected a whole number. {fix}"
        )
    if not 0 <= index < len(cluster[role]):
        count = len(cluster[role])
        if count == 1:
            allowed = f"1 {role} address, so use 0"
        else:
            allowed = f"{count} {role} addresses, so use 0 to {count - 1}"
        raise ConfigError(
            f"TF_CONFIG task index {index} is out of range: the cluster has {allowed}."
        )
    return dict(document)


def _load_tf_config(text: str) -> dict[str, Any]:
    """Parse TF_CONFIG text as a JSON object; raise ConfigError when it is not one."""
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise ConfigError(
            f"TF_CONFIG is not valid JSON ({error}). {_TF_CONFIG_FIX}"
        ) from None
    if not isinstance(document, Mapping):
        raise ConfigError(
            f"TF_CONFIG={text!r} is invalid: expected an object. {_TF_CONFIG_FIX}"
        )
    return dict(document)


def check_strategy_environment(name: str) -> None:
    """Raise ConfigError when TF_CONFIG is invalid for the strategy ``name``.

    TensorFlow's MirroredStrategy also parses TF_CONFIG when it is set, and
    fails with a bare JSONDecodeError on invalid text, so "mirrored" gets the
    JSON check and "multi_worker" the full cluster check.
    """
    text = os.environ.get("TF_CONFIG")
    if name == "multi_worker":
        parse_tf_config(text)
        check_multi_worker_fit()
    elif name == "mirrored" and text and text.strip():
        _load_tf_config(text)


def _is_address(value: Any) -> bool:
    if not isinstance(value, str):
        return False
    host, _, port = value.rpartition(":")
    return bool(host) and port.isdigit() and 0 < int(port) < 65536


def check_multi_worker_fit() -> None:
    """Raise ConfigError when the installed Keras cannot fit multi-worker.

    NOTE: ``fit`` in Keras 3.15 (TensorFlow 2.21) fails under
    MultiWorkerMirroredStrategy: it reduces a distributed input batch in
    ``TensorFlowTrainer._maybe_symbolic_build`` ("Attempt to convert a value
    (PerReplica...)", keras-team/keras#20585, open), and building the model
    first only moves the failure to the reduction of the metrics. Later Keras
    versions are tried.
    """
    import keras

    major, minor = (int(part) for part in keras.__version__.split(".")[:2])
    if (major, minor) <= (3, 15):
        raise ConfigError(
            f"strategy='multi_worker' is not available with Keras "
            f"{keras.__version__}: its fit() fails under TensorFlow's "
            "MultiWorkerMirroredStrategy (keras-team/keras issue 20585). Use "
            "'mirrored' for the devices of one machine, or a newer Keras."
        )


def local_devices() -> list[str]:
    """Return the devices a mirrored run uses: every GPU, else every logical CPU."""
    import tensorflow as tf

    gpus = tf.config.list_logical_devices("GPU")
    devices = gpus or tf.config.list_logical_devices("CPU")
    return [device.name for device in devices]


def make_strategy(name: str) -> Any | None:
    """Return the ``tf.distribute`` strategy ``name`` selects, None for "default".

    Raises ConfigError when TF_CONFIG is missing or invalid for "multi_worker",
    or when that strategy can no longer be created in this process.
    """
    import tensorflow as tf

    global _MULTI_WORKER
    if name == "default":
        return None
    check_strategy_environment(name)
    if name == "mirrored":
        devices = local_devices()
        logger.info("Mirrored strategy over %s", devices)
        return tf.distribute.MirroredStrategy(devices=devices)
    if name != "multi_worker":
        raise ConfigError(
            f"strategy={name!r} is invalid: choose default, mirrored or multi_worker."
        )

    text = os.environ.get("TF_CONFIG")
    if _MULTI_WORKER is not None:
        if _MULTI_WORKER[0] == text:
            return _MULTI_WORKER[1]
        raise ConfigError(
            "TF_CONFIG changed after the first multi-worker run in this process, "
            "but TensorFlow joins a cluster only once per process. Restart the app "
            "to use the new cluster."
        )
    try:
        strategy = tf.distribute.MultiWorkerMirroredStrategy()
    except (RuntimeError, ValueError) as error:
        raise ConfigError(
            f"The multi-worker strategy could not start: {error}. TensorFlow sets "
            "up a cluster only before it runs its first operation, so start a new "
            "process (main.py train --strategy multi_worker) for a cluster run."
        ) from None
    logger.info(
        "Multi-worker strategy with %d replicas in sync",
        strategy.num_replicas_in_sync,
    )
    _MULTI_WORKER = (text, strategy)
    return strategy


@contextlib.contextmanager
def strategy_scope(strategy: Any | None) -> Iterator[None]:
    """Enter ``strategy.scope()``, or do nothing for the default strategy."""
    if strategy is None:
        yield
        return
    with strategy.scope():
        yield
