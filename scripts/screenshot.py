"""Train in the window offscreen and save a screenshot of it.

Usage: python scripts/screenshot.py OUT.png [EPOCHS]
Trains Fashion-MNIST with Adam and dropout 0.3 (the settings of the README's
screenshot), evaluates, and grabs the window. Needs Fashion-MNIST in the
Keras cache or KERAS_HOME.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

from PySide6.QtWidgets import QApplication  # noqa: E402


def wait_idle(app: QApplication, window) -> None:
    while window.runner.is_busy():
        app.processEvents()
        time.sleep(0.02)
    app.processEvents()


def main() -> int:
    out = Path(sys.argv[1])
    epochs = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    app = QApplication([])
    from gui import MainWindow

    window = MainWindow()
    window.show()
    window.form.set_values(optimizer="adam", dropout=0.3, epochs=epochs)
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
