"""The registry and its screening hits as FollowTheMoney (FtM) entities.

FtM is the entity format OpenSanctions publishes and the screening field exchanges
(yente, nomenklatura, zavod and Aleph read it), so an FtM file is how a compliance team
takes Corridor's parties and hits into its own tools. Each entity is the dict FtM's
``EntityProxy.to_dict`` reads: ``id``, ``schema``, ``properties`` (every value a
string in a list). The runtime never imports followthemoney; the tests validate
every line with it.

What maps to what:

- Organisations: ``Company`` (startups, corporates, investors), ``PublicBody``
  (agencies) or ``Organization`` (associations, universities, research institutes).
  Names by kind: legal and trade names → ``name``, aliases → ``alias`` (one of three
  characters or fewer → ``weakAlias``: OpenSanctions keeps short names out of matching
  that way, since "LG" or "SK" matches everything), former names → ``previousName``;
  every script is kept. KR business number → ``registrationNumber``, CN USCC →
  ``uscCode`` (FtM's Unified Social Credit Identifier), the city → an ``Address``.
- People: ``Person`` with ``position`` and ``spokenLanguage``; their tie to their
  organisation is a ``Directorship`` when the title names an office (CEO, chair,
  president, director, board, founder-CEO…) and an ``Employment`` otherwise. The
  registry records no shareholdings, so no ``Ownership`` is written (none is guessed).
- Screening hits. FtM has no "match" schema; yente returns a match as the listed
  entity with ``score``, ``match`` and ``features`` beside its properties, and
  nomenklatura records a reviewer's verdict as a judgement (positive, negative,
  unsure, no_judgement) on a pair of ids. A flat file needs the pair itself, so each
  hit is FtM's ``Similar`` ("two entities presumed to be the same, e.g. the outcome
  of a probabilistic record linkage process"): ``candidate`` is the Corridor party,
  ``match`` the listed entity (written once, as yente would show it: ``datasets``
  and ``referents`` name the list and its own id), with ``confidenceScore``,
  ``matcher`` and ``criteria`` (the hit's explanation). Beside the properties, as
  yente does, each ``Similar`` carries ``score``, ``match`` (the strong band),
  ``features``, ``datasets``, and Corridor's two facts FtM has no property for:
  ``list`` (source, version id, label, publication date, file hash) and
  ``judgement`` (the latest compliance decision in nomenklatura's words). Readers
  that know only FtM still see a valid ``Similar`` edge between two valid entities.

Ids are stable and namespaced (``corridor-org-<key>``, ``corridor-list-<source>-
<id>``), so a second export updates the same entities in a store rather than adding
new ones.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Final

import pycountry

from corridor.core.names import Name, NameKind, Script
from corridor.core.parties import IdScheme, Organization, OrgKind, Person
from corridor.core.screening import Action, Band, EntityType, Hit, ListEntry, ListVersion

Entity = dict[str, Any]

PREFIX: Final = "corridor"
# FtM's entity id: letters, digits, dots and hyphens, starting and ending alphanumeric.
_SAFE: Final = re.compile(r"[0-9a-zA-Z]([0-9a-zA-Z.-]*[0-9a-zA-Z])?")
_UNSAFE: Final = re.compile(r"[^0-9a-zA-Z]+")
_DATE: Final = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")
_SCHEMAS: Final = {
    OrgKind.STARTUP: "Company",
    OrgKind.CORPORATE: "Company",
    OrgKind.INVESTOR: "Company",
    OrgKind.AGENCY: "PublicBody",
}
_LISTED: Final = {
    EntityType.ORGANIZATION: "Organization",
    EntityType.PERSON: "Person",
    EntityType.VESSEL: "Vessel",
    EntityType.AIRCRAFT: "Airplane",
    EntityType.UNKNOWN: "LegalEntity",
}
_LEGAL_ENTITIES: Final = ("Organization", "Person", "LegalEntity")
_OFFICES: Final = re.compile(
    r"\b(ceo|cfo|cto|coo|chair\w*|president|director|board|managing partner|"
    r"general partner|executive)\b|대표|회장|사장|이사|董事|总裁|总经理|主席|行长",
    re.IGNORECASE,
)
_JUDGEMENTS: Final = {
    Action.BLOCK: "positive",
    Action.CLEAR: "negative",
    Action.ESCALATE: "unsure",
}
WEAK_ALIAS_CHARS: Final = 3


def safe(text: str) -> str:
    """An id part: the text when FtM takes it as is, else a readable slug with a short
    stable hash of the text (``ofac_cons`` → ``ofac-cons-…``), so two keys that slug
    alike still get two ids."""
    if _SAFE.fullmatch(text):
        return text
    digest = hashlib.sha1(text.encode("utf-8")).hexdigest()[:8]
    slug = _UNSAFE.sub("-", text).strip("-")
    return f"{slug}-{digest}" if slug else digest


def org_id(key: str) -> str:
    """The FtM id of a Corridor organisation."""
    return f"{PREFIX}-org-{safe(key)}"


def person_id(key: str) -> str:
    """The FtM id of a Corridor person."""
    return f"{PREFIX}-person-{safe(key)}"


def listed_id(source: str, source_id: str) -> str:
    """The FtM id of a list entry, namespaced by its list."""
    return f"{PREFIX}-list-{safe(source)}-{safe(source_id)}"


def _entity(entity_id: str, schema: str, props: dict[str, list[str]]) -> Entity:
    """An entity dict with empty properties left out and values de-duplicated."""
    kept = {k: list(dict.fromkeys(v for v in vs if v)) for k, vs in props.items()}
    return {"id": entity_id, "schema": schema, "properties": {k: v for k, v in kept.items() if v}}


def name_props(names: Sequence[Name]) -> dict[str, list[str]]:
    """Names by kind: ``name``, ``alias``, ``weakAlias``, ``previousName``."""
    props: dict[str, list[str]] = {"name": [], "alias": [], "weakAlias": [], "previousName": []}
    for n in names:
        if n.kind is NameKind.FORMER:
            props["previousName"].append(n.text)
        elif n.kind is NameKind.ALIAS:
            weak = len(n.text.strip()) <= WEAK_ALIAS_CHARS
            props["weakAlias" if weak else "alias"].append(n.text)
        else:
            props["name"].append(n.text)
    if len(props["name"]) == 0 and len(props["alias"]) > 0:
        props["name"].append(props["alias"].pop(0))  # FtM shows an entity by its name
    return props


def country(code: str) -> str | None:
    """FtM's lower-case ISO 3166 alpha-2 code, or None for a value that is not one."""
    found = pycountry.countries.get(alpha_2=code.strip().upper()) if len(code) == 2 else None
    return None if found is None else code.strip().lower()


