"""Robustness run: the hostile-input corpus, the fuzz budget and the kill tests, counted.

    python benchmarks/robustness.py [-- extra pytest args]

Runs the test suite's robustness tests — the ones named ``test_fuzz_*`` (hypothesis
property suites over every input path), ``test_kill_*`` (SIGKILL of a running import,
list load or index build, then a check that nothing was lost), and every test of the
hostile-input corpus (``tests/hostile/``, tests whose name says ``hostile``,
``concurren`` or ``refuse``) — and prints what was tried and what escaped:

- inputs tried: corpus files plus generated fuzz examples;
- uncaught exceptions: a robustness test that failed with anything but its own
  assertion (a traceback a user would have seen) — must be 0;
- kills survived and data lost: kill tests that passed, and those whose check after the
  kill found a half-written database or a broken index — must be 0.

The fuzz budget is the one CI runs (each suite's ``@settings(max_examples=…)``).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "hostile"
SELECT = "fuzz or kill or hostile or concurren or refuse"


@dataclass(eq=False)  # a pytest plugin must be hashable
class Tally:
    """A pytest plugin counting robustness outcomes and hypothesis examples."""

    outcomes: Counter[tuple[str, str]] = field(default_factory=Counter)
    uncaught: list[str] = field(default_factory=list)
    examples: int = 0

    def pytest_sessionstart(self, session: pytest.Session) -> None:
        """Listen to hypothesis once pytest has loaded it (importing it earlier warns)."""
        from hypothesis.internal.observability import add_observability_callback

        add_observability_callback(self.observe)

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        """Count each test once: its call phase, or the phase that failed or skipped it."""
        if report.when != "call" and not (report.failed or report.skipped):
            return
        kind = _kind(report.nodeid)
        self.outcomes[(kind, report.outcome)] += 1
        if report.failed and not _assertion(report):
            self.uncaught.append(f"{report.nodeid}: {_last_line(report)}")

    def observe(self, observation: Any) -> None:
        """Hypothesis observability callback: one call per generated test case."""
        if getattr(observation, "type", None) == "test_case":
            self.examples += 1


def _kind(nodeid: str) -> str:
    name = nodeid.rsplit("::", 1)[-1]
    if "test_fuzz_" in name:
        return "fuzz"
    if "test_kill_" in name:
        return "kill"
    return "hostile"


def _assertion(report: pytest.TestReport) -> bool:
    text = str(report.longrepr)
    return "AssertionError" in text or "\nE       assert " in text or "Failed:" in text


def _last_line(report: pytest.TestReport) -> str:
    lines = [line for line in str(report.longrepr).splitlines() if line.startswith("E ")]
    return lines[-1][1:].strip() if len(lines) > 0 else "failed"


def _count(outcomes: Counter[tuple[str, str]], result: str) -> int:
    return sum(v for (_, r), v in outcomes.items() if r == result)


def corpus_files() -> int:
    """Committed hostile inputs (the README that describes them is not one)."""
    return sum(1 for p in CORPUS.rglob("*") if p.is_file() and p.name != "README.md")


def run(extra: list[str]) -> tuple[Tally, int, float]:
    """Run the robustness selection in this process with the tally plugged in."""
    tally = Tally()
    started = time.perf_counter()
    args = ["-q", "-p", "no:cacheprovider", "-k", SELECT, str(ROOT / "tests"), *extra]
    code = pytest.main(args, plugins=[tally])
    return tally, int(code), time.perf_counter() - started


def report(tally: Tally, seconds: float) -> None:
    """The table: what was tried, what escaped, what a kill cost."""
    o = tally.outcomes
    tests = sum(o.values())
    kills_ok, kills_bad = o[("kill", "passed")], o[("kill", "failed")]
    rows = [
        ("hostile-input corpus files", corpus_files()),
        ("robustness tests run", tests),
        ("  of which fuzz suites (hypothesis)", o[("fuzz", "passed")] + o[("fuzz", "failed")]),
        ("fuzz examples run", tally.examples),
        ("inputs tried (corpus files + fuzz examples)", corpus_files() + tally.examples),
        ("uncaught exceptions", len(tally.uncaught)),
        ("kills survived (SIGKILL tests passed)", kills_ok),
        ("data lost (kill tests whose check failed)", kills_bad),
        (
            "skipped (reason printed by pytest above)",
            sum(v for (_, r), v in o.items() if r == "skipped"),
        ),
        (
            "other failures (assertions)",
            sum(v for (_, r), v in o.items() if r == "failed") - len(tally.uncaught),
        ),
    ]
    width = max(len(label) for label, _ in rows)
    print(f"\n{'what'.ljust(width)} | count")
    print(f"{'-' * width}-|------")
    for label, value in rows:
        print(f"{label.ljust(width)} | {value:,}")
    print(f"\n{tests} robustness tests in {seconds:.1f} s")
    for line in tally.uncaught:
        print(f"UNCAUGHT {line}")


def main() -> int:
    """Parse arguments, run, print; the exit status is pytest's."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("extra", nargs="*", help="extra pytest arguments (after --)")
    args = parser.parse_args()
    tally, code, seconds = run(args.extra)
    report(tally, seconds)
    if sum(tally.outcomes.values()) == 0:
        print("no robustness test ran: the run proves nothing", file=sys.stderr)
        return 1
    return code


if __name__ == "__main__":
    sys.exit(main())
