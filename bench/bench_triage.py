"""Triage speed: in process next to pydantic validation alone, the CLI's wall time next to
`python -c pass`, and a 10,000-line batch.

Targets (issue 3): triage/validation throughput ratio >= 0.5; `assess --input one.json --json`
under 0.5 s; the batch is reported as measured.
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from backrelief.assessment import FINDINGS, HISTORY, TRIGGERS, Assessment, parse_assessment
from backrelief.triage import triage


def _inputs(n: int, seed: int = 7) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        out.append({
            "age": rng.randint(16, 95),
            "severity": rng.randint(0, 10),
            "duration_days": rng.randint(0, 200),
            "trigger": rng.choice(TRIGGERS),
            "radiation": rng.choice(["none", "buttock", "thigh"]),
            "findings": rng.sample(FINDINGS, rng.randint(0, 2)),
            "history": rng.sample(HISTORY, rng.randint(0, 2)),
        })
    return out


def _rate(fn: Any, items: list[Any], seconds: float = 0.5) -> float:
    done, started = 0, time.perf_counter()
    while time.perf_counter() - started < seconds:
        for item in items:
            fn(item)
        done += len(items)
    return done / (time.perf_counter() - started)


def _best_rates(fns: dict[str, Any], items: dict[str, list[Any]], rounds: int = 6) -> dict[str, float]:
    """Best of several short runs, taken in turns, so that a busy moment of the machine
    slows every contender alike rather than one of them."""
    best = dict.fromkeys(fns, 0.0)
    for _ in range(rounds):
        for name, fn in fns.items():
            best[name] = max(best[name], _rate(fn, items[name]))
    return best


def _wall(cmd: list[str], repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True)
        times.append(time.perf_counter() - started)
    return sorted(times)[len(times) // 2]


def main() -> None:
    raw = _inputs(500)
    validated: list[Assessment] = [parse_assessment(r) for r in raw]
    rates = _best_rates(
        {"validation": Assessment.model_validate, "triage": triage, "both": lambda r: triage(parse_assessment(r))},
        {"validation": raw, "triage": validated, "both": raw},
    )
    validation, triage_only, both = rates["validation"], rates["triage"], rates["both"]
    print(f"pydantic validation alone: {validation:,.0f} assessments/s (one core)")
    print(f"triage alone:              {triage_only:,.0f} assessments/s")
    print(f"validate + triage:         {both:,.0f} assessments/s")
    print(f"ratio triage/validation:   {triage_only / validation:.2f} (target >= 0.5)")

    with tempfile.TemporaryDirectory() as folder:
        one = Path(folder) / "one.json"
        one.write_text(json.dumps(raw[0]))
        cli = _wall([sys.executable, "-m", "backrelief", "assess", "--input", str(one), "--json"])
        bare = _wall([sys.executable, "-c", "pass"])
        print(f"backrelief assess --input one.json --json: {cli:.3f} s wall (median of 5; target < 0.5 s)")
        print(f"python -c pass:                            {bare:.3f} s wall")
        many = Path(folder) / "many.jsonl"
        many.write_text("\n".join(json.dumps(r) for r in _inputs(10_000, seed=11)) + "\n")
        batch = _wall([sys.executable, "-m", "backrelief", "assess", "--input", str(many), "--json"], repeat=1)
        print(f"10,000-line batch:                         {batch:.2f} s wall")


if __name__ == "__main__":
    main()