def language(code: str) -> str | None:
    """FtM's ISO 639-3 code for a Corridor language code (``ko`` → ``kor``)."""
    found = pycountry.languages.get(alpha_2=code) if len(code) == 2 else None
    return None if found is None else str(found.alpha_3)


def organisation(org: Organization) -> list[Entity]:
    """An organisation and, when its city is known, its address."""
    countries = [c for c in [country(org.country)] if c]
    props = name_props(org.names) | {
        "country": countries,
        "registrationNumber": [org.identifier(IdScheme.KR_BRN) or ""],
        "uscCode": [org.identifier(IdScheme.CN_USCC) or ""],
        "website": [org.website or ""],
        "incorporationDate": [str(org.founded) if org.founded else ""],
        "sector": list(org.sectors),
        "sourceUrl": list(org.sources),
    }
    schema = _SCHEMAS.get(org.kind, "Organization")
    if not org.city:
        return [_entity(org_id(org.key), schema, props)]
    where = f"{PREFIX}-address-{safe(org.key)}"
    place = pycountry.countries.get(alpha_2=org.country.upper())
    full = org.city if place is None else f"{org.city}, {place.name}"
    props |= {"address": [full], "addressEntity": [where]}
    address = _entity(where, "Address", {"full": [full], "city": [org.city], "country": countries})
    return [address, _entity(org_id(org.key), schema, props)]


def person(p: Person) -> Entity:
    """A delegate: names, position, languages, e-mail."""
    props = name_props(p.names) | {
        "position": [p.title or ""],
        "spokenLanguage": [lang for lang in map(language, p.languages) if lang],
        "email": [p.email or ""],
        "sourceUrl": list(p.sources),
    }
    return _entity(person_id(p.key), "Person", props)


