"""Window tests with pytest-qt: fast ones on a fake engine, the rest on real Keras.

Real-Keras runs use scikit-learn's digits (1,437 training images of 8x8), so
each takes seconds; the Fashion-MNIST run through the window is marked slow.
"""

from __future__ import annotations

import sys
import threading

import numpy as np
import pytest
from PySide6.QtWidgets import QMessageBox, QPushButton, QWidget

from engine.data import scale_images

REQUIRED_NAMES = (
    "dataset",
    "hidden_units",
    "activation",
    "dropout",
    "optimizer",
    "learning_rate",
    "epochs",
    "batch_size",
    "validation_split",
    "seed",
    "train_button",
    "stop_button",
    "save_model_button",
    "load_model_button",
    "save_weights_button",
    "load_weights_button",
    "evaluate_button",
)


def record_runner(window) -> list[str]:
    """Record the runner's signals as strings such as 'epoch:2' in emission order."""
    events: list[str] = []
    runner = window.runner
    runner.task_started.connect(lambda name: events.append(f"started:{name}"))
    runner.epoch_ended.connect(lambda result: events.append(f"epoch:{result.epoch}"))
    runner.task_finished.connect(
        lambda outcome: events.append(f"finished:{outcome.name}")
    )
    return events


def digits_window(make_window, **settings):
    window = make_window()
    values = {"dataset": "digits", "epochs": 2, "batch_size": 32, **settings}
    window.form.set_values(**values)
    return window


def message_text(window) -> str:
    box = window.last_message
    assert box is not None, "no message box was shown"
    return box.text()


# Without TensorFlow --------------------------------------------------------


def test_window_has_named_inputs(make_window):
    window = make_window(fake=True)
    for name in REQUIRED_NAMES:
        widget = window.findChild(QWidget, name)
        assert widget is not None, f"no widget named {name!r}"
        assert widget.accessibleName(), f"{name!r} has no accessible name"
        assert widget.toolTip(), f"{name!r} has no tooltip"


def test_form_defaults_match_tutorial(make_window):
    window = make_window(fake=True)
    config = window.form.config()
    assert config.data.dataset == "fashion_mnist"
    assert config.data.validation_split == pytest.approx(0.2)
    assert config.model.hidden_units == 100
    assert config.model.activation == "relu"
    assert config.model.dropout == 0
    assert config.fit.optimizer == "rmsprop"
    assert config.fit.learning_rate == pytest.approx(0.001)
    assert config.fit.epochs == 20
    assert config.fit.batch_size == 32
    assert config.seed == 42


def test_summary_follows_form(make_window):
    window = make_window(fake=True)
    assert "79,510" in window.summary_view.toPlainText()

    window.form.set_values(hidden_units=64, dropout=0.3)
    text = window.summary_view.toPlainText()
    assert "50,240" in text, text
    assert "Dropout" in text

    window.form.set_values(dataset="digits")
    assert "8x8" in window.summary_view.toPlainText()


def test_fake_run_emits_signals_in_order(make_window, qtbot, wait_idle):
    window = make_window(fake=True)
    window.form.set_values(epochs=4)
    events = record_runner(window)

    with qtbot.waitSignal(window.runner.task_finished, timeout=10_000):
        window.train()
    wait_idle(window)

    expected = [
        "started:train",
        "epoch:1",
        "epoch:2",
        "epoch:3",
        "epoch:4",
        "finished:train",
    ]
    assert events == expected
    assert window.plot.point_counts() == {
        "loss": 4,
        "val_loss": 4,
        "accuracy": 4,
        "val_accuracy": 4,
    }


def test_controls_during_run(make_window, qtbot, wait_idle):
    gate = threading.Event()
    window = make_window(fake=True, gate=gate)
    window.form.set_values(epochs=3)

    window.train()
    assert not window.train_button.isEnabled()
    assert window.stop_button.isEnabled()
    assert not window.form.isEnabled()
    assert not window.load_model_button.isEnabled()

    for _ in range(3):
        gate.set()
        qtbot.waitUntil(lambda: not gate.is_set(), timeout=10_000)
    wait_idle(window)
    assert window.train_button.isEnabled()
    assert not window.stop_button.isEnabled()
    assert window.form.isEnabled()
    assert window.save_model_button.isEnabled()


