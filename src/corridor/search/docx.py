"""Reading Word ``.docx`` files without a Word library: the zip's XML, read directly.

Heading styles (and Title) become Markdown headings, so papers chunk by section and
laws by article. Parts are read no further than ``DOCX_PART_LIMIT`` whatever the zip
claims (a zip bomb stays a clear error), and every way a file can be damaged is an
InvalidInput naming it.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path
from xml.etree import ElementTree

from corridor.exc import InvalidInput

DOCX_PART_LIMIT = 50 * 1024 * 1024

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


def read_docx(path: Path) -> tuple[str, str | None]:
    """A Word document's text (heading styles and Title become Markdown headings) and
    its title from the document properties, if any."""
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
    return text, title


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
