"""Tests of the Korean UI: every visible text is translated, and the language menu."""

from __future__ import annotations

import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import numpy as np
import pytest
from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
from matplotlib.text import Text
from PySide6.QtCore import QLocale, QProcess
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QDockWidget,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QProgressBar,
    QTableWidget,
    QTabWidget,
    QWidget,
)

from engine.data import FASHION_MNIST_CLASSES
from engine.evaluation import make_report
from engine.presets import RestoreReport, format_restore_report
from engine.reporting import EpochResult, MonitorStatus, RunOutcome
from engine.session import Evaluation
from gui import i18n
from gui.run_controls import held_text, stop_dialog, summary_text
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
    # File name of the default checkpoint, shown as a placeholder.
    "best.keras",
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
                texts.append((f"{where} header tooltip", header.toolTip()))
        if isinstance(widget, QProgressBar):
            texts.append((f"{where} format", widget.format()))
        if isinstance(widget, QDockWidget):
            texts.append((f"{where} title", widget.windowTitle()))
        if isinstance(widget, FigureCanvasQTAgg):
            texts += figure_texts(where, widget.figure)
    # Menus are walked from the menu bar; other QMenus, such as the overflow
    # menu of a narrow toolbar, exist only at some window sizes.
    menus = [item.menu() for item in window.menuBar().actions()]
    while menus:
        menu = menus.pop(0)
        texts.append(("menu", menu.title()))
        for item in menu.actions():
            texts.append((f"menu {menu.objectName()!r} action", item.text()))
            texts.append((f"menu {menu.objectName()!r} tooltip", item.toolTip()))
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
    for last_epoch in (None, epoch_with_best()):
        texts += dialog_texts(stop_dialog(window, last_epoch))
    return texts


def figure_texts(where: str, figure) -> list[tuple[str, str]]:
    """Return every visible Matplotlib text of ``figure`` that has a letter:
    titles, axis labels, legends and annotations.

    Numeric tick labels are left out: how many there are depends on whether
    the figure was redrawn after its last rescale, and they need no
    translation.
    """
    return [
        (f"{where} figure text", text.get_text())
        for text in figure.findobj(Text)
        if text.get_visible() and re.search("[^\\W\\d_]", text.get_text())
    ]


def dialog_texts(dialog: QMessageBox) -> list[tuple[str, str]]:
    """Return the title, texts and button labels of a message box."""
    where = f"dialog {dialog.objectName()!r}"
    texts = [
        (f"{where} title", dialog.windowTitle()),
        (f"{where} text", dialog.text()),
        (f"{where} informative text", dialog.informativeText()),
    ]
    texts += [(f"{where} button", button.text()) for button in dialog.buttons()]
    dialog.deleteLater()
    return texts


def epoch_with_best() -> EpochResult:
    """Return epoch 3 of 5, whose best validation loss was at epoch 2."""
    status = MonitorStatus("val_loss", 2, 0.31, 1, 2)
    return EpochResult(3, 5, {"loss": 0.3, "val_loss": 0.33}, 0.1, 0.3, status=status)


def fashion_report():
    """Return an evaluation report over 60 made-up Fashion-MNIST test images."""
    labels = np.repeat(np.arange(10), 6)
    predicted = labels.copy()
    predicted[::4] = (predicted[::4] + 1) % 10
    images = np.random.default_rng(0).integers(0, 256, (60, 28, 28), dtype=np.uint8)
    probabilities = np.full((60, 10), 0.01)
    probabilities[np.arange(60), predicted] = 0.91
    accuracy = float(np.mean(labels == predicted))
    return make_report(
        "fashion_mnist",
        FASHION_MNIST_CLASSES,
        images,
        labels,
        probabilities,
        {"loss": 0.4, "accuracy": accuracy},
    )


def used_window_texts(window, wait_idle) -> list[tuple[str, str]]:
    """Train a fake run, show an evaluation and a selected matrix cell, then
    return the window's visible texts and those of the evaluation's images."""
    window.form.set_values(epochs=3)
    window.train()
    wait_idle(window)
    view = window.evaluation_view
    view.show_report(fashion_report())
    view.select_cell(1, 2)
    texts = visible_texts(window)
    texts.append(("evaluation summary", view.summary_label.text()))
    for widget in (view.samples_list, view.pair_list):
        for row in range(widget.count()):
            item = widget.item(row)
            texts.append((f"{widget.objectName()} caption", item.text()))
            texts.append((f"{widget.objectName()} tooltip", item.toolTip()))
    return texts


