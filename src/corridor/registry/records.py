"""Rows ⇄ domain objects for organisations, people and meeting requests."""

from __future__ import annotations

from collections.abc import Callable, Collection

from corridor.core.mission import MeetingRequest, RequestOrigin
from corridor.core.names import Name, NameKind, Script
from corridor.core.parties import (
    Identifier,
    IdScheme,
    InvestorThesis,
    Organization,
    OrgKind,
    Person,
)
from corridor.registry import validate as v
from corridor.registry.formats import Cell, RawRow
from corridor.registry.rows import RowReader
from corridor.registry.schema import ORGANISATION, PERSON, REQUEST
from corridor.text.scripts import detect_script, has_script

_LANGS = ("en", "ko", "zh")
UNKNOWN_ORG = "unknown organisation (not in this import or the registry)"


def _same(x: str) -> str:
    return x


def read_names(reader: RowReader, *, legal: bool) -> tuple[Name, ...]:
    """The name columns of a row as ``Name``s, each checked for its expected script."""
    names: list[Name] = []
    given = 0
    expected = {"name_en": Script.LATIN, "name_ko": Script.HANGUL, "name_zh": Script.HAN}
    for field, script in expected.items():
        text = reader.text(field)
        if text is None:
            continue
        given += 1
        if not has_script(text, script):
            reader.fail(field, text, f"{field} must contain {script.value} characters")
            continue
        names.append(Name(text, script, field.removeprefix("name_"), NameKind.TRADE))
    if legal:
        names += _legal_names(reader)
    if len(names) + given == 0:
        reader.fail(
            "name_en", "", "at least one name (name_en, name_ko, name_zh, legal_name) is required"
        )
    return tuple(names)


def _legal_names(reader: RowReader) -> list[Name]:
    names: list[Name] = []
    for field in ("legal_name", "legal_name_en"):
        text = reader.text(field)
        if text is not None:
            script = detect_script(text)
            names.append(Name(text, script, _lang_of(script, field), NameKind.LEGAL))
    for alias in reader.many("aliases", _same):
        script = detect_script(alias)
        names.append(Name(alias, script, _lang_of(script, "aliases"), NameKind.ALIAS))
    return names


def _lang_of(script: Script, field: str) -> str | None:
    if field == "legal_name_en":
        return "en"
    return {Script.HANGUL: "ko", Script.HAN: "zh"}.get(script)


def parse_organisation(
    file: str, row: RawRow, latest_year: int
) -> tuple[Organization | None, RowReader]:
    """An ``Organization`` from a row, or None with the row's problems in the reader."""
    r = RowReader(file, row, ORGANISATION)
    key, kind, country = r.one("key", v.key), r.one("kind", v.org_kind), r.one("country", v.country)
    names = read_names(r, legal=True)
    identifiers = _identifiers(r)
    org = Organization(
        key=key or "",
        kind=OrgKind(kind or "startup"),
        country=country or "",
        names=names,
        city=r.text("city"),
        founded=r.one("founded", lambda x: v.year(x, latest=latest_year)),
        website=r.one("website", v.url),
        sectors=r.many("sectors", v.sector),
        stage=r.one("stage", v.stage),
        identifiers=identifiers,
        offers=_texts(r, "offers"),
        seeks=_texts(r, "seeks"),
        thesis=_thesis(r),
        sources=r.many("sources", v.url),
    )
    return (org if len(r.problems) == 0 else None), r


def _identifiers(r: RowReader) -> tuple[Identifier, ...]:
    out: list[Identifier] = []
    brn, uscc = r.one("kr_brn", v.kr_brn), r.one("cn_uscc", v.cn_uscc)
    if brn is not None:
        out.append(Identifier(IdScheme.KR_BRN, brn))
    if uscc is not None:
        out.append(Identifier(IdScheme.CN_USCC, uscc))
    return tuple(out)


