"""Refresh the glossary terms' vectors shipped in src/corridor/bundled/legal/vectors.npz.

    python scripts/term_vectors.py

Run it after changing the glossary (src/corridor/text/data/legal_terms.tsv), beside
scripts/term_tokens.py and scripts/sino_korean.py. It indexes the bundled laws in a
temporary folder with every article's vector, seeded by the shipped file, so only the
glossary terms the shipped file lacks are embedded (multilingual-e5-small, a few
seconds); the shipped file then takes that build's terms (search.index.glossary_terms:
the first term of each language of every notion) and keeps its article and window vectors as they
are. Indexing the bundled laws then embeds nothing, the terms included.
"""

from __future__ import annotations

import io
import tempfile
from pathlib import Path

import numpy as np

from corridor.search import dense
from corridor.search.index import glossary_terms
from corridor.services.search import SHIPPED_VECTORS, index_paths

KEPT = ("vectors", "keys")  # the articles' rows, unchanged
WINDOWS = ("window_rows", "window_keys", "window_vectors", "window_scales")  # unchanged too
TERMS = ("terms", "term_keys", "term_vectors")


def refreshed(shipped: Path, built: Path) -> dict[str, np.ndarray]:
    """The shipped file's arrays with the glossary terms of a fresh build; a term both
    files hold must have the same vector (same model, same text)."""
    with np.load(shipped) as old, np.load(built) as new:
        arrays = {name: old[name] for name in (*KEPT, *WINDOWS) if name in old.files}
        before = dict(zip(old["terms"].tolist(), old["term_vectors"], strict=True))
        for name in TERMS:
            arrays[name] = new[name]
    if arrays["terms"].tolist() != glossary_terms():
        raise SystemExit("the build's terms are not the glossary's")
    for term, row in zip(arrays["terms"].tolist(), arrays["term_vectors"], strict=True):
        if term in before and not np.array_equal(before[term], row):
            raise SystemExit(f"{term}: its vector changed; were the articles re-embedded too?")
    return arrays


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "index"
        index_paths([], folder, vectors="all")
        arrays = refreshed(SHIPPED_VECTORS, folder / dense.CACHE)
    buffer = io.BytesIO()
    np.savez(buffer, **arrays)
    SHIPPED_VECTORS.write_bytes(buffer.getvalue())
    print(f"{SHIPPED_VECTORS}: {len(arrays['keys'])} articles, {len(arrays['terms'])} terms")


if __name__ == "__main__":
    main()
