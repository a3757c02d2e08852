"""Every document of a mission's published schedule, rendered at once into one archive.

Per person an agenda (HTML, ICS, PDF), the table plan and roster, and per meeting the
organiser's dossier (HTML, PDF) and each side's edition in its language: what an
organiser prints or mails before the mission. Rendering hundreds of PDFs takes minutes,
so the console runs it as a background job; the files go to a fresh folder, which is
zipped beside itself (written under a temporary name and renamed, so a half-written
archive is never offered for download).
"""

from __future__ import annotations

import shutil
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine

from corridor.schedule.solution import Schedule
from corridor.services.dossiers import write_dossiers
from corridor.services.pdf_fonts import pdf_warning
from corridor.services.schedule_views import stored
from corridor.services.scheduling import load_mission_data, problem_of, write_outputs

Progress = Callable[[float, str], None]


@dataclass(frozen=True, slots=True)
class RenderedDocuments:
    """What one rendering wrote: the archive, how many files it holds, and notes."""

    archive: Path
    files: int
    schedule_id: int
    notes: tuple[str, ...] = ()


def render_documents(
    engine: Engine,
    mission_key: str,
    folder: Path,
    index_folder: Path,
    *,
    pdf: bool = True,
    progress: Progress | None = None,
) -> RenderedDocuments:
    """Render the published schedule's agendas, plan and dossiers into ``folder`` (which
    must not exist yet) and zip them as ``folder.zip``. NotFound when the mission has no
    published schedule."""
    say = progress or (lambda _share, _line: None)
    warning = pdf_warning() if pdf else None
    pdf = pdf and warning is None
    row = stored(engine, mission_key)
    data = load_mission_data(engine, mission_key)
    problem = problem_of(data)
    schedule = Schedule(list(row.meetings), row.solver, row.weight, row.bound, row.status)
    folder.mkdir(parents=True, exist_ok=False)
    try:
        say(0.1, f"rendering {len(data.people)} agendas of schedule {row.id}")
        files, notes = write_outputs(folder, schedule, problem, data, pdf=pdf)
        say(0.5, f"rendering the dossiers of {len(row.meetings)} meetings")
        files += write_dossiers(engine, mission_key, index_folder, folder, pdf=pdf)
        say(0.9, f"packing {len(files)} files")
        archive = folder.with_suffix(".zip")
        partial = folder.with_suffix(".zip.part")
        with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED) as packed:
            for path in sorted(files):
                packed.write(path, path.relative_to(folder).as_posix())
        partial.replace(archive)
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        folder.with_suffix(".zip.part").unlink(missing_ok=True)
        raise
    warnings = [] if warning is None else [warning]
    return RenderedDocuments(archive, len(files), row.id, (*warnings, *notes))
