"""Tests of the runs panel and the exports, with pytest-qt and a fake engine."""

from __future__ import annotations

import json
import threading

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from engine.config import RunConfig
from engine.run_store import RunRecording, RunStore
from gui.runs_panel import NAME_COLUMN, RunsPanel

MAGIC = {".png": b"\x89PNG\r\n\x1a\n", ".pdf": b"%PDF-"}
BEST_COLUMN = 6


def add_run(store: RunStore, config: RunConfig, accuracies: list[float]) -> int:
    run_id = store.begin_run(config, "Fashion-MNIST")
    for epoch, accuracy in enumerate(accuracies, start=1):
        metrics = {
            "loss": 1.0 / epoch,
            "val_loss": 1.1 / epoch,
            "accuracy": accuracy + 0.02,
            "val_accuracy": accuracy,
        }
        store.add_epoch(run_id, epoch, metrics, 0.5)
    store.finish_run(run_id, "complete", 0.5 * len(accuracies))
    return run_id


@pytest.fixture
def store(tmp_path):
    with RunStore(tmp_path / "runs.sqlite3") as opened:
        yield opened


@pytest.fixture
def three_runs(store) -> list[int]:
    base = RunConfig().replace(epochs=3)
    return [
        add_run(store, base.replace(learning_rate=0.01), [0.70, 0.75, 0.78]),
        add_run(store, base.replace(optimizer="adam"), [0.80, 0.86, 0.84]),
        add_run(store, base.replace(dropout=0.3), [0.60, 0.65, 0.81]),
    ]


@pytest.fixture
def panel(qtbot, store, three_runs):
    widget = RunsPanel(store)
    qtbot.addWidget(widget)
    widget.resize(1000, 400)
    widget.show()
    return widget


class RecordingFakeSession:
    """Wraps the window tests' FakeSession and records its runs in a store, as
    TrainerSession does."""

    def __init__(self, fake, store: RunStore | None):
        self.fake = fake
        self.run_store = store
        self.run_store_error = None
        self.configs: list[RunConfig] = []

    def __getattr__(self, name):
        return getattr(self.fake, name)

    def train(self, config, listener, stop_event, control=None):
        self.configs.append(config)
        recording = RunRecording(self.run_store, config, "Fake data", {}, listener)
        result = self.fake.train(config, recording, stop_event, control)
        recording.finish(result)
        self.run_store_error = recording.error
        return result


def column_texts(panel: RunsPanel, column: int) -> list[str]:
    table = panel.table
    return [table.item(row, column).text() for row in range(table.rowCount())]


def test_rows_show_stored_runs(panel, three_runs):
    assert panel.table.rowCount() == 3
    assert sorted(panel.run_id_at(row) for row in range(3)) == three_runs
    assert set(column_texts(panel, BEST_COLUMN)) == {"0.7800", "0.8600", "0.8100"}
    assert set(column_texts(panel, 5)) == {"3 of 3"}


def test_sort_by_best_accuracy(panel, three_runs, qtbot):
    header = panel.table.horizontalHeader()

    panel.table.sortByColumn(BEST_COLUMN, Qt.SortOrder.AscendingOrder)
    ascending = [panel.run_id_at(row) for row in range(3)]
    panel.table.sortByColumn(BEST_COLUMN, Qt.SortOrder.DescendingOrder)
    descending = [panel.run_id_at(row) for row in range(3)]

    assert header.sortIndicatorSection() == BEST_COLUMN
    assert ascending == [three_runs[0], three_runs[2], three_runs[1]]
    assert descending == list(reversed(ascending))


def test_sort_learning_rate_numerically(panel, store):
    add_run(store, RunConfig().replace(learning_rate=0.0001), [0.5])
    panel.refresh()

    panel.table.sortByColumn(4, Qt.SortOrder.AscendingOrder)

    assert column_texts(panel, 4) == ["0.0001", "0.001", "0.001", "0.01"]


