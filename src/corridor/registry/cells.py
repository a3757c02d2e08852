"""Spreadsheet formula injection: cells that a spreadsheet would run as a formula.

A CSV opened in Excel or LibreOffice runs a cell beginning with ``=``, ``+``, ``-``
or ``@`` (and tab or CR, which some versions skip first) as a formula — an organisation
named ``=HYPERLINK(...)`` becomes a link, ``=cmd|...`` a command. OWASP's rule is to
prefix such cells with an apostrophe, which spreadsheets show as text. The importer
removes exactly that prefix again, so an export imports back unchanged; a value that
itself begins with an apostrophe is prefixed too, or the round trip would eat it.
"""

from __future__ import annotations

from typing import Final

FORMULA_START: Final = ("=", "+", "-", "@", "\t", "\r")
_QUOTE: Final = "'"


def is_formula_like(value: str) -> bool:
    """True when a spreadsheet would read the cell as a formula."""
    return value.startswith(FORMULA_START)


def neutralise(value: str) -> str:
    """The CSV form of a cell: formula-like (or apostrophe-led) values get a leading ``'``."""
    if is_formula_like(value) or value.startswith(_QUOTE):
        return _QUOTE + value
    return value


def restore(value: str) -> str:
    """Undo ``neutralise``: drop one leading ``'`` when it guards a formula or an ``'``."""
    if value.startswith(_QUOTE) and (is_formula_like(value[1:]) or value[1:].startswith(_QUOTE)):
        return value[1:]
    return value
