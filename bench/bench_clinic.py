"""Clinic mode under load and faults, on loopback only, bounded in time (about 3 minutes).

A throwaway PostgreSQL cluster and two `backrelief serve` processes in clinic mode.

0. routes: one process, 50 keep-alive connections, each authenticated route next to the
   unauthenticated `POST /api/v1/assessments` on the same process (the floor: same server,
   same middleware, no session), in alternating rounds. Targets (issue 18): `GET /api/v1/me`
   >= 0.3 of the floor with p99 < 100 ms; `GET /api/v1/me/entries?limit=100` >= 0.2 with
   p99 < 150 ms.

Then 100 virtual users (90 patients, 10 clinicians each shared with by 9 patients) run a
mixed workload through the API, spreading their requests over both processes as a load
balancer would: patients log in, add diary entries and run triage; clinicians open the
dashboard. Each user sends its own client address (X-Forwarded-For from a trusted proxy at
127.0.0.1), as users behind a clinic's reverse proxy would. Target (issue 18): p99 < 250 ms on
a quiet machine.

1. steady: 60 s on two processes; requests per second, p50/p99 per kind, errors.
2. SIGKILL: one process is killed mid-run. The other keeps serving (its errors must be 0);
   every acknowledged write (a 201 with an id) must be in the database afterwards.
3. PostgreSQL restart mid-run: the apps recover on their own (pool_pre_ping); requests
   after the restart succeed, and every acknowledged write is still there.

Run: `python -m bench clinic` (or `make bench`). BENCH_CLINIC_SECONDS shortens phase 1.
"""

from __future__ import annotations

import asyncio
import json
import os
import random
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import psycopg

from bench.load import Server, best_of, free_port, load, request_bytes, start_server
from bench.rows import record

PG_BIN = Path(os.environ.get("BACKRELIEF_PG_BIN", "/usr/lib/postgresql/15/bin"))
USERS = 100
CLINICIANS = 10
STEADY_SECONDS = float(os.environ.get("BENCH_CLINIC_SECONDS", "60"))
BUDGET_SECONDS = 420
ROUTE_ROUNDS = 3
ROUTE_CLIENTS = 50
ROUTE_PATIENTS = 10  # the route tests spread their connections over this many sessions
ENTRIES_EACH = 120  # so that ?limit=100 returns a full page
FAULT_SECONDS = 20.0
THINK = (0.05, 0.35)  # seconds between a user's requests
RAMP_UP = 5.0  # seconds over which the users arrive (a login costs ~50 ms of CPU: argon2id)
PASSWORD = "bench password for everyone"
ASSESSMENT = {"age": 42, "region": "lower", "onset": "sudden", "duration_days": 2, "severity": 6,
              "findings_absent": ["saddle_numbness"]}


def _as_server_user(args: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *args] if os.geteuid() == 0 else args


@dataclass
class Cluster:
    folder: Path
    port: int
    user: str

    @property
    def data(self) -> Path:
        return self.folder / "data"

    def url(self, db: str) -> str:
        return f"postgresql+psycopg://{self.user}@127.0.0.1:{self.port}/{db}"

    def ctl(self, *args: str) -> None:
        options = f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c max_connections=200"
        subprocess.run(_as_server_user([str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-o", options,
                                        "-l", str(self.folder / "log"), "-w", *args]),
                       check=True, capture_output=True, timeout=120)

    def rows(self, db: str, sql: str) -> list[tuple[object, ...]]:
        with psycopg.connect(host="127.0.0.1", port=self.port, user=self.user, dbname=db) as c:
            return list(c.execute(sql).fetchall())


def start_cluster() -> Cluster:
    folder = Path(tempfile.mkdtemp(prefix="brbench-"))
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres", "postgres")
    user = "postgres" if os.geteuid() == 0 else os.environ.get("USER", "postgres")
    cluster = Cluster(folder, free_port(), user)
    subprocess.run(_as_server_user([str(PG_BIN / "initdb"), "-D", str(cluster.data), "-A", "trust", "-U", user,
                                    "-E", "UTF8"]), check=True, capture_output=True, timeout=120)
    cluster.ctl("start")
    with psycopg.connect(host="127.0.0.1", port=cluster.port, user=user, dbname="postgres", autocommit=True) as c:
        c.execute("CREATE DATABASE clinic")
    return cluster


