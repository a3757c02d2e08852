"""Bulk import benchmark: generated organisations and people through ``corridor import``.

    python benchmarks/import.py [--orgs 20000] [--pg URL] [--pg-orgs 100000]
                                [--against SRC] [--repeat N] [--record-baseline NOTE]

The input is generated, seeded and valid: Korean and Chinese organisations with
names in Hangul, Hanzi and Latin letters, Korean business numbers and Chinese unified
social credit codes whose check characters come from the project's own validators
(``registry.validate``), and one delegate per organisation. It is written as CSV and
imported with the service behind ``corridor import`` (``services.imports.import_paths``)
into a fresh SQLite file and, when ``--pg`` or ``CORRIDOR_TEST_PG_URL`` names a
server, a fresh PostgreSQL database. Three runs per database:

- ``organisations``: the organisations file into an empty database;
- ``re-import``: the same file again (every row unchanged);
- ``orgs + people``: both files in one import, into another empty database.

Each import runs in a fresh interpreter, as ``corridor import`` does. ``--against SRC``
runs every import a second time with the code in SRC (the ``src`` folder of another
checkout, e.g. main's: ``git worktree add /tmp/main main`` then ``--against
/tmp/main/src``), alternating the two, ``--repeat`` times each, so that both meet the
same load; the table shows the median of each and the load average before and after.
The last column compares with the figures recorded from main before the bulk import
work (``benchmarks/import_baseline.json``; ``--record-baseline`` rewrites it).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from corridor.registry import validate as v
from corridor.registry.schema import ORGANISATION, PERSON
from corridor.services.imports import import_paths
from corridor.store.db import database_url, make_engine, migrate

BASELINE = Path(__file__).with_name("import_baseline.json")

# (Hangul syllable, its romanisation) and (Han character, its pinyin): the pieces of
# generated names; the suffixes make them read like company names in each script.
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
    ("푸", "Pu"),
    ("른", "Reun"),
    ("하", "Ha"),
    ("늘", "Neul"),
    ("별", "Byeol"),
    ("아", "A"),
    ("라", "Ra"),
    ("가", "Ga"),
    ("비", "Bi"),
    ("전", "Jeon"),
    ("진", "Jin"),
    ("현", "Hyeon"),
    ("서", "Seo"),
    ("윤", "Yun"),
    ("도", "Do"),
    ("연", "Yeon"),
    ("우", "U"),
    ("주", "Ju"),
    ("태", "Tae"),
    ("성", "Seong"),
    ("민", "Min"),
    ("지", "Ji"),
    ("은", "Eun"),
    ("결", "Gyeol"),
]
KO_SUFFIX = [
    ("테크", "Tech"),
    ("로보틱스", "Robotics"),
    ("바이오", "Bio"),
    ("랩스", "Labs"),
    ("모빌리티", "Mobility"),
    ("에너지", "Energy"),
    ("헬스케어", "Healthcare"),
    ("소프트", "Soft"),
]
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
    ("安", "An"),
    ("达", "Da"),
    ("卓", "Zhuo"),
    ("越", "Yue"),
    ("和", "He"),
    ("光", "Guang"),
    ("晨", "Chen"),
    ("峰", "Feng"),
    ("源", "Yuan"),
    ("睿", "Rui"),
    ("航", "Hang"),
    ("芯", "Xin"),
    ("腾", "Teng"),
    ("联", "Lian"),
    ("信", "Xin"),
    ("启", "Qi"),
    ("蓝", "Lan"),
    ("金", "Jin"),
]
ZH_SUFFIX = [
    ("科技", "Technology"),
    ("智能", "Intelligence"),
    ("生物", "Biotech"),
    ("机器人", "Robotics"),
    ("能源", "Energy"),
    ("医疗", "Medical"),
    ("软件", "Software"),
    ("半导体", "Semiconductor"),
]
KO_PEOPLE = [("김", "Kim"), ("이", "Lee"), ("박", "Park"), ("최", "Choi"), ("정", "Jung")]
ZH_PEOPLE = [("王", "Wang"), ("李", "Li"), ("张", "Zhang"), ("刘", "Liu"), ("陈", "Chen")]
KR_CITIES = ["Seoul", "Busan", "Daejeon", "Pangyo", "Incheon", "Daegu"]
CN_CITIES = ["Shanghai", "Shenzhen", "Beijing", "Hangzhou", "Suzhou", "Chengdu"]
CN_DIVISIONS = ["310115", "440300", "110108", "330106", "320505", "510107"]
SECTORS = [
    "artificial_intelligence", "robotics", "semiconductors", "sensors", "biotech",
    "medical_devices", "batteries", "electric_vehicles", "mobility", "cloud", "fintech",
    "logistics", "energy", "materials", "digital_health", "smart_manufacturing",
]  # fmt: skip
STAGES = ["pre_seed", "seed", "series_a", "series_b", "series_c", "growth"]


def kr_brn(rng: random.Random) -> str:
    """A Korean business number: office, corporate code, serial and its check digit."""
    first9 = (
        f"{rng.randint(101, 899):03d}{rng.choice((81, 86, 87, 88)):02d}{rng.randrange(10_000):04d}"
    )
    return v.format_kr_brn(first9 + str(v.kr_brn_check_digit(first9)))


def cn_uscc(rng: random.Random) -> str:
    """A unified social credit code: enterprise code, division, organisation code, check."""
    org8 = f"{rng.randrange(10**8):08d}"
    first17 = "91" + rng.choice(CN_DIVISIONS) + org8 + v.org_code_check_char(org8)
    return first17 + v.cn_uscc_check_char(first17)


def _unique(rng: random.Random, make: object, seen: set[str]) -> str:
    while True:
        value = make(rng)  # type: ignore[operator]
        if value not in seen:
            seen.add(value)
            return value


def _name(rng: random.Random, pieces: list[tuple[str, str]], suffixes: list[tuple[str, str]],
          seen: set[str], sep: str) -> tuple[str, str]:  # fmt: skip
    """A native name and its Latin form, never used before in this file."""
    while True:
        parts = [rng.choice(pieces) for _ in range(rng.randint(2, 3))]
        suffix = rng.choice(suffixes)
        native = "".join(p[0] for p in parts) + suffix[0]
        if native not in seen:
            seen.add(native)
            latin = "".join(p[1] for p in parts).capitalize()
            return native, f"{latin}{sep}{suffix[1]}"


def organisation(i: int, rng: random.Random, seen: set[str]) -> dict[str, str]:
    """Row ``i``: even rows Korean, odd rows Chinese."""
    korean = i % 2 == 0
    native, latin = (
        _name(rng, KO, KO_SUFFIX, seen, " ") if korean else _name(rng, ZH, ZH_SUFFIX, seen, " ")
    )
    country = "KR" if korean else "CN"
    row = dict.fromkeys((f.name for f in ORGANISATION), "")
    row.update(
        key=f"bench-{country.lower()}-{i:06d}",
        kind="startup" if i % 7 else "corporate",
        country=country,
        name_en=latin,
        city=rng.choice(KR_CITIES if korean else CN_CITIES),
        founded=str(rng.randint(1990, 2025)),
        website=f"https://{latin.lower().replace(' ', '-')}-{i}.example.org",
        sectors=";".join(rng.sample(SECTORS, rng.randint(1, 3))),
        stage=rng.choice(STAGES),
        offers_en="generated benchmark organisation",
        sources="https://example.org/benchmark",
    )
    if korean:
        row.update(name_ko=native, legal_name="주식회사 " + native)
        row["kr_brn"] = _unique(rng, kr_brn, seen)
    else:
        row.update(name_zh=native, legal_name=native + "有限公司")
        row["cn_uscc"] = _unique(rng, cn_uscc, seen)
    return row


def person(org: dict[str, str], rng: random.Random) -> dict[str, str]:
    """The organisation's delegate, named in its script and in Latin letters."""
    korean = org["country"] == "KR"
    family = rng.choice(KO_PEOPLE if korean else ZH_PEOPLE)
    given = [rng.choice(KO if korean else ZH) for _ in range(2)]
    native = family[0] + "".join(g[0] for g in given)
    latin = f"{family[1]} {''.join(g[1] for g in given).capitalize()}"
    row = dict.fromkeys((f.name for f in PERSON), "")
    row.update(
        key="p-" + org["key"],
        org_key=org["key"],
        name_en=latin,
        title="Founder and CEO",
        languages="ko;en" if korean else "zh;en",
        email=f"{org['key']}@example.org",
    )
    row["name_ko" if korean else "name_zh"] = native
    return row


