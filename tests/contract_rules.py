"""The assessment and diary contracts' rules that JSON Schema cannot say, written out once
more here, independently of the app's code, for the schema tests (schemathesis): a body
that breaks one of these is rightly refused (a documented 422), so the check that a
schema-valid body is accepted (`positive_data_acceptance`) is not run for it. Every other
schema-valid body must be accepted, so these stay the contract's rules, not whatever the
app happens to refuse (docs/spec/assessment-input.md, docs/diary.md).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

FIRST_YEAR, LAST_YEAR = 1900, 2199
ASSESSMENT_WHOLE_NUMBERS = ("age", "pregnancy_weeks", "severity", "worst_severity", "duration_days",
                            "episodes_last_year")
ENTRY_WHOLE_NUMBERS = ("pain_now", "pain_worst", "flares", "exercise_minutes")


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _has_nul(value: Any) -> bool:
    # PostgreSQL text cannot hold NUL: refused with a 422 on every route (docs/clinic.md).
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_has_nul(k) or _has_nul(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_has_nul(v) for v in value)
    return False


def _float_for_whole(body: dict[str, Any], names: tuple[str, ...]) -> bool:
    # JSON Schema counts 5.0 as an integer; the contract takes whole numbers as JSON integers.
    return any(isinstance(body.get(n), float) for n in names)


def _overlap(*lists: Any) -> bool:
    # Only the names count (a negative case may put objects in a list: not a clash).
    sets = [{i for i in _list(x) if isinstance(i, str)} for x in lists]
    return any(sets[i] & sets[j] for i in range(len(sets)) for j in range(i + 1, len(sets)))


def assessment_beyond_the_schema(body: Any) -> bool:
    if not isinstance(body, dict):
        return False
    unsure = _list(body.get("fields_unsure"))
    return (
        _has_nul(body)
        or _float_for_whole(body, ASSESSMENT_WHOLE_NUMBERS)
        or (body.get("leg_sides") is not None and body.get("radiation") == "none")
        or ("leg_sides" in unsure and body.get("radiation") == "none")
        or any(isinstance(k, str) and body.get(k) is not None for k in unsure)
        or (body.get("pregnancy_weeks") is not None and body.get("pregnant") is False)
        or _overlap(body.get("findings"), body.get("findings_absent"), body.get("findings_unsure"))
        or _overlap(body.get("current_medicines"), body.get("current_medicines_absent"),
                    body.get("current_medicines_unsure"))
        or _overlap(body.get("history"), body.get("history_absent"))
    )


# What the interview engine joins: the reader's understanding, then the answers over it; the
# lists of findings and history are made from the answers by name, never taken from `fields`.
_JOINED_LISTS = ("findings", "findings_absent", "findings_unsure", "history", "history_absent", "fields_unsure")


def interview_beyond_the_schema(body: Any) -> bool:
    """An interview state whose `base`, `fields` or the two together break one of the
    assessment contract's rules across fields (then a 422 is right)."""
    if not isinstance(body, dict):
        return False
    base: dict[str, Any] = body["base"] if isinstance(body.get("base"), dict) else {}
    fields: dict[str, Any] = body["fields"] if isinstance(body.get("fields"), dict) else {}
    joined = {k: v for k, v in {**base, **fields}.items() if k not in _JOINED_LISTS}
    return (_has_nul(body) or assessment_beyond_the_schema(base) or assessment_beyond_the_schema(fields)
            or assessment_beyond_the_schema(joined))


def _time(value: Any) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        return None


def _day_out_of_bounds(value: Any, today: date) -> bool:
    at = _time(value)
    if at is None:
        return False
    # The person's today may be a day either side of the server's (their time zone).
    return not FIRST_YEAR <= at.year <= LAST_YEAR or at.date() >= today


def entry_beyond_the_schema(body: Any, today: date) -> bool:
    if not isinstance(body, dict):
        return False
    now, worst = body.get("pain_now"), body.get("pain_worst")
    medicines, activities = _list(body.get("medicines")), _list(body.get("activities"))
    return (
        _has_nul(body)
        or _float_for_whole(body, ENTRY_WHOLE_NUMBERS)
        or (isinstance(now, int) and isinstance(worst, int) and worst < now)
        or _day_out_of_bounds(body.get("at"), today)
        or any(isinstance(m, dict) and _day_out_of_bounds(m.get("taken_at"), date.max) for m in medicines)
        or any(isinstance(m, dict) and isinstance(m.get("name"), str) and not m["name"].strip() for m in medicines)
        or any(isinstance(a, str) and len(" ".join(a.split())) > 60 for a in activities)
    )