def app_env(cluster: Cluster, folder: Path) -> dict[str, str]:
    return {**os.environ, "BACKRELIEF_MODE": "clinic", "BACKRELIEF_DATABASE_URL": cluster.url("clinic"),
            "BACKRELIEF_SECRET_KEY": secrets.token_hex(32), "BACKRELIEF_DATA_DIR": str(folder / "app"),
            # The bench measures the clinic's work, not phones: its clinicians log in with the
            # password (tests/clinic/test_second_factor.py covers the second factor).
            "BACKRELIEF_CLINICIAN_MFA": "false",
            # The bench stands where a clinic's reverse proxy would: each virtual user comes
            # from its own address (X-Forwarded-For, read only from this trusted hop), so
            # the login throttle's lock per address is not one queue for everyone.
            "BACKRELIEF_TRUSTED_PROXIES": "127.0.0.1"}


def address_of(seed: int) -> str:
    """A distinct client address for each virtual user (10.0.0.0/8, never routed here)."""
    n = seed + 1  # no .0 host
    return f"10.{n // 65536 % 256}.{n // 256 % 256}.{n % 256}"


def start_app(env: dict[str, str], folder: Path, name: str) -> Server:
    port = free_port()
    return start_server(name, [sys.executable, "-m", "backrelief", "serve", "--port", str(port)], env, port,
                        ready_path="/account/login", log_dir=folder)


def make_people(env: dict[str, str]) -> tuple[list[str], list[str]]:
    """Patients and clinicians, made in the database directly (hashing 100 passwords through
    the API would only measure argon2); each patient shares with one clinician."""
    for key in ("BACKRELIEF_MODE", "BACKRELIEF_DATABASE_URL", "BACKRELIEF_SECRET_KEY"):
        os.environ[key] = env[key]
    from backrelief.clinic.service import make_clinic
    from backrelief.settings import Settings
    from backrelief.storage import ensure_database

    settings = Settings()
    engine = ensure_database(settings)
    clinic = make_clinic(engine, env["BACKRELIEF_SECRET_KEY"])
    clinicians = [f"clinician{n}@example.org" for n in range(CLINICIANS)]
    patients = [f"patient{n}@example.org" for n in range(USERS - CLINICIANS)]
    for email in clinicians:
        clinic.accounts.create(email, PASSWORD, "clinician")
    from backrelief.diary.models import EntryCreate
    from backrelief.storage import Entries

    start = datetime(2026, 9, 1, 8, 0)
    diary = [EntryCreate(at=start + timedelta(hours=6 * i), pain_now=i % 11, notes="bench") for i in range(ENTRIES_EACH)]
    for n, email in enumerate(patients):
        user = clinic.accounts.create(email, PASSWORD, "patient")
        clinic.sharing.share_with(user, clinicians[n % CLINICIANS], ["diary", "assessments", "reports"])
        if n < ROUTE_PATIENTS:
            Entries(engine, user.id).add_many(diary)
    engine.dispose()
    return patients, clinicians


@dataclass
class Stats:
    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    by_app: dict[str, list[tuple[float, bool]]] = field(default_factory=lambda: defaultdict(list))
    acknowledged: list[int] = field(default_factory=list)
    requests: int = 0


@dataclass
class Apps:
    urls: list[str]
    down: set[str] = field(default_factory=set)

    def pick(self, n: int) -> str:
        live = [u for u in self.urls if u not in self.down] or self.urls
        return live[n % len(live)]


async def _call(client: httpx.AsyncClient, apps: Apps, stats: Stats, kind: str, n: int, method: str, path: str,
                **kwargs: object) -> httpx.Response | None:
    url = apps.pick(n)
    began = time.monotonic()
    started = time.perf_counter()
    try:
        response = await client.request(method, url + path, **kwargs)  # type: ignore[arg-type]
    except httpx.TransportError as error:
        # What a load balancer does when a backend refuses connections: take it out of the pool.
        if isinstance(error, httpx.ConnectError):
            apps.down.add(url)
        stats.errors[f"{kind} ({type(error).__name__})"] += 1
        stats.by_app[url].append((began, False))
        return None
    elapsed = time.perf_counter() - started
    stats.requests += 1
    ok = response.status_code < 400
    stats.by_app[url].append((began, ok))
    if ok:
        stats.latencies[kind].append(elapsed)
    else:
        stats.errors[f"{kind} {response.status_code}"] += 1
    return response


