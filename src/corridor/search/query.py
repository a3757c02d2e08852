"""Questions asked of each language's index in that language's words (search/plan.py
understands them first: language, jurisdictions, named laws, tokens), and the rankings
fused.

A question in one language reaches another language's statutes through the legal
glossary (개인정보 국외 이전 → 个人信息 出境 → personal information cross-border
transfer). Each language's BM25 ranking is fused by reciprocal rank, weighted by
whether the question names that language's jurisdiction; a law the question names
("중국 반외국제재법", "EAR") adds a ranking restricted to that law. Weights were set
on the development set (benchmarks/search_dev.tsv) and checked on the held-out set.
Each result carries the words it shares with the question (search/why.py).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from functools import cache, lru_cache

import numpy as np
from numpy.typing import NDArray

from corridor.core import markdown
from corridor.core.documents import Chunk
from corridor.exc import InvalidInput
from corridor.search import dense as vectors
from corridor.search.citations import cfr_key
from corridor.search.dense import Vectors
from corridor.search.index import LANGS, Index
from corridor.search.laws import Law, catalogue
from corridor.search.plan import HOME, Plan, meaning, plan, question_language
from corridor.search.why import Match, shared
from corridor.text.legal_terms import mentioned

DEPTH = 100  # how far down each ranking fusion looks
RRF_K = 20  # reciprocal-rank constant: small, so the first places of a ranking count most
LAW_WEIGHT = 1.5  # a ranking restricted to a law the question names
DENSE_WEIGHT = 0.8  # the vectors' ranking against BM25's (set on the development set)
TERM_SHARE = 0.5  # the glossary terms' share of a question's vector (dense.blend)
PER_LANGUAGE = True  # each language's articles met with the terms in that language
EARLY = True  # the question embedded in a thread while BM25 ranks (``_embedding``)
FUSE_DEPTH = 100  # how far down each of the two rankings that fusion looks
FUSE_K = 60  # that fusion's reciprocal-rank constant (and the own language's order's)
COVERAGE_FLOOR = 0.4  # the weight left to a language whose best articles miss every notion
CITING = 3  # how many of the best articles have the sections they cite followed
CITED_SHARE = 0.9  # a cited section's score, as a share of the score of the one citing it
OWN_SLOTS = 30  # how far down the fused list the question's own language is re-ordered
OWN_DEPTH = 20  # how far down the literal ranking counts in that re-ordering
OWN_WEIGHT = 1.0  # the literal ranking against the fused one, inside the own language
OWN_K = 5  # their reciprocal-rank constant: the first places count most
GUARDED = ("zh",)  # question languages guarded (Korean and English: measured, below)
OWN_ORDERED = ("ko", "zh")  # question languages ordered inside by their own evidence
WINDOWED = ("ko", "en")  # question languages whose own articles the windows re-order
WINDOW_WEIGHT = 0.75  # the windows' ranking against the order it re-orders
WINDOW_K = 5  # their reciprocal-rank constant


@dataclass(frozen=True, slots=True)
class Result:
    """One hit, shaped like the JSON the CLI prints."""

    lang: str
    title: str
    article: str
    heading: str
    score: float
    snippet: str
    doc_id: str
    date: str | None = None  # the document's date (a CFR section: its last amendment cited)
    matched: tuple[Match, ...] = ()  # the words it shares with the question (search/why.py)
    relied_on_by: str = ""  # the CFR section above it that relies on it (citations.py)


@dataclass(frozen=True, slots=True)
class Filters:
    """Which chunks may be returned."""

    lang: str = "any"
    jurisdiction: str | None = None
    law: str | None = None  # a catalogue key or alias, or words of a title
    since: str | None = None  # ISO dates, compared with the document's date
    until: str | None = None

    def admits(self, chunk: Chunk) -> bool:
        if self.jurisdiction is not None and chunk.jurisdiction != self.jurisdiction:
            return False
        if self.law is not None and not _law_matches(self.law, chunk):
            return False
        if self.since is not None and (chunk.date or "") < self.since:
            return False
        return self.until is None or (chunk.date or "9999") <= self.until


def _law_matches(wanted: str, chunk: Chunk) -> bool:
    """A catalogue key, a law's own title (대외무역법 is Korea's, though Chinese writers
    call China's 对外贸易法 so too) or another name it goes by, in any case; else words
    of a title (whole words in Latin script)."""
    laws = laws_named(wanted)
    if laws:
        return any(law.holds(chunk) for law in laws)
    if wanted.isascii():
        return (
            re.search(rf"(?<![A-Za-z]){re.escape(wanted)}(?![A-Za-z])", chunk.title, re.I)
            is not None
        )
    return wanted.replace(" ", "") in chunk.title.replace(" ", "")


@lru_cache(maxsize=64)
def laws_named(wanted: str) -> tuple[Law, ...]:
    """The catalogue laws a filter names: by key or own title first, else by alias
    (cached: a filter's mask asks once per article)."""
    bare = wanted.replace(" ", "").casefold()
    by_title = [
        law
        for law in catalogue()
        if bare == law.key or bare in {t.replace(" ", "").casefold() for t in law.titles}
    ]
    return tuple(by_title) or tuple(
        law for law in catalogue() if bare in {a.replace(" ", "").casefold() for a in law.aliases}
    )


def search(
    index: Index,
    text: str,
    *,
    lang: str = "any",
    jurisdiction: str | None = None,
    law: str | None = None,
    since: str | None = None,
    until: str | None = None,
    k: int = 10,
    cross_lingual: bool = True,
    listed: bool = False,
) -> list[Result]:
    """The best ``k`` articles for a question in any of ko/zh/en. ``listed``: the
    question lists the glossary's notions rather than asking in a person's words (a
    dossier's topics, asked in batches, not at a person's prompt): it goes without the
    own-language guard (``_own_language_guard``), and the encoder reads it whole,
    followed by its glossary equivalents, as text (benchmarks/dossiers.py: precision@5
    0.738 as a person's question, 0.831 so)."""
    where = Filters(lang, jurisdiction, law, since, until)
    early = _embedding(index, text, cross_lingual, listed)
    asked = plan(text, cross_lingual)
    if listed:
        asked = replace(asked, literal=(), meaning=meaning(text, cross_lingual, True), listed=True)
    return results(index, ranked(index, asked, where, early), k, asked)


def _embedding(
    index: Index, text: str, cross_lingual: bool, listed: bool = False
) -> Callable[[], Vectors] | None:
    """The question's vector, being computed in a thread while the question is analysed
    and BM25 ranks (the encoder releases the GIL; on two cores the question then waits
    for the slower of the two, not their sum). None when the index has no vectors or
    EARLY is off (``ranked`` embeds it then, when needed)."""
    if not EARLY or index.dense_vectors is None or not len(index.dense_positions):
        return None
    return embedding(text, cross_lingual, listed)


def embedding(text: str, cross_lingual: bool = True, listed: bool = False) -> Callable[[], Vectors]:
    """The vector ``ranked`` compares a question with, started now on the question
    encoder's thread: the function returned waits for it."""
    return _ENCODER.submit(
        vectors.embed_query, meaning(text, cross_lingual, listed), whole=listed
    ).result


_ENCODER = ThreadPoolExecutor(max_workers=1, thread_name_prefix="corridor-question")
"""One thread embeds questions, one at a time: the encoder is one model per process."""


def ranked(
    index: Index,
    asked: Plan,
    where: Filters | None = None,
    embedded: Callable[[], Vectors] | None = None,
) -> list[tuple[int, float]]:
    """Chunk positions with fused scores, best first. ``embedded`` gives the vector of
    ``asked.meaning`` when a caller started embedding it early (default: embed it
    here, if the index has vectors)."""
    where = where or Filters()
    if not any(asked.tokens.values()):
        return []  # nothing but stop words or punctuation: vectors alone would rank noise
    fused: dict[int, float] = {}
    own: dict[int, float] = {}  # the question's own language's articles, by its evidence alone
    langs = LANGS if where.lang == "any" else (where.lang,)
    filtered = where != Filters(where.lang)
    if where.law is not None and not any(
        index.mask(lang, where.admits, key=repr(where)).any() for lang in langs
    ):
        raise InvalidInput(
            "no article in the index matches the law filter", field="law", value=where.law
        )
    for lang in langs:
        if not asked.tokens[lang]:
            continue
        positions, scores = index.scores(lang, asked.tokens[lang])
        if filtered:
            scores = scores * index.mask(lang, where.admits, key=repr(where))
        weight = asked.weights.get(lang, 1.0) * _coverage(index, asked, positions, scores)
        mine = lang == asked.lang  # its rankings also make the own language's order
        ranking = _ranking(positions, scores)
        _vote(fused, ranking, weight, RRF_K)
        if mine:
            _vote(own, ranking, 1.0, FUSE_K)
        for law in asked.laws:
            if HOME[lang] == law.jurisdiction:
                inside = index.mask(lang, law.holds, key=law.key)
                ranking = _ranking(positions, scores * inside)
                _vote(fused, ranking, LAW_WEIGHT, RRF_K)
                if mine:
                    _vote(own, ranking, LAW_WEIGHT, FUSE_K)
    order = sorted(fused.items(), key=lambda hit: -hit[1])
    if not order:
        return []  # no word of the question is in the index: vectors alone would rank noise
    question: Vectors | None = None  # the question's own vector, when the index has vectors
    if index.dense_vectors is not None and len(index.dense_positions) and asked.meaning:
        if embedded is None:
            embedded = cache(lambda: vectors.embed_query(asked.meaning, whole=asked.listed))
        order, nearest = _with_vectors(index, asked, where, order, embedded)
        _vote(own, nearest.get(asked.lang, []), DENSE_WEIGHT, FUSE_K)
        question = embedded()  # computed already: _with_vectors waited for it
    order = _with_citations(index, order, where, langs)
    windowed = asked.lang in WINDOWED and not asked.listed
    if own and asked.lang in OWN_ORDERED and not asked.listed:
        ranking = sorted(own, key=lambda p: -own[p])
        if windowed and question is not None:
            ranking = _windows_order(index, ranking[:OWN_SLOTS], question) + ranking[OWN_SLOTS:]
        order = _own_language_order(index, asked, order, ranking)
    elif windowed and question is not None:
        # after the citation stage, which measured better than before it (en -> en
        # 0.622 against 0.580 on the development set): a cited section still follows the
        # one relying on it in the questions measured (tests/search/test_windows.py)
        order = _own_places_by_windows(index, asked.lang, order, question)
    if asked.lang in langs and asked.lang in GUARDED:
        order = _own_language_guard(index, asked, where, order)
    return order


def _windows_order(index: Index, ranking: list[int], question: Vectors) -> list[int]:
    """``ranking`` (one language's articles) re-ordered by fusing it with the order its
    articles' windows give: each article's best cosine with the question over every
    stretch of about 300 characters of its text (dense.window_texts), where an
    article's one vector holds its heading and first 200 characters. The rule a
    question asks about often stands far from an article's start (a definition's third
    item, a proviso, a penalty's second paragraph): BM25 sees it there, the article's
    vector does not.

    Used inside the question's own language only, where the model's cosines compare
    like with like (they favour passages in the question's language). For a Korean
    question it re-orders the first OWN_SLOTS of its own language's ranking (so its own
    articles still come in the same order whether or not other languages are searched),
    for an English one its places in the fused order (``_own_places_by_windows``).
    Measured (benchmarks/search.py, development set, bundled / whole corpus):
    same-language 0.651 → 0.690 / 0.581 → 0.625, ko → ko 0.661 → 0.725 / 0.590 →
    0.645, en → en 0.573 → 0.622 / 0.571 → 0.653, cross-lingual 0.575 → 0.569 / 0.546
    → 0.542; held-out: same-language 0.562 → 0.576 / 0.547 → 0.571. Chinese
    questions lost (zh → zh 0.701 → 0.656: the Chinese guard already orders them by
    their own words), so WINDOWED leaves them out. Flat for WINDOW_WEIGHT 0.5–1.0 and
    WINDOW_K 5–20.
    """
    if len(ranking) < 2 or index.windows() is None:
        return ranking
    cosines = index.window_scores(ranking, question)
    # the windows' order: articles with windows by their best cosine, in the places
    # they hold; an article without (not embedded) keeps its place, so its vote is
    # neutral instead of falling behind every embedded one
    places = [i for i, cosine in enumerate(cosines) if cosine > -2.0]
    nearest = list(ranking)
    for place, i in zip(places, sorted(places, key=lambda i: -cosines[i]), strict=True):
        nearest[place] = ranking[i]
    votes: dict[int, float] = {}
    _vote(votes, ranking, 1.0, WINDOW_K)
    _vote(votes, nearest, WINDOW_WEIGHT, WINDOW_K)
    return sorted(votes, key=lambda p: -votes[p])


def _own_places_by_windows(
    index: Index, lang: str, order: list[tuple[int, float]], question: Vectors
) -> list[tuple[int, float]]:
    """For a question whose own language is not ordered by its own evidence (English:
    see ``_own_language_order``), its own-language places among the first OWN_SLOTS
    re-ordered by their windows (``_windows_order``), the places of other languages
    kept."""
    slots = [p for p, _ in order[:OWN_SLOTS] if index.chunks[p].lang == lang]
    return _refill(order, lang, _windows_order(index, slots, question), index)


def _own_language_order(
    index: Index, asked: Plan, order: list[tuple[int, float]], own: list[int]
) -> list[tuple[int, float]]:
    """The question's own-language places among the first OWN_SLOTS filled in the order
    its own language's evidence alone gives (``own``: that language's BM25 ranking, with
    the glossary's and the bridge's words and any law named, fused by reciprocal rank at
    FUSE_K with that language's FUSE_DEPTH articles nearest in meaning — where the turns
    of ``_with_vectors`` hold about a third as many), the places of other languages kept.

    Fused across languages, an article's place also depends on the other languages'
    articles ranked around it: in the vectors' ranking languages take turns, so the
    question's own articles stand three places apart there, and cosines a hundredth
    apart outweigh BM25's clearest lead. Which language holds each place is the
    cross-lingual fusion's to decide; the order inside the question's own language is
    not. Measured (benchmarks/search.py, development set, bundled / whole corpus):
    same-language 0.748 → 0.759 / 0.686 → 0.685, zh → zh 0.732 → 0.762 (plain BM25
    0.747) / 0.632 → 0.640, ko → ko 0.805 → 0.802 / 0.743 → 0.734, cross-lingual 0.625 →
    0.620 / 0.617 → 0.612. English questions are left out (OWN_ORDERED): there the
    citation stage puts a section below the one relying on it (744.23, then 734.9), and
    re-ordering English sections by their own evidence undid it (tests/search/test_ear.py).
    """
    return _refill(order, asked.lang, own, index)


def _refill(
    order: list[tuple[int, float]], lang: str, ranking: Sequence[int], index: Index
) -> list[tuple[int, float]]:
    """``order`` with the places of ``lang``'s articles among the first OWN_SLOTS taken
    by ``ranking``'s articles in turn (each place keeps its score; those ``ranking``
    lacks follow it); an article that loses its place follows them, none is dropped,
    scored no higher than the last of them."""
    head = order[:OWN_SLOTS]
    slots = [i for i, (p, _) in enumerate(head) if index.chunks[p].lang == lang]
    if not slots:
        return order
    ranked = dict.fromkeys([*ranking, *(head[i][0] for i in slots)])
    placed = dict(zip(slots, ranked, strict=False))
    reordered = [(placed.get(i, p), score) for i, (p, score) in enumerate(head)]
    kept = {p for p, _ in reordered}
    floor = reordered[-1][1]
    displaced = [(p, min(score, floor)) for p, score in head if p not in kept]
    return reordered + displaced + [(p, score) for p, score in order[OWN_SLOTS:] if p not in kept]


def _own_language_guard(
    index: Index, asked: Plan, where: Filters, order: list[tuple[int, float]]
) -> list[tuple[int, float]]:
    """The question's own-language articles among the first OWN_SLOTS re-ordered by
    fusing their order with the literal ranking: the question's own words alone (no
    glossary terms) on its own language's index, as plain BM25 would rank them.

    The cross-lingual machinery (glossary synonyms, vectors, the other languages'
    weights) ranks well across languages but shuffles the articles of the question's
    own language, where Chinese phrases decide (现场核查, 技术进口合同登记): the literal
    ranking keeps them in play. The places held by other languages stay as they are,
    so a question answered abroad keeps its foreign articles where fusion put them;
    an own-language article the literal ranking puts first may take an own-language
    place. Set on the development set (benchmarks/search.py): zh → zh 0.495 → 0.629
    bundled (plain BM25 0.605), 0.439 → 0.448 whole corpus (plain 0.452). Korean
    questions lost (ko → ko 0.967 → 0.917 bundled, 0.904 → 0.856 whole corpus) and so
    did English ones (en → en 0.960 → 0.920): GUARDED holds Chinese only.
    """
    if not asked.literal:
        return order
    positions, scores = index.scores(asked.lang, list(asked.literal))
    if where != Filters(where.lang):
        scores = scores * index.mask(asked.lang, where.admits, key=repr(where))
    head = order[:OWN_SLOTS]
    slots = [p for p, _ in head if index.chunks[p].lang == asked.lang]
    if not slots or len(scores) == 0:
        return order
    votes: dict[int, float] = {}
    _vote(votes, slots, 1.0, OWN_K)
    _vote(votes, _ranking(positions, scores, OWN_DEPTH), OWN_WEIGHT, OWN_K)
    return _refill(order, asked.lang, sorted(votes, key=lambda p: -votes[p]), index)


def _with_citations(
    index: Index, order: list[tuple[int, float]], where: Filters, langs: Sequence[str]
) -> list[tuple[int, float]]:
    """The ranking with the sections its best CFR results cite, each just below the one
    citing it, twice over (a rule, the rule it relies on, and that rule's own basis)."""
    if not index.cfr_sections():
        return order
    for _ in range(2):
        scores = dict(order)
        best = _distinct(index, [p for p, _ in order], CITING)
        for citer in best:
            for target in index.relied_on(citer):
                chunk = index.chunks[target]
                if chunk.lang not in langs or not where.admits(chunk):
                    continue
                scores[target] = max(scores.get(target, 0.0), scores[citer] * CITED_SHARE)
        order = sorted(scores.items(), key=lambda hit: -hit[1])
    return order


def _distinct(index: Index, positions: Sequence[int], n: int) -> list[int]:
    """The first position of each of the first ``n`` distinct articles."""
    out: list[int] = []
    seen: set[tuple[str, str]] = set()
    for position in positions:
        chunk = index.chunks[position]
        key = (chunk.doc_id, chunk.article)
        if key not in seen:
            seen.add(key)
            out.append(position)
            if len(out) == n:
                break
    return out


def _coverage(
    index: Index, asked: Plan, positions: NDArray[np.int64], scores: NDArray[np.float64]
) -> float:
    """How much of the question a language's best articles speak of: the largest share
    of the question's legal notions (glossary groups) that one of its top three
    articles mentions, as a factor between COVERAGE_FLOOR and 1. An English question
    about personal data abroad meets US export rules on "transfer" and "data" but no
    article on personal information; the Korean and Chinese laws that have one should
    lead."""
    if not asked.notions or len(scores) == 0:
        return 1.0
    best = 0.0
    for i in _best(scores, 3):
        chunk = index.chunks[int(positions[i])]
        text = f"{chunk.title} {chunk.heading} {chunk.text}"
        best = max(best, mentioned(text, asked.notions) / len(asked.notions))
    return COVERAGE_FLOOR + (1 - COVERAGE_FLOOR) * best


def _with_vectors(
    index: Index,
    asked: Plan,
    where: Filters,
    order: list[tuple[int, float]],
    embedded: Callable[[], Vectors],
) -> tuple[list[tuple[int, float]], dict[str, list[int]]]:
    """BM25's fused ranking fused again with the articles nearest in meaning, and each
    language's articles nearest in meaning (positions, best first, FUSE_DEPTH each).

    The question's vector is mixed with its glossary terms' (``_question``) and
    languages take turns, since the model keeps close to the question's own language
    (measured in benchmarks/dense_experiment.py); both rankings count down to
    FUSE_DEPTH.
    """
    assert index.dense_vectors is not None
    question = embedded()  # the question's vector (``ranked`` embeds it once)
    if where == Filters(where.lang):
        groups = index.dense_groups()  # split and normalised once per index
        if where.lang != "any":
            groups = {where.lang: groups[where.lang]} if where.lang in groups else {}
    else:
        keep = np.array([where.admits(index.chunks[int(p)]) for p in index.dense_positions])
        if where.lang != "any":
            keep &= index.dense_langs == where.lang
        chosen = np.flatnonzero(keep)
        groups = {
            lang: (chosen[rows], block)
            for lang, (rows, block) in vectors.by_language(
                index.dense_vectors[chosen], list(index.dense_langs[chosen])
            ).items()
        }
    if not groups:
        return order, {}
    near = vectors.nearest_by_language(groups, _question(index, asked, question), FUSE_DEPTH)
    turns = vectors.take_turns(near, FUSE_DEPTH)
    dense_ranking = [int(index.dense_positions[r]) for r, _ in turns]
    fused = vectors.fuse(
        [[p for p, _ in order[:FUSE_DEPTH]], dense_ranking], [1.0, DENSE_WEIGHT], k=FUSE_K
    )
    seen = {p for p, _ in fused}
    floor = min((score for _, score in fused), default=0.0)
    each = {lang: [int(index.dense_positions[r]) for r, _ in rows] for lang, rows in near.items()}
    return fused + [(p, floor * 0.5) for p, _ in order if p not in seen], each


def _question(index: Index, asked: Plan, question: Vectors) -> dict[str, Vectors]:
    """The question's vector per article language: mixed with the vectors of its
    notions' glossary equivalents (the first term of each language, as embedded at
    build time; a term the index lacks is embedded now), TERM_SHARE of the whole."""
    if asked.listed:
        return vectors.blend(question, [], TERM_SHARE)  # its terms are in its text
    terms = list(asked.terms)  # none: not cross-lingual
    found = [(question_language(t), index.term_vectors.get(t, None)) for t in terms]
    pairs = [
        (lang, vector if vector is not None else vectors.term_vector(term))
        for term, (lang, vector) in zip(terms, found, strict=True)
    ]
    return vectors.blend(question, pairs, TERM_SHARE, PER_LANGUAGE)


def _ranking(
    positions: NDArray[np.int64], scores: NDArray[np.float64], depth: int = DEPTH
) -> list[int]:
    """The positions of a BM25 ranking's first ``depth`` places with a positive score."""
    return [int(positions[i]) for i in _best(scores, depth)]


def _vote(fused: dict[int, float], ranking: Sequence[int], weight: float, k: int) -> None:
    """Add a ranking's reciprocal-rank votes (``weight / (k + rank)``, rank from 1)."""
    for rank, position in enumerate(ranking):
        fused[position] = fused.get(position, 0.0) + weight / (k + rank + 1)


def _best(scores: NDArray[np.float64], depth: int) -> NDArray[np.int64]:
    """The indices of the ``depth`` highest positive scores, best first. Most articles
    share no word with a question: ordering only those that do spares a partition of
    every article of a large index (a few milliseconds a ranking on the whole corpus)."""
    live = np.flatnonzero(scores > 0)
    if len(live) > depth:
        live = live[np.argpartition(-scores[live], depth - 1)[:depth]]
    return live[np.argsort(-scores[live], kind="stable")]


def results(index: Index, hits: Sequence[tuple[int, float]], k: int, asked: Plan) -> list[Result]:
    """The first ``k`` distinct articles (the same article ingested twice counts once),
    each with the words the whole article (all its chunks) shares with ``asked``
    (search/why.py) and, for a CFR section, the section above it that relies on it."""
    out: list[Result] = []
    if k <= 0:
        return out
    seen: set[tuple[str, ...]] = set()
    above: list[int] = []  # the positions of the results so far
    for position, score in hits:
        chunk = index.chunks[position]
        key = (chunk.title, chunk.article) if chunk.article else (chunk.doc_id, chunk.text[:80])
        if key in seen:
            continue
        seen.add(key)
        snippet = markdown.plain(chunk.text)[:220]
        out.append(
            Result(
                chunk.lang,
                chunk.title,
                chunk.article,
                chunk.heading,
                round(score, 4),
                snippet,
                chunk.doc_id,
                chunk.date,
                shared(asked.words, whole_article(index, position), asked.form),
                _relied_on_by(index, position, above),
            )
        )
        above.append(position)
        if len(out) >= k:
            break
    return out


def _relied_on_by(index: Index, position: int, above: Sequence[int]) -> str:
    """The first of the results ``above`` whose CFR section relies on the section at
    ``position`` (cites it twice or more: ``Index.relied_on``), as its label; "" if
    none does (or it is no CFR section)."""
    own = cfr_key(index.chunks[position])
    if own is None:
        return ""
    first = index.cfr_sections()[own][0]  # every CFR chunk's section is there
    for citer in above:
        if first in index.relied_on(citer):
            return index.chunks[citer].article
    return ""


def whole_article(index: Index, position: int) -> Chunk:
    """The chunk at ``position`` with the text of its whole article: a long article
    is chunked, and what it shares with a question may lie in any of its chunks."""
    run = index.article_run(position)
    chunk = index.chunks[run[0]]
    if len(run) == 1:
        return chunk
    return replace(chunk, text="\n\n".join(index.chunks[p].text for p in run))
