"""The web app's speed on loopback.

1. `POST /api/v1/assessments` under 50 concurrent keep-alive clients, next to a bare FastAPI
   endpoint taking and returning the same model (`Assessment`), in alternating rounds of the
   same run (same uvicorn, same client). Targets (issue 18): ratio >= 0.8; p99 < 50 ms.
2. The API worker's memory (resident set after the load) next to the bare app's. Our worker
   is started as `backrelief serve` starts it. Target (issue 18): <= 2x.
3. The weight of the start page with its assets. Target < 150 KB.
4. The time to render the diary page with a year of entries (1,500, as a daily diary kept
   about four times a day), in process.

Each server runs in its own process with one uvicorn worker; the load generator is
bench/load.py (bounded in time and count, loopback only). About 40 s in all.
"""

from __future__ import annotations

import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from fastapi import FastAPI

from backrelief.assessment import Assessment
from bench.load import Server, free_port, load, request_bytes, start_server
from bench.rows import record

BUDGET_SECONDS = 240
CLIENTS = 50
RUN_S = 2.0
ROUNDS = 5
DIARY_ENTRIES = 1500
ROOT = Path(__file__).resolve().parents[1]
ASSESSMENT: dict[str, Any] = {
    "age": 41, "sex": "female", "pregnant": False, "region": "lower", "radiation": "buttock", "leg_sides": "one",
    "severity": 6, "duration_days": 2, "onset": "sudden", "trigger": "lifting",
    "worsens": ["bending", "sitting"], "eases": ["heat", "movement"],
    "findings": [], "history": [],
}


def bare_app() -> FastAPI:
    """The floor: a bare FastAPI endpoint with the same model, written the usual FastAPI way
    (the body validated as an `Assessment`, returned, serialised by FastAPI)."""
    app = FastAPI()

    @app.post("/echo")
    async def echo(payload: Assessment) -> Assessment:
        return payload

    return app


def _serve(name: str, factory: str, env: dict[str, str], folder: Path) -> Server:
    port = free_port()
    args = [sys.executable, "-m", "uvicorn", factory, "--factory", "--host", "127.0.0.1", "--port", str(port),
            "--log-level", "warning", "--no-access-log"]
    # A busy machine (the clinic bench just ran) starts slowly: wait up to 90 s.
    return start_server(name, args, env, port, ready_path="/openapi.json" if "bare" in name else "/about",
                        cwd=ROOT, wait_s=90, log_dir=folder)


def _page_weight(base: str) -> tuple[int, list[tuple[str, int]]]:
    with urllib.request.urlopen(base + "/") as response:
        html = response.read()
    parts = [("/", len(html))]
    for ref in dict.fromkeys(re.findall(rb'(?:href|src)="(/static/[^"]+)"', html)):
        with urllib.request.urlopen(base + ref.decode()) as response:
            parts.append((ref.decode(), len(response.read())))
    return sum(size for _, size in parts), parts


def _diary_render_ms(data_dir: Path) -> float:
    from fastapi.testclient import TestClient

    from backrelief.diary.models import EntryCreate
    from backrelief.settings import Settings
    from backrelief.storage import Entries, ensure_database
    from backrelief.web import create_app

    settings = Settings(data_dir=data_dir, database_url="")
    engine = ensure_database(settings)
    start = datetime(2025, 11, 27, 8, 0)
    Entries(engine).add_many([
        EntryCreate(at=start + timedelta(hours=i * 24 * 365 / DIARY_ENTRIES), pain_now=(i * 7) % 11,
                    notes="walked to the shop" if i % 3 == 0 else "")
        for i in range(DIARY_ENTRIES)
    ])
    engine.dispose()
    times = []
    with TestClient(create_app(settings)) as client:
        for _ in range(7):
            started = time.perf_counter()
            response = client.get("/diary")
            times.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200
    return statistics.median(times[1:])


def main() -> None:
    body = json.dumps(ASSESSMENT).encode()
    with tempfile.TemporaryDirectory(prefix="backrelief-bench-") as tmp:
        data_dir = Path(tmp) / "data"
        env = {**os.environ, "BACKRELIEF_DATA_DIR": str(data_dir), "BACKRELIEF_DATABASE_URL": "",
               "BACKRELIEF_TRUSTED_HOSTS": "127.0.0.1,localhost", "PYTHONPATH": str(ROOT)}
        subprocess.run([sys.executable, "-c", "from backrelief.settings import Settings; "
                        "from backrelief.storage import ensure_database; ensure_database(Settings())"],
                       env=env, check=True)
        ours = _serve("backrelief", "backrelief.web.app:app_from_environment", env, Path(tmp))
        bare = _serve("bare", "bench.bench_web:bare_app", env, Path(tmp))
        try:
            ours_request = [request_bytes("POST", "/api/v1/assessments", body)]
            bare_request = [request_bytes("POST", "/echo", body)]
            # Alternating short rounds: other work on the machine then hits both servers
            # alike; the ratio is taken round by round, and its median is the figure.
            pairs = []
            for _ in range(ROUNDS):
                floor = load(bare, bare_request, clients=CLIENTS, run_s=RUN_S)
                mine = load(ours, ours_request, clients=CLIENTS, run_s=RUN_S)
                pairs.append((mine, floor))
            memory, bare_memory = ours.rss_mib(), bare.rss_mib()
            weight, parts = _page_weight(ours.url)
        finally:
            ours.stop()
            bare.stop()
        ratios = sorted(m.rps / f.rps for m, f in pairs)
        ratio = statistics.median(ratios)
        p99 = statistics.median(m.p99_ms for m, _ in pairs)
        rps = statistics.median(m.rps for m, _ in pairs)
        bare_rps = statistics.median(f.rps for _, f in pairs)
        print(f"POST /api/v1/assessments, {CLIENTS} concurrent clients, {ROUNDS} alternating rounds of {RUN_S:.0f} s, "
              f"1 uvicorn worker each, loopback (medians over the rounds):")
        print(f"  backrelief  {rps:8.0f} req/s   p99 {p99:6.1f} ms   server CPU "
              f"{statistics.median(m.cpu_us for m, _ in pairs):5.0f} µs/request")
        print(f"  bare        {bare_rps:8.0f} req/s   p99 {statistics.median(f.p99_ms for _, f in pairs):6.1f} ms   "
              f"server CPU {statistics.median(f.cpu_us for _, f in pairs):5.0f} µs/request   "
              f"(FastAPI: payload: Assessment -> return payload)")
        record("POST /api/v1/assessments vs bare FastAPI with the same model",
               f"{rps:,.0f} req/s, p99 {p99:.0f} ms", ">= 0.8, p99 < 50 ms", ratio >= 0.8 and p99 < 50,
               floor=f"bare {bare_rps:,.0f} req/s", ratio=ratio,
               note=f"median of {ROUNDS} rounds, range {ratios[0]:.2f}-{ratios[-1]:.2f}")
        record("API worker memory (after the load)", f"{memory:.0f} MB", "<= 2x", memory / bare_memory <= 2,
               floor=f"bare {bare_memory:.0f} MB", ratio=memory / bare_memory)
        detail = ", ".join(f"{name} {size / 1024:.1f} KB" for name, size in parts)
        print(f"Start page with its assets: {weight / 1024:.1f} KB ({detail}); "
              f"target < 150 KB: {'met' if weight < 150 * 1024 else 'NOT met'}")
        ms = _diary_render_ms(Path(tmp) / "diary")
        print(f"Diary page with a year of entries ({DIARY_ENTRIES}), in process: {ms:.0f} ms (median of 6)")


if __name__ == "__main__":
    main()
