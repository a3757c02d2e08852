"""Whole-process CLI times, hyperfine-style: what a person waits for at the prompt.

    python benchmarks/cli.py [--db PATH] [--index PATH] [--runs 10] [--warmup 2]
                             [--baseline benchmarks/cli_baseline.json] [--record]

Each command is run ``--warmup`` times unmeasured (the page cache, and whatever the
command itself keeps on disk, such as the persisted screening index), then ``--runs``
times as a fresh process, its output thrown away; the table gives the mean, median,
minimum and standard deviation of the wall time, the baseline's mean beside it and the
ratio baseline / today (above 1: faster than the baseline). Targets (issue 12):
``corridor --help`` under 0.5 s, ``corridor screen name X`` under 1.5 s, on the
project's 2-core machine; a ``corridor search`` question under 1.5 s after the first
(issue 15).

Without ``--db`` it builds the demo database (``corridor demo --no-pdf``) in a
temporary directory, which also builds the legal search index there
(``./search-index``, as after ``make demo``); ``--index`` points at another one.
``--record`` writes today's figures as the new baseline (the committed one was
recorded on main before the start-up work of issue 12).

The command run is the ``corridor`` console script beside this Python (what a person
types), else ``python -m corridor.cli.main``. A command that fails is reported, with
its exit status and last line of stderr, not timed.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import unicodedata
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
BASELINE = HERE / "cli_baseline.json"

# (label, arguments after the global options, target seconds or None)
COMMANDS: tuple[tuple[str, tuple[str, ...], float | None], ...] = (
    ("corridor --help", ("--help",), 0.5),
    ("corridor screen --help", ("screen", "--help"), 0.5),
    ("corridor screen name 김정은", ("screen", "name", "김정은"), 1.5),
    ("corridor screen name 김정은 --json", ("screen", "name", "김정은", "--json"), 1.5),
    ("corridor screen name Huawei --json", ("screen", "name", "Huawei", "--json"), 1.5),
    ("corridor search (ko)", ("search", "개인정보 국외 이전"), 1.5),
    ("corridor orgs list", ("orgs", "list"), None),
    ("corridor orgs show cn-agibot", ("orgs", "show", "cn-agibot"), None),
    ("corridor missions list", ("missions", "list"), None),
    ("corridor lists list", ("lists", "list"), None),
    ("corridor formats", ("formats",), None),
)


@dataclass(frozen=True, slots=True)
class Timing:
    """Wall times of one command, in seconds."""

    mean: float
    median: float
    min: float
    stddev: float
    runs: int


def corridor_command() -> list[str]:
    """The console script beside this interpreter, else ``python -m``."""
    script = Path(sys.executable).with_name("corridor")
    if script.exists():
        return [str(script)]
    return [sys.executable, "-m", "corridor.cli.main"]


def build_demo(folder: Path, base: list[str]) -> Path:
    """The demo database (and search index) in ``folder``; the database's path."""
    db = folder / "corridor.db"
    print(f"building the demo database in {folder} (corridor demo --no-pdf) …", flush=True)
    started = time.perf_counter()
    done = subprocess.run(
        [*base, "--db", str(db), "demo", "--no-pdf", "--out", str(folder / "out")],
        cwd=folder,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        sys.exit(f"demo failed ({done.returncode}): {done.stderr.strip()[-400:]}")
    print(f"… built in {time.perf_counter() - started:.1f} s", flush=True)
    return db


def run_once(argv: list[str], cwd: Path, env: dict[str, str]) -> tuple[float, int, str]:
    """Seconds, exit status and the last stderr line of one run."""
    started = time.perf_counter()
    done = subprocess.run(
        argv, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False
    )
    seconds = time.perf_counter() - started
    lines = done.stderr.decode("utf-8", "replace").strip().splitlines()
    return seconds, done.returncode, lines[-1] if lines else ""


def measure(
    argv: list[str], cwd: Path, env: dict[str, str], runs: int, warmup: int
) -> Timing | str:
    """Timing of ``argv``, or why it could not be timed."""
    for _ in range(warmup):
        _, status, last = run_once(argv, cwd, env)
        if status != 0:
            return f"exit {status}: {last[:80]}"
    times = []
    for _ in range(runs):
        seconds, status, last = run_once(argv, cwd, env)
        if status != 0:
            return f"exit {status}: {last[:80]}"
        times.append(seconds)
    spread = statistics.stdev(times) if len(times) > 1 else 0.0
    return Timing(statistics.mean(times), statistics.median(times), min(times), spread, runs)


def load_baseline(path: Path) -> dict[str, dict[str, float]]:
    """Label → timing fields of the baseline file (empty when there is none)."""
    if not path.exists():
        return {}
    data = json.loads(path.read_text(encoding="utf-8"))
    commands: dict[str, dict[str, float]] = data.get("commands", {})
    return commands


def _pad(text: str, width: int) -> str:
    """``text`` padded to ``width`` terminal columns (Hangul and Hanzi take two)."""
    wide = sum(1 for c in text if unicodedata.east_asian_width(c) in ("W", "F"))
    return text + " " * max(0, width - len(text) - wide)


def print_table(
    results: dict[str, Timing | str],
    baseline: dict[str, dict[str, float]],
    targets: dict[str, float | None],
) -> None:
    """Today's figures beside the baseline's, and whether each target holds."""
    head = f"{'command':38} {'mean':>7} {'median':>7} {'min':>7} {'stddev':>7}"
    print(f"{head} {'baseline':>9} {'ratio':>6}  target")
    for label, timing in results.items():
        if isinstance(timing, str):
            print(f"{_pad(label, 38)} {timing}")
            continue
        before = baseline.get(label, {}).get("mean")
        base = f"{before:9.3f}" if before is not None else f"{'-':>9}"
        ratio = f"{before / timing.mean:5.1f}x" if before is not None else f"{'-':>6}"
        target = targets.get(label)
        verdict = (
            ""
            if target is None
            else f"< {target} s " + ("ok" if timing.mean < target else "MISSED")
        )
        print(
            f"{_pad(label, 38)} {timing.mean:7.3f} {timing.median:7.3f} {timing.min:7.3f} "
            f"{timing.stddev:7.3f} {base} {ratio}  {verdict}"
        )
    print("seconds of wall time per whole process; ratio = baseline mean / today's mean")


def record(path: Path, results: dict[str, Timing | str]) -> None:
    """Write today's figures as the baseline."""
    data = {
        "recorded": datetime.now(UTC).isoformat(timespec="seconds"),
        "cpus": os.cpu_count(),
        "python": sys.version.split()[0],
        "commands": {k: asdict(v) for k, v in results.items() if isinstance(v, Timing)},
    }
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"baseline written to {path}")


