"""Plan: the reading grade (Flesch-Kincaid, textstat) of every piece of advice text a plan
can show, and how long a plan takes to build.

Targets (issue 4): median grade 7 or lower, none above 9. The build time is reported as
measured. The triage's own texts (dispositions.yaml) are listed apart: the plan repeats
them word for word and the triage owns them.
"""

from __future__ import annotations

import statistics
import time
from datetime import date
from typing import Any

from backrelief.assessment import parse_assessment
from backrelief.plan import load_plan_knowledge, make_plan
from backrelief.plan.grade import reading_grade
from backrelief.triage import triage

TODAY = date(2026, 11, 26)
TRIAGE_IDS = {"emergency", "urgent", "routine", "self_care", "emergency-help", "warning-signs"}
PEOPLE: dict[str, dict[str, Any]] = {
    "simple spasm": {"age": 34, "sex": "male", "duration_days": 2, "trigger": "lifting", "findings": [],
                     "history": []},
    "one-sided sciatica": {"age": 45, "sex": "female", "pregnant": False, "radiation": "below_knee",
                           "leg_sides": "one", "duration_days": 5, "findings": [], "history": []},
    "ulcer and kidney": {"age": 58, "sex": "male", "duration_days": 3, "findings": [],
                         "history": ["stomach_ulcer_or_bleeding", "kidney_disease"]},
    "pregnant": {"age": 31, "sex": "female", "pregnant": True, "duration_days": 4, "findings": [], "history": []},
    "80, osteoporosis": {"age": 80, "sex": "female", "duration_days": 3, "findings": [],
                         "history": ["osteoporosis"]},
    "history not asked": {"sex": "other", "trigger": "fall", "radiation": "thigh", "leg_sides": "one"},
    "emergency": {"age": 50, "findings": ["saddle_numbness"], "history": []},
}


def _texts() -> tuple[dict[str, float], dict[str, float]]:
    pk = load_plan_knowledge()
    ours: dict[str, float] = {}
    theirs: dict[str, float] = {}
    for data in PEOPLE.values():
        a = parse_assessment(data, require_age=False)
        plan = make_plan(a, triage(a), TODAY)
        triage_texts = {x.text for x in plan.advice() if x.id in TRIAGE_IDS}
        for text in plan.texts():
            (theirs if text in triage_texts else ours).setdefault(text, reading_grade(text))
    for extra in (pk.readiness.clear.text, pk.readiness.see_doctor.text, pk.prevention.after_doctor.text,
                  *(t.text for t in pk.imaging.personal)):
        ours.setdefault(extra, reading_grade(extra))
    return ours, theirs


def _build_time(rounds: int = 300) -> tuple[float, float]:
    people = [parse_assessment(d, require_age=False) for d in PEOPLE.values()]
    triaged = [(a, triage(a)) for a in people]
    best_plan = best_both = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        for _ in range(rounds):
            for a, t in triaged:
                make_plan(a, t, TODAY)
        best_plan = min(best_plan, (time.perf_counter() - started) / (rounds * len(triaged)))
        started = time.perf_counter()
        for _ in range(rounds):
            for a in people:
                make_plan(a, triage(a), TODAY)
        best_both = min(best_both, (time.perf_counter() - started) / (rounds * len(people)))
    return best_plan, best_both


def main() -> None:
    ours, theirs = _texts()
    for text, grade in sorted(ours.items(), key=lambda item: -item[1]):
        print(f"{grade:5.1f}  {text}")
    grades = list(ours.values())
    median, worst = statistics.median(grades), max(grades)
    over = sum(g > 9 for g in grades)
    print(f"\nplan advice texts: {len(grades)}; reading grade median {median:.1f} (target <= 7), "
          f"max {worst:.1f} (target <= 9); above 9: {over}")
    for text, grade in theirs.items():
        print(f"triage text (owned by dispositions.yaml), grade {grade:.1f}: {text[:70]}...")
    per_plan, per_both = _build_time()
    print(f"make_plan: {per_plan * 1e6:.0f} us per plan; triage + make_plan: {per_both * 1e6:.0f} us "
          f"(best of 3, {len(PEOPLE)} people)")


if __name__ == "__main__":
    main()
