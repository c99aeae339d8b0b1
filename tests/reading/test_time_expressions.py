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


@pytest.mark.parametrize("name", ["time_expressions.jsonl", "time_expressions_later.jsonl"])
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
