"""Every piece of advice the plan shows reads at Flesch-Kincaid grade 9 or below."""

from __future__ import annotations

import statistics
from collections.abc import Iterator

from backrelief.plan import load_plan_knowledge
from backrelief.plan.grade import reading_grade
from tests.plan.conftest import PEOPLE, plan_of

# The triage's own texts (dispositions.yaml: the action, emergency help and warning signs)
# are written and checked by the triage; the plan repeats them word for word.
TRIAGE_IDS = {"emergency", "urgent", "routine", "self_care", "emergency-help", "warning-signs"}


def plan_texts() -> Iterator[str]:
    """Every text of every knowledge file of the plan, and of the named people's plans."""
    pk = load_plan_knowledge()
    seen: set[str] = set()
    people = [*PEOPLE.values(), {"sex": "male", "findings": []}, {"age": 30, "sex": "female", "trigger": "fall"}]
    for person in people:
        plan = plan_of(person)
        skip = {a.text for a in plan.advice() if a.id in TRIAGE_IDS}
        for text in plan.texts():
            if text not in skip and text not in seen:
                seen.add(text)
                yield text
    for question in pk.readiness.questions:
        if question.text not in seen:
            seen.add(question.text)
            yield question.text
    for text in (pk.readiness.clear.text, pk.readiness.see_doctor.text, pk.prevention.after_doctor.text,
                 *(t.text for t in pk.imaging.personal), *(m.text for m in pk.medicines.discuss_with_doctor)):
        if text not in seen:
            seen.add(text)
            yield text


def test_every_advice_text_is_grade_nine_or_below() -> None:
    too_hard = {text: round(reading_grade(text), 1) for text in plan_texts() if reading_grade(text) > 9}
    assert too_hard == {}


def test_the_median_advice_text_is_grade_seven_or_below() -> None:
    grades = [reading_grade(text) for text in plan_texts()]
    assert len(grades) > 150
    assert statistics.median(grades) <= 7
