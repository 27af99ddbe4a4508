"""Tests of the menus, shortcuts, Help, About and figure export."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QFileDialog

import engine
from gui.app_info import package_version

ROOT = Path(__file__).resolve().parents[2]


def menu_actions(window) -> dict[str, object]:
    """Return every action reachable from the menu bar, by its text."""
    found = {}

    def visit(menu):
        for item in menu.actions():
            if item.menu() is not None:
                visit(item.menu())
            elif not item.isSeparator():
                found[item.text()] = item

    for top in window.menuBar().actions():
        visit(top.menu())
    return found


@pytest.mark.parametrize(
    ("attribute", "keys"),
    [
        ("train_action", "Ctrl+Return"),
        ("stop_action", "Esc"),
        ("save_model_action", "Ctrl+S"),
        ("load_model_action", "Ctrl+O"),
        ("export_figure_action", "Ctrl+E"),
        ("help_action", "F1"),
    ],
)
def test_standard_shortcuts(make_window, attribute, keys):
    window = make_window(fake=True)
    action = getattr(window, attribute)
    assert QKeySequence(keys) in action.shortcuts()
    assert action in menu_actions(window).values()


def test_every_button_has_menu_action(make_window):
    window = make_window(fake=True)
    texts = set(menu_actions(window))
    for button in (
        window.train_button,
        window.stop_button,
        window.evaluate_button,
        window.save_model_button,
        window.load_model_button,
        window.save_weights_button,
        window.load_weights_button,
    ):
        assert button.text() in texts


def test_ctrl_return_trains_and_esc_stops(make_window, qtbot, wait_idle):
    import threading

    gate = threading.Event()
    window = make_window(fake=True, gate=gate)
    window.form.set_values(epochs=5)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)

    qtbot.keyClick(window, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert window._training
    # Let one epoch end, so the stop dialog offers its weights.
    gate.set()
    qtbot.waitUntil(lambda: window.plot.point_counts().get("loss") == 1)
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    dialog = window.stop_dialog
    assert dialog is not None
    assert dialog.isVisible()
    qtbot.mouseClick(
        dialog.findChild(type(window.stop_button), "stop_last_button"),
        Qt.MouseButton.LeftButton,
    )
    gate.set()
    wait_idle(window)
    assert window.session.calls == ["train"]
    assert window.plot.point_counts()["loss"] < 5


def test_about_lists_versions(make_window):
    window = make_window(fake=True)
    box = window.show_about()
    text = box.text()
    assert engine.__version__ in text
    assert f"{sys.version_info.major}.{sys.version_info.minor}" in text
    assert package_version("tensorflow", "tensorflow") in text
    assert package_version("keras", "keras") in text
    assert "Qt" in text


def test_app_version_matches_pyproject():
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert engine.__version__ == project["version"]


def test_about_does_not_import_tensorflow():
    code = (
        "import sys\n"
        "from gui.app_info import about_text\n"
        "text = about_text()\n"
        "assert 'tensorflow' not in sys.modules, 'TensorFlow was imported'\n"
        "assert 'keras' not in sys.modules, 'Keras was imported'\n"
        "print(text)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "TensorFlow" in done.stdout


def test_help_lists_shortcuts(make_window):
    window = make_window(fake=True)
    window.help_action.trigger()
    text = window.last_message.text()
    for keys in ("Ctrl+Return", "Esc", "Ctrl+S", "Ctrl+O", "Ctrl+E"):
        assert keys in text


@pytest.mark.parametrize(
    ("suffix", "magic"), [(".png", b"\x89PNG"), (".svg", b"<?xml"), (".pdf", b"%PDF")]
)
def test_export_figure_formats(make_window, tmp_path, suffix, magic):
    window = make_window(fake=True)
    path = tmp_path / f"curves{suffix}"
    assert window.export_figure(path) == path
    assert path.read_bytes().startswith(magic)
    assert [p.name for p in tmp_path.iterdir()] == [path.name]


def test_export_figure_bad_suffix(make_window, tmp_path):
    window = make_window(fake=True)
    assert window.export_figure(tmp_path / "curves.bmp") is None
    assert "curves.bmp" in window.last_message.text()
    assert ".png, .svg, .pdf" in window.last_message.text()
    assert list(tmp_path.iterdir()) == []


def test_export_figure_missing_folder(make_window, tmp_path):
    window = make_window(fake=True)
    assert window.export_figure(tmp_path / "gone" / "curves.png") is None
    assert "was not found" in window.last_message.text()


def test_ctrl_e_asks_for_path(make_window, tmp_path, monkeypatch):
    target = tmp_path / "figure.svg"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args: (str(target), ""))
    window = make_window(fake=True)
    window.export_figure_action.trigger()
    assert target.read_bytes().startswith(b"<?xml")


def test_export_script_from_menu(make_window, tmp_path, monkeypatch):
    target = tmp_path / "train"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args: (str(target), ""))
    window = make_window(fake=True)
    window.form.set_values(dataset="digits", epochs=4, seed=9)
    window.export_script_action.trigger()
    text = (tmp_path / "train.py").read_text()
    assert "SEED = 9" in text
    assert "EPOCHS = 4" in text
    assert "load_digits" in text
    assert "train.py" in window.statusBar().currentMessage()


def test_export_script_bad_folder(make_window, tmp_path):
    window = make_window(fake=True)
    window.form.set_values(dataset="idx_folder", data_dir=str(tmp_path))
    assert window.export_script(tmp_path / "train.py") is None
    assert "is missing" in window.last_message.text()
    assert not (tmp_path / "train.py").exists()
