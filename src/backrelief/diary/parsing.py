"""Reading diary input (command line, forms, import files) with plain-words errors.

Every problem names the field and what is allowed, e.g. "'pain_now' must be a whole
number from 0 to 10". The web app can use the same functions for its forms.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any, TypeVar, get_args

from pydantic import BaseModel, ValidationError

from backrelief.assessment import EASES, FINDINGS, RADIATIONS, REGIONS, TRIGGERS, WORSENS, Onset
from backrelief.diary.models import (
    FIRST_YEAR,
    IMPACTS,
    LAST_YEAR,
    MAX_DOSE_MG,
    MAX_NOTE,
    SLEEPS,
    EntryCreate,
    EntryUpdate,
    EpisodeCreate,
    in_diary_years,
)
from backrelief.errors import InvalidInput, Problem, plain_problems, repr_key

M = TypeVar("M", bound=BaseModel)

FIELD_HELP: dict[str, str] = {
    "at": f"a date and time like 2026-11-26 08:30, in the years {FIRST_YEAR} to {LAST_YEAR}",
    "started_on": f"a date like 2026-11-20, in the years {FIRST_YEAR} to {LAST_YEAR}",
    "pain_now": "a whole number from 0 (no pain) to 10 (worst pain you can imagine)",
    "pain_worst": "a whole number from 0 to 10, not lower than the pain now",
    "flares": "a whole number of flare-ups from 0 to 100",
    "exercise_minutes": "a whole number of minutes from 0 to 1440",
    "heat": "true or false",
    "ice": "true or false",
    "region": "one of: " + ", ".join(REGIONS),
    "leg_symptoms": "one of: " + ", ".join(RADIATIONS),
    "eased_by": "a list of any of: " + ", ".join(EASES),
    "worsened_by": "a list of any of: " + ", ".join(WORSENS),
    "new_findings": "a list of any of: " + ", ".join(FINDINGS),
    "sleep": "one of: " + ", ".join(SLEEPS),
    "impact": "one of: " + ", ".join(IMPACTS),
    "activities": "a list of short words (60 characters or fewer each)",
    "notes": f"text of {MAX_NOTE} characters or fewer",
    "how": "text of 500 characters or fewer",
    "onset": "one of: " + ", ".join(get_args(Onset)),
    "trigger": "one of: " + ", ".join(TRIGGERS),
    "medicines": f"a list of medicines, each a name, a dose from more than 0 to {MAX_DOSE_MG} mg and a time",
}

# Each field as the entry form and the terminal name it: people read these, never the
# contract's keys such as pain_now.
FIELD_LABELS = {
    "at": "Date and time",
    "pain_now": "Pain now",
    "pain_worst": "Worst pain since the last entry",
    "flares": "Flare-ups since the last entry",
    "exercise_minutes": "Minutes of exercise",
    "eased_by": "What eased it",
    "worsened_by": "What made it worse",
    "sleep": "Sleep",
    "impact": "Effect on work or daily life",
    "notes": "Notes",
    "medicines": "Medicines",
    "region": "Where",
    "leg_symptoms": "Pain in the leg",
    "activities": "Activities",
    "heat": "Heat",
    "ice": "Ice",
    "new_findings": "Anything new",
    "started_on": "The day it started",
    "onset": "How it came on",
    "trigger": "What set it off",
    "how": "How it started",
}

MEDICINE_FORMAT = "name:dose_mg@HH:MM, for example ibuprofen:400@08:00 (the time is optional)"
_MEDICINE = re.compile(r"^\s*(?P<name>[^:@]+?)\s*:\s*(?P<dose>[0-9]+(?:\.[0-9]+)?)\s*(?:mg)?\s*(?:@\s*(?P<when>\S.*?))?\s*$")


def problems_from(error: ValidationError) -> list[Problem]:
    """One plain sentence per field, naming what is allowed."""
    return plain_problems(error, unknown_key=lambda field: f"'{field}' is not a diary field",
                          allowed=lambda field: FIELD_HELP.get(field, ""))


def in_words(problems: list[Problem], options: dict[str, str]) -> list[Problem]:
    """The same problems naming each field in words and by the option that sets it, e.g.
    "Pain now (--pain) must be ...", so a person needn't know the contract's keys."""
    worded: list[Problem] = []
    for problem in problems:
        label = FIELD_LABELS.get(problem.field)
        if label:
            option = f" ({options[problem.field]})" if problem.field in options else ""
            problem = dataclasses.replace(problem, message=problem.naming(label + option))
        worded.append(problem)
    return worded


def validated(model: type[M], data: dict[str, Any]) -> M:
    try:
        return model.model_validate(data)
    except ValidationError as error:
        raise InvalidInput(problems_from(error)) from None


def parse_entry(data: dict[str, Any]) -> EntryCreate:
    return validated(EntryCreate, data)


def parse_update(data: dict[str, Any]) -> EntryUpdate:
    return validated(EntryUpdate, data)


def parse_episode(data: dict[str, Any]) -> EpisodeCreate:
    return validated(EpisodeCreate, data)


def parse_when(text: str, field: str = "at") -> datetime:
    """A date and time as people type them: '2026-11-26 08:30', '2026-11-26T08:30' or a date."""
    try:
        return datetime.fromisoformat(text.strip())
    except ValueError:
        raise InvalidInput([Problem.not_allowed(field, f"{FIELD_HELP['at']}, not '{text}'")]) from None


TYPED_WHEN_HELP = ("now, today or yesterday (with a time if you like, e.g. 'yesterday 20:00' or 'today 8pm'), "
                   "a time today ('08:30'), or a date and time like 2026-11-26 08:30")
_CLOCK = re.compile(r"^(?P<h>\d{1,2})(?::(?P<m>\d{2})(?::(?P<s>\d{2}))?)?\s*(?P<half>am|pm)?$")


def time_of_day(text: str) -> time | None:
    """The one reading of a time of day, wherever it is typed (the terminal's --at and
    '@08:00' beside a dose, the entry forms' time boxes, home and clinic): '08:30', '8:30',
    '20:00', '21:05:00', '8pm', '8.30am'; None when it is not one. A bare number with no
    am / pm ('8') is not a time: it could be anything."""
    found = _CLOCK.match(text.strip().lower().replace(".", ":"))
    if found is None or (found["m"] is None and found["half"] is None):
        return None
    hour, minute, second = int(found["h"]), int(found["m"] or 0), int(found["s"] or 0)
    if found["half"]:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if found["half"] == "pm" else 0)
    if hour > 23 or minute > 59 or second > 59:
        return None
    return time(hour, minute, second)


def day_and_time(day: str, clock: str) -> datetime | None:
    """A form's day box (YYYY-MM-DD) and time box (`time_of_day`) as one moment; None
    when either is not one."""
    try:
        on = date.fromisoformat(day.strip())
    except ValueError:
        return None
    at = time_of_day(clock)
    return None if at is None else datetime.combine(on, at)


def parse_typed_when(text: str, now: datetime, option: str = "--at") -> datetime:
    """When, as a person types it at the command line: 'now', 'today' or 'yesterday' (each
    with a time or not; 'today' alone is now, 'yesterday' alone this time yesterday), a time
    alone (today), or a date and time (parse_when). Files and forms keep to parse_when's
    dates: a file's 'yesterday' would change meaning the day after it was written."""
    words = text.strip().lower().split(maxsplit=1)
    now = now.replace(second=0, microsecond=0)
    days = {"now": 0, "today": 0, "yesterday": 1}
    clock: time | None = None
    if words and words[0] in days:
        day = now.date() - timedelta(days=days[words[0]])
        if len(words) == 1:
            return datetime.combine(day, now.time())
        clock = time_of_day(words[1]) if words[0] != "now" else None
    elif (clock := time_of_day(text)) is not None:
        day = now.date()
    else:
        try:
            return parse_when(text)
        except InvalidInput:
            pass
    if clock is not None:
        when = datetime.combine(day, clock)
        if when > now:
            # A time later today is nearly always last night's: say so rather than keep
            # an entry from the future.
            raise InvalidInput([Problem("at", f"{option} '{text.strip()}' is later than now ({now:%H:%M}); for "
                                              f"yesterday type 'yesterday {clock:%H:%M}'")])
        return when
    raise InvalidInput([Problem("at", f"{option} must be {TYPED_WHEN_HELP}; not '{text.strip()[:40]}'")])


def parse_day(text: str, field: str, label: str = "") -> date:
    """A day written YYYY-MM-DD in the diary's years; `label` is how the message names the
    field (the CLI says '--today', a form 'The start date'), `'field'` when not given."""
    label = label or repr_key(field)
    try:
        return in_diary_years(date.fromisoformat(text.strip()))
    except ValueError:
        raise InvalidInput([Problem.not_allowed(field, f"a date like 2026-11-26, in the years {FIRST_YEAR} to {LAST_YEAR}, "
                                                       f"not '{text.strip()[:40]}'", name=label[:1].upper() + label[1:])]) \
            from None


@dataclass(frozen=True)
class Period:
    """Days from `first` to `last`, both included; None is open at that end."""

    first: date | None = None
    last: date | None = None

    def times(self) -> tuple[datetime | None, datetime | None]:
        """The same days as times: from the first day's midnight up to (not including) the
        midnight after the last day."""
        begin = datetime.combine(self.first, time()) if self.first else None
        stop = datetime.combine(self.last + timedelta(days=1), time()) if self.last and self.last < date.max else None
        return begin, stop


def parse_period(start: str | None, end: str | None, labels: tuple[str, str] = ("'from'", "'to'")) -> Period:
    """A period of days from two typed dates (empty or None is open), every interface's
    one parser. `labels` name the two fields in the messages; every problem is listed."""
    problems: list[Problem] = []
    days: list[date | None] = []
    for field, text, label in (("from", start, labels[0]), ("to", end, labels[1])):
        try:
            days.append(parse_day(text, field, label) if text and text.strip() else None)
        except InvalidInput as error:
            days.append(None)
            problems += error.problems
    first, last = days
    if first and last and last < first:
        problems.append(Problem.not_allowed("to", f"on or after {labels[0]}", name=labels[1]))
    if problems:
        raise InvalidInput(problems)
    return Period(first, last)


def parse_medicine(text: str, day: date) -> dict[str, Any]:
    """'ibuprofen:400@08:00' -> a medicine dose taken on `day` at 08:00."""
    match = _MEDICINE.match(text)
    if match is None:
        raise InvalidInput([Problem("medicines", f"'{text}' is not a medicine dose; write {MEDICINE_FORMAT}")])
    taken_at: datetime | None = None
    when = match["when"]
    if when:
        taken_at = dose_time(day, when)
        if taken_at is None:
            raise InvalidInput([Problem("medicines", f"'{when}' in '{text}' is not a time; write {MEDICINE_FORMAT}")])
    return {"name": match["name"], "dose_mg": float(match["dose"]), "taken_at": taken_at}


def dose_time(day: date, text: str) -> datetime | None:
    """When a dose was taken, as typed beside it (the terminal's '@08:00', a form's time
    box): a time of day on `day` (`time_of_day`), or a whole date and time; None when it is
    neither."""
    clock = time_of_day(text)
    if clock is not None:
        return datetime.combine(day, clock)
    try:
        return datetime.fromisoformat(text.strip())
    except ValueError:
        return None


def split_words(values: list[str] | None) -> list[str] | None:
    """Repeated options or comma lists ('--eased heat,movement') become one list."""
    if values is None:
        return None
    return [part.strip() for value in values for part in value.split(",") if part.strip()]
