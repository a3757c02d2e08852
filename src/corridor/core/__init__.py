"""Domain types only: no I/O, no database, no settings.

Every engine takes and returns these, which is what lets the engines be tested and
benchmarked on their own.
"""

from corridor.core.mission import (
    Interpreter,
    LangPair,
    Meeting,
    MeetingRequest,
    Mission,
    RequestOrigin,
    Session,
    Slot,
    Table,
)
from corridor.core.names import Name, NameKind, Script
from corridor.core.parties import (
    Identifier,
    IdScheme,
    InvestorThesis,
    Organization,
    OrgKind,
    Person,
)

__all__ = [
    "IdScheme",
    "Identifier",
    "Interpreter",
    "InvestorThesis",
    "LangPair",
    "Meeting",
    "MeetingRequest",
    "Mission",
    "Name",
    "NameKind",
    "OrgKind",
    "Organization",
    "Person",
    "RequestOrigin",
    "Script",
    "Session",
    "Slot",
    "Table",
]
