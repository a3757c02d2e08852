"""Write src/corridor/text/data/hanja_readings.tsv from the hanja package's table.yml.

Run by hand with PyYAML, on the table of the hanja 0.15.1 sdist (sha256
851edd467612d453ef6905fe975aa9aae50f2c42f84f003545020945724dd188):

    python scripts/make_hanja_readings.py hanja-0.15.1/hanja/table.yml

The output is committed: one "character<TAB>reading" line per Hanja, in code point
order, after a header naming the source and the licence (WTFPL v2, text in
src/corridor/text/data/hanja_readings.LICENSE). Readings are copied unchanged.
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

HEADER = """\
# Hanja -> Hangul readings (one character per line: Hanja, TAB, its Korean reading).
# Source: the reading table (hanja/table.yml) of the Python package hanja 0.15.1 by
# Sumin Byeon, https://github.com/suminb/hanja, sdist sha256
# 851edd467612d453ef6905fe975aa9aae50f2c42f84f003545020945724dd188.
# Licence: WTFPL version 2 (the upstream repository's LICENSE.txt, copied verbatim to
# hanja_readings.LICENSE beside this file). Readings copied unchanged, reformatted by
# scripts/make_hanja_readings.py.
"""


def main(table: Path) -> None:
    readings = yaml.load(table.read_text("utf-8"), Loader=yaml.BaseLoader)
    out = Path(__file__).resolve().parents[1] / "src" / "corridor" / "text" / "data"
    lines = [f"{han}\t{readings[han]}\n" for han in sorted(readings, key=ord)]
    (out / "hanja_readings.tsv").write_text(HEADER + "".join(lines), encoding="utf-8")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
