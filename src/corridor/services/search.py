"""Search use cases: build the index from files, answer questions."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from corridor.search.index import Index, build
from corridor.search.ingest import read_path
from corridor.search.query import Filters, Result, plan, ranked, results

BUNDLED = Path(__file__).resolve().parents[3] / "data" / "legal"


def index_paths(paths: Sequence[Path], folder: Path) -> tuple[int, int, int]:
    """Index every document under ``paths`` (default: the bundled key laws) into ``folder``."""
    sources = list(paths) or [BUNDLED]
    documents = (doc for path in sources for doc in read_path(path))
    return build(documents, folder)


def ask(
    folder: Path,
    question: str,
    where: Filters | None = None,
    *,
    k: int = 10,
    cross_lingual: bool = True,
) -> list[Result]:
    """The best articles for a question (the index must exist)."""
    from corridor.exc import NotFound

    if not (folder / "chunks.jsonl").exists():
        raise NotFound("search index", f"{folder} (run `corridor search index` first)")
    index = Index(folder)
    asked = plan(question, cross_lingual)
    return results(index, ranked(index, asked, where or Filters()), k)
