"""The outcomes export a ministry files: the KPI tables as XLSX and as a PDF with charts,
in Korean, Chinese or English (labels, never codes; organisations by their names in
the reader's language)."""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Engine

from corridor.core.outcomes import Feedback, Outcome
from corridor.core.parties import Organization
from corridor.exc import InvalidInput
from corridor.locale import gettext_for
from corridor.locale.labels import label
from corridor.registry.atomic import replace_atomically
from corridor.registry.sheets import SheetData, write_workbook
from corridor.reports.outcomes import Bars, Cell, Sheet, outcomes_pdf
from corridor.services.kpis import STAGES, FunnelRow, Kpis, kpis
from corridor.services.outcomes import SCENARIO_ACTOR, feedback_in_force, outcomes_in_force

LANGS = ("ko", "zh", "en")
FORMATS = ("xlsx", "pdf")
T = Callable[[str], str]


def stage_labels(_: T) -> dict[str, str]:
    """The funnel's stages in words."""
    return {
        "requested": _("Requested"),
        "scheduled": _("Scheduled"),
        "held": _("Held"),
        "follow_up": _("Followed up"),
        "agreement": _("MOU / pilot"),
        "investment": _("Investment"),
    }


def kind_labels(_: T) -> dict[str, str]:
    """Outcome kinds in words."""
    return {
        "nda": _("NDA"),
        "mou": _("MOU"),
        "pilot": _("Pilot / PoC"),
        "joint_development": _("Joint development"),
        "term_sheet": _("Investment term sheet"),
        "investment_closed": _("Investment closed"),
        "hire": _("Hire"),
        "other": _("Other"),
    }


def syndicate_labels(_: T) -> dict[str, str]:
    """Whether a syndicate became a deal, in words."""
    return {"deal": _("Deal"), "partial": _("Some investors"), "none": _("No deal yet")}


def _name(orgs: dict[str, Organization], key: str, lang: str) -> str:
    org = orgs.get(key)
    return key if org is None else org.display(lang)


def _funnel_rows(
    rows: tuple[FunnelRow, ...], label: Callable[[str], str]
) -> tuple[tuple[Cell, ...], ...]:
    return tuple((label(r.group), *r.counts) for r in rows)


def _funnel_sheet(k: Kpis, _: T) -> Sheet:
    names = stage_labels(_)
    rows = []
    for i, stage in enumerate(STAGES):
        n, before = k.funnel.counts[i], k.funnel.counts[i - 1] if i > 0 else 0
        rate = None if before == 0 else n / before
        rows.append((names[stage], n, rate, k.cross_border.counts[i], k.cross_border_share(stage)))
    header = (
        _("Stage"),
        _("Pairs"),
        _("Of the stage before"),
        _("Cross-border pairs"),
        _("Cross-border share"),
    )
    return Sheet(_("Funnel"), header, tuple(rows), frozenset({2, 4}))


def kpi_sheets(
    k: Kpis, lang: str, feedback: list[Feedback], outcomes: list[Outcome]
) -> list[Sheet]:
    """Every table of the report, translated."""
    _ = gettext_for(lang)
    stages = tuple(stage_labels(_)[s] for s in STAGES)
    kinds, orgs = kind_labels(_), k.orgs

    def kind_pair(group: str) -> str:
        return "–".join(label("kind", part, lang) for part in group.split("–"))

    sheets = [
        _funnel_sheet(k, _),
        Sheet(
            _("By country pair"), (_("Country pair"), *stages), _funnel_rows(k.by_country_pair, str)
        ),
        Sheet(
            _("By sector"),
            (_("Sector"), *stages),
            _funnel_rows(k.by_sector, lambda s: label("sector", s, lang)),
        ),
        Sheet(
            _("By kind of organisation"), (_("Kinds"), *stages), _funnel_rows(k.by_kind, kind_pair)
        ),
        Sheet(
            _("Outcomes by kind"),
            (_("Kind"), _("Deals")),
            tuple((kinds[c], n) for c, n in k.deals_by_kind),
        ),
        Sheet(
            _("Outcomes by country pair"), (_("Country pair"), _("Deals")), k.deals_by_country_pair
        ),
        Sheet(
            _("Investment totals"),
            (_("Kind"), _("Currency"), _("Total"), _("Deals")),
            tuple((kinds[m.kind], m.currency, m.total, m.deals) for m in k.money),
        ),
        Sheet(
            _("Interpreter hours"),
            (_("Interpreter"), _("Meetings"), _("Hours"), _("Meetings held"), _("Hours held")),
            tuple(
                (i.name, i.meetings, i.minutes / 60, i.held_meetings, i.held_minutes / 60)
                for i in k.interpreters
            ),
        ),
    ]
    if k.syndicates is not None:
        status = syndicate_labels(_)
        sheets.append(
            Sheet(
                _("Co-investment syndicates"),
                (_("Startup"), _("Investors proposed"), _("Investors who invested"), _("Result")),
                tuple(
                    (
                        _name(orgs, s.startup, lang),
                        ", ".join(_name(orgs, i, lang) for i in s.investors),
                        ", ".join(_name(orgs, i, lang) for i in s.invested),
                        status[s.status],
                    )
                    for s in k.syndicates
                ),
            )
        )
    return sheets + _record_sheets(k, lang, _, feedback, outcomes)


