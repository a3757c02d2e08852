"""Batch screening on Dask against screening in one process, side by side.

    python benchmarks/scale.py [--names 20000] [--workers 1 2] [--partition-rows 2000]
                               [--delta N] [--delta-real] [--matching 10000 100000]

Loads the bundled list snapshot into a fresh SQLite database, writes ``--names``
registry names with planted list matches (``benchmarks/data/registry.py``: Korean and
Chinese organisations and persons in Hangul, Hanzi and Latin letters; 2 % real list
entries written as a registry would hold them, each with its entry in a truth file) and
screens them three ways, each in its own process so that memory figures are its own:

- ``single``: ``screen_queries`` in one process (what ``corridor screen names`` runs);
- ``batch N``: ``corridor screen batch`` on a LocalCluster of N worker processes.

``--delta N`` adds a list update: the bundled 2024-05-03 SDN without its N highest
entity numbers (OFAC numbers entries in the order it designates them, so this stands
for the list before its latest designations) is in force for a first batch; the real
file is then loaded and the names screened again in full and with ``--since`` (first
with the registry's keys computed, then with them kept), and the hits compared.
``--delta-real`` does the same across a real pair of OFAC publications that can each be
loaded whole: the 2021-07-07 full SDN set in ../shared/data, then the bundled 2024-05-03
one (the 2025-12-24 files there hold aliases and addresses only, no primary names, so
they cannot stand as a list version).

``--matching SIZES`` recommends each organisation's top ``--match-k`` under capacity in
generated ecosystems (``benchmarks/matching.py``) in one process and on LocalClusters of
``--match-workers`` (default 1 and 2), side by side: candidate pairs scored, selection
(exact CP-SAT up to 20,000 pairs, greedy beyond; ``--match-bound`` measures it against
HiGHS's LP relaxation bound), the chosen pairs' features; pairs and choices checked equal.

The table gives names per second, per core (per process doing the screening), names
per CPU-second of the screening processes (what a core does when it is not shared: the
machine's load average is printed beside), the peak resident memory of each screening
process, and the speed against ``single``; then the 10⁶-name run's time extrapolated
from the best measured rate. The index build is outside every timing (a batch ships the
kept index file; ``single`` opens it); a batch's time includes starting its cluster.
"""

from __future__ import annotations

import argparse
import csv
import importlib.util
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from corridor.services.lists import bundled_lists, load_lists
from corridor.store.db import make_engine, migrate

HERE = Path(__file__).parent
OLD_SDN = HERE.parent.parent / "shared" / "data" / "sanctions" / "ofac_sdn" / "2021-07-07_full_set"
OLD_SDN = OLD_SDN / "sdn.csv"


def _generator() -> object:
    """benchmarks/data/registry.py (the seeded registry with planted list matches)."""
    spec = importlib.util.spec_from_file_location("registry_data", HERE / "data" / "registry.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["registry_data"] = module
    spec.loader.exec_module(module)
    return module


def accuracy(output: Path, truth: Path) -> tuple[int, float, float, float]:
    """(planted rows, recall: planted rows whose own entry is among their hits, precision:
    share of rows with a hit that are planted, the same for rows with a strong hit)."""
    from corridor.scale.parts import read_output

    with truth.open(encoding="utf-8") as rows:
        known = {r["id"]: (r["source"], r["source_id"]) for r in csv.DictReader(rows)}
    hits = read_output(output)
    found = sum(
        1
        for k, entry in known.items()
        if entry in {(h["source"], h["source_id"]) for h in hits.get(k, [])}
    )
    alerted = set(hits)
    strong = {k for k, v in hits.items() if any(h["band"] == "strong" for h in v)}
    return (
        len(known),
        found / max(1, len(known)),
        len(alerted & known.keys()) / max(1, len(alerted)),
        len(strong & known.keys()) / max(1, len(strong)),
    )


def prepare(folder: Path, count: int) -> tuple[Path, Path]:
    database = folder / "corridor.db"
    engine = make_engine(f"sqlite:///{database}")
    migrate(engine)
    load_lists(engine, bundled_lists(), label="bundled snapshot")
    from corridor.services.name_files import query_for
    from corridor.services.screening import screen_queries

    screen_queries(engine, [query_for("warm up", "org")])  # builds and keeps the index
    names = folder / "names.csv"
    _generator().write(names, count)  # type: ignore[attr-defined]
    engine.dispose()
    return database, names


def run_single(database: Path, names: Path) -> dict[str, float]:
    from corridor.services.batch_rows import read_name_rows
    from corridor.services.name_files import query_for
    from corridor.services.screening import screen_queries

    engine = make_engine(f"sqlite:///{database}")
    queries = [query_for(r.name, r.kind, r.country) for r in read_name_rows(names)]
    started, cpu = time.perf_counter(), time.process_time()
    found = screen_queries(engine, queries)
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "seconds": seconds,
        "cpu": cpu,
        "cores": 1,
        "peak_mb": peak,
        "hits": sum(map(len, found)),
    }


