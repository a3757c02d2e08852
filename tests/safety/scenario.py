"""The scenario of the safety tests: the demo mission's real delegates, with scenario
e-mail addresses and whereabouts placed on the days of the recorded CAP messages."""

from __future__ import annotations

import csv
import shutil
from datetime import date
from pathlib import Path

from sqlalchemy import Engine

from corridor.core.safety import Whereabouts
from corridor.safety.places import resolve
from corridor.services import safety
from corridor.services.imports import import_mission

BUNDLED = Path(__file__).parents[2] / "src" / "corridor" / "bundled" / "shanghai-2026"
DAY = date(2003, 6, 18)  # scenario: the meeting day, Shanghai time (fixtures/README.md)

# Scenario delegates (real people of the demo mission; addresses and whereabouts are
# scenario data): two Korean readers and a Chinese reader at the venue, one Korean
# reader in Beijing that day, one who left the day before.
AT_VENUE = {
    "p-kr-samsung-electronics-1": "lee@example.org",
    "p-kr-samsung-electronics-2": "jun@example.org",
    "p-cn-deepseek-1": "liang@example.org",
}
ELSEWHERE, LEFT = "p-kr-samsung-electronics-3", "p-kr-sk-hynix-1"


def seed(tmp: Path, engine: Engine) -> None:
    shutil.copytree(BUNDLED, tmp / "m")
    path = tmp / "m" / "people.csv"
    with path.open(encoding="utf-8") as src:
        rows = list(csv.DictReader(src))
    emails = {**AT_VENUE, ELSEWHERE: "roh@example.org", LEFT: "left@example.org"}
    for row in rows:
        row["email"] = emails.get(row["key"], row["email"])
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    import_mission(engine, tmp / "m")
    venue, beijing = resolve("Shanghai", country="CN"), resolve("Beijing", country="CN")
    where = [Whereabouts("shanghai-2026", k, DAY, "venue", venue) for k in AT_VENUE]
    where += [
        Whereabouts("shanghai-2026", ELSEWHERE, DAY, "visit", beijing),
        Whereabouts("shanghai-2026", LEFT, date(2003, 6, 17), "venue", venue),
    ]
    safety.set_whereabouts(engine, "shanghai-2026", where)
