"""Exporting the compliance audit trail: every decision, and the hits in force."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import Engine

from corridor.exc import InvalidInput
from corridor.registry.atomic import replace_atomically
from corridor.registry.formats import Cell, write_table
from corridor.services.safety_audit import safety_records
from corridor.services.screening import decisions
from corridor.services.uow import read_only

COLUMNS = (
    "record",
    "at",
    "actor",
    "org_key",
    "person_key",
    "source",
    "source_id",
    "entry_name",
    "action_or_band",
    "score",
    "reason_or_explanation",
    "list_version",
)


def audit_records(engine: Engine) -> list[dict[str, object]]:
    """Decisions (oldest first), then current hits, then the safety trail (polls,
    notices, roll calls and answers), as flat records."""
    rows: list[dict[str, object]] = [
        {
            "record": "decision",
            "at": d.at.isoformat(),
            "actor": d.actor,
            "org_key": d.org_key,
            "person_key": "",
            "source": d.source,
            "source_id": d.source_id,
            "entry_name": d.entry_name,
            "action_or_band": d.action.value,
            "score": "",
            "reason_or_explanation": d.reason,
            "list_version": d.list_version or "",
        }
        for d in decisions(engine)
    ]
    with read_only(engine) as uow:
        hits = uow.screening.current_hits()
    rows += [
        {
            "record": "hit",
            "at": h.screened_at.isoformat(),
            "actor": "",
            "org_key": h.org_key,
            "person_key": h.person_key or "",
            "source": h.hit.source,
            "source_id": h.hit.source_id,
            "entry_name": h.hit.entry_name,
            "action_or_band": h.hit.band.value,
            "score": h.hit.score,
            "reason_or_explanation": h.hit.explanation,
            "list_version": h.version_id,
        }
        for h in hits
    ]
    return rows + safety_records(engine)


def export_audit(engine: Engine, path: Path) -> int:
    """Write the audit records as CSV, JSON or XLSX; returns how many.

    CSV and XLSX go through the registry's writers, so a reason or a listed name that
    begins like a formula stays text, and the file is replaced atomically.
    """
    if path.suffix.lower() not in (".csv", ".json", ".xlsx"):
        raise InvalidInput("audit export must be .csv, .json or .xlsx", file=str(path))
    rows = audit_records(engine)
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.suffix.lower() == ".json":
        text = json.dumps(rows, ensure_ascii=False, indent=2) + "\n"
        replace_atomically(path, lambda tmp: tmp.write_text(text, encoding="utf-8"))
        return len(rows)
    flat: list[dict[str, Cell]] = [
        {c: "" if r[c] is None else str(r[c]) for c in COLUMNS} for r in rows
    ]
    return write_table(path, COLUMNS, flat, {})
