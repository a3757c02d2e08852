"""One pure computation run in a second process while this one does other work.

A big import spends about as long reading its names across scripts (pure CPU) as
writing its rows (the database). ``alongside`` starts the first in a forked child so
that the two overlap on a machine with two cores or more, and gives back a function
that returns its result when the caller needs it.

The child is forked, never spawned: a spawned child re-imports the caller's main
module, which breaks scripts without an ``if __name__ == "__main__"`` guard. A fork is
only safe from a process with one thread (a lock another thread held at the fork
would stay held in the child), so a threaded caller (the web server, a Dask worker)
computes in process instead, as does one with a single core or a small input. The
result is the same either way; only the time differs. A child that dies or fails is
not a failure of the caller's work: the computation is then run in process.
"""

from __future__ import annotations

import gc
import logging
import multiprocessing
import os
import pickle
import threading
from collections.abc import Callable, Iterator, Sized
from contextlib import contextmanager
from multiprocessing.connection import Connection
from typing import Any, TypeVar

A = TypeVar("A", bound=Sized)
R = TypeVar("R")

log = logging.getLogger(__name__)


def can_fork() -> bool:
    """Whether forking a child is safe and useful here."""
    return (
        "fork" in multiprocessing.get_all_start_methods()
        and threading.active_count() == 1
        and (os.cpu_count() or 1) > 1
    )


@contextmanager
def alongside(fn: Callable[[A], R], arg: A, *, min_size: int) -> Iterator[Callable[[], R]]:
    """Start ``fn(arg)`` in a forked child when ``arg`` holds ``min_size`` items or
    more and forking is safe; yield a function returning its result. ``fn`` must be
    pure (no I/O, no shared state): the child works on a copy of the caller's memory,
    so ``arg`` is not pickled (only the result is)."""
    if len(arg) < min_size or not can_fork():
        log.debug("%s of %d items: in process", fn.__name__, len(arg))
        yield lambda: fn(arg)
        return
    context = multiprocessing.get_context("fork")
    reader, writer = context.Pipe(duplex=False)
    child = context.Process(target=_child, args=(fn, arg, writer, reader), daemon=True)
    child.start()
    writer.close()
    log.debug("%s of %d items: in child %d", fn.__name__, len(arg), child.pid)

    def result() -> R:
        try:
            ok, value = reader.recv()
        except (EOFError, OSError, pickle.UnpicklingError):  # died, or died sending
            ok, value = False, f"exit code {child.exitcode}"
        child.join()
        if ok:
            return value  # type: ignore[no-any-return]
        log.warning("background computation failed (%s); computing in process", value)
        return fn(arg)

    try:
        yield result
    finally:
        reader.close()
        if child.is_alive():
            child.terminate()
            child.join()


@contextmanager
def gc_paused() -> Iterator[None]:
    """No cyclic garbage collection inside: work that builds hundreds of thousands of
    small objects and keeps them (an import's rows, names and statements' parameters)
    spent a quarter of its time in collections that found nothing to free. Reference
    counting still frees everything else; a collection runs when the block ends.

    Only on the main thread (the CLI): the collector is process-wide, and in the web
    server an import runs on a job thread beside request threads that it must not
    change, and beside other imports that could turn it back on under each other."""
    if not gc.isenabled() or threading.current_thread() is not threading.main_thread():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def _child(fn: Callable[[Any], Any], arg: Any, writer: Connection, reader: Connection) -> None:
    # The fork copied the read end too: holding it, a child whose parent was killed
    # would block for ever on a full pipe instead of meeting a broken one.
    reader.close()
    gc.disable()  # a short-lived child doing one pure computation (see gc_paused)
    try:
        outcome = (True, fn(arg))
    except Exception as err:
        outcome = (False, repr(err))
    try:
        writer.send(outcome)
    except OSError:  # the parent is gone: nobody wants the result
        return
    finally:
        writer.close()
