"""Kiwi's start-up with and without its typo and multi-word dictionaries, and whether
the bundled Korean statutes tokenise the same either way.

    python benchmarks/kiwi_startup.py

Prints, per configuration, the seconds to construct Kiwi, to answer a first short
question (Kiwi builds its model lazily) and to tokenise every bundled Korean statute,
then whether the morphemes (form, tag) are identical: the search index is built with
one configuration and queried with the same, so a difference would be a bug.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from kiwipiepy import Kiwi

LEGAL = Path(__file__).resolve().parents[1] / "src/corridor/bundled/legal/ko"


def main() -> int:
    texts = [p.read_text("utf-8") for p in sorted(LEGAL.rglob("*.md"))]
    seen: list[list[tuple[str, str]]] = []
    print(f"{'configuration':<52}{'init s':>8}{'first s':>9}{'statutes s':>12}")
    for name, options in (
        ("Kiwi()", {}),
        (
            "Kiwi(load_typo_dict=False, load_multi_dict=False)",
            {"load_typo_dict": False, "load_multi_dict": False},
        ),
    ):
        start = time.perf_counter()
        kiwi = Kiwi(**options)
        built = time.perf_counter()
        kiwi.tokenize("개인정보 국외 이전")
        first = time.perf_counter()
        tokens = [(t.form, t.tag) for text in texts for t in kiwi.tokenize(text)]
        done = time.perf_counter()
        seen.append(tokens)
        print(f"{name:<52}{built - start:>8.2f}{first - built:>9.2f}{done - first:>12.2f}")
    print(
        f"same morphemes over {len(texts)} statutes ({len(seen[0])} tokens): {seen[0] == seen[1]}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
