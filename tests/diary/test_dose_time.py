"""A dose's time is read one way wherever it is typed: the terminal's '@08:00' and the
entry form's time box."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from starlette.datastructures import FormData

from backrelief.diary.dates import entry_days
from backrelief.diary.parsing import dose_time, parse_medicine
from backrelief.errors import InvalidInput
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
