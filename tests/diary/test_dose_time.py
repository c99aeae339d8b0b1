"""A dose's time is read one way wherever it is typed: the terminal's '@08:00' and the
entry form's time box; and a time of day is read one way everywhere (`time_of_day`):
the terminal's --at, a dose's time, the home and the clinic entry forms."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest
from starlette.datastructures import FormData

from backrelief.diary.dates import entry_days
from backrelief.diary.parsing import day_and_time, dose_time, parse_medicine, parse_typed_when, time_of_day
from backrelief.errors import InvalidInput
from backrelief.web.clinic.patient_pages import entry_from
from backrelief.web.pages.diary_form import read_entry

DAY = date(2026, 11, 25)


@pytest.mark.parametrize(("typed", "taken"), [
    ("08:30", datetime(2026, 11, 25, 8, 30)),
    ("21:05:00", datetime(2026, 11, 25, 21, 5)),
    ("2026-11-24T23:00", datetime(2026, 11, 24, 23, 0)),
])
def test_a_dose_time_typed_in_the_terminal_or_the_form_is_the_same_time(typed: str, taken: datetime) -> None:
    assert dose_time(DAY, typed) == taken
    assert parse_medicine(f"ibuprofen:400@{typed}", DAY)["taken_at"] == taken
    form = FormData([("day", "2026-11-25"), ("time", "22:00"), ("pain_now", "4"), ("med_name_1", "ibuprofen"),
                     ("med_dose_1", "400"), ("med_time_1", typed)])
    entry, errors = read_entry(form, entry_days(date(2026, 11, 26), None))
    assert errors == [] and entry is not None and entry.medicines[0].taken_at == taken


@pytest.mark.parametrize("typed", ["breakfast", "25:00", "8"])
def test_a_dose_time_that_is_not_a_time_is_refused_in_the_terminal_and_the_form(typed: str) -> None:
    assert dose_time(DAY, typed) is None
    with pytest.raises(InvalidInput, match="is not a time"):
        parse_medicine(f"ibuprofen:400@{typed}", DAY)
    form = FormData([("day", "2026-11-25"), ("time", "22:00"), ("pain_now", "4"), ("med_name_1", "ibuprofen"),
                     ("med_dose_1", "400"), ("med_time_1", typed)])
    entry, errors = read_entry(form, entry_days(date(2026, 11, 26), None))
    assert entry is None and [e.message for e in errors] == ["Medicine 1: the time must look like 08:30"]


@pytest.mark.parametrize(("typed", "meant"), [
    ("08:30", time(8, 30)), ("8:30", time(8, 30)), ("21:05:00", time(21, 5)), ("8pm", time(20, 0)),
    ("7.30am", time(7, 30)), ("12am", time(0, 0)), (" 12:00 ", time(12, 0)),
])
def test_a_time_of_day_is_read_the_same_by_the_terminal_a_dose_and_both_entry_forms(typed: str, meant: time) -> None:
    assert time_of_day(typed) == meant
    assert parse_typed_when(f"yesterday {typed}", datetime(2026, 11, 26, 23, 0)) == datetime.combine(DAY, meant)
    assert dose_time(DAY, typed) == datetime.combine(DAY, meant)
    assert day_and_time("2026-11-25", typed) == datetime.combine(DAY, meant)
    home = FormData([("day", "2026-11-25"), ("time", typed), ("pain_now", "4")])
    entry, errors = read_entry(home, entry_days(date(2026, 11, 26), None))
    assert errors == [] and entry is not None and entry.at == datetime.combine(DAY, meant)
    clinic, problems = entry_from(FormData([("day", "2026-11-25"), ("time", typed), ("pain_now", "4")]))
    assert problems == [] and clinic["at"] == datetime.combine(DAY, meant)


@pytest.mark.parametrize("typed", ["8", "25:00", "13pm", "08:61", "noon", "8:30:99", ""])
def test_what_is_not_a_time_of_day_is_refused_by_the_terminal_a_dose_and_both_entry_forms(typed: str) -> None:
    assert time_of_day(typed) is None
    assert day_and_time("2026-11-25", typed) is None
    with pytest.raises(InvalidInput):
        parse_typed_when(f"yesterday {typed}" if typed else "yesterday x", datetime(2026, 11, 26, 23, 0))
    if typed:
        assert dose_time(DAY, typed) is None
    home = FormData([("day", "2026-11-25"), ("time", typed or "x"), ("pain_now", "4")])
    entry, errors = read_entry(home, entry_days(date(2026, 11, 26), None))
    assert entry is None and [e.message for e in errors] == ["Enter a real date and time, for example 2026-11-26 and 08:30"]
    _, problems = entry_from(FormData([("day", "2026-11-25"), ("time", typed or "x"), ("pain_now", "4")]))
    assert [p.field for p in problems] == ["at"]
