"""The time-expression grammar (reading/times.py) on its table of expressions, and the
episode's own start kept apart from earlier episodes."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from backrelief.reading.scoring import time_table
from backrelief.reading.times import find_times
from tests.reading.conftest import TODAY, assess

DATA = Path(__file__).resolve().parents[2] / "data" / "reading"


@pytest.mark.parametrize("name", ["time_expressions.jsonl", "time_expressions_later.jsonl",
                                  "time_expressions_gaps.jsonl"])
def test_the_time_tables_are_read_at_least_95_percent_right(name: str) -> None:
    rows, wrong = time_table(DATA / name)
    assert rows >= 40
    assert len(wrong) <= rows * 0.05, wrong


def test_the_main_table_has_at_least_200_expressions() -> None:
    assert time_table(DATA / "time_expressions.jsonl")[0] >= 200


@pytest.mark.parametrize(("text", "days"), [
    ("a good eighteen months of this", 540),
    ("my back has been sore since last spring", 225),
    ("a couple of months now my back has ached", 60),
    ("back pain for six to eight weeks", 56),
    ("back pain since the end of august", 90),
])
def test_long_durations_and_calendar_words_are_read(text: str, days: int) -> None:
    assert assess(text).duration_days == days


def test_the_episodes_own_start_is_kept_apart_from_pain_that_comes_and_goes() -> None:
    a = assess("my back has been bad on and off since 2019 and this latest flare started 9 days ago")
    assert a.duration_days == 9


def test_pain_on_and_off_since_a_year_is_marked_recurring() -> None:
    kinds = [e.kind for e in find_times("on and off since 2019", TODAY)]
    assert kinds == ["recurring"]


def test_a_season_is_dated_relative_to_today() -> None:
    # "last summer" said in the summer is the summer before.
    assert [e.days for e in find_times("since last summer", date(2026, 7, 20))] == [370]
    assert [e.days for e in find_times("since last summer", date(2026, 11, 26))] == [134]


def test_since_i_was_30_needs_the_writers_age() -> None:
    assert assess("I'm 46, back pain since I was 30").duration_days == 16 * 365
    assert find_times("since i was 30", TODAY) == []


@pytest.mark.parametrize("text", [
    "I sat down awkwardly and my back went",
    "we sat on the floor playing and it twinged",
    "back pain since my birthday",
])
def test_a_verb_or_an_undated_event_is_not_read_as_a_time(text: str) -> None:
    assert assess(text).duration_days is None


def test_a_longer_guess_after_an_amount_is_taken_but_not_a_pain_score() -> None:
    assert assess("back pain for 2 weeks, maybe 3").duration_days == 21
    assert assess("back pain for 2 weeks, maybe 3 out of 10").duration_days == 14


@pytest.mark.parametrize("text", [
    "back pain since the weekend before last",
    "back pain since the christmas before last",
    "my back has been sore since friday before last",
])
def test_a_time_before_last_is_not_an_earlier_bout_of_back_pain(text: str) -> None:
    a = assess(text)
    assert "previous_back_pain" not in (a.history or ())
    assert a.duration_days is not None


def test_an_earlier_bout_said_with_before_is_still_history() -> None:
    a = assess("had it twice before this year")
    assert a.history == ("previous_back_pain",)
    assert a.duration_days is None


def test_an_event_dated_by_a_month_dates_the_pain_but_an_illness_keeps_its_own_time() -> None:
    assert assess("my back has hurt since our holiday in august").duration_days == 103
    assert assess("I have been on steroids since my diagnosis in march").duration_days is None


def test_a_birthday_by_its_number_needs_the_writers_age() -> None:
    assert assess("I'm 52, back pain since my 50th").duration_days == 730
    assert assess("back pain since my 50th").duration_days is None


@pytest.mark.parametrize(("text", "days"), [
    ("my back went fri nite lifting the dog", 6),
    ("did it sun arvo in the garden", 4),
    ("hurt it tues morn", 2),
    ("the pain started a week past monday", 10),
    ("a fortnight past tuesday my back went", 16),
])
def test_short_day_names_with_everyday_times_of_day_and_past_are_read(text: str, days: int) -> None:
    assert assess(text).duration_days == days


@pytest.mark.parametrize(("text", "days"), [
    ("I'm a bit stiff. It's been bad for years on and off but really bad since the start of October", 56),
    ("had sciatica for months in 2019, but this time my back has only been sore since last thursday", 7),
    ("back pain on and off since 2019, now bad again since Monday", 3),
])
def test_the_episode_now_is_kept_apart_from_a_longer_or_older_one(text: str, days: int) -> None:
    assert assess(text).duration_days == days


@pytest.mark.parametrize(("text", "days"), [
    ("been off work since the 2nd of november with my back", 24),
    ("off work for 3 weeks with my back", 21),
])
def test_time_off_work_for_the_back_dates_the_back_pain(text: str, days: int) -> None:
    assert assess(text).duration_days == days


def test_years_at_work_are_not_the_back_pains_duration() -> None:
    assert assess("I have been at work for 10 years and my back has hurt for 3 days").duration_days == 3
