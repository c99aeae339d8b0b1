"""One topic to a screen: the plan's own questions (health and medicines for the plan,
activity, country) never share a page with a warning sign, on either path, for any
vignette person; the page counts stay inside issue 13's targets."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from backrelief.interview import layout
from backrelief.interview.engine import Screen
from backrelief.interview.simulate import Person, late_screens, pages, start
from backrelief.knowledge import load_knowledge

K = load_knowledge()
TODAY = date(2026, 12, 2)
ROOT = Path(__file__).resolve().parents[2]
VIGNETTES = [json.loads(line) for name in ("dev.jsonl", "holdout.jsonl")
             for line in (ROOT / "data" / "vignettes" / name).read_text().splitlines() if line]


def _walk(v: dict[str, Any], path: str) -> list[Screen]:
    shown: list[Screen] = []
    pages(start(path, v.get("narrative", ""), TODAY), Person(v["input"]), K, shown)  # type: ignore[arg-type]
    return shown


@pytest.mark.parametrize("path", ["questions", "dialogue"])
def test_no_page_mixes_the_plans_questions_with_warning_signs(path: str) -> None:
    lay = layout(K)
    plan_fields = {q.id for q in lay.field_pages[-1].questions}
    for v in VIGNETTES:
        for screen in _walk(v, path):
            plan = {g.group.id in lay.plan_topic for g in screen.groups}
            assert len(plan) <= 1, (v["id"], screen.id)
            if any(q.id in plan_fields for q in screen.fields):
                assert plan <= {True}, (v["id"], screen.id)
                assert {q.id for q in screen.fields} <= plan_fields, (v["id"], screen.id)


def test_the_plan_page_comes_after_every_warning_sign_and_is_titled_for_the_plan() -> None:
    lay = layout(K)
    spasm = next(v for v in VIGNETTES if v["expected"] == "self_care" and v["input"].get("sex") == "male")
    shown = _walk(spasm, "questions")
    last = shown[-1]
    assert last.title == "For your plan"
    assert {g.group.id for g in last.groups} <= lay.plan_topic
    assert not [s.id for s in shown[:-1] if any(g.group.id in lay.plan_topic for g in s.groups)]


def test_an_emergency_ends_at_the_first_screen_that_shows_it_even_half_filled() -> None:
    shown = 0
    for v in VIGNETTES:
        if v["expected"] != "emergency":
            continue
        late_pages, late_prompts, half = late_screens(v["input"], "", "questions", TODAY, K)
        assert (late_pages, late_prompts) == (0, 0), v["id"]
        assert half is not False, v["id"]
        shown += half is True
    assert shown >= 30


@pytest.mark.parametrize("path", ["questions", "dialogue"])
def test_no_page_of_warning_signs_is_longer_than_the_longest_pair_of_groups(path: str) -> None:
    lay = layout(K)
    for v in VIGNETTES:
        for screen in _walk(v, path):
            if len(screen.groups) > 2:
                assert sum(len(g.items) for g in screen.groups) <= lay.longest_pair, (v["id"], screen.id)


def test_a_pregnant_person_after_own_words_sees_at_most_five_pages() -> None:
    pregnant = [v for v in VIGNETTES if v["expected"] == "self_care" and v["input"].get("pregnant")]
    assert pregnant
    for v in pregnant:
        assert len(_walk(v, "dialogue")) <= 5, v["id"]


def test_the_emergency_signs_come_right_after_about_you_on_both_ways_in() -> None:
    # Decided by safety: the signs that are an emergency on their own are the first
    # warning signs asked, right after what their rules need (about you), before the pain's
    # details; after own words, right after the page of what was understood.
    for v in VIGNETTES:
        for path, before in (("questions", "about-you"), ("dialogue", "details")):
            shown = _walk(v, path)
            signs = [n for n, s in enumerate(shown) if s.groups]
            if not signs or shown[0].id != before:
                continue  # an emergency from the words alone, or no page before the signs
            first = shown[signs[0]]
            assert signs[0] == 1, (v["id"], path, [s.id for s in shown])
            assert {"nerves", "heart-and-vessels"} <= {g.group.id for g in first.groups}, (v["id"], path, first.id)


ALONE = ["saddle_numbness", "new_bladder_problem", "new_bowel_incontinence", "new_sexual_dysfunction",
         "chest_pain", "shortness_of_breath", "tearing_pain", "pulsating_abdomen", "collapsed"]
SPASM = {"age": 40, "sex": "male", "region": "lower", "radiation": "none", "trigger": "lifting", "onset": "sudden",
         "duration_days": 2, "severity": 4, "worst_severity": 4, "findings": [], "history": []}


@pytest.mark.parametrize("sign", ALONE)
def test_a_sign_that_is_an_emergency_on_its_own_ends_at_the_second_page(sign: str) -> None:
    from backrelief.interview.driver import run_prompts
    from backrelief.interview.state import InterviewState

    person = {**SPASM, "findings": [sign]}
    shown: list[Screen] = []
    level, count = pages(start("questions", "", TODAY), Person(person), K, shown)
    assert (level, count) == ("emergency", 2), [s.id for s in shown]
    now, tally = run_prompts(InterviewState(), Person(person), K)
    assert now.triage.disposition == "emergency"
    assert tally.prompts == 3  # age, sex, the first warning signs
