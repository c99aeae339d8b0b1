"""Whom to see and when, past the first review: a second look 4 weeks from the start when
still not clearly better (NHS, NICE NG59: 4 to 6 weeks, the earlier end), with the scan
advice that will apply from 6 weeks for this person, in the plan's text, its print, its
terminal text and its calendar; none when the person is seen today or the first review is
already that late. The result page says the level's own review words."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from rich.console import Console

from backrelief.diary import insights
from backrelief.knowledge import load_knowledge
from backrelief.plan import load_plan_knowledge
from backrelief.plan.relief import long_date
from backrelief.render.plan_html import plan_fragment_html
from backrelief.render.plan_text import print_plan
from tests.plan.conftest import PEOPLE, PLAN_ANSWERS, TODAY, plan_of

SPASM: dict[str, Any] = {**PLAN_ANSWERS, **PEOPLE["simple_spasm"]}


def test_the_second_look_is_the_day_the_not_settling_rule_and_the_diary_use() -> None:
    review = load_plan_knowledge().prevention.review
    [rule] = [r for r in load_knowledge().rules if r.id == "not-settling"]
    [after] = [i for i in load_plan_knowledge().imaging.personal if i.id == "after-six-weeks"]
    assert review.again_days_from_start == rule.when.duration_days_at_least == insights.RECHECK_DAYS
    assert after.when is not None
    assert review.scan_days_from_start == after.when.duration_days_at_least == insights.SCAN_DAYS


@pytest.mark.parametrize("story", [{}, {"age": 60}, {"duration_days": 10}, {"duration_days": None},
                                   {"radiation": "below_knee", "leg_sides": "one"}])
def test_at_home_or_with_a_visit_booked_the_plan_looks_again_at_four_weeks(story: dict[str, Any]) -> None:
    plan = plan_of({**SPASM, **story})
    w = plan.who_to_see
    assert w.level in ("self_care", "routine")
    began = TODAY - timedelta(days=plan_days(story))
    assert w.again_date == began + timedelta(days=28)
    assert w.again_date > w.review_date
    assert w.again is not None and long_date(w.again_date) in w.again.text
    assert w.scan_then is not None
    assert long_date(began + timedelta(days=42)) in w.scan_then.text
    known = load_knowledge().sources
    for advice in (w.again, w.scan_then):
        assert advice.sources and all(s in known for s in advice.sources)


def plan_days(story: dict[str, Any]) -> int:
    days = story.get("duration_days", SPASM["duration_days"])
    return 0 if days is None else int(days)


def test_the_scan_advice_then_is_what_the_imaging_rules_give_for_this_person_at_six_weeks() -> None:
    plain = plan_of(SPASM).who_to_see.scan_then
    assert plain is not None and "may think about an MRI" in plain.text and "ACR-LBP-2021" in plain.sources
    assert "do not need an X-ray" not in plain.text
    # Past cancer is a warning sign: then the scan is the doctor's call, never "you do not need one".
    sign = plan_of({**SPASM, "history": ["cancer"]}).who_to_see
    assert sign.scan_then is not None and "The doctor who sees you will decide" in sign.scan_then.text
    unasked = plan_of({"age": 40, "duration_days": 3}).who_to_see.scan_then
    assert unasked is not None and "Some warning-sign questions were not answered" in unasked.text


@pytest.mark.parametrize("name", ["age_80_osteoporosis", "emergency"])
def test_seen_today_there_is_no_later_look(name: str) -> None:
    w = plan_of({**PLAN_ANSWERS, **PEOPLE[name]}).who_to_see
    assert w.level in ("urgent", "emergency")
    assert (w.again_date, w.again, w.scan_then) == (None, None, None)


def test_when_the_first_review_is_already_past_four_weeks_it_is_the_only_one() -> None:
    w = plan_of({**SPASM, "duration_days": 30}).who_to_see
    assert w.level == "routine"
    assert (w.again_date, w.again) == (None, None)


def test_the_plan_page_the_print_the_terminal_and_the_calendar_all_say_it() -> None:
    plan = plan_of(SPASM)
    w = plan.who_to_see
    assert w.again is not None and w.scan_then is not None and w.again_date is not None
    html = plan_fragment_html(plan)
    assert w.again.text in html and w.scan_then.text in html
    console = Console(record=True, width=100)
    print_plan(plan, console)
    text = " ".join(console.export_text().split())
    assert " ".join(w.again.text.split()) in text
    [event] = [c for c in plan.calendar if c.id == "review-again"]
    assert event.start == w.again_date and event.count == 1
    assert w.again.text in event.description and w.scan_then.text in event.description
    assert [c.start for c in plan.calendar if c.id.startswith("review")] == [w.review_date, w.again_date]
