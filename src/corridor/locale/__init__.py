"""The message catalogs (gettext via Babel) and the one way to read them.

English is the source language: a message is its own English translation. The Korean
and Simplified Chinese catalogs are ``{ko,zh}/LC_MESSAGES/corridor.po`` beside this
module, written by hand and refreshed from the code with ``make messages``.

The ``.po`` files are read directly (``babel.messages.pofile``) and turned into a
``Translations`` object once per process and locale: there is no compiled ``.mo`` to
forget to rebuild or to commit out of date, and no build step between editing a
catalog and seeing it. Reading a catalog of a few hundred messages costs a few tens
of milliseconds, once. Fuzzy entries are never used (a test fails on them anyway).

This package sits just above ``core``: reports, engines, services and the web all may
import it, so the web's request locale and a CLI-rendered document read the same words.
"""

from __future__ import annotations

import gettext
from collections.abc import Callable
from functools import lru_cache
from io import BytesIO
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

LOCALES: tuple[str, ...] = ("en", "ko", "zh")
DEFAULT = "en"
DOMAIN = "corridor"
FOLDER = Path(__file__).resolve().parent


def supported(locale: str | None) -> str:
    """``locale`` when Corridor speaks it, else English."""
    if locale is not None and locale in LOCALES:
        return locale
    return DEFAULT


def po_path(locale: str) -> Path:
    """Where the catalog of ``locale`` lives."""
    return FOLDER / locale / "LC_MESSAGES" / f"{DOMAIN}.po"


@lru_cache(maxsize=len(LOCALES))
def translations(locale: str) -> gettext.NullTranslations:
    """The catalog of ``locale``, read once (English and unknown locales: the source)."""
    locale = supported(locale)
    path = po_path(locale)
    if locale == DEFAULT or not path.exists():
        return gettext.NullTranslations()
    with path.open("rb") as fp:
        catalog = read_po(fp, locale=locale, domain=DOMAIN)
    buffer = BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    buffer.seek(0)
    return Translations(fp=buffer, domain=DOMAIN)


def gettext_for(locale: str) -> Callable[[str], str]:
    """The ``_`` of one locale, for a document rendered outside any request."""
    return translations(locale).gettext


def pgettext_for(locale: str) -> Callable[[str, str], str]:
    """The context-aware ``pgettext`` of one locale (vocabulary labels use it)."""
    return translations(locale).pgettext
