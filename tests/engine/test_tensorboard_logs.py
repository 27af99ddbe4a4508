"""Tests of TensorBoard logging: event files per run and the command to open them."""

from __future__ import annotations

import importlib.util
import os
import threading
from datetime import datetime

import pytest

from engine.cli import build_parser, config_from_args
from engine.config import ConfigError, RunConfig
from engine.session import TrainerSession
from engine.tensorboard_logs import (
    run_log_dir,
    tensorboard_callbacks,
    tensorboard_command,
)


def train_on_worker(config: RunConfig) -> None:
    errors = []

    def work():
        try:
            TrainerSession().train(config)
        except Exception as error:  # noqa: BLE001 - re-raised on the test thread
            errors.append(error)

    worker = threading.Thread(target=work, name="train-worker")
    worker.start()
    worker.join()
    if errors:
        raise errors[0]


def event_files(folder) -> list:
    return sorted(folder.rglob("events.out.tfevents.*"))


def test_runs_write_event_files(tmp_path):
    logs = tmp_path / "logs"
    config = RunConfig().replace(dataset="digits", epochs=2, tensorboard_dir=str(logs))

    train_on_worker(config)
    runs = sorted(logs.iterdir())
    assert len(runs) == 1
    assert event_files(runs[0] / "train")
    assert event_files(runs[0] / "validation")

    train_on_worker(config)
    assert len(list(logs.iterdir())) == 2


def test_no_folder_no_callback():
    assert tensorboard_callbacks(RunConfig()) == []


def test_missing_package_raises(tmp_path, monkeypatch):
    real_find_spec = importlib.util.find_spec

    def find_spec(name, *args):
        return None if name == "tensorboard" else real_find_spec(name, *args)

    monkeypatch.setattr(importlib.util, "find_spec", find_spec)
    config = RunConfig().replace(tensorboard_dir=str(tmp_path))
    with pytest.raises(ConfigError, match="pip install tensorboard"):
        tensorboard_callbacks(config)


def test_unwritable_folder_raises(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    config = RunConfig().replace(tensorboard_dir=str(blocker))
    with pytest.raises(ConfigError, match="Choose a folder you can write to"):
        tensorboard_callbacks(config)


def test_run_folders_unique(tmp_path):
    now = datetime(2025, 1, 2, 3, 4, 5)
    first = run_log_dir(tmp_path, now)
    assert first.name == "run-20250102-030405"
    first.mkdir()
    assert run_log_dir(tmp_path, now).name == "run-20250102-030405-2"


@pytest.mark.skipif(os.name == "nt", reason="POSIX shell quoting")
def test_command_quotes_spaces():
    assert tensorboard_command("/tmp/my logs") == "tensorboard --logdir '/tmp/my logs'"
    assert tensorboard_command("/tmp/logs") == "tensorboard --logdir /tmp/logs"


def test_invalid_type_rejected():
    with pytest.raises(ConfigError, match="expected a folder path"):
        RunConfig().replace(tensorboard_dir=5)


def test_cli_option(tmp_path):
    args = build_parser().parse_args(["--tensorboard-dir", str(tmp_path)])
    assert config_from_args(args).fit.tensorboard_dir == str(tmp_path)