def test_selection_overlays_metric(panel, three_runs):
    panel.select_runs(three_runs[:2])

    overlay = panel.overlay
    labels = [overlay.label(key) for key in overlay.series_keys()]
    lines = panel.overlay.axes.get_lines()
    assert sorted(labels) == [
        f"#{three_runs[0]} RMSprop lr=0.01",
        f"#{three_runs[1]} Adam lr=0.001",
    ]
    assert len(lines) == 2
    assert {tuple(line.get_ydata()) for line in lines} == {
        (0.70, 0.75, 0.78),
        (0.80, 0.86, 0.84),
    }


def test_metric_choice_changes_overlay(panel, three_runs):
    panel.select_runs(three_runs)

    panel.set_metric("loss")

    lines = panel.overlay.axes.get_lines()
    assert len(lines) == 3
    assert {tuple(line.get_ydata()) for line in lines} == {(1.0, 0.5, 1 / 3)}
    assert panel.overlay.axes.get_ylabel() == "training loss"
    assert panel.current_metric() == "loss"


def test_unknown_metric_rejected(panel):
    with pytest.raises(ValueError, match="'top_k'"):
        panel.set_metric("top_k")


def test_rename_inline_persists(panel, store, three_runs):
    row = [panel.run_id_at(r) for r in range(3)].index(three_runs[1])
    item = panel.table.item(row, NAME_COLUMN)

    item.setText("  best so far ")

    assert store.get_run(three_runs[1]).name == "best so far"
    assert item.text() == "best so far"


def test_rename_to_empty_reverted(panel, store, three_runs):
    before = store.get_run(three_runs[0]).name
    row = [panel.run_id_at(r) for r in range(3)].index(three_runs[0])

    panel.table.item(row, NAME_COLUMN).setText("   ")

    assert store.get_run(three_runs[0]).name == before
    assert before in column_texts(panel, NAME_COLUMN)
    assert "cannot be empty" in panel.last_message.text()


def test_delete_needs_confirmation(panel, store, three_runs, monkeypatch):
    panel.select_runs(three_runs[:2])
    answers = iter([QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes])
    monkeypatch.setattr(QMessageBox, "question", lambda *args: next(answers))

    declined = panel.delete_selected()
    ids_after_decline = store.run_ids()
    panel.select_runs(three_runs[:2])
    deleted = panel.delete_selected()

    assert declined == 0
    assert ids_after_decline == three_runs
    assert deleted == 2
    assert store.run_ids() == [three_runs[2]]
    assert panel.table.rowCount() == 1


def test_details_show_stored_facts(panel, store, three_runs, tmp_path):
    run_id = three_runs[1]
    store.add_file(run_id, tmp_path / "best.keras", "model")
    store.set_evaluation(
        run_id,
        {
            "dataset": "Digits",
            "test": {"loss": 0.41, "accuracy": 0.8612},
            "test_count": 360,
        },
    )
    panel.refresh()

    panel.select_runs([run_id])

    text = panel.details_view.toPlainText()
    assert f"Run #{run_id}: Adam lr=0.001" in text
    assert "Adam · lr 0.001 · 3 epochs" in text
    assert "Versions: python" in text
    assert "Evaluation (test, 360 images): loss 0.4100, accuracy 0.8612" in text
    assert "test_count" not in text
    assert f"Saved model: {tmp_path / 'best.keras'}" in text


def test_buttons_follow_selection(panel, three_runs):
    panel.select_runs([])
    nothing = (panel.rerun_button.isEnabled(), panel.delete_button.isEnabled())
    panel.select_runs(three_runs[:1])
    single = (panel.rerun_button.isEnabled(), panel.delete_button.isEnabled())
    panel.select_runs(three_runs)
    several = (panel.rerun_button.isEnabled(), panel.delete_button.isEnabled())

    assert nothing == (False, False)
    assert single == (True, True)
    assert several == (False, True)


