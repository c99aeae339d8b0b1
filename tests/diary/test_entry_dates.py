"""Which days an entry may have: up to the person's today, and from the day their episode
began, whether they gave that day or the app worked it out from a check (then the refusal
says so and how to move the start)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from backrelief.diary.dates import (
    EntryDays,
    checked_entry,
    checked_start,
    checked_update,
    entry_days,
    person_today,
    written_zone,
)
from backrelief.diary.models import EntryCreate, EpisodePublic
from backrelief.errors import InvalidInput, Problem

TODAY = date(2026, 11, 26)
GIVEN = EpisodePublic(id=1, started_on=date(2026, 11, 20), start_given=True)
WORKED_OUT = EpisodePublic(id=1, started_on=date(2026, 11, 24))


def problems(call: object, *args: object, **kwargs: object) -> list[Problem]:
    with pytest.raises(InvalidInput) as refused:
        call(*args, **kwargs)  # type: ignore[operator]
    return refused.value.problems


def test_a_person_ahead_of_the_server_has_a_later_today() -> None:
    # 20:00 in London is 09:00 the next day in Auckland.
    now = datetime(2026, 11, 26, 20, 0, tzinfo=ZoneInfo("Europe/London"))
    assert person_today(TODAY, now, ZoneInfo("Pacific/Auckland")) == date(2026, 11, 27)
    assert person_today(TODAY, now, ZoneInfo("Europe/London")) == TODAY
    assert person_today(TODAY, now.replace(hour=3), ZoneInfo("America/Los_Angeles")) == date(2026, 11, 25)


def test_an_unknown_time_zone_allows_the_latest_today_on_earth() -> None:
    assert person_today(TODAY, datetime(2026, 11, 26, 10, 30, tzinfo=UTC), None) == date(2026, 11, 27)
    assert person_today(TODAY, datetime(2026, 11, 26, 9, 30, tzinfo=UTC), None) == TODAY


def test_a_fixed_clock_moves_the_persons_today_with_it() -> None:
    now = datetime(2026, 12, 3, 23, 0, tzinfo=UTC)
    assert person_today(date(2026, 11, 26), now, timezone(timedelta(hours=5))) == date(2026, 11, 27)


def test_a_start_given_or_worked_out_limits_the_entries_and_no_episode_limits_nothing_earlier() -> None:
    assert entry_days(TODAY, GIVEN) == EntryDays(last=TODAY, first=date(2026, 11, 20))
    assert entry_days(TODAY, WORKED_OUT) == EntryDays(last=TODAY, first=date(2026, 11, 24), first_given=False)
    assert entry_days(TODAY, None) == EntryDays(last=TODAY)


@pytest.mark.parametrize("at", ["2026-11-23T23:59", "2026-11-02T08:30", "1990-01-01T00:00"])
def test_an_entry_before_a_start_the_app_worked_out_is_refused_naming_where_the_day_came_from(at: str) -> None:
    assert problems(checked_entry, {"at": at, "pain_now": 5}, entry_days(TODAY, WORKED_OUT)) == [Problem(
        "at", f"'at' must be a day on or after the day this episode began (2026-11-24, worked out from your "
              f"check), not {at[:10]}. If it began earlier, change how it started first")]
    assert checked_entry({"at": "2026-11-24T00:00", "pain_now": 5}, entry_days(TODAY, WORKED_OUT)).pain_now == 5


def test_without_an_episode_an_old_entry_is_kept() -> None:
    assert checked_entry({"at": "2026-01-02T08:30", "pain_now": 5}, entry_days(TODAY, None)).pain_now == 5


@pytest.mark.parametrize(("at", "message"), [
    ("2026-11-27T00:05", "'at' must be a day up to today (2026-11-26), not 2026-11-27"),
    ("2027-01-01T09:00", "'at' must be a day up to today (2026-11-26), not 2027-01-01"),
    ("2026-11-19T23:59", "'at' must be a day on or after the day you said this episode began (2026-11-20), "
                         "not 2026-11-19"),
])
def test_a_day_after_today_or_before_the_start_the_person_gave_is_refused(at: str, message: str) -> None:
    assert problems(checked_entry, {"at": at, "pain_now": 5}, entry_days(TODAY, GIVEN)) == [Problem("at", message)]


@pytest.mark.parametrize("at", ["2026-11-20T00:00", "2026-11-26T23:59", "2026-11-23T12:00"])
def test_the_first_and_last_allowed_days_are_accepted(at: str) -> None:
    assert checked_entry({"at": at, "pain_now": 5}, entry_days(TODAY, GIVEN)).at == datetime.fromisoformat(at)


def test_a_wrong_date_is_named_with_every_other_problem_at_once() -> None:
    found = problems(checked_entry, {"at": "2026-11-28T08:00", "pain_now": 14, "flares": -1},
                     entry_days(TODAY, GIVEN))
    assert sorted(p.field for p in found) == ["at", "flares", "pain_now"]


def test_a_problem_a_form_found_first_is_named_once() -> None:
    found = problems(checked_entry, {"at": "2026-11-28T08:00", "pain_now": None}, entry_days(TODAY, GIVEN),
                     already=[Problem("pain_now", "Enter how bad the pain is now")])
    assert found == [Problem("pain_now", "Enter how bad the pain is now"),
                     Problem("at", "'at' must be a day up to today (2026-11-26), not 2026-11-28")]


def test_an_edit_that_keeps_an_old_date_is_not_refused_but_a_new_wrong_date_is() -> None:
    days = entry_days(TODAY, GIVEN)
    old = datetime(2026, 11, 10, 9, 0)
    saved = EntryCreate(at=old, pain_now=5)
    assert checked_update({"pain_now": 3}, days, saved).pain_now == 3
    assert checked_update({"at": "2026-11-10T09:00", "pain_now": 3}, days, saved).pain_now == 3
    assert checked_entry({"at": old, "pain_now": 3}, days, saved_at=old).at == old
    assert [p.field for p in problems(checked_update, {"at": "2026-11-30T09:00"}, days, saved)] == ["at"]


def test_a_time_written_with_its_offset_says_the_persons_zone() -> None:
    assert written_zone({"at": "2026-11-27T08:30+13:00"}) == timezone(timedelta(hours=13))
    assert written_zone({"at": "2026-11-27T08:30"}) is None
    assert written_zone({"at": 5}) is None
    assert written_zone({"at": "not a date"}) is None


def test_a_start_the_person_gives_is_marked_theirs_and_cannot_be_after_today() -> None:
    started = checked_start({"started_on": "2026-11-20", "trigger": "lifting"}, TODAY)
    assert (started.started_on, started.start_given) == (date(2026, 11, 20), True)
    found = problems(checked_start, {"started_on": "2026-11-27", "trigger": "juggling"}, TODAY)
    assert [p.field for p in found] == ["trigger", "started_on"]
