"""``corridor safety``: feeds, whereabouts file, roll call from the command line."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from typer.testing import CliRunner

from corridor.cli.main import app
from corridor.services.database import open_database
from tests.safety.scenario import seed

runner = CliRunner()


def run(db: Path, *args: str) -> tuple[int, str]:
    result = runner.invoke(app, ["--db", str(db), *args])
    return result.exit_code, result.output


def test_feeds_whereabouts_and_a_roll_call(tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    engine = open_database(str(db))
    seed(tmp_path, engine)
    engine.dispose()
    assert run(db, "safety", "feeds", "add", "file:///etc/passwd", "--kind", "cap")[0] == 2
    code, out = run(db, "safety", "feeds", "add", "https://example.org/cap.xml", "--kind", "cap")
    assert code == 0 and "feed #1 cap" in out
    assert "https://example.org/cap.xml" in run(db, "safety", "feeds", "list")[1]

    ko, zh = "p-kr-samsung-electronics-1", "p-cn-deepseek-1"
    places = tmp_path / "where.csv"
    places.write_text(
        "person_key,day,kind,place,lat,lon\n"
        f"{ko},2003-06-18,venue,上海,,\n"
        f"{zh},2003-06-18,hotel,Grand Hotel (scenario),31.23,121.47\n",
        encoding="utf-8",
    )
    code, out = run(db, "safety", "places", "shanghai-2026", str(places))
    assert (code, "2 whereabouts" in out) == (0, True)

    bad = tmp_path / "bad.csv"
    bad.write_text(
        "person_key,day,kind,place,lat,lon\n"
        f"{ko},2003-06-31,venue,上海,,\n"
        "nobody,2003-06-18,venue,上海,,\n"
        f"{zh},2003-06-18,hotel,Nowhere-ville,,\n",
        encoding="utf-8",
    )
    code, out = run(db, "safety", "places", "shanghai-2026", str(bad))
    assert code == 2
    for field in ("day", "person_key", "place"):
        assert field in out
    assert "2 whereabouts" not in out

    code, out = run(
        db,
        "safety",
        "rollcall",
        "start",
        "shanghai-2026",
        "--day",
        "2003-06-18",
        "--print",
        "--base",
        "http://site",
    )
    assert code == 0 and "roll call #1: 2 delegates" in out and "http://site/safe/" in out
    code, out = run(db, "safety", "rollcall", "status", "1")
    assert code == 0 and out.count("no answer") == 2
    code, out = run(db, "safety", "rollcall", "status", "1", "--json")
    found = json.loads(out)
    assert (len(found["unanswered"]), found["safe"], found["need_help"]) == (2, [], [])
    places = {r["person"]: r["place"] for r in found["unanswered"]}
    assert places == {ko: "上海", zh: "Grand Hotel (scenario)"}
    code, out = run(
        db, "safety", "rollcall", "export", "1", str(tmp_path / "r.xlsx"), "--lang", "ko"
    )
    assert code == 0 and (tmp_path / "r.xlsx").stat().st_size > 0


def test_the_mission_venue_from_mission_toml_places_venue_rows(tmp_path: Path) -> None:
    from corridor.services import safety
    from corridor.services.imports import import_mission
    from tests.safety.scenario import BUNDLED

    folder = tmp_path / "m"
    shutil.copytree(BUNDLED, folder)
    toml = folder / "mission.toml"
    # Scenario venue (the demo mission names none): a point in central Shanghai.
    toml.write_text(
        toml.read_text(encoding="utf-8")
        + '\n[venue]\nname = "Roundtable venue (scenario)"\nlat = 31.2304\nlon = 121.4737\n',
        encoding="utf-8",
    )
    db = tmp_path / "c.db"
    engine = open_database(str(db))
    import_mission(engine, folder)
    where = tmp_path / "where.csv"
    where.write_text(
        "person_key,day,kind,place,lat,lon\n"
        "p-kr-samsung-electronics-1,2026-01-08,venue,,,\n"
        "p-kr-samsung-electronics-1,2026-01-08,hotel,,,\n",
        encoding="utf-8",
    )
    code, out = run(db, "safety", "places", "shanghai-2026", str(where))
    assert code == 2 and "place" in out and "venue" in out  # the hotel row names no place
    where.write_text(
        "person_key,day,kind,place,lat,lon\np-kr-samsung-electronics-1,2026-01-08,venue,,,\n",
        encoding="utf-8",
    )
    assert run(db, "safety", "places", "shanghai-2026", str(where))[0] == 0
    (w,) = safety.whereabouts(engine, "shanghai-2026")
    assert (w.place.name, w.place.lat, w.place.lon, w.place.country) == (
        "Roundtable venue (scenario)",
        31.2304,
        121.4737,
        "CN",
    )
    engine.dispose()
    bad = folder / "mission.toml"
    bad.write_text(toml.read_text(encoding="utf-8").replace("lat = 31.2304", "lat = 131.2"))
    code, out = run(db, "import", str(folder))
    assert code != 0 and "venue.lat" in out
