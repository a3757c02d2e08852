"""Add the bundled laws' window vectors to src/corridor/bundled/legal/vectors.npz.

    python scripts/window_vectors.py [--seed FILE ...]

Run it after changing dense.window_texts or WINDOW, and after scripts/term_vectors.py
whenever the bundled laws change (that script keeps the article vectors it finds; a
changed article's passage is embedded again when the laws are indexed). It indexes the
bundled laws in a temporary folder with every article's vectors, as the shipped article
vectors were made (`--vectors all`), seeded by the shipped file, so only the windows the
shipped file lacks are embedded (multilingual-e5-small: about 25 windows a second on two
cores; all 21,000 take about 15 minutes); the shipped file then takes that build's
windows and keeps its article and term vectors as they are. Indexing the bundled laws,
with any `--vectors` scope, then embeds nothing. ``--seed`` adds dense.npz files of other
indexes to reuse.
"""

from __future__ import annotations

import argparse
import io
import tempfile
from pathlib import Path

import numpy as np

from corridor.search import dense
from corridor.search.index import build
from corridor.services.search import BUNDLED, SHIPPED_VECTORS, read_documents

KEPT = ("vectors", "keys", "terms", "term_keys", "term_vectors")
WINDOWS = ("window_rows", "window_keys", "window_vectors", "window_scales")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seed", type=Path, nargs="*", default=[])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "index"
        build(
            read_documents([BUNDLED]),
            folder,
            dense=lambda _: True,
            seeds=[SHIPPED_VECTORS, *args.seed],
        )
        with np.load(SHIPPED_VECTORS) as old, np.load(folder / dense.CACHE) as new:
            arrays = {name: old[name] for name in KEPT}
            arrays.update({name: new[name] for name in WINDOWS})
    buffer = io.BytesIO()
    np.savez(buffer, **arrays)
    SHIPPED_VECTORS.write_bytes(buffer.getvalue())
    print(
        f"{SHIPPED_VECTORS}: {len(arrays['keys'])} articles, {len(arrays['terms'])} terms, "
        f"{len(arrays['window_keys'])} windows"
    )


if __name__ == "__main__":
    main()