def tie(p: Person) -> Entity:
    """How a delegate belongs to their organisation: an office, or employment."""
    office = p.title is not None and _OFFICES.search(p.title) is not None
    schema, (a, b) = (
        ("Directorship", ("director", "organization"))
        if office
        else ("Employment", ("employee", "employer"))
    )
    tie_id = f"{PREFIX}-{schema.lower()}-{safe(p.key)}-{safe(p.org_key)}"
    return _entity(
        tie_id, schema, {a: [person_id(p.key)], b: [org_id(p.org_key)], "role": [p.title or ""]}
    )


def listed(entry: ListEntry, title: str) -> Entity:
    """A list entry as yente shows one: its schema and properties, with ``datasets``
    (the list) and ``referents`` (the list's own id)."""
    schema = _LISTED[entry.type]
    first, *others = [n.text for n in entry.names] or [entry.source_id]
    props: dict[str, list[str]] = {
        "name": [first],
        "alias": others,
        "country": [c for c in map(country, entry.countries) if c],
        "program": list(entry.programs),
        "notes": [entry.remarks or ""],
        "address": list(entry.addresses),
        "publisher": [title],
    }
    if schema == "Person":
        props["birthDate"] = [d for d in entry.birth_dates if _DATE.fullmatch(d)]
    if schema in _LEGAL_ENTITIES:
        props["uscCode"] = [v for k, v in entry.identifiers if _is_uscc(k)]
        props["idNumber"] = [v for k, v in entry.identifiers if not _is_uscc(k)]
    found = _entity(listed_id(entry.source, entry.source_id), schema, props)
    return found | {"datasets": [entry.source], "referents": [entry.source_id]}


def _is_uscc(scheme: str) -> bool:
    """Whether a list's identifier scheme is China's USCC (``cn_uscc`` in Corridor's
    queries, "Unified Social Credit Code" in OFAC's remarks)."""
    return scheme == "cn_uscc" or "unified social credit" in scheme.lower()


@dataclass(frozen=True, slots=True)
class ScreenedHit:
    """A hit with what the FtM record says about it: who was screened (an FtM id), on
    which list (its title) and version, and the latest decision on it (None: undecided)."""

    candidate: str
    hit: Hit
    title: str
    version: ListVersion
    action: Action | None


def similar(found: ScreenedHit) -> Entity:
    """A hit as FtM's ``Similar`` with yente's match fields beside the properties."""
    hit, version = found.hit, found.version
    match = listed_id(hit.source, hit.source_id)
    props = {
        "candidate": [found.candidate],
        "match": [match],
        "confidenceScore": [f"{hit.score:.4f}"],
        "matcher": [f"corridor screen ({hit.band.value} band)"],
        "criteria": [hit.explanation or f"{hit.query_name} ~ {hit.matched_name}"],
    }
    entity = _entity(f"{PREFIX}-match-{safe(found.candidate)}-{safe(match)}", "Similar", props)
    published = None if version.published is None else version.published.isoformat()
    return entity | {
        "score": round(hit.score, 4),
        "match": hit.band is Band.STRONG,
        "features": {f.name: round(f.score, 4) for f in hit.features},
        "datasets": [hit.source],
        "list": {
            "source": version.source,
            "title": found.title,
            "version": version.id,
            "loaded_as": version.label,
            "published": published,
            "sha256": version.sha256,
        },
        "judgement": "no_judgement" if found.action is None else _JUDGEMENTS[found.action],
    }


def entities(
    orgs: Iterable[Organization],
    people: Iterable[Person],
    hits: Sequence[ScreenedHit],
    entries: dict[tuple[str, str], ListEntry],
) -> list[Entity]:
    """Every entity of an export, parties first, relations and hits after the entities
    they point to (a streaming reader never meets a dangling id)."""
    out: list[Entity] = [e for org in orgs for e in organisation(org)]
    members = list(people)
    out += [person(p) for p in members]
    out += [tie(p) for p in members]
    written: set[str] = set()
    for h in hits:
        key = (h.hit.source, h.hit.source_id)
        entry = entries.get(key) or _bare(h.hit)
        if listed_id(*key) not in written:
            written.add(listed_id(*key))
            out.append(listed(entry, h.title))
    for h in hits:  # one Similar per party and entry: the first (best) of any repeat
        edge = similar(h)
        if edge["id"] not in written:
            written.add(edge["id"])
            out.append(edge)
    return out


def _bare(hit: Hit) -> ListEntry:
    """An entry the list version no longer holds: what the hit remembers of it."""
    return ListEntry(
        hit.source, hit.source_id, EntityType.UNKNOWN, (Name(hit.entry_name, Script.OTHER),)
    )
