"""Text hygiene at the door: control characters and over-long fields are refused.

Refused rather than stripped: a NUL, a lone surrogate or a C1 control in a name is
almost always a sign the file was produced wrongly (binary pasted in, a broken
export, an encoding mix-up), and silently deleting characters would store something
the organiser never wrote. Naming the row and field lets them fix the source once.
Tab, CR and LF are allowed in every field because ``clean`` folds them to spaces.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Final

from corridor.core.limits import DEFAULT_LIMITS, Limits
from corridor.exc import InvalidInput

# C0 except TAB/LF/CR, DEL, C1, surrogates (only lone ones survive decoding), U+FFFE/FFFF.
_FORBIDDEN: Final = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_SHOWN: Final = 60


def shorten(value: str) -> str:
    """The first characters of a value, printable: forbidden characters shown as escapes.

    A message carrying a lone surrogate would itself crash the terminal that prints it.
    """
    shown = escape_forbidden(value[:_SHOWN])
    return shown if len(value) <= _SHOWN else shown + f"… ({len(value):,} characters)"


def escape_forbidden(value: str) -> str:
    """``value`` with each forbidden character written as a visible ``\\uXXXX`` escape."""
    return _FORBIDDEN.sub(lambda m: f"\\u{ord(m.group()):04x}", value)


def text_problem(value: str, limits: Limits = DEFAULT_LIMITS) -> str | None:
    """Why ``value`` may not be stored, or None when it may."""
    if len(value) > limits.field_chars:
        return (
            f"field has {len(value):,} characters; the limit is {limits.field_chars:,} "
            "(CORRIDOR_MAX_FIELD_CHARS)"
        )
    bad = _FORBIDDEN.search(value)
    if bad is not None:
        return (
            f"contains the control or invalid character U+{ord(bad.group()):04X} at "
            f"position {bad.start() + 1}; remove it (tab and line breaks are allowed)"
        )
    return None


def cell_problems(
    file: str,
    row: int | None,
    cells: Iterable[tuple[str, str | list[str]]],
    limits: Limits = DEFAULT_LIMITS,
) -> list[InvalidInput]:
    """Every cell of one row that breaks a text rule, with file, row and field."""
    problems = []
    for field, cell in cells:
        if cell == "":
            continue  # most cells of a wide file: nothing to check
        for value in cell if isinstance(cell, list) else [cell]:
            rule = text_problem(value, limits)
            if rule is not None:
                problems.append(
                    InvalidInput(rule, file=file, row=row, field=field, value=shorten(value))
                )
                break
    return problems


def column_problems(
    file: str, row: int | None, columns: Iterable[str], limits: Limits = DEFAULT_LIMITS
) -> list[InvalidInput]:
    """Header names that break a text rule (a column name is a field too)."""
    return cell_problems(file, row, ((shorten(c), c) for c in columns), limits)