async def user(email: str, clinician: bool, apps: Apps, stats: Stats, until: float, seed: int, delay: float) -> None:
    rng = random.Random(seed)
    n = seed
    await asyncio.sleep(delay)  # users arrive over the ramp-up, not all in the same instant
    # Idle connections are dropped by the client after 2 s, before uvicorn's 5 s keep-alive
    # timeout closes them under its feet (a load balancer keeps its idle timeout shorter too).
    async with httpx.AsyncClient(timeout=30, limits=httpx.Limits(keepalive_expiry=2.0),
                                 headers={"x-forwarded-for": address_of(seed)}) as client:
        token = ""
        while time.monotonic() < until:
            n += 1
            if not token or rng.random() < 0.02:
                r = await _call(client, apps, stats, "login", n, "POST", "/api/v1/session",
                                json={"email": email, "password": PASSWORD})
                token = r.json()["token"] if r is not None and r.status_code == 200 else ""
            elif clinician:
                await _call(client, apps, stats, "dashboard", n, "GET", "/api/v1/clinician/patients",
                            headers={"authorization": f"Bearer {token}"})
            elif rng.random() < 0.75:
                # Within the bout the user's own checks date (ASSESSMENT: 2 days), never before
                # its start or in the future, or the diary refuses the entry (748f23e) and the
                # run measures refusals instead of writes.
                at = datetime.now() - timedelta(minutes=n % 1800)
                r = await _call(client, apps, stats, "add entry", n, "POST", "/api/v1/me/entries",
                                headers={"authorization": f"Bearer {token}"},
                                json={"at": at.strftime("%Y-%m-%dT%H:%M"), "pain_now": n % 11,
                                      "notes": "bench"})
                if r is not None and r.status_code == 201:
                    stats.acknowledged.append(int(r.json()["id"]))
            else:
                await _call(client, apps, stats, "triage", n, "POST", "/api/v1/me/assessments",
                            headers={"authorization": f"Bearer {token}"}, json=ASSESSMENT)
            await asyncio.sleep(rng.uniform(*THINK))


async def run_users(patients: list[str], clinicians: list[str], apps: Apps, seconds: float) -> Stats:
    stats = Stats()
    until = time.monotonic() + seconds
    people = [(p, False) for p in patients] + [(c, True) for c in clinicians]
    await asyncio.gather(*(user(e, c, apps, stats, until, i, RAMP_UP * i / len(people))
                           for i, (e, c) in enumerate(people)))
    return stats


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000 if ordered else float("nan")


def report(title: str, stats: Stats, seconds: float) -> float:
    """Print the phase's figures; answers its p99 over every kind, in ms."""
    done = sum(len(v) for v in stats.latencies.values())
    every = [x for v in stats.latencies.values() for x in v]
    print(f"{title}: {stats.requests} requests in {seconds:.0f} s = {stats.requests / seconds:.0f} req/s; "
          f"ok {done}, p50 {_pct(every, 0.5):.0f} ms, p99 {_pct(every, 0.99):.0f} ms; "
          f"errors {sum(stats.errors.values())} {dict(stats.errors) or ''}")
    for kind, values in sorted(stats.latencies.items()):
        print(f"  {kind:10} n={len(values):6}  p50 {_pct(values, 0.5):6.0f} ms  p99 {_pct(values, 0.99):6.0f} ms")
    return _pct(every, 0.99)


def _token(url: str, email: str) -> str:
    response = httpx.post(url + "/api/v1/session", json={"email": email, "password": PASSWORD}, timeout=30)
    response.raise_for_status()
    return str(response.json()["token"])


def routes(server: Server, patients: list[str]) -> None:
    """Phase 0: each authenticated route against the unauthenticated triage on one process."""
    tokens = [_token(server.url, email) for email in patients[:ROUTE_PATIENTS]]
    floor = [request_bytes("POST", "/api/v1/assessments", json.dumps({**ASSESSMENT, "age": 42}).encode())]
    me = [request_bytes("GET", "/api/v1/me", headers={"Authorization": f"Bearer {t}"}) for t in tokens]
    entries = [request_bytes("GET", "/api/v1/me/entries?limit=100", headers={"Authorization": f"Bearer {t}"})
               for t in tokens]
    runs: dict[str, list[Any]] = {"floor": [], "me": [], "entries": []}
    for _ in range(ROUTE_ROUNDS):
        runs["floor"].append(load(server, floor, clients=ROUTE_CLIENTS))
        runs["me"].append(load(server, me, clients=ROUTE_CLIENTS))
        runs["entries"].append(load(server, entries, clients=ROUTE_CLIENTS))
    best = {kind: best_of(results) for kind, results in runs.items()}
    base = best["floor"]
    print(f"0. routes on one process, {ROUTE_CLIENTS} keep-alive connections, best of {ROUTE_ROUNDS} alternating "
          f"rounds of 2 s:")
    for kind, label in (("floor", "POST /api/v1/assessments (no session)"), ("me", "GET /api/v1/me"),
                        ("entries", "GET /api/v1/me/entries?limit=100")):
        r = best[kind]
        print(f"   {label:40} {r.rps:7.0f} req/s  p50 {r.p50_ms:6.1f} ms  p99 {r.p99_ms:6.1f} ms  "
              f"server CPU {r.cpu_us:5.0f} µs/request")
    floor_text = f"unauthenticated POST /api/v1/assessments {base.rps:,.0f} req/s"
    for kind, measure, want, p99_max in (("me", "clinic GET /api/v1/me, 50 connections", 0.3, 100),
                                         ("entries", "clinic GET /api/v1/me/entries?limit=100", 0.2, 150)):
        r = best[kind]
        ratio = r.rps / base.rps
        record(measure, f"{r.rps:,.0f} req/s, p99 {r.p99_ms:.0f} ms", f">= {want}, p99 < {p99_max} ms",
               ratio >= want and r.p99_ms < p99_max, floor=floor_text, ratio=ratio)