def main() -> None:
    """Parse arguments, build or reuse the demo database, time every command."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", type=Path, help="An existing demo database (default: build one).")
    parser.add_argument("--index", type=Path, help="Legal search index (default: ./search-index).")
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--warmup", type=int, default=2)
    parser.add_argument("--baseline", type=Path, default=BASELINE)
    parser.add_argument("--record", action="store_true", help="Write today's as the baseline.")
    args = parser.parse_args()
    base = corridor_command()
    with tempfile.TemporaryDirectory(prefix="corridor-cli-bench-") as tmp:
        folder = Path(tmp)
        db = args.db.resolve() if args.db else build_demo(folder, base)
        cwd = folder if args.db is None else db.parent
        env = dict(os.environ)
        if args.index is not None:
            env["CORRIDOR_SEARCH_INDEX"] = str(args.index.resolve())
        results: dict[str, Timing | str] = {}
        for label, argv, _ in COMMANDS:
            results[label] = measure(
                [*base, "--db", str(db), *argv], cwd, env, args.runs, args.warmup
            )
            print(f"  timed {label}", file=sys.stderr, flush=True)
        runs = f"{args.runs} runs after {args.warmup} warm-up runs"
        print(f"{runs}; {' '.join(base)}; {os.cpu_count()} CPUs")
        print_table(results, load_baseline(args.baseline), {k: t for k, _, t in COMMANDS})
        if args.record:
            record(args.baseline, results)


if __name__ == "__main__":
    main()
