"""Resident memory growth over consecutive engine runs, as one JSON line.

Usage: python -m benchmarks.memory_growth RUNS

Runs :func:`benchmarks.memory_cycles.engine_runs`: one warm-up run of one
epoch on Fashion-MNIST, then RUNS more, each on a fresh thread as the window
starts them.
"""

from __future__ import annotations

import sys

from benchmarks.measure import print_result
from benchmarks.memory_cycles import engine_runs


def main(argv: list[str]) -> int:
    runs = int(argv[0]) if argv else 10
    after_warm_up, after_runs = engine_runs(runs)
    print_result(
        {
            "runs": runs,
            "rss_after_warm_up_mib": after_warm_up,
            "rss_after_runs_mib": after_runs,
            "growth_mib": after_runs - after_warm_up,
        }
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