def untranslated_texts(english, korean) -> list[str]:
    """Return "where: text" for each text that is English in both walks."""
    return [
        f"{where}: {text!r}"
        for (where, text), (_, translated) in zip(english, korean, strict=True)
        if re.search("[A-Za-z]", text)
        and text == translated
        and text not in SAME_IN_KOREAN
    ]


def test_every_visible_text_translated(make_window, qapp):
    english = visible_texts(make_window(fake=True))
    assert i18n.install_language("ko") == "ko"
    try:
        korean = visible_texts(make_window(fake=True))
    finally:
        i18n.install_language("en")

    assert [where for where, _ in korean] == [where for where, _ in english]
    untranslated = untranslated_texts(english, korean)
    assert untranslated == [], "\n".join(untranslated)


def test_texts_after_use_translated(make_window, qapp, wait_idle):
    english = used_window_texts(make_window(fake=True), wait_idle)
    assert i18n.install_language("ko") == "ko"
    try:
        korean = used_window_texts(make_window(fake=True), wait_idle)
    finally:
        i18n.install_language("en")

    assert [where for where, _ in korean] == [where for where, _ in english]
    untranslated = untranslated_texts(english, korean)
    assert untranslated == [], "\n".join(untranslated)


def test_walk_reaches_new_views(make_window):
    texts = {text for _, text in visible_texts(make_window(fake=True))}
    for expected in (
        "Compare",
        "Test set evaluation",
        "Runs",
        "Stop training",
        "Keep the best weights",
        "&Presets",
        "Checkpoint and early stopping",
        "The confusion matrix appears here after Evaluate",
    ):
        assert expected in texts


# Ends of runs that cover every branch of RunOutcome's texts.
RUN_OUTCOMES = (
    RunOutcome(
        "completed", 5, "val_loss", 4, 0.3123, held_epoch=4, kept_weights="best"
    ),
    RunOutcome("completed", 5, "val_loss", 4, None, held_epoch=4, kept_weights="best"),
    RunOutcome("completed", 1, "val_loss", 1, 0.5, held_epoch=1),
    RunOutcome(
        "early_stopping",
        6,
        "val_accuracy",
        3,
        0.8,
        stopped_epoch=6,
        held_epoch=6,
        checkpoint_path="best.keras",
        checkpoint_epochs=(1, 2, 3),
    ),
    RunOutcome(
        "stop_request",
        1,
        "loss",
        1,
        0.4,
        held_epoch=1,
        checkpoint_path="best.keras",
        checkpoint_epochs=(1,),
    ),
    RunOutcome("stop_request", 3, "loss", 2, 0.4, held_epoch=3),
    RunOutcome("stop_request", 2, "loss", 2, 0.4, held_epoch=1),
    RunOutcome("stop_request", 2, "loss", 2, 0.4, kept_weights="discarded"),
    RunOutcome("diverged", 0, "loss", message="The loss became NaN at batch 7."),
    RunOutcome("diverged", 2, "loss", 1, 0.9, held_epoch=2),
)


@pytest.mark.parametrize("run", RUN_OUTCOMES)
def test_run_texts_match_engine_in_english(qapp, run):
    assert held_text(run) == run.held_text()
    assert summary_text(run) == run.summary_text()


@pytest.mark.parametrize("run", RUN_OUTCOMES)
def test_run_texts_translated(korean, run):
    assert held_text(run) != run.held_text()
    assert re.search("[가-힣]", held_text(run))
    assert summary_text(run).endswith(held_text(run))
    assert summary_text(run) != run.summary_text()


def restore_report() -> RestoreReport:
    """Return a save-and-restore report whose three evaluations agree."""
    evaluation = Evaluation(
        "fashion_mnist",
        {"loss": 0.35, "accuracy": 0.87},
        {"loss": 0.37, "accuracy": 0.86},
        12000,
        10000,
    )
    return RestoreReport(
        Path("model.weights.h5"),
        Path("model-whole.keras"),
        evaluation,
        evaluation,
        evaluation,
    )


def test_restore_table_matches_engine(make_window):
    window = make_window(fake=True)
    report = restore_report()
    assert window.presets._restore_table(report) == format_restore_report(report)


def test_restore_table_translated(make_window, korean):
    table = make_window(fake=True).presets._restore_table(restore_report())
    assert table.splitlines()[0].startswith("훈련한 모델")
    assert "검증 손실 0.3500 정확도 0.8700" in table
    assert "model-whole.keras의 모델" in table


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
