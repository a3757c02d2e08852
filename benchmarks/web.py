"""Web latency under a bounded load: dashboard, registry, search and screening API.

    python benchmarks/web.py [--db PATH] [--index PATH] [--seconds 30] [--clients 20]
                             [--max-requests 20000] [--no-baseline]
                             [--baseline-screen-clients 4]

Builds the demo database in a temporary directory (import, bundled lists, screen,
greedy schedule, all through services; no PDFs), or reuses ``--db``; builds the search
index of the bundled laws, or reuses ``--index``; adds a
benchmark account and an API token; starts ``corridor serve`` as a subprocess on a
free 127.0.0.1 port and, endpoint by endpoint, runs ``--clients`` concurrent
clients (threads, httpx) for ``--seconds`` (at most ``--max-requests`` requests):

    dashboard        GET  /missions/shanghai-2026           (session cookie)
    registry         GET  /orgs?mission=shanghai-2026       (session cookie)
    registry search  GET  /orgs?q=하이크비전                 (session cookie)
    search API       GET  /api/v1/search?q=...               (Bearer; skipped with a note if 404)
    screen a name    POST /api/v1/screening/name             (Bearer)

It prints requests, errors, p50/p95/p99 latency and requests/s per endpoint and,
side by side, the same run against a server started with CORRIDOR_SCREEN_CACHE=0 and
CORRIDOR_READ_CACHE=0 (the screening index rebuilt on every call and every page's read
model read afresh, as before the caches; the screening call with at
most ``--baseline-screen-clients`` clients, since each request builds a whole index)
and the ratio of p95 latencies (baseline / cached). Target: p95 < 150 ms for pages on the demo
mission. The server is stopped at the end, whatever happens; only 127.0.0.1 is used.
"""

from __future__ import annotations

import argparse
import os
import re
import secrets
import socket
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from corridor.services import users
from corridor.services.database import open_database
from corridor.services.demo import EXAMPLE
from corridor.services.imports import import_mission
from corridor.services.lists import bundled_lists, load_lists
from corridor.services.scheduling import schedule_mission
from corridor.services.screening import screen_mission
from corridor.services.search import index_paths

HOST = "127.0.0.1"
MISSION = "shanghai-2026"
PASSWORD = "benchmark password long enough"
PAGE_TARGET_MS = 150.0


@dataclass(frozen=True, slots=True)
class Endpoint:
    """One thing the load asks for."""

    label: str
    method: str
    path: str
    params: dict[str, str] = field(default_factory=dict)
    body: dict[str, object] | None = None
    api: bool = False

    @property
    def page(self) -> bool:
        return not self.api


ENDPOINTS = (
    Endpoint("dashboard", "GET", f"/missions/{MISSION}"),
    Endpoint("registry list", "GET", "/orgs", {"mission": MISSION}),
    Endpoint("registry search", "GET", "/orgs", {"q": "하이크비전"}),
    Endpoint("search API", "GET", "/api/v1/search", {"q": "개인정보 국외 이전"}, api=True),
    Endpoint(
        "screen a name API",
        "POST",
        "/api/v1/screening/name",
        body={"name": "Hangzhou Hikvision Digital Technology", "kind": "org"},
        api=True,
    ),
)


@dataclass(slots=True)
class Result:
    """What one endpoint did under load."""

    requests: int = 0
    errors: int = 0
    seconds: float = 0.0
    latencies: list[float] = field(default_factory=list)
    note: str = ""

    def percentile(self, p: float) -> float:
        """The p-th percentile latency in ms (nearest rank); NaN without samples."""
        if not self.latencies:
            return float("nan")
        ordered = sorted(self.latencies)
        rank = max(1, min(len(ordered), round(p / 100 * len(ordered) + 0.5)))
        return ordered[rank - 1] * 1000

    @property
    def rate(self) -> float:
        return self.requests / self.seconds if self.seconds > 0 else 0.0


def build_database(folder: Path) -> Path:
    """The demo mission imported, lists loaded, screened and scheduled (greedy)."""
    path = folder / "corridor.db"
    engine = open_database(str(path))
    try:
        import_mission(engine, EXAMPLE, actor="benchmark")
        load_lists(engine, bundled_lists(), label="bundled snapshot")
        screen_mission(engine, MISSION, actor="benchmark")
        schedule_mission(engine, MISSION, solver="greedy", time_limit=5.0, actor="benchmark")
    finally:
        engine.dispose()
    return path


def credentials(db: Path) -> tuple[str, str]:
    """A fresh organiser account (e-mail) and an organiser API token for this run."""
    engine = open_database(str(db))
    try:
        email = f"bench-{secrets.token_hex(4)}@example.org"
        users.add_user(engine, email, PASSWORD, ["organiser"])
        _, token = users.create_token(engine, ["organiser"], name="benchmarks/web.py")
    finally:
        engine.dispose()
    return email, token


