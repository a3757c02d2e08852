"""The on-disk search index: BM25 (bm25s) over analysed chunks, with their metadata."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict
from pathlib import Path

import bm25s

from corridor.core.documents import Chunk, Document
from corridor.search.chunk import chunk_document
from corridor.search.ingest import digest
from corridor.text.analyzers import analyze

CACHE = "chunks.jsonl"
# Bump when chunking or analysis changes, so cached tokens are not reused.
ANALYSIS_VERSION = "4"
TITLE_WEIGHT = 3  # a law's title names its subject: its words count three times


def build(documents: Iterable[Document], folder: Path) -> tuple[int, int, int]:
    """(Re)build the index in ``folder``; returns (documents, chunks, documents reused).

    Chunks and tokens of unchanged documents are read back from the previous build.
    """
    folder.mkdir(parents=True, exist_ok=True)
    previous = _cached(folder / CACHE)
    rows: list[dict[str, object]] = []
    count = reused = 0
    for doc in documents:
        count += 1
        key = ANALYSIS_VERSION + digest(doc)
        if key in previous:
            rows += previous[key]
            reused += 1
            continue
        for chunk in chunk_document(doc):
            rows.append(
                {
                    "hash": key,
                    "chunk": asdict(chunk),
                    "tokens": analyze(chunk.title) * TITLE_WEIGHT
                    + analyze(f"{chunk.heading} {chunk.text}"),
                }
            )
    with (folder / CACHE).open("w", encoding="utf-8") as handle:
        for row in rows:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    retriever = bm25s.BM25()
    retriever.index([list(r["tokens"]) for r in rows], show_progress=False)  # type: ignore[call-overload]
    retriever.save(str(folder / "bm25"))
    return count, len(rows), reused


def _cached(path: Path) -> dict[str, list[dict[str, object]]]:
    out: dict[str, list[dict[str, object]]] = {}
    if not path.exists():
        return out
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            out.setdefault(row["hash"], []).append(row)
    return out


class Index:
    """A loaded index: retrieval plus the chunk each hit refers to."""

    def __init__(self, folder: Path) -> None:
        self.retriever = bm25s.BM25.load(str(folder / "bm25"))
        self.chunks: list[Chunk] = []
        with (folder / CACHE).open(encoding="utf-8") as handle:
            for line in handle:
                self.chunks.append(Chunk(**json.loads(line)["chunk"]))

    def retrieve(self, tokens: list[str], k: int) -> list[tuple[int, float]]:
        """Chunk positions and BM25 scores, best first."""
        if not tokens or not self.chunks:
            return []
        found = self.retriever.retrieve([tokens], k=min(k, len(self.chunks)), show_progress=False)
        return [
            (int(d), float(s))
            for d, s in zip(found.documents[0], found.scores[0], strict=True)
            if s > 0
        ]
