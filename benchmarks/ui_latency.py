"""Event-loop lateness during a real run in the window, and plot update times.

Usage: python -m benchmarks.ui_latency EPOCHS

1. The window (offscreen) trains on Fashion-MNIST while a 10 ms repeating
   QTimer records the wall time between its calls. Lateness is that interval
   minus 10 ms, so it includes every pause of the GUI thread.
2. Plot update time: wall time of adding one epoch's metrics to a plot until
   the pending redraw has run (``processEvents``), per epoch over 20 epochs,
   for the window's TrainingPlot (1 run) and for 20 overlaid runs.
"""

from __future__ import annotations

import sys
import time

from benchmarks.measure import median, percentile, print_result

TIMER_MS = 10
PLOT_EPOCHS = 20
OVERLAID_RUNS = 20


def fake_metrics(run: int, epoch: int) -> dict[str, float]:
    """Return plausible metrics that differ per run and epoch."""
    shift = 0.004 * run
    return {
        "loss": 0.6 / epoch + shift,
        "accuracy": 0.8 + 0.01 * epoch - shift,
        "val_loss": 0.65 / epoch + shift,
        "val_accuracy": 0.78 + 0.009 * epoch - shift,
    }


def training_lateness(app, epochs: int) -> dict:
    from PySide6.QtCore import QEventLoop, QTimer

    from gui import MainWindow

    window = MainWindow()
    window.resize(1200, 800)
    window.show()
    app.processEvents()
    window.start_background_import()
    while not window._keras_ready:
        app.processEvents()
        time.sleep(0.01)
    window.form.set_values(epochs=epochs)

    intervals: list[float] = []
    last = [time.perf_counter()]

    def tick() -> None:
        now = time.perf_counter()
        intervals.append(now - last[0])
        last[0] = now

    timer = QTimer()
    timer.setInterval(TIMER_MS)
    timer.timeout.connect(tick)
    loop = QEventLoop()
    window.runner.busy_changed.connect(lambda busy: busy or loop.quit())
    window.train()
    timer.start()
    last[0] = time.perf_counter()
    loop.exec()
    timer.stop()
    points = window.plot.point_counts()["val_accuracy"]
    window.close()
    app.processEvents()
    lateness_ms = [max(0.0, (value * 1000) - TIMER_MS) for value in intervals]
    return {
        "lateness_p50_ms": percentile(lateness_ms, 0.50),
        "lateness_p99_ms": percentile(lateness_ms, 0.99),
        "lateness_max_ms": max(lateness_ms, default=float("nan")),
        "timer_calls": len(intervals),
        "epochs_plotted": points,
    }


def plot_update_times(app) -> dict:
    from gui.training_plot import TrainingPlot

    single = TrainingPlot()
    single.resize(1000, 450)
    single.show()
    single.clear(PLOT_EPOCHS, "benchmark")
    app.processEvents()
    single_ms = []
    for epoch in range(1, PLOT_EPOCHS + 1):
        start = time.perf_counter()
        single.add_epoch(epoch, fake_metrics(0, epoch))
        app.processEvents()
        single_ms.append((time.perf_counter() - start) * 1000)
    single.close()

    overlaid_ms, plot_name = overlaid_update_times(app)
    return {
        "plot_1_run_ms": median(single_ms),
        "plot_1_run_max_ms": max(single_ms),
        "plot_20_runs_ms": median(overlaid_ms),
        "plot_20_runs_max_ms": max(overlaid_ms),
        "plot_20_runs_widget": plot_name,
    }


def overlaid_update_times(app) -> tuple[list[float], str]:
    """Time per epoch of the 20th run growing on top of 19 finished runs."""
    try:
        from gui.compare_plot import ComparePlot
    except ImportError:
        ComparePlot = None  # noqa: N806 - stands for the class

    history = {
        name: [fake_metrics(0, epoch)[name] for epoch in range(1, PLOT_EPOCHS + 1)]
        for name in ("loss", "accuracy", "val_loss", "val_accuracy")
    }
    times: list[float] = []
    if ComparePlot is not None:
        plot = ComparePlot()
        plot.resize(1000, 450)
        plot.show()
        plot.clear(PLOT_EPOCHS)
        for run in range(OVERLAID_RUNS - 1):
            plot.add_series(f"run{run}", f"run {run}", history)
        plot.add_series("last", "last run")
        app.processEvents()
        for epoch in range(1, PLOT_EPOCHS + 1):
            start = time.perf_counter()
            plot.append_epoch("last", epoch, fake_metrics(OVERLAID_RUNS, epoch))
            app.processEvents()
            times.append((time.perf_counter() - start) * 1000)
        plot.close()
        return times, "ComparePlot"

    # Without gui.compare_plot: the window's two-axes figure with 19 more runs
    # of 4 lines each, and the 20th run added through add_epoch.
    from gui.training_plot import TrainingPlot

    plot = TrainingPlot()
    plot.resize(1000, 450)
    plot.show()
    plot.clear(PLOT_EPOCHS, "benchmark")
    epochs = list(range(1, PLOT_EPOCHS + 1))
    for _ in range(OVERLAID_RUNS - 1):
        plot.loss_axes.plot(epochs, history["loss"], "-", marker="o", markersize=3)
        plot.loss_axes.plot(epochs, history["val_loss"], "--", marker="o")
        plot.accuracy_axes.plot(epochs, history["accuracy"], "-", marker="o")
        plot.accuracy_axes.plot(epochs, history["val_accuracy"], "--", marker="o")
    app.processEvents()
    for epoch in epochs:
        start = time.perf_counter()
        plot.add_epoch(epoch, fake_metrics(OVERLAID_RUNS, epoch))
        app.processEvents()
        times.append((time.perf_counter() - start) * 1000)
    plot.close()
    return times, "TrainingPlot with 76 extra lines"


def main(argv: list[str]) -> int:
    from PySide6.QtWidgets import QApplication

    epochs = int(argv[0]) if argv else 2
    app = QApplication.instance() or QApplication([])
    result = training_lateness(app, epochs)
    result.update(plot_update_times(app))
    print_result(result)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
