"""The Markdown marks of the legal corpus that a reader should not see: bold, the eCFR's
italic paragraph subjects (``_Scope._``), escaped list numbers (``1\\.``), heading marks
and the quote mark of a CFR section's source note (``> [88 FR 73449, …]``). One rule for
a result's snippet (plain text) and the article page (bold and italics kept as emphasis)."""

from __future__ import annotations

import re

ESCAPES = re.compile(r"\\(?=[.\-*#])|^#+\s*|^>\s*", re.M)  # escapes, heading and quote marks
BOLD = re.compile(r"\*\*(.+?)\*\*")
ITALICS = re.compile(r"(?<!\w)_([^_\n]+?)_(?!\w)")  # not inside a word: file_name stays


def plain(text: str) -> str:
    """``text`` without its marks, its whitespace runs made single spaces."""
    cleaned = ITALICS.sub(r"\1", ESCAPES.sub("", text).replace("**", ""))
    return " ".join(cleaned.split())


def spans(line: str) -> list[tuple[str, str]]:
    """One line's text in runs, marks removed: ("strong", …), ("em", …) or ("", …)."""
    out: list[tuple[str, str]] = []
    for i, part in enumerate(BOLD.split(ESCAPES.sub("", line))):
        if i % 2:
            out.append(("strong", part))
            continue
        out.extend(
            ("em" if j % 2 else "", piece)
            for j, piece in enumerate(ITALICS.split(part))
            if piece or j % 2
        )
    return out
