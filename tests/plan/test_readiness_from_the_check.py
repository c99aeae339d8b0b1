"""The readiness check before the exercises takes what the check already answered and asks
only the rest (plan.programme.readiness_to_ask), for the terminal and the web alike: a man is
never asked whether he is pregnant, the heart question is not asked again after three "no"
answers that cover it, the activity answer is never asked again the other way round. A "no"
comes from the check only where the check's questions cover the whole question; unknown is
never "no"."""

from __future__ import annotations

from typing import Any

import pytest

from backrelief.assessment import parse_assessment
from backrelief.plan import load_plan_knowledge, readiness_to_ask
from backrelief.plan.programme import readiness
from tests.plan.conftest import PEOPLE, PLAN_ANSWERS

PK = load_plan_knowledge()
SPASM = {**PLAN_ANSWERS, **PEOPLE["simple_spasm"]}
HEART = ("heart_failure", "heart_disease_or_stroke", "high_blood_pressure")


def _asked(**changes: Any) -> dict[str, str]:
    """Question id -> the words it is asked in, for the spasm person with these changes."""
    return {q.id: q.text for q in readiness_to_ask(parse_assessment({**SPASM, **changes}), PK)}


def _answer(question: str, **changes: Any) -> tuple[str | None, bool]:
    check = readiness(parse_assessment({**SPASM, **changes}), PK, None)
    q = next(q for q in check.questions if q.id == question)
    return q.answer, q.from_assessment


@pytest.mark.parametrize("who", [{"sex": "male"}, {"sex": "female", "age": 64}])
def test_someone_who_cannot_be_pregnant_is_never_asked_about_pregnancy(who: dict[str, Any]) -> None:
    assert "pregnant" not in _asked(**who)
    assert _answer("pregnant", **who) == ("no", True)


def test_a_woman_who_said_she_is_not_pregnant_is_asked_only_about_a_recent_baby() -> None:
    asked = _asked(sex="female", age=31, pregnant=False)
    assert asked["pregnant"] == "Have you had a baby in the past few months?"
    assert _answer("pregnant", sex="female", age=31, pregnant=False) == (None, False)


def test_a_woman_not_asked_about_pregnancy_gets_the_whole_question() -> None:
    asked = _asked(sex="female", age=31)
    assert asked["pregnant"] == "Are you pregnant, or have you had a baby in the past few months?"


def test_a_pregnancy_told_in_the_check_is_a_yes_and_not_asked_again() -> None:
    assert "pregnant" not in _asked(sex="female", age=31, pregnant=True)
    assert _answer("pregnant", sex="female", age=31, pregnant=True) == ("yes", True)


def test_the_heart_question_is_not_asked_again_after_no_to_the_three_it_covers() -> None:
    assert "heart" not in _asked(history_absent=list(HEART))
    assert _answer("heart", history_absent=list(HEART)) == ("no", True)


@pytest.mark.parametrize("unknown", HEART)
def test_the_heart_question_is_asked_while_one_of_the_three_is_unknown(unknown: str) -> None:
    absent = [h for h in HEART if h != unknown]
    assert "heart" in _asked(history_absent=absent)


def test_a_heart_problem_told_in_the_check_is_a_yes() -> None:
    assert "heart" not in _asked(history=["high_blood_pressure"])
    assert _answer("heart", history=["high_blood_pressure"]) == ("yes", True)


@pytest.mark.parametrize(("active", "answer"), [(True, "no"), (False, "yes"), ("not_sure", "yes")])
def test_the_activity_answer_is_never_asked_again_the_other_way_round(active: object, answer: str) -> None:
    assert "inactive" not in _asked(regularly_active=active)
    assert _answer("inactive", regularly_active=active) == (answer, True)


def test_activity_not_answered_in_the_check_is_asked() -> None:
    data = {k: v for k, v in SPASM.items() if k != "regularly_active"}
    assert "inactive" in {q.id for q in readiness_to_ask(parse_assessment(data), PK)}


@pytest.mark.parametrize(("question", "told"), [
    ("faint", {"findings": ["felt_faint"]}),
    ("long-term", {"history": ["diabetes"]}),
    ("bones", {"history": ["osteoporosis"]}),
    ("chest", {"findings": ["chest_pain"]}),
])
def test_a_yes_told_in_the_check_answers_its_readiness_question(question: str, told: dict[str, Any]) -> None:
    assert question not in _asked(**told)
    assert _answer(question, **told) == ("yes", True)


@pytest.mark.parametrize(("question", "denied"), [
    ("chest", {"findings_absent": ["chest_pain"]}),
    ("faint", {"findings_absent": ["collapsed", "felt_faint"]}),
    ("long-term", {"history_absent": ["kidney_disease", "liver_disease", "cancer", "immunosuppression", "diabetes"]}),
])
def test_a_no_in_the_check_that_covers_only_part_of_the_question_still_asks_it(question: str,
                                                                                  denied: dict[str, Any]) -> None:
    # "No chest pain now" is not "no chest pain when active"; the rest of an illness list is
    # not asked in the check: unknown is never "no".
    assert question in _asked(**denied)


def test_every_question_is_either_asked_or_answered_from_the_check() -> None:
    for person in PEOPLE.values():
        a = parse_assessment({**PLAN_ANSWERS, **person}, require_age=False)
        check = readiness(a, PK, None)
        asked = {q.id for q in readiness_to_ask(a, PK)}
        for q in check.questions:
            assert (q.id in asked) == (q.answer is None), (q.id, q.answer)
            assert (q.id in asked) != q.from_assessment
