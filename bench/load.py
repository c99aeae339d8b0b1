"""What the load tests share: starting a server and checking it is alive, and a small
keep-alive HTTP/1.1 load generator on loopback.

The generator is raw asyncio sockets, so that the client costs little next to the servers.
Every load run is bounded twice: by time (warm-up + run seconds) and by count (at most
`MAX_REQUESTS` answers per run), and only ever talks to 127.0.0.1.
"""

from __future__ import annotations

import asyncio
import os
import re
import socket
import statistics
import subprocess
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

LOOPBACK = "127.0.0.1"
MAX_REQUESTS = 200_000
_LENGTH = re.compile(rb"content-length: *(\d+)", re.IGNORECASE)


def free_port() -> int:
    with socket.socket() as s:
        s.bind((LOOPBACK, 0))
        return int(s.getsockname()[1])


class ServerDied(RuntimeError):
    """A server the bench started is not running; the message holds the end of its stderr."""


@dataclass
class Server:
    """A process serving HTTP on a loopback port, its stderr kept in a file to show if it dies."""

    name: str
    process: subprocess.Popen[bytes]
    port: int
    log: Path

    @property
    def url(self) -> str:
        return f"http://{LOOPBACK}:{self.port}"

    def stderr_tail(self, lines: int = 40) -> str:
        try:
            text = self.log.read_text(errors="replace")
        except OSError:
            return "(no log)"
        return "\n".join(text.splitlines()[-lines:]) or "(empty)"

    def check_alive(self) -> None:
        if self.process.poll() is not None:
            raise ServerDied(f"{self.name} exited with status {self.process.returncode}; its stderr ends:\n"
                             f"{self.stderr_tail()}")

    def rss_mib(self) -> float:
        """Resident memory of the server process (Linux /proc), in MiB."""
        for line in Path(f"/proc/{self.process.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
        return float("nan")

    def cpu_seconds(self) -> float:
        fields = Path(f"/proc/{self.process.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=5)


def start_server(name: str, args: list[str], env: dict[str, str], port: int, *, ready_path: str = "/",
                 cwd: Path | None = None, wait_s: float = 120.0, log_dir: Path | None = None) -> Server:
    """Start `args` (which must serve on `port`) and wait until `ready_path` answers.

    If the process exits, or does not answer within `wait_s`, raise ServerDied with its stderr.
    """
    folder = log_dir or Path(tempfile.mkdtemp(prefix="brbench-log-"))
    log = folder / f"{name}.stderr"
    with log.open("wb") as out:
        process = subprocess.Popen(args, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=out)
    server = Server(name, process, port, log)
    deadline = time.monotonic() + wait_s
    while time.monotonic() < deadline:
        server.check_alive()
        try:
            with urllib.request.urlopen(server.url + ready_path, timeout=2):
                return server
        except urllib.error.HTTPError:
            return server  # it answered, if not with 200
        except OSError:
            time.sleep(0.2)
    server.stop()
    raise ServerDied(f"{name} did not answer {ready_path} within {wait_s:.0f} s; its stderr ends:\n"
                     f"{server.stderr_tail()}")


@dataclass
class Result:
    """One load run: answers per second, latency percentiles, the server's CPU per answer."""

    rps: float
    p50_ms: float
    p99_ms: float
    cpu_us: float = float("nan")
    statuses: dict[int, int] = field(default_factory=dict)


def request_bytes(method: str, path: str, body: bytes = b"", headers: dict[str, str] | None = None) -> bytes:
    lines = [f"{method} {path} HTTP/1.1", f"Host: {LOOPBACK}"]
    lines += [f"{k}: {v}" for k, v in (headers or {}).items()]
    if body or method in ("POST", "PUT", "PATCH"):
        lines += ["Content-Type: application/json", f"Content-Length: {len(body)}"]
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + body


async def _client(port: int, request: bytes, stop_at: float, record_from: float, latencies: list[float],
                  statuses: dict[int, int], expect: int) -> None:
    reader, writer = await asyncio.open_connection(LOOPBACK, port)
    try:
        while len(latencies) < MAX_REQUESTS:
            started = time.perf_counter()
            if started >= stop_at:
                return
            writer.write(request)
            head = await reader.readuntil(b"\r\n\r\n")
            found = _LENGTH.search(head)
            await reader.readexactly(int(found.group(1)) if found else 0)
            status = int(head[9:12])
            statuses[status] = statuses.get(status, 0) + 1
            if status != expect:
                first_line = head.split(b"\r\n", 1)[0].decode()
                raise RuntimeError(f"expected {expect}, got {first_line}")
            if started >= record_from:
                latencies.append(time.perf_counter() - started)
    finally:
        writer.close()


def load(server: Server, requests: list[bytes], *, clients: int = 50, warm_up_s: float = 0.5, run_s: float = 2.0,
         expect: int = 200) -> Result:
    """`clients` keep-alive connections, client i sending requests[i % len(requests)] in a loop."""
    server.check_alive()
    latencies: list[float] = []
    statuses: dict[int, int] = {}
    cpu_before = server.cpu_seconds()

    async def run() -> None:
        now = time.perf_counter()
        record_from, stop_at = now + warm_up_s, now + warm_up_s + run_s
        await asyncio.gather(*(_client(server.port, requests[i % len(requests)], stop_at, record_from, latencies,
                                       statuses, expect) for i in range(clients)))

    started = time.perf_counter()
    try:
        asyncio.run(asyncio.wait_for(run(), timeout=warm_up_s + run_s + 30))
    except (OSError, asyncio.IncompleteReadError, TimeoutError) as error:
        server.check_alive()
        raise RuntimeError(f"load on {server.name} failed: {error!r}") from error
    elapsed = time.perf_counter() - started
    cpu = server.cpu_seconds() - cpu_before
    server.check_alive()
    if not latencies:
        raise RuntimeError(f"no answers from {server.name} in {run_s} s")
    latencies.sort()
    measured = min(run_s, elapsed)
    total = sum(statuses.values())
    return Result(rps=len(latencies) / measured, p50_ms=statistics.median(latencies) * 1000,
                  p99_ms=latencies[max(0, int(len(latencies) * 0.99) - 1)] * 1000,
                  cpu_us=cpu / max(total, 1) * 1e6, statuses=statuses)


def best_of(results: list[Result]) -> Result:
    """The best round: highest req/s, with the lowest p99 and CPU of any round (a busy
    moment on a shared machine slows a round; it never speeds one up)."""
    top = max(results, key=lambda r: r.rps)
    return Result(rps=top.rps, p50_ms=min(r.p50_ms for r in results), p99_ms=min(r.p99_ms for r in results),
                  cpu_us=min(r.cpu_us for r in results), statuses=top.statuses)


def command_env(cache_dir: Path) -> dict[str, str]:
    """The environment for timing a command as a user's install runs it: with compiled
    bytecode (kept in `cache_dir`), even where the shell sets PYTHONDONTWRITEBYTECODE, so that
    every start does not compile our modules again (an installed wheel has its bytecode)."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(cache_dir)
    return env


def wall_and_cpu(args: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall seconds and CPU seconds (user + system) of one run of a command."""
    import resource

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(args, env=env, check=True, capture_output=True, timeout=120)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime


def compare_commands(ours: list[str], floor: list[str], env: dict[str, str], runs: int = 7
                     ) -> tuple[tuple[float, float], tuple[float, float]]:
    """Median (wall, CPU) of `ours` and of `floor`, run in turns after one warm-up each (so
    that a busy moment on a shared machine slows both alike)."""
    wall_and_cpu(ours, env)
    wall_and_cpu(floor, env)
    mine: list[tuple[float, float]] = []
    base: list[tuple[float, float]] = []
    for _ in range(runs):
        mine.append(wall_and_cpu(ours, env))
        base.append(wall_and_cpu(floor, env))

    def middle(xs: list[tuple[float, float]]) -> tuple[float, float]:
        return statistics.median(w for w, _ in xs), statistics.median(c for _, c in xs)

    return middle(mine), middle(base)
