"""Measure resident memory (RSS) over repeated runs and start/stop cycles.

Usage: python benchmarks/memory_cycles.py [RUNS] [CYCLES]

1. RUNS consecutive 1-epoch runs of the engine on Fashion-MNIST (Keras cache
   or KERAS_HOME), each on a fresh thread as the window does it.
2. CYCLES start/stop cycles in the window (offscreen): start training, stop it
   after its first progress report, wait for the thread to end.
Prints RSS after a warm-up run and after each phase, in MiB, from
/proc/self/status (Linux only).
"""

from __future__ import annotations

import os
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")


def rss_mib() -> float:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    raise RuntimeError("VmRSS not found in /proc/self/status")


def engine_runs(runs: int) -> tuple[float, float]:
    from engine.config import RunConfig
    from engine.session import TrainerSession

    session = TrainerSession()
    config = RunConfig().replace(epochs=1)

    def run_once() -> None:
        thread = threading.Thread(target=session.train, args=(config,))
        thread.start()
        thread.join()

    run_once()
    after_warm_up = rss_mib()
    for _ in range(runs):
        run_once()
    return after_warm_up, rss_mib()


def window_cycles(cycles: int) -> tuple[float, float]:
    from PySide6.QtWidgets import QApplication

    from gui import MainWindow

    app = QApplication.instance() or QApplication([])
    window = MainWindow()
    window.show()
    window.form.set_values(epochs=50)

    def cycle() -> None:
        seen = []
        window.runner.progress.connect(seen.append)
        window.train()
        while not seen and window.runner.is_busy():
            app.processEvents()
            time.sleep(0.005)
        window.stop()
        while window.runner.is_busy():
            app.processEvents()
            time.sleep(0.005)
        window.runner.progress.disconnect(seen.append)

    cycle()
    before = rss_mib()
    for _ in range(cycles):
        cycle()
    after = rss_mib()
    window.close()
    return before, after


def main() -> int:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 10
    cycles = int(sys.argv[2]) if len(sys.argv) > 2 else 50
    start = rss_mib()
    warm, after_runs = engine_runs(runs)
    print(f"start: {start:.0f} MiB")
    print(f"engine, after 1 warm-up run: {warm:.0f} MiB")
    print(
        f"engine, after {runs} more runs: {after_runs:.0f} MiB "
        f"(growth {after_runs - warm:+.0f} MiB)"
    )
    before, after = window_cycles(cycles)
    print(f"window, after 1 warm-up cycle: {before:.0f} MiB")
    print(
        f"window, after {cycles} start/stop cycles: {after:.0f} MiB "
        f"(growth {after - before:+.0f} MiB)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
