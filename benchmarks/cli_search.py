"""A `corridor search` question as a whole process, today's code beside another tree's.

    git archive main src | tar -x -C /tmp/main        # the code to compare with
    python benchmarks/cli_search.py --against /tmp/main/src --index DIR [--runs 5]
                                    [--question "개인정보 국외 이전" ...]

Both run with this Python and the same index (``--index``, or CORRIDOR_SEARCH_INDEX),
the other tree first on PYTHONPATH; runs alternate (one warm-up each, unmeasured) so
that the machine's load, which varies by the minute on a shared machine, weighs on
both alike. The table gives mean, median and minimum wall time per question and
whether both printed the same ``--json`` answer (the speed work must not move a
ranking). Target (issue 15): a question under 1.5 s after the first.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
import unicodedata
from pathlib import Path

QUESTIONS = ("개인정보 국외 이전", "向境外提供个人信息", "export control of AI chips to China")


def _pad(text: str, width: int) -> str:
    """``text`` padded to ``width`` terminal columns (Hangul and Hanzi take two)."""
    wide = sum(1 for c in text if unicodedata.east_asian_width(c) in ("W", "F"))
    return text + " " * max(0, width - len(text) - wide)


def run(question: str, index: Path, pythonpath: str | None) -> tuple[float, str]:
    """Seconds and the JSON printed by one ``corridor search`` process."""
    env = dict(os.environ, CORRIDOR_SEARCH_INDEX=str(index))
    if pythonpath is not None:
        env["PYTHONPATH"] = pythonpath
    argv = [sys.executable, "-m", "corridor.cli.main", "search", question, "--json"]
    started = time.perf_counter()
    done = subprocess.run(argv, env=env, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        sys.exit(f"exit {done.returncode}: {done.stderr.strip()[-300:]}")
    return seconds, done.stdout


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--against", type=Path, required=True, help="another tree's src/")
    parser.add_argument("--index", type=Path, default=os.environ.get("CORRIDOR_SEARCH_INDEX"))
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--question", action="append", help="default: one per language")
    args = parser.parse_args()
    if args.index is None:
        sys.exit("--index (or CORRIDOR_SEARCH_INDEX) names the index to ask")
    index = Path(args.index).resolve()
    sides = {"other tree": str(args.against.resolve()), "today": None}
    print(f"{'question':<38} {'code':<11} {'mean':>6} {'median':>7} {'min':>6}  same answer")
    for question in args.question or QUESTIONS:
        times: dict[str, list[float]] = {side: [] for side in sides}
        answers = {side: run(question, index, path)[1] for side, path in sides.items()}
        for _ in range(args.runs):
            for side, path in sides.items():
                times[side].append(run(question, index, path)[0])
        same = "yes" if answers["today"] == answers["other tree"] else "NO"
        for side, values in times.items():
            print(
                f"{_pad(question[:38], 38)} {side:<11} {statistics.mean(values):6.2f} "
                f"{statistics.median(values):7.2f} {min(values):6.2f}  {same}"
            )
    print(f"seconds per whole process; load average now {os.getloadavg()[0]:.1f} on 2 cores")


if __name__ == "__main__":
    main()
