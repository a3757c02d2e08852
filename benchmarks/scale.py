"""Batch screening on Dask against screening in one process, side by side.

    python benchmarks/scale.py [--names 20000] [--workers 1 2] [--partition-rows 2000]
                               [--seed 11] [--no-single] [--work DIR]
                               [--delta N [--delta-reuse-full [--delta-backwards]]]
                               [--delta-real] [--matching 10000 100000]

Uses a database of the bundled list snapshot (its screening index built and kept beside
it) and ``--names`` registry names with planted list matches (``benchmarks/data/registry.py``:
Korean and Chinese organisations and persons in Hangul, Hanzi and Latin letters; 2 % real
list entries written as a registry would hold them, each with its entry in a truth file).
Both are made once and kept in ``~/.cache/corridor/benchmarks`` (``$XDG_CACHE_HOME``):
the database under a digest of the bundled files and of the screening code, the registry
under (names, seed, generator version); a second run reuses them (10⁶ names: 22 s to
make, nothing to reuse). It screens the names, each mode in its own process so that
memory figures are its own:

- ``single``: ``screen_queries`` in one process (what ``corridor screen names`` runs;
  ``--no-single`` skips it, slow at 10⁶);
- ``batch N``: ``corridor screen batch`` on a LocalCluster of N worker processes.

``--work DIR`` keeps outputs and each mode's figures in DIR; a mode whose figures and
output are there already is read, not run again (so a 10⁶ batch can be measured once and
the delta added to it later).

``--delta N`` adds a list update: the bundled 2024-05-03 SDN without its N highest
entity numbers (OFAC numbers entries in the order it designates them, so this stands
for the list before its latest designations: a daily update) is in force for a first
batch; the real file is then loaded and the names screened again in full and with
``--since`` (first with the registry's keys computed, then with them kept), and the
hits compared. ``--delta-reuse-full``: the largest batch above is the full re-run (its
time and output), not run again. ``--delta-backwards`` (with it): the first batch's
output is made by ``--since`` from the full run's, backwards (see ``run_delta``: it
saves a second full run at 10⁶, and its check is weaker than a true first batch's).
``--delta-real`` does the same across a real pair of OFAC publications that can each be
loaded whole: the 2021-07-07 full SDN set in ../shared/data, then the bundled 2024-05-03
one. The 2025-12-24 files there (PROVENANCE.md 1.2) hold aliases, addresses and comments:
1,567 of their ent_nums are later designations absent from the 2024-05-03 sdn.csv, but
an SDN version needs a primary row for each entry, whose type (individual, vessel,
aircraft or entity) and programme those files do not give; writing such rows would
invent those fields, so that version is not built.

``--matching SIZES`` recommends each organisation's top ``--match-k`` under capacity in
generated ecosystems (``benchmarks/matching.py``) in one process and on LocalClusters of
``--match-workers`` (default 1 and 2), side by side: candidate pairs scored, selection
(exact CP-SAT up to 20,000 pairs, greedy beyond; ``--match-bound`` measures it against
HiGHS's LP relaxation bound), the chosen pairs' features; pairs and choices checked equal.

The table gives names per second, per core (per process doing the screening), names
per CPU-second of the screening processes (what a core does when it is not shared: the
machine's load average is printed beside), the peak resident memory of each screening
process, and the speed against the first mode; then the 10⁶-name run's time extrapolated
from the best measured rate. The index build is outside every timing (a batch ships the
kept index file; ``single`` opens it); a batch's time includes starting its cluster.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import importlib.util
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from corridor.services.lists import bundled_lists, load_lists

if TYPE_CHECKING:
    from corridor.scale.batch import BatchSummary
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


def cache_root() -> Path:
    """Where generated inputs are kept between runs: ``$XDG_CACHE_HOME/corridor/benchmarks``
    (else ``~/.cache/...``)."""
    base = os.environ.get("XDG_CACHE_HOME")
    return (Path(base) if base else Path.home() / ".cache") / "corridor" / "benchmarks"


def _kept(folder: Path, make: Callable[[Path], None]) -> tuple[Path, bool]:
    """``folder``, made by ``make`` in a temporary folder beside it and renamed into place
    (a killed run leaves no half-made folder); whether it was there already."""
    if folder.is_dir():
        return folder, True
    folder.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=folder.parent) as tmp:
        make(Path(tmp))
        Path(tmp).rename(folder)
        Path(tmp).mkdir()  # for the context manager to remove
    return folder, False


def prepare(count: int, seed: int = 11) -> tuple[Path, Path, dict[str, float]]:
    """The list database (its screening index kept beside it) and the registry with its
    truth, each from the cache or made and kept there: the lists under a digest of the
    bundled files and of the screening code, the registry under (names, seed, generator
    version). The same seed gives the same file. Seconds spent on each."""
    from corridor.screen.index_file import code_version

    timings: dict[str, float] = {}
    lists_key = hashlib.sha256(code_version().encode())
    for path in sorted(bundled_lists()):
        lists_key.update(path.name.encode() + path.read_bytes())

    def make_lists(folder: Path) -> None:
        engine = make_engine(f"sqlite:///{folder / 'corridor.db'}")
        migrate(engine)
        load_lists(engine, bundled_lists(), label="bundled snapshot")
        from corridor.services.name_files import query_for
        from corridor.services.screening import screen_queries

        screen_queries(engine, [query_for("warm up", "org")])  # builds and keeps the index
        engine.dispose()

    started = time.perf_counter()
    lists, kept = _kept(cache_root() / f"lists-{lists_key.hexdigest()[:16]}", make_lists)
    timings["lists (kept)" if kept else "lists (made)"] = time.perf_counter() - started
    generator = _generator()
    version = generator.GENERATOR_VERSION  # type: ignore[attr-defined]

    def make_registry(folder: Path) -> None:
        generator.write(folder / "names.csv", count, seed)  # type: ignore[attr-defined]

    started = time.perf_counter()
    registry, kept = _kept(cache_root() / f"registry-{count}-s{seed}-g{version}", make_registry)
    timings["registry (kept)" if kept else "registry (made)"] = time.perf_counter() - started
    return lists / "corridor.db", registry / "names.csv", timings


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


def run_batch(
    database: Path, names: Path, workers: int, partition: int, output: Path
) -> dict[str, float]:
    from corridor.scale.batch import screen_batch
    from corridor.scale.cluster import connect

    engine = make_engine(f"sqlite:///{database}")
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


def child(
    mode: str, database: Path, names: Path, workers: int, partition: int, output: Path
) -> dict[str, float]:
    """Run one mode in a fresh process; its JSON result. A result kept beside ``output``
    by an earlier run with the same ``--work`` folder is read instead (its output is
    there): a 10⁶-name batch is not run twice to add the delta to it."""
    kept = output.with_name(output.name + ".result.json")
    if kept.is_file() and (mode == "single" or output.is_file()):
        print(f"{mode} {workers}: figures and output kept in {kept.parent}")
        return json.loads(kept.read_text(encoding="utf-8"))  # type: ignore[no-any-return]
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
            str(output),
        ],
        check=True,
        capture_output=True,
        text=True,
    )
    result = done.stdout.strip().splitlines()[-1]
    kept.write_text(result, encoding="utf-8")
    return json.loads(result)  # type: ignore[no-any-return]


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
    folder: Path,
    names: Path,
    before_sdn: Path,
    title: str,
    workers: int,
    partition: int,
    given: tuple[Path, float] | None = None,
    backwards_from: Path | None = None,
) -> None:
    """Full batch vs ``--since`` after the SDN list goes from ``before_sdn`` to the
    bundled one. ``given``: a full batch's output and seconds over the bundled lists
    already made (then not run again). The registry keys go to a cache folder of this
    run's own, so that "keys computed" computes them.

    ``backwards_from`` (the list database ``given`` was screened with): the earlier
    output is not screened in full but made by ``--since`` backwards from ``given``
    (on a copy of that database, ``before_sdn`` loaded over the bundled file), which
    saves a second full run at 10⁶ names. Its time is the "keys computed" figure. The
    forward ``--since`` is then checked against ``given``; a row the delta wrongly
    skipped would be skipped both ways and not show, so this check is weaker than a
    true earlier run's (the default; the test and 10⁵ use that)."""
    from corridor.scale.batch import screen_batch
    from corridor.scale.cluster import connect
    from corridor.scale.delta import screen_delta

    folder.mkdir(parents=True, exist_ok=True)
    os.environ["XDG_CACHE_HOME"] = str(folder / "cache")
    engine = make_engine(f"sqlite:///{folder / 'delta.db'}")
    before, full, delta = (folder / f"{n}.parquet" for n in ("before", "full", "delta"))
    timings: dict[str, float] = {}
    [sdn] = [p for p in bundled_lists() if p.name == "sdn.csv.gz"]
    if backwards_from is not None and given is not None:
        import shutil

        for suffix in ("", ".screen-index"):
            shutil.copyfile(f"{backwards_from}{suffix}", f"{folder / 'delta.db'}{suffix}")
        load_lists(engine, [before_sdn], label="before")
        with connect(workers) as client:
            full, timings["full batch (above)"] = given
            started = time.perf_counter()
            screen_delta(engine, names, full, before, client, partition_rows=partition)
            timings["--since backwards (keys computed)"] = time.perf_counter() - started
            load_lists(engine, [sdn], label="after")
            for label in ("--since (keys kept, index built)", "--since (keys kept)"):
                started = time.perf_counter()
                summary = screen_delta(
                    engine, names, before, delta, client, partition_rows=partition
                )
                timings[label] = time.perf_counter() - started
            peaks = client.run(lambda: resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
        _compare(title, workers, timings, full, delta, summary, peaks)
        return
    migrate(engine)
    others = [p for p in bundled_lists() if "ofac_sdn" not in p.parts]
    load_lists(engine, [*others, before_sdn], label="before")
    with connect(workers) as client:
        screen_batch(engine, names, before, client, partition_rows=partition)
        load_lists(engine, [sdn], label="after")
        if given is None:
            started = time.perf_counter()
            screen_batch(engine, names, full, client, partition_rows=partition)
            timings["full batch"] = time.perf_counter() - started
        else:
            full, timings["full batch (above)"] = given
        for label in ("--since (keys computed)", "--since (keys kept)"):
            started = time.perf_counter()
            summary = screen_delta(engine, names, before, delta, client, partition_rows=partition)
            timings[label] = time.perf_counter() - started
        peaks = client.run(lambda: resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    _compare(title, workers, timings, full, delta, summary, peaks)


def _compare(
    title: str,
    workers: int,
    timings: dict[str, float],
    full: Path,
    delta: Path,
    summary: BatchSummary,
    peaks: dict[str, float],
) -> None:
    """Print the timings and how the delta's hits compare with the full run's."""
    from corridor.scale.parts import read_output

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
    print(f"{'run':<34}{'seconds':>9}{'vs full':>9}")
    whole = next(iter(timings.values()))
    for label, seconds in timings.items():
        print(f"{label:<34}{seconds:>9.1f}{whole / seconds:>8.1f}×")
    print(
        f"rows screened again: {summary.rescreened:,} of {summary.names:,}; rows whose entries, "
        f"bands or order differ from the full run's: {differ}; hits whose score differs: "
        f"{len(moved)} (at most {max(moved, default=0.0):.4f}); peak MB per worker over the "
        f"four batches: {max(peaks.values()):,.0f}"
    )


def print_runs(count: int, runs: list[tuple[str, dict[str, float]]]) -> None:
    base, first = runs[0][1]["seconds"], runs[0][0]
    print(f"{count:,} names, bundled lists; load average {_load()}")
    print(
        f"{'mode':<10}{'seconds':>9}{'names/s':>10}{'per core':>10}{'per CPU-s':>11}"
        f"{'peak MB/proc':>14}{'hit rows':>10}{'vs ' + first:>11}"
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
        mode, db_arg, names_arg, workers, partition, out_arg = sys.argv[2:8]
        result = (
            run_single(Path(db_arg), Path(names_arg))
            if mode == "single"
            else run_batch(
                Path(db_arg), Path(names_arg), int(workers), int(partition), Path(out_arg)
            )
        )
        print(json.dumps(result))
        return 0
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--names", type=int, default=20_000)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--partition-rows", type=int, default=2_000)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument(
        "--work",
        type=Path,
        help="keep outputs and figures here (default: a temporary folder); a batch whose "
        "figures are there already is not run again",
    )
    parser.add_argument(
        "--no-single", action="store_true", help="skip screening in one process (slow at 10⁶)"
    )
    parser.add_argument(
        "--delta-backwards",
        action="store_true",
        help="with --delta-reuse-full: make the earlier output by --since backwards from the "
        "full run instead of a second full run (see run_delta)",
    )
    parser.add_argument(
        "--delta-reuse-full",
        action="store_true",
        help="with --delta: the largest batch above stands as the full re-run (not run again)",
    )
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
        matching(args)
        return 0
    with tempfile.TemporaryDirectory() as scratch:
        tmp = str(args.work or scratch)
        Path(tmp).mkdir(parents=True, exist_ok=True)
        database, names, made = prepare(args.names, args.seed)
        print(
            "inputs: "
            + ", ".join(f"{label} {seconds:.1f} s" for label, seconds in made.items())
            + f" ({database.parent}, {names.parent})"
        )
        runs = []
        out = Path(tmp) / f"single-{args.names}.parquet"
        if not args.no_single:
            runs.append(("single", child("single", database, names, 1, args.partition_rows, out)))
        for n in args.workers:
            out = Path(tmp) / f"batch-{n}-{args.names}.parquet"
            runs.append(
                (f"batch {n}", child("batch", database, names, n, args.partition_rows, out))
            )
        largest = Path(tmp) / f"batch-{max(args.workers)}-{args.names}.parquet"
        planted, recall, precision, strong = accuracy(largest, names.with_name("names.truth.csv"))
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
            given = (largest, runs[-1][1]["seconds"]) if args.delta_reuse_full else None
            run_delta(
                Path(tmp) / "simulated",
                names,
                before,
                title,
                workers,
                args.partition_rows,
                given,
                database if args.delta_backwards else None,
            )
        if args.delta_real:
            if OLD_SDN.exists():
                title = "SDN 2021-07-07 full set → 2024-05-03 (real publications)"
                run_delta(Path(tmp) / "real", names, OLD_SDN, title, workers, args.partition_rows)
            else:
                print(f"\n--delta-real: {OLD_SDN} is absent; not run")
        if args.matching:
            matching(args)
    return 0


def matching(args: argparse.Namespace) -> None:
    """The matching table, with the command line's settings."""
    run_matching(
        args.matching,
        args.match_workers,
        args.match_k,
        args.match_per_org,
        args.match_bound,
        args.match_slice,
    )


def _load() -> str:
    try:
        return Path("/proc/loadavg").read_text().split()[0]
    except OSError:
        return "?"


if __name__ == "__main__":
    raise SystemExit(main())
