"""Run every benchmark side by side, write results.json and render the page.

Usage: python -m benchmarks.run [--quick] [--repetitions N]
(``scripts/bench`` runs this.)

The training variants run in their own processes, one repetition of each in
turn, so a change of machine load spreads over all of them alike.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import platform
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from importlib import metadata
from pathlib import Path

from benchmarks.measure import ROOT, median, run_child
from benchmarks.report import render
from engine.persistence import _atomic_write

logger = logging.getLogger(__name__)

RESULTS_PATH = ROOT / "benchmarks" / "results.json"
PAGE_PATH = ROOT / "docs" / "BENCHMARKS.md"
FASHION_FILES = (
    "train-images-idx3-ubyte.gz",
    "train-labels-idx1-ubyte.gz",
    "t10k-images-idx3-ubyte.gz",
    "t10k-labels-idx1-ubyte.gz",
)
QUICK_IMAGES = 6000
MAIN_VARIANTS = ("plain_script", "engine", "fast")
LEVER_VARIANTS = ("steps", "uint8", "uint8_prefetch")
# Shown name and the distributions that may provide it.
PACKAGES = {
    "tensorflow": ("tensorflow", "tensorflow-cpu"),
    "keras": ("keras",),
    "numpy": ("numpy",),
    "PySide6": ("PySide6", "PySide6-Essentials"),
    "matplotlib": ("matplotlib",),
    "scikit-learn": ("scikit-learn",),
}


def prepare_keras_home() -> tuple[str, Path | None]:
    """Return a KERAS_HOME holding Fashion-MNIST, and a temporary folder to delete.

    Uses $KERAS_HOME or ~/.keras when it has the files, else copies them from a
    ``shared/data/fashion-mnist`` folder beside the repository. Nothing is
    downloaded.
    """
    home = Path(os.environ.get("KERAS_HOME") or Path.home() / ".keras")
    if all((home / "datasets" / "fashion-mnist" / n).is_file() for n in FASHION_FILES):
        return str(home), None
    shared = ROOT.parent / "shared" / "data" / "fashion-mnist"
    if not all((shared / name).is_file() for name in FASHION_FILES):
        raise SystemExit(
            f"error: Fashion-MNIST was not found in {home}/datasets/fashion-mnist nor "
            f"in {shared}. Put the four .gz files in one of them, or set KERAS_HOME "
            "to a folder whose datasets/fashion-mnist holds them."
        )
    temporary = Path(tempfile.mkdtemp(prefix="keras-trainer-bench-"))
    target = temporary / "datasets" / "fashion-mnist"
    target.mkdir(parents=True)
    for name in FASHION_FILES:
        shutil.copyfile(shared / name, target / name)
    return str(temporary), temporary


def machine() -> dict:
    """Return the processor, core count, memory and package versions."""
    model = "unknown"
    with open("/proc/cpuinfo", encoding="utf-8") as cpuinfo:
        for line in cpuinfo:
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    with open("/proc/meminfo", encoding="ascii") as meminfo:
        total_kib = int(meminfo.readline().split()[1])
    versions = {"python": platform.python_version()}
    for package, distributions in PACKAGES.items():
        versions[package] = "not installed"
        for distribution in distributions:
            try:
                versions[package] = metadata.version(distribution)
                break
            except metadata.PackageNotFoundError:
                continue
    return {
        "processor": model,
        "cores": os.cpu_count(),
        "memory_gib": round(total_kib / 1024 / 1024, 1),
        "system": f"{platform.system()} {platform.release()}",
        "versions": versions,
    }


def uptime() -> str:
    completed = subprocess.run(["uptime"], capture_output=True, text=True)
    return completed.stdout.strip()


def fit_summary(runs: list[dict]) -> dict:
    """Reduce repetitions of one variant to medians.

    The first epoch of each run also traces the training function, so the
    epoch time is the median over the later epochs, then over repetitions.
    """
    per_run = [median(run["epoch_seconds"][1:] or run["epoch_seconds"]) for run in runs]
    return {
        "epoch_s": median(per_run),
        "epoch_s_each_run": per_run,
        "peak_rss_mib": median([run["peak_rss_mib"] for run in runs]),
        "val_accuracy": median([run["val_accuracy"][-1] for run in runs]),
        "epochs": len(runs[0]["val_accuracy"]),
        "repetitions": len(runs),
    }


def run_fits(
    variants: tuple[str, ...], epochs: int, repetitions: int, images: int, home: str
) -> dict:
    runs: dict[str, list[dict]] = {variant: [] for variant in variants}
    for repetition in range(repetitions):
        for variant in variants:
            logger.info("%s, repetition %d of %d", variant, repetition + 1, repetitions)
            runs[variant].append(
                run_child(
                    "benchmarks.fit_variants", [variant, str(epochs), str(images)], home
                )
            )
    return {variant: fit_summary(results) for variant, results in runs.items()}


def write_text(path: Path, text: str) -> None:
    """Replace ``path`` with ``text`` whole, through a temporary file."""
    _atomic_write(path, lambda temporary: temporary.write_text(text, "utf-8"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="scripts/bench",
        description="Benchmark the app against a plain Keras script and render "
        "docs/BENCHMARKS.md from benchmarks/results.json.",
    )
    parser.add_argument(
        "--quick",
        action="store_true",
        help="development run: 6000 images, 2 epochs, one repetition (minutes); "
        "its numbers are not comparable with a full run",
    )
    parser.add_argument(
        "--repetitions",
        type=int,
        default=None,
        help="repetitions of each main training variant (default 3, quick 1)",
    )
    parser.add_argument(
        "--render-only",
        action="store_true",
        help="render docs/BENCHMARKS.md from the existing results.json",
    )
    arguments = sys.argv[1:] if argv is None else argv
    args = parser.parse_args(arguments)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")

    if args.render_only:
        results = json.loads(RESULTS_PATH.read_text(encoding="utf-8"))
        write_text(PAGE_PATH, render(results))
        print(f"rendered {PAGE_PATH}")
        return 0

    quick = args.quick
    repetitions = args.repetitions or (1 if quick else 3)
    images = QUICK_IMAGES if quick else 0
    main_epochs = 2 if quick else 5
    home, temporary = prepare_keras_home()
    started = time.perf_counter()
    results: dict = {
        "command": shlex.join(["scripts/bench", *arguments]),
        "date": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "quick": quick,
        "machine": machine(),
        "load_before": uptime(),
        "train_images": round(QUICK_IMAGES * 0.8) if quick else 48_000,
        "validation_images": round(QUICK_IMAGES * 0.2) if quick else 12_000,
    }
    try:
        results["fits"] = run_fits(
            MAIN_VARIANTS, main_epochs, repetitions, images, home
        )
        lever_epochs = 2 if quick else 3
        lever_repetitions = max(1, repetitions - 1)
        results["levers"] = run_fits(
            LEVER_VARIANTS, lever_epochs, lever_repetitions, images, home
        )
        results["startup"] = run_child("benchmarks.startup", [str(repetitions)], home)
        ui_epochs = "1" if quick else "2"
        results["ui"] = run_child("benchmarks.ui_latency", [ui_epochs], home)
        results["memory"] = run_child(
            "benchmarks.memory_growth", ["2" if quick else "10"], home
        )
        results["floor"] = run_child("benchmarks.compute_floor", [], home)
    finally:
        if temporary is not None:
            shutil.rmtree(temporary, ignore_errors=True)
    results["load_after"] = uptime()
    results["total_s"] = time.perf_counter() - started

    write_text(RESULTS_PATH, json.dumps(results, indent=2) + "\n")
    write_text(PAGE_PATH, render(results))
    print(f"wrote {RESULTS_PATH} and {PAGE_PATH} in {results['total_s'] / 60:.1f} min")
    return 0


if __name__ == "__main__":
    sys.exit(main())
