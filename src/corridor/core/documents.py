"""Documents and their article-sized chunks, the units legal search finds."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Document:
    """A law, regulation or paper as ingested (one language, one jurisdiction)."""

    id: str
    lang: str
    jurisdiction: str
    title: str
    text: str
    date: str | None = None
    source: str | None = None
    kind: str = "law"  # law | paper


@dataclass(frozen=True, slots=True)
class Chunk:
    """An article (or a section of a paper) with where it sits in its document."""

    doc_id: str
    lang: str
    jurisdiction: str
    title: str
    article: str  # label as printed: 제28조의8, 第三十八条, 510.201, or "" for papers
    heading: str
    text: str
    chapter: str = ""
    date: str | None = None
    extra: dict[str, str] = field(default_factory=dict)
