"""SIGKILL of `corridor search index`: the previous index answers as before, and the
build's worker processes do not outlive it.

Real processes throughout: the CLI is run as a subprocess on a corpus copied from the
bundled laws (the CFR sections are enough documents for the build to start its
analysis workers) and killed at several moments; the swap itself is hit by killing
the process from inside, right before and right after each of its renames.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from corridor.search.query import Filters, Result
from corridor.services.bundled import bundled
from corridor.services.search import ask, index_paths

ROOT = Path(__file__).resolve().parents[2]
LEGAL = bundled("legal")
PIPA = LEGAL / "ko" / "key_laws" / "개인정보보호법" / "법률.md"
PIPL = LEGAL / "zh" / "key_laws" / "个人信息保护法(2021-08-20).md"
CFR = LEGAL / "en" / "us_cfr_export_sanctions_sections.jsonl.gz"
QUESTION = "개인정보 국외 이전"
CLI = "from corridor.cli.main import main; main()"

pytestmark = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs Linux /proc")


@pytest.fixture(scope="module")
def previous(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An index of two laws, built once and copied into each test."""
    folder = tmp_path_factory.mktemp("previous") / "idx"
    index_paths([PIPA, PIPL], folder, vectors="none")
    return folder


@pytest.fixture
def setup(tmp_path: Path, previous: Path) -> tuple[Path, Path, list[Result]]:
    """(corpus folder, index folder holding the previous index, its answer)."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for law in (PIPA, PIPL, CFR):
        shutil.copy(law, corpus / law.name)
    folder = tmp_path / "idx"
    shutil.copytree(previous, folder)
    answer = ask(folder, QUESTION, Filters(), k=5)
    assert answer  # the question is answered before any kill
    return corpus, folder, answer


def _env() -> dict[str, str]:
    path = os.pathsep.join(p for p in (str(ROOT / "src"), os.environ.get("PYTHONPATH")) if p)
    return {**os.environ, "PYTHONPATH": path}


def _index(corpus: Path, folder: Path) -> subprocess.Popen[bytes]:
    """The CLI building ``folder`` (its output in ``<folder>.log``: a pipe would be held
    open by orphaned workers)."""
    argv = [sys.executable, "-c", CLI, "search", "index", str(corpus), "--index", str(folder)]
    with folder.with_name("build.log").open("wb") as log:
        return subprocess.Popen(
            [*argv, "--vectors", "none"], env=_env(), stdout=log, stderr=subprocess.STDOUT
        )


def _stat(pid: int) -> list[str] | None:
    """Fields of /proc/<pid>/stat after the command name (state first), or None."""
    try:
        return (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None


def _children(pid: int) -> set[int]:
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            fields = _stat(int(entry.name))
            if fields is not None and fields[1] == str(pid):
                found.add(int(entry.name))
    return found


def _descendants(pid: int) -> set[int]:
    todo, seen = [pid], set()
    while todo:
        for child in _children(todo.pop()) - seen:
            seen.add(child)
            todo.append(child)
    return seen


def _running(pid: int) -> bool:
    fields = _stat(pid)
    return fields is not None and fields[0] != "Z"


def _assert_all_end(pids: set[int], seconds: float = 10) -> None:
    """Every process of ``pids`` ends within ``seconds`` (those that do not are killed
    after the check, so a failing run leaves no orphans behind)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and any(_running(p) for p in pids):
        time.sleep(0.1)
    left = {p for p in pids if _running(p)}
    for pid in left:
        os.kill(pid, signal.SIGKILL)
    assert left == set(), "processes outlived the killed build"


def _workers(pid: int) -> set[int]:
    def cmdline(p: int) -> bytes:
        try:
            return (Path("/proc") / str(p) / "cmdline").read_bytes()
        except OSError:
            return b""

    return {p for p in _descendants(pid) if b"spawn_main" in cmdline(p)}


def _kill(proc: subprocess.Popen[bytes]) -> set[int]:
    """SIGKILL the build; returns the processes it had started."""
    started = _descendants(proc.pid)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    return started


def _assert_previous_intact(folder: Path, answer: list[Result]) -> None:
    assert ask(folder, QUESTION, Filters(), k=5) == answer
    leftovers = [p.name for p in folder.parent.iterdir() if ".building-" in p.name]
    # a killed build leaves its half-built folder; queries never read it, and the
    # next build removes it
    assert all(p.startswith("idx.building-") for p in leftovers)


