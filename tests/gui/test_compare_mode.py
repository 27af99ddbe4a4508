"""Window tests of compare mode, the overlay plot and the Presets menu."""

from __future__ import annotations

import threading

import pytest
from matplotlib.colors import to_hex

from engine.presets import PRESETS, format_restore_report
from gui.compare_plot import ComparePlot


def table_column(table, column: int) -> list[str]:
    return [table.item(row, column).text() for row in range(table.rowCount())]


def start_comparison(window, setting: str, values: str) -> None:
    panel = window.compare_panel
    panel.setting_combo.setCurrentIndex(panel.setting_combo.findData(setting))
    panel.values_edit.setText(values)
    assert panel.compare_button.isEnabled(), panel.message_label.text()
    panel.compare_button.click()


# The plot on its own ---------------------------------------------------------


@pytest.fixture
def plot(qtbot):
    widget = ComparePlot()
    qtbot.addWidget(widget)
    widget.show()
    return widget


def test_plot_series_lifecycle(plot):
    plot.add_series("a", "lr=0.1")
    plot.add_series("b", "lr=0.01", {"val_loss": [0.9, 0.7], "loss": [1.0, 0.8]})
    plot.append_epoch("a", 1, {"val_loss": 0.5, "loss": 0.6})

    assert plot.series_keys() == ["a", "b"]
    assert plot.point_counts() == {"a": 1, "b": 2}
    assert list(plot.line("b").get_ydata()) == [0.9, 0.7]

    plot.set_metric("loss")
    assert plot.current_metric() == "loss"
    assert list(plot.line("b").get_ydata()) == [1.0, 0.8]
    assert plot.metric_combo.currentData() == "loss"

    plot.set_history("a", {"loss": [0.3, 0.2, 0.1]})
    assert plot.point_counts() == {"a": 3, "b": 2}
    plot.set_label("a", "renamed")
    assert plot.label("a") == "renamed"
    legend = [text.get_text() for text in plot.axes.get_legend().get_texts()]
    assert legend == ["renamed", "lr=0.01"]

    plot.remove_series("a")
    plot.remove_series("missing")
    assert plot.series_keys() == ["b"]
    plot.clear()
    assert plot.series_keys() == []
    assert plot.axes.get_legend() is None


def test_plot_highlight_fades_others(plot):
    for key in ("a", "b", "c"):
        plot.add_series(key, key, {"val_loss": [0.5, 0.4]})

    plot.set_highlight("b")

    assert plot.highlighted() == "b"
    assert plot.line("b").get_linewidth() > plot.line("a").get_linewidth()
    assert plot.line("b").get_zorder() > plot.line("a").get_zorder()
    assert plot.line("a").get_alpha() < 1
    assert plot.line("c").get_alpha() < 1

    plot.remove_series("b")
    assert plot.highlighted() is None
    assert plot.line("a").get_alpha() == 1
    plot.set_highlight("missing")
    assert plot.highlighted() is None


def test_plot_rejects_unknown_metric(plot):
    with pytest.raises(ValueError, match="'f1' is not offered"):
        plot.set_metric("f1")


def test_plot_metric_chooser_emits(plot, qtbot):
    with qtbot.waitSignal(plot.metric_changed) as signal:
        plot.metric_combo.setCurrentIndex(plot.metric_combo.findData("accuracy"))
    assert signal.args == ["accuracy"]
    assert plot.axes.get_ylabel() == "training accuracy"


@pytest.mark.parametrize("count", [3, 20, 25])
def test_plot_colors_distinct(plot, count):
    for index in range(count):
        plot.add_series(str(index), f"run {index}")
    colors = {to_hex(plot.line(str(index)).get_color()) for index in range(count)}
    assert len(colors) == count
    legend = plot.axes.get_legend()
    assert len(legend.get_texts()) == count
    # The legend sits outside the axes, to the right, so it hides no curve.
    assert legend.get_bbox_to_anchor().x0 > plot.axes.get_window_extent().x1


def test_plot_blits_points_inside_limits(plot, qtbot):
    plot.clear(10)
    for index in range(20):
        plot.add_series(str(index), f"run {index}", {"val_loss": [1.0]})
    qtbot.waitUntil(lambda: plot.full_draws() > 0)
    qtbot.wait(50)
    draws = plot.full_draws()

    for epoch in range(2, 8):
        for index in range(20):
            plot.append_epoch(str(index), epoch, {"val_loss": 1.0 - 0.05 * epoch})
        qtbot.wait(10)
    assert plot.full_draws() == draws
    assert set(plot.point_counts().values()) == {7}

    # A value above the y limit needs new limits, so a full draw follows.
    plot.append_epoch("0", 8, {"val_loss": 5.0})
    qtbot.waitUntil(lambda: plot.full_draws() > draws)
    assert plot.axes.get_ylim()[1] >= 5.0


