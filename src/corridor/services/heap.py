"""Keeping the cyclic garbage collector off the long-lived part of a server's memory.

A server holds a few hundred thousand long-lived objects: its modules, the screening
index over every list in force, read caches. CPython's full collection walks all of
them — about 100 ms on the demo, during which no request is answered — and runs every
few seconds under load, because each request leaves some survivors behind. That pause
was most of the web pages' p95 latency (benchmarks/web.py). ``settle`` moves what is
alive now out of the collector's reach (``gc.freeze``); reference counting still frees
it when it is dropped.
"""

from __future__ import annotations

import gc


def settle() -> None:
    """Collect what is garbage now, then exempt every live object from later full passes.

    Called after start-up and after building a long-lived index. Unfreezing first lets
    a replaced index's reference cycles, if any, be collected rather than kept forever.
    """
    gc.unfreeze()
    gc.collect()
    gc.freeze()
