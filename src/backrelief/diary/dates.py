"""Which days a diary entry may be dated: none after the person's today, and none before
the day their episode began, whether they gave that day themselves or the app worked it
out from their check ("2 days ago"). A worked-out day is said as such in the refusal,
with the way to move it: an entry dated before the bout's start would make the start the
report shows later than the diary's own first day.

Every way in (terminal, web form, home API, clinic pages and API) checks an entry's date
here, with the entry's other problems, so a person sees everything wrong at once.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, tzinfo
from typing import Any, TypeVar

from pydantic import BaseModel, TypeAdapter, ValidationError

from backrelief.diary.models import EntryCreate, EntryFields, EntryUpdate, EpisodeCreate, EpisodePublic, LocalDateTime
from backrelief.diary.notes import update_with_note_signs, with_note_signs
from backrelief.diary.parsing import parse_when, problems_from
from backrelief.errors import InvalidInput, Problem

# The time zone furthest ahead (Kiribati, UTC+14): when the person's zone is not known,
# their today may be as late as today there. Unknown takes the side that refuses no real entry.
FURTHEST_AHEAD = timedelta(hours=14)
_WRITTEN = TypeAdapter(LocalDateTime)
_DAY = TypeAdapter(date)
M = TypeVar("M", bound=BaseModel)


def person_today(server_today: date, now: datetime, zone: tzinfo | None) -> date:
    """The person's today, counted from the server's (a fixed clock in tests moves both
    alike). `now` is the server's time with its zone; `zone` the person's, None if not known."""
    there = now.astimezone(zone).date() if zone is not None else (now.astimezone(UTC) + FURTHEST_AHEAD).date()
    return server_today + (there - now.date())


@dataclass(frozen=True)
class EntryDays:
    """The days an entry may be dated, both included; `first` None: no lower limit.
    `first_given`: the person gave that day (False: the app worked it out from a check)."""

    last: date
    first: date | None = None
    first_given: bool = True


def entry_days(today: date, episode: EpisodePublic | None) -> EntryDays:
    """Up to the person's today; from the episode's start, given or worked out. Without an
    episode nothing says when the bout began, so nothing earlier is refused."""
    if episode is None:
        return EntryDays(last=today)
    return EntryDays(last=today, first=episode.started_on, first_given=episode.start_given)


def date_problems(at: datetime, days: EntryDays) -> list[Problem]:
    """An entry's date that cannot be right. Days, not minutes: a clock a little out refuses nothing."""
    written = f"{at:%Y-%m-%d}"
    if at.date() > days.last:
        return [Problem.not_allowed("at", f"a day up to today ({days.last:%Y-%m-%d}), not {written}")]
    if days.first is not None and at.date() < days.first and days.first_given:
        return [Problem.not_allowed("at", f"a day on or after the day you said this episode began "
                                          f"({days.first:%Y-%m-%d}), not {written}")]
    if days.first is not None and at.date() < days.first:
        # Both ways in (terminal and web) name their way to correct the start "how it started".
        return [Problem.not_allowed("at", f"a day on or after the day this episode began ({days.first:%Y-%m-%d}, "
                                          f"worked out from your check), not {written}. If it began earlier, "
                                          f"change how it started first")]
    return []


def written_zone(data: dict[str, Any]) -> tzinfo | None:
    """The zone an entry's time was written in ("2026-12-03T08:30+13:00"), if it says one:
    that is the person's time."""
    text = data.get("at")
    if not isinstance(text, str):
        return None
    try:
        return parse_when(text).tzinfo
    except InvalidInput:
        return None


def _at_problems(data: dict[str, Any], days: EntryDays, problems: list[Problem],
                 saved_at: datetime | None) -> list[Problem]:
    if data.get("at") is None or any(p.field == "at" for p in problems):
        return []
    try:
        at = _WRITTEN.validate_python(data["at"]).replace(tzinfo=None, microsecond=0)
    except ValidationError:
        return []
    return [] if at == saved_at else date_problems(at, days)


def _checked(model: type[M], data: dict[str, Any], days: EntryDays, saved_at: datetime | None,
             already: Sequence[Problem]) -> M:
    problems: list[Problem] = list(already)
    checked = None
    try:
        checked = model.model_validate(data)
    except ValidationError as error:
        # A field already found wrong (by a form, before this) is named once.
        problems += [p for p in problems_from(error) if all(p.field != q.field for q in already)]
    problems += _at_problems(data, days, problems, saved_at)
    if problems or checked is None:
        raise InvalidInput(problems)
    return checked


def checked_entry(data: dict[str, Any], days: EntryDays, *, saved_at: datetime | None = None,
                  saved_note: str | None = None, already: Sequence[Problem] = ()) -> EntryCreate:
    """An entry, or every problem with it at once (its date among them, and `already`:
    what a form found before). `saved_at`: the entry's date before this edit, which is
    not checked again, so an old entry stays editable after the episode's start moves.
    The note's warning signs join the entry's new symptoms, unless this edit left the note
    as it was (`saved_note`): a sign the person took off a misread note stays off."""
    entry = _checked(EntryCreate, data, days, saved_at, already)
    return entry if saved_note is not None and entry.notes == saved_note else with_note_signs(entry, days.last)


def checked_update(data: dict[str, Any], days: EntryDays, current: EntryFields) -> EntryUpdate:
    """A change to some of the `current` entry's fields, or every problem with it at once;
    its date is checked only when it changes, its note read for signs only when it changes."""
    update = _checked(EntryUpdate, data, days, current.at, ())
    return update_with_note_signs(update, current.new_findings, days.last)


def checked_start(data: dict[str, Any], today: date) -> EpisodeCreate:
    """How an episode started, as the person gives it: every problem at once, and a start
    day after their today refused (it cannot have begun yet)."""
    problems: list[Problem] = []
    episode = None
    try:
        episode = EpisodeCreate.model_validate({**data, "start_given": True})
    except ValidationError as error:
        problems = problems_from(error)
    try:
        started_on = _DAY.validate_python(data.get("started_on"))
    except ValidationError:
        started_on = None
    if started_on is not None and started_on > today and all(p.field != "started_on" for p in problems):
        problems.append(Problem.not_allowed("started_on", f"a day up to today ({today:%Y-%m-%d}), "
                                                          f"not {started_on:%Y-%m-%d}"))
    if problems or episode is None:
        raise InvalidInput(problems)
    return episode