def test_plot_export_contains_curves(plot, tmp_path):
    plot.add_series("a", "lr=0.1", {"val_loss": [0.9, 0.7]})
    path = tmp_path / "figure.svg"
    plot.figure.savefig(path)
    # Blitted lines are animated artists, which savefig still draws.
    assert "lr=0.1" in path.read_text(encoding="utf-8")
    assert path.read_text(encoding="utf-8").count("<path") > 10


# Compare mode in the window ------------------------------------------------------


def test_values_validated_live(make_window):
    window = make_window(fake=True)
    panel = window.compare_panel
    panel.setting_combo.setCurrentIndex(panel.setting_combo.findData("dropout"))

    panel.values_edit.setText("0.1, 1.5")
    assert not panel.compare_button.isEnabled()
    assert "dropout=1.5 is out of range" in panel.message_label.text()

    panel.values_edit.setText("0.1, 0.3")
    assert panel.compare_button.isEnabled()
    assert "dropout=0.1, dropout=0.3" in panel.message_label.text()

    window.form.set_values(batch_size=64)
    panel.setting_combo.setCurrentIndex(panel.setting_combo.findData("batch_size"))
    panel.values_edit.setText("32,abc")
    assert "'abc' is not a whole number" in panel.message_label.text()
    assert not panel.compare_button.isEnabled()


def test_three_runs_overlay_and_rank(make_window, wait_idle):
    window = make_window(fake=True)
    window.form.set_values(epochs=4)
    finished = []
    window.compare_panel.comparison_finished.connect(finished.append)

    start_comparison(window, "learning_rate", "0.01, 0.001, 0.0001")
    assert not window.train_button.isEnabled()
    wait_idle(window)

    panel = window.compare_panel
    assert panel.plot.series_keys() == ["lr=0.01", "lr=0.001", "lr=0.0001"]
    assert panel.plot.point_counts() == {"lr=0.01": 4, "lr=0.001": 4, "lr=0.0001": 4}
    assert window.session.calls == ["train", "train", "train"]
    table = panel.results_table
    assert table.rowCount() == 3
    assert table_column(table, 0) == ["1", "2", "3"]
    # The fake gives every run the same curve, so ties keep run order.
    assert table_column(table, 1) == ["lr=0.01", "lr=0.001", "lr=0.0001"]
    assert table_column(table, 2) == ["0.2750"] * 3
    assert table.horizontalHeaderItem(2).text() == "Best validation loss"
    assert len(finished) == 1
    assert not finished[0].stopped
    assert window.train_button.isEnabled()
    assert "current model is the last run, lr=0.0001" in (
        window.statusBar().currentMessage()
    )

    # Train shows its curves on the Training tab.
    window.train()
    assert window.plot_tabs.currentWidget() is window.plot_pane
    wait_idle(window)


def test_selected_row_highlights_curve(make_window, wait_idle):
    window = make_window(fake=True)
    window.form.set_values(epochs=2)
    start_comparison(window, "batch_size", "16, 32, 64")
    wait_idle(window)
    panel = window.compare_panel

    panel.results_table.selectRow(1)

    assert panel.plot.highlighted() == "batch=32"
    panel.results_table.clearSelection()
    assert panel.plot.highlighted() is None


def test_metric_choice_reranks(make_window, wait_idle):
    window = make_window(fake=True)
    window.form.set_values(epochs=2)
    start_comparison(window, "hidden_units", "16, 32")
    wait_idle(window)
    panel = window.compare_panel

    panel.plot.set_metric("val_accuracy")

    assert panel.results_table.horizontalHeaderItem(2).text() == (
        "Best validation accuracy"
    )
    assert table_column(panel.results_table, 2) == ["0.9500", "0.9500"]


def test_stop_ends_comparison(make_window, qtbot, wait_idle):
    gate = threading.Event()
    window = make_window(fake=True, gate=gate)
    window.form.set_values(epochs=3)
    panel = window.compare_panel
    start_comparison(window, "dropout", "0, 0.2, 0.5")

    gate.set()
    qtbot.waitUntil(lambda: panel.plot.point_counts()["dropout=0.0"] == 1)
    assert panel.stop_button.isEnabled()
    # The window's Stop button stops a comparison too.
    assert window.stop_button.isEnabled()
    window.stop_button.click()
    gate.set()
    wait_idle(window)

    assert window.session.calls == ["train"]
    assert panel.plot.series_keys() == ["dropout=0.0"]
    table = panel.results_table
    assert table_column(table, 1) == ["dropout=0.0", "dropout=0.2", "dropout=0.5"]
    assert table_column(table, 5) == ["1 (stopped)", "not run", "not run"]
    assert panel.progress_bar.format() == "Stopped: 0 of 3 runs complete"
    assert not panel.stop_button.isEnabled()