def _cpu_seconds() -> float:
    used = resource.getrusage(resource.RUSAGE_SELF)
    return used.ru_utime + used.ru_stime


def run_batch(database: Path, names: Path, workers: int, partition: int) -> dict[str, float]:
    from corridor.scale.batch import screen_batch
    from corridor.scale.cluster import connect

    engine = make_engine(f"sqlite:///{database}")
    output = database.with_name(f"out-{workers}.jsonl")
    started = time.perf_counter()
    with connect(workers) as client:
        idle = client.run(_cpu_seconds)
        summary = screen_batch(engine, names, output, client, partition_rows=partition)
        peaks = client.run(lambda: resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
        busy = client.run(_cpu_seconds)
    seconds = time.perf_counter() - started
    return {
        "seconds": seconds,
        "cpu": sum(busy[w] - idle.get(w, 0.0) for w in busy),
        "cores": workers,
        "peak_mb": max(peaks.values()),
        "hits": summary.rows,
    }


def child(mode: str, database: Path, names: Path, workers: int, partition: int) -> dict[str, float]:
    """Run one mode in a fresh process; its JSON result."""
    done = subprocess.run(
        [
            sys.executable,
            __file__,
            "--child",
            mode,
            str(database),
            str(names),
            str(workers),
            str(partition),
        ],
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def previous_sdn(folder: Path, drop: int) -> Path:
    """The bundled SDN files without the ``drop`` highest entity numbers."""
    import gzip

    [sdn] = [p for p in bundled_lists() if p.name == "sdn.csv.gz"]
    with gzip.open(sdn, "rt", encoding="utf-8", errors="replace", newline="") as rows:
        numbers = sorted(int(r[0]) for r in csv.reader(rows) if r and r[0].strip().isdigit())
    latest = {str(n) for n in numbers[-drop:]}
    folder.mkdir(parents=True, exist_ok=True)
    for source in sdn.parent.glob("*.csv.gz"):
        lines = gzip.decompress(source.read_bytes()).decode("utf-8", errors="replace")
        kept = [x for x in lines.splitlines(keepends=True) if x.split(",", 1)[0] not in latest]
        (folder / source.name.removesuffix(".gz")).write_text("".join(kept), encoding="utf-8")
    return folder / "sdn.csv"


def run_delta(
    folder: Path, names: Path, before_sdn: Path, title: str, workers: int, partition: int
) -> None:
    """Full batch vs ``--since`` after the SDN list goes from ``before_sdn`` to the
    bundled one."""
    from corridor.scale.batch import screen_batch
    from corridor.scale.cluster import connect
    from corridor.scale.delta import screen_delta
    from corridor.scale.parts import read_output

    folder.mkdir(parents=True, exist_ok=True)
    engine = make_engine(f"sqlite:///{folder / 'delta.db'}")
    migrate(engine)
    others = [p for p in bundled_lists() if "ofac_sdn" not in p.parts]
    load_lists(engine, [*others, before_sdn], label="before")
    before, full, delta = (folder / f"{n}.parquet" for n in ("before", "full", "delta"))
    timings: dict[str, float] = {}
    with connect(workers) as client:
        screen_batch(engine, names, before, client, partition_rows=partition)
        [sdn] = [p for p in bundled_lists() if p.name == "sdn.csv.gz"]
        load_lists(engine, [sdn], label="after")
        started = time.perf_counter()
        screen_batch(engine, names, full, client, partition_rows=partition)
        timings["full batch"] = time.perf_counter() - started
        for label in ("--since (keys computed)", "--since (keys kept)"):
            started = time.perf_counter()
            summary = screen_delta(engine, names, before, delta, client, partition_rows=partition)
            timings[label] = time.perf_counter() - started
    want, got = read_output(full), read_output(delta)
    ids = set(want) | set(got)

    def entries(hits: dict[str, list[dict[str, object]]], k: str) -> list[tuple[object, ...]]:
        return [(h["source"], h["source_id"], h["band"]) for h in hits.get(k, [])]

    moved = [
        abs(float(str(a["score"])) - float(str(b["score"])))
        for k in ids
        if entries(want, k) == entries(got, k)
        for a, b in zip(want.get(k, []), got.get(k, []), strict=True)
        if a["score"] != b["score"]
    ]
    differ = sum(1 for k in ids if entries(want, k) != entries(got, k))
    print(f"\nlist update: {title}; {workers} workers; load average {_load()}")
    print(f"{'run':<26}{'seconds':>9}{'vs full':>9}")
    for label, seconds in timings.items():
        print(f"{label:<26}{seconds:>9.1f}{timings['full batch'] / seconds:>8.1f}×")
    print(
        f"rows screened again: {summary.rescreened:,} of {summary.names:,}; rows whose entries, "
        f"bands or order differ from the full run's: {differ}; hits whose score differs: "
        f"{len(moved)} (at most {max(moved, default=0.0):.4f})"
    )


def print_runs(count: int, runs: list[tuple[str, dict[str, float]]]) -> None:
    base = runs[0][1]["seconds"]
    print(f"{count:,} names, bundled lists; load average {_load()}")
    print(
        f"{'mode':<10}{'seconds':>9}{'names/s':>10}{'per core':>10}{'per CPU-s':>11}"
        f"{'peak MB/proc':>14}{'hit rows':>10}{'vs single':>11}"
    )
    for mode, r in runs:
        rate = count / r["seconds"]
        print(
            f"{mode:<10}{r['seconds']:>9.1f}{rate:>10,.0f}{rate / r['cores']:>10,.0f}"
            f"{count / r['cpu']:>11,.0f}{r['peak_mb']:>14,.0f}{int(r['hits']):>10,}"
            f"{base / r['seconds']:>10.2f}×"
        )
    mode, best = max(runs, key=lambda run: count / run[1]["seconds"])
    rate = count / best["seconds"]
    print(
        f"10⁶ names (extrapolated from {mode}'s measured {rate:,.0f} names/s, linear in the "
        f"number of names): {1_000_000 / rate / 60:.1f} min; with {best['cores']:.0f} unshared "
        f"cores at the measured names per CPU-second: "
        f"{1_000_000 / (count / best['cpu'] * best['cores']) / 60:.1f} min"
    )


def run_matching(
    sizes: list[int], workers: list[int], k: int, per_org: int, bound: bool, slice_size: int
) -> None:
    """Recommendations in one process and on LocalClusters of ``workers``, side by side
    (``benchmarks/matching.py``'s ``scale_table``): the pairs and the chosen top-k must
    be equal; each step timed, with the selection's bound where ``bound`` asks for it."""
    spec = importlib.util.spec_from_file_location("matching_bench", HERE / "matching.py")
    assert spec is not None and spec.loader is not None
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    bench.scale_table(sizes, workers, k, per_org, bound=bound, slice_size=slice_size)


def main() -> int:
    if sys.argv[1:2] == ["--child"]:
        mode, db_arg, names_arg, workers, partition = sys.argv[2:7]
        result = (
            run_single(Path(db_arg), Path(names_arg))
            if mode == "single"
            else run_batch(Path(db_arg), Path(names_arg), int(workers), int(partition))
        )
        print(json.dumps(result))
        return 0
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--names", type=int, default=20_000)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--partition-rows", type=int, default=2_000)
    parser.add_argument("--delta", type=int, default=0, metavar="N")
    parser.add_argument("--delta-real", action="store_true", help="2021-07-07 SDN → bundled")
    parser.add_argument("--matching", type=int, nargs="*", default=[], metavar="ORGS")
    parser.add_argument("--match-k", type=int, default=20)
    parser.add_argument("--match-per-org", type=int, default=40)
    parser.add_argument("--match-workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--match-bound", action="store_true", help="the LP bound (HiGHS)")
    parser.add_argument("--match-slice", type=int, default=5_000, metavar="ORGS")
    args = parser.parse_args()
    if args.names == 0 and args.matching:  # the matching table alone
        run_matching(
            args.matching,
            args.match_workers,
            args.match_k,
            args.match_per_org,
            args.match_bound,
            args.match_slice,
        )
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        database, names = prepare(Path(tmp), args.names)
        runs = [("single", child("single", database, names, 1, args.partition_rows))]
        for n in args.workers:
            runs.append((f"batch {n}", child("batch", database, names, n, args.partition_rows)))
        planted, recall, precision, strong = accuracy(
            database.with_name(f"out-{max(args.workers)}.jsonl"), names.with_name("names.truth.csv")
        )
        print_runs(args.names, runs)
        print(
            f"planted list matches: {planted:,}; recall {recall:.3f} (own entry among the "
            f"hits); precision {precision:.3f} (rows with a hit that are planted), "
            f"{strong:.3f} (strong)"
        )
        workers = max(args.workers)
        if args.delta > 0:
            before = previous_sdn(Path(tmp) / "previous", args.delta)
            title = f"the latest {args.delta} SDN designations (simulated)"
            run_delta(Path(tmp) / "simulated", names, before, title, workers, args.partition_rows)
        if args.delta_real:
            if OLD_SDN.exists():
                title = "SDN 2021-07-07 full set → 2024-05-03 (real publications)"
                run_delta(Path(tmp) / "real", names, OLD_SDN, title, workers, args.partition_rows)
            else:
                print(f"\n--delta-real: {OLD_SDN} is absent; not run")
        if args.matching:
            run_matching(
                args.matching,
                args.match_workers,
                args.match_k,
                args.match_per_org,
                args.match_bound,
                args.match_slice,
            )
    return 0


def _load() -> str:
    try:
        return Path("/proc/loadavg").read_text().split()[0]
    except OSError:
        return "?"


if __name__ == "__main__":
    raise SystemExit(main())
