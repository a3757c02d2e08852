"""What a set of list versions covers, against what the registry expects to be checked."""

from __future__ import annotations

from collections.abc import Sequence

from corridor.core.screening import CheckedList, Coverage, CoverageGap, ListVersion
from corridor.screen.sources.registry import SOURCES, ListSource, label


def coverage(versions: Sequence[ListVersion]) -> Coverage:
    """The coverage of screening against ``versions`` (the versions in force).

    Every registered source is expected: one that is not loaded, or loaded only as an
    extract or a sample (fewer entries than its full file has), is a gap, named by the
    lists it alone carries when it has such (the CSL's Entity List).
    """
    by_source = {v.source: v for v in versions if v.id is not None}
    checked = tuple(_checked(v) for v in sorted(by_source.values(), key=lambda v: v.source))
    gaps = [
        gap
        for source in SOURCES.values()
        if (gap := _gap(source, by_source.get(source.id))) is not None
    ]
    return Coverage(checked, tuple(gaps))


def _checked(version: ListVersion) -> CheckedList:
    source = SOURCES.get(version.source)
    sample = source is not None and source.is_sample(version.entries)
    return CheckedList(
        version.source,
        label(version.source),
        version.id or 0,
        version.published,
        version.entries,
        sample,
    )


def _gap(source: ListSource, version: ListVersion | None) -> CoverageGap | None:
    names = ", ".join(source.contains)
    if version is None:
        what = source.label if names == "" else f"{source.label} (incl. {names})"
        return CoverageGap(source.id, what, "not loaded")
    if not source.is_sample(version.entries):
        return None
    full = f"a full file has at least {source.min_entries:,}"
    if names == "":
        why = f"only {version.entries:,} entries are loaded, an extract; {full}"
        return CoverageGap(source.id, source.label, why)
    why = f"only a {version.entries:,}-entry sample of the {source.label} is loaded; {full}"
    return CoverageGap(source.id, names, why)
