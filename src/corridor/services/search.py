"""Search use cases: build the index from files, answer questions.

A build reads and checks every file first: one refused file refuses the whole build
(an ImportRejected listing every problem found), and the previous index stays in
place, answering as before. A search index silently missing a law would answer
"nothing found" where the law says otherwise; a refusal names what to fix or leave out.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from corridor.core.documents import Chunk, Document
from corridor.core.limits import DEFAULT_LIMITS, Limits
from corridor.exc import ImportRejected, InvalidInput, NotFound
from corridor.search import atomic, why
from corridor.search import dense as vectors
from corridor.search.dense import Vectors
from corridor.search.index import MANIFEST, Index, build
from corridor.search.ingest import files_under, read_file
from corridor.search.laws import catalogue
from corridor.search.plan import plan
from corridor.search.query import Filters, Result, embedding, ranked, results, whole_article
from corridor.search.why import Match
from corridor.services import cache_switch, heap
from corridor.services.bundled import LEGAL, bundled

BUNDLED = bundled(LEGAL)
# Vectors of the bundled laws' articles and their windows, made by `corridor search index
# --vectors all` over the bundled laws (scripts/term_vectors.py, scripts/window_vectors.py)
# and shipped so that indexing them embeds nothing (see dense.py).
SHIPPED_VECTORS = BUNDLED / "vectors.npz"
VECTOR_SCOPES = ("key-laws", "all", "none")
MAX_K = 1000  # results of one question; more is a listing, not a search
LANGS = ("any", "ko", "zh", "en")
JURISDICTIONS = ("KR", "CN", "US")


def index_paths(
    paths: Sequence[Path],
    folder: Path,
    vectors: str = "key-laws",
    workers: int = 1,
    limits: Limits = DEFAULT_LIMITS,
) -> tuple[int, int, int]:
    """Index every document under ``paths`` (default: the bundled key laws) into
    ``folder``. ``vectors`` says which articles also get a dense vector: those of the
    laws in the law catalogue (the default: what cross-border founders ask about; the
    bundled laws' vectors ship with Corridor), every article (about 1/5 s each on two
    cores), or none. ``workers`` processes analyse new documents."""
    if vectors not in VECTOR_SCOPES:
        raise InvalidInput(
            f"vectors must be one of {', '.join(VECTOR_SCOPES)}", field="vectors", value=vectors
        )
    atomic.check_replaceable(folder)  # before reading a corpus that could take minutes
    documents = read_documents(list(paths) or [BUNDLED], limits)
    scope = {"key-laws": key_law, "all": lambda _: True, "none": None}[vectors]
    return build(documents, folder, dense=scope, seeds=[SHIPPED_VECTORS], workers=workers)


def check_index_folder(folder: Path) -> None:
    """Refuse (InvalidInput) a folder a new index may not replace: a file, or a folder
    holding anything but a search index."""
    atomic.check_replaceable(folder)


def read_documents(paths: Sequence[Path], limits: Limits = DEFAULT_LIMITS) -> list[Document]:
    """Every document under ``paths``; the refused file's InvalidInput, or an
    ImportRejected with every refused file when there are several."""
    documents: list[Document] = []
    problems: list[InvalidInput] = []
    for path in paths:
        try:
            files = files_under(path)
        except InvalidInput as err:
            problems.append(err)
            continue
        for file in files:
            try:
                documents.extend(read_file(file, limits))
            except InvalidInput as err:
                problems.append(err)
    if len(problems) == 1:
        raise problems[0]  # one line says it all: file, line, field, value, rule
    if problems:
        raise ImportRejected(problems)
    return documents


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
    limits: Limits = DEFAULT_LIMITS,
    lang_field: str = "lang",
) -> list[Result]:
    """The best articles for a question (the index must exist). ``lang_field``: what
    the caller calls the articles' language, named when it is refused."""
    where = where or Filters()
    check_question(question, k, where, limits, lang_field)
    early = _embed_early(folder, question, cross_lingual)
    index = open_index(folder)
    asked = plan(question, cross_lingual)
    return results(index, ranked(index, asked, where, early), k, asked)


def _embed_early(folder: Path, question: str, cross_lingual: bool) -> Callable[[], Vectors] | None:
    """The question's vector, being computed beside the index loading and the
    question's analysis when the index has vectors: the encoder releases the GIL, the
    analysers do not, so on two cores a CLI question waits for the slower of the two,
    not their sum (None: no vectors to compare with)."""
    if not vectors.present(atomic.current(folder)):
        return None
    return embedding(question, cross_lingual)


