"""Domain objects from the services to API schemas."""

from __future__ import annotations

from corridor.core.names import Name
from corridor.core.parties import Organization, Person
from corridor.services.dashboard import OrgRow
from corridor.services.jobs import StoredJob
from corridor.services.registry import MissionSummary
from corridor.web.api.schemas import (
    JobPublic,
    MissionPublic,
    NamePublic,
    OrgPublic,
    PersonPublic,
)


def org_public(org: Organization, status: str | None = None) -> OrgPublic:
    """An organisation for the API."""
    return OrgPublic(
        key=org.key,
        kind=org.kind.value,
        country=org.country,
        display_name=org.display("en"),
        names=names_public(org.names),
        city=org.city,
        founded=org.founded,
        website=org.website,
        sectors=list(org.sectors),
        stage=org.stage,
        status=status,
    )


def names_public(names: tuple[Name, ...]) -> list[NamePublic]:
    """Every written form of a name, for the API."""
    return [
        NamePublic(text=n.text, script=n.script.value, lang=n.lang, kind=n.kind.value)
        for n in names
    ]


def person_public(person: Person) -> PersonPublic:
    """A person for the API (no e-mail address: see PersonPublic)."""
    return PersonPublic(
        key=person.key,
        org_key=person.org_key,
        display_name=person.display("en"),
        names=names_public(person.names),
        title=person.title,
        languages=list(person.languages),
    )


def row_public(row: OrgRow) -> OrgPublic:
    """A registry-list row for the API."""
    return org_public(row.org, row.status)


def mission_public(s: MissionSummary) -> MissionPublic:
    """A mission summary for the API."""
    m = s.mission
    return MissionPublic(
        key=m.key,
        name=m.name,
        city=m.city,
        country=m.country,
        timezone=m.timezone,
        languages=list(m.languages),
        participants=s.participants,
        requests=s.requests,
        hold_policy=s.hold_policy,
    )


def job_public(job: StoredJob) -> JobPublic:
    """A stored job for the API (the schema's fields are the record's)."""
    return JobPublic.model_validate(job, from_attributes=True)
