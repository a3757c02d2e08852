"""A batch's files, each replaced whole: a killed batch leaves the old file or the new.

scale/ writes a batch's manifest, its finished partitions and its joined output
through here, as the front ends reach the engines' helpers through services;
``registry.atomic`` does the work (a temporary file beside the target, then a rename).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from corridor.registry.atomic import replace_atomically


def write_whole(path: Path, write: Callable[[Path], object]) -> None:
    """Call ``write`` on a temporary path beside ``path``, then move it over ``path``."""
    replace_atomically(path, write)


def write_text_whole(path: Path, text: str) -> None:
    """Make ``path`` hold ``text`` (UTF-8): the whole text, or what it held before."""
    replace_atomically(path, lambda tmp: tmp.write_text(text, encoding="utf-8"))
