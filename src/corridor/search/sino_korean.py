"""The Sino-Korean bridge (data/sino_korean.tsv, written by scripts/sino_korean.py from
the bundled statutes): Korean legal words and the Chinese words they read as in Hanja
(위탁 委託 → 委托, 审查 → 심사). ``plan`` asks the other language's index in them;
``index`` embeds them at build time, so that ``query`` mixes them into the question's
vector for that language's articles without running the encoder."""

from __future__ import annotations

from functools import cache
from importlib import resources


@cache
def bridge() -> dict[str, dict[str, str]]:
    """Korean → Chinese word ("ko") and back ("zh")."""
    text = resources.files("corridor.search").joinpath("data/sino_korean.tsv").read_text("utf-8")
    pairs = [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]
    return {"ko": dict(pairs), "zh": {zh: ko for ko, zh in pairs}}


def words() -> list[str]:
    """Every word of the bridge, Korean and Chinese, each once."""
    table = bridge()["ko"]
    return list(dict.fromkeys([*table, *table.values()]))
