"""The on-disk search index: one BM25 index (bm25s) per language over analysed chunks.

Per language because BM25 statistics (document frequencies, lengths) differ by
language and scores are not comparable across them: Korean statutes repeat their
terms far more than Chinese ones. A question is asked of each language separately
and the rankings are fused (see query.py).

The folder is replaced whole by each build (atomic.py), so a reader sees either the
previous index or the new one, never a mix. Files: ``chunks.jsonl`` (metadata and
text, read at query time), ``tokens.jsonl`` (analysed tokens keyed by document
content, read only by the next build so that unchanged documents are not analysed
again), ``bm25-<lang>/`` with the positions of that language's chunks, and
``manifest.json``, written last.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import threading
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict
from pathlib import Path

import bm25s
import numpy as np
from numpy.typing import NDArray

from corridor.core.documents import Chunk, Document
from corridor.exc import InvalidInput
from corridor.search import atomic
from corridor.search import dense as vectors
from corridor.search.chunk import chunk_document
from corridor.search.citations import cfr_key, followed
from corridor.search.ingest import digest
from corridor.search.workers import die_with_parent
from corridor.text.analyzers import analyze
from corridor.text.legal_terms import first_terms
from corridor.text.legal_terms import rows as glossary_rows

CHUNKS = "chunks.jsonl"
MANIFEST = "manifest.json"  # written last: an index without it is incomplete
FORMAT = 2  # of the folder's files
TOKENS = "tokens.jsonl"
# Bump when chunking or analysis changes, so cached tokens are not reused.
ANALYSIS_VERSION = "12"
TITLE_WEIGHT = 3  # a law's title names its subject: its words count three times
HEADING_WEIGHT = 2  # an article heading (개인정보의 국외 이전) states what the article rules
LANGS = ("ko", "zh", "en")
PARALLEL_FROM = 200  # new documents below which starting worker processes does not pay
BM25_K1, BM25_B = 1.5, 0.75  # bm25s defaults; k1 1.2–2, b 0.3–0.5 measured no better (dev)


def chunk_tokens(chunk: Chunk) -> list[str]:
    """What BM25 indexes for a chunk: title (weighted), heading and text."""
    return (
        analyze(chunk.title) * TITLE_WEIGHT
        + analyze(chunk.heading) * HEADING_WEIGHT
        + analyze(chunk.text)
    )


def build(
    documents: Iterable[Document],
    folder: Path,
    tokens_of: Callable[[Chunk], list[str]] = chunk_tokens,
    *,
    dense: Callable[[Chunk], bool] | None = None,
    seeds: Sequence[Path] = (),
    workers: int = 1,
) -> tuple[int, int, int]:
    """(Re)build the index in ``folder``; returns (documents, chunks, documents reused).

    The new index is written to a sibling folder and swapped in whole when complete
    (see atomic.py): whatever stops a build (a refused document, Ctrl-C, a kill), the
    previous index stays as it was and answers questions. Chunks and tokens of
    unchanged documents are read back from that previous index.
    ``tokens_of`` is the analysis (the benchmark's plain baseline passes its own).
    ``dense`` selects the chunks that also get a vector (none when None: embedding
    costs about 1/5 s per article on two cores with its windows, see dense.py).
    ``workers`` processes analyse new documents (Korean morphological analysis is the
    cost of a large build; ``tokens_of`` must then be a module-level function).
    """
    if folder.is_symlink():
        folder = folder.resolve()  # replace the folder it points to, not the link
    atomic.check_replaceable(folder)
    folder.parent.mkdir(parents=True, exist_ok=True)
    atomic.clean_stale(folder)
    new = atomic.staging(folder)
    atomic.discard(new)  # left by an earlier process with this pid
    new.mkdir()
    try:
        done = _write(documents, folder, new, tokens_of, dense, seeds, workers)
        atomic.swap(new, folder)
    except BaseException:
        atomic.discard(new)
        raise
    return done


def _write(
    documents: Iterable[Document],
    previous: Path,
    folder: Path,
    tokens_of: Callable[[Chunk], list[str]],
    dense: Callable[[Chunk], bool] | None,
    seeds: Sequence[Path],
    workers: int,
) -> tuple[int, int, int]:
    """Write a complete index into the empty ``folder``, reusing ``previous``."""
    stamp = uuid.uuid4().hex
    cached = dict(_cached(previous))
    keyed = [(ANALYSIS_VERSION + digest(doc), doc) for doc in documents]
    fresh = [doc for key, doc in keyed if key not in cached]
    analysed = iter(_analyse_all(fresh, tokens_of, workers))
    chunks: list[Chunk] = []
    tokens: list[list[str]] = []
    with (folder / TOKENS).open("w", encoding="utf-8") as cache:
        for key, _ in keyed:
            rows = cached[key] if key in cached else next(analysed)
            cache.write(json.dumps(_row(key, rows), ensure_ascii=False) + "\n")
            for chunk, words in rows:
                chunks.append(chunk)
                tokens.append(words)
    with (folder / CHUNKS).open("w", encoding="utf-8") as handle:
        for chunk in chunks:
            handle.write(json.dumps(asdict(chunk), ensure_ascii=False) + "\n")
    for lang in LANGS:
        _build_language(folder / f"bm25-{lang}", chunks, tokens, lang)
    if dense is not None:
        # the previous index's vectors first: its rows are keyed by content, like the seeds'
        reuse = [previous / vectors.CACHE, *seeds]
        vectors.build(
            chunks, folder, wanted=dense, seeds=reuse, stamp=stamp, terms=glossary_terms()
        )
    manifest = {"format": FORMAT, "analysis": ANALYSIS_VERSION, "stamp": stamp}
    (folder / MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")  # last
    return len(keyed), len(chunks), len(keyed) - len(fresh)


def glossary_terms() -> list[str]:
    """The first term of each language of every glossary notion: what a question's
    dense vector mixes in for the notions it mentions (query.py), embedded at build
    time like the articles."""
    return list(dict.fromkeys(t for row in glossary_rows() for t in first_terms(row)))


Rows = list[tuple[Chunk, list[str]]]


def _analyse(doc: Document, tokens_of: Callable[[Chunk], list[str]]) -> Rows:
    return [(c, tokens_of(c)) for c in chunk_document(doc)]


def _analyse_all(
    docs: list[Document], tokens_of: Callable[[Chunk], list[str]], workers: int
) -> Iterator[Rows]:
    """Each document's chunks and tokens, in order; in ``workers`` processes when
    there is enough to do (spawned: the analysers hold threads and models)."""
    if workers <= 1 or len(docs) < PARALLEL_FROM:
        yield from (_analyse(doc, tokens_of) for doc in docs)
        return
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(
        max_workers=workers,
        mp_context=context,
        initializer=die_with_parent,  # a killed build must not leave them running
        initargs=(os.getpid(),),
    ) as pool:
        yield from pool.map(_analyse, docs, [tokens_of] * len(docs), chunksize=8)


def _build_language(folder: Path, chunks: list[Chunk], tokens: list[list[str]], lang: str) -> None:
    positions = [i for i, c in enumerate(chunks) if c.lang == lang and tokens[i]]
    folder.mkdir(parents=True, exist_ok=True)
    np.save(folder / "positions.npy", np.asarray(positions, dtype=np.int64))
    if positions:
        retriever = bm25s.BM25(k1=BM25_K1, b=BM25_B)
        retriever.index([tokens[i] for i in positions], show_progress=False)
        retriever.save(str(folder))


def _row(key: str, rows: list[tuple[Chunk, list[str]]]) -> dict[str, object]:
    return {"hash": key, "chunks": [[asdict(c), t] for c, t in rows]}


def _cached(folder: Path) -> Iterator[tuple[str, Rows]]:
    """The analysed documents of the index in ``folder``, if it is a complete one.

    Only a cache: anything unreadable in it (an index of an older Corridor, a file
    damaged on disk) means the documents are analysed again, not that the build fails.
    """
    try:
        _manifest(folder)
    except InvalidInput:
        return
    try:
        with (folder / TOKENS).open(encoding="utf-8") as handle:
            rows = [json.loads(line) for line in handle]
        found = [(r["hash"], [(Chunk(**c), list(t)) for c, t in r["chunks"]]) for r in rows]
    except (OSError, ValueError, KeyError, TypeError):
        return
    yield from found


def _manifest(folder: Path) -> dict[str, object]:
    """The folder's manifest; a clear error for an incomplete or outdated index."""
    rebuild = "run `corridor search index` again"
    try:
        manifest: dict[str, object] = json.loads((folder / MANIFEST).read_text("utf-8"))
    except (OSError, ValueError) as err:
        raise InvalidInput(
            f"not a complete search index (an interrupted or older build?): {rebuild}",
            file=str(folder),
        ) from err
    if manifest.get("format") != FORMAT:
        raise InvalidInput(f"search index of another Corridor version: {rebuild}", file=str(folder))
    return manifest


class Index:
    """A loaded index: per-language BM25 plus the chunk each hit refers to."""

    def __init__(self, folder: Path) -> None:
        manifest = _manifest(folder)
        try:
            self._load(folder, manifest)
        except (OSError, ValueError, KeyError, TypeError, IndexError) as err:
            # a complete index damaged since (a disk error, a hand edit): say so
            raise InvalidInput(
                f"damaged search index ({type(err).__name__}: {err}): "
                "run `corridor search index` again",
                file=str(folder),
            ) from err

    def _load(self, folder: Path, manifest: dict[str, object]) -> None:
        self._cfr: dict[tuple[str, str], list[int]] | None = None
        self._relied: dict[tuple[str, str], list[int]] = {}
        self.chunks: list[Chunk] = []
        with (folder / CHUNKS).open(encoding="utf-8") as handle:
            for line in handle:
                self.chunks.append(Chunk(**json.loads(line)))
        self._bm25: dict[str, tuple[bm25s.BM25, NDArray[np.int64]]] = {}
        self._masks: dict[tuple[str, str], NDArray[np.float64]] = {}
        found = vectors.load(folder, str(manifest["stamp"]))  # chunk order; zero: not embedded
        if found is not None and len(found) != len(self.chunks):
            found = None
        self.dense_positions: NDArray[np.int64] = np.zeros(0, dtype=np.int64)
        if found is not None:
            self.dense_positions = np.flatnonzero(np.any(found != 0, axis=1)).astype(np.int64)
        self.dense_vectors = found[self.dense_positions] if found is not None else None
        self.dense_langs = np.asarray([self.chunks[int(p)].lang for p in self.dense_positions])
        self.term_vectors = vectors.load_terms(folder) if found is not None else {}
        self._folder, self._stamp = folder, str(manifest["stamp"])
        self._windows: vectors.Loaded | None = None
        self._windows_unread = found is not None  # read on first use (``windows``)
        self._windows_lock = threading.Lock()
        self._groups: tuple[int, vectors.Groups] | None = None
        for lang in LANGS:
            sub = folder / f"bm25-{lang}"
            positions = np.load(sub / "positions.npy")
            if len(positions):
                retriever = bm25s.BM25.load(str(sub), show_progress=False)
                self._bm25[lang] = (retriever, positions)

    def dense_groups(self) -> vectors.Groups:
        """The article vectors split by language and normalised (dense.by_language),
        made on first use and kept while ``dense_vectors`` is the same array."""
        assert self.dense_vectors is not None
        if self._groups is None or self._groups[0] != id(self.dense_vectors):
            groups = vectors.by_language(self.dense_vectors, list(self.dense_langs))
            self._groups = (id(self.dense_vectors), groups)
        return self._groups[1]

    def windows(self) -> vectors.Loaded | None:
        """The window vectors (dense.load_windows), read on first use (a Chinese
        question, or an index without vectors, never pays for them); None when the
        index has none. Threads asking at once wait for one read, so no question is
        ranked without windows because another was reading them."""
        if self._windows_unread:
            with self._windows_lock:
                if self._windows_unread:
                    found = vectors.load_windows(self._folder, self._stamp)
                    if found is not None and len(found[0]) and found[0][-1] >= len(self.chunks):
                        found = None  # rows of another index: none rather than wrong ones
                    self._windows = found
                    self._windows_unread = False
        return self._windows

    def window_scores(self, positions: Sequence[int], question: vectors.Vectors) -> list[float]:
        """Each position's article's best cosine with ``question`` over the windows of
        all its chunks (dense.window_texts); -2.0 for an article without windows (every
        article, when the index has none)."""
        found = self.windows()
        if found is None:
            return [-2.0] * len(positions)
        rows, codes, lengths = found
        unit = np.asarray(question / max(float(np.linalg.norm(question)), 1e-12), np.float32)
        out: list[float] = []
        for position in positions:
            run = self.article_run(position)
            start = int(np.searchsorted(rows, run[0], side="left"))
            stop = int(np.searchsorted(rows, run[-1], side="right"))
            if start == stop:
                out.append(-2.0)
                continue
            cosines = codes[start:stop].astype(np.float32) @ unit / lengths[start:stop]
            out.append(float(cosines.max()))
        return out

    def article_run(self, position: int) -> list[int]:
        """The positions of every chunk of the article ``position`` is part of, in
        order: a long article is chunked into neighbours with its document and label
        (a chunk with no label, a paper's section, is its own run)."""
        chunk = self.chunks[position]
        if not chunk.article:
            return [position]

        def same(other: int) -> bool:
            found = self.chunks[other]
            return found.doc_id == chunk.doc_id and found.article == chunk.article

        first = last = position
        while first > 0 and same(first - 1):
            first -= 1
        while last + 1 < len(self.chunks) and same(last + 1):
            last += 1
        return list(range(first, last + 1))

    def cfr_sections(self) -> dict[tuple[str, str], list[int]]:
        """(CFR title, section) → the positions of the section's chunks (built once)."""
        if self._cfr is None:
            self._cfr = {}
            for position, chunk in enumerate(self.chunks):
                key = cfr_key(chunk)
                if key is not None:
                    self._cfr.setdefault(key, []).append(position)
        return self._cfr

    def relied_on(self, position: int) -> list[int]:
        """The first chunk of each CFR section the section holding ``position`` relies on
        (``citations.followed``), read once per section and kept."""
        own = cfr_key(self.chunks[position])
        if own is None:
            return []
        if own not in self._relied:
            self._relied[own] = followed(self.chunks, position, self.cfr_sections())
        return self._relied[own]

    def scores(self, lang: str, tokens: list[str]) -> tuple[NDArray[np.int64], NDArray[np.float64]]:
        """Every chunk of ``lang`` (as positions) and its BM25 score for ``tokens``."""
        empty = np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float64)
        if lang not in self._bm25:
            return empty
        retriever, positions = self._bm25[lang]
        known = [t for t in tokens if t in retriever.vocab_dict]
        if not known:
            return positions, np.zeros(len(positions), dtype=np.float64)
        return positions, np.asarray(retriever.get_scores(known), dtype=np.float64)

    def mask(self, lang: str, admits: Callable[[Chunk], bool], key: str) -> NDArray[np.float64]:
        """1.0 for each chunk of ``lang`` that ``admits`` accepts, else 0.0 (cached by key)."""
        if (lang, key) not in self._masks:
            positions = self._bm25[lang][1] if lang in self._bm25 else np.zeros(0, np.int64)
            flags = [admits(self.chunks[int(p)]) for p in positions]
            self._masks[lang, key] = np.asarray(flags, dtype=np.float64)
        return self._masks[lang, key]

    def retrieve(
        self, tokens: list[str], k: int, lang: str | None = None
    ) -> list[tuple[int, float]]:
        """Chunk positions and BM25 scores, best first (one language or all, by score)."""
        found: list[tuple[int, float]] = []
        for each in [lang] if lang else LANGS:
            positions, scores = self.scores(each, tokens)
            if len(scores) == 0:
                continue
            top = np.argsort(-scores, kind="stable")[:k]
            found += [(int(positions[i]), float(scores[i])) for i in top if scores[i] > 0]
        return sorted(found, key=lambda hit: -hit[1])[:k]
