"""The duplicate warnings of a generated file with planted duplicates, pinned.

The cross-script check was made faster (cached readings, fewer database round trips
around it); it must still warn about exactly the same pairs, with the same words.
``data/planted_duplicate_warnings.txt`` holds the warnings main gave for this file
before that work; regenerate it only for a deliberate change of the check.
"""

from __future__ import annotations

import random
from pathlib import Path

from corridor.registry.batch import Source, read_batch
from tests.factory import org_row, write_csv

EXPECTED = Path(__file__).with_name("data") / "planted_duplicate_warnings.txt"

KO = [
    ("한", "Han"),
    ("빛", "Bit"),
    ("누", "Nu"),
    ("리", "Ri"),
    ("새", "Sae"),
    ("솔", "Sol"),
    ("온", "On"),
    ("다", "Da"),
    ("미", "Mi"),
    ("래", "Rae"),
    ("진", "Jin"),
    ("현", "Hyeon"),
    ("서", "Seo"),
    ("윤", "Yun"),
    ("도", "Do"),
    ("연", "Yeon"),
    ("태", "Tae"),
    ("성", "Seong"),
]
KO_SUFFIX = [("테크", "Tech"), ("로보틱스", "Robotics"), ("바이오", "Bio"), ("에너지", "Energy")]
ZH = [
    ("华", "Hua"),
    ("星", "Xing"),
    ("云", "Yun"),
    ("智", "Zhi"),
    ("创", "Chuang"),
    ("新", "Xin"),
    ("海", "Hai"),
    ("天", "Tian"),
    ("瑞", "Rui"),
    ("博", "Bo"),
    ("远", "Yuan"),
    ("恒", "Heng"),
    ("鼎", "Ding"),
    ("嘉", "Jia"),
    ("泰", "Tai"),
    ("宏", "Hong"),
    ("清", "Qing"),
    ("明", "Ming"),
]
ZH_SUFFIX = [("科技", "Technology"), ("智能", "Intelligence"), ("生物", "Biotech"),
             ("能源", "Energy")]  # fmt: skip


def _name(rng: random.Random, korean: bool, seen: set[str]) -> tuple[str, str, str]:
    """A fresh native name, its romanised syllables, and its suffix's English."""
    pieces, suffixes = (KO, KO_SUFFIX) if korean else (ZH, ZH_SUFFIX)
    while True:
        parts = [rng.choice(pieces) for _ in range(rng.randint(2, 3))]
        suffix = rng.choice(suffixes)
        native = "".join(p[0] for p in parts) + suffix[0]
        if native not in seen:
            seen.add(native)
            return native, "".join(p[1] for p in parts), suffix[1]


def planted_rows(count: int, seed: int = 7) -> list[dict[str, str]]:
    """``count`` organisations named in Hangul or Hanzi (every third also in Latin
    letters); every fifth has a twin registered under another key with only a Latin
    name (its romanised reading), every thirteenth a twin spelled differently (spaces)."""
    rng, seen, rows = random.Random(seed), set[str](), []
    for i in range(count):
        korean = i % 2 == 0
        native, latin, suffix = _name(rng, korean, seen)
        country = "KR" if korean else "CN"
        names = (
            {"name_ko": native, "legal_name": "주식회사 " + native}
            if korean
            else {"name_zh": native, "legal_name": native + "有限公司"}
        )
        rows.append(
            org_row(key=f"o-{i:05d}", kind="startup", country=country,
                    name_en=f"{latin.capitalize()} {suffix}" if i % 3 == 0 else "",
                    sectors="robotics", **names)
        )  # fmt: skip
        if i % 5 == 0:
            rows.append(
                org_row(key=f"t-{i:05d}", kind="startup", country=country,
                        name_en=f"{latin.upper()} {suffix.lower()} Co", sectors="robotics")
            )  # fmt: skip
        if i % 13 == 0:
            spaced = " ".join(latin[k : k + 3] for k in range(0, len(latin), 3))
            rows.append(
                org_row(key=f"s-{i:05d}", kind="corporate", country=country,
                        name_en=f"{spaced} {suffix}", sectors="robotics")
            )  # fmt: skip
    return rows


def planted_warnings(folder: Path) -> list[str]:
    """The warnings of importing the planted file."""
    path = write_csv(folder / "planted.csv", planted_rows(1500))
    return read_batch([Source("organisations", path)], latest_year=2026).warnings


def test_planted_duplicates_are_found(tmp_path: Path) -> None:
    warnings = planted_warnings(tmp_path)
    across = [w for w in warnings if w.startswith("possible duplicate across scripts: ")]
    twins = [w for w in across if " / t-" in w or " / s-" in w]
    assert any(w.startswith("possible duplicate across scripts: o-00010 / t-00010 ") for w in twins)
    # a twin found through the Hanzi or Hangul name's reading, not a shared Latin name
    assert any("('도도현바이오' reads" in w for w in twins)
    assert len(twins) > 200


def test_duplicate_warnings_are_those_main_gave(tmp_path: Path) -> None:
    assert planted_warnings(tmp_path) == EXPECTED.read_text("utf-8").splitlines()
