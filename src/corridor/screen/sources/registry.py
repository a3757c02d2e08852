"""Every list Corridor reads, described once: the twin of ``screen.algorithms.ALGORITHMS``.

What a source is (label, official URLs, bundled files), how its files are recognised
and parsed, what a complete file looks like (its end marker, its companion files),
how big a full official file is, and where its publication date comes from — all in
one frozen ``ListSource`` per source, so the loader, the downloader, the detector and
the coverage of a screening read the same facts.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from corridor.core.limits import Limits
from corridor.exc import InvalidInput
from corridor.screen.sources.bis import parse_dpl
from corridor.screen.sources.common import ParseReport
from corridor.screen.sources.csl import parse_csl
from corridor.screen.sources.ofac import parse_ofac
from corridor.screen.sources.un import parse_un

Parser = Callable[[Path, Limits], ParseReport]
Detector = Callable[[str, str], bool]
"""(first 2,000 characters, first line) → whether a file is of this source's format."""
EndCheck = Callable[[bytes], bool]
"""A file's (unpacked) bytes → whether it ends the way a complete file of it ends."""

_OFAC = "https://www.treasury.gov/ofac/downloads/"
_FOLDER_DATE = (
    "no date in the file: the YYYY-MM-DD name of its folder (how downloads and the bundled "
    "snapshot are filed), else --published"
)


@dataclass(frozen=True, slots=True)
class ListSource:
    """One list: identity, files, format, completeness, size and date rules."""

    id: str
    label: str
    files: tuple[str, ...]
    """File names of one publication, the primary file first."""
    urls: tuple[str, ...]
    """Official URLs, one per file of ``files``."""
    required: tuple[str, ...]
    """Companion files a load must have beside the primary file."""
    marked: tuple[str, ...]
    """Files of ``files`` that must pass ``complete`` (a comments file may lack it)."""
    complete: EndCheck
    end_rule: str
    """``complete`` in words, for the refusal message."""
    detect: Detector
    parse: Parser
    min_entries: int
    """Fewer entries than this is not a full official file (an extract or a sample)."""
    max_entries: int
    """More than this is implausible for the list (a different or corrupt file)."""
    date_rule: str
    contains: tuple[str, ...] = ()
    """Lists published inside this one that no other source carries (the CSL's
    Entity List): what a screening misses when this source is absent or a sample."""

    @property
    def primary(self) -> str:
        """The file a load names; companions are found beside it."""
        return self.files[0]

    @property
    def bundled(self) -> tuple[str, ...]:
        """The names the bundled snapshot keeps this source's files under (gzipped)."""
        return tuple(f + ".gz" for f in self.files)

    def is_sample(self, entries: int) -> bool:
        """Whether a version of ``entries`` entries is only part of the full list."""
        return entries < self.min_entries


def _ofac_end(data: bytes) -> bool:
    # The legacy CSVs end with a DOS end-of-file byte (0x1A) after the last CRLF; a cut
    # file, even one cut on a line boundary, does not.
    return data.rstrip(b" \t\r\n").endswith(b"\x1a")


def _un_end(data: bytes) -> bool:
    return data.rstrip().endswith(b"</CONSOLIDATED_LIST>")


def _line_end(data: bytes) -> bool:
    # dpl.txt ends with a newline; a cut inside a row does not.
    return data.endswith(b"\n")


def _csv_end(data: bytes) -> bool:
    # trade.gov's CSV ends its last row with a newline (2019) or with a closing quote
    # and no newline (2025): a cut inside an unquoted cell ends with neither, and a
    # cut inside a quoted one leaves an open quote that the strict parser refuses.
    return data.rstrip(b"\x1a").endswith((b"\n", b'"'))


def _ofac_primary(head: str, first: str) -> bool:
    # Both OFAC sets share this layout; the file's name (sdn.csv, cons_prim.csv) decides.
    return first[:1].isdigit() and first.count(",") >= 11


def _ofac(source: str, files: tuple[str, ...]) -> Parser:
    companions = (files[1], files[2], files[3])
    return lambda path, limits: parse_ofac(path, source, companions, limits)


