"""Which source a file is (from its content, not its name alone), and reading one
publication whole: companions present, every file complete, ids unique, dated."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from corridor.core.limits import DEFAULT_LIMITS, Limits
from corridor.exc import InvalidInput
from corridor.screen.sources.common import ParseReport, read_bytes, read_text
from corridor.screen.sources.ofac import sibling
from corridor.screen.sources.registry import SOURCES, ListSource


@dataclass(frozen=True, slots=True)
class ListFile:
    """One publication of a source as read from disk, checked and parsed."""

    source: ListSource
    path: Path
    files: tuple[Path, ...]
    """The primary file, then the companions found beside it (what the hash covers)."""
    report: ParseReport
    published: date | None


def detect_source(path: Path, limits: Limits = DEFAULT_LIMITS) -> str:
    """The source id of a list file: un_sc, bis_dpl, us_csl, ofac_sdn or ofac_cons."""
    head = read_text(path, limits)[:2000].lstrip("\ufeff").lstrip()
    first = head.split("\n", 1)[0]
    found = [s for s in SOURCES.values() if s.detect(head, first)]
    if len(found) == 1:
        return found[0].id
    stem = path.name.removesuffix(".gz").lower()
    named = [s for s in found if s.primary == stem]
    if len(named) == 1:
        return named[0].id
    if len(found) > 1:
        raise InvalidInput(
            "looks like an OFAC primary file; name it sdn.csv or cons_prim.csv "
            "(with alt/add/comments beside it)",
            file=str(path),
        )
    raise InvalidInput(
        "not a list file Corridor knows (OFAC sdn.csv/cons_prim.csv, UN "
        "consolidated XML, BIS dpl.txt, CSL CSV)",
        file=str(path),
    )


def read_list(path: Path, limits: Limits = DEFAULT_LIMITS) -> ListFile:
    """Detect, check and parse one publication; any defect raises ``InvalidInput``.

    A truncated file is the commonest way a wrong list gets in force, so each file
    must end as its format ends and the companions a source needs must be there.
    """
    source = SOURCES[detect_source(path, limits)]
    files = _files(source, path)
    for file in files:
        _check_end(source, file, limits)
    report = source.parse(path, limits)
    _check_ids(report, path)
    _check_size(source, report)
    return ListFile(source, path, files, report, published_date(report, path))


def parse_list(path: Path, limits: Limits = DEFAULT_LIMITS) -> tuple[str, ParseReport]:
    """Detect and parse a list file (checked as ``read_list`` checks it)."""
    found = read_list(path, limits)
    return found.source.id, found.report


def _files(source: ListSource, primary: Path) -> tuple[Path, ...]:
    found: list[Path] = [primary]
    for name in source.files[1:]:
        companion = sibling(primary, name)
        if companion is None and name in source.required:
            raise InvalidInput(
                f"{source.label} needs {', '.join(source.required)} beside "
                f"{source.primary}; {name} is missing (an incomplete download?)",
                file=str(primary),
            )
        if companion is not None:
            found.append(companion)
    return tuple(found)


def _check_end(source: ListSource, file: Path, limits: Limits) -> None:
    name = file.name.removesuffix(".gz").lower()
    if name in source.marked and not source.complete(read_bytes(file, limits)):
        raise InvalidInput(
            f"incomplete file: a complete {source.label} file {source.end_rule} "
            "(a truncated download or a cut file: fetch it again; an incomplete file "
            "has no override)",
            file=str(file),
        )


def _check_ids(report: ParseReport, path: Path) -> None:
    counts = Counter(e.source_id for e in report.entries)
    twice = [k for k, n in counts.items() if n > 1]
    if len(twice) > 0:
        raise InvalidInput(
            f"{len(twice)} entry id(s) occur more than once (a corrupt or merged file)",
            file=str(path),
            field="id",
            value=twice[0],
        )


def _check_size(source: ListSource, report: ParseReport) -> None:
    count = len(report.entries)
    if source.is_sample(count):
        report.warnings.append(
            f"{count} entries: an extract or sample, not the full list "
            f"(a full file has at least {source.min_entries})"
        )
    elif count > source.max_entries:
        report.warnings.append(
            f"{count} entries: more than the {source.max_entries} a full file plausibly has"
        )


def published_date(report: ParseReport, path: Path) -> date | None:
    """The list's own date (``ListSource.date_rule``), else a YYYY-MM-DD folder name."""
    for text in (report.published, path.parent.name):
        try:
            return date.fromisoformat(text or "")
        except ValueError:
            continue
    return None
