"""Write src/corridor/search/data/term_tokens.json: every legal glossary term's search
tokens, analysed once here so that a question needs no analyser but its own
language's (a Korean question then never loads jieba, a Chinese one never Kiwi).

    python scripts/term_tokens.py

Run it after changing the glossary (src/corridor/text/data/legal_terms.tsv) or an
analyser; tests/search/test_term_tokens.py fails while the file is out of date. A term
the file lacks is analysed when asked, so a stale file is slower, never wrong about a
term it does not hold.
"""

from __future__ import annotations

import json
from pathlib import Path

from corridor.text.analyzers import analyze
from corridor.text.legal_terms import groups

OUT = Path(__file__).resolve().parent.parent / "src" / "corridor" / "search" / "data"


def table() -> dict[str, list[str]]:
    """Every glossary term → its tokens, in term order."""
    terms = sorted({t for group in groups() for t in group})
    return {t: analyze(t) for t in terms}


def main() -> None:
    path = OUT / "term_tokens.json"
    rows = [
        f"{json.dumps(t, ensure_ascii=False)}: {json.dumps(w, ensure_ascii=False)}"
        for t, w in table().items()
    ]  # one term a line: a glossary change is a small diff
    path.write_text("{\n" + ",\n".join(rows) + "\n}\n", encoding="utf-8")
    print(f"{path}: {len(rows)} terms")


if __name__ == "__main__":
    main()
