"""The form's Performance box: fast mode and distribution reach the config."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QComboBox

from engine.config import STRATEGY_CHOICES, RunConfig


def test_performance_inputs_from_metadata(make_window):
    window = make_window(fake=True)
    fast = window.form.inputs["fast"]
    strategy = window.form.inputs["strategy"]

    assert isinstance(fast, QCheckBox)
    assert isinstance(strategy, QComboBox)
    assert fast.accessibleName() == "Fast mode"
    assert [strategy.itemData(i) for i in range(strategy.count())] == list(
        STRATEGY_CHOICES
    )
    assert window.form.config().fit.fast is False
    assert window.form.config().fit.strategy == "default"


def test_checkbox_and_combo_set_config(make_window, qtbot):
    window = make_window(fake=True)
    emitted = []
    window.form.params_changed.connect(emitted.append)

    window.form.inputs["fast"].click()
    strategy = window.form.inputs["strategy"]
    strategy.setCurrentIndex(strategy.findData("mirrored"))

    assert window.form.config().fit.fast is True
    assert window.form.config().fit.strategy == "mirrored"
    assert emitted[-1].fit.fast is True


def test_set_config_shows_fast_mode(make_window):
    window = make_window(fake=True)

    window.form.set_config(RunConfig().replace(fast=True, strategy="multi_worker"))

    assert window.form.inputs["fast"].isChecked()
    assert window.form.value("strategy") == "multi_worker"
