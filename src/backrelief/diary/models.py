"""The pain diary in domain words: an episode (how it started) and its entries.

The vocabularies for region, spread, what eased or worsened the pain and new symptoms
are the assessment contract's own (backrelief.assessment), so a diary entry and an
assessment speak the same language. Times are the person's local wall-clock times,
stored without a time zone: a diary says "8 in the morning", not an instant in UTC.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any, Literal, get_args

from pydantic import (
    BeforeValidator,
    ConfigDict,
    Field,
    StrictBool,
    StrictInt,
    WithJsonSchema,
    field_validator,
    model_validator,
)

from backrelief.assessment import Ease, Finding, Onset, Radiation, Region, Trigger, Worsen
from backrelief.diary.kept import KeptAssessment, KeptPlan, KeptTriage, KeptWhoToSee
from backrelief.values import Strict

Sleep = Literal["good", "woke_with_pain", "poor", "no_sleep"]
Impact = Literal["none", "a_little", "some", "a_lot", "unable"]
SLEEPS: tuple[Sleep, ...] = ("good", "woke_with_pain", "poor", "no_sleep")
IMPACTS: tuple[Impact, ...] = ("none", "a_little", "some", "a_lot", "unable")

MAX_NOTE = 2000
MAX_DOSE_MG = 5000
# No NUL in any text, top-level or inside a list or a medicine: every JSON route refuses one
# (PostgreSQL text cannot hold it), and the schema says so, so that a client (or
# schemathesis's positive_data_acceptance) is never told a body is valid that is refused.
NO_NUL = r"^[^\x00]*$"
Activity = Annotated[str, Field(pattern=NO_NUL)]


# A diary is about a life: dates outside these years are typing mistakes, and at the far
# ends of the calendar (year 1, 9999) date arithmetic in the report and exports overflows.
FIRST_YEAR, LAST_YEAR = 1900, 2199


# A day as the API's `from` and `to` take it: YYYY-MM-DD in the years above, on the calendar
# (no 30 February; 29 February in leap years only, so not 1900 or 2100), so that the schema
# says exactly what parse_day accepts (tests/diary/test_day_pattern.py checks every day).
DAY_PATTERN = (r"^(?:(?:19|20|21)[0-9]{2}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12][0-9]|3[01])"
               r"|(?:0[469]|11)-(?:0[1-9]|[12][0-9]|30)|02-(?:0[1-9]|1[0-9]|2[0-8]))"
               r"|(?:(?:19|20|21)(?:0[48]|[2468][048]|[13579][26])|2000)-02-29)$")


def in_diary_years(value: date) -> date:
    if not FIRST_YEAR <= value.year <= LAST_YEAR:
        raise ValueError(f"the date must be between {FIRST_YEAR} and {LAST_YEAR}, not {value.isoformat()[:10]}")
    return value


def _written_time(value: Any) -> Any:
    # A number would be read as seconds since 1970: a date and time is written as text.
    if isinstance(value, (int, float)):  # bool is an int too
        raise ValueError("a date and time is written as text, like 2026-11-26T08:30")
    return value


def _written_day(value: Any) -> Any:
    # A number would be read as seconds since 1970: a day is written as text.
    if isinstance(value, (int, float)):  # bool is an int too
        raise ValueError("a day is written as text, like 2026-11-20")
    return value


WrittenDay = Annotated[date, BeforeValidator(_written_day)]


# What the diary answers: the wall-clock time, without a zone (JSON Schema's "date-time"
# needs one), so clients and schema checks read it as what it is.
LocalDateTime = Annotated[datetime, BeforeValidator(_written_time), WithJsonSchema(
    {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$",
     "description": "Local date and time, without a time zone."}, mode="serialization")]


def _naive(value: datetime) -> datetime:
    # Keep the wall-clock time the person gave; a diary has no use for time zones.
    in_diary_years(value)
    return value.replace(tzinfo=None, microsecond=0)


class Medicine(Strict):
    """One dose taken: what, how many milligrams, and when."""

    name: str = Field(min_length=1, max_length=60, pattern=NO_NUL)
    dose_mg: float = Field(gt=0, le=MAX_DOSE_MG)
    taken_at: LocalDateTime | None = None

    @field_validator("name")
    @classmethod
    def _plain_name(cls, value: str) -> str:
        return " ".join(value.lower().split())

    @field_validator("taken_at")
    @classmethod
    def _wall_clock(cls, value: datetime | None) -> datetime | None:
        return None if value is None else _naive(value)


class EntryFields(Strict):
    """Everything a person can write in one diary entry. Only `at` and `pain_now` are needed."""

    at: LocalDateTime
    pain_now: StrictInt = Field(ge=0, le=10)
    pain_worst: StrictInt | None = Field(default=None, ge=0, le=10)
    flares: StrictInt | None = Field(default=None, ge=0, le=100)
    region: Region | None = None
    leg_symptoms: Radiation | None = None
    eased_by: tuple[Ease, ...] = ()
    worsened_by: tuple[Worsen, ...] = ()
    activities: tuple[Activity, ...] = ()
    heat: StrictBool = False
    ice: StrictBool = False
    exercise_minutes: StrictInt | None = Field(default=None, ge=0, le=1440)
    medicines: tuple[Medicine, ...] = ()
    sleep: Sleep | None = None
    impact: Impact | None = None
    new_findings: tuple[Finding, ...] = ()
    notes: str = Field(default="", max_length=MAX_NOTE, pattern=NO_NUL)

    @model_validator(mode="before")
    @classmethod
    def _lists_to_tuples(cls, data: Any) -> Any:
        if isinstance(data, dict):
            # Only lists of plain strings are folded; anything else (a nested list) is left
            # for the field's validation to refuse with a message, not a 500.
            return {k: tuple(dict.fromkeys(v))
                    if isinstance(v, list) and k != "medicines" and all(isinstance(i, str) for i in v) else v
                    for k, v in data.items()}
        return data

    @field_validator("at")
    @classmethod
    def _wall_clock(cls, value: datetime) -> datetime:
        return _naive(value)

    @field_validator("activities")
    @classmethod
    def _short_activities(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        cleaned = tuple(dict.fromkeys(" ".join(a.lower().split()) for a in value if a.strip()))
        for activity in cleaned:
            if len(activity) > 60:
                raise ValueError("each activity must be 60 characters or fewer")
        return cleaned

    @model_validator(mode="after")
    def _worst_not_below_now(self) -> EntryFields:
        if self.pain_worst is not None and self.pain_worst < self.pain_now:
            raise ValueError("pain_worst: the worst pain cannot be lower than the pain now")
        return self

    @property
    def day(self) -> date:
        return self.at.date()

    def medicine_day(self, medicine: Medicine) -> date:
        return (medicine.taken_at or self.at).date()


class EntryCreate(EntryFields):
    """A new entry, as typed by a person or read from an import file."""


def _null_only_where_an_entry_can_be_empty(schema: dict[str, Any]) -> None:
    """The change's schema takes null (to clear a field) only where an entry can hold null:
    `pain_worst: null` clears the worst pain, but an entry always has a heat, an ice, a
    note and its lists, so null for those is refused, and the schema says so (it said null
    for every field, as the Python types do, for "not given")."""
    for name, prop in schema.get("properties", {}).items():
        field = EntryFields.model_fields.get(name)
        if field is None or type(None) in get_args(field.annotation):
            continue
        prop.pop("default", None)
        kept = [branch for branch in prop.pop("anyOf", []) if branch != {"type": "null"}]
        if len(kept) == 1:
            prop.update(kept[0])
        elif kept:
            prop["anyOf"] = kept


class EntryUpdate(Strict):
    """A change to an entry: only the fields given are changed."""

    model_config = ConfigDict(json_schema_extra=_null_only_where_an_entry_can_be_empty)

    at: LocalDateTime | None = None
    pain_now: StrictInt | None = Field(default=None, ge=0, le=10)
    pain_worst: StrictInt | None = Field(default=None, ge=0, le=10)
    flares: StrictInt | None = Field(default=None, ge=0, le=100)
    region: Region | None = None
    leg_symptoms: Radiation | None = None
    eased_by: tuple[Ease, ...] | None = None
    worsened_by: tuple[Worsen, ...] | None = None
    activities: tuple[Activity, ...] | None = None
    heat: StrictBool | None = None
    ice: StrictBool | None = None
    exercise_minutes: StrictInt | None = Field(default=None, ge=0, le=1440)
    medicines: tuple[Medicine, ...] | None = None
    sleep: Sleep | None = None
    impact: Impact | None = None
    new_findings: tuple[Finding, ...] | None = None
    notes: str | None = Field(default=None, max_length=MAX_NOTE, pattern=NO_NUL)

    def changes(self) -> dict[str, Any]:
        return {k: getattr(self, k) for k in self.model_fields_set}


class EntryPublic(EntryFields):
    """A saved entry."""

    id: int
    episode_id: int | None = None


class EpisodeGiven(Strict):
    """When and how this bout of back pain started, as the person gives it (the API's and
    the forms' fields; `None` for onset or trigger: not known)."""

    started_on: WrittenDay
    onset: Onset | None = None
    trigger: Trigger | None = None
    how: str = Field(default="", max_length=500, pattern=NO_NUL)

    @field_validator("started_on")
    @classmethod
    def _sensible_year(cls, value: date) -> date:
        return in_diary_years(value)


class EpisodeCreate(EpisodeGiven):
    """When and how this bout of back pain started."""

    # True when the person gave the start day themselves (`diary start --on`, the web's
    # "How it started"); False when the app worked it out (a check's "how many days ago",
    # an old row or file that does not say). Either limits the dates of their entries; a
    # refusal by a worked-out day says so and how to move it (diary/dates.py).
    start_given: StrictBool = False


class EpisodePublic(EpisodeCreate):
    id: int
    ended_on: date | None = None


class AssessmentRecord(Strict):
    """An assessment with its triage (and plan, when there is one), frozen at the
    knowledge version that produced them, so a report shows what was said then. The one
    shape of a kept check: saved rows, diary files and imports all use it."""

    episode_id: int | None = None
    created_at: datetime
    knowledge_version: str
    disposition: str
    assessment: KeptAssessment
    triage: KeptTriage
    plan: KeptPlan | None = None

    @property
    def review(self) -> KeptWhoToSee | None:
        """The kept plan's review: its day, and who to see then when not clearly better."""
        return None if self.plan is None else self.plan.who_to_see


class SavedAssessment(AssessmentRecord):
    """A kept check, with its row id."""

    id: int