def free_port() -> int:
    """A port nobody listens on at 127.0.0.1 now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


def start_server(
    db: Path, index: Path, port: int, cache: bool, log: Path
) -> subprocess.Popen[bytes]:
    """``corridor serve`` on 127.0.0.1:port, with the screening and read caches on or off."""
    env = dict(os.environ)
    env["CORRIDOR_SCREEN_CACHE"] = "1" if cache else "0"
    env["CORRIDOR_READ_CACHE"] = "1" if cache else "0"
    env["CORRIDOR_SEARCH_INDEX"] = str(index)
    env["CORRIDOR_SECRET_KEY"] = secrets.token_urlsafe(48)
    src = str(Path(__file__).resolve().parents[1] / "src")
    env["PYTHONPATH"] = os.pathsep.join(p for p in (src, env.get("PYTHONPATH", "")) if p)
    command = [sys.executable, "-m", "corridor.cli.main", "--db", str(db), "serve"]
    command += ["--host", HOST, "--port", str(port)]
    with log.open("ab") as out:
        return subprocess.Popen(command, env=env, stdout=out, stderr=subprocess.STDOUT)


def wait_for(base: str, server: subprocess.Popen[bytes], timeout: float = 90.0) -> None:
    """Until the server answers /login (or give up, saying why)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"the server exited with {server.returncode} before answering")
        try:
            if httpx.get(f"{base}/login", timeout=2.0).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.3)
    raise SystemExit(f"the server did not answer within {timeout:.0f} s")


def stop_server(server: subprocess.Popen[bytes]) -> None:
    """Terminate the server, then kill it if it lingers."""
    if server.poll() is None:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=10)


def sign_in(base: str, email: str) -> httpx.Cookies:
    """The session cookie of a real sign-in through the login form."""
    with httpx.Client(base_url=base, timeout=30.0) as client:
        form = client.get("/login")
        found = re.search(r'name="csrf_token" value="([^"]+)"', form.text)
        if found is None:
            raise SystemExit("no CSRF token on /login")
        data = {"csrf_token": found.group(1), "next": "/missions"}
        done = client.post("/login", data={**data, "email": email, "password": PASSWORD})
        if done.status_code >= 400 or "corridor_session" not in client.cookies:
            raise SystemExit(f"sign-in failed: HTTP {done.status_code}")
        return httpx.Cookies(client.cookies)


def _send(client: httpx.Client, endpoint: Endpoint) -> httpx.Response:
    return client.request(
        endpoint.method, endpoint.path, params=endpoint.params, json=endpoint.body
    )


def _client(base: str, endpoint: Endpoint, cookies: httpx.Cookies, token: str) -> httpx.Client:
    if endpoint.api:
        headers = {"authorization": f"Bearer {token}"}
        return httpx.Client(base_url=base, headers=headers, timeout=120.0)
    return httpx.Client(base_url=base, cookies=cookies, timeout=120.0)


