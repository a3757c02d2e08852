"""Reading documents: the legal corpus (JSONL, Markdown key laws) and a user's own files.

A user's files may be text (``.txt``, ``.md``, ``.html``), PDF (the text layer, read with
pypdf) or Word ``.docx`` (its XML read directly; heading styles become Markdown headings
so papers chunk by section and laws by article).

Incremental: each document carries a content hash; re-ingesting reuses the chunks
and tokens of every document whose hash did not change.
"""

from __future__ import annotations

import gzip
import hashlib
import html
import json
import re
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path
from xml.etree import ElementTree

from corridor.core.documents import Document
from corridor.exc import InvalidInput

_LANG_BY_DIR = {"ko": ("ko", "KR"), "zh": ("zh", "CN"), "en": ("en", "US")}
SUFFIXES = (".jsonl", ".jsonl.gz", ".md", ".txt", ".html", ".htm", ".pdf", ".docx")
SKIPPED = frozenset({"PROVENANCE.md", "README.md"})
# Not documents though their names say so: Word's lock file of an open document
# (~$name.docx) and macOS metadata beside a file on a foreign disk (._name.pdf).
_SKIPPED_PREFIXES = ("~$", "._")
_SUPPORTED = "pdf, docx, txt, md, html, jsonl[.gz]"
# The largest XML part of a .docx read (uncompressed): a zip bomb stops here.
DOCX_PART_LIMIT = 50 * 1024 * 1024


def digest(doc: Document) -> str:
    """A content hash of a document (title and text)."""
    return hashlib.sha256(f"{doc.title}\n{doc.text}".encode()).hexdigest()


def read_path(path: Path) -> Iterator[Document]:
    """Every document under ``path`` (a file or a folder, recursively)."""
    if path.is_dir():
        for child in sorted(path.rglob("*")):
            if child.name in SKIPPED or child.name.startswith(_SKIPPED_PREFIXES):
                continue  # a folder's own description or a tool's side file, not a document
            if child.is_file() and child.name.lower().endswith(SUFFIXES):
                yield from read_path(child)
        return
    if not path.is_file():
        raise InvalidInput("file or folder does not exist", file=str(path))
    suffix = path.suffix.lower()
    if path.name.lower().endswith((".jsonl", ".jsonl.gz")):
        yield from _jsonl(path)
    elif suffix in (".md", ".txt", ".html", ".htm"):
        yield _text_file(path)
    elif suffix == ".pdf":
        yield _pdf_file(path)
    elif suffix == ".docx":
        yield _docx_file(path)
    elif suffix in (".doc", ".hwp", ".hwpx"):
        raise InvalidInput(
            f"unsupported file type ({_SUPPORTED}): save it as .docx or PDF", file=str(path)
        )
    else:
        raise InvalidInput(f"unsupported file type ({_SUPPORTED})", file=str(path))


def _jsonl(path: Path) -> Iterator[Document]:
    opener = gzip.open if path.name.lower().endswith(".gz") else open
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


# WordprocessingML: transitional and strict namespaces; markup compatibility; Dublin Core.
_W = (
    "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "http://purl.oclc.org/ooxml/wordprocessingml/main",
)
_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_DC = "http://purl.org/dc/elements/1.1/"
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # a compound file: .doc, or a password-protected .docx
# Inside a paragraph, not its text: properties (tab stops are w:tab too), tracked
# deletions and moves away, and markup-compatibility fallbacks (a copy of the choice).
_NOT_TEXT = frozenset({"pPr", "rPr", "del", "moveFrom", "Fallback"})
_HEADING_STYLE = re.compile(r"heading\s*([1-9])|(title)", re.I)


def _docx_file(path: Path) -> Document:
    """A Word document's paragraphs; heading styles (and Title) become Markdown headings."""
    try:
        with path.open("rb") as handle:
            head = handle.read(len(_OLE))
    except OSError as err:
        raise InvalidInput(f"cannot read the file ({err.strerror or err})", file=str(path)) from err
    if head == _OLE:
        raise InvalidInput(
            "password-protected or old-format Word file, not a .docx zip: "
            "remove the password or save it as .docx",
            file=str(path),
        )
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError, ValueError) as err:
        raise InvalidInput(f"not a Word .docx: not a readable zip ({err})", file=str(path)) from err
    with archive:
        names = set(archive.namelist())
        if "word/document.xml" not in names:
            raise InvalidInput("not a Word .docx: no word/document.xml in it", file=str(path))
        document = _xml_part(path, archive, "word/document.xml")
        styles, core = (
            _xml_part(path, archive, part) if part in names else None
            for part in ("word/styles.xml", "docProps/core.xml")
        )
    text = _docx_text(document, _heading_levels(styles))
    if not re.search(r"[^\W\d_]", text):
        raise InvalidInput("no text in the document (only images? OCR it first)", file=str(path))
    title = None
    if core is not None:
        found = core.find(f"{{{_DC}}}title")
        title = (found.text or "").strip() if found is not None else None
    return _document(path, text, title)


