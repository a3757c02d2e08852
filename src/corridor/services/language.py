"""The language helpers the web's templates need from below the services layer.

The web reaches text/ only through services (the import contracts), so the Korean
particle filters are handed over here: ``josa`` ("레인보우로보틱스" | josa("은/는"))
and ``fill`` (a translated message whose fields name their particle).
"""

from __future__ import annotations

from corridor.text.particles import fill, josa

__all__ = ["fill", "josa"]
