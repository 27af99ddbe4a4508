"""Train in the window offscreen and save a screenshot of it.

Usage: python scripts/screenshot.py OUT.png [EPOCHS] [--language ko] [--tab compare]
Trains Fashion-MNIST with Adam and dropout 0.3 (the settings of the README's
screenshot), evaluates, and grabs the window, which then shows the test set
evaluation. With --tab compare it instead compares three learning rates for
EPOCHS epochs each and grabs the Compare tab. Needs Fashion-MNIST in the
Keras cache or KERAS_HOME. The window starts from default settings in a
temporary settings folder, so the user's own settings and runs are neither
used nor changed. Korean needs a font with Hangul (fonts-noto-cjk on Debian).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from engine.paths import DATA_DIR_VARIABLE  # noqa: E402


def wait_idle(app: QApplication, window) -> None:
    while window.runner.is_busy():
        app.processEvents()
        time.sleep(0.02)
    app.processEvents()


def main() -> int:
    parser = argparse.ArgumentParser(description="Save a screenshot of the window.")
    parser.add_argument("out", type=Path, help="PNG file to write")
    parser.add_argument("epochs", type=int, nargs="?", default=5)
    parser.add_argument("--language", choices=["en", "ko"], default="en")
    parser.add_argument(
        "--tab", choices=["evaluation", "compare"], default="evaluation"
    )
    args = parser.parse_args()
    out, epochs = args.out, args.epochs
    settings_folder = tempfile.mkdtemp(prefix="keras-trainer-screenshot-")
    QSettings.setPath(
        QSettings.Format.IniFormat, QSettings.Scope.UserScope, settings_folder
    )
    # The run history is kept in the same temporary folder.
    os.environ[DATA_DIR_VARIABLE] = settings_folder
    app = QApplication([])
    from gui import MainWindow
    from gui.i18n import install_language

    install_language(args.language)

    window = MainWindow()
    window.show()
    window.form.set_values(optimizer="adam", dropout=0.3, epochs=epochs)
    if args.tab == "compare":
        window.plot_tabs.setCurrentWidget(window.compare_panel)
        window.compare_panel.values_edit.setText("0.01, 0.001, 0.0001")
        window.compare_panel.start()
        wait_idle(app, window)
    else:
        window.train()
        wait_idle(app, window)
        window.evaluate()
        wait_idle(app, window)
    window.grab().save(str(out))
    window.close()
    print(f"saved {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
