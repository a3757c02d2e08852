"""A participant edits their organisation's profile: validated like an import, recorded.

The edited fields are laid over the organisation's export row and the whole row is
parsed by the registry's own parser, so a profile edit obeys exactly the rules an
import does (scripts of names, known sectors, lengths). Each accepted edit is
appended to the profile change record: who, when, each field before and after.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Engine

from corridor.exc import InvalidInput
from corridor.registry.records import organisation_row, parse_organisation
from corridor.registry.table import Cell, RawRow
from corridor.services.portal import scope
from corridor.services.uow import read_only, unit_of_work
from corridor.services.users import Principal
from corridor.store.base import ProfileChange

EDITABLE = (
    "name_en",
    "name_ko",
    "name_zh",
    "sectors",
    "offers_en",
    "offers_ko",
    "offers_zh",
    "seeks_en",
    "seeks_ko",
    "seeks_zh",
)
"""What a participant may change; the rest (key, kind, country, identifiers, legal
names) is the organiser's, as it decides screening."""
MAX_CHARS = 2000


def _text(cell: Cell) -> str:
    return "; ".join(cell) if isinstance(cell, list) else cell


@dataclass(frozen=True, slots=True)
class Profile:
    """The editable fields of the delegate's organisation, as form text."""

    org_key: str
    values: dict[str, str]


def profile(engine: Engine, who: Principal) -> Profile:
    """The delegate's organisation's editable fields."""
    s = scope(who)
    with read_only(engine) as uow:
        row = organisation_row(uow.registry.organisation(s.org_key))
    return Profile(s.org_key, {f: _text(row[f]) for f in EDITABLE})


def edit_profile(
    engine: Engine, who: Principal, fields: Mapping[str, str], now: datetime | None = None
) -> ProfileChange | None:
    """Apply an edit of the editable fields; InvalidInput naming the first field that
    breaks a registry rule (nothing written). Returns the recorded change, or None
    when nothing changed."""
    s = scope(who)
    unknown = sorted(set(fields) - set(EDITABLE))
    if unknown:
        raise InvalidInput("this field cannot be edited here", field=unknown[0])
    for name, value in fields.items():
        if len(value) > MAX_CHARS:
            raise InvalidInput(f"at most {MAX_CHARS} characters", field=name, value=value[:40])
    when = now or datetime.now(UTC)
    with unit_of_work(engine) as uow:
        org = uow.registry.organisation(s.org_key)
        row = organisation_row(org)
        before = {f: _text(row[f]) for f in EDITABLE}
        cells: dict[str, Cell] = {**row, **{k: v.strip() for k, v in fields.items()}}
        parsed, reader = parse_organisation("profile", RawRow(1, cells), when.year)
        if parsed is None:
            first = reader.problems[0]
            raise InvalidInput(first.rule, field=first.field, value=first.value)
        after = {f: _text(organisation_row(parsed)[f]) for f in EDITABLE}
        changed = {f: (before[f], after[f]) for f in EDITABLE if before[f] != after[f]}
        if len(changed) == 0:
            return None
        uow.registry.upsert_organisations([parsed])
        change = ProfileChange(s.org_key, s.mission_key, s.actor, when, changed)
        uow.portal.add_profile_change(change)
    return change


def profile_changes(engine: Engine, org_key: str) -> list[ProfileChange]:
    """An organisation's recorded profile edits, oldest first (for the organiser)."""
    with read_only(engine) as uow:
        return uow.portal.profile_changes(org_key)