def load(
    base: str,
    endpoint: Endpoint,
    cookies: httpx.Cookies,
    token: str,
    *,
    clients: int,
    seconds: float,
    cap: int,
) -> Result:
    """``clients`` threads asking for ``endpoint`` until ``seconds`` or ``cap`` requests."""
    result = Result()
    with _client(base, endpoint, cookies, token) as probe:
        first = _send(probe, endpoint)  # warm-up (a cached index is built here)
    if first.status_code in (404, 405) and endpoint.api:
        result.note = f"skipped: {endpoint.method} {endpoint.path} answers {first.status_code}"
        return result
    if first.status_code != 200:
        result.note = f"warm-up answered HTTP {first.status_code}"
    lock = threading.Lock()
    issued = 0
    stop_at = time.monotonic() + seconds

    def worker() -> None:
        nonlocal issued
        with _client(base, endpoint, cookies, token) as client:
            while time.monotonic() < stop_at:
                with lock:
                    if issued >= cap:
                        return
                    issued += 1
                start = time.perf_counter()
                try:
                    ok = _send(client, endpoint).status_code == 200
                except httpx.HTTPError:
                    ok = False
                elapsed = time.perf_counter() - start
                with lock:
                    result.requests += 1
                    result.latencies.append(elapsed)
                    result.errors += 0 if ok else 1

    began = time.perf_counter()
    threads = [threading.Thread(target=worker) for _ in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    result.seconds = time.perf_counter() - began
    return result


def clients_for(endpoint: Endpoint, cache: bool, args: argparse.Namespace) -> int:
    """Concurrent clients: fewer for the uncached screening call, where each request
    builds a whole index (seconds of CPU and hundreds of MB): a conservative baseline."""
    if not cache and endpoint.label == "screen a name API":
        return min(int(args.clients), int(args.baseline_screen_clients))
    return int(args.clients)


def run_pass(
    db: Path, email: str, token: str, cache: bool, args: argparse.Namespace, log: Path
) -> dict[str, Result]:
    """Start a server (cache on or off), load every endpoint in turn, stop the server."""
    port = free_port()
    base = f"http://{HOST}:{port}"
    server = start_server(db, args.index, port, cache, log)
    try:
        wait_for(base, server)
        cookies = sign_in(base, email)
        results: dict[str, Result] = {}
        for endpoint in ENDPOINTS:
            label = "cached" if cache else "baseline"
            print(
                f"  [{label}] {endpoint.label}: {endpoint.method} {endpoint.path} ...", flush=True
            )
            results[endpoint.label] = load(
                base,
                endpoint,
                cookies,
                token,
                clients=clients_for(endpoint, cache, args),
                seconds=args.seconds,
                cap=args.max_requests,
            )
        return results
    finally:
        stop_server(server)


def _ms(value: float) -> str:
    return "-" if value != value else f"{value:.0f}"


def print_table(cached: dict[str, Result], baseline: dict[str, Result] | None) -> None:
    """Per endpoint: requests, errors, p50/p95/p99, req/s; baseline p95, req/s, ratio."""
    head = f"{'endpoint':<18} {'reqs':>6} {'errs':>5} {'p50':>6} {'p95':>6} {'p99':>6} {'req/s':>7}"
    if baseline is not None:
        head += f" | {'base reqs':>9} {'base p95':>9} {'base req/s':>10} {'p95 ×':>7}"
    print(head)
    print("-" * len(head))
    notes = []
    for endpoint in ENDPOINTS:
        r = cached[endpoint.label]
        if r.note:
            notes.append(f"{endpoint.label}: {r.note}")
        if r.requests == 0:
            print(f"{endpoint.label:<18} {'(no requests)':>6}")
            continue
        row = (
            f"{endpoint.label:<18} {r.requests:>6} {r.errors:>5} {_ms(r.percentile(50)):>6} "
            f"{_ms(r.percentile(95)):>6} {_ms(r.percentile(99)):>6} {r.rate:>7.1f}"
        )
        if baseline is not None:
            b = baseline[endpoint.label]
            ratio = b.percentile(95) / r.percentile(95) if b.requests and r.requests else 0.0
            row += f" | {b.requests:>9} {_ms(b.percentile(95)):>9} {b.rate:>10.1f} {ratio:>6.1f}×"
        print(row)
    print("latencies in ms; p95 × = baseline p95 / cached p95 (> 1: the cache helps)")
    slow = [
        e.label
        for e in ENDPOINTS
        if e.page and cached[e.label].requests and cached[e.label].percentile(95) >= PAGE_TARGET_MS
    ]
    verdict = "met" if not slow else f"missed by: {', '.join(slow)}"
    print(f"target p95 < {PAGE_TARGET_MS:.0f} ms for pages: {verdict}")
    for note in notes:
        print(f"note: {note}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", type=Path, default=None, help="reuse this demo database")
    parser.add_argument(
        "--index", type=Path, default=None, help="reuse this search index (default: build one)"
    )
    parser.add_argument("--seconds", type=float, default=30.0, help="load per endpoint")
    parser.add_argument("--clients", type=int, default=20, help="concurrent clients")
    parser.add_argument(
        "--max-requests", type=int, default=20000, help="cap on requests per endpoint"
    )
    parser.add_argument(
        "--baseline-screen-clients",
        type=int,
        default=4,
        help="clients for the uncached screening call (each builds an index)",
    )
    parser.add_argument(
        "--baseline",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="also measure a server with CORRIDOR_SCREEN_CACHE=0 (default: on)",
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="corridor-web-bench-") as tmp:
        folder = Path(tmp)
        if args.db is None:
            start = time.perf_counter()
            db = build_database(folder)
            print(f"built the demo database in {time.perf_counter() - start:.1f} s")
        else:
            db = args.db
        if args.index is None:
            start = time.perf_counter()
            args.index = folder / "search-index"
            index_paths([], args.index)
            print(
                f"built the search index of the bundled laws in {time.perf_counter() - start:.1f} s"
            )
        email, token = credentials(db)
        log = folder / "server.log"
        print(
            f"{args.clients} clients, {args.seconds:.0f} s per endpoint, "
            f"at most {args.max_requests} requests each; {os.cpu_count()} CPUs"
        )
        try:
            cached = run_pass(db, email, token, True, args, log)
            baseline = run_pass(db, email, token, False, args, log) if args.baseline else None
        except BaseException:
            print(log.read_text(encoding="utf-8", errors="replace")[-3000:], file=sys.stderr)
            raise
        print()
        print_table(cached, baseline)


if __name__ == "__main__":
    main()