def test_no_validation_ranks_by_loss(make_window, wait_idle):
    window = make_window(fake=True)
    window.form.set_values(epochs=2, validation_split=0.0)
    panel = window.compare_panel

    start_comparison(window, "dropout", "0, 0.3")
    assert "training metrics rank the runs" in panel.message_label.text()
    wait_idle(window)

    assert panel.plot.current_metric() == "loss"
    header = panel.results_table.horizontalHeaderItem(2).text()
    assert header == "Best training loss"


@pytest.mark.real_data
def test_real_comparison_three_curves(make_window, wait_idle):
    window = make_window()
    window.form.set_values(dataset="digits", epochs=2)

    start_comparison(window, "optimizer", "rmsprop, adam, sgd")
    wait_idle(window)

    panel = window.compare_panel
    assert window.last_message is None
    assert panel.plot.point_counts() == {"opt=rmsprop": 2, "opt=adam": 2, "opt=sgd": 2}
    ranks = table_column(panel.results_table, 0)
    assert ranks == ["1", "2", "3"]
    bests = [float(text) for text in table_column(panel.results_table, 2)]
    assert bests == sorted(bests)


# Presets --------------------------------------------------------------------


def test_presets_menu_lists_each(make_window):
    window = make_window(fake=True)
    actions = window.presets.actions
    assert list(actions) == list(PRESETS)
    for name, action in actions.items():
        assert action.text() == PRESETS[name].title
        assert PRESETS[name].description in action.toolTip()
    assert window.presets.menu.toolTipsVisible()


def test_preset_fills_form_and_trains(make_window, wait_idle, tmp_path):
    window = make_window(fake=True)
    window.presets.output_dir = tmp_path
    window.form.set_values(dataset="digits", hidden_units=7, epochs=3)

    window.presets.actions["validation-loss"].trigger()
    wait_idle(window)

    config = window.form.config()
    assert config.data.dataset == "digits"
    assert config.model.hidden_units == 100
    assert config.fit.optimizer == "rmsprop"
    assert config.fit.epochs == 20
    assert window.plot_tabs.currentWidget() is window.plot_pane
    assert window.plot.point_counts()["val_loss"] == 20


def test_comparison_preset_runs_three(make_window, wait_idle, tmp_path):
    window = make_window(fake=True)
    window.presets.output_dir = tmp_path

    window.presets.actions["learning-rates"].trigger()
    wait_idle(window)

    panel = window.compare_panel
    assert window.plot_tabs.currentWidget() is panel
    assert window.form.config().fit.optimizer == "adam"
    assert panel.plot.series_keys() == ["lr=0.01", "lr=0.001", "lr=0.0001"]
    assert set(panel.plot.point_counts().values()) == {20}


def test_preset_waits_for_idle(make_window, wait_idle, tmp_path):
    gate = threading.Event()
    window = make_window(fake=True, gate=gate)
    window.presets.output_dir = tmp_path
    window.form.set_values(epochs=2)
    window.train()

    assert not window.presets.actions["adam"].isEnabled()
    assert not window.presets.run("adam")
    gate.set()
    window.stop()
    gate.set()
    wait_idle(window)
    assert window.presets.actions["adam"].isEnabled()


def test_save_restore_preset(make_window, wait_idle, tmp_path):
    window = make_window()
    window.presets.output_dir = tmp_path
    window.form.set_values(dataset="digits")

    window.presets.actions["save-restore"].trigger()
    wait_idle(window)

    report = window.presets.last_report
    assert report is not None, window.statusBar().currentMessage()
    assert report.weights_path == tmp_path / "model.weights.h5"
    assert report.model_path == tmp_path / "model-whole.keras"
    assert report.weights_path.is_file()
    assert report.model_path.is_file()
    for copy in (report.from_weights, report.from_model):
        assert copy.validation == pytest.approx(report.trained.validation, abs=1e-6)
        assert copy.test == pytest.approx(report.trained.test, abs=1e-6)
    assert window.last_message.objectName() == "restore_report"
    assert "model-whole.keras" in window.last_message.text()
    # The window's table repeats the engine's, translated in other languages.
    assert format_restore_report(report) in window.last_message.text()
    assert window.form.config().fit.epochs == 10
    assert window.plot.point_counts()["val_loss"] == 10
