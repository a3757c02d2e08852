"""Whether long-lived callers keep what they read (``CORRIDOR_READ_CACHE``).

Apart from read_cache.py so that a one-shot command can ask without importing the
cache, and SQLAlchemy with it (about 0.3 s of a ``corridor search`` question).
"""

from __future__ import annotations

import os

ENV = "CORRIDOR_READ_CACHE"


def enabled() -> bool:
    """Whether the cache is on (``CORRIDOR_READ_CACHE`` unset, or not 0/false/no/off)."""
    return os.environ.get(ENV, "1").strip().lower() not in ("0", "false", "no", "off")
