"""Polling the safety feeds in the background while the server runs.

One thread wakes every ``interval`` seconds, polls every feed (each poll recorded)
and tells the delegates concerned, e-mailing through ``smtp`` when one is given. A
failure is logged and the next round runs as usual: a feed that is down must not stop
the others, nor the server.
"""

from __future__ import annotations

import logging
import threading
from datetime import UTC, datetime

from sqlalchemy import Engine

from corridor.services.mailer import Smtp
from corridor.services.safety import poll_all
from corridor.services.safety_letters import deliver

log = logging.getLogger(__name__)


class Poller:
    """A background thread polling the feeds at a fixed interval."""

    def __init__(self, engine: Engine, interval: float, smtp: Smtp | None) -> None:
        self.engine, self.interval, self.smtp = engine, interval, smtp
        self.stopping = threading.Event()
        self.rounds = 0
        self.thread = threading.Thread(target=self._loop, name="corridor-safety", daemon=True)

    def start(self) -> None:
        """Start polling (the first round runs at once)."""
        self.thread.start()

    def stop(self, timeout: float = 10.0) -> None:
        """Stop after the current round."""
        self.stopping.set()
        self.thread.join(timeout)

    def _round(self) -> None:
        smtp = self.smtp
        send = None if smtp is None else (lambda e, n: deliver(e, n, smtp=smtp))
        poll_all(self.engine, now=datetime.now(UTC), send=send)

    def _loop(self) -> None:
        while not self.stopping.is_set():
            try:
                self._round()
            except Exception:  # a round that fails is logged; the next one runs
                log.exception("safety feeds could not be polled")
            self.rounds += 1
            self.stopping.wait(self.interval)
