"""Tests of the Korean UI: every visible text is translated, and the language menu."""

from __future__ import annotations

import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, QProcess
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QProgressBar,
    QTableWidget,
    QTabWidget,
    QWidget,
)

from gui import i18n
from gui.settings import WindowSettings

ROOT = Path(__file__).resolve().parents[2]
TS_FILE = ROOT / "resources" / "i18n" / "keras_trainer_ko.ts"
QM_FILE = ROOT / "resources" / "i18n" / "keras_trainer_ko.qm"

# Texts that stay the same in Korean: names of products, datasets, optimizers
# and activations, and each language's name in itself.
SAME_IN_KOREAN = {
    "Keras Trainer",
    "Fashion-MNIST",
    "MNIST",
    "ReLU",
    "Tanh",
    "ELU",
    "SELU",
    "GELU",
    "SiLU (swish)",
    *("RMSprop", "Adam", "AdamW", "Nadam", "Adamax", "SGD", "Adagrad"),
    *("Adadelta", "Lion", "English", "한국어"),
}


@pytest.fixture
def korean(qapp):
    """Install the Korean translators for one test, then English again."""
    assert i18n.install_language("ko") == "ko"
    yield
    i18n.install_language("en")


def visible_texts(window) -> list[tuple[str, str]]:
    """Return (where, text) for every text a user can see in the window."""
    texts = [("window title", window.windowTitle())]
    texts.append(("status bar", window.statusBar().currentMessage()))
    widgets = [w for w in window.findChildren(QWidget) if not isinstance(w, QMenu)]
    for index, widget in enumerate(widgets):
        where = f"{type(widget).__name__} #{index} {widget.objectName()!r}"
        texts.append((f"{where} tooltip", widget.toolTip()))
        if isinstance(widget, (QLabel, QAbstractButton)):
            texts.append((f"{where} text", widget.text()))
        if isinstance(widget, QGroupBox):
            texts.append((f"{where} title", widget.title()))
        if isinstance(widget, QLineEdit):
            texts.append((f"{where} placeholder", widget.placeholderText()))
        if isinstance(widget, QComboBox):
            texts += [
                (f"{where} item", widget.itemText(i)) for i in range(widget.count())
            ]
        if isinstance(widget, QTabWidget):
            texts += [
                (f"{where} tab", widget.tabText(i)) for i in range(widget.count())
            ]
        if isinstance(widget, QTableWidget):
            for column in range(widget.columnCount()):
                header = widget.horizontalHeaderItem(column)
                texts.append((f"{where} header", header.text()))
        if isinstance(widget, QProgressBar):
            texts.append((f"{where} format", widget.format()))
    # Menus are walked from the menu bar; other QMenus, such as the overflow
    # menu of a narrow toolbar, exist only at some window sizes.
    menus = [item.menu() for item in window.menuBar().actions()]
    while menus:
        menu = menus.pop(0)
        texts.append(("menu", menu.title()))
        for item in menu.actions():
            texts.append((f"menu {menu.objectName()!r} action", item.text()))
            if item.menu() is not None:
                menus.append(item.menu())
    for item in window.plot.toolbar.actions():
        texts.append(("plot toolbar action", item.text()))
        texts.append(("plot toolbar tooltip", item.toolTip()))
    for axes in (window.plot.loss_axes, window.plot.accuracy_axes):
        texts += [
            ("plot title", axes.get_title()),
            ("plot x label", axes.get_xlabel()),
            ("plot y label", axes.get_ylabel()),
        ]
        texts += [("plot legend", text.get_text()) for text in axes.get_legend().texts]
    texts.append(("plot hint", window.plot._hint.get_text()))
    return texts


def test_every_visible_text_translated(make_window, qapp):
    english = visible_texts(make_window(fake=True))
    assert i18n.install_language("ko") == "ko"
    try:
        korean = visible_texts(make_window(fake=True))
    finally:
        i18n.install_language("en")

    assert [where for where, _ in korean] == [where for where, _ in english]
    untranslated = [
        f"{where}: {text!r}"
        for (where, text), (_, translated) in zip(english, korean, strict=True)
        if re.search("[A-Za-z]", text)
        and text == translated
        and text not in SAME_IN_KOREAN
    ]
    assert untranslated == []


def test_walk_finds_key_texts(make_window):
    texts = {text for _, text in visible_texts(make_window(fake=True))}
    for expected in ("Train", "&File", "Loss", "Epoch", "Dataset", "Home", "train"):
        assert expected in texts


def test_korean_window_uses_glossary(make_window, korean):
    window = make_window(fake=True)
    assert window.train_button.text() == "훈련"
    assert window.plot.loss_axes.get_title() == "손실"
    assert window.plot.accuracy_axes.get_xlabel() == "에포크"
    assert window.form.inputs["optimizer"].toolTip().startswith("그레이디언트로")
    assert window.form.inputs["batch_size"].accessibleName() == "배치 크기"


def test_korean_messages_translated(make_window, korean, wait_idle):
    window = make_window(fake=True)
    window.form.set_values(epochs=2)
    window.train()
    wait_idle(window)
    assert window.statusBar().currentMessage().startswith("2 에포크 훈련")
    assert window.progress_bar.format() == "완료: 2 에포크"


def test_translation_file_complete():
    root = ET.parse(TS_FILE).getroot()
    messages = list(root.iter("message"))
    assert len(messages) > 200
    unfinished = [
        message.find("source").text
        for message in messages
        if message.find("translation").get("type") == "unfinished"
    ]
    assert unfinished == []


def test_compiled_translation_current():
    assert QM_FILE.stat().st_mtime >= TS_FILE.stat().st_mtime - 1


def test_system_locale_followed(qapp, monkeypatch):
    monkeypatch.setattr(QLocale, "system", staticmethod(lambda: QLocale("ko_KR")))
    assert i18n.system_language() == "ko"
    try:
        assert i18n.install_language("") == "ko"
    finally:
        i18n.install_language("en")


def test_unknown_locale_falls_back(monkeypatch):
    monkeypatch.setattr(QLocale, "system", staticmethod(lambda: QLocale("fr_FR")))
    assert i18n.system_language() == "en"


def test_missing_qm_stays_english(qapp, monkeypatch, tmp_path):
    monkeypatch.setattr(i18n, "translation_file", lambda code: str(tmp_path / "x.qm"))
    assert i18n.install_language("ko") == "en"


def test_language_menu_stores_choice(make_window):
    window = make_window(fake=True)
    names = [item.text() for item in window.language_actions]
    assert names == ["System default", "English", "한국어"]
    korean_action = window.language_actions[2]
    korean_action.trigger()
    assert WindowSettings().language() == "ko"
    assert korean_action.isChecked()
    assert "starts again" in window.last_message.text()


def test_restart_starts_new_process(make_window, monkeypatch):
    started = []
    monkeypatch.setattr(
        QProcess,
        "startDetached",
        lambda program, arguments: started.append((program, arguments)) or True,
    )
    window = make_window(fake=True)
    assert window.restart()
    assert started[0][0] == sys.executable
    assert not window.isVisible()
