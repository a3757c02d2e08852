"""Splitting laws into articles (제N조, 第N条, § N) and papers into sections."""

from __future__ import annotations

import re

from corridor.core.documents import Chunk, Document

_KO_ARTICLE = re.compile(r"^#{0,6}\s*(제\d+조(?:의\d+)?)\s*(?:\(([^)]*)\))?\s*(.*)$")
_KO_CHAPTER = re.compile(r"^#{1,6}\s*(제\d+(?:장|편|절)(?:의\d+)?(?:\s.*)?)$")
_ZH_ARTICLE = re.compile(
    r"^\s*(第[一二三四五六七八九十百千零〇两]+条(?:之[一二三四五六七八九十]+)?)\s*(.*)$"
)
_ZH_CHAPTER = re.compile(r"^#{0,6}\s*(第[一二三四五六七八九十百零〇]+[章节编]\s*.*)$")
_HEADING = re.compile(r"^#{1,6}\s+(.+)$")
# A repealed article keeps its number and says only so ("삭제 <2020.2.4>", "（删除）"):
# nothing to find there, and its short text would rank high for any word of the title.
_REPEALED = re.compile(
    r"(?:삭제|删除|\[?Reserved\]?)\s*(?:[<〈(（][^>〉)）]*[>〉)）])?\.?" r"|[(（]删除[)）]", re.I
)


def chunk_document(doc: Document, max_chars: int = 2400) -> list[Chunk]:
    """Articles for laws in Korean or Chinese; sections for English CFR records and papers."""
    if doc.kind == "law" and doc.lang == "ko":
        return _articles(doc, _KO_ARTICLE, _KO_CHAPTER, ko=True) or _sections(doc, max_chars)
    if doc.kind == "law" and doc.lang == "zh":
        return _articles(doc, _ZH_ARTICLE, _ZH_CHAPTER, ko=False) or _sections(doc, max_chars)
    return _sections(doc, max_chars)


def _front_matter_end(lines: list[str]) -> int:
    if lines and lines[0].strip() == "---":
        for i in range(1, len(lines)):
            if lines[i].strip() == "---":
                return i + 1
    return 0


def _chunk(doc: Document, label: str, heading: str, text: str, chapter: str = "") -> Chunk:
    """A piece of ``doc`` carrying the document's identity, language and date."""
    return Chunk(
        doc.id, doc.lang, doc.jurisdiction, doc.title, label, heading, text, chapter, doc.date
    )


def _articles(
    doc: Document, article: re.Pattern[str], chapter: re.Pattern[str], *, ko: bool
) -> list[Chunk]:
    lines = doc.text.splitlines()
    out: list[Chunk] = []
    current: tuple[str, str] | None = None
    body: list[str] = []
    part = ""

    def flush() -> None:
        text = "\n".join(body).strip()
        if current is not None and not _REPEALED.fullmatch(text):
            out.append(_chunk(doc, current[0], current[1], text, part))

    for line in lines[_front_matter_end(lines) :]:
        found_chapter = chapter.match(line)
        if found_chapter:
            flush()
            current, body = None, []
            part = found_chapter.group(1).strip()
            continue
        found = article.match(line)
        marked = line.lstrip().startswith("#") or (ko and bool(found and found.group(2)))
        if found and (marked if ko else not line.startswith("#")):
            flush()
            label = found.group(1)
            heading = (found.group(2) or "").strip() if ko else ""
            rest = found.group(3) if ko else found.group(2)
            current, body = (label, heading), [rest.strip()] if rest and rest.strip() else []
            continue
        if current is not None:
            body.append(line)
    flush()
    return out


def _sections(doc: Document, max_chars: int) -> list[Chunk]:
    """Headings and paragraphs, cut to at most ``max_chars`` (CFR records: one section)."""
    if doc.kind == "cfr" and doc.title.rstrip(". ").endswith("[Reserved]"):
        return []  # "15 CFR § 746.10 [Reserved]": a number kept for later use
    label = str(doc.source or "") if doc.kind == "cfr" else ""
    heading = ""
    out: list[Chunk] = []
    buffer: list[str] = []
    size = 0

    def flush() -> None:
        text = "\n".join(buffer).strip()
        if text:
            out.append(_chunk(doc, label, heading, text))

    for line in doc.text.splitlines():
        found = _HEADING.match(line)
        if found and doc.kind != "cfr":
            flush()
            buffer, size, heading = [], 0, found.group(1).strip()
            continue
        buffer.append(line)
        size += len(line)
        if size > max_chars:
            flush()
            buffer, size = [], 0
    flush()
    return out
