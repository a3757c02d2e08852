"""Reading documents: the legal corpus (JSONL, Markdown key laws) and a user's own files.

Incremental: each document carries a content hash; re-ingesting reuses the chunks
and tokens of every document whose hash did not change.
"""

from __future__ import annotations

import gzip
import hashlib
import html
import json
import re
from collections.abc import Iterator
from pathlib import Path

from corridor.core.documents import Document
from corridor.exc import InvalidInput

_LANG_BY_DIR = {"ko": ("ko", "KR"), "zh": ("zh", "CN"), "en": ("en", "US")}
SUFFIXES = (".jsonl", ".jsonl.gz", ".md", ".txt", ".html", ".htm")
SKIPPED = frozenset({"PROVENANCE.md", "README.md"})


def digest(doc: Document) -> str:
    """A content hash of a document (title and text)."""
    return hashlib.sha256(f"{doc.title}\n{doc.text}".encode()).hexdigest()


def read_path(path: Path) -> Iterator[Document]:
    """Every document under ``path`` (a file or a folder, recursively)."""
    if path.is_dir():
        for child in sorted(path.rglob("*")):
            if child.name in SKIPPED:
                continue  # a folder's own description, not a document
            if child.is_file() and child.name.endswith(SUFFIXES):
                yield from read_path(child)
        return
    if not path.is_file():
        raise InvalidInput("file or folder does not exist", file=str(path))
    if path.name.endswith((".jsonl", ".jsonl.gz")):
        yield from _jsonl(path)
    elif path.suffix.lower() in (".md", ".txt", ".html", ".htm"):
        yield _text_file(path)
    else:
        raise InvalidInput("unsupported file type (txt, md, html, jsonl[.gz])", file=str(path))


def _jsonl(path: Path) -> Iterator[Document]:
    opener = gzip.open if path.name.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            try:
                record = json.loads(line)
            except json.JSONDecodeError as err:
                raise InvalidInput(
                    f"not valid JSON: {err.msg}", file=str(path), row=number
                ) from err
            cfr = "section" in record
            yield Document(
                id=record["id"],
                lang=record["lang"],
                jurisdiction=record["jurisdiction"],
                title=record["title"],
                text=record["text"],
                date=record.get("effective_date") or record.get("version_date"),
                source=record.get("section") if cfr else record.get("official_url"),
                kind="cfr" if cfr else "law",
            )


def _guess(path: Path, text: str) -> tuple[str, str]:
    for part in path.parts:
        if part in _LANG_BY_DIR:
            return _LANG_BY_DIR[part]
    hangul = len(re.findall(r"[\uac00-\ud7a3]", text))
    han = len(re.findall(r"[\u4e00-\u9fff]", text))
    if hangul > han:
        return "ko", "KR"
    return ("zh", "CN") if han > 0 else ("en", "")


# A law's articles: a Markdown heading 제N조, an unmarked 제N조(제목) as printed (and as
# a PDF's text layer gives it), or 第N条 at the start of a line.
_LAW = re.compile(
    r"^#{1,6}\s*제\d+조"
    r"|^[ \t]*제\d+조(?:의\d+)?[ \t]*\([^)\n]+\)"
    r"|^[ \t]*第[一二三四五六七八九十百]+条",
    re.M,
)


def _document(path: Path, text: str, title: str | None = None) -> Document:
    """A user's file as a document: language, jurisdiction and kind guessed from its text."""
    lang, jurisdiction = _guess(path, text)
    return Document(
        f"file:{path.as_posix()}",
        lang,
        jurisdiction,
        title or _title(path, text),
        text,
        source=str(path),
        kind="law" if _LAW.search(text) else "paper",
    )


def _text_file(path: Path) -> Document:
    text = path.read_text(encoding="utf-8", errors="replace")
    if path.suffix.lower() in (".html", ".htm"):
        text = html.unescape(re.sub(r"<[^>]+>", " ", text))
    return _document(path, text)


def _title(path: Path, text: str) -> str:
    found = re.search(r"^제목:\s*(.+)$", text, re.M) or re.search(r"^#\s+(.+)$", text, re.M)
    if found:
        return found.group(1).strip()
    return re.sub(r"\(\d{4}-\d{2}-\d{2}\)$", "", path.stem)
