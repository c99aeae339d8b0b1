"""The named people of issue 4, as assessments, and a way to build their plans."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest

from backrelief.assessment import parse_assessment
from backrelief.plan import Plan, make_plan
from backrelief.triage import triage

TODAY = date(2026, 11, 26)

# The plan's own answers (medicines taken now, weight, skin, activity, country), all
# "no" / safe, so that each person's plan shows what their own story changes.
PLAN_ANSWERS: dict[str, Any] = {
    "current_medicines": [], "weight_under_50kg": False, "numb_skin_or_poor_circulation": False,
    "regularly_active": True, "country": "uk", "breastfeeding": False,
}

PEOPLE: dict[str, dict[str, Any]] = {
    "simple_spasm": {
        "age": 34, "sex": "male", "region": "lower", "radiation": "none", "severity": 6, "worst_severity": 7,
        "duration_days": 2, "onset": "sudden", "trigger": "lifting", "episodes_last_year": 0,
        "eases": ["heat", "movement"], "worsens": ["bending", "sitting"], "findings": [], "history": [],
    },
    "one_sided_sciatica": {
        "age": 45, "sex": "female", "pregnant": False, "region": "lower", "radiation": "below_knee",
        "leg_sides": "one", "severity": 6, "worst_severity": 8, "duration_days": 5, "onset": "sudden",
        "trigger": "bending", "worsens": ["sitting"], "findings": [], "history": [],
    },
    "ulcer_and_kidney": {
        "age": 58, "sex": "male", "region": "lower", "radiation": "none", "severity": 5, "duration_days": 3,
        "onset": "sudden", "trigger": "twisting", "worsens": ["bending"], "findings": [],
        "history": ["stomach_ulcer_or_bleeding", "kidney_disease"],
    },
    "pregnant": {
        "age": 31, "sex": "female", "pregnant": True, "region": "lower", "radiation": "none", "severity": 5,
        "duration_days": 4, "onset": "gradual", "trigger": "none", "worsens": ["standing"], "findings": [],
        "history": [],
    },
    "age_80_osteoporosis": {
        "age": 80, "sex": "female", "region": "lower", "radiation": "none", "severity": 6, "duration_days": 3,
        "onset": "sudden", "trigger": "bending", "worsens": ["walking"], "findings": [],
        "history": ["osteoporosis"],
    },
    "emergency": {
        "age": 50, "sex": "male", "region": "lower", "radiation": "thigh", "leg_sides": "both",
        "findings": ["saddle_numbness", "new_bladder_problem"], "history": [],
    },
}

PlanFor = Callable[[str], Plan]


def plan_of(data: dict[str, Any], today: date = TODAY, readiness: dict[str, bool] | None = None,
            level: int = 1) -> Plan:
    a = parse_assessment(data, require_age=False)
    return make_plan(a, triage(a), today, readiness=readiness, level=level)


@pytest.fixture
def plan_for() -> PlanFor:
    def build(name: str) -> Plan:
        return plan_of({**PLAN_ANSWERS, **PEOPLE[name]})

    return build
