"""The API's day pattern (`from`, `to`) says exactly which YYYY-MM-DD days the core's
parser accepts: every day of the diary's years matches, and no other day-shaped text does
(30 February, 29 February outside leap years, month 13, the years either side)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Annotated

import pytest
from pydantic import Field, TypeAdapter, ValidationError

from backrelief.diary.models import DAY_PATTERN, FIRST_YEAR, LAST_YEAR
from backrelief.diary.parsing import parse_day
from backrelief.errors import InvalidInput

# Checked as the API checks a query parameter's pattern (pydantic's own regex engine).
_DAY = TypeAdapter(Annotated[str, Field(pattern=DAY_PATTERN)])


def matches(text: str) -> bool:
    try:
        _DAY.validate_python(text)
    except ValidationError:
        return False
    return True


def accepted(text: str) -> bool:
    try:
        parse_day(text, "from")
    except InvalidInput:
        return False
    return True


def test_every_day_of_the_diary_years_matches_the_pattern() -> None:
    day, last = date(FIRST_YEAR, 1, 1), date(LAST_YEAR, 12, 31)
    missed = []
    while day <= last:
        if not matches(day.isoformat()):
            missed.append(day.isoformat())
        day += timedelta(days=1)
    assert missed == []


@pytest.mark.parametrize("year", [FIRST_YEAR - 1, FIRST_YEAR, 1904, 1999, 2000, 2023, 2024, 2100, LAST_YEAR,
                                  LAST_YEAR + 1])
def test_a_day_shaped_text_matches_exactly_when_the_parser_takes_it(year: int) -> None:
    disagree = [text for month in range(14) for dom in range(33)
                if matches(text := f"{year:04d}-{month:02d}-{dom:02d}") != accepted(text)]
    assert disagree == []


@pytest.mark.parametrize("text", ["2026-1-01", "20261126", "2026-11-26T00:00", " 2026-11-26", "2026-11-26\n", ""])
def test_other_shapes_do_not_match(text: str) -> None:
    assert not matches(text)
