"""Start Keras Trainer: the window by default, ``main.py train`` without one.

``main.py presets`` lists the tutorial presets that ``train --preset`` runs.
``main.py --self-test`` trains Digits for 2 epochs without a window, saves and
reloads the model, and exits 0 when that works (1 with a message otherwise).
"""

from __future__ import annotations

import logging
import os
import sys
import time

logger = logging.getLogger(__name__)


def main(argv: list[str] | None = None) -> int:
    """Run the window, or the ``train`` or ``presets`` subcommand named first."""
    started = time.perf_counter()
    argv = list(sys.argv[1:] if argv is None else argv)
    # TensorFlow's C++ start-up notes (CPU features, the failed CUDA probe on
    # machines without a GPU) mean nothing to users of this app. Errors that
    # matter reach Python as exceptions, which the app reports and logs.
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    headless = argv[:1] in (["train"], ["presets"]) or "--self-test" in argv

    from engine.app_logging import configure_logging

    log_file = configure_logging(
        console_level=logging.WARNING if headless else logging.INFO
    )
    logger.info("Keras Trainer started with %s; log file %s", argv, log_file)
    if argv[:1] == ["presets"]:
        from engine.cli import list_presets

        return list_presets()
    if "--self-test" in argv:
        from engine.self_test import run_self_test

        return run_self_test()
    if headless:
        from engine.cli import run

        return run(argv[1:])

    from engine.display_check import display_problem

    problem = display_problem()
    if problem is not None:
        # The console handler shows this error on stderr, and the log keeps it.
        logger.error("%s", problem)
        return 1

    from PySide6.QtWidgets import QApplication

    from gui import MainWindow
    from gui.qt_logging import install_qt_message_handler

    install_qt_message_handler()
    app = QApplication(sys.argv[:1] + argv)
    # Qt uses the name as the X11 window class, which the desktop entry's
    # StartupWMClass matches; Wayland matches the desktop file name instead.
    app.setApplicationName("Keras Trainer")
    app.setDesktopFileName("keras-trainer")
    from gui.i18n import install_language
    from gui.settings import WindowSettings

    install_language(WindowSettings().language())
    window = MainWindow()
    window.install_exception_dialog()
    # A last guard: no worker thread may outlive the application.
    app.aboutToQuit.connect(window.runner.shutdown)
    window.show()
    # Paint the window before the import starts: loading TensorFlow's shared
    # libraries holds the interpreter lock for seconds, which would leave the
    # window blank until then.
    app.processEvents()
    logger.info("Window shown %.1f s after start", time.perf_counter() - started)
    window.start_background_import()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
