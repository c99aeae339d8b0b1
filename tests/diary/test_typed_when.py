"""`diary add --at` takes a time as a person types it at the command line: now, today,
yesterday (each with a time or not), a time alone, or a date and time; anything else is
refused naming every form allowed, and nothing is saved."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta

import pytest

from backrelief.diary.parsing import parse_typed_when
from backrelief.errors import InvalidInput
from tests.diary.conftest import Run

NOW = datetime(2026, 12, 3, 15, 42, 17)


@pytest.mark.parametrize(("typed", "meant"), [
    ("now", datetime(2026, 12, 3, 15, 42)),
    ("today", datetime(2026, 12, 3, 15, 42)),
    ("Yesterday", datetime(2026, 12, 2, 15, 42)),
    ("yesterday 20:00", datetime(2026, 12, 2, 20, 0)),
    ("yesterday 8pm", datetime(2026, 12, 2, 20, 0)),
    ("yesterday 7.30am", datetime(2026, 12, 2, 7, 30)),
    ("today 08:30", datetime(2026, 12, 3, 8, 30)),
    ("8:05", datetime(2026, 12, 3, 8, 5)),
    ("12am", datetime(2026, 12, 3, 0, 0)),
    ("2026-11-26 09:15", datetime(2026, 11, 26, 9, 15)),
    ("2026-11-26T09:15", datetime(2026, 11, 26, 9, 15)),
    ("2026-11-26", datetime(2026, 11, 26, 0, 0)),
])
def test_the_forms_a_person_types_are_read(typed: str, meant: datetime) -> None:
    assert parse_typed_when(typed, NOW) == meant


@pytest.mark.parametrize("typed", ["yesterdy", "8", "25:00", "13pm", "now 5", "last week", "", "yesterday noonish"])
def test_anything_else_is_refused_naming_every_form_allowed(typed: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        parse_typed_when(typed, NOW)
    message = str(refused.value)
    for form in ("now", "today", "yesterday", "'yesterday 20:00'", "'08:30'", "2026-11-26 08:30"):
        assert form in message


@pytest.mark.parametrize("typed", ["20:00", "today 11pm"])
def test_a_time_later_today_is_refused_and_yesterday_offered(typed: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        parse_typed_when(typed, NOW)
    assert "later than now (15:42)" in str(refused.value)
    assert "'yesterday " in str(refused.value)


def test_diary_add_at_yesterday_saves_yesterdays_entry(backrelief: Run) -> None:
    added = backrelief("diary", "add", "--pain", "5", "--at", "yesterday 21:30")
    assert added.returncode == 0, added.stderr
    yesterday = date.today() - timedelta(days=1)
    assert added.stdout == f"Saved entry 1: {yesterday:%Y-%m-%d} 21:30, pain 5/10.\n"
    listed = json.loads(backrelief("diary", "list", "--json").stdout)
    assert [e["at"] for e in listed] == [f"{yesterday:%Y-%m-%d}T21:30:00"]


def test_diary_add_with_an_unreadable_time_names_the_forms_and_saves_nothing(backrelief: Run) -> None:
    refused = backrelief("diary", "add", "--pain", "5", "--at", "the other day")
    assert refused.returncode == 2
    assert refused.stderr.startswith("backrelief: --at must be now, today or yesterday")
    assert "not 'the other day'" in refused.stderr
    listed = backrelief("diary", "list", "--json")
    # Nothing saved: an empty diary, or (SQLite) no diary file made at all.
    assert listed.stdout.strip() == "[]" or "there is no diary at" in listed.stderr