@pytest.mark.parametrize("after", [0.3, 1.0, 2.0, "staging"])
def test_kill_index_build_keeps_previous_index(
    setup: tuple[Path, Path, list[Result]], after: float | str
) -> None:
    """Killed after a delay (start-up, reading, analysis on this machine: the whole
    build takes about 7 s on two cores) or as soon as its new folder appears."""
    corpus, folder, answer = setup
    proc = _index(corpus, folder)
    if after == "staging":
        deadline = time.monotonic() + 60
        while not _siblings(folder) and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.01)
    else:
        time.sleep(float(after))
    if proc.poll() is not None:  # a machine fast enough to finish first: the new index
        assert proc.returncode == 0, folder.with_name("build.log").read_text(errors="replace")
        assert {r.lang for r in ask(folder, QUESTION, Filters(), k=5)} >= {"ko"}
        return
    started = _kill(proc)
    _assert_all_end(started)
    _assert_previous_intact(folder, answer)


def _siblings(folder: Path) -> list[Path]:
    return [p for p in folder.parent.iterdir() if p.name.startswith(folder.name + ".")]


def test_kill_index_build_ends_its_workers(setup: tuple[Path, Path, list[Result]]) -> None:
    corpus, folder, answer = setup
    proc = _index(corpus, folder)
    deadline = time.monotonic() + 60
    while len(_workers(proc.pid)) < 1 and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.05)
    workers = _workers(proc.pid)
    assert workers, "the build never started analysis workers"
    started = _kill(proc)
    assert workers <= started
    _assert_all_end(started)
    _assert_previous_intact(folder, answer)
    index_paths([PIPA], folder, vectors="none")  # the next build cleans up after the kill
    assert [p.name for p in folder.parent.iterdir() if p.name.startswith("idx.")] == []


# Kill the build from inside at one step of the swap (renameat2 exchange, or the two
# renames of the fallback): a real SIGKILL at a moment a timer could hardly hit.
_AT_SWAP = """
import os, signal, sys
from pathlib import Path
from corridor.search import atomic
from corridor.services.search import index_paths

point, corpus, folder = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
exchange, set_aside = atomic._exchange, atomic._set_aside

def die():
    os.kill(os.getpid(), signal.SIGKILL)

def exchanging(a, b):
    if point == "two-step":
        return False
    if point == "before-exchange":
        die()
    done = exchange(a, b)
    if point == "after-exchange":
        die()
    return done

def setting_aside(path):
    old = set_aside(path)
    die()

atomic._exchange, atomic._set_aside = exchanging, setting_aside
index_paths([corpus], folder, vectors="none")
"""


def _kill_at(point: str, corpus: Path, folder: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-c", _AT_SWAP, point, str(corpus), str(folder)],
        env=_env(),
        capture_output=True,
        timeout=120,
    )
    assert proc.returncode == -signal.SIGKILL, proc.stderr.decode()[-2000:]


@pytest.fixture
def small(tmp_path: Path, previous: Path) -> Iterator[tuple[Path, Path, list[Result]]]:
    """A one-law corpus (no workers needed to reach the swap) and the previous index."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(PIPA, corpus / PIPA.name)
    folder = tmp_path / "idx"
    shutil.copytree(previous, folder)
    yield corpus, folder, ask(folder, QUESTION, Filters(), k=5)


def test_kill_before_the_exchange_keeps_previous_index(
    small: tuple[Path, Path, list[Result]],
) -> None:
    corpus, folder, answer = small
    _kill_at("before-exchange", corpus, folder)
    _assert_previous_intact(folder, answer)


def test_kill_after_the_exchange_serves_the_new_index(
    small: tuple[Path, Path, list[Result]],
) -> None:
    corpus, folder, _ = small
    _kill_at("after-exchange", corpus, folder)
    new = ask(folder, QUESTION, Filters(), k=5)
    assert new and {r.lang for r in new} == {"ko"}  # only the Korean law now
    index_paths([corpus], folder, vectors="none")
    assert [p.name for p in folder.parent.iterdir() if p.name.startswith("idx.")] == []


def test_kill_between_the_two_renames_keeps_previous_index(
    small: tuple[Path, Path, list[Result]],
) -> None:
    corpus, folder, answer = small
    _kill_at("two-step", corpus, folder)
    assert not folder.exists()  # the kill came between the renames
    assert ask(folder, QUESTION, Filters(), k=5) == answer  # read from idx.old-<pid>
    index_paths([corpus], folder, vectors="none")  # puts it back, then replaces it
    assert {r.lang for r in ask(folder, QUESTION, Filters(), k=5)} == {"ko"}
    assert [p.name for p in folder.parent.iterdir() if p.name.startswith("idx.")] == []
