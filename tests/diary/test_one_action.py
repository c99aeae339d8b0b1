"""One notion of "clearly better" for the diary page, the terminal, the clinic dashboard and
the report; and with an emergency (or urgent) prompt showing, nothing lesser competes."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from backrelief.clinic.dashboard import need_of
from backrelief.diary.insights import Prompt, one_action, pain_trend, recheck_prompts
from backrelief.diary.kept import KeptWhoToSee
from backrelief.diary.models import EntryCreate, EntryPublic, EpisodePublic
from backrelief.render.report import _DIRECTION

EPISODE = EpisodePublic(id=1, started_on=date(2026, 11, 27), onset="sudden", trigger="lifting")
REVIEW = KeptWhoToSee.model_validate({"review_date": "2026-12-02", "review": {
    "text": "Not clearly better by Wednesday 2 December 2026? Then see a GP, a physio or a pharmacist.",
    "sources": ["NHS-backpain"]}})


def _days(pains: list[int], first: int = 28, month: int = 11) -> list[EntryCreate]:
    out = []
    for i, pain in enumerate(pains):
        day = date(2026, month, 1).toordinal() + first - 1 + i
        out.append(EntryCreate(at=datetime.combine(date.fromordinal(day), datetime.min.time()).replace(hour=9),
                               pain_now=pain))
    return out


@pytest.mark.parametrize("pains", [[7, 6, 5, 4, 3, 3], [8, 8, 7, 5, 4, 4], [6, 6, 6, 3, 3, 3]])
def test_pain_falling_faster_than_the_usual_course_is_clearly_better_on_every_surface(pains: list[int]) -> None:
    entries = _days(pains)
    today = date(2026, 12, 3)
    trend = pain_trend(entries, EPISODE.started_on, today)
    assert trend.verdict == "better" and trend.clearly_better
    assert "improving faster" in _DIRECTION[trend.verdict]  # what the report says
    assert [p.kind for p in recheck_prompts(entries, EPISODE, today, review=REVIEW)] == []


@pytest.mark.parametrize("pains", [[6, 6, 6, 6, 6, 6], [5, 5, 5, 6, 6, 6], [7, 6, 7, 6, 6, 7]])
def test_pain_that_has_not_fallen_is_not_clearly_better_after_the_review_day(pains: list[int]) -> None:
    entries = _days(pains)
    trend = pain_trend(entries, EPISODE.started_on, date(2026, 12, 3))
    assert not trend.clearly_better and trend.verdict != "better"
    [prompt] = recheck_prompts(entries, EPISODE, date(2026, 12, 3), review=REVIEW)
    assert prompt.kind == "review_due" and "not clearly better" in prompt.message


def test_too_few_days_are_never_clearly_better() -> None:
    assert not pain_trend(_days([6]), EPISODE.started_on, date(2026, 12, 3)).clearly_better


def test_the_dashboard_uses_the_same_notion_at_four_weeks() -> None:
    # Faster than the course but not halved, four weeks in: better everywhere, so no visit is flagged.
    entries = [EntryPublic(id=i + 1, **e.model_dump())
               for i, e in enumerate(_days([8, 8, 8] + [4] * 26, first=1))]
    episode = EpisodePublic(id=1, started_on=date(2026, 11, 1))
    today = date(2026, 11, 29)
    trend = pain_trend(entries, episode.started_on, today)
    assert trend.clearly_better
    assert not need_of(entries, episode, [], today).not_better
    assert [p.kind for p in recheck_prompts(entries, episode, today)] == []


def _prompt(kind: str, level: str) -> Prompt:
    return Prompt(kind=kind, level=level, message=kind, sources=("NHS-backpain",))


@pytest.mark.parametrize(("levels", "shown"), [
    (["emergency", "routine", "routine"], ["emergency"]),
    (["routine", "urgent", "routine"], ["urgent"]),
    (["urgent", "emergency"], ["emergency"]),
    (["routine", "routine"], ["routine", "routine"]),
])
def test_with_an_emergency_or_urgent_prompt_only_prompts_at_that_level_are_shown(
        levels: list[str], shown: list[str]) -> None:
    prompts = [_prompt(f"k{i}", level) for i, level in enumerate(levels)]
    assert [p.level for p in one_action(prompts)] == shown


def test_an_emergency_sign_in_the_diary_hides_the_review_day_prompt_but_the_signals_keep_it() -> None:
    entries = _days([6, 6, 6, 6, 6, 6])
    entries[-1] = entries[-1].model_copy(update={"new_findings": ["saddle_numbness"]})
    prompts = recheck_prompts(entries, EPISODE, date(2026, 12, 3), review=REVIEW)
    assert {p.kind for p in prompts} == {"new_warning_sign", "review_due"}
    assert [(p.kind, p.level) for p in one_action(prompts)] == [("new_warning_sign", "emergency")]
