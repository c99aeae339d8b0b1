"""The clinician's "not clearly better" flag says what the diary shows: pain not halved past
4 weeks is flagged as not better; a diary too short to show a trend is flagged as too short
to tell, never as not better; a diary that shows clear improvement is not flagged; before 4
weeks nothing is. Pure: need_of over entries, an episode and the day."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from backrelief.clinic.dashboard import Need, need_of
from backrelief.diary.insights import RECHECK_DAYS
from backrelief.diary.models import EntryCreate, EntryPublic, EpisodePublic

BEGAN = date(2026, 10, 1)
EPISODE = EpisodePublic(id=1, started_on=BEGAN, onset="sudden", trigger="lifting", start_given=True)


def diary(*pains: tuple[int, int]) -> list[EntryPublic]:
    """(days after the start, pain) pairs as saved entries."""
    return [EntryPublic(id=i + 1, **EntryCreate(at=datetime.combine(BEGAN + timedelta(days=d), datetime.min.time())
                                                 .replace(hour=9), pain_now=p).model_dump())
            for i, (d, p) in enumerate(pains)]


TOO_SHORT = {
    "no entries": [],
    "one entry": [(29, 6)],
    "two entries a day apart": [(28, 6), (29, 6)],
    "all within the start window": [(0, 7), (1, 7), (2, 6)],
}


@pytest.mark.parametrize("name", sorted(TOO_SHORT))
def test_a_diary_too_short_to_show_a_trend_is_flagged_as_too_short_never_as_not_better(name: str) -> None:
    need = need_of(diary(*TOO_SHORT[name]), EPISODE, [], BEGAN + timedelta(days=RECHECK_DAYS + 2))
    assert (need.not_better, need.cannot_tell) == (False, True)
    assert need.reasons == ("over 4 weeks in, too few diary days to tell if better",)
    assert not any("not clearly better" in r for r in need.reasons)


def test_pain_not_halved_past_four_weeks_is_flagged_not_better() -> None:
    need = need_of(diary((0, 6), (1, 6), (29, 5), (30, 5)), EPISODE, [], BEGAN + timedelta(days=30))
    assert (need.not_better, need.cannot_tell) == (True, False)
    assert "not clearly better after 4 weeks" in need.reasons


def test_clear_improvement_or_before_four_weeks_flags_nothing_about_the_course() -> None:
    better = need_of(diary((0, 8), (1, 8), (29, 2), (30, 2)), EPISODE, [], BEGAN + timedelta(days=30))
    assert (better.not_better, better.cannot_tell) == (False, False)
    early = need_of(diary((0, 6)), EPISODE, [], BEGAN + timedelta(days=RECHECK_DAYS - 1))
    assert (early.not_better, early.cannot_tell) == (False, False)


def test_not_better_ranks_above_too_short_to_tell_and_below_every_other_signal() -> None:
    def need(**flags: bool) -> Need:
        return Need(triage=None, worsening=flags.get("worsening", False), over_ceiling=flags.get("over", False),
                    not_better=flags.get("not_better", False), cannot_tell=flags.get("cannot_tell", False))

    order = sorted([need(cannot_tell=True), need(), need(not_better=True), need(over=True)], key=lambda n: n.rank)
    assert [n.reasons for n in order] == [("a medicine over its daily limit",), ("not clearly better after 4 weeks",),
                                          ("over 4 weeks in, too few diary days to tell if better",), ()]
