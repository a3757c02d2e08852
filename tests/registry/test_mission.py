"""mission.toml: the demo parses; every mistake is reported with its field path."""

from __future__ import annotations

from pathlib import Path

import pytest

from corridor.core.mission import LangPair
from corridor.exc import ImportRejected, InvalidInput
from corridor.registry.mission import load_mission
from corridor.services.bundled import bundled

EXAMPLE = bundled("shanghai-2026")

GOOD = """
[mission]
key = "m1"
name = "Roundtable"
city = "Shanghai"
country = "CN"
timezone = "Asia/Shanghai"
slot_minutes = 20

[[sessions]]
key = "s1"
name = "Morning"
date = 2026-01-08
start = "09:00"
end = "10:00"

[[interpreters]]
key = "i1"
name = "Interpreter"
pairs = ["zh-ko"]
"""


def test_demo_mission_parses() -> None:
    parsed = load_mission(EXAMPLE)
    m = parsed.mission
    assert (m.city, m.timezone, m.first_day().isoformat()[:7]) == (  # type: ignore[union-attr]
        "Shanghai",
        "Asia/Shanghai",
        "2026-01",
    )
    assert any(x.covers("ko", "zh") for x in m.interpreters)
    assert len(m.slots()) > 0 and len(m.tables) > 0
    assert set(parsed.files) == {"organisations", "people", "requests"}


def test_minimal_mission(tmp_path: Path) -> None:
    path = tmp_path / "mission.toml"
    path.write_text(GOOD)
    m = load_mission(path).mission
    assert m.interpreters[0].pairs == (LangPair("ko", "zh"),)
    assert len(m.slots()) == 3


@pytest.mark.parametrize(
    ("old", "new", "field"),
    [
        ('timezone = "Asia/Shanghai"', 'timezone = "Mars/Olympus"', "mission.timezone"),
        ('country = "CN"', 'country = "ZZ"', "mission.country"),
        ("slot_minutes = 20", "slot_minutes = 0", "mission.slot_minutes"),
        ('end = "10:00"', 'end = "08:00"', "sessions[0].end"),
        ('start = "09:00"', 'start = "9am"', "sessions[0].start"),
        ('pairs = ["zh-ko"]', 'pairs = ["ko-fr"]', "interpreters[0].pairs[0]"),
        ('key = "m1"', "", "mission.key"),
    ],
)
def test_mistakes_name_their_field(tmp_path: Path, old: str, new: str, field: str) -> None:
    path = tmp_path / "mission.toml"
    path.write_text(GOOD.replace(old, new, 1))
    with pytest.raises(ImportRejected) as info:
        load_mission(path)
    assert field in [p.field for p in info.value.problems]
    assert all(p.file == str(path) for p in info.value.problems)


def test_missing_and_malformed_files(tmp_path: Path) -> None:
    with pytest.raises(InvalidInput, match="does not exist"):
        load_mission(tmp_path / "mission.toml")
    broken = tmp_path / "broken.toml"
    broken.write_text("[mission\n")
    with pytest.raises(InvalidInput, match="not valid TOML"):
        load_mission(broken)
    named = tmp_path / "named.toml"
    named.write_text(GOOD + '\n[files]\norganisations = "nope.csv"\n')
    with pytest.raises(ImportRejected) as info:
        load_mission(named)
    assert info.value.problems[0].field == "files.organisations"


PROGRAMME = """
[[tables]]
key = "T1"
name = "Table 1"

[[programme]]
key = "plenary"
name = "Plenary"
date = 2026-01-08
start = "09:20"
end = "09:40"
people = ["p1"]

[[group_meetings]]
key = "g1"
parties = ["kr-a", "cn-b", "kr-c"]
interest = 3

[[investor_tables]]
host = "cn-b"
table = "T1"
session = "s1"
seats = 2
"""


def test_the_demo_programme_parses() -> None:
    m = load_mission(EXAMPLE).mission
    assert len(m.group_requests) == 2
    assert all(3 <= len(g.parties) <= 4 for g in m.group_requests)
    assert [(t.host, t.table, t.seats) for t in m.investor_tables] == [("cn-zhenfund", "T12", 2)]
    assert m.programme[0].key == "leaders-dialogue"


def test_programme_group_meetings_and_tables_in_rounds(tmp_path: Path) -> None:
    path = tmp_path / "mission.toml"
    path.write_text(GOOD + PROGRAMME)
    m = load_mission(path).mission
    assert m.programme[0].people == ("p1",)
    assert (m.programme[0].start.hour, m.programme[0].end.minute) == (9, 40)
    assert m.group_requests[0].parties == ("kr-a", "cn-b", "kr-c")
    assert m.investor_tables[0].session == "s1"


@pytest.mark.parametrize(
    ("old", "new", "field"),
    [
        ('parties = ["kr-a", "cn-b", "kr-c"]', 'parties = ["kr-a", "cn-b"]', "parties"),
        ("interest = 3", "interest = 7", "interest"),
        ('table = "T1"', 'table = "T9"', "investor_tables[0].table"),
        ('session = "s1"', 'session = "s9"', "investor_tables[0].session"),
        ("seats = 2", "seats = 0", "investor_tables[0].seats"),
        ('end = "09:40"', 'end = "09:00"', "programme[0].end"),
        ('people = ["p1"]', "", "programme[0].people"),
    ],
)
def test_programme_mistakes_name_their_field(
    tmp_path: Path, old: str, new: str, field: str
) -> None:
    path = tmp_path / "mission.toml"
    path.write_text(GOOD + PROGRAMME.replace(old, new, 1))
    with pytest.raises(ImportRejected) as info:
        load_mission(path)
    assert any(field in (p.field or "") for p in info.value.problems)
