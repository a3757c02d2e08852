"""The Latin readings of a name that the registry's duplicate check compares.

``names.forms`` makes every rendering screening may need (native forms, personal-name
orders, each heteronym, each English of a suffix word) as ``NameForm`` objects. The
duplicate check of a bulk import wants, for tens of thousands of names, only the
spelling-tolerant key of each Latin reading of an organisation's name and the first
reading that gave it, made here directly in the order ``forms`` makes them. A
Chinese name is read the usual way only (pypinyin's phrase-aware reading, the usual
English of each glossary word): heteronyms and a suffix word's other senses help
screening meet a list's odd spelling, while a registry's own Latin names use the
usual reading. A Korean name keeps the DPRK spelling of its first syllable (리/이,
로/노), a spelling registries do use.
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
    """The token sequences of ``forms(name, person=False)`` without its native forms
    (and, for Chinese, without its variant readings)."""
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
        compact = stripped.replace(" ", "")
        yield from (words for words, _ in glossary_readings(compact, "zh", variants=False))
    else:
        yield tokens(strip_legal_forms(text)[0])
