"""``/api/v1/search``: the best law articles for a question."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Query
from pydantic import BaseModel
from starlette.concurrency import run_in_threadpool

from corridor.services import jobs
from corridor.services.search import caveat, explanation, search_laws
from corridor.web.api.common import AUTH, BAD_INPUT, NOT_FOUND
from corridor.web.api.convert import job_public
from corridor.web.api.schemas import JobPublic
from corridor.web.deps import CurrentUser, EngineDep, FoldersDep, LimitsDep
from corridor.web.i18n import current

router = APIRouter(tags=["search"])


class MatchedWordPublic(BaseModel):
    """A word the article shares with the question or one of its renderings."""

    word: str
    """As the article writes it (CC-CEDICT's English words: the article's form)."""
    via: str
    """question, glossary (the ko/zh/en legal glossary), bridge (a Sino-Korean reading:
    위탁 = 委托) or dictionary (CC-CEDICT, Chinese → English)."""
    source: str = ""
    """The question's word it renders (empty for the question's own words); a Korean
    question's dictionary word renders its Korean word through the Sino-Korean bridge
    (외국 → 外国 → foreign)."""


class ArticleHitPublic(BaseModel):
    """One article for the question; ``url`` opens the whole article in the console,
    the words it shares with the question marked."""

    lang: str
    title: str
    article: str
    heading: str
    score: float
    snippet: str
    url: str
    date: str | None = None
    """The document's date; for a CFR section, the last amendment its text cites."""
    caveat: str = ""
    """What to know before relying on the text (CFR sections: a partial eCFR mirror)."""
    matched: list[MatchedWordPublic] = []
    """Why it answers: the words it shares with the question, by path, longest first."""
    relied_on_by: str = ""
    """The CFR section above it in these results that relies on it (cites it twice or
    more), if one does."""
    why: str = ""
    """``matched`` and ``relied_on_by`` as sentences in the caller's language (or: found
    by meaning)."""


class ArticleHitsPublic(BaseModel):
    """The best articles, best first."""

    query: str
    data: list[ArticleHitPublic]
    count: int


@router.get(
    "/search", response_model=ArticleHitsPublic, responses={**AUTH, **BAD_INPUT, **NOT_FOUND}
)
async def search(
    limits: LimitsDep,
    folders: FoldersDep,
    q: str,
    written_in: Annotated[
        str | None,
        Query(
            alias="in",
            description="The articles' language: ko, zh, en or any (default). `lang` is "
            "then the reader's language, as on every call.",
        ),
    ] = None,
    lang: Annotated[
        str | None,
        Query(
            deprecated=True,
            description="Deprecated as the articles' language (the call's first form, "
            "without `in`; the reader's language then comes from Accept-Language). With "
            "`in`, it is the reader's language, as on every call.",
        ),
    ] = None,
    jurisdiction: str | None = None,
    law: str | None = None,
    since: str | None = None,
    until: str | None = None,
    k: int = 10,
) -> ArticleHitsPublic:
    """Search the legal index with the CLI's filters; ``in`` is the articles' language
    (``why`` comes in the reader's: ``lang``, their saved choice or Accept-Language)."""
    field, articles = ("in", written_in) if written_in is not None else ("lang", lang)
    found = await run_in_threadpool(
        lambda: search_laws(
            folders.index,
            q,
            lang="any" if articles is None else articles,
            lang_field=field,
            jurisdiction=jurisdiction,
            law=law,
            since=since,
            until=until,
            k=k,
            limits=limits,
        )
    )
    data = [
        ArticleHitPublic(
            lang=r.lang,
            title=r.title,
            article=r.article,
            heading=r.heading,
            score=r.score,
            snippet=r.snippet,
            url="/search/article?" + urlencode({"doc": r.doc_id, "article": r.article, "q": q}),
            date=r.date,
            caveat=caveat(r, current()),
            matched=[MatchedWordPublic(word=m.word, via=m.via, source=m.source) for m in r.matched],
            relied_on_by=r.relied_on_by,
            why=explanation(r, current()),
        )
        for r in found
    ]
    return ArticleHitsPublic(query=q, data=data, count=len(data))


@router.post(
    "/search/index", response_model=JobPublic, status_code=202, responses=AUTH, tags=["jobs"]
)
def build_index(engine: EngineDep, folders: FoldersDep, user: CurrentUser) -> JobPublic:
    """Queue (re)building the legal search index of the bundled laws."""
    return job_public(
        jobs.submit(engine, "build_search_index", {"index": str(folders.index)}, user.name)
    )
