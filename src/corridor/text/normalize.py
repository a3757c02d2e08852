"""Unicode normalisation shared by every comparison of names and text."""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"\s+")


def clean(text: str) -> str:
    """NFKC, collapse whitespace, strip: the form in which text is stored.

    NFKC folds full-width Latin (ＡＢＣ) and compatibility forms, and ㈜ becomes (주),
    which legal-form handling then recognises.
    """
    if text.isascii() and text.isprintable() and "  " not in text:
        # NFKC leaves ASCII alone, and its only whitespace is single spaces: the common
        # case (an import cleans every cell of every row) skips both passes.
        return text.strip()
    return _SPACES.sub(" ", unicodedata.normalize("NFKC", text)).strip()


def fold(text: str) -> str:
    """A case- and punctuation-insensitive key for exact comparison of names."""
    folded = clean(text).casefold()
    kept = [ch for ch in folded if ch.isalnum() or ch == " "]
    return _SPACES.sub(" ", "".join(kept)).strip()
