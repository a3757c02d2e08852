"""Which parser reads a file, decided from its content (not its name alone)."""

from __future__ import annotations

from pathlib import Path

from corridor.exc import InvalidInput
from corridor.screen.sources.bis import parse_dpl
from corridor.screen.sources.common import ParseReport, read_text
from corridor.screen.sources.csl import parse_csl
from corridor.screen.sources.ofac import SETS, parse_ofac
from corridor.screen.sources.un import parse_un


def detect_source(path: Path) -> str:
    """The source id of a list file: un_sc, bis_dpl, us_csl, ofac_sdn or ofac_cons."""
    head = read_text(path)[:2000].lstrip("\ufeff").lstrip()
    first = head.split("\n", 1)[0]
    stem = path.name.removesuffix(".gz").lower()
    if head.startswith(("<?xml", "<CONSOLIDATED_LIST")):
        if "CONSOLIDATED_LIST" in head:
            return "un_sc"
    elif first.startswith('"Name"\t"Street_Address"'):
        return "bis_dpl"
    elif "entity_number" in first and "alt_names" in first:
        return "us_csl"
    elif first[:1].isdigit() and first.count(",") >= 11:
        for source, files in SETS.items():
            if stem == files[0]:
                return source
        raise InvalidInput(
            "looks like an OFAC primary file; name it sdn.csv or cons_prim.csv "
            "(with alt/add/comments beside it)",
            file=str(path),
        )
    raise InvalidInput(
        "not a list file Corridor knows (OFAC sdn.csv/cons_prim.csv, UN "
        "consolidated XML, BIS dpl.txt, CSL CSV)",
        file=str(path),
    )


def parse_list(path: Path) -> tuple[str, ParseReport]:
    """Detect and parse a list file; OFAC companion files are read from its folder."""
    source = detect_source(path)
    if source in SETS:
        return source, parse_ofac(path, source)
    parser = {"un_sc": parse_un, "bis_dpl": parse_dpl, "us_csl": parse_csl}[source]
    return source, parser(path)