def test_panel_exports_csv_and_settings(panel, store, three_runs, tmp_path):
    panel.select_runs(three_runs)

    csv_path = panel.export_csv(tmp_path / "runs.csv")
    panel.select_runs(three_runs[1:2])
    json_path = panel.export_settings(tmp_path / "settings.json")

    lines = csv_path.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "run_id,name,epoch,seconds,loss,accuracy,val_loss,val_accuracy"
    assert len(lines) == 1 + 9
    loaded = RunConfig.from_dict(json.loads(json_path.read_text(encoding="utf-8")))
    assert loaded == store.get_run(three_runs[1]).config()


@pytest.mark.parametrize("suffix", [".png", ".svg", ".pdf"])
def test_panel_exports_plot(panel, three_runs, tmp_path, suffix):
    panel.select_runs(three_runs)

    path = panel.export_plot(tmp_path / f"overlay{suffix.upper()}")

    content = path.read_bytes()
    if suffix == ".svg":
        text = content.decode("utf-8")
        assert "<svg" in text
        assert "lr 0.01" in text
        assert f"#{three_runs[2]}" in text
    else:
        assert content.startswith(MAGIC[suffix])
    assert len(panel.overlay.figure.texts) == 0, "the stamp should be removed"


def test_export_with_bad_suffix_shows_error(panel, three_runs, tmp_path):
    panel.select_runs(three_runs)

    result = panel.export_plot(tmp_path / "overlay.jpg")

    assert result is None
    assert "'.jpg'" in panel.last_message.text()
    assert not (tmp_path / "overlay.jpg").exists()


def test_unavailable_store_explained(qtbot):
    panel = RunsPanel(None, "The run history 'x.sqlite3' is locked by another program.")
    qtbot.addWidget(panel)

    assert panel.message_label.isVisibleTo(panel)
    assert "locked" in panel.message_label.text()
    assert panel.table.rowCount() == 0
    assert not panel.delete_button.isEnabled()


# Window integration -------------------------------------------------------


def recording_window(make_window):
    window = make_window(fake=True)
    window.session = RecordingFakeSession(window.session, window.run_store)
    return window


def test_run_end_refreshes_list(make_window, wait_idle):
    window = recording_window(make_window)
    window.form.set_values(epochs=3, optimizer="adam")

    window.train()
    wait_idle(window)

    panel = window.runs_panel
    assert panel.table.rowCount() == 1
    run = window.run_store.get_run(panel.run_id_at(0))
    assert run.summary.status == "complete"
    assert run.history.epochs == 3
    assert run.config() == window.form.config()


def test_runs_survive_window_restart(make_window, wait_idle):
    first = recording_window(make_window)
    first.form.set_values(epochs=2)
    first.train()
    wait_idle(first)
    first.close()

    second = make_window(fake=True)

    assert second.runs_panel.table.rowCount() == 1
    assert second.runs_panel.table.item(0, 5).text() == "2 of 2"


def test_rerun_fills_form_and_trains(make_window, wait_idle):
    window = recording_window(make_window)
    stored = RunConfig().replace(
        optimizer="nadam",
        learning_rate=0.0025,
        dropout=0.25,
        hidden_units=64,
        epochs=2,
        batch_size=48,
        seed=1234,
        validation_split=0.3,
    )
    run_id = add_run(window.run_store, stored, [0.5, 0.6])
    panel = window.runs_panel
    panel.refresh()
    panel.select_runs([run_id])

    panel.rerun_button.click()
    wait_idle(window)

    assert window.form.config() == stored
    assert window.session.configs == [stored]
    assert panel.table.rowCount() == 2


def test_rerun_blocked_while_training(make_window, wait_idle):
    gate = threading.Event()
    window = make_window(fake=True, gate=gate)
    window.form.set_values(epochs=2)
    window.train()

    window.rerun(RunConfig().replace(epochs=5))
    message = window.statusBar().currentMessage()
    gate.set()
    gate.set()
    window.stop()
    gate.set()
    wait_idle(window)

    assert "Wait for the current task" in message
    assert window.session.calls == ["train"]


