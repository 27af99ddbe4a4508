"""Exports of stored runs: curves as CSV, settings as JSON, and the settings stamp.

Every file is written atomically: to a temporary file in the target folder,
then renamed over the target, so a failed export leaves any earlier file intact.
"""

from __future__ import annotations

import csv
import io
import json
import logging
import os
import secrets
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from engine.config import OPTIMIZER_CHOICES, RunConfig, dataset_title
from engine.paths import display_path, parent_folder_problem, write_failure_hint
from engine.run_store import StoredRun

logger = logging.getLogger(__name__)

FIGURE_SUFFIXES = (".png", ".svg", ".pdf")
CSV_SUFFIX = ".csv"
JSON_SUFFIX = ".json"
# Metrics that lead the CSV columns; any other metric follows in name order.
_METRIC_ORDER = ("loss", "accuracy", "val_loss", "val_accuracy")


class ExportError(Exception):
    """An export could not be written; the message names the path and the fix."""


def check_export_path(path: str | os.PathLike[str], suffixes: Sequence[str]) -> Path:
    """Return ``path`` when it has one of ``suffixes`` and its folder is writable.

    Raises ExportError naming the problem otherwise. The suffix check ignores case.
    """
    path = Path(path)
    if path.suffix.lower() not in suffixes:
        found = repr(path.suffix) if path.suffix else "no suffix"
        raise ExportError(
            f"{path.name!r} has {found}, which this export cannot write. End the "
            f"file name with {suffix_choice(suffixes)}."
        )
    if path.is_dir():
        raise ExportError(
            f"{display_path(path)!r} is a folder. Choose a file name to export to."
        )
    folder = path.parent
    if problem := parent_folder_problem(path):
        raise ExportError(f"{problem} Choose an existing folder to export to.")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise ExportError(
            f"Folder {display_path(folder)!r} is not writable. Choose a folder you "
            "can write to."
        )
    return path


def suffix_choice(suffixes: Sequence[str]) -> str:
    """Return ``suffixes`` as message text: ".csv", or "one of .png, .svg, .pdf"."""
    if len(suffixes) == 1:
        return suffixes[0]
    return "one of " + ", ".join(suffixes)


def write_atomically(path: Path, write: Callable[[Path], None]) -> Path:
    """Call ``write`` with a temporary path beside ``path``, then rename it to ``path``.

    The temporary name ends in the target's suffix, for writers that choose the
    format by it. Raises ExportError when writing or renaming fails.
    """
    # The writer creates the file itself, so it gets the usual permissions
    # (mkstemp would make it private to its owner).
    temporary_path = path.with_name(
        f".{path.name}.{secrets.token_hex(6)}.partial{path.suffix}"
    )
    try:
        write(temporary_path)
        os.replace(temporary_path, path)
    except OSError as error:
        temporary_path.unlink(missing_ok=True)
        logger.warning("Export to %s failed: %r", path, error)
        raise ExportError(
            f"Writing {display_path(path)!r} failed: {error.strerror or error}. "
            f"{write_failure_hint(path)} Any earlier file of that name is unchanged."
        ) from error
    except BaseException:
        temporary_path.unlink(missing_ok=True)
        raise
    logger.info("Exported %s", path)
    return path


def _write_text(path: Path, text: str) -> Path:
    return write_atomically(
        path, lambda target: target.write_text(text, encoding="utf-8", newline="")
    )


def _metric_columns(runs: Iterable[StoredRun]) -> list[str]:
    names = {name for run in runs for name in run.history.metrics}
    leading = [name for name in _METRIC_ORDER if name in names]
    return leading + sorted(names - set(leading))


def runs_csv(runs: Sequence[StoredRun]) -> str:
    """Return the curves of ``runs`` as CSV: one row per run and epoch.

    Columns: ``run_id``, ``name``, ``epoch`` (1-based), ``seconds`` (the
    epoch's wall time), then one column per metric. A metric that a run lacks
    is an empty cell. Floats are written with ``repr``, so they read back exactly.
    """
    metrics = _metric_columns(runs)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["run_id", "name", "epoch", "seconds", *metrics])
    for run in runs:
        series = run.history.metrics
        for index in range(run.history.epochs):
            seconds = run.epoch_seconds[index] if index < len(run.epoch_seconds) else ""
            values = [
                repr(series[name][index]) if index < len(series.get(name, ())) else ""
                for name in metrics
            ]
            writer.writerow([run.id, run.name, index + 1, seconds, *values])
    return buffer.getvalue()


def export_runs_csv(path: str | os.PathLike[str], runs: Sequence[StoredRun]) -> Path:
    """Write the curves of ``runs`` to a ``.csv`` file; see :func:`runs_csv`."""
    path = check_export_path(path, (CSV_SUFFIX,))
    if not runs:
        raise ExportError("No run is selected. Select the runs to export first.")
    return _write_text(path, runs_csv(runs))


def export_settings_json(path: str | os.PathLike[str], config: RunConfig) -> Path:
    """Write ``config.to_dict()`` as JSON, which ``RunConfig.from_dict`` reads back."""
    path = check_export_path(path, (JSON_SUFFIX,))
    return _write_text(path, json.dumps(config.to_dict(), indent=2) + "\n")


def settings_stamp(config: RunConfig | None) -> str:
    """Return one line of a run's settings, stamped on exported figures."""
    if config is None:
        return "Settings: not stored with these curves"
    fit, model = config.fit, config.model
    parts = [
        dataset_title(config.data.dataset),
        f"validation {config.data.validation_split:g}",
        OPTIMIZER_CHOICES[fit.optimizer],
        f"lr {fit.learning_rate:g}",
        f"{fit.epochs} epochs",
        f"batch {fit.batch_size}",
        f"{model.hidden_units} units",
        f"dropout {model.dropout:g}",
        f"seed {config.seed}",
    ]
    return " · ".join(parts)
