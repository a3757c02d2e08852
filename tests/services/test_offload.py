"""A computation run beside other work: in a forked child where that is safe, in
process otherwise, with the same result; a child that dies costs only time.

The forking cases run in a fresh interpreter, which has one thread; the pytest
process may have more (xdist's), and then ``alongside`` must not fork.
"""

from __future__ import annotations

import gc
import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

from corridor.services.offload import alongside, can_fork, gc_paused
from tests.factory import write_csv
from tests.registry.test_dedupe_stable import EXPECTED, planted_rows


def _python(code: str) -> object:
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=300
    )
    return json.loads(done.stdout.splitlines()[-1])


def test_a_single_threaded_process_computes_in_a_forked_child() -> None:
    code = """
import json, os
from corridor.services.offload import alongside, can_fork
parent = os.getpid()
with alongside(lambda xs: (os.getpid(), sorted(xs)), [3, 1, 2], min_size=3) as result:
    child, values = result()
print(json.dumps([can_fork(), child != parent, values]))
"""
    assert _python(code) == [True, True, [1, 2, 3]]


def test_a_child_that_dies_is_replaced_by_computing_in_process() -> None:
    code = """
import json, os
from corridor.services.offload import alongside
parent = os.getpid()
def work(xs):
    if os.getpid() != parent:
        os._exit(3)  # the child dies before it answers
    return sum(xs)
with alongside(work, [1, 2, 3], min_size=1) as result:
    total = result()
print(json.dumps(total))
"""
    assert _python(code) == 6


def test_a_failing_child_is_replaced_by_computing_in_process() -> None:
    code = """
import json, os
from corridor.services.offload import alongside
parent = os.getpid()
def work(xs):
    if os.getpid() != parent:
        raise MemoryError("child out of memory")
    return max(xs)
with alongside(work, [4, 9], min_size=1) as result:
    print(json.dumps(result()))
"""
    assert _python(code) == 9


def test_a_threaded_process_or_a_small_input_never_forks() -> None:
    here = os.getpid()
    with alongside(lambda xs: os.getpid(), [1], min_size=2) as small:
        assert small() == here
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        assert not can_fork()
        with alongside(lambda xs: os.getpid(), [1, 2, 3], min_size=1) as threaded:
            assert threaded() == here
    finally:
        stop.set()
        other.join()


def test_an_import_reading_names_in_a_child_warns_exactly_as_in_process(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "organisations.csv", planted_rows(1500))
    code = f"""
import gc
import json
from pathlib import Path
from corridor.services import imports
from corridor.services.offload import can_fork
from corridor.store.db import make_engine, migrate
imports._OFFLOAD_FROM = 1  # read the names in a child even for this small file
engine = make_engine("sqlite:///{tmp_path / "c.db"}")
migrate(engine)
report = imports.import_paths(engine, [Path({str(path)!r})])
print(json.dumps([can_fork(), report.warnings]))
"""
    forked, warnings = _python(code)  # type: ignore[misc]
    assert forked
    assert warnings == EXPECTED.read_text("utf-8").splitlines()


def test_a_child_whose_parent_was_killed_ends_instead_of_waiting_for_ever() -> None:
    """A killed import must not leave its child blocked on a full pipe (it did: the child
    held the pipe's read end itself, so its write never met a broken pipe)."""
    code = """
import os, signal, sys, time
from corridor.services.offload import alongside

def slow(xs):
    time.sleep(1.0)
    return [x * 2 for x in xs]  # a result larger than a pipe's buffer

with alongside(slow, list(range(200_000)), min_size=1) as result:
    print(max(p for p in (int(t) for t in os.listdir("/proc") if t.isdigit())
              if open(f"/proc/{p}/stat").read().split()[3] == str(os.getpid())), flush=True)
    os.kill(os.getpid(), signal.SIGKILL)  # killed before reading the result
"""
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    child = int(run.stdout.split()[0])
    deadline = time.monotonic() + 30
    while Path(f"/proc/{child}").exists() and _state(child) != "Z":
        assert time.monotonic() < deadline, f"child {child} still alive after its parent died"
        time.sleep(0.1)


def _state(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0]
    except OSError:
        return "gone"


def test_garbage_collection_is_paused_inside_and_restored_after_even_on_error() -> None:
    assert gc.isenabled()
    try:
        with gc_paused():
            assert not gc.isenabled()
            raise ValueError("bad row")
    except ValueError:
        pass
    assert gc.isenabled()
    gc.disable()
    try:
        with gc_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # a caller that had paused it keeps it paused
    finally:
        gc.enable()


def test_garbage_collection_stays_on_for_an_import_on_a_server_thread() -> None:
    seen: list[bool] = []

    def job() -> None:
        with gc_paused():
            seen.append(gc.isenabled())

    worker = threading.Thread(target=job)
    worker.start()
    worker.join()
    assert seen == [True]
    assert gc.isenabled()
