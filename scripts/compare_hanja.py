"""Compare Corridor's Hanja readings with the hanja package's (0.15.1) on real text.

Run by hand where the old package is installed (``pip install --no-deps hanja==0.15.1
pyyaml``), from the repository root:

    python scripts/compare_hanja.py src/corridor/bundled/legal ../shared/data/legal/ko ...

Every maximal run of Hanja in the files (``.md``, ``.txt``, ``.csv``, ``.tsv``, and the
string values of ``.jsonl``; each optionally gzipped) is read, with the character
before it (the initial-sound rule depends on it), by both; each distinct (character
before, run) pair counts once. Prints per root: runs, differing runs, examples.
"""

from __future__ import annotations

import gzip
import json
import re
import sys
from collections.abc import Iterator
from pathlib import Path

import hanja  # the old package, for comparison only

from corridor.text.hanja import read_hanja, table

SUFFIXES = {".md", ".txt", ".csv", ".tsv", ".jsonl", ".toml", ".py"}


def texts(path: Path) -> Iterator[str]:
    opener = gzip.open if path.suffix == ".gz" else open
    kind = Path(path.stem).suffix if path.suffix == ".gz" else path.suffix
    with opener(path, "rt", encoding="utf-8", errors="replace") as handle:
        for line in handle:
            if kind == ".jsonl":
                yield from (v for v in json.loads(line).values() if isinstance(v, str))
            else:
                yield line


def files(root: Path) -> Iterator[Path]:
    paths = [root] if root.is_file() else sorted(root.rglob("*"))
    for path in paths:
        kind = Path(path.stem).suffix if path.suffix == ".gz" else path.suffix
        if path.is_file() and kind in SUFFIXES:
            yield path


def runs(root: Path, pattern: re.Pattern[str]) -> set[tuple[str, str]]:
    found: set[tuple[str, str]] = set()
    for path in files(root):
        for text in texts(path):
            for m in pattern.finditer(text):
                before = text[m.start() - 1] if m.start() > 0 else ""
                found.add((before, m.group()))
    return found


def main(roots: list[Path]) -> None:
    chars = "".join(sorted(table()))
    pattern = re.compile("[" + re.escape(chars) + "]+")
    for root in roots:
        pairs = runs(root, pattern)
        differ = []
        for before, run in sorted(pairs):
            old = hanja.translate(before + run, "substitution")[len(before) :]
            new = read_hanja(before + run)[len(before) :]
            if old != new:
                differ.append((before + run, old, new))
        print(f"{root}: {len(pairs)} distinct Hanja runs, {len(differ)} read differently")
        for text, old, new in differ[:15]:
            print(f"    {text!r}: hanja {old} -> corridor {new}")


if __name__ == "__main__":
    main([Path(arg) for arg in sys.argv[1:]])
