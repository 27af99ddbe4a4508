"""Time from launching ``main.py`` to the window shown and to TensorFlow ready.

Usage: python -m benchmarks.startup [REPETITIONS]

Each repetition starts a new interpreter under QT_QPA_PLATFORM=offscreen that
runs ``main.main()`` with hooks that log the wall clock when
``MainWindow.show`` returns, when the window receives its first paint event
(the user sees it), and when the background import reports TensorFlow ready,
which then quits. The
parent logs the wall clock right before it starts the process.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time

from benchmarks.measure import ROOT, child_env, median, print_result

CHILD_FLAG = "--child"


def child() -> int:
    """Run the real main() with timestamps at window shown and TensorFlow ready."""
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication

    import main
    from gui.main_window import MainWindow

    events: dict[str, object] = {}
    original_show = MainWindow.show
    original_finish_import = MainWindow._finish_import

    class FirstPaint(QObject):
        def eventFilter(self, watched, event):  # noqa: N802 - Qt override
            if event.type() == QEvent.Type.Paint and "painted" not in events:
                events["painted"] = time.time()
                events["tensorflow_loaded_when_painted"] = "tensorflow" in sys.modules
            return False

    paint_filter = FirstPaint()

    def show(window) -> None:
        window.installEventFilter(paint_filter)
        original_show(window)
        events["shown"] = time.time()

    def finish_import(window, version: str) -> None:
        original_finish_import(window, version)
        events["tensorflow_ready"] = time.time()
        QTimer.singleShot(0, QApplication.instance().quit)

    MainWindow.show = show
    MainWindow._finish_import = finish_import
    status = main.main([])
    print(json.dumps(events), flush=True)
    return status


def measure(repetitions: int) -> dict:
    """Launch the app ``repetitions`` times and return the median delays in s."""
    show_returned: list[float] = []
    painted: list[float] = []
    ready: list[float] = []
    loaded_early = False
    for _ in range(repetitions):
        launched = time.time()
        completed = subprocess.run(
            [sys.executable, "-m", "benchmarks.startup", CHILD_FLAG],
            cwd=ROOT,
            env=child_env(None),
            capture_output=True,
            text=True,
            timeout=300,
        )
        if completed.returncode != 0:
            raise RuntimeError(f"main.py start failed:\n{completed.stderr[-3000:]}")
        events = json.loads(completed.stdout.strip().splitlines()[-1])
        show_returned.append(events["shown"] - launched)
        painted.append(events["painted"] - launched)
        ready.append(events["tensorflow_ready"] - launched)
        loaded_early = loaded_early or events["tensorflow_loaded_when_painted"]
    return {
        "show_returned_s": median(show_returned),
        "window_painted_s": median(painted),
        "tensorflow_ready_s": median(ready),
        "window_painted_all_s": painted,
        "tensorflow_ready_all_s": ready,
        "tensorflow_loaded_when_painted": loaded_early,
    }


if __name__ == "__main__":
    if sys.argv[1:2] == [CHILD_FLAG]:
        sys.exit(child())
    print_result(measure(int(sys.argv[1]) if len(sys.argv) > 1 else 3))
