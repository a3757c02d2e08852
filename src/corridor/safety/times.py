"""CAP and feed date-times: ISO 8601 with an offset, kept timezone-aware."""

from __future__ import annotations

from datetime import UTC, datetime

from corridor.exc import InvalidInput


def parse_time(text: str, *, source: str, field: str) -> datetime:
    """An aware datetime from CAP's ``YYYY-MM-DDThh:mm:ss±hh:mm`` (``Z`` accepted)."""
    value = text.strip()
    try:
        at = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError as err:
        raise InvalidInput(
            "not an ISO 8601 date-time", file=source, field=field, value=value
        ) from err
    return at if at.tzinfo is not None else at.replace(tzinfo=UTC)
