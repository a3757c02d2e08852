"""The UN Security Council Consolidated List (XML, sc-sanctions.xsd).

Names come in parts (FIRST_NAME … FOURTH_NAME), aliases with a quality ("good",
"low"; low-quality aliases are kept but marked as aliases), and, for some
entries, the name in its original script (NAME_ORIGINAL_SCRIPT).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from corridor.core.limits import DEFAULT_LIMITS, Limits
from corridor.core.names import NameKind
from corridor.core.screening import EntityType, ListEntry
from corridor.exc import InvalidInput
from corridor.screen.sources.common import (
    ParseReport,
    country_code,
    name,
    read_text,
    require_entries,
    unique,
)

_PARTS = ("FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME")


def parse_un(path: Path, limits: Limits = DEFAULT_LIMITS) -> ParseReport:
    """Parse the consolidated XML; a truncated file fails to parse and is refused.

    The standard library's parser expands no external entities and, since expat 2.4,
    limits entity amplification ("billion laughs"), which is what makes it safe here.
    """
    try:
        root = ET.fromstring(read_text(path, limits))
    except (ET.ParseError, ValueError) as err:
        raise InvalidInput(f"malformed or truncated XML: {err}", file=str(path)) from err
    if root.tag != "CONSOLIDATED_LIST":
        raise InvalidInput(
            "not a UN consolidated list (root element is not CONSOLIDATED_LIST)", file=str(path)
        )
    report = ParseReport(published=(root.get("dateGenerated") or "")[:10] or None)
    for node in root.iterfind("INDIVIDUALS/INDIVIDUAL"):
        report.entries.append(_entry(node, EntityType.PERSON, "INDIVIDUAL"))
    for node in root.iterfind("ENTITIES/ENTITY"):
        report.entries.append(_entry(node, EntityType.ORGANIZATION, "ENTITY"))
    return require_entries(report, path)


def _text(node: ET.Element, path: str) -> str:
    found = node.find(path)
    return "" if found is None or found.text is None else found.text.strip()


def _entry(node: ET.Element, kind: EntityType, prefix: str) -> ListEntry:
    primary = " ".join(p for p in (_text(node, t) for t in _PARTS) if p)
    names = [name(primary)]
    original = _text(node, "NAME_ORIGINAL_SCRIPT")
    if original:
        names.append(name(original, NameKind.LEGAL))
    for alias in node.iterfind(f"{prefix}_ALIAS"):
        text = _text(alias, "ALIAS_NAME")
        if text:
            names.append(name(text, NameKind.ALIAS))
    countries = [_text(n, "COUNTRY") for n in node.iterfind(f"{prefix}_ADDRESS")]
    countries += [v.text or "" for v in node.iterfind("NATIONALITY/VALUE")]
    births = [
        _text(d, "DATE") or _text(d, "YEAR") for d in node.iterfind(f"{prefix}_DATE_OF_BIRTH")
    ]
    documents = [
        (_text(d, "TYPE_OF_DOCUMENT"), _text(d, "NUMBER"))
        for d in node.iterfind(f"{prefix}_DOCUMENT")
        if _text(d, "NUMBER")
    ]
    return ListEntry(
        source="un_sc",
        source_id=_text(node, "REFERENCE_NUMBER") or _text(node, "DATAID"),
        type=kind,
        names=tuple(names),
        programs=unique([_text(node, "UN_LIST_TYPE")]),
        countries=unique([c for c in (country_code(x) for x in countries if x) if c]),
        birth_dates=unique(births),
        identifiers=tuple(documents),
        addresses=unique(
            [
                ", ".join(t.text.strip() for t in a if t.text and t.text.strip())
                for a in node.iterfind(f"{prefix}_ADDRESS")
            ]
        ),
        remarks=_text(node, "COMMENTS1") or None,
    )
