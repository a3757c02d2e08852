"""How long work says how far it is, without knowing who listens.

An import, a list load, an index build, a screening run, a solve and the demo take
seconds to minutes. The CLI draws a progress bar, the web's background jobs store a
share and a log line; the work itself only calls ``progress(share, line)``. This is
the same shape as a job's ``Report`` (services/jobs.py), so one function serves both.
Engines may report too: this module is domain-neutral and imports nothing.
"""

from __future__ import annotations

from typing import Protocol


class Progress(Protocol):
    """A share of the work done (0 to 1) and, in words, what is being done."""

    def __call__(self, share: float, line: str, /) -> None: ...


def silent(share: float, line: str, /) -> None:
    """Progress that goes nowhere (the default of every function that reports)."""


def part(progress: Progress, start: float, end: float) -> Progress:
    """A stage's own 0..1 mapped onto ``start``..``end`` of the whole.

    The demo runs import, screening, matching, solving and rendering one after the
    other; each reports from 0 to 1 and the bar moves through its slice of the whole.
    """

    def report(share: float, line: str, /) -> None:
        progress(start + (end - start) * min(max(share, 0.0), 1.0), line)

    return report


class Ticker:
    """Counts items done and reports at most ``steps`` times over ``total`` items.

    Loops over thousands of entries call ``tick()`` each time; a job's report writes a
    row, so it must not be called thousands of times.
    """

    __slots__ = ("_done", "_every", "_line", "_next", "_progress", "_total")

    def __init__(self, progress: Progress, total: int, line: str, steps: int = 100) -> None:
        self._progress = progress
        self._total = max(total, 1)
        self._line = line
        self._every = max(1, self._total // steps)
        self._done = 0
        self._next = 0

    def tick(self, count: int = 1) -> None:
        """``count`` more items are done."""
        self._done += count
        if self._done >= self._next or self._done >= self._total:
            self._next = self._done + self._every
            self._progress(self._done / self._total, f"{self._line} ({self._done}/{self._total})")