@pytest.mark.parametrize("suffix", [".png", ".svg", ".pdf"])
def test_window_figure_export(make_window, wait_idle, tmp_path, suffix):
    window = make_window(fake=True)
    window.form.set_values(epochs=2, optimizer="adam", dropout=0.3, seed=9)
    window.train()
    wait_idle(window)

    path = window.export_figure(tmp_path / f"training{suffix}")

    assert path is not None
    content = path.read_bytes()
    if suffix == ".svg":
        text = content.decode("utf-8")
        for part in ("Adam", "lr 0.001", "2 epochs", "batch 32", "dropout 0.3"):
            assert part in text
        assert "seed 9" in text
    else:
        assert content.startswith(MAGIC[suffix])


def test_window_figure_export_bad_folder(make_window, tmp_path):
    window = make_window(fake=True)

    result = window.export_figure(tmp_path / "missing" / "training.png")

    assert result is None
    assert "was not found" in window.last_message.text()


def test_window_without_history_still_trains(make_window, wait_idle, monkeypatch):
    import gui.main_window

    monkeypatch.setattr(
        gui.main_window,
        "open_run_store",
        lambda: (None, "The run history 'runs.sqlite3' is locked by another program."),
    )
    window = make_window(fake=True)
    window.form.set_values(epochs=1)

    window.train()
    wait_idle(window)

    assert "locked" in window.runs_panel.message_label.text()
    assert window.session.calls == ["train"]
    assert window.runs_panel.table.rowCount() == 0


def test_store_failure_shown_after_run(make_window, wait_idle):
    window = recording_window(make_window)
    window.run_store.close()
    window.form.set_values(epochs=1)

    window.train()
    wait_idle(window)

    label = window.runs_panel.message_label
    assert window.session.calls == ["train"]
    assert "The run history was not updated" in label.text()
    assert "is closed" in label.text()


def test_rerun_repeats_real_run_exactly(make_window, wait_idle):
    window = make_window()
    window.form.set_values(
        dataset="digits", epochs=2, hidden_units=16, optimizer="adam", seed=5
    )
    window.train()
    wait_idle(window)
    panel = window.runs_panel
    (first_id,) = window.run_store.run_ids()
    window.form.set_values(epochs=1, seed=6)

    panel.select_runs([first_id])
    panel.rerun_button.click()
    wait_idle(window)

    first_id_again, second_id = window.run_store.run_ids()
    first = window.run_store.get_run(first_id)
    second = window.run_store.get_run(second_id)
    assert first_id_again == first_id
    assert second.config() == first.config()
    assert second.history.epochs == 2
    assert second.history == first.history


def test_running_run_not_deleted(panel, store, monkeypatch):
    run_id = store.begin_run(RunConfig(), "Digits")
    panel.refresh()
    panel.select_runs([run_id])
    monkeypatch.setattr(
        QMessageBox, "question", lambda *args: QMessageBox.StandardButton.Yes
    )

    deleted = panel.delete_selected()

    assert deleted == 0
    assert run_id in store.run_ids()
    assert "still training" in panel.last_message.text()


def test_rerun_rejects_inexact_form(make_window):
    window = make_window(fake=True)
    precise = RunConfig().replace(learning_rate=0.000012345678912, epochs=1)

    window.rerun(precise)

    text = window.last_message.text()
    assert window.session.calls == []
    assert "cannot show these settings of the run exactly" in text
    assert "learning_rate 1.2345678912e-05" in text


def test_refresh_keeps_selection(panel, store, three_runs):
    panel.select_runs([three_runs[0], three_runs[2]])
    add_run(store, RunConfig(), [0.5])

    panel.refresh()

    assert panel.table.rowCount() == 4
    assert sorted(panel.selected_run_ids()) == [three_runs[0], three_runs[2]]
    assert len(panel.overlay.axes.get_lines()) == 2
