"""Triage speed: in process next to pydantic's `model_validate_json` of the same input, on
several input shapes; the CLI's wall time next to `python -c "import typer, rich, pydantic"`;
and a 10,000-line batch.

Targets (issue 18): triage >= 1.0 of `model_validate_json` on every input shape (two "not
sure" findings among them); `assess --input one.json --json` <= 2x the import floor.
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
from bench.load import command_env, compare_commands
from bench.rows import record

BUDGET_SECONDS = 180
FLOOR_IMPORTS = "import typer, rich, pydantic"
BASE: dict[str, Any] = {"age": 41, "sex": "male", "region": "lower", "radiation": "buttock", "severity": 6,
                        "duration_days": 2, "onset": "sudden", "trigger": "lifting"}


def shapes() -> dict[str, dict[str, Any]]:
    """The input shapes a triage meets: nothing asked, a plain checklist, the whole screen
    answered, two "not sure" findings, a red flag present."""
    unsure = list(FINDINGS[:2])  # the first two red flags of the screen
    return {
        "nothing asked": dict(BASE),
        "plain checklist, all no": {**BASE, "findings": [], "history": []},
        "every question answered no": {**BASE, "findings_absent": list(FINDINGS), "history_absent": list(HISTORY)},
        "two not sure": {**BASE, "findings_unsure": unsure,
                         "findings_absent": [f for f in FINDINGS if f not in unsure], "history_absent": list(HISTORY)},
        "a red flag present": {**BASE, "findings": [FINDINGS[0]], "history": []},
    }


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


def _shapes() -> None:
    worst: tuple[float, str] = (float("inf"), "")
    print(f"{'input shape':30} {'validate_json/s':>16} {'triage/s':>12} {'ratio':>6}")
    for name, data in shapes().items():
        text = json.dumps(data)
        validated = Assessment.model_validate_json(text)
        rates = _best_rates({"validation": Assessment.model_validate_json, "triage": triage},
                            {"validation": [text] * 50, "triage": [validated] * 50}, rounds=4)
        ratio = rates["triage"] / rates["validation"]
        worst = min(worst, (ratio, name))
        print(f"{name:30} {rates['validation']:16,.0f} {rates['triage']:12,.0f} {ratio:6.2f}")
        if name == "two not sure":
            two = (rates["triage"], rates["validation"])
    record('triage with two "not sure" findings vs model_validate_json', f"{two[0]:,.0f}/s",
           ">= 1.0 on every input shape", worst[0] >= 1.0, floor=f"validation {two[1]:,.0f}/s", ratio=two[0] / two[1],
           note=f"lowest of {len(shapes())} shapes: {worst[0]:.2f} ({worst[1]})")


def main() -> None:
    _shapes()
    raw = _inputs(500)
    validated: list[Assessment] = [parse_assessment(r) for r in raw]
    rates = _best_rates(
        {"validation": Assessment.model_validate, "triage": triage, "both": lambda r: triage(parse_assessment(r))},
        {"validation": raw, "triage": validated, "both": raw},
    )
    print(f"500 random assessments: validation alone {rates['validation']:,.0f}/s, triage alone "
          f"{rates['triage']:,.0f}/s, validate + triage {rates['both']:,.0f}/s (one core)")

    with tempfile.TemporaryDirectory() as folder:
        one = Path(folder) / "one.json"
        one.write_text(json.dumps(raw[0]))
        env = command_env(Path(folder) / "bytecode")
        # The validated knowledge kept on disk, as a user has it from the second command on
        # (the warm-up run writes it): knowledge/snapshot.py.
        env["BACKRELIEF_CACHE_DIR"] = str(Path(folder) / "knowledge")
        (cli, cli_cpu), (floor, floor_cpu) = compare_commands(
            [sys.executable, "-m", "backrelief", "assess", "--input", str(one), "--json"],
            [sys.executable, "-c", FLOOR_IMPORTS], env)
        record("backrelief assess --input one.json --json", f"{cli:.2f} s ({cli_cpu:.2f} s CPU)", "<= 2x",
               cli / floor <= 2, floor=f'python -c "{FLOOR_IMPORTS}" {floor:.2f} s ({floor_cpu:.2f} s CPU)',
               ratio=cli / floor,
               note=f"medians of 7 taken in turns, with bytecode and the stored knowledge; CPU ratio {cli_cpu / floor_cpu:.2f}")
        many = Path(folder) / "many.jsonl"
        many.write_text("\n".join(json.dumps(r) for r in _inputs(10_000, seed=11)) + "\n")
        batch = _wall([sys.executable, "-m", "backrelief", "assess", "--input", str(many), "--json"], repeat=1)
        print(f"10,000-line batch:                         {batch:.2f} s wall")


if __name__ == "__main__":
    main()
