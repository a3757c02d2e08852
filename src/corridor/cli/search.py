"""``corridor search``: index legal texts, then ask in Korean, Chinese or English."""

from __future__ import annotations

import os
from dataclasses import asdict
from pathlib import Path

import typer
from rich.markup import escape
from rich.table import Table

from corridor.cli.common import console, emit, guard


def search(
    words: list[str] = typer.Argument(
        ...,
        help="`index [PATH…]` to build the index (default: "
        "the bundled key laws), or a question in ko/zh/en.",
    ),
    lang: str = typer.Option("any", help="Only results in ko, zh, en (or any)."),
    k: int = typer.Option(10, help="How many articles to return."),
    as_json: bool = typer.Option(
        False,
        "--json",
        help="Print JSON: a list of {lang, title, article, heading, score, snippet, doc_id, "
        "date, matched: [{word, via, source}], relied_on_by, why, caveat} "
        "(with `index`: {index, documents, articles, reused}).",
    ),
    index: Path | None = typer.Option(
        None, help="Index folder (default: CORRIDOR_SEARCH_INDEX or ./search-index)."
    ),
    jurisdiction: str | None = typer.Option(None, help="Only KR, CN or US law."),
    law: str | None = typer.Option(
        None, help="Only one law: a name (PIPL, 대외무역법, EAR…) or words of its title."
    ),
    since: str | None = typer.Option(
        None, help="Only documents in force on or after (YYYY-MM-DD); undated ones are left out."
    ),
    until: str | None = typer.Option(
        None, help="Only documents dated on or before (YYYY-MM-DD); undated ones are left out."
    ),
    vectors: str = typer.Option(
        "key-laws",
        help="With `index`: which articles get dense vectors (key-laws, all, none); "
        "key-laws are the laws of Corridor's law catalogue.",
    ),
    no_expand: bool = typer.Option(
        False,
        "--no-expand",
        help="Do not expand the question across languages with the legal glossary.",
    ),
) -> None:
    """Article-aware multilingual legal search (BM25 + cross-lingual glossary)."""
    from corridor.services.search_start import start_question

    if words[0] != "index":
        start_question(" ".join(words))  # first: Korean analysis beside the loading below
    from corridor.services.search import caveat, explanation, index_paths, search_laws
    from corridor.settings import Settings

    with guard():
        settings = Settings()
        folder = index or settings.search_index
        if words[0] == "index":
            paths = [Path(p) for p in words[1:]]
            workers = os.cpu_count() or 1
            docs, chunks, reused = index_paths(paths, folder, vectors, workers, settings.limits())
            if as_json:
                emit({"index": folder, "documents": docs, "articles": chunks, "reused": reused})
                return
            console.print(
                f"indexed {docs} documents as {chunks} articles/sections in {folder} "
                f"({reused} documents unchanged and reused)"
            )
            return
        results = search_laws(
            folder,
            " ".join(words),
            lang=lang,
            jurisdiction=jurisdiction,
            law=law,
            since=since,
            until=until,
            k=k,
            cross_lingual=not no_expand,
            limits=settings.limits(),
        )
        locale = (os.environ.get("LANG") or "en")[:2]  # caveats in the reader's language
        if as_json:
            emit(
                [
                    {**asdict(r), "why": explanation(r, locale), "caveat": caveat(r, locale)}
                    for r in results
                ]
            )
            return
        table = Table(title=escape(" ".join(words)))  # a law's text may hold [brackets]
        for column in ("score", "law", "article", "date", "heading", "text"):
            table.add_column(column, overflow="fold")
        for r in results:
            warning = caveat(r, locale)
            text = f"{escape(r.snippet[:160])}\n[dim]{escape(explanation(r, locale))}[/dim]"
            text += f"\n[yellow]{escape(warning)}[/yellow]" if warning else ""
            cells = (r.title, r.article, r.date or "", r.heading)
            table.add_row(f"{r.score:.2f}", *map(escape, cells), text)
        console.print(table)
