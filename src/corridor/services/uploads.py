"""Files uploaded through the web: kept under a sanitised name in a private temporary
directory, then handed to the same services the CLI calls with a path."""

from __future__ import annotations

import re
import shutil
import tempfile
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from sqlalchemy import Engine

from corridor.core.limits import DEFAULT_LIMITS, Limits
from corridor.exc import ImportRejected, InvalidInput
from corridor.registry.batch import Source
from corridor.services.imports import ImportReport, import_files

KINDS = ("organisations", "people", "requests")
SUFFIXES = (".csv", ".xlsx", ".json")


def safe_name(name: str) -> str:
    """The last path part of an uploaded file's name, with only harmless characters."""
    base = unicodedata.normalize("NFC", name).replace("\\", "/").rsplit("/", 1)[-1]
    base = re.sub(r"[^\w.\-]+", "_", base).lstrip(".")[:120]
    return base or "upload"


def keep_upload(name: str, data: bytes, limits: Limits = DEFAULT_LIMITS) -> Path:
    """Save an upload in a new private directory; the caller removes it (``discard``)."""
    if len(data) == 0:
        raise InvalidInput("choose a file to upload", field="file", value=name)
    if len(data) > limits.file_bytes:
        raise InvalidInput(
            f"the file is larger than the limit of {limits.file_bytes} bytes",
            field="file",
            value=name,
        )
    folder = Path(tempfile.mkdtemp(prefix="corridor-upload-"))
    path = folder / safe_name(name)
    path.write_bytes(data)
    return path


def discard(path: Path) -> None:
    """Remove an upload and its private directory."""
    shutil.rmtree(path.parent, ignore_errors=True)


@contextmanager
def uploaded(name: str, data: bytes, limits: Limits = DEFAULT_LIMITS) -> Iterator[Path]:
    """An upload as a file for the length of a ``with`` block."""
    path = keep_upload(name, data, limits)
    try:
        yield path
    finally:
        discard(path)


def import_upload(
    engine: Engine,
    kind: str,
    name: str,
    data: bytes,
    *,
    mission: str | None = None,
    actor: str,
    limits: Limits = DEFAULT_LIMITS,
    now: datetime | None = None,
) -> ImportReport:
    """Import one uploaded CSV, XLSX or JSON file, all or nothing (``ImportRejected``)."""
    if kind not in KINDS:
        raise InvalidInput(f"kind must be one of {', '.join(KINDS)}", field="kind", value=kind)
    if not safe_name(name).lower().endswith(SUFFIXES):
        raise InvalidInput("upload a .csv, .xlsx or .json file", field="file", value=name)
    with uploaded(name, data, limits) as path:
        try:
            return import_files(
                engine, [Source(kind, path)], mission=mission, actor=actor, now=now, limits=limits
            )
        except ImportRejected as err:  # name the file as the person sent it, not our copy
            raise ImportRejected(
                [_renamed(p, str(path), path.name) for p in err.problems]
            ) from None
        except InvalidInput as err:
            raise _renamed(err, str(path), path.name) from None


def _renamed(problem: InvalidInput, temporary: str, shown: str) -> InvalidInput:
    file = shown if problem.file == temporary else problem.file
    rule = problem.rule.replace(temporary, shown)
    return InvalidInput(rule, file=file, row=problem.row, field=problem.field, value=problem.value)
