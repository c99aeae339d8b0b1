"""Clinic mode under load and faults, on loopback only, bounded in time (about 3 minutes).

A throwaway PostgreSQL cluster and two `backrelief serve` processes in clinic mode. 100
virtual users (90 patients, 10 clinicians each shared with by 9 patients) run a mixed
workload through the API, spreading their requests over both processes as a load balancer
would: patients log in, add diary entries and run triage; clinicians open the dashboard.

1. steady: 60 s on two processes; requests per second, p50/p99 per kind, errors.
2. SIGKILL: one process is killed mid-run. The other keeps serving (its errors must be 0);
   every acknowledged write (a 201 with an id) must be in the database afterwards.
3. PostgreSQL restart mid-run: the apps recover on their own (pool_pre_ping); requests
   after the restart succeed, and every acknowledged write is still there.

Run: `python -m bench clinic` (or `make bench`). BENCH_CLINIC_SECONDS shortens phase 1.
"""

from __future__ import annotations

import asyncio
import os
import random
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import psycopg

PG_BIN = Path(os.environ.get("BACKRELIEF_PG_BIN", "/usr/lib/postgresql/15/bin"))
USERS = 100
CLINICIANS = 10
STEADY_SECONDS = float(os.environ.get("BENCH_CLINIC_SECONDS", "60"))
FAULT_SECONDS = 20.0
THINK = (0.05, 0.35)  # seconds between a user's requests
RAMP_UP = 5.0  # seconds over which the users arrive (a login costs ~50 ms of CPU: argon2id)
PASSWORD = "bench password for everyone"
ASSESSMENT = {"age": 42, "region": "lower", "onset": "sudden", "duration_days": 2, "severity": 6,
              "findings_absent": ["saddle_numbness"]}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


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
    cluster = Cluster(folder, _free_port(), user)
    subprocess.run(_as_server_user([str(PG_BIN / "initdb"), "-D", str(cluster.data), "-A", "trust", "-U", user,
                                    "-E", "UTF8"]), check=True, capture_output=True, timeout=120)
    cluster.ctl("start")
    with psycopg.connect(host="127.0.0.1", port=cluster.port, user=user, dbname="postgres", autocommit=True) as c:
        c.execute("CREATE DATABASE clinic")
    return cluster


def app_env(cluster: Cluster, folder: Path) -> dict[str, str]:
    return {**os.environ, "BACKRELIEF_MODE": "clinic", "BACKRELIEF_DATABASE_URL": cluster.url("clinic"),
            "BACKRELIEF_SECRET_KEY": secrets.token_hex(32), "BACKRELIEF_DATA_DIR": str(folder / "app")}


def start_app(env: dict[str, str], folder: Path, name: str) -> tuple[str, subprocess.Popen[bytes]]:
    port = _free_port()
    with (folder / f"{name}.log").open("wb") as log:
        process = subprocess.Popen([sys.executable, "-m", "backrelief", "serve", "--port", str(port)], env=env,
                                   stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError((folder / f"{name}.log").read_text())
        try:
            with urllib.request.urlopen(url + "/account/login", timeout=2):
                return url, process
        except OSError:
            time.sleep(0.3)
    process.kill()
    raise RuntimeError(f"{name} did not start")


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
    for n, email in enumerate(patients):
        user = clinic.accounts.create(email, PASSWORD, "patient")
        clinic.sharing.share_with(user, clinicians[n % CLINICIANS], ["diary", "assessments", "reports"])
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
    async with httpx.AsyncClient(timeout=30, limits=httpx.Limits(keepalive_expiry=2.0)) as client:
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
                day = 1 + n % 28
                r = await _call(client, apps, stats, "add entry", n, "POST", "/api/v1/me/entries",
                                headers={"authorization": f"Bearer {token}"},
                                json={"at": f"2026-10-{day:02d}T{n % 24:02d}:00", "pain_now": n % 11,
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


def report(title: str, stats: Stats, seconds: float) -> None:
    done = sum(len(v) for v in stats.latencies.values())
    every = [x for v in stats.latencies.values() for x in v]
    print(f"{title}: {stats.requests} requests in {seconds:.0f} s = {stats.requests / seconds:.0f} req/s; "
          f"ok {done}, p50 {_pct(every, 0.5):.0f} ms, p99 {_pct(every, 0.99):.0f} ms; "
          f"errors {sum(stats.errors.values())} {dict(stats.errors) or ''}")
    for kind, values in sorted(stats.latencies.items()):
        print(f"  {kind:10} n={len(values):6}  p50 {_pct(values, 0.5):6.0f} ms  p99 {_pct(values, 0.99):6.0f} ms")


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
    processes: list[subprocess.Popen[bytes]] = []
    try:
        patients, clinicians = make_people(env)
        a_url, a = start_app(env, folder, "a")
        b_url, b = start_app(env, folder, "b")
        processes += [a, b]
        print(f"{USERS} users ({len(patients)} patients, {len(clinicians)} clinicians), 2 app processes, "
              f"PostgreSQL 15 on loopback, think time {THINK[0]}-{THINK[1]} s, ramp-up {RAMP_UP:.0f} s; "
              f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} before the run")

        stats = asyncio.run(run_users(patients, clinicians, Apps([a_url, b_url]), STEADY_SECONDS))
        report("1. steady, two processes", stats, STEADY_SECONDS)
        print(f"   acknowledged writes lost: {lost(cluster, stats.acknowledged)} of {len(stats.acknowledged)}")

        async def with_kill() -> Stats:
            apps = Apps([a_url, b_url])
            task = asyncio.ensure_future(run_users(patients, clinicians, apps, FAULT_SECONDS))
            await asyncio.sleep(FAULT_SECONDS / 3)
            a.send_signal(signal.SIGKILL)
            killed_at.append(time.monotonic())
            return await task

        killed_at: list[float] = []
        stats = asyncio.run(with_kill())
        report("2. one process killed with SIGKILL mid-run", stats, FAULT_SECONDS)
        after = [ok for at, ok in stats.by_app[b_url] if at > killed_at[0]]
        print(f"   the other process, requests sent after the kill: {len(after)}, errors {after.count(False)}; "
              f"acknowledged writes lost: {lost(cluster, stats.acknowledged)} of {len(stats.acknowledged)}")

        a_url, a = start_app(env, folder, "a2")
        processes.append(a)

        async def with_restart() -> tuple[Stats, float]:
            apps = Apps([a_url, b_url])
            task = asyncio.ensure_future(run_users(patients, clinicians, apps, FAULT_SECONDS))
            await asyncio.sleep(FAULT_SECONDS / 3)
            await asyncio.to_thread(cluster.ctl, "restart", "-m", "fast")
            back = time.monotonic()
            return await task, back

        stats, back = asyncio.run(with_restart())
        report("3. PostgreSQL restarted mid-run", stats, FAULT_SECONDS)
        late = [ok for url in (a_url, b_url) for at, ok in stats.by_app[url] if at > back + 1]
        print(f"   requests sent from 1 s after the restart: {len(late)}, errors {late.count(False)} (no app restart); "
              f"acknowledged writes lost: {lost(cluster, stats.acknowledged)} of {len(stats.acknowledged)}")
    finally:
        for p in processes:
            if p.poll() is None:
                p.terminate()
                try:
                    p.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    p.kill()
        subprocess.run(_as_server_user([str(PG_BIN / "pg_ctl"), "-D", str(cluster.data), "-m", "immediate", "-w",
                                        "stop"]), capture_output=True, timeout=60, check=False)
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
