"""Reading documents: the legal corpus (JSONL, Markdown key laws) and a user's own files.

A user's files may be text (``.txt``, ``.md``, ``.html``), PDF (the text layer, read with
pypdf) or Word ``.docx`` (its XML read directly; heading styles become Markdown headings
so papers chunk by section and laws by article).

Incremental: each document carries a content hash; re-ingesting reuses the chunks
and tokens of every document whose hash did not change.

Any file may be hostile: too big (``Limits.file_bytes``), empty, binary junk under a
text name, a damaged PDF, DOCX or gzip, a malformed JSONL line. Each is an InvalidInput
naming the file (and for JSONL the line and field), never a traceback.
"""

from __future__ import annotations

import codecs
import hashlib
import html
import re
from collections.abc import Iterator
from pathlib import Path

from corridor.core.documents import Document
from corridor.core.limits import DEFAULT_LIMITS, Limits
from corridor.core.names import Script
from corridor.exc import InvalidInput
from corridor.search.docx import read_docx
from corridor.search.records import read_jsonl
from corridor.text.scripts import script_counts

_LANG_BY_DIR = {"ko": ("ko", "KR"), "zh": ("zh", "CN"), "en": ("en", "US")}
SUFFIXES = (".jsonl", ".jsonl.gz", ".md", ".txt", ".html", ".htm", ".pdf", ".docx")
SKIPPED = frozenset({"PROVENANCE.md", "README.md"})
# Not documents though their names say so: Word's lock file of an open document
# (~$name.docx) and macOS metadata beside a file on a foreign disk (._name.pdf).
_SKIPPED_PREFIXES = ("~$", "._")
_SUPPORTED = "pdf, docx, txt, md, html, jsonl[.gz]"
# The largest XML part of a .docx read (uncompressed): a zip bomb stops here.


def digest(doc: Document) -> str:
    """A hash of everything a document's chunks carry (its text and its metadata: a
    moved or re-dated file must not keep its old chunks)."""
    fields = (doc.id, doc.lang, doc.jurisdiction, doc.date, doc.source, doc.kind, doc.title)
    return hashlib.sha256("\n".join([*map(str, fields), doc.text]).encode()).hexdigest()


def read_path(path: Path, limits: Limits = DEFAULT_LIMITS) -> Iterator[Document]:
    """Every document under ``path`` (a file or a folder, recursively)."""
    for file in files_under(path):
        yield from read_file(file, limits)


def files_under(path: Path) -> list[Path]:
    """The document files ``path`` names: itself, or those in it (recursively, sorted)."""
    if path.is_dir():
        return [
            child
            for child in sorted(path.rglob("*"))
            # a folder's own description or a tool's side file is not a document
            if child.name not in SKIPPED
            and not child.name.startswith(_SKIPPED_PREFIXES)
            and child.is_file()
            and child.name.lower().endswith(SUFFIXES)
        ]
    if not path.is_file():
        raise InvalidInput("file or folder does not exist", file=str(path))
    return [path]


def read_file(path: Path, limits: Limits = DEFAULT_LIMITS) -> Iterator[Document]:
    """The documents of one file (several for JSONL, else one), its size checked first."""
    suffix = path.suffix.lower()
    if not path.name.lower().endswith(SUFFIXES):
        known = suffix in (".doc", ".hwp", ".hwpx")
        advice = ": save it as .docx or PDF" if known else ""
        raise InvalidInput(f"unsupported file type ({_SUPPORTED}){advice}", file=str(path))
    try:
        size = path.stat().st_size
    except OSError as err:
        raise InvalidInput(f"cannot read the file ({err.strerror or err})", file=str(path)) from err
    if size > limits.file_bytes:
        raise InvalidInput(
            f"larger than {limits.file_bytes} bytes (CORRIDOR_MAX_FILE_BYTES)",
            file=str(path),
            field="size",
            value=size,
        )
    if size == 0:
        raise InvalidInput("empty file", file=str(path), field="size", value=0)
    if path.name.lower().endswith((".jsonl", ".jsonl.gz")):
        yield from read_jsonl(path, limits)
    elif suffix in (".md", ".txt", ".html", ".htm"):
        yield _text_file(path)
    elif suffix == ".pdf":
        yield _pdf_file(path)
    else:
        yield _docx_file(path)


def _guess(path: Path, text: str) -> tuple[str, str]:
    for part in path.parts:
        if part in _LANG_BY_DIR:
            return _LANG_BY_DIR[part]
    counts = script_counts(text)
    hangul, han = counts[Script.HANGUL], counts[Script.HAN]
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
    # A PDF's text layer can hold lone surrogates, which no index file could encode.
    text = text.encode("utf-8", "replace").decode("utf-8")
    lang, jurisdiction = _guess(path, text)
    return Document(
        f"file:{path.as_posix()}",
        lang,
        jurisdiction,
        title or _title(path, text),
        text,
        date=_date(path, text),
        source=str(path),
        kind="law" if _LAW.search(text) else "paper",
    )


