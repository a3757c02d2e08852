"""What a short-lived process (a ``corridor search`` call) starts before anything else:
kept apart from services/search.py, whose imports (numpy, the index, the encoder) take
a fifth of a second that the start should not wait for."""

from __future__ import annotations

from corridor.text.analyzers import analyse_aside


def start_question(question: str) -> None:
    """Start analysing a Korean ``question`` in a second process, so that Kiwi's start-up
    (about a second) overlaps the index loading and the question's embedding instead of
    following them. Call it before any thread starts; it does nothing otherwise, or for
    a question without Hangul."""
    analyse_aside(question)