def test_fake_stop_keeps_recorded_epochs(make_window, qtbot, wait_idle):
    gate = threading.Event()
    window = make_window(fake=True, gate=gate)
    window.form.set_values(epochs=10)

    with qtbot.waitSignal(window.runner.epoch_ended, timeout=10_000):
        window.train()
        gate.set()
    window.stop()
    gate.set()
    wait_idle(window)

    assert window.plot.point_counts()["loss"] == 1
    assert "Stopped after 1 of 10" in window.statusBar().currentMessage()
    assert window.train_button.isEnabled()


def test_idx_folder_needs_folder(make_window):
    window = make_window(fake=True)
    window.form.set_values(dataset="idx_folder")
    assert not window.form.message_label.isHidden()
    assert "Data folder is missing" in window.form.message_label.text()

    window.train()
    assert "Data folder is missing" in message_text(window)
    assert window.session.calls == []


def test_second_train_ignored_while_running(make_window, qtbot, wait_idle):
    gate = threading.Event()
    window = make_window(fake=True, gate=gate)
    window.form.set_values(epochs=1)

    window.train()
    window.train()
    gate.set()
    wait_idle(window)
    assert window.session.calls == ["train"]


def test_window_shown_before_tensorflow(tmp_path):
    import subprocess

    code = (
        "import sys\n"
        "from PySide6.QtWidgets import QApplication\n"
        "app = QApplication([])\n"
        "from gui import MainWindow\n"
        "window = MainWindow()\n"
        "window.show()\n"
        "app.processEvents()\n"
        "print('tensorflow' in sys.modules, 'keras' in sys.modules)\n"
        "window.close()\n"
    )
    output = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    ).stdout.split()
    assert output == ["False", "False"], output


# With real Keras ------------------------------------------------------------


def test_real_run_puts_n_points(make_window, qtbot, wait_idle):
    window = digits_window(make_window, epochs=3)
    events = record_runner(window)

    window.train()
    wait_idle(window)

    assert events[-5:] == [
        "started:train",
        "epoch:1",
        "epoch:2",
        "epoch:3",
        "finished:train",
    ]
    assert set(window.plot.point_counts().values()) == {3}
    assert window.tensorflow_label.text().startswith("TensorFlow ready")
    assert "Trained 3 epochs" in window.statusBar().currentMessage()
    assert window.last_message is None


def test_real_stop_mid_run(make_window, qtbot, wait_idle):
    window = digits_window(make_window, epochs=500)

    with qtbot.waitSignal(window.runner.epoch_ended, timeout=120_000):
        window.train()
    window.stop()
    wait_idle(window)

    counts = window.plot.point_counts()
    assert 1 <= counts["loss"] < 500
    assert len(set(counts.values())) == 1, counts
    assert window.session.history.epochs == counts["loss"]
    assert window.train_button.isEnabled()
    assert window.save_model_button.isEnabled()


def test_close_during_training(make_window, qtbot):
    window = digits_window(make_window, epochs=500)

    with qtbot.waitSignal(window.runner.epoch_ended, timeout=120_000):
        window.train()
    window.close()
    assert window.isVisible(), "the window closes only after the run has stopped"
    assert "Stopping the current task" in window.statusBar().currentMessage()
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=60_000)

    assert window.runner.current_task() is None
    assert window.runner.pending_tasks() == []
    assert window.session.history.epochs < 500


@pytest.mark.parametrize("name", ["model.keras", "model.h5"])
def test_save_load_model_same_predictions(make_window, wait_idle, tmp_path, name):
    window = digits_window(make_window, hidden_units=32, dropout=0.2)
    window.train()
    wait_idle(window)
    data = window.session.data(window.form.config().data, 42)
    images = scale_images(data.x_test)
    before = window.session.model.predict(images, verbose=0)

    path = tmp_path / name
    window.save_model(path)
    wait_idle(window)
    assert path.is_file()
    window.form.set_values(hidden_units=100, dropout=0.0, epochs=5)
    window.load_model(path)
    wait_idle(window)

    after = window.session.model.predict(images, verbose=0)
    np.testing.assert_array_equal(before, after)
    assert window.form.value("hidden_units") == 32
    assert window.form.value("dropout") == pytest.approx(0.2)
    assert window.form.value("epochs") == 2
    assert set(window.plot.point_counts().values()) == {2}
    assert window.last_message is None, window.last_message.text()


