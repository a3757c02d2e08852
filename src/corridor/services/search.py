"""Search use cases: build the index from files, answer questions."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from corridor.core.documents import Chunk
from corridor.exc import InvalidInput
from corridor.search.index import Index, build
from corridor.search.ingest import read_path
from corridor.search.laws import catalogue
from corridor.search.query import Filters, Result, plan, ranked, results

BUNDLED = Path(__file__).resolve().parents[3] / "data" / "legal"
# Vectors of the bundled laws' articles, made by `corridor search index --vectors all`
# over data/legal and shipped so that indexing them embeds nothing (see dense.py).
SHIPPED_VECTORS = BUNDLED / "vectors.npz"
VECTOR_SCOPES = ("key-laws", "all", "none")


def index_paths(
    paths: Sequence[Path], folder: Path, vectors: str = "key-laws", workers: int = 1
) -> tuple[int, int, int]:
    """Index every document under ``paths`` (default: the bundled key laws) into
    ``folder``. ``vectors`` says which articles also get a dense vector: those of the
    laws in the law catalogue (the default: what cross-border founders ask about; the
    bundled laws' vectors ship with Corridor), every article (about 1/20 s each on two
    cores), or none. ``workers`` processes analyse new documents."""
    if vectors not in VECTOR_SCOPES:
        raise InvalidInput(
            f"vectors must be one of {', '.join(VECTOR_SCOPES)}", field="vectors", value=vectors
        )
    sources = list(paths) or [BUNDLED]
    documents = (doc for path in sources for doc in read_path(path))
    scope = {"key-laws": key_law, "all": lambda _: True, "none": None}[vectors]
    return build(documents, folder, dense=scope, seeds=[SHIPPED_VECTORS], workers=workers)


def key_law(chunk: Chunk) -> bool:
    """Whether ``chunk`` belongs to a law of the law catalogue (search/data/laws.toml)."""
    return any(law.holds(chunk) for law in catalogue())


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
