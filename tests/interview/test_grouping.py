"""Grouping the warning signs loses no sensitivity (hazard HAZ-054): every yes / no question
is in a group, each group screen lists every sign it stands for in the sign's own words, and
a person with any one sign alone ends at the same level through the grouped interview as
when that sign is given straight to triage."""

from __future__ import annotations

import pytest

from backrelief.assessment import parse_assessment
from backrelief.interview import InterviewState, layout
from backrelief.interview.driver import run_prompts
from backrelief.interview.simulate import Person, pages
from backrelief.interview.state import from_reading
from backrelief.knowledge import load_knowledge
from backrelief.triage import triage

K = load_knowledge()
BASE = {"age": 40, "sex": "female", "pregnant": False, "region": "lower", "radiation": "none", "trigger": "lifting",
        "onset": "gradual", "duration_days": 2, "severity": 4, "worsens": [], "eases": [], "episodes_last_year": 0}
ITEMS = [(g.id, q) for g in layout(K).groups for q in g.questions if q.asks in ("finding", "history")]


def test_every_yes_no_question_of_the_screen_is_in_exactly_one_group() -> None:
    placed = [q.id for g in layout(K).groups for q in g.questions]
    wanted = [q.id for q in K.screen if q.asks in ("finding", "history")]
    assert sorted(set(placed) & set(wanted)) == sorted(wanted)
    assert len(placed) == len(set(placed))


@pytest.mark.parametrize(("group", "question"), ITEMS, ids=[q.id for _, q in ITEMS])
def test_a_sign_alone_is_caught_through_its_group(group: str, question: object) -> None:
    q = question
    key = "findings" if q.asks == "finding" else "history"  # type: ignore[attr-defined]
    person = {**BASE, "findings": [], "history": [], key: [q.id]}  # type: ignore[attr-defined]
    state = InterviewState()
    level, _ = pages(state, Person(person), K)
    alone = triage(parse_assessment(person), K).disposition
    assert level == alone, (q.id, level, alone)  # type: ignore[attr-defined]


@pytest.mark.parametrize(("group", "question"), ITEMS, ids=[q.id for _, q in ITEMS])
def test_a_sign_alone_is_caught_through_its_group_in_the_terminal(group: str, question: object) -> None:
    # The terminal asks a web page's groups as one prompt: the sign must still be caught.
    q = question
    key = "findings" if q.asks == "finding" else "history"  # type: ignore[attr-defined]
    person = {**BASE, "findings": [], "history": [], key: [q.id]}  # type: ignore[attr-defined]
    now, _ = run_prompts(InterviewState(), Person(person), K)
    alone = triage(parse_assessment(person), K).disposition
    assert now.triage.disposition == alone, (q.id, now.triage.disposition, alone)  # type: ignore[attr-defined]


def test_a_denial_the_reader_found_is_not_an_answer_until_confirmed() -> None:
    from backrelief.reading import read

    reading = read("I am 40. I hurt my lower back lifting a box two days ago. No numbness anywhere.",
                   __import__("datetime").date(2026, 12, 2))
    state = from_reading(reading, set(layout(K).by_id))
    assert state.proposed("saddle_numbness") == "no"
    # Proposed, not answered: the assessment leaves it unknown, so it is still asked.
    assert state.assessment().finding_status("saddle_numbness") == "unknown"
    state.record_answer("finding", "saddle_numbness", "no")
    assert state.assessment().finding_status("saddle_numbness") == "no"
