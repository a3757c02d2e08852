"""The data Corridor ships inside its package: the list snapshot, the key laws and the
demo mission (``corridor/bundled/``).

They are found with importlib.resources, so an installed wheel finds them exactly as a
source checkout does; walking up from this file to a repository (as Corridor once did)
finds nothing in site-packages, and the demo then loaded no lists.
"""

from __future__ import annotations

import atexit
from contextlib import ExitStack
from functools import cache
from importlib import resources
from pathlib import Path

_EXTRACTED = ExitStack()
atexit.register(_EXTRACTED.close)

LISTS = "lists"
LEGAL = "legal"
DEMO_MISSION = "shanghai-2026"


@cache
def bundled(name: str) -> Path:
    """The bundled folder ``name`` as a real path (the importers read folders).

    Installed packages live on the file system and this is their own folder; a package
    imported from an archive would be extracted for as long as the process runs."""
    folder = resources.files("corridor").joinpath("bundled", name)
    return _EXTRACTED.enter_context(resources.as_file(folder))
