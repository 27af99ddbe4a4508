"""Start Keras Trainer: the window by default, ``main.py train`` without one.

``main.py presets`` lists the tutorial presets that ``train --preset`` runs.
"""

from __future__ import annotations

import logging
import os
import sys

logger = logging.getLogger(__name__)


def main(argv: list[str] | None = None) -> int:
    """Run the window, or the ``train`` or ``presets`` subcommand named first."""
    argv = list(sys.argv[1:] if argv is None else argv)
    # TensorFlow's C++ start-up notes (CPU features, the failed CUDA probe on
    # machines without a GPU) mean nothing to users of this app. Errors that
    # matter reach Python as exceptions, which the app reports and logs.
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    headless = argv[:1] in (["train"], ["presets"])

    from engine.app_logging import configure_logging

    log_file = configure_logging(
        console_level=logging.WARNING if headless else logging.INFO
    )
    logger.info("Keras Trainer started with %s; log file %s", argv, log_file)
    if argv[:1] == ["presets"]:
        from engine.cli import list_presets

        return list_presets()
    if headless:
        from engine.cli import run

        return run(argv[1:])

    from PySide6.QtWidgets import QApplication

    from gui import MainWindow
    from gui.qt_logging import install_qt_message_handler

    install_qt_message_handler()
    app = QApplication(sys.argv[:1] + argv)
    app.setApplicationName("Keras Trainer")
    window = MainWindow()
    window.install_exception_dialog()
    # A last guard: no worker thread may outlive the application.
    app.aboutToQuit.connect(window.runner.shutdown)
    window.show()
    window.start_background_import()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
