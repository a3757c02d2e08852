"""The Latin readings of a name that the registry's duplicate check compares.

``names.forms`` makes every rendering screening may need (native forms, personal-name
orders, each spelling style) as ``NameForm`` objects. The duplicate check of a bulk
import only wants the spelling-tolerant key of each Latin reading of an
organisation's name and the first reading that gave it, for tens of thousands of
names: made here directly, in the order ``forms`` makes them, so the keys and the
readings shown in warnings are those ``forms`` would give.
"""

from __future__ import annotations

from collections.abc import Iterator

from corridor.core.names import Script
from corridor.text.legal_forms import strip_legal_forms
from corridor.text.names import glossary_readings, phonetic_key, tokens
from corridor.text.normalize import clean
from corridor.text.scripts import detect_script
from corridor.text.translit import hanja_to_hangul, romanize, to_simplified

MIN_KEY = 6
"""Keys shorter than this (two syllables) match too many unrelated names to report."""


def reading_keys(core: str, lang: str | None) -> tuple[tuple[str, str], ...]:
    """(spelling-tolerant key, reading) of each Latin reading of an organisation
    name's ``core`` (its legal forms stripped) written in language ``lang``; keys of
    ``MIN_KEY`` letters or more, the first reading of each."""
    out: dict[str, str] = {}
    for words in _latin_readings(core, lang):
        kept = [w for w in words if w]
        key = "".join(phonetic_key(w) for w in kept)
        if len(key) >= MIN_KEY:
            out.setdefault(key, " ".join(kept))
    return tuple(out.items())


def _latin_readings(core: str, lang: str | None) -> Iterator[tuple[str, ...]]:
    """The token sequences of ``forms(name, person=False)`` without its native forms."""
    text = clean(core)
    script = detect_script(text)
    if script is Script.HAN and lang == "ko":
        text, script = hanja_to_hangul(text), Script.HANGUL
    if script is Script.HANGUL:
        stripped = strip_legal_forms(text)[0]
        yield from (words for words, _ in glossary_readings(stripped.replace(" ", ""), "ko"))
        yield ("".join(romanize(stripped, "mr")),)
    elif script is Script.HAN:
        stripped = strip_legal_forms(to_simplified(text))[0]
        yield from (words for words, _ in glossary_readings(stripped.replace(" ", ""), "zh"))
    else:
        yield tokens(strip_legal_forms(text)[0])
