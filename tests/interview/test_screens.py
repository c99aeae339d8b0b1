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
