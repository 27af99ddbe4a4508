"""Tests of the run exports: curves as CSV, settings as JSON, path checks."""

from __future__ import annotations

import csv
import json
import os

import pytest

from engine.config import RunConfig
from engine.exports import (
    ExportError,
    check_export_path,
    export_runs_csv,
    export_settings_json,
    settings_stamp,
    write_atomically,
)
from engine.run_store import RunStore

CONFIG = RunConfig().replace(optimizer="adam", learning_rate=0.0005, seed=11)


@pytest.fixture
def store(tmp_path):
    with RunStore(tmp_path / "runs.sqlite3") as opened:
        yield opened


def add_run(store, name: str, epochs: int, extra_metric: bool = False) -> int:
    run_id = store.begin_run(CONFIG, "Fashion-MNIST", name=name)
    for epoch in range(1, epochs + 1):
        metrics = {"loss": 1 / (epoch + 0.5), "val_accuracy": 0.1 * epoch + 0.01}
        if extra_metric:
            metrics["top_k"] = 0.3
        store.add_epoch(run_id, epoch, metrics, 1.25)
    store.finish_run(run_id, "complete", 2.5)
    return run_id


def test_csv_has_rows_of_each_run(store, tmp_path):
    first = add_run(store, "first, with comma", 2)
    second = add_run(store, "second", 3, extra_metric=True)
    runs = [store.get_run(first), store.get_run(second)]

    path = export_runs_csv(tmp_path / "curves.csv", runs)

    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert list(rows[0]) == [
        "run_id",
        "name",
        "epoch",
        "seconds",
        "loss",
        "val_accuracy",
        "top_k",
    ]
    assert len(rows) == 5
    assert [(row["run_id"], row["epoch"]) for row in rows] == [
        (str(first), "1"),
        (str(first), "2"),
        (str(second), "1"),
        (str(second), "2"),
        (str(second), "3"),
    ]
    assert rows[0]["name"] == "first, with comma"
    assert rows[0]["top_k"] == ""
    assert float(rows[4]["loss"]) == runs[1].history.metrics["loss"][2]
    assert float(rows[4]["seconds"]) == 1.25


def test_csv_without_runs_rejected(tmp_path):
    with pytest.raises(ExportError, match="No run is selected"):
        export_runs_csv(tmp_path / "curves.csv", [])

    assert not (tmp_path / "curves.csv").exists()


def test_settings_json_round_trip(tmp_path):
    path = export_settings_json(tmp_path / "settings.json", CONFIG)

    loaded = RunConfig.from_dict(json.loads(path.read_text(encoding="utf-8")))

    assert loaded == CONFIG


@pytest.mark.parametrize(
    ("name", "expected"),
    [("curves.txt", "'.txt'"), ("curves", "no suffix")],
)
def test_bad_suffix_rejected(tmp_path, name, expected):
    with pytest.raises(ExportError) as caught:
        check_export_path(tmp_path / name, (".csv",))

    assert expected in str(caught.value)
    assert ".csv" in str(caught.value)


def test_missing_folder_rejected(tmp_path):
    with pytest.raises(ExportError, match="was not found"):
        check_export_path(tmp_path / "absent" / "curves.csv", (".csv",))


def test_single_suffix_named_alone(tmp_path):
    with pytest.raises(ExportError) as caught:
        check_export_path(tmp_path / "curves.txt", (".csv",))

    assert "End the file name with .csv." in str(caught.value)


def test_several_suffixes_listed(tmp_path):
    with pytest.raises(ExportError) as caught:
        check_export_path(tmp_path / "plot.gif", (".png", ".svg"))

    assert "End the file name with one of .png, .svg." in str(caught.value)


def test_file_in_folder_path_named(tmp_path):
    (tmp_path / "afile").write_text("x", encoding="utf-8")

    with pytest.raises(ExportError) as caught:
        check_export_path(tmp_path / "afile" / "curves.csv", (".csv",))

    message = str(caught.value)
    assert f"{str(tmp_path / 'afile')!r} is a file, not a folder." in message
    assert "was not found" not in message


def test_file_deeper_in_folder_path_named(tmp_path):
    (tmp_path / "afile").write_text("x", encoding="utf-8")

    with pytest.raises(ExportError) as caught:
        check_export_path(tmp_path / "afile" / "sub" / "curves.csv", (".csv",))

    assert f"{str(tmp_path / 'afile')!r} is a file" in str(caught.value)


def test_folder_as_target_rejected(tmp_path):
    (tmp_path / "dir.csv").mkdir()

    with pytest.raises(ExportError, match="is a folder"):
        check_export_path(tmp_path / "dir.csv", (".csv",))


@pytest.mark.skipif(
    hasattr(os, "geteuid") and os.geteuid() == 0,
    reason="root can write to read-only folders",
)
def test_unwritable_folder_rejected(tmp_path):
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(ExportError, match="not writable"):
            check_export_path(folder / "curves.csv", (".csv",))
    finally:
        folder.chmod(0o700)


def test_failed_write_keeps_old_file(tmp_path):
    target = tmp_path / "settings.json"
    target.write_text("old", encoding="utf-8")

    def failing(path):
        path.write_text("partial", encoding="utf-8")
        raise OSError(28, "No space left on device")

    with pytest.raises(ExportError, match="No space left on device"):
        write_atomically(target, failing)

    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["settings.json"]


def test_failed_write_names_path_and_folder(tmp_path):
    target = tmp_path / "fig.png"

    def failing(path):
        raise OSError(2, "No such file or directory")

    with pytest.raises(ExportError) as caught:
        write_atomically(target, failing)

    message = str(caught.value)
    assert f"Writing {str(target)!r} failed" in message
    assert f"folder {str(tmp_path)!r} accepts new files" in message


def test_stamp_names_settings():
    stamp = settings_stamp(CONFIG.replace(dropout=0.3, epochs=7, batch_size=64))

    for part in (
        "Fashion-MNIST",
        "Adam",
        "lr 0.0005",
        "7 epochs",
        "batch 64",
        "dropout 0.3",
        "seed 11",
    ):
        assert part in stamp
