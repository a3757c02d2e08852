"""Worker processes that end with the process that started them.

A build analyses new documents in spawned worker processes. If the building process
is killed (SIGKILL cannot be caught, so its pool never shuts down) the workers would
keep running, orphaned, holding memory and CPU. Each worker therefore asks Linux to
send it SIGTERM when its parent dies (``prctl(PR_SET_PDEATHSIG)``), and elsewhere
watches its parent's pid from a thread.

Linux sends the signal when the *thread* that started the worker ends, not only the
process: the pool must be used (and shut down) by the thread that created it, as
index.py's ``with`` block does.
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys
import threading
import time

_PR_SET_PDEATHSIG = 1
WATCH_SECONDS = 0.5  # how often the portable watchdog looks for its parent


def die_with_parent(parent: int) -> None:
    """Worker initializer: end this process when ``parent`` (its creator) ends."""
    if sys.platform.startswith("linux") and _pdeathsig():
        if os.getppid() != parent:  # the parent died before the signal was armed
            os._exit(1)
        return
    threading.Thread(target=_watch, args=(parent,), daemon=True).start()


def _pdeathsig() -> bool:
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return bool(libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0) == 0)
    except (OSError, AttributeError):
        return False


def _watch(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(WATCH_SECONDS)
    os._exit(1)