def write_files(folder: Path, count: int, seed: int = 12) -> tuple[Path, Path]:
    """``organisations.csv`` and ``people.csv`` of ``count`` rows each."""
    rng = random.Random(seed)
    seen: set[str] = set()
    orgs = [organisation(i, rng, seen) for i in range(count)]
    people = [person(o, rng) for o in orgs]
    return _csv(folder / "organisations.csv", orgs), _csv(folder / "people.csv", people)


def _csv(path: Path, rows: list[dict[str, str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return path


@dataclass(frozen=True)
class Run:
    backend: str
    scenario: str
    rows: int
    seconds: float | None  # None: the import failed (the error is printed)
    against: float | None = None  # the same run with the code in --against


@contextmanager
def fresh_database(backend: str, folder: Path, pg_url: str | None) -> Iterator[str]:
    """An empty database URL: a new SQLite file, or a new PostgreSQL database."""
    if backend == "sqlite":
        path = folder / f"bench-{uuid.uuid4().hex[:8]}.db"
        yield str(path)
        return
    assert pg_url is not None
    name = f"corridor_bench_{uuid.uuid4().hex[:12]}"
    admin = create_engine(database_url(pg_url), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield (
            make_url(database_url(pg_url)).set(database=name).render_as_string(hide_password=False)
        )
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def one_import(url: str, paths: list[Path], expect: int, unchanged: bool) -> float | None:
    """Seconds of one import into ``url`` (migrated first, not timed), or None (and the
    reason printed) if it failed."""
    engine = make_engine(url)
    migrate(engine)
    try:
        started = time.perf_counter()
        report = import_paths(engine, paths)
        seconds = time.perf_counter() - started
    except Exception as err:  # a baseline may fail where this work does not
        print(f"  failed: {type(err).__name__}: {str(err).splitlines()[0][:200]}", flush=True)
        return None
    finally:
        engine.dispose()
    total = report.total()
    got = total.unchanged if unchanged else total.created
    if got != expect:
        raise SystemExit(f"import of {[p.name for p in paths]} reported {total}, expected {expect}")
    return seconds


def _timed_import(
    url: str, paths: list[Path], expect: int, unchanged: bool = False, src: str | None = None
) -> float | None:
    """``one_import`` in a fresh interpreter running the code in ``src`` (default: this
    checkout's)."""
    env = dict(os.environ)
    if src is not None:
        env["PYTHONPATH"] = os.pathsep.join([src, *filter(None, [env.get("PYTHONPATH")])])
    command = [sys.executable, __file__, "--one", url, str(expect), *map(str, paths)]
    done = subprocess.run(
        command + (["--unchanged"] if unchanged else []),
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        print(done.stdout + done.stderr, flush=True)
        raise SystemExit(f"the import in {src or 'this checkout'} crashed")
    *said, answer = done.stdout.splitlines()
    for line in said:  # why it failed
        print(line, flush=True)
    seconds = json.loads(answer)
    return None if seconds is None else float(seconds)


def _scenarios(
    backend: str, count: int, work: Path, pg_url: str | None, src: str | None
) -> list[float | None]:
    """Seconds of the three runs on one backend with one code tree."""
    orgs, people = work / "organisations.csv", work / "people.csv"
    with fresh_database(backend, work, pg_url) as url:
        seconds = [_timed_import(url, [orgs], count, src=src)]
        seconds.append(_timed_import(url, [orgs], count, unchanged=True, src=src))
    with fresh_database(backend, work, pg_url) as url:
        seconds.append(_timed_import(url, [orgs, people], 2 * count, src=src))
    return seconds


SCENARIOS = ("organisations", "re-import", "orgs + people")


def run_backend(
    backend: str, count: int, work: Path, pg_url: str | None, options: argparse.Namespace
) -> list[Run]:
    """The three runs on one backend with ``count`` organisations, ``--repeat`` times
    (alternating with ``--against``), printed with their medians."""
    folder = work / f"{backend}-{count}"
    folder.mkdir()
    write_files(folder, count)
    now: list[list[float | None]] = []
    before: list[list[float | None]] = []
    for _ in range(options.repeat):
        now.append(_scenarios(backend, count, folder, pg_url, None))
        if options.against is not None:
            before.append(_scenarios(backend, count, folder, pg_url, options.against))
    runs = []
    for i, scenario in enumerate(SCENARIOS):
        rows = count * (2 if scenario == "orgs + people" else 1)
        mine, theirs = _median([r[i] for r in now]), _median([r[i] for r in before])
        runs.append(_row(Run(backend, scenario, rows, mine, theirs), load_baseline()))
    return runs


def _median(seconds: list[float | None]) -> float | None:
    if len(seconds) == 0 or any(s is None for s in seconds):
        return None
    return statistics.median(s for s in seconds if s is not None)


def _key(run: Run) -> str:
    return f"{run.backend}/{run.scenario}/{run.rows}"


HEADER = (
    f"{'database':<11}{'run':<15}{'rows':>9}{'seconds':>9}{'rows/s':>9}"
    f"{'against':>9}{'speed-up':>10}{'baseline s':>12}{'speed-up':>10}"
)


def _ratio(before: float | None, now: float | None) -> str:
    if before is None or before <= 0 or now is None:
        return "—"
    return f"{before / now:.1f}×"


def _row(run: Run, baseline: dict[str, float]) -> Run:
    """Print one line of the table: rows, seconds, rows/s, the same run with the code of
    ``--against``, and the speed-up over main before the bulk import work."""
    before = baseline.get(_key(run))
    now = "failed" if run.seconds is None else f"{run.seconds:.2f}"
    rate = "—" if run.seconds is None else f"{run.rows / run.seconds:,.0f}"
    against = "—" if run.against is None else f"{run.against:.2f}"
    was = "—" if before is None else f"{before:.1f}" if before > 0 else "failed"
    print(
        f"{run.backend:<11}{run.scenario:<15}{run.rows:>9,}{now:>9}{rate:>9}"
        f"{against:>9}{_ratio(run.against, run.seconds):>10}{was:>12}"
        f"{_ratio(before, run.seconds):>10}",
        flush=True,
    )
    return run


def load_baseline() -> dict[str, float]:
    """The recorded seconds of main before this work, by ``backend/run/rows``
    (0 where main failed)."""
    if not BASELINE.exists():
        return {}
    return {k: float(s) for k, s in json.loads(BASELINE.read_text())["seconds"].items()}


def record_baseline(runs: list[Run], note: str) -> None:
    """Merge this run's seconds into the baseline file (other sizes are kept)."""
    data = json.loads(BASELINE.read_text()) if BASELINE.exists() else {"seconds": {}}
    data["note"] = note
    data["seconds"].update({_key(r): 0 if r.seconds is None else round(r.seconds, 2) for r in runs})
    data["seconds"] = dict(sorted(data["seconds"].items()))
    BASELINE.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n")


def load_average() -> str:
    """The 1, 5 and 15 minute load averages (the machine is shared)."""
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def _one(argv: list[str]) -> int:
    """``--one URL EXPECT PATH… [--unchanged]``: one import, its seconds as JSON."""
    unchanged = "--unchanged" in argv
    url, expect, *paths = [a for a in argv if a != "--unchanged"]
    seconds = one_import(url, [Path(p) for p in paths], int(expect), unchanged)
    print(json.dumps(seconds))
    return 0


def main() -> int:
    if sys.argv[1:2] == ["--one"]:
        return _one(sys.argv[2:])
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--orgs", type=int, nargs="*", default=[20_000], help="sizes on SQLite")
    parser.add_argument("--pg", default=os.environ.get("CORRIDOR_TEST_PG_URL"))
    parser.add_argument(
        "--pg-orgs", type=int, nargs="*", default=[20_000, 100_000], help="sizes on PostgreSQL"
    )
    parser.add_argument("--against", metavar="SRC", help="also run the code in SRC, alternating")
    parser.add_argument("--repeat", type=int, default=1, help="runs of each import (median)")
    parser.add_argument(
        "--record-baseline", metavar="NOTE", help="store these figures as the baseline"
    )
    args = parser.parse_args()
    runs: list[Run] = []
    print(f"load average before: {load_average()}", flush=True)
    print(HEADER, flush=True)
    with tempfile.TemporaryDirectory(prefix="corridor-import-bench-") as tmp:
        for count in args.orgs:
            runs += run_backend("sqlite", count, Path(tmp), None, args)
        for count in args.pg_orgs if args.pg else []:
            runs += run_backend("postgresql", count, Path(tmp), args.pg, args)
    print(f"load average after: {load_average()}", flush=True)
    if args.record_baseline:
        record_baseline(runs, args.record_baseline)
    return 0


if __name__ == "__main__":
    sys.exit(main())