def search_laws(
    folder: Path,
    question: str,
    *,
    lang: str = "any",
    jurisdiction: str | None = None,
    law: str | None = None,
    since: str | None = None,
    until: str | None = None,
    k: int = 10,
    cross_lingual: bool = True,
    limits: Limits = DEFAULT_LIMITS,
    lang_field: str = "lang",
) -> list[Result]:
    """``ask`` with the filters as plain arguments, as a form or the command line
    gives them (each checked by ``check_question``; ``lang_field``: the form's name for
    ``lang``, the articles' language: the search page and the API call it ``in``, the
    API's first form ``lang``)."""
    where = Filters(lang, jurisdiction, law, since, until)
    return ask(
        folder,
        question,
        where,
        k=k,
        cross_lingual=cross_lingual,
        limits=limits,
        lang_field=lang_field,
    )


def open_index(folder: Path) -> Index:
    """The complete index in ``folder`` (never a half-built sibling); NotFound when
    none was built.

    Loading takes about 100 ms; a long-lived caller (the web server) keeps the loaded
    index while the folder holds the same build (its manifest file: a rebuild swaps in
    a new folder, so a new file), unless ``CORRIDOR_READ_CACHE=0``. Concurrent first
    calls load it once."""
    folder = atomic.current(folder)
    try:
        seen = (folder / MANIFEST).stat()
    except FileNotFoundError:
        if not (folder / "chunks.jsonl").exists():
            raise NotFound(
                "search index", f"{folder} (run `corridor search index` first)"
            ) from None
        return Index(folder)  # an index of an older format: Index says what to do
    if not cache_switch.enabled():
        return Index(folder)
    build_id = (seen.st_dev, seen.st_ino, seen.st_mtime_ns, seen.st_size)
    place = folder.resolve()
    held = _OPEN.get(place)
    if held is not None and held[0] == build_id:
        return held[1]
    with _OPEN_LOCK:
        held = _OPEN.get(place)
        if held is None or held[0] != build_id:
            held = _OPEN[place] = (build_id, Index(folder))
            heap.settle()  # the index lives long: keep full collections off it
        return held[1]


_OPEN: dict[Path, tuple[tuple[int, int, int, int], Index]] = {}
_OPEN_LOCK = threading.Lock()


@dataclass(frozen=True, slots=True)
class Article:
    """The whole article a search result points at, to read after its snippet."""

    doc_id: str
    title: str
    article: str
    heading: str
    chapter: str
    lang: str
    jurisdiction: str
    date: str | None
    text: str
    matched: tuple[Match, ...] = ()
    """Every word it shares with the question it was opened from (``marked`` finds them)."""


def article_text(folder: Path, doc_id: str, article_label: str, question: str = "") -> Article:
    """The full text of article ``article_label`` (as a result prints it: 제28조의8,
    第三十八条, 510.201) of document ``doc_id``, with the words it shares with
    ``question`` (search/why.py), if one is given. A label printed twice in one law
    (an addendum's 제1조) names the first, the body's. NotFound when the index holds
    no such article."""
    index = open_index(folder)
    asked = plan(question) if question.strip() else None
    for position, chunk in enumerate(index.chunks):
        if chunk.doc_id == doc_id and chunk.article == article_label:
            whole = whole_article(index, position)  # every chunk of a long article
            return Article(
                whole.doc_id,
                whole.title,
                whole.article,
                whole.heading,
                whole.chapter,
                whole.lang,
                whole.jurisdiction,
                whole.date,
                whole.text,
                tuple(why.present(asked.words, whole, asked.form)) if asked is not None else (),
            )
    raise NotFound("article", f"{doc_id} {article_label}")


def marked(text: str, article: Article) -> list[tuple[str, bool]]:
    """``text`` (a piece of ``article``) in runs, True where it writes a word the article
    shares with the question it was opened from (search/why.py)."""
    return why.marked(text, article.matched)


def check_question(
    question: str,
    k: int,
    where: Filters,
    limits: Limits = DEFAULT_LIMITS,
    lang_field: str = "lang",
) -> None:
    """Refuse a question or filter no search could answer, saying which and why (the
    articles' language by the caller's name for it, ``lang_field``)."""
    if len(question.strip()) == 0:
        raise InvalidInput("the question is empty", field="question", value=question)
    if len(question) > limits.field_chars:
        raise InvalidInput(
            f"the question is longer than {limits.field_chars} characters",
            field="question",
            value=question[:80] + "…",
        )
    if not 1 <= k <= MAX_K:
        raise InvalidInput(f"k must be between 1 and {MAX_K}", field="k", value=k)
    check_language(where.lang, lang_field)
    if where.jurisdiction not in (None, *JURISDICTIONS):
        raise InvalidInput(
            "jurisdiction must be KR, CN or US", field="jurisdiction", value=where.jurisdiction
        )
    for name, value in (("since", where.since), ("until", where.until)):
        if value is not None and not _iso_date(value):
            raise InvalidInput("not a date: dates are YYYY-MM-DD", field=name, value=value)
    if where.since is not None and where.until is not None and where.since > where.until:
        raise InvalidInput(
            f"since is after until ({where.until}): no document can be in both",
            field="since",
            value=where.since,
        )