def test_save_load_weights_same_predictions(make_window, wait_idle, tmp_path):
    window = digits_window(make_window)
    window.train()
    wait_idle(window)
    data = window.session.data(window.form.config().data, 42)
    images = scale_images(data.x_test)
    before = window.session.model.predict(images, verbose=0)

    path = tmp_path / "model.weights.h5"
    window.save_weights(path)
    wait_idle(window)
    window.form.set_values(seed=7)
    window.train()
    wait_idle(window)
    retrained = window.session.model.predict(images, verbose=0)
    assert not np.array_equal(before, retrained), "seed 7 should give other weights"

    window.load_weights(path)
    wait_idle(window)
    np.testing.assert_array_equal(
        before, window.session.model.predict(images, verbose=0)
    )
    assert window.last_message is None


def test_corrupt_model_file_shows_error(make_window, wait_idle, tmp_path):
    window = digits_window(make_window, epochs=1)
    window.train()
    wait_idle(window)
    model = window.session.model
    bad = tmp_path / "broken.keras"
    bad.write_bytes(b"this is not a zip archive")

    window.load_model(bad)
    wait_idle(window)

    text = message_text(window)
    assert "broken.keras" in text
    assert "is not a Keras archive" in text
    assert window.session.model is model
    assert window.train_button.isEnabled()

    window.train()
    wait_idle(window)
    assert window.session.history.epochs == 1
    assert "Trained 1 epoch" in window.statusBar().currentMessage()


def test_mismatched_weights_show_error(make_window, wait_idle, tmp_path):
    window = digits_window(make_window, epochs=1)
    window.train()
    wait_idle(window)
    path = tmp_path / "hundred.weights.h5"
    window.save_weights(path)
    wait_idle(window)

    window.form.set_values(hidden_units=50)
    window.train()
    wait_idle(window)
    model = window.session.model
    window.load_weights(path)
    wait_idle(window)

    text = message_text(window)
    assert "hundred.weights.h5" in text
    assert "does not fit" in text
    assert window.session.model is model
    assert window.train_button.isEnabled()


def test_missing_dataset_offers_fixes(make_window, qtbot, wait_idle, monkeypatch):
    import keras

    def offline_load_data():
        raise OSError(
            "URL fetch failure: [Errno -3] Temporary failure in name resolution"
        )

    monkeypatch.setattr(keras.datasets.fashion_mnist, "load_data", offline_load_data)
    window = make_window()
    window.form.set_values(dataset="fashion_mnist", epochs=1)
    window.train()
    wait_idle(window)

    text = message_text(window)
    assert "Fashion-MNIST is not in the Keras cache" in text
    assert "data folder" in text
    assert "Digits" in text
    assert window.train_button.isEnabled()

    buttons = {
        button.text(): button
        for button in window.last_message.findChildren(QPushButton)
    }
    assert "Train on Digits" in buttons, list(buttons)
    buttons["Train on Digits"].click()
    assert window.form.value("dataset") == "digits"

    window.train()
    wait_idle(window)
    assert window.session.history.epochs == 1


def test_evaluate_fills_table(make_window, wait_idle):
    window = digits_window(make_window)
    window.train()
    wait_idle(window)

    window.evaluate()
    wait_idle(window)

    table = window.evaluation_table
    assert table.rowCount() == 2
    assert table.item(0, 0).text() == "Validation"
    assert table.item(1, 0).text() == "Test"
    assert table.item(1, 1).text() == "360"
    assert 0 <= float(table.item(1, 3).text()) <= 1


def test_error_box_is_not_modal_blocking(make_window):
    window = make_window(fake=True)
    box = window._show_error("Title", "Text")
    assert isinstance(box, QMessageBox)
    assert box.isVisible()
    box.close()


@pytest.mark.slow
@pytest.mark.real_data
def test_fashion_mnist_run_in_window(make_window, wait_idle):
    window = make_window()
    window.form.set_values(optimizer="adam", dropout=0.3, epochs=5)
    window.train()
    wait_idle(window, timeout=600_000)

    assert set(window.plot.point_counts().values()) == {5}
    assert window.session.history.metrics["val_accuracy"][-1] >= 0.85
