"""Build the character-frequency lists in src/corridor/text/data/ from the legal corpus.

Run by hand (python scripts/make_charfreq.py ../shared/data/legal); the output is
committed. Korean and Chinese statutes are public domain (Korean Copyright Act
art. 7, PRC Copyright Law art. 5(1)); only character counts are kept.
"""

from __future__ import annotations

import gzip
import json
import sys
from collections import Counter
from pathlib import Path

LIMITS = {"ko": 1200, "zh": 2500}


def count(path: Path, accept: range) -> Counter[str]:
    counts: Counter[str] = Counter()
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            text = json.loads(line)["text"]
            counts.update(ch for ch in text if ord(ch) in accept)
    return counts


def main(legal: Path) -> None:
    out = Path(__file__).resolve().parents[1] / "src" / "corridor" / "text" / "data"
    sources = {
        "ko": (legal / "ko" / "kr_statutes_laws.jsonl.gz", range(0xAC00, 0xD7A4)),
        "zh": (legal / "zh" / "cn_laws_lawrefbook.jsonl.gz", range(0x4E00, 0xA000)),
    }
    for lang, (path, accept) in sources.items():
        top = [ch for ch, _ in count(path, accept).most_common(LIMITS[lang])]
        header = f"# {LIMITS[lang]} most frequent characters of {path.name}, most frequent first\n"
        (out / f"charfreq_{lang}.txt").write_text(header + "".join(top) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
