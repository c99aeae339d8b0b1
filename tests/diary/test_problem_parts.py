"""A problem carries its parts (the field, what it must be, or what is wrong with it), so a
form and the terminal word it in their own names for the field without editing the
sentence another module wrote."""

from __future__ import annotations

from datetime import date

import pytest

from backrelief.diary.dates import checked_entry, checked_start, entry_days
from backrelief.diary.models import EpisodePublic
from backrelief.diary.parsing import FIELD_HELP, FIELD_LABELS, in_words, parse_day, parse_period, parse_when
from backrelief.errors import InvalidInput, Problem, repr_key

TODAY = date(2026, 11, 26)
GIVEN = EpisodePublic(id=1, started_on=date(2026, 11, 20), start_given=True)
GOOD = {"at": "2026-11-25T08:00", "pain_now": 4}
# A wrong value for every field the diary describes (FIELD_HELP), whatever its type.
WRONG = {
    "at": "soon", "pain_now": 11, "pain_worst": 99, "flares": -1, "exercise_minutes": 2000, "heat": "warm",
    "ice": "cold", "region": "elbow", "leg_symptoms": "arm", "eased_by": ["tea"], "worsened_by": ["rain"],
    "new_findings": ["hiccups"], "sleep": "dreamy", "impact": "huge", "activities": ["x" * 61],
    "notes": "n" * 2001, "medicines": [{"name": "ibuprofen", "dose_mg": 0}],
}


def refused(call: object, *args: object, **kwargs: object) -> list[Problem]:
    with pytest.raises(InvalidInput) as error:
        call(*args, **kwargs)  # type: ignore[operator]
    return error.value.problems


@pytest.mark.parametrize("key", sorted(WRONG))
def test_every_entry_field_refused_says_what_it_must_be_in_parts_the_message_is_built_from(key: str) -> None:
    [problem] = refused(checked_entry, {**GOOD, key: WRONG[key]}, entry_days(TODAY, GIVEN))
    assert problem.field == key and problem.must_be is not None
    assert problem.must_be.startswith(FIELD_HELP[key])
    assert problem.message == f"'{key}' must be {problem.must_be}"
    assert problem.naming("Where") == f"Where must be {problem.must_be}"
    assert problem.for_form() == f"Enter {problem.must_be}"


def test_a_day_outside_the_episode_or_after_today_is_refused_in_parts() -> None:
    days = entry_days(TODAY, GIVEN)
    [early] = refused(checked_entry, {**GOOD, "at": "2026-11-19T08:00"}, days)
    [late] = refused(checked_entry, {**GOOD, "at": "2026-11-27T08:00"}, days)
    [start] = refused(checked_start, {"started_on": "2026-11-27"}, TODAY)
    assert early.for_form() == ("Enter a day on or after the day you said this episode began (2026-11-20), "
                                "not 2026-11-19")
    assert late.for_form() == "Enter a day up to today (2026-11-26), not 2026-11-27"
    assert start.naming("The day it started") == "The day it started must be a day up to today (2026-11-26), not 2026-11-27"


def test_a_check_across_fields_names_its_field_and_what_is_wrong_apart() -> None:
    [problem] = refused(checked_entry, {**GOOD, "pain_now": 6, "pain_worst": 3}, entry_days(TODAY, GIVEN))
    assert problem.message == "pain_worst: the worst pain cannot be lower than the pain now"
    assert problem.field == "pain_worst" and problem.must_be is None
    assert problem.for_form() == "The worst pain cannot be lower than the pain now"
    # The terminal names it as it names every other field: its words and its option.
    [worded] = in_words([problem], {"pain_worst": "--worst"})
    assert worded.message == (f"{FIELD_LABELS['pain_worst']} (--worst): the worst pain cannot be lower than the "
                              "pain now")


def test_dates_and_periods_typed_wrong_are_refused_in_parts_named_as_each_way_in_calls_them() -> None:
    [when] = refused(parse_when, "tuesday")
    assert (when.message, when.for_form()) == (f"'at' must be {FIELD_HELP['at']}, not 'tuesday'",
                                               f"Enter {FIELD_HELP['at']}, not 'tuesday'")
    [day] = refused(parse_day, "31/12", "today", "--today")
    assert day.message == "--today must be a date like 2026-11-26, in the years 1900 to 2199, not '31/12'"
    assert day.naming("The day") == "The day must be a date like 2026-11-26, in the years 1900 to 2199, not '31/12'"
    [backwards] = refused(parse_period, "2026-11-20", "2026-11-01", ("The first day", "The last day"))
    assert backwards.message == "The last day must be on or after The first day"
    assert backwards.must_be == "on or after The first day"


def test_a_message_that_only_looks_like_it_names_a_field_is_shown_as_it_was_written() -> None:
    # No parts: nothing reads the words to guess where the field's name ends.
    written = Problem("at", "'at' 08:30 is before the pharmacy opens")
    assert written.for_form() == "'at' 08:30 is before the pharmacy opens"
    assert written.naming("Date and time") == written.message
    assert in_words([written], {"at": "--at"}) == [written]


def test_problems_are_the_same_when_they_say_the_same_of_the_same_field() -> None:
    assert Problem.not_allowed("pain_now", "a whole number") == Problem("pain_now", "'pain_now' must be a whole number")
    assert Problem.about("flares", "too many") == Problem("flares", f"{repr_key('flares')}: too many")

