"""Legal search: a question with the CLI's filters, results, and the whole article.

Document ids are file paths on the server: the page never shows them, only passes
them back as an opaque parameter, and ``article_text`` answers NotFound for any id
the index does not hold.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import RedirectResponse, Response
from markupsafe import Markup, escape
from starlette.concurrency import run_in_threadpool

from corridor.core import markdown
from corridor.services import jobs
from corridor.services.search import (
    LANGS,
    Article,
    article_text,
    caveat,
    check_language,
    explanation,
    marked,
    search_laws,
)
from corridor.web.deps import CurrentUser, EngineDep, FoldersDep, LimitsDep
from corridor.web.i18n import current
from corridor.web.pages.render import render

router = APIRouter()


def paragraphs(article: Article) -> list[tuple[int, Markup]]:
    """An article's lines as (indent level, escaped HTML with its bold and italics kept
    as emphasis, and the words it shares with the question it was opened from marked):
    the corpus is Markdown, whose marks a reader should not see."""
    out = []
    for line in article.text.split("\n"):
        if line.strip() == "":
            continue
        html = Markup("").join(
            Markup("<{0}>{1}</{0}>").format(Markup(tag), _marked(part, article))
            if tag
            else _marked(part, article)
            for tag, part in markdown.spans(line.strip())
        )
        out.append((min(3, (len(line) - len(line.lstrip())) // 2), html))
    return out


def _marked(text: str, article: Article) -> Markup:
    """A piece of the article's text, escaped, its words shared with the question in <mark>."""
    return Markup("").join(
        Markup("<mark>{}</mark>").format(run) if hit else escape(run)
        for run, hit in marked(text, article)
    )


@router.get("/search")
async def search_page(
    request: Request,
    limits: LimitsDep,
    folders: FoldersDep,
    q: str = "",
    written_in: Annotated[str, Query(alias="in")] = "any",
    jurisdiction: str = "",
    law: str = "",
    since: str = "",
    until: str = "",
    k: int = 10,
) -> Response:
    """The question box; with a question, the best articles for it. The articles'
    language is ``in`` (``?in=zh``): ``lang`` chooses the page's own language, and a
    lawyer reading in Korean who asks for Chinese articles keeps a Korean page."""
    results = None
    check_language(written_in, "in")  # with no question too: the form shows what it was given
    if q.strip() != "":
        results = await run_in_threadpool(
            lambda: search_laws(
                folders.index,
                q,
                lang=written_in,
                jurisdiction=jurisdiction or None,
                law=law or None,
                since=since or None,
                until=until or None,
                k=k,
                limits=limits,
                lang_field="in",
            )
        )
    form: dict[str, object] = {"q": q, "in": written_in, "jurisdiction": jurisdiction, "law": law}
    form |= {"since": since, "until": until, "k": k}
    caveats = [caveat(r, current()) for r in results or []]
    whys = [explanation(r, current()) for r in results or []]
    shown = {"form": form, "langs": LANGS, "results": results, "caveats": caveats, "whys": whys}
    return render(request, "search.html", shown)


@router.get("/search/article")
def article_page(
    request: Request, folders: FoldersDep, doc: str = "", article: str = "", q: str = ""
) -> Response:
    """One whole article of the index (NotFound for a document it does not hold)."""
    if doc == "" or article == "":
        return RedirectResponse("/search", status_code=303)
    found = article_text(folders.index, doc, article, q)
    paras = paragraphs(found)
    return render(request, "article.html", {"a": found, "q": q, "paras": paras})


@router.post("/search/index")
def build_index_page(engine: EngineDep, folders: FoldersDep, user: CurrentUser) -> RedirectResponse:
    """Queue (re)building the legal search index of the bundled laws; show the job."""
    job = jobs.submit(engine, "build_search_index", {"index": str(folders.index)}, user.name)
    return RedirectResponse(f"/jobs/{job.id}", status_code=303)
