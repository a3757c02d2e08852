"""Native-script names of listed parties, from a curated and sourced table.

The lists hold Latin names only, and neither pinyin nor a glossary turns
海康威视 into HIKVISION. ``data/native_names.csv`` records, per list entry, the
party's Chinese or Korean legal and short names with the page that shows them;
the index adds them to the entry so a query in native script can meet it.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from functools import cache
from importlib import resources

from corridor.core.names import Name, NameKind, Script
from corridor.text.scripts import detect_script


@cache
def native_names() -> dict[tuple[str, str], tuple[Name, ...]]:
    """(source, source_id) → the entry's native-script names."""
    text = resources.files("corridor.screen").joinpath("data/native_names.csv").read_text("utf-8")
    out: dict[tuple[str, str], list[Name]] = defaultdict(list)
    for row in csv.DictReader(io.StringIO(text)):
        kind = NameKind.LEGAL if row["kind"] == "legal" else NameKind.TRADE
        script = detect_script(row["native_name"])
        if script in (Script.HAN, Script.HANGUL):
            out[(row["source"], row["source_id"].strip())].append(
                Name(row["native_name"], script, row["lang"], kind)
            )
    return {k: tuple(v) for k, v in out.items()}
