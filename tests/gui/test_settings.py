"""Tests of remembered settings: form values, folders, layout, reset, bad values."""

from __future__ import annotations

import json
import logging
import sys

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtWidgets import QSplitter

from engine.config import RunConfig
from gui import resources
from gui.main_window import MainWindow
from gui.settings import FORM_KEY, WindowSettings, config_from_values, open_settings


def test_settings_file_in_test_folder(settings_folder):
    assert str(settings_folder) in open_settings().fileName()


def test_form_values_survive_restart(make_window, tmp_path):
    first = make_window(fake=True)
    first.form.set_values(
        optimizer="adam", dropout=0.25, epochs=3, seed=7, data_dir=str(tmp_path)
    )
    first.close()

    second = make_window(fake=True)
    config = second.form.config()
    assert config.fit.optimizer == "adam"
    assert config.model.dropout == 0.25
    assert config.fit.epochs == 3
    assert config.seed == 7
    assert config.data.data_dir == str(tmp_path)
    assert second.form.last_folder == tmp_path


def test_layout_survives_restart(make_window, qtbot, monkeypatch):
    first = make_window(fake=True)
    first.splitter.setSizes([420, 330])
    qtbot.wait(10)
    saved_geometry = bytes(first.saveGeometry())
    saved_splitter = bytes(first.splitter.saveState())
    first.close()

    # The offscreen screen is smaller than the window's minimum size, so Qt
    # clamps what it restores; the test checks what the window hands to Qt.
    restored = []

    def recorder(cls, method):
        original = getattr(cls, method)

        def record(widget, value):
            restored.append(bytes(value))
            return original(widget, value)

        monkeypatch.setattr(cls, method, record)

    recorder(MainWindow, "restoreGeometry")
    recorder(QSplitter, "restoreState")
    make_window(fake=True)

    assert saved_geometry in restored
    assert saved_splitter in restored


def test_model_folder_remembered(make_window, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    chosen = tmp_path / "model.keras"
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args: (str(chosen), ""))
    first = make_window(fake=True)
    assert first._choose_file("load_model") == str(chosen)
    first.close()

    assert make_window(fake=True)._folder == tmp_path


def test_reset_restores_defaults(make_window):
    window = make_window(fake=True)
    default_sizes = window.splitter.sizes()
    window.form.set_values(optimizer="adam", epochs=3)
    window.splitter.setSizes([600, 300])

    window.reset_action.trigger()

    assert window.form.config() == RunConfig()
    # QSplitter may shift a handle by a few pixels toward a minimum width.
    left, right = window.splitter.sizes()
    assert abs(left - default_sizes[0]) <= 30
    assert abs(right - default_sizes[1]) <= 30
    assert WindowSettings().load_config() == RunConfig()


def test_corrupt_form_json_uses_defaults(make_window, caplog):
    open_settings().setValue(FORM_KEY, "{not json")
    with caplog.at_level(logging.WARNING, logger="gui.settings"):
        window = make_window(fake=True)
    assert window.form.config() == RunConfig()
    assert "not JSON" in caplog.text


def test_out_of_range_values_fall_back(make_window, caplog):
    stored = {"epochs": 0, "dropout": 5.0, "optimizer": "nope", "seed": 3}
    open_settings().setValue(FORM_KEY, json.dumps(stored))
    with caplog.at_level(logging.WARNING, logger="gui.settings"):
        window = make_window(fake=True)
    config = window.form.config()
    assert config.fit.epochs == RunConfig().fit.epochs
    assert config.model.dropout == RunConfig().model.dropout
    assert config.fit.optimizer == RunConfig().fit.optimizer
    assert config.seed == 3
    for name in ("epochs=0", "dropout=5.0", "optimizer='nope'"):
        assert name in caplog.text


def test_wrong_types_fall_back(caplog):
    with caplog.at_level(logging.WARNING, logger="gui.settings"):
        assert config_from_values(["epochs", 3]) == RunConfig()
        config = config_from_values({"epochs": "many", "batch_size": [1], "seed": 5})
    assert config == RunConfig(seed=5)
    assert "epochs='many'" in caplog.text


def test_idx_folder_without_folder_falls_back(caplog):
    with caplog.at_level(logging.WARNING, logger="gui.settings"):
        config = config_from_values({"dataset": "idx_folder", "epochs": 4})
    assert config.data.dataset == "fashion_mnist"
    assert config.fit.epochs == 4


def test_corrupt_geometry_keeps_default(make_window, caplog):
    store = open_settings()
    store.setValue("layout/geometry", QByteArray(b"garbage"))
    store.setValue("layout/splitter", "not bytes")
    store.sync()
    with caplog.at_level(logging.WARNING, logger="gui.settings"):
        window = make_window(fake=True)
    assert window.isVisible()
    assert "geometry is invalid" in caplog.text
    assert "splitter state is invalid" in caplog.text


def test_missing_folder_is_forgotten(tmp_path):
    settings = WindowSettings()
    settings.set_folder("models", tmp_path / "gone")
    assert settings.folder("models") is None


def test_resources_from_source():
    assert resources.resources_dir().is_dir()
    assert resources.resource_path("icon.svg").is_file()
    assert not resources.app_icon().isNull()


def test_resources_from_bundle(tmp_path, monkeypatch):
    (tmp_path / "resources").mkdir()
    (tmp_path / "resources" / "icon.svg").write_text("<svg/>")
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    assert resources.resources_dir() == tmp_path / "resources"


def test_resources_beside_executable(tmp_path, monkeypatch):
    (tmp_path / "resources").mkdir()
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(tmp_path / "keras-trainer"))
    assert resources.resources_dir() == tmp_path / "resources"


def test_settings_format_is_ini():
    assert open_settings().format() == QSettings.Format.IniFormat
