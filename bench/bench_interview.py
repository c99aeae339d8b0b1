"""The interview's length: web pages and terminal prompts (the warning-sign groups of a page
are one prompt, as they are one answer) to a result, median and worst, for the self-care,
routine, urgent and emergency vignettes of dev.jsonl and holdout.jsonl, on the questions path
and the own-words path (the simulated person of `evaluate --mode questions|dialogue`,
docs/spec/vignettes.md). Before the interview engine
(issue 13) a healthy person answered 56 questions on the web question path (57 in the
terminal) and 39 more after their own words.

Targets (issue 13), for a self-care person: web <= 8 pages on the questions path and <= 5
after own words; terminal <= 20 prompts and <= 10 after own words; an emergency ends at the
first screen that shows it; zero under-triage on both paths.
"""

from __future__ import annotations

import json
import statistics
from datetime import date
from pathlib import Path

from backrelief.evaluate import verdict
from backrelief.interview.simulate import late_screens, simulate
from bench.rows import record

BUDGET_SECONDS = 300
ROOT = Path(__file__).resolve().parents[1]
LEVELS = ("self_care", "routine", "urgent", "emergency")
BEFORE = {"questions": "56 answers (web), 57 (terminal)", "dialogue": "39 answers after own words"}
TARGETS = {("questions", "pages"): 8, ("dialogue", "pages"): 5, ("questions", "prompts"): 20,
           ("dialogue", "prompts"): 10}


def main() -> None:
    cases = []
    for name in ("dev.jsonl", "holdout.jsonl"):
        cases += [json.loads(line) for line in (ROOT / "data" / "vignettes" / name).read_text().splitlines() if line]
    today = date(2026, 12, 2)
    for path in ("questions", "dialogue"):
        runs = [(v, simulate(v["input"], v.get("narrative", ""), path, today)) for v in cases]
        under = [v["id"] for v, r in runs
                 if "under" in (verdict(r.disposition, v["acceptable"]), verdict(r.terminal_disposition, v["acceptable"]))]
        print(f"\n{path} path ({len(runs)} vignettes; before the engine: {BEFORE[path]})")
        print(f"  {'expected':10} {'n':>3}  {'web pages med/worst':>20}  {'prompts med/worst':>18}  {'answers med/worst':>18}")
        for level in LEVELS:
            chosen = [r for v, r in runs if v["expected"] == level]
            if not chosen:
                continue

            def fig(values: list[int]) -> str:
                return f"{statistics.median(values):g} / {max(values)}"

            pages = [r.pages for r in chosen]
            prompts = [r.prompts for r in chosen]
            answers = [r.answers for r in chosen]
            print(f"  {level:10} {len(chosen):>3}  {fig(pages):>20}  {fig(prompts):>18}  {fig(answers):>18}")
            if level == "self_care":
                for kind, values in (("pages", pages), ("prompts", prompts)):
                    limit = TARGETS[path, kind]
                    median_met = "met" if statistics.median(values) <= limit else "not met"
                    record(f"interview {path}: self-care {'web pages' if kind == 'pages' else 'terminal prompts'}",
                           f"median {statistics.median(values):g}, worst {max(values)}", f"<= {limit}",
                           max(values) <= limit, floor=BEFORE[path],
                           note="" if max(values) <= limit else f"median {median_met}")
        record(f"interview {path}: under-triage", f"{len(under)} {' '.join(under)}".strip(), "0", not under)
        # An emergency ends at the first screen that shows it: no page or prompt after the
        # answers already make an emergency, and the page that shows it ends there even
        # when the person ticks only the sign they have and leaves the rest blank.
        checks = [(v["id"], late_screens(v["input"], v.get("narrative", ""), path, today)) for v in cases]
        late = [vid for vid, (pages, prompts, half) in checks if pages or prompts or half is False]
        shown = sum(1 for _, (_, _, half) in checks if half is not None)
        half_ok = sum(1 for _, (_, _, half) in checks if half)
        record(f"interview {path}: emergencies ending after the first screen showing one",
               f"{len(late)} {' '.join(late)}".strip(), "0", not late,
               note=f"{shown} shown on a web page, {half_ok} of them also end there with only their signs filled in")


if __name__ == "__main__":
    main()
