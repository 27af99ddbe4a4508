"""Time ComparePlot with many overlaid runs, as epochs arrive one by one.

Usage: QT_QPA_PLATFORM=offscreen python benchmarks/compare_plot.py [RUNS] [EPOCHS]

Adds RUNS series (default 20), then appends EPOCHS epochs (default 20) to each,
processing Qt events after every epoch of every run as the window does. Prints
the mean and maximum time of one append and how many full figure draws ran.
"""

from __future__ import annotations

import math
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication  # noqa: E402

from gui.compare_plot import ComparePlot  # noqa: E402


def main() -> int:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    epochs = int(sys.argv[2]) if len(sys.argv) > 2 else 20
    app = QApplication([])
    plot = ComparePlot()
    plot.resize(1000, 500)
    plot.show()
    plot.clear(epochs, "benchmark")
    for run in range(runs):
        plot.add_series(str(run), f"run {run}")
    app.processEvents()

    timings = []
    for epoch in range(1, epochs + 1):
        for run in range(runs):
            value = 0.3 + 0.6 * math.exp(-epoch * (run + 1) / (2 * runs))
            start = time.perf_counter()
            plot.append_epoch(str(run), epoch, {"val_loss": value})
            app.processEvents()
            timings.append(time.perf_counter() - start)

    print(
        f"{runs} runs x {epochs} epochs: append+paint mean "
        f"{1000 * statistics.mean(timings):.1f} ms, max {1000 * max(timings):.1f} ms, "
        f"{plot.full_draws()} full draws for {len(timings)} points"
    )
    plot.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