def _texts(r: RowReader, prefix: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for lang in _LANGS:
        text = r.text(f"{prefix}_{lang}")
        if text is not None:
            out[lang] = text
    return out


def _thesis(r: RowReader) -> InvestorThesis | None:
    sectors, stages = r.many("thesis_sectors", v.sector), r.many("thesis_stages", v.stage)
    low, high = r.one("ticket_min_usd", v.amount), r.one("ticket_max_usd", v.amount)
    countries = r.many("thesis_countries", v.country)
    if low is not None and high is not None and low > high:
        r.fail("ticket_max_usd", high, "ticket_max_usd must be >= ticket_min_usd")
    if len(sectors) + len(stages) + len(countries) == 0 and low is None and high is None:
        return None
    return InvestorThesis(sectors, stages, low, high, countries)


def known_org(known: Collection[str]) -> Callable[[str], str]:
    """A validator for a reference to an organisation: a key that exists."""

    def check(value: str) -> str:
        key = v.key(value)
        if key not in known:
            raise ValueError(UNKNOWN_ORG)
        return key

    return check


def parse_person(file: str, row: RawRow, known: Collection[str]) -> tuple[Person | None, RowReader]:
    """A ``Person`` from a row, or None with the row's problems in the reader."""
    r = RowReader(file, row, PERSON)
    person = Person(
        key=r.one("key", v.key) or "",
        org_key=r.one("org_key", known_org(known)) or "",
        names=read_names(r, legal=False),
        title=r.text("title"),
        languages=r.many("languages", v.language),
        email=r.one("email", v.email),
        sources=r.many("sources", v.url),
        arrives=r.one("arrives", v.local_time),
        leaves=r.one("leaves", v.local_time),
    )
    if person.arrives is not None and person.leaves is not None and person.leaves <= person.arrives:
        r.fail("leaves", r.text("leaves"), "a person must leave after arriving")
    return (person if len(r.problems) == 0 else None), r


def parse_request(
    file: str, row: RawRow, known: Collection[str]
) -> tuple[MeetingRequest | None, RowReader]:
    """A ``MeetingRequest`` from a row, or None with the row's problems in the reader."""
    r = RowReader(file, row, REQUEST)
    requester = r.one("requester", known_org(known))
    target = r.one("target", known_org(known))
    interest = r.one("interest", _interest)
    if requester is not None and requester == target:
        r.fail("target", target, "an organisation cannot request a meeting with itself")
    request = MeetingRequest(
        requester or "", target or "", interest or 2, r.text("note"), RequestOrigin.CURATED
    )
    return (request if len(r.problems) == 0 else None), r


def _interest(value: str) -> int:
    if value not in {"1", "2", "3"}:
        raise ValueError("interest must be 1, 2 or 3")
    return int(value)


def organisation_row(org: Organization) -> dict[str, Cell]:
    """The export row of an organisation (the inverse of ``parse_organisation``)."""
    by_field: dict[str, Cell] = {f.name: "" for f in ORGANISATION}
    for name in org.names:
        _place_name(by_field, name)
    thesis = org.thesis or InvestorThesis()
    by_field.update(
        {
            "key": org.key,
            "kind": org.kind.value,
            "country": org.country,
            "city": org.city or "",
            "founded": "" if org.founded is None else str(org.founded),
            "website": org.website or "",
            "sectors": list(org.sectors),
            "stage": org.stage or "",
            "kr_brn": v.format_kr_brn(b) if (b := org.identifier(IdScheme.KR_BRN)) else "",
            "cn_uscc": org.identifier(IdScheme.CN_USCC) or "",
            "thesis_sectors": list(thesis.sectors),
            "thesis_stages": list(thesis.stages),
            "ticket_min_usd": _num(thesis.ticket_min_usd),
            "ticket_max_usd": _num(thesis.ticket_max_usd),
            "thesis_countries": list(thesis.countries),
            "sources": list(org.sources),
        }
    )
    for lang in _LANGS:
        by_field[f"offers_{lang}"] = org.offers.get(lang, "")
        by_field[f"seeks_{lang}"] = org.seeks.get(lang, "")
    return by_field


def _place_name(row: dict[str, Cell], name: Name) -> None:
    if name.kind is NameKind.TRADE and name.lang in _LANGS:
        row[f"name_{name.lang}"] = name.text
    elif name.kind is NameKind.LEGAL:
        row["legal_name_en" if name.lang == "en" else "legal_name"] = name.text
    else:
        aliases = row["aliases"]
        row["aliases"] = [*(aliases if isinstance(aliases, list) else []), name.text]


def _num(value: int | None) -> str:
    return "" if value is None else str(value)


def person_row(person: Person) -> dict[str, Cell]:
    """The export row of a person."""
    row: dict[str, Cell] = {f.name: "" for f in PERSON}
    for name in person.names:
        if name.lang in _LANGS:
            row[f"name_{name.lang}"] = name.text
    row.update(
        {
            "key": person.key,
            "org_key": person.org_key,
            "title": person.title or "",
            "languages": list(person.languages),
            "email": person.email or "",
            "sources": list(person.sources),
        }
    )
    return row


def request_row(request: MeetingRequest) -> dict[str, Cell]:
    """The export row of a meeting request."""
    return {
        "requester": request.requester,
        "target": request.target,
        "interest": str(request.interest),
        "note": request.note or "",
    }
