"""Byte mutations of real list files: whatever a file holds, reading it either works or
raises a CorridorError — never any other exception."""

from __future__ import annotations

import contextlib
import gzip
import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from corridor.exc import CorridorError
from corridor.screen.sources.detect import read_list
from tests.conftest import FIXTURES, SHARED_DATA

LISTS = FIXTURES / "lists"
CASES = {
    "ofac_sdn": ("ofac_sdn", "sdn.csv"),
    "ofac_sdn_alt": ("ofac_sdn", "alt.csv"),
    "ofac_cons": ("ofac_cons", "cons_prim.csv"),
    "un_sc": ("un_sc", "consolidated.xml"),
    "bis_dpl": ("bis_dpl", "dpl.txt"),
    "us_csl": ("us_csl", "consolidated.csv"),
}
FUZZ = settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])

Mutation = tuple[str, int, int]
mutations = st.lists(
    st.tuples(
        st.sampled_from(["flip", "insert", "delete", "truncate"]),
        st.integers(min_value=0, max_value=1 << 20),
        st.integers(min_value=0, max_value=255),
    ),
    min_size=1,
    max_size=4,
)


def mutate(data: bytes, steps: list[Mutation]) -> bytes:
    """Apply flips, inserted bytes, deletions and truncations at positions in ``data``."""
    out = bytearray(data)
    for kind, where, byte in steps:
        at = where % (len(out) + 1)
        if kind == "flip" and at < len(out):
            out[at] ^= byte or 1
        elif kind == "insert":
            out[at:at] = bytes([byte])
        elif kind == "delete":
            del out[at : at + 1 + byte % 8]
        elif kind == "truncate":
            del out[at:]
    return bytes(out)


def _read_mutated(case: str, steps: list[Mutation], *, gzipped: bool = False) -> None:
    folder, name = CASES[case]
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / folder
        shutil.copytree(LISTS / folder, root)
        data = mutate((LISTS / folder / name).read_bytes(), steps)
        target = root / name
        if gzipped:
            target.unlink()
            target = root / (name + ".gz")
            target.write_bytes(mutate(gzip.compress(data, mtime=0), steps[:1]))
        else:
            target.write_bytes(data)
        primary = root / ("sdn.csv" if case == "ofac_sdn_alt" else name)
        if gzipped and primary.name == name:
            primary = target
        with contextlib.suppress(CorridorError):
            read_list(primary)


@FUZZ
@given(case=st.sampled_from(sorted(CASES)), steps=mutations)
def test_fuzz_mutated_list_files_raise_only_corridor_errors(
    case: str, steps: list[Mutation]
) -> None:
    _read_mutated(case, steps)


@settings(max_examples=300, deadline=None)
@given(case=st.sampled_from(["un_sc", "bis_dpl", "us_csl"]), steps=mutations)
def test_fuzz_mutated_gzip_list_files_raise_only_corridor_errors(
    case: str, steps: list[Mutation]
) -> None:
    _read_mutated(case, steps, gzipped=True)


def _shared_slice() -> bytes | None:
    """The first 200 rows of the full 2021 SDN file (kept small for speed)."""
    path = SHARED_DATA / "sanctions" / "ofac_sdn" / "2021-07-07_full_set" / "sdn.csv"
    if not path.exists():
        return None
    return b"\r\n".join(path.read_bytes().split(b"\r\n")[:200]) + b"\r\n\x1a"


SLICE = _shared_slice()


@settings(max_examples=200, deadline=None)
@given(steps=mutations)
def test_fuzz_mutated_slice_of_the_full_sdn_raises_only_corridor_errors(
    steps: list[Mutation],
) -> None:
    if SLICE is None:  # pragma: no cover - without ../shared/data
        return
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        for name in ("alt.csv", "add.csv"):
            shutil.copy(LISTS / "ofac_sdn" / name, root / name)
        (root / "sdn.csv").write_bytes(mutate(SLICE, steps))
        with contextlib.suppress(CorridorError):
            read_list(root / "sdn.csv")
