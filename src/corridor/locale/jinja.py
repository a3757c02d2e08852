"""The Jinja filters that put words for codes and local dates into any template.

They read the language (``lang``, else ``locale``) and the mission's time zone
(``zone``, else UTC) from the template's context, so one shared environment serves
every language: ``{{ org.kind | label("kind") }}``, ``{{ slot.start | when }}``.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, time
from enum import Enum
from typing import Any

from jinja2 import Environment, pass_context
from jinja2.runtime import Context

from corridor.locale import DEFAULT
from corridor.locale import dates as d
from corridor.locale import labels as lab


def _lang(ctx: Context) -> str:
    return str(ctx.get("lang") or ctx.get("locale") or DEFAULT)


def _zone(ctx: Context) -> str:
    return str(ctx.get("zone") or "UTC")


@pass_context
def label(ctx: Context, code: str | Enum | None, vocabulary: str) -> str:
    """``{{ code | label("sector") }}``: the reader's word for a code."""
    return lab.label(vocabulary, code, _lang(ctx))


@pass_context
def labels(ctx: Context, codes: Iterable[str | Enum], vocabulary: str) -> str:
    """``{{ org.sectors | labels("sector") }}``: several codes, comma-separated."""
    return lab.labels(vocabulary, codes, _lang(ctx))


@pass_context
def when(ctx: Context, value: datetime | None, width: str = "medium") -> str:
    """``{{ at | when }}``: date and time in the mission's zone ("" for none)."""
    return "" if value is None else d.when(value, _lang(ctx), _zone(ctx), width)


@pass_context
def at(ctx: Context, value: datetime | None, width: str = "medium") -> str:
    """``{{ decision.at | at }}``: a recorded moment (naive = UTC) in the mission's zone."""
    return "" if value is None else d.instant(value, _lang(ctx), _zone(ctx), width)


@pass_context
def day(ctx: Context, value: date | datetime | None, width: str = "medium") -> str:
    """``{{ session.day | day }}``: the date alone."""
    return "" if value is None else d.day(value, _lang(ctx), _zone(ctx), width)


@pass_context
def clock(ctx: Context, value: datetime | time | None) -> str:
    """``{{ slot.start | clock }}``: hours and minutes."""
    return "" if value is None else d.clock(value, _lang(ctx), _zone(ctx))


@pass_context
def span(ctx: Context, start: datetime, end: datetime) -> str:
    """``{{ slot.start | span(slot.end) }}``: date and from–to times."""
    return d.span(start, end, _lang(ctx), _zone(ctx))


FILTERS: dict[str, Any] = {
    "label": label,
    "labels": labels,
    "when": when,
    "at": at,
    "day": day,
    "clock": clock,
    "span": span,
}


def install(env: Environment, **extra: Any) -> Environment:
    """Register the filters (and ``extra`` ones, e.g. ``josa``) on ``env``."""
    env.filters.update(FILTERS)
    env.filters.update(extra)
    return env
