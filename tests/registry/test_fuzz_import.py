"""Property tests over the import path: hostile text in any format and encoding.

Whatever the file holds, only a ``CorridorError`` may escape an import, a rejected
import writes nothing, and an accepted one stores no forbidden character. Together
these fuzz tests stay within ~20 s on two cores.
"""

from __future__ import annotations

import csv
import json
import zipfile
from datetime import UTC, datetime
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine

from corridor.exc import CorridorError
from corridor.registry.batch import Source, read_batch
from corridor.registry.cells import is_formula_like, neutralise, restore
from corridor.registry.formats import read_table, write_table
from corridor.registry.hygiene import text_problem
from corridor.registry.xlsx import write_xlsx
from corridor.store.db import make_engine, migrate, session_factory, transaction
from corridor.store.sql import SqlStore
from tests.factory import ORG_COLUMNS, REAL_ORGS

NOW = datetime(2026, 1, 1, tzinfo=UTC)
SPECIALS = [
    "\x00", "\x7f", "\x85", "\ud800", "\udfff", "\ufffe", "\uffff", "\u202e", "\u200f",
    "e\u0301", "한국", "中国", "=", "+", "-", "@", "'", "\t", "\r\n", '"', ",", "|", ";",
    "=HYPERLINK(\"http://x\",\"y\")", "x" * 300,
]  # fmt: skip
ANY_CHAR = st.characters(blacklist_categories=())  # surrogates included
TEXT = st.lists(st.sampled_from(SPECIALS) | st.text(ANY_CHAR, max_size=8), max_size=5).map("".join)
VALID = {c: sorted({r[c] for r in REAL_ORGS}) for c in ORG_COLUMNS}
ENCODINGS = ("utf-8", "utf-8-sig", "cp949", "gb18030")
_ENGINES: dict[str, Engine] = {}


def _engine(tmp: Path) -> Engine:
    """One database for all examples of a test (a rejected import must leave it alone)."""
    if str(tmp) not in _ENGINES:
        engine = make_engine(f"sqlite:///{tmp / 'fuzz.db'}")
        migrate(engine)
        _ENGINES[str(tmp)] = engine
    return _ENGINES[str(tmp)]


@st.composite
def rows(draw: st.DrawFn) -> tuple[list[str], list[dict[str, str]]]:
    columns = draw(st.lists(st.sampled_from(ORG_COLUMNS), min_size=1, max_size=8, unique=True))
    count = draw(st.integers(1, 4))
    out = []
    for i in range(count):
        row = {}
        for c in columns:
            valid = st.sampled_from(VALID[c]) if c != "key" else st.just(f"kr-fuzz-{i}")
            row[c] = draw(valid | TEXT)
        out.append(row)
    return columns, out


def _write(
    path: Path, fmt: str, encoding: str, columns: list[str], data: list[dict[str, str]]
) -> Path:
    if fmt == "xlsx":
        write_xlsx(path, columns, [[r[c] for c in columns] for r in data])
        return path
    if fmt == "json":
        text = json.dumps(data, ensure_ascii=False)
    else:
        with (path.parent / "buffer.txt").open(
            "w", newline="", encoding="utf-8", errors="surrogatepass"
        ) as handle:
            writer = csv.writer(handle)
            writer.writerow(columns)
            writer.writerows([r[c] for c in columns] for r in data)
        text = (path.parent / "buffer.txt").read_bytes().decode("utf-8", "surrogatepass")
    errors = "surrogatepass" if encoding.startswith("utf-8") else "replace"
    path.write_bytes(text.encode(encoding, errors))
    return path


def _counts(engine: Engine) -> dict[str, int]:
    with transaction(session_factory(engine)) as session:
        return SqlStore(session).count()


@settings(
    max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    table=rows(), fmt=st.sampled_from(["csv", "json", "xlsx"]), encoding=st.sampled_from(ENCODINGS)
)
def test_fuzz_import_only_refuses_cleanly_and_stores_clean_text(
    tmp_path: Path, table: tuple[list[str], list[dict[str, str]]], fmt: str, encoding: str
) -> None:
    from corridor.services.imports import import_files

    engine = _engine(tmp_path)
    path = _write(tmp_path / f"organisations.{fmt}", fmt, encoding, *table)
    before = _counts(engine)
    try:
        import_files(engine, [Source("organisations", path)], now=NOW)
    except CorridorError:
        assert _counts(engine) == before
        return
    with transaction(session_factory(engine)) as session:
        for org in SqlStore(session).organisations():
            texts = [n.text for n in org.names] + [org.city or "", *org.offers.values()]
            assert all(text_problem(t) is None for t in texts)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    fmt=st.sampled_from(["csv", "json", "xlsx"]),
    cuts=st.lists(st.tuples(st.integers(0, 5000), st.binary(min_size=1, max_size=4)), max_size=4),
)
def test_fuzz_corrupted_bytes_raise_only_corridor_errors(
    tmp_path: Path, fmt: str, cuts: list[tuple[int, bytes]]
) -> None:
    path = tmp_path / f"organisations.{fmt}"
    write_table(path, ORG_COLUMNS, REAL_ORGS, {})
    data = bytearray(path.read_bytes())
    for at, junk in cuts:
        data[at % len(data) : at % len(data) + len(junk)] = junk
    path.write_bytes(bytes(data))
    try:
        read_batch([Source("organisations", path)], latest_year=2026)
    except CorridorError:
        pass
    except zipfile.BadZipFile as err:  # pragma: no cover - would be a bug
        raise AssertionError(f"zip error escaped: {err}") from err


_CELL = st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=20)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    cells=st.lists(st.tuples(_CELL, _CELL), min_size=1, max_size=5),
    fmt=st.sampled_from(["csv", "json", "xlsx"]),
)
def test_fuzz_tables_round_trip_through_every_format(
    tmp_path: Path, cells: list[tuple[str, str]], fmt: str
) -> None:
    rows = [{"key": f"k{i}", "a": a, "b": b} for i, (a, b) in enumerate(cells)]
    path = tmp_path / f"t.{fmt}"
    write_table(path, ["key", "a", "b"], rows, {})
    assert [r.cells for r in read_table(path).rows] == rows


@settings(max_examples=500, deadline=None)
@given(value=st.text(ANY_CHAR, max_size=12) | st.sampled_from(SPECIALS))
def test_fuzz_formula_neutralising_is_lossless_and_safe(value: str) -> None:
    assert restore(neutralise(value)) == value
    assert not is_formula_like(neutralise(value))
