"""`triage_of(**answers)`: triage a structured assessment given as keyword arguments."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from backrelief.assessment import parse_assessment
from backrelief.triage import Triage, triage

TriageOf = Callable[..., Triage]


@pytest.fixture
def triage_of() -> TriageOf:
    def run(**answers: Any) -> Triage:
        answers.setdefault("age", 40)
        answers.setdefault("findings", [])
        answers.setdefault("history", [])
        return triage(parse_assessment(answers))

    return run


def rules(t: Triage) -> set[str]:
    return {r.rule for r in t.reasons}
