"""Render docs/BENCHMARKS.md from the results that benchmarks.run collects."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Target:
    """One goal of the benchmark: a measured value against a limit."""

    name: str
    limit_text: str
    value: Callable[[dict], float]
    limit: float
    unit: str
    why_missed: Callable[[dict], str]
    """Cause of a miss, from the measured numbers."""


def _ratio(results: dict, variant: str, key: str) -> float:
    fits = results["fits"]
    return fits[variant][key] / fits["plain_script"][key]


def _accuracy_gap_points(results: dict) -> float:
    fits = results["fits"]
    gap = fits["fast"]["val_accuracy"] - fits["plain_script"]["val_accuracy"]
    return abs(gap) * 100


def _floor_s(results: dict) -> float:
    """Return the compute floor of one epoch of the images this run trained on."""
    floor = results["floor"]
    rate = max(floor["gflops_batch_32"], floor["gflops_batch_1024"]) * 1e9
    forward = floor["forward_flops_per_image"]
    flops = (
        3 * forward * results["train_images"] + forward * results["validation_images"]
    )
    return flops / rate


def _floor_share(results: dict) -> float:
    return _floor_s(results) / results["fits"]["plain_script"]["epoch_s"]


TARGETS = (
    Target(
        "Streaming overhead (engine / plain script epoch time)",
        "<= 1.02",
        lambda r: _ratio(r, "engine", "epoch_s"),
        1.02,
        "x",
        lambda r: (
            "The reporter overrides on_train_batch_end to send progress and "
            "check for stop requests. For such a callback Keras 3.15 converts "
            "each batch's logs to Python numbers on the training thread "
            "(CallbackList._on_train_batch_end calls pythonify_logs), where "
            "without one it hands batch hooks to a thread pool."
        ),
    ),
    Target(
        "Fast mode epoch time / plain script",
        "<= 0.25",
        lambda r: _ratio(r, "fast", "epoch_s"),
        0.25,
        "x",
        lambda r: (
            "At batch size 32 a training step multiplies a 32 x 784 matrix, so "
            "fixed costs per step (TensorFlow's executor, the optimizer update of "
            "each variable, the metrics) outweigh the arithmetic: the compute "
            f"floor is {_floor_share(r):.0%} of the plain script's epoch, and "
            "fast mode removes the Python and input overhead around those steps, "
            "not the steps themselves."
        ),
    ),
    Target(
        "Fast mode validation accuracy gap after the last epoch",
        "<= 0.5 points",
        _accuracy_gap_points,
        0.5,
        " points",
        lambda r: (
            "Fast mode is meant to give the plain numbers exactly (tests compare "
            "them), so a gap means Keras batched the images in another order, "
            "for example because its private ArrayDataAdapter was missing."
        ),
    ),
    Target(
        "Launch to window painted",
        "< 1 s",
        lambda r: r["startup"]["window_painted_s"],
        1.0,
        " s",
        lambda r: (
            "Starting Python, importing the window's modules and building the "
            "window take this long here. Matplotlib's Qt backend is about half "
            "of the import time of gui.main_window (python -X importtime), and "
            "TensorFlow is not loaded yet (loaded when painted: "
            f"{r['startup']['tensorflow_loaded_when_painted']})."
        ),
    ),
    Target(
        "Event-loop lateness p99 during training",
        "< 30 ms",
        lambda r: r["ui"]["lateness_p99_ms"],
        30.0,
        " ms",
        lambda r: (
            "The training thread holds Python's interpreter lock between "
            "TensorFlow calls, and each epoch's plot redraw runs on the GUI "
            f"thread (median {r['ui']['plot_1_run_ms']:.0f} ms here); the maximum "
            f"({r['ui']['lateness_max_ms']:.0f} ms) falls in the first epoch, "
            "while TensorFlow traces the training function."
        ),
    ),
    Target(
        "Plot update per epoch, 1 run",
        "< 20 ms",
        lambda r: r["ui"]["plot_1_run_ms"],
        20.0,
        " ms",
        lambda r: (
            "TrainingPlot redraws the whole figure (two axes, constrained "
            "layout) with Agg for each epoch instead of blitting the new points."
        ),
    ),
    Target(
        "Plot update per epoch, 20 overlaid runs",
        "< 20 ms",
        lambda r: r["ui"]["plot_20_runs_ms"],
        20.0,
        " ms",
        lambda r: (
            f"Measured on {r['ui']['plot_20_runs_widget']}; a redraw of the "
            "whole figure costs this much on this machine."
        ),
    ),
    Target(
        "Fast mode peak RSS / plain script",
        "<= 0.50",
        lambda r: _ratio(r, "fast", "peak_rss_mib"),
        0.50,
        "x",
        lambda r: (
            f"Importing TensorFlow and Keras alone takes "
            f"{r['floor']['rss_after_import_mib']:.0f} MiB, which is "
            f"{r['floor']['rss_after_import_mib'] / r['fits']['plain_script']['peak_rss_mib']:.0%} "  # noqa: E501
            "of the plain script's peak; the app also loads Qt. Fast mode keeps "
            "no float copy of the images, which saves their float64 size "
            "(60000 x 784 x 8 bytes, 359 MiB) only at the peak of the script."
        ),
    ),
    Target(
        "RSS growth over consecutive runs",
        "<= 30 MB",
        lambda r: r["memory"]["growth_mib"] * 1.048576,
        30.0,
        " MB",
        lambda r: (
            "docs/RELIABILITY.md measured +20 MiB with the same runs after "
            "fixing two leaks. What a run still leaves behind varies between "
            "invocations, and its cause has not been isolated."
        ),
    ),
)


def _cell(value: float, unit: str) -> str:
    if unit == "x":
        return f"{value:.2f}x"
    return f"{value:.2f}{unit}" if abs(value) < 10 else f"{value:.0f}{unit}"


def _target_rows(results: dict) -> list[str]:
    rows = [
        "| Target | Limit | Measured | Result |",
        "| --- | --- | --- | --- |",
    ]
    notes = []
    for target in TARGETS:
        value = target.value(results)
        passed = value <= target.limit
        if passed:
            verdict = "pass"
        else:
            excess = value - target.limit
            verdict = f"miss by {_cell(excess, target.unit)}"
            notes.append(f"- **{target.name}**: {target.why_missed(results)}")
        rows.append(
            f"| {target.name} | {target.limit_text} | "
            f"{_cell(value, target.unit)} | {verdict} |"
        )
    if notes:
        rows += ["", "Why each missed target misses:", "", *notes]
    return rows


def _fit_rows(results: dict) -> list[str]:
    fits = results["fits"]
    plain = fits["plain_script"]
    names = {
        "plain_script": "(1) Plain Keras script, float64 / 255",
        "engine": "(2) App engine with the streaming listener",
        "fast": "(3) Fast mode",
    }
    rows = [
        "| Variant | Epoch time vs (1) | Peak RSS vs (1) | Peak RSS | "
        "Validation accuracy |",
        "| --- | --- | --- | --- | --- |",
    ]
    for key, title in names.items():
        fit = fits[key]
        rows.append(
            f"| {title} | {fit['epoch_s'] / plain['epoch_s']:.2f}x | "
            f"{fit['peak_rss_mib'] / plain['peak_rss_mib']:.2f}x | "
            f"{fit['peak_rss_mib']:.0f} MiB | {fit['val_accuracy']:.4f} |"
        )
    return rows


def _lever_rows(results: dict) -> list[str]:
    fits, levers = results["fits"], results["levers"]
    engine = fits["engine"]["epoch_s"]
    names = {
        "steps": "steps_per_execution alone",
        "uint8": "uint8 tf.data pipeline alone (no prefetch)",
        "uint8_prefetch": "uint8 pipeline with prefetch",
    }
    rows = [
        "| Lever | Epoch time vs engine (2) | Epoch time vs plain script (1) |",
        "| --- | --- | --- |",
    ]
    plain = fits["plain_script"]["epoch_s"]
    for key, title in names.items():
        seconds = levers[key]["epoch_s"]
        rows.append(f"| {title} | {seconds / engine:.2f}x | {seconds / plain:.2f}x |")
    fast = fits["fast"]["epoch_s"]
    if levers["uint8"]["epoch_s"] > engine:
        note = (
            "Scaling each batch costs more time here than slicing float32 "
            "arrays, so the uint8 lever pays off in peak memory, not in time."
        )
    else:
        note = "Scaling each batch on the fly also saves time here."
    rows.append(
        f"| all three (fast mode) | {fast / engine:.2f}x | {fast / plain:.2f}x |"
    )
    return [*rows, "", note]


def render(results: dict[str, Any]) -> str:
    """Return the Markdown page for ``results``."""
    machine = results["machine"]
    versions = ", ".join(f"{k} {v}" for k, v in machine["versions"].items())
    fits, ui, startup = results["fits"], results["ui"], results["startup"]
    floor = results["floor"]
    rate = max(floor["gflops_batch_32"], floor["gflops_batch_1024"]) * 1e9
    plain = fits["plain_script"]
    quick_note = (
        "\n**This is a --quick run (6000 images, 2 epochs, one repetition); its "
        "numbers only check that the benchmark works.**\n"
        if results["quick"]
        else ""
    )
    lines = [
        "# Benchmarks",
        "",
        "This page is generated: `scripts/bench` measures, writes "
        "`benchmarks/results.json` and renders this file from it. Do not edit it "
        "by hand; run `scripts/bench` again (ideally on a quiet machine) to "
        "refresh it, or `scripts/bench --render-only` after changing the "
        "renderer.",
        quick_note,
        "## How it was measured",
        "",
        f"- Command: `{results['command']}` on {results['date']}, "
        f"{results['total_s'] / 60:.1f} minutes in all.",
        f"- Machine: {machine['processor']}, {machine['cores']} cores, "
        f"{machine['memory_gib']} GiB, {machine['system']}.",
        f"- Versions: {versions}.",
        f"- Load before: `{results['load_before']}`",
        f"- Load after: `{results['load_after']}`",
        f"- Data: the real Fashion-MNIST, {results['train_images']} training and "
        f"{results['validation_images']} validation images (scikit-learn split, "
        "random_state 42), seed 42, RMSprop 0.001, Dense(100, relu), batch size "
        "32.",
        "- Each training variant ran in its own process, the variants taking "
        f"turns: the main ones {plain['epochs']} epochs in "
        f"{plain['repetitions']} repetition(s), each lever "
        f"{results['levers']['steps']['epochs']} epochs in "
        f"{results['levers']['steps']['repetitions']} repetition(s). "
        "Epoch time is the median over epochs 2 and later (epoch 1 also traces "
        "the training function) and then over repetitions; it includes "
        "validation. Peak RSS is the process's `VmHWM`.",
        "- Times are compared as ratios to the plain script measured in the same "
        "invocation, so a busy machine slows both sides.",
        "",
        "## Training side by side",
        "",
        *_fit_rows(results),
        "",
        f"Fast mode's validation accuracy after {fits['fast']['epochs']} epochs "
        f"differs from the plain script's by {_accuracy_gap_points(results):.2f} "
        "points.",
        "",
        "## Targets",
        "",
        *_target_rows(results),
        "",
        "## Fast mode, one lever at a time",
        "",
        *_lever_rows(results),
        "",
        "Prefetching (with scaling in parallel) is a `tf.data` step, so it is "
        "measured on top of the uint8 pipeline. Its own effect is the "
        "difference between those two rows. Keras already prefetches the "
        "batches of arrays, so the engine (2) has it for the slicing, too.",
        "",
        "## Compute floor",
        "",
        f"One epoch of {results['train_images']} training and "
        f"{results['validation_images']} validation images costs about "
        f"{_floor_s(results) * rate / 1e9:.1f} GFLOP: the forward pass takes "
        "2 x (784 x 100 + 100 x 10) FLOPs per image, and training about three "
        "times that. The best measured float32 matmul rate was "
        f"{rate / 1e9:.0f} GFLOP/s, so the floor is {_floor_s(results):.2f} s per "
        f"epoch. Fast mode takes {fits['fast']['epoch_s'] / _floor_s(results):.1f} "
        f"times the floor and the plain script "
        f"{plain['epoch_s'] / _floor_s(results):.1f} times.",
        "",
        "## Window and memory",
        "",
        "| Measurement | Median |",
        "| --- | --- |",
        f"| Launch to `show()` returned | {startup['show_returned_s']:.2f} s |",
        f"| Launch to window painted | {startup['window_painted_s']:.2f} s |",
        f"| Launch to TensorFlow ready | {startup['tensorflow_ready_s']:.2f} s |",
        f"| Event-loop lateness p50 / p99 / max | {ui['lateness_p50_ms']:.1f} / "
        f"{ui['lateness_p99_ms']:.1f} / {ui['lateness_max_ms']:.0f} ms |",
        f"| 10 ms timer calls during the run | {ui['timer_calls']} |",
        f"| Plot update per epoch, 1 run (max) | {ui['plot_1_run_ms']:.1f} ms "
        f"({ui['plot_1_run_max_ms']:.0f} ms) |",
        f"| Plot update per epoch, 20 runs (max) | {ui['plot_20_runs_ms']:.1f} ms "
        f"({ui['plot_20_runs_max_ms']:.0f} ms), {ui['plot_20_runs_widget']} |",
        f"| RSS growth over {results['memory']['runs']} runs | "
        f"{results['memory']['growth_mib']:+.0f} MiB |",
        "",
        "Lateness is the interval of a repeating 10 ms QTimer minus 10 ms while "
        "the window trains on the full data (1 epoch in a quick run, 2 "
        "otherwise). A plot update is the time from adding one "
        "epoch's metrics until the pending redraw has run. RSS growth is "
        "measured by `benchmarks/memory_cycles.py` after one warm-up run.",
        "",
        "## What fast mode changes",
        "",
        "Fast mode builds, seeds and compiles the same model with the same "
        "optimizer. Its batches hold the same float32 values (a test checks "
        "all 256 byte values) in the same order, because Keras' own array "
        "adapter shuffles and slices the uint8 images as `fit` does with "
        "arrays. Tests find its per-epoch numbers equal to a plain run's on "
        "Digits and on a Fashion-MNIST slice. What differs is the work around "
        "the steps: the images are scaled per batch on the fly, the next "
        "batches are prepared in the background, and progress reports and "
        "stop requests happen once per group of 32 batches.",
        "",
    ]
    return "\n".join(lines)
