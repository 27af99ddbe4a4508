"""Requests that another thread sends to a running fit: stop, pause and resume."""

from __future__ import annotations

import logging
import threading

logger = logging.getLogger(__name__)

STOP_OUTCOMES: dict[str, str] = {
    "best": "Keep the best weights",
    "last": "Keep the last weights",
    "discard": "Discard the run",
}
"""Choices for the weights a stopped run keeps, with their button labels."""

PAUSE_POLL_SECONDS = 0.2
"""How often a paused fit checks for a stop request set on its bare event."""


class RunControl:
    """Thread-safe stop, pause and resume requests for one run.

    The window calls the request methods on the GUI thread. The fit calls
    :meth:`wait_while_paused` between batches on the worker thread, so a
    paused run keeps its model, optimizer state and position in the epoch,
    and resuming continues the same ``fit`` call.
    """

    def __init__(self, stop_event: threading.Event | None = None):
        self.stop_event = stop_event or threading.Event()
        self._running = threading.Event()
        self._running.set()
        self._stop_outcome = "last"

    @property
    def paused(self) -> bool:
        return not self._running.is_set()

    @property
    def stop_outcome(self) -> str:
        """The STOP_OUTCOMES key chosen with the last stop request."""
        return self._stop_outcome

    def pause(self) -> None:
        """Hold the fit after its current batch until resume or stop."""
        logger.info("Pause requested")
        self._running.clear()

    def resume(self) -> None:
        """Let a paused fit continue with its next batch."""
        logger.info("Resume requested")
        self._running.set()

    def request_stop(self, outcome: str = "last") -> None:
        """Stop the fit after its current batch and keep ``outcome``'s weights.

        Raises ValueError for an outcome that is not a STOP_OUTCOMES key.
        """
        if outcome not in STOP_OUTCOMES:
            raise ValueError(
                f"outcome={outcome!r} is invalid: choose one of "
                f"{', '.join(STOP_OUTCOMES)}."
            )
        logger.info("Stop requested, outcome %s", outcome)
        self._stop_outcome = outcome
        self.stop_event.set()
        self._running.set()

    def wait_while_paused(self, stop_event: threading.Event | None = None) -> None:
        """Block the calling thread while paused.

        Returns soon after a stop request, on this control's ``stop_event``
        or on ``stop_event``, such as the one a task runner sets on close.
        """
        events = (
            [self.stop_event] if stop_event is None else [self.stop_event, stop_event]
        )
        while not self._running.wait(PAUSE_POLL_SECONDS):
            if any(event.is_set() for event in events):
                return