def lost(cluster: Cluster, ids: list[int]) -> int:
    present = {int(str(r[0])) for r in cluster.rows("clinic", "SELECT id FROM diary_entries")}
    return len(set(ids) - present)


def main() -> None:
    if not (PG_BIN / "initdb").exists():
        print(f"skipped: PostgreSQL binaries not found in {PG_BIN}")
        return
    cluster = start_cluster()
    folder = cluster.folder
    env = app_env(cluster, folder)
    servers: list[Server] = []
    try:
        patients, clinicians = make_people(env)
        a = start_app(env, folder, "a")
        b = start_app(env, folder, "b")
        servers += [a, b]
        quiet = os.getloadavg()[0]
        print(f"{os.cpu_count()} CPUs, load average {quiet:.1f} before the run")
        routes(a, patients)
        b.check_alive()

        print(f"{USERS} users ({len(patients)} patients, {len(clinicians)} clinicians), 2 app processes, "
              f"PostgreSQL 15 on loopback, think time {THINK[0]}-{THINK[1]} s, ramp-up {RAMP_UP:.0f} s; "
              f"load average {os.getloadavg()[0]:.1f} before the run")
        stats = asyncio.run(run_users(patients, clinicians, Apps([a.url, b.url]), STEADY_SECONDS))
        p99 = report("1. steady, two processes", stats, STEADY_SECONDS)
        for server in (a, b):
            server.check_alive()
        load_now = os.getloadavg()[0]
        record(f"make bench clinic ({USERS} users, 2 processes)",
               f"{stats.requests / STEADY_SECONDS:,.0f} req/s, p99 {p99:.0f} ms, errors {sum(stats.errors.values())}",
               "p99 < 250 ms on a quiet machine", p99 < 250 and not stats.errors,
               note=f"load average {load_now:.1f} on {os.cpu_count()} CPUs at the end")
        print(f"   acknowledged writes lost: {lost(cluster, stats.acknowledged)} of {len(stats.acknowledged)}")

        async def with_kill() -> Stats:
            apps = Apps([a.url, b.url])
            task = asyncio.ensure_future(run_users(patients, clinicians, apps, FAULT_SECONDS))
            await asyncio.sleep(FAULT_SECONDS / 3)
            a.process.send_signal(signal.SIGKILL)
            killed_at.append(time.monotonic())
            return await task

        killed_at: list[float] = []
        stats = asyncio.run(with_kill())
        report("2. one process killed with SIGKILL mid-run", stats, FAULT_SECONDS)
        b.check_alive()
        after = [ok for at, ok in stats.by_app[b.url] if at > killed_at[0]]
        print(f"   the other process, requests sent after the kill: {len(after)}, errors {after.count(False)}; "
              f"acknowledged writes lost: {lost(cluster, stats.acknowledged)} of {len(stats.acknowledged)}")

        a = start_app(env, folder, "a2")
        servers.append(a)

        async def with_restart() -> tuple[Stats, float]:
            apps = Apps([a.url, b.url])
            task = asyncio.ensure_future(run_users(patients, clinicians, apps, FAULT_SECONDS))
            await asyncio.sleep(FAULT_SECONDS / 3)
            await asyncio.to_thread(cluster.ctl, "restart", "-m", "fast")
            back = time.monotonic()
            return await task, back

        stats, back = asyncio.run(with_restart())
        report("3. PostgreSQL restarted mid-run", stats, FAULT_SECONDS)
        for server in (a, b):
            server.check_alive()
        late = [ok for url in (a.url, b.url) for at, ok in stats.by_app[url] if at > back + 1]
        print(f"   requests sent from 1 s after the restart: {len(late)}, errors {late.count(False)} (no app restart); "
              f"acknowledged writes lost: {lost(cluster, stats.acknowledged)} of {len(stats.acknowledged)}")
    finally:
        for server in servers:
            server.stop()
        subprocess.run(_as_server_user([str(PG_BIN / "pg_ctl"), "-D", str(cluster.data), "-m", "immediate", "-w",
                                        "stop"]), capture_output=True, timeout=60, check=False)
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