_SDN = ("sdn.csv", "alt.csv", "add.csv", "sdn_comments.csv")
_CONS = ("cons_prim.csv", "cons_alt.csv", "cons_add.csv", "cons_comments.csv")

SOURCES: dict[str, ListSource] = {
    s.id: s
    for s in (
        ListSource(
            id="ofac_sdn",
            label="OFAC Specially Designated Nationals (SDN) List",
            files=_SDN,
            urls=tuple(_OFAC + f for f in _SDN),
            required=_SDN[1:3],
            marked=_SDN[:3],
            complete=_ofac_end,
            end_rule="ends with the 0x1A end-of-file byte",
            detect=_ofac_primary,
            parse=_ofac("ofac_sdn", _SDN),
            # 8,976 entries in July 2021, 14,965 in May 2024.
            min_entries=5_000,
            max_entries=60_000,
            date_rule=_FOLDER_DATE,
        ),
        ListSource(
            id="ofac_cons",
            label="OFAC Consolidated (non-SDN) Sanctions List",
            files=_CONS,
            urls=tuple(_OFAC + "consolidated/" + f for f in _CONS),
            required=_CONS[1:3],
            marked=_CONS[:3],
            complete=_ofac_end,
            end_rule="ends with the 0x1A end-of-file byte",
            detect=_ofac_primary,
            parse=_ofac("ofac_cons", _CONS),
            min_entries=200,  # 442 in December 2025
            max_entries=10_000,
            date_rule=_FOLDER_DATE,
        ),
        ListSource(
            id="un_sc",
            label="UN Security Council Consolidated List",
            files=("consolidated.xml",),
            urls=("https://scsanctions.un.org/resources/xml/en/consolidated.xml",),
            required=(),
            marked=("consolidated.xml",),
            complete=_un_end,
            end_rule="closes its root element </CONSOLIDATED_LIST>",
            detect=lambda head, first: (
                head.startswith(("<?xml", "<CONSOLIDATED_LIST")) and "CONSOLIDATED_LIST" in head
            ),
            parse=parse_un,
            min_entries=500,  # 1,003 in February 2026
            max_entries=10_000,
            date_rule="the root element's dateGenerated attribute",
        ),
        ListSource(
            id="bis_dpl",
            label="BIS Denied Persons List",
            files=("dpl.txt",),
            urls=("https://www.bis.doc.gov/dpl/dpl.txt",),
            required=(),
            marked=("dpl.txt",),
            complete=_line_end,
            end_rule="ends with a complete line (a final newline)",
            detect=lambda head, first: first.startswith('"Name"\t"Street_Address"'),
            parse=parse_dpl,
            min_entries=300,  # 581 in September 2022
            max_entries=10_000,
            # Last_Update holds typos (a "3017" year in the 2022 file).
            date_rule=_FOLDER_DATE,
        ),
        ListSource(
            id="us_csl",
            label="US Consolidated Screening List",
            files=("consolidated.csv",),
            urls=(
                "https://data.trade.gov/downloadable_consolidated_screening_list/v1/"
                "consolidated.csv",
            ),
            required=(),
            marked=("consolidated.csv",),
            complete=_csv_end,
            end_rule="ends with a complete last row",
            detect=lambda head, first: "entity_number" in first and "alt_names" in first,
            parse=parse_csl,
            # The full CSV has well over 10,000 rows; the bundled one is a 13-row sample.
            min_entries=5_000,
            max_entries=200_000,
            date_rule=_FOLDER_DATE,
            contains=(
                "BIS Entity List",
                "BIS Military End User List",
                "BIS Unverified List",
                "State ITAR Debarred List",
                "State Nonproliferation Sanctions",
            ),
        ),
    )
}


def get_source(source_id: str) -> ListSource:
    """The registered source of an id, else an error naming the known ones."""
    found = SOURCES.get(source_id)
    if found is None:
        raise InvalidInput(
            f"unknown list source; known: {', '.join(SOURCES)}", field="source", value=source_id
        )
    return found


def label(source_id: str) -> str:
    """A source's label (the id itself for a source no longer registered)."""
    found = SOURCES.get(source_id)
    return source_id if found is None else found.label