def _record_sheets(
    k: Kpis, lang: str, _: T, feedback: list[Feedback], outcomes: list[Outcome]
) -> list[Sheet]:
    orgs, kinds = k.orgs, kind_labels(_)
    yes, no = _("yes"), _("no")
    fb = tuple(
        (
            _name(orgs, f.org_key, lang),
            _name(orgs, f.partner_key, lang),
            yes if f.held else no,
            f.rating,
            yes if f.follow_up else no,
            f.note,
            f.actor,
            f.at.strftime("%Y-%m-%d %H:%M"),
        )
        for f in feedback
    )
    oc = tuple(
        (
            _name(orgs, o.org_key, lang),
            kinds[o.kind.value],
            ", ".join(_name(orgs, p, lang) for p in o.partners),
            o.amount,
            o.currency,
            o.on.isoformat(),
            o.note,
            o.actor,
        )
        for o in outcomes
    )
    return [
        Sheet(
            _("Feedback"),
            (
                _("Organisation"),
                _("Partner"),
                _("Held"),
                _("Rating"),
                _("Follow-up intended"),
                _("Note"),
                _("Recorded by"),
                _("Recorded at (UTC)"),
            ),
            fb,
        ),
        Sheet(
            _("Outcomes"),
            (
                _("Organisation"),
                _("Kind"),
                _("Partners"),
                _("Amount"),
                _("Currency"),
                _("Date"),
                _("Note"),
                _("Recorded by"),
            ),
            oc,
        ),
    ]


def kpi_charts(k: Kpis, lang: str) -> list[Bars]:
    """The report's charts: the funnel, outcomes by kind, outcomes by country pair."""
    _ = gettext_for(lang)
    stages, kinds = stage_labels(_), kind_labels(_)
    return [
        Bars(
            _("Funnel (pairs of organisations)"),
            tuple((stages[s], k.funnel.stage(s)) for s in STAGES),
        ),
        Bars(_("Outcomes by kind"), tuple((kinds[c], n) for c, n in k.deals_by_kind)),
        Bars(_("Outcomes by country pair"), tuple((c, n) for c, n in k.deals_by_country_pair)),
    ]


def write_xlsx(sheets: list[Sheet], path: Path) -> Path:
    """The tables as a workbook, one sheet each, laid out like every Corridor XLSX
    (bold frozen header with a filter, widths from content, free text never a formula)."""
    data = [SheetData(s.title, s.header, s.rows, s.percent) for s in sheets]
    path.parent.mkdir(parents=True, exist_ok=True)
    replace_atomically(path, lambda tmp: write_workbook(tmp, data))
    return path


def export_outcomes(engine: Engine, mission_key: str, path: Path, lang: str = "en") -> Path:
    """Write the outcomes report of a mission to ``path`` (``.xlsx`` or ``.pdf``)."""
    fmt = path.suffix.lower().lstrip(".")
    if fmt not in FORMATS:
        raise InvalidInput(f"one of {', '.join(FORMATS)}", field="format", value=fmt)
    if lang not in LANGS:
        raise InvalidInput(f"one of {', '.join(LANGS)}", field="lang", value=lang)
    k = kpis(engine, mission_key)
    feedback = feedback_in_force(engine, mission_key)
    outcomes = outcomes_in_force(engine, mission_key)
    sheets = kpi_sheets(k, lang, feedback, outcomes)
    if fmt == "xlsx":
        return write_xlsx(sheets, path)
    _ = gettext_for(lang)
    subtitle = f"{k.mission.city}, {k.mission.first_day() or ''} · {k.mission.key}"
    actors = {f.actor for f in feedback} | {o.actor for o in outcomes}
    if SCENARIO_ACTOR in actors:
        subtitle += " · " + _("Scenario data, generated by a stated seeded rule: not facts.")
    title = _("Outcomes report") + f": {k.mission.name}"
    data = outcomes_pdf(title, subtitle, sheets, kpi_charts(k, lang), lang, datetime.now(UTC))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def export_all(
    engine: Engine,
    mission_key: str,
    folder: Path,
    progress: Callable[[float, str], None] | None = None,
) -> Path:
    """The report as XLSX and PDF in every language, written into ``folder`` (which
    must not exist) and zipped as ``folder.zip`` (written under a temporary name, so a
    half-written archive is never offered); returns the archive."""
    say = progress or (lambda _share, _line: None)
    folder.mkdir(parents=True, exist_ok=False)
    files = []
    for i, lang in enumerate(LANGS):
        say(0.1 + 0.25 * i, f"rendering the outcomes report in {lang} (XLSX and PDF)")
        for fmt in FORMATS:
            files.append(
                export_outcomes(engine, mission_key, folder / f"outcomes-{lang}.{fmt}", lang)
            )
    archive, partial = folder.with_suffix(".zip"), folder.with_suffix(".zip.part")
    with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED) as packed:
        for path in files:
            packed.write(path, path.name)
    partial.replace(archive)
    say(0.95, f"{len(files)} files in {archive.name}")
    return archive
