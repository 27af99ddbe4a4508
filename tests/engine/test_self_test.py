"""Tests of ``main.py --self-test``: train, save, reload, compare, no window."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from engine import self_test
from engine.session import TrainerSession

ROOT = Path(__file__).resolve().parents[2]


def test_self_test_passes():
    lines = []
    assert self_test.run_self_test(lines.append) == 0
    assert lines[-1].startswith("Self-test passed")
    assert any(line.startswith("Trained 2 epochs") for line in lines)


def test_failed_save_reported(monkeypatch):
    def fail(self, path):
        raise OSError("disk full")

    monkeypatch.setattr(TrainerSession, "save_model", fail)
    lines = []
    assert self_test.run_self_test(lines.append) == 1
    assert lines[-1] == (
        "Self-test FAILED: could not save the model: OSError: disk full"
    )


def test_main_self_test_exit_status():
    environment = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="3")
    done = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "--self-test"],
        env=environment,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stdout + done.stderr[-2000:]
    assert "Self-test passed" in done.stdout