_DATE = r"(\d{4}-\d{2}-\d{2})"


def _date(path: Path, text: str) -> str | None:
    """The date in force: 시행일자 (or 공포일자) of law.go.kr front matter, else a date in
    the file name ("个人信息保护法(2021-08-20).md"); None when neither says."""
    for field in ("시행일자", "effective_date", "공포일자", "date"):
        found = re.search(rf"^{field}:\s*'?{_DATE}", text[:3000], re.M)
        if found:
            return found.group(1)
    found = re.search(rf"\({_DATE}\)", path.stem)
    return found.group(1) if found else None


def _text_file(path: Path) -> Document:
    text = _decoded(path)
    if path.suffix.lower() in (".html", ".htm"):
        text = html.unescape(re.sub(r"<[^>]+>", " ", text))
    if not re.search(r"[^\W\d_]", text):
        raise InvalidInput("no text in the file (no letters at all)", file=str(path))
    return _document(path, text)


_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f\ufffd]")
BINARY_SHARE = 0.02  # undecodable or control characters beyond which a file is not text


def _decoded(path: Path) -> str:
    """A text file's text: UTF-8 (or UTF-16 with a byte-order mark, as Windows saves).

    A stray bad byte is replaced, but a file that is mostly not text (a binary renamed
    .txt, or a legacy encoding) is refused: indexing its garbage would only pollute
    the index's vocabulary.
    """
    try:
        data = path.read_bytes()
    except OSError as err:
        raise InvalidInput(f"cannot read the file ({err.strerror or err})", file=str(path)) from err
    encoding = next((name for bom, name in _BOMS if data.startswith(bom)), "utf-8")
    text = data.decode(encoding, errors="replace")
    junk = len(_CONTROL.findall(text))
    if junk > BINARY_SHARE * len(text):
        raise InvalidInput(
            f"not UTF-8 text ({junk} of {len(text)} characters are binary or undecodable): "
            "save it as UTF-8 text",
            file=str(path),
        )
    return text


def _title(path: Path, text: str) -> str:
    found = re.search(r"^제목:\s*(.+)$", text, re.M) or re.search(r"^#\s+(.+)$", text, re.M)
    if found:
        return found.group(1).strip()
    return re.sub(r"\(\d{4}-\d{2}-\d{2}\)$", "", path.stem)


# A heading-like line: short, not a sentence, not an article (PDF text has no Markdown).
_SENTENCE_END = tuple(".,;:。，；：、")
_ARTICLE_LINE = re.compile(r"^(?:제\d+조|第[一二三四五六七八九十百千零〇两]+条)")
_JUNK_TITLE = re.compile(r"^(?:untitled|.*\.(?:docx?|hwpx?|pdf|rtf|odt))$", re.I)


def _pdf_file(path: Path) -> Document:
    """The text layer of a PDF, page after page; title from its metadata or first line."""
    from pypdf import PdfReader  # imported late: it costs the CLI a quarter second
    from pypdf.errors import DependencyError, FileNotDecryptedError

    try:
        reader = PdfReader(path)
        pages = [page.extract_text() or "" for page in reader.pages]
        metadata = reader.metadata
        meta_title = metadata.title if metadata is not None else None
    except FileNotDecryptedError as err:
        raise InvalidInput(
            "encrypted PDF: it needs a password (save an unprotected copy)", file=str(path)
        ) from err
    except DependencyError as err:
        raise InvalidInput(
            f"encrypted PDF that cannot be decrypted here ({err}); save an unprotected copy",
            file=str(path),
        ) from err
    except Exception as err:
        # pypdf raises many kinds of error on a damaged file (its own, ValueError,
        # KeyError, zlib.error, ...); each is the file's fault, none a traceback's.
        raise InvalidInput(
            f"not a readable PDF ({type(err).__name__}: {err})", file=str(path)
        ) from err
    if not pages:
        raise InvalidInput("not a readable PDF: it has no pages", file=str(path))
    text = "\n".join(page.strip("\n") for page in pages)
    if not re.search(r"[^\W\d_]", text):  # nothing but page numbers, if anything
        raise InvalidInput(
            f"no text layer in {len(pages)} page(s) (a scan?); OCR it first", file=str(path)
        )
    title = (meta_title or "").strip()
    if _JUNK_TITLE.match(title):
        title = ""  # "Microsoft Word - draft.docx", "untitled": not a title
    return _document(path, text, title or _heading_line(text))


def _heading_line(text: str, within: int = 5) -> str | None:
    """The first heading-like line among the first ``within`` lines with text."""
    lines = [line.strip() for line in text.splitlines() if line.strip()][:within]
    for line in lines:
        if (
            len(line) <= 100
            and re.search(r"[^\W\d_]", line)
            and not line.endswith(_SENTENCE_END)
            and not _ARTICLE_LINE.match(line)
        ):
            return line
    return None


def _docx_file(path: Path) -> Document:
    text, title = read_docx(path)
    return _document(path, text, title)