def _xml_part(path: Path, archive: zipfile.ZipFile, name: str) -> ElementTree.Element:
    """One XML part of a .docx, read no further than ``DOCX_PART_LIMIT``."""
    try:
        with archive.open(name) as handle:
            data = handle.read(DOCX_PART_LIMIT + 1)  # never more, whatever the zip claims
    except (
        zipfile.BadZipFile,
        zlib.error,
        OSError,
        EOFError,
        NotImplementedError,
        RuntimeError,  # an entry encrypted with a zip password
        ValueError,
    ) as err:
        raise InvalidInput(f"damaged .docx: cannot unpack {name} ({err})", file=str(path)) from err
    if len(data) > DOCX_PART_LIMIT:
        raise InvalidInput(
            f"{name} unpacks to more than {_size(DOCX_PART_LIMIT)}; not read",
            file=str(path),
        )
    if b"<!DOCTYPE" in data:  # Word never writes one; entity tricks need one
        raise InvalidInput(
            f"{name} declares a DOCTYPE, which Word never does; not read", file=str(path)
        )
    try:
        return ElementTree.fromstring(data)
    except ElementTree.ParseError as err:
        raise InvalidInput(f"malformed XML in {name}: {err}", file=str(path)) from err


def _size(count: int) -> str:
    return f"{count // 2**20} MB" if count >= 2**20 else f"{count} bytes"


def _name(element: ElementTree.Element) -> tuple[str, str]:
    """(namespace, local name) of an element."""
    namespace, _, local = element.tag[1:].rpartition("}")
    return (namespace, local) if element.tag.startswith("{") else ("", element.tag)


def _is_w(element: ElementTree.Element, *local: str) -> bool:
    namespace, name = _name(element)
    return namespace in _W and name in local


def _w_attr(element: ElementTree.Element | None, attr: str) -> str | None:
    if element is None:
        return None
    for namespace in _W:
        value = element.get(f"{{{namespace}}}{attr}")
        if value is not None:
            return value
    return None


def _w_child(element: ElementTree.Element | None, *path: str) -> ElementTree.Element | None:
    """The first descendant along ``path`` of w: local names."""
    for local in path:
        if element is None:
            return None
        element = next((c for c in element if _is_w(c, local)), None)
    return element


def _outline(element: ElementTree.Element | None) -> int | None:
    """Heading level (1-9) from a w:pPr's outline level; 9 there means body text."""
    value = _w_attr(_w_child(element, "outlineLvl"), "val")
    return int(value) + 1 if value is not None and value.isdigit() and int(value) < 9 else None


def _heading_levels(styles: ElementTree.Element | None) -> dict[str, int]:
    """Heading level of each paragraph style id.

    styles.xml names built-in styles in English ("heading 1", "Title") whatever the
    language of Word, while ids follow it (Heading1, 1, 제목1): names decide, then
    outline levels, then the style a style is based on.
    """
    if styles is None:
        return {}
    own: dict[str, int | None] = {}
    based: dict[str, str] = {}
    for style in styles:
        if not _is_w(style, "style") or _w_attr(style, "type") not in (None, "paragraph"):
            continue
        sid = _w_attr(style, "styleId") or ""
        named = _HEADING_STYLE.fullmatch((_w_attr(_w_child(style, "name"), "val") or "").strip())
        level = (int(named.group(1)) if named.group(1) else 1) if named else None
        own[sid] = level or _outline(_w_child(style, "pPr"))
        parent = _w_attr(_w_child(style, "basedOn"), "val")
        if parent:
            based[sid] = parent
    levels: dict[str, int] = {}
    for sid in own:
        current: str | None = sid
        for _ in range(10):  # basedOn chains are short; a cycle stops here
            if current is None:
                break
            level = own.get(current)
            if level is not None:
                levels[sid] = level
                break
            current = based.get(current)
    return levels


def _docx_text(document: ElementTree.Element, levels: dict[str, int]) -> str:
    """Paragraphs as lines (blank lines between), headings as Markdown ``#`` lines."""
    out: list[str] = []
    for paragraph in _paragraphs(document):
        text = _paragraph_text(paragraph).strip()
        if not text:
            continue
        props = _w_child(paragraph, "pPr")
        style = _w_attr(_w_child(props, "pStyle"), "val")
        level = _outline(props) or (levels.get(style) if style else None)
        if level is None and style and not levels:  # no styles.xml: trust the id
            named = _HEADING_STYLE.fullmatch(style)
            level = (int(named.group(1)) if named.group(1) else 1) if named else None
        if level is not None:
            text = "#" * min(level, 6) + " " + " ".join(text.split())
        out.append(text)
    return "\n\n".join(out)


def _paragraphs(root: ElementTree.Element) -> Iterator[ElementTree.Element]:
    """Paragraphs in document order (in tables too), not descending into them."""
    stack = list(reversed(root))
    while stack:
        element = stack.pop()
        if _is_w(element, "p"):
            yield element
        elif _name(element)[1] != "Fallback" or _name(element)[0] != _MC:
            stack.extend(reversed(element))


def _paragraph_text(paragraph: ElementTree.Element) -> str:
    """Text runs, tabs and breaks of a paragraph (a text box's paragraphs on new lines)."""
    parts: list[str] = []
    stack = list(reversed(paragraph))
    while stack:
        element = stack.pop()
        namespace, name = _name(element)
        if name in _NOT_TEXT and namespace in (*_W, _MC):
            continue
        if namespace in _W:
            if name == "t":
                parts.append(element.text or "")
            elif name == "tab":
                parts.append("\t")
            elif name in ("br", "cr", "p"):
                parts.append("\n")
            elif name == "noBreakHyphen":
                parts.append("-")
        stack.extend(reversed(element))
    return "".join(parts)
