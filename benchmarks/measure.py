"""Helpers shared by the benchmarks: memory, statistics and child processes.

Every measurement that trains runs in its own child process, so its peak
resident memory (``VmHWM``) belongs to that variant alone. A child prints its
result as one JSON line, the last line of its standard output.
"""

from __future__ import annotations

import json
import logging
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

logger = logging.getLogger(__name__)

ROOT = Path(__file__).resolve().parent.parent
CHILD_TIMEOUT_S = 600


def proc_status_mib(key: str) -> float:
    """Return a memory field of /proc/self/status (``VmRSS``, ``VmHWM``) in MiB."""
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith(f"{key}:"):
                return int(line.split()[1]) / 1024
    raise RuntimeError(f"{key} not found in /proc/self/status (Linux only)")


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def percentile(values: list[float], share: float) -> float:
    """Return the ``share`` quantile (0..1) of ``values`` by nearest rank."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    rank = max(0, min(len(ordered) - 1, round(share * len(ordered) + 0.5) - 1))
    return ordered[rank]


def child_env(keras_home: str | None) -> dict[str, str]:
    """Return the environment of a benchmark child: headless, quiet, this tree."""
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = "offscreen"
    env["TF_CPP_MIN_LOG_LEVEL"] = "3"
    env["PYTHONPATH"] = str(ROOT)
    if keras_home:
        env["KERAS_HOME"] = keras_home
    return env


def run_child(module: str, args: list[str], keras_home: str | None) -> dict[str, Any]:
    """Run ``python -m module args`` and return the JSON of its last output line."""
    command = [sys.executable, "-m", module, *args]
    start = time.perf_counter()
    completed = subprocess.run(
        command,
        cwd=ROOT,
        env=child_env(keras_home),
        capture_output=True,
        text=True,
        timeout=CHILD_TIMEOUT_S,
    )
    seconds = time.perf_counter() - start
    if completed.returncode != 0:
        raise RuntimeError(
            f"{' '.join(command[1:])} failed with status {completed.returncode}:\n"
            f"{completed.stderr[-3000:]}"
        )
    lines = completed.stdout.strip().splitlines()
    if not lines:
        raise RuntimeError(f"{' '.join(command[1:])} printed no result")
    result = json.loads(lines[-1])
    logger.info("%s %s: %.1f s", module, " ".join(args), seconds)
    return result


def print_result(result: dict[str, Any]) -> None:
    """Print a child's result as the JSON line that :func:`run_child` reads."""
    print(json.dumps(result), flush=True)