def check_language(lang: str, field: str = "lang") -> None:
    """Refuse an articles' language that is none of ko, zh, en or any, naming ``field``
    as the caller calls it."""
    if lang not in LANGS:
        raise InvalidInput(f"{field} must be ko, zh, en or any", field=field, value=lang)


def _iso_date(value: str) -> bool:
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return len(value) == 10


# EAR sections of Corridor's copy known to be older than the eCFR's current text
# (PROVENANCE.md entry 2.6 of the shared data: no newer version could be read).
_STALE_EAR = frozenset(
    {"734.3", "734.5", "740.3", "742.2", "742.3", "742.4", "742.5", "742.19", "744.21", "742.6"}
)


def caveat(result: Result, locale: str = "en") -> str:
    """The caveat of a search result (see :func:`document_caveat`)."""
    return document_caveat(result.doc_id, result.date, locale)


def document_caveat(doc_id: str, dated: str | None, locale: str = "en") -> str:
    """What a reader must know before relying on a CFR section Corridor shows: its
    copy is a partial mirror of the eCFR, dated by the last amendment the text cites,
    and a few sections are known to predate later amendments. Empty for other laws."""
    if not doc_id.startswith("us-cfr:"):
        return ""
    from corridor.locale import gettext_for  # the catalogs cost start-up time: on first use

    _ = gettext_for(locale)
    if dated:
        text = _(
            "Partial eCFR mirror: text as last amended on {date} (the latest Federal Register "
            "amendment it cites). Later amendments may be missing: check the current eCFR "
            "before relying on it."
        ).format(date=dated)
    else:
        text = _(
            "Partial eCFR mirror: the text does not date the amendments it includes. Later "
            "amendments may be missing: check the current eCFR before relying on it."
        )
    section = doc_id.removeprefix("us-cfr:15/")
    if section == "742.6":
        later = _(
            "This copy lacks the advanced-computing and semiconductor controls added from "
            "October 2022."
        )
    elif section == "744.21":
        later = _("This copy (March 2022) lacks later changes, such as Nicaragua's addition.")
    elif section in _STALE_EAR:
        later = _("A newer eCFR text of this section exists than Corridor's copy.")
    else:
        return text
    return _then(_, text, later)


def _then(_: Callable[[str], str], sentence: str, after: str) -> str:
    """Two sentences, one after the other, as the reader's language writes them (the
    catalogue says how: Chinese runs them on unspaced)."""
    # Translators: one sentence followed by another; keep both placeholders.
    return _("{sentence} {after}").format(sentence=sentence, after=after)


def explanation(result: Result, locale: str = "en") -> str:
    """Why a result answers its question, in the reader's language: the words it shares
    with the question and the path of each (search/why.py), the words of one path
    together ("국외 이전, 국외로 제공 ← cross-border transfer (glossary)"), and the CFR
    section above it that relies on it (cites it), if one does; when it shares no word,
    that a section above relies on it, or else that meaning (the vectors) found it."""
    from corridor.locale import gettext_for  # the catalogs cost start-up time: on first use

    _ = gettext_for(locale)
    basis = result.relied_on_by
    relied = _("{article} above relies on this article.").format(article=basis) if basis else ""
    if not result.matched:
        none = _("No word of the question or of its translations is in this article.")
        return _then(_, none, relied or _("It was found by meaning."))
    label = {
        "glossary": _("glossary"),
        "bridge": _("Sino-Korean reading"),
        "dictionary": "CC-CEDICT",
    }
    paths: dict[tuple[str, str], list[str]] = {}  # the words of one path and source together
    for match in result.matched:
        paths.setdefault((match.via, match.source), []).append(match.word)
    parts = [
        ", ".join(words) if via == "question" else f"{', '.join(words)} ← {source} ({label[via]})"
        for (via, source), words in paths.items()
    ]
    words = " · ".join(parts)
    if not relied:
        return _("Matched: {words}").format(words=words)
    return _then(_, _("Matched: {words}.").format(words=words), relied)
