"""The plan's scan advice, today's and the one for 6 weeks from the start, counts a
warning-sign question as open exactly when the interview does (triage.settled): a question
the interview left out because no answer could change the result is not "not answered".
Run through the real interview engine (the web's pages), answered by simulated people."""

from __future__ import annotations

from typing import Any

import pytest

from backrelief.assessment import parse_assessment
from backrelief.interview.engine import progress
from backrelief.interview.simulate import Person, pages
from backrelief.interview.state import InterviewState
from backrelief.knowledge import load_knowledge
from backrelief.plan import Plan, make_plan
from backrelief.triage import triage
from tests.plan.conftest import PEOPLE, PLAN_ANSWERS, TODAY

NOT_ANSWERED = "not answered"

# People who say "no" to every warning sign the interview asks: of both sexes, short and
# longer bouts, pain staying in the back or going down one leg.
ALL_NO: dict[str, dict[str, Any]] = {
    "young spasm": PEOPLE["simple_spasm"],
    "one-sided sciatica": PEOPLE["one_sided_sciatica"],
    "mid-forties, a week in": {**PEOPLE["simple_spasm"], "age": 46, "duration_days": 8, "sex": "female", "pregnant": False},
    "first day, slow start": {**PEOPLE["simple_spasm"], "duration_days": 0, "onset": "gradual", "trigger": "none"},
}


def interviewed_plan(data: dict[str, Any]) -> tuple[Plan, bool]:
    """The plan of a person who answered everything the interview asked, and whether
    the interview left a warning-sign question out as unable to change the answer."""
    state = InterviewState()
    pages(state, Person({**PLAN_ANSWERS, **data}), load_knowledge())
    done = progress(state)
    assert done.finished
    return make_plan(done.assessment, done.triage, TODAY), bool(done.triage.red_flags_unasked)


def scan_words(plan: Plan) -> list[str]:
    texts = [i.text for i in plan.imaging]
    if plan.who_to_see.scan_then is not None:
        texts.append(plan.who_to_see.scan_then.text)
    return texts


@pytest.mark.parametrize("who", sorted(ALL_NO))
def test_a_person_who_denied_every_sign_asked_never_reads_that_questions_were_not_answered(who: str) -> None:
    plan, _ = interviewed_plan(ALL_NO[who])
    assert plan.complete and plan.disposition in ("self_care", "routine")
    words = scan_words(plan)
    assert not any(NOT_ANSWERED in w for w in words), words
    assert any("you do not need an X-ray or a scan now" in w for w in words), words
    # The six-week outlook is there and names the later course, not a missing answer.
    assert plan.who_to_see.scan_then is not None and "6 weeks" in plan.who_to_see.scan_then.text


def test_the_interview_does_leave_some_warning_sign_questions_out_for_these_people() -> None:
    # Otherwise the test above would not be about pruned questions at all.
    assert any(interviewed_plan(data)[1] for data in ALL_NO.values())


@pytest.mark.parametrize("who", sorted(ALL_NO))
def test_with_warning_sign_questions_still_open_today_and_at_six_weeks_say_so_alike(who: str) -> None:
    # A batch answer that never answered the warning-sign questions: unknown is never "no".
    data = {k: v for k, v in {**PLAN_ANSWERS, **ALL_NO[who]}.items() if k not in ("findings", "history")}
    a = parse_assessment(data, require_age=False)
    t = triage(a)
    assert not t.complete
    plan = make_plan(a, t, TODAY)
    assert plan.who_to_see.scan_then is not None
    assert NOT_ANSWERED in plan.who_to_see.scan_then.text
    assert any(NOT_ANSWERED in i.text for i in plan.imaging)
    assert not any("do not need an X-ray" in w for w in scan_words(plan))
