"""The public package exports exactly what it declares."""

from __future__ import annotations

import corridor
import corridor.core


def test_all_is_exact_and_importable() -> None:
    for module in (corridor, corridor.core):
        public = {name for name in dir(module) if not name.startswith("_")}
        declared = set(module.__all__)
        assert declared <= set(dir(module))
        exported_types = {n for n in public if isinstance(getattr(module, n), type)}
        assert exported_types <= declared, exported_types - declared
