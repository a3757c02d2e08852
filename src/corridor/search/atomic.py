"""Replacing an index folder all at once: build beside it, then swap by rename.

A build writes a whole new folder, ``<index>.building-<pid>``, next to the index and
swaps it in only when its manifest is written. Until then the previous index answers
questions as before; a refused file, Ctrl-C or SIGKILL leaves it untouched. A kill
leaves the half-built folder behind: the next build removes it (its process is gone),
and queries never look at it because they only open ``<index>`` itself.

On Linux the swap is one ``renameat2(RENAME_EXCHANGE)`` call, so there is no moment
without an index at the path. Elsewhere (or on a file system without it) the old folder
is first renamed to ``<index>.old-<pid>`` and the new one renamed into place; a kill
between the two renames leaves the previous index in ``.old-<pid>``, which
:func:`current` reads and the next build puts back.
"""

from __future__ import annotations

import ctypes
import errno
import os
import shutil
import sys
from pathlib import Path

from corridor.exc import InvalidInput

BUILDING, OLD = ".building-", ".old-"
# What an index folder holds (now or in earlier Corridor versions); a folder holding
# anything else is not replaced: it may be a user's own folder given by mistake.
_INDEX_FILES = frozenset(
    {
        "manifest.json",
        "manifest.json.new",
        "chunks.jsonl",
        "tokens.jsonl",
        "tokens.jsonl.new",
        "dense.npz",
        "dense.npz.tmp",
    }
)
_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def staging(folder: Path) -> Path:
    """This process's folder for building the next version of ``folder``."""
    return folder.with_name(f"{folder.name}{BUILDING}{os.getpid()}")


def check_replaceable(folder: Path) -> None:
    """Refuse to replace ``folder`` unless it is absent, empty or a search index."""
    if not folder.exists():
        return
    if not folder.is_dir():
        raise InvalidInput("the index folder is a file", file=str(folder))
    foreign = sorted(
        p.name
        for p in folder.iterdir()
        if p.name not in _INDEX_FILES and not (p.is_dir() and p.name.startswith("bm25-"))
    )
    if foreign:
        raise InvalidInput(
            f"not a search index folder (it holds {', '.join(foreign[:3])}); "
            "choose an empty folder or an existing index",
            file=str(folder),
        )


def clean_stale(folder: Path) -> None:
    """Remove what killed builds left beside ``folder``: their half-built folders, and
    put back a previous index stranded by a two-step swap (see the module's notes)."""
    for sibling in _siblings(folder):
        kind, _, pid = sibling.name[len(folder.name) :].rpartition("-")
        if f"{kind}-" not in (BUILDING, OLD) or not pid.isdigit() or _alive(int(pid)):
            continue
        if kind + "-" == OLD and not folder.exists():
            sibling.rename(folder)
        else:
            shutil.rmtree(sibling, ignore_errors=True)


def current(folder: Path) -> Path:
    """The folder a query should read: ``folder``, or the previous index a swap
    interrupted between its two renames left in ``<folder>.old-<pid>``."""
    if folder.exists():
        return folder
    stranded = sorted(p for p in _siblings(folder) if p.name.startswith(folder.name + OLD))
    return stranded[0] if stranded else folder


def _siblings(folder: Path) -> list[Path]:
    """Paths beside ``folder`` whose names extend its own (a glob would misread a
    name with brackets in it)."""
    if not folder.parent.is_dir():
        return []
    prefix = folder.name + "."
    return [p for p in folder.parent.iterdir() if p.name.startswith(prefix)]


def swap(new: Path, folder: Path) -> None:
    """Put the complete folder ``new`` at ``folder``; the previous one is removed."""
    _sync_tree(new)
    if not folder.exists():
        new.rename(folder)
    elif _exchange(new, folder):
        shutil.rmtree(new)  # now the previous index
    else:
        old = _set_aside(folder)
        new.rename(folder)
        shutil.rmtree(old)
    _sync_dir(folder.parent)


def _set_aside(folder: Path) -> Path:
    """First step of the two-step swap: the previous index to ``<folder>.old-<pid>``."""
    old = folder.with_name(f"{folder.name}{OLD}{os.getpid()}")
    folder.rename(old)
    return old


def discard(new: Path) -> None:
    """Remove a build's own half-built folder (after an error or Ctrl-C)."""
    shutil.rmtree(new, ignore_errors=True)


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths atomically (Linux renameat2); False where that is unavailable."""
    if not sys.platform.startswith("linux"):
        return False
    libc = ctypes.CDLL(None, use_errno=True)
    call = getattr(libc, "renameat2", None)
    if call is None:
        return False
    done = call(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    if done == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP):
        return False  # a file system (or kernel) without exchange: two renames instead
    raise OSError(code, os.strerror(code), str(b))


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process
    return True


def _sync_tree(folder: Path) -> None:
    """Flush every file of a new index to disk before it is swapped in, so that a
    power cut after the rename cannot leave an index of empty files."""
    for path in folder.rglob("*"):
        if path.is_file():
            fd = os.open(path, os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)
    _sync_dir(folder)


def _sync_dir(folder: Path) -> None:
    if not hasattr(os, "O_DIRECTORY"):
        return  # Windows: directories cannot be opened; renames are journalled
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
