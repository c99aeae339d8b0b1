"""Run every benchmark module in turn (or only those named: python -m bench triage plan),
then print the summary table of every row they recorded (see bench/rows.py).

A module is any `bench/bench_<name>.py` with a `main()`; nothing else registers it. Each runs
in its own process (a fresh interpreter, as a user's command would be), bounded by its
`BUDGET_SECONDS = N` line if it has one, else DEFAULT_BUDGET: a module that overruns is
stopped and the run goes on. Total bound: the sum of the budgets of the modules run.
"""

from __future__ import annotations

import os
import pkgutil
import re
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import bench
from bench.rows import ROWS_FILE, Row, read_rows, table

DEFAULT_BUDGET = 180
_BUDGET = re.compile(r"^BUDGET_SECONDS\s*=\s*(\d+)", re.MULTILINE)
ROOT = Path(__file__).resolve().parents[1]


def budget(name: str) -> int:
    source = (Path(bench.__path__[0]) / f"{name}.py").read_text(encoding="utf-8")
    found = _BUDGET.search(source)
    return int(found.group(1)) if found else DEFAULT_BUDGET


def run_module(name: str, rows_file: Path) -> str:
    """Run one module in a child process; its output goes straight to ours. '' or what went wrong."""
    limit = budget(name)
    env = {**os.environ, ROWS_FILE: str(rows_file), "PYTHONPATH": os.pathsep.join(
        [str(ROOT), *filter(None, [os.environ.get("PYTHONPATH")])])}
    process = subprocess.Popen([sys.executable, "-c", f"import bench.{name} as m; m.main()"], env=env, cwd=ROOT,
                               start_new_session=True)
    try:
        status = process.wait(timeout=limit)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGTERM)  # the module and the servers it started
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        return f"stopped after its budget of {limit} s"
    return "" if status == 0 else f"failed with exit status {status} (its output above says why)"


def main() -> None:
    wanted = set(sys.argv[1:])
    names = sorted(m.name for m in pkgutil.iter_modules(bench.__path__) if m.name.startswith("bench_"))
    chosen = [n for n in names if not wanted or n.removeprefix("bench_") in wanted]
    unknown = wanted - {n.removeprefix("bench_") for n in names}
    if unknown:
        print(f"no such benchmark: {', '.join(sorted(unknown))}; there are: "
              f"{', '.join(n.removeprefix('bench_') for n in names)}")
        sys.exit(2)
    problems: list[str] = []
    failed: list[tuple[str, str]] = []
    began = time.perf_counter()
    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="brbench-rows-") as folder:
        rows_file = Path(folder) / "rows.jsonl"
        for name in chosen:
            print(f"\n=== {name.removeprefix('bench_')} (budget {budget(name)} s) ===", flush=True)
            started = time.perf_counter()
            problem = run_module(name, rows_file)
            print(f"({name} took {time.perf_counter() - started:.1f} s)", flush=True)
            if problem:
                problems.append(f"{name}: {problem}")
                failed.append((name, problem))
                print(f"!!! {name}: {problem}", flush=True)
        rows = read_rows(rows_file)
    # A module that failed or overran has rows missing from the table: it gets a row of its
    # own that says so, so the table never looks whole when it is not.
    rows += [Row(f"{name.removeprefix('bench_')}: any row it had not recorded", problem, "", None,
                 "every row measured", False) for name, problem in failed]
    print(f"\n=== summary: {len(rows)} rows, {time.perf_counter() - began:.0f} s in all; load average "
          f"{load_before[0]:.1f} at the start, {os.getloadavg()[0]:.1f} at the end, {os.cpu_count()} CPUs ===")
    print(table(rows))
    for problem in problems:
        print(f"!!! {problem}")
    if problems:
        sys.exit(1)


if __name__ == "__main__":
    main()
