"""One period parser for every interface (CLI --from/--to, report form, API from/to)."""

from datetime import date, datetime

import pytest

from backrelief.diary.parsing import Period, parse_period
from backrelief.errors import InvalidInput


def test_empty_or_missing_ends_are_open() -> None:
    assert parse_period(None, "  ") == Period(None, None)
    assert parse_period("2026-11-01", None) == Period(date(2026, 11, 1), None)


def test_the_last_day_is_included_in_the_times() -> None:
    assert parse_period("2026-11-01", "2026-11-30").times() == (datetime(2026, 11, 1), datetime(2026, 12, 1))


def test_every_wrong_field_is_named_in_the_interfaces_own_words() -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_period("01/11/2026", "3000-01-01", ("'--from'", "'--to'"))
    assert [p.field for p in caught.value.problems] == ["from", "to"]
    assert caught.value.problems[0].message.startswith("'--from' must be a date like 2026-11-26")
    assert "not '3000-01-01'" in caught.value.problems[1].message


def test_an_end_before_the_start_is_refused() -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_period("2026-11-30", "2026-11-01", ("the start date", "The end date"))
    assert caught.value.problems[0].message == "The end date must be on or after the start date"
