"""Plot preset runs and print their per-epoch numbers as Markdown tables.

Usage: python scripts/experiment_plots.py RUNS_DIR OUT_DIR

RUNS_DIR contains one ``NAME.json`` per preset, written by
``main.py train --preset NAME --history-out RUNS_DIR/NAME.json``. For each file
this writes ``OUT_DIR/NAME.png`` (loss and accuracy per epoch; one curve per
run for a comparison) and prints a Markdown section with the plot, a table of
every epoch and the outcome (ranking, stop and best epochs, evaluation).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.ticker import MaxNLocator  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from engine.presets import PRESETS  # noqa: E402

METRICS = ("loss", "accuracy", "val_loss", "val_accuracy")


def runs_of(document: dict) -> list[tuple[str, dict[str, list[float]]]]:
    """Return (label, history) for each run of a single-run or comparison file."""
    if "runs" in document:
        return [(run["label"], run["history"]) for run in document["runs"]]
    return [("", document["history"])]


def plot(name: str, document: dict, path: Path) -> None:
    figure = Figure(figsize=(10, 3.6), layout="constrained")
    loss_axes, accuracy_axes = figure.subplots(1, 2)
    runs = runs_of(document)
    for index, (label, history) in enumerate(runs):
        run_color = f"C{index}"
        for axes, metric in ((loss_axes, "loss"), (accuracy_axes, "accuracy")):
            for prefix, style, part in (("", "-", "train"), ("val_", "--", "val")):
                values = history.get(prefix + metric)
                if not values:
                    continue
                text = f"{label} {part}".strip()
                # A single run colours train and val; a comparison colours runs.
                if label:
                    color = run_color
                elif part == "train":
                    color = "C0"
                else:
                    color = "C1"
                axes.plot(
                    range(1, len(values) + 1),
                    values,
                    style,
                    color=color,
                    marker="o",
                    markersize=3,
                    label=text,
                )
    for axes, title in ((loss_axes, "Loss"), (accuracy_axes, "Accuracy")):
        axes.set_title(title)
        axes.set_xlabel("Epoch")
        axes.xaxis.set_major_locator(MaxNLocator(integer=True))
        axes.grid(True, alpha=0.3)
    # One legend outside the axes, so it hides no curve.
    handles, labels = loss_axes.get_legend_handles_labels()
    figure.legend(handles, labels, loc="outside right upper", fontsize="small")
    figure.suptitle(
        f"{PRESETS[name].title}: {PRESETS[name].summary()}", fontsize="medium"
    )
    figure.savefig(path, dpi=100)


def table(document: dict) -> str:
    lines = []
    for label, history in runs_of(document):
        names = [m for m in METRICS if m in history]
        if label:
            lines.append(f"\n{label}:\n")
        lines.append("| epoch | " + " | ".join(names) + " |")
        lines.append("|---:|" + "---:|" * len(names))
        for epoch in range(len(history[names[0]])):
            cells = [f"{history[m][epoch]:.4f}" for m in names]
            lines.append(f"| {epoch + 1} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def summary(document: dict) -> str:
    """Return the outcome lines: ranking, stop and best epochs, evaluation."""
    lines = []
    ranking = document.get("ranking")
    if ranking:
        lines.append(f"Ranking by best {ranking['metric']}:\n")
        lines.append("| rank | run | best | best epoch | last |")
        lines.append("|---:|---|---:|---:|---:|")
        for row in ranking["rows"]:
            lines.append(
                f"| {row['rank']} | {row['label']} | {row['best']:.4f} | "
                f"{row['best_epoch']} | {row['last']:.4f} |"
            )
    for key in ("stop_reason", "stopped_epoch", "best_epoch", "held_epoch"):
        if document.get(key) is not None:
            lines.append(f"- {key}: {document[key]}")
    if document.get("checkpoint_epochs"):
        lines.append(f"- checkpoint_epochs: {document['checkpoint_epochs']}")
    evaluation = document.get("evaluation")
    if evaluation:
        for part in ("validation", "test"):
            metrics = evaluation.get(part)
            if metrics:
                lines.append(
                    f"- {part} evaluation of the kept weights: loss "
                    f"{metrics['loss']:.4f}, accuracy {metrics['accuracy']:.4f}"
                )
    return "\n".join(lines)


def main() -> int:
    runs_dir, out_dir = Path(sys.argv[1]), Path(sys.argv[2])
    out_dir.mkdir(parents=True, exist_ok=True)
    for name in PRESETS:
        source = runs_dir / f"{name}.json"
        if not source.is_file():
            print(f"## {name}\n\nmissing: {source}\n")
            continue
        document = json.loads(source.read_text(encoding="utf-8"))
        plot(name, document, out_dir / f"{name}.png")
        preset = PRESETS[name]
        print(
            f"## {preset.title} (`{name}`)\n\n{preset.description}\n\n"
            f"![{preset.title}]({out_dir.name}/{name}.png)\n\n"
            f"{table(document)}\n\n{summary(document)}\n"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
