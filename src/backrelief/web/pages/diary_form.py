"""The diary entry form: from form fields to the diary's own parser, and back again.

What the person typed is always returned, so a mistake never loses it. The checks are
the diary's (`backrelief.diary.parsing`); this only turns form text into its input, and
each problem into the form's words from its parts (`Problem.for_form`), never by editing
the sentence the checker wrote.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from fastapi import Request
from starlette.datastructures import FormData

from backrelief.diary.dates import EntryDays, checked_entry
from backrelief.diary.models import EntryCreate, EntryPublic
from backrelief.diary.parsing import FIELD_LABELS, day_and_time, dose_time
from backrelief.errors import InvalidInput, Problem
from backrelief.web.render import FieldError, services

MEDICINE_ROWS = 2
NUMBERS = ("pain_now", "pain_worst", "flares", "exercise_minutes")
LABELS = FIELD_LABELS
# Where the error summary sends the keyboard for each field.
ANCHORS = {"at": "day", "medicines": "med_name_1"}


@dataclass(frozen=True)
class EntryWords:
    """What an entry form says beside its fields and about what was typed in them: the
    home form and the clinic's patient form alike (one source, so a field is never worded
    two ways; web/clinic/patient_pages.py reads its form with these too). Attributes, not
    a dict: code that words a mistake cannot name a word that is not here (mypy)."""

    when_hint: str = "The date and time of this entry. It is set to now."
    pain_now: str = "Pain now, from 0 (no pain) to 10 (worst you can imagine)"
    pain_worst: str = "Worst pain since the last entry, from 0 to 10"
    medicines: str = "Medicines taken"
    medicines_hint: str = "The name, the dose in mg (as on the pack) and the time."
    medicine: str = "Medicine"
    dose: str = "Dose"
    dose_unit: str = "(mg)"
    notes: str = "Notes (optional)"
    notes_hint: str = "Anything you want to remember: what you did, how it felt."
    no_date: str = "Enter the date, for example 2026-11-26"
    bad_date: str = "Enter a real date and time, for example 2026-11-26 and 08:30"
    no_pain: str = "Enter how bad the pain is now, from 0 (none) to 10 (worst)"
    name_and_dose: str = "give both the name and the dose in mg"
    dose_number: str = "the dose must be a number of mg, like 400"
    dose_time: str = "the time must look like 08:30"


ENTRY_WORDS = EntryWords()

# Warning signs a person may notice between checks, in short words for the checkboxes.
# Presentation only: what a new one means is decided by triage (through the diary's
# re-check prompts), not here.
NEW_SIGNS = (
    ("saddle_numbness", "Numbness around my bottom, genitals or inner thighs"),
    ("new_bladder_problem", "New trouble peeing, or leaking pee"),
    ("new_bowel_incontinence", "Lost control of my bowels"),
    ("leg_weakness_worsening", "A leg is getting weaker"),
    ("foot_drop", "A foot drags or slaps down"),
    ("unsteady_walking", "Unsteady when I walk"),
    ("unable_to_walk", "I cannot walk"),
    ("leg_numbness", "Numbness or pins and needles in a leg"),
    ("fever", "A high temperature, or hot and shivery"),
)
SLEEP_LABELS = (("good", "Slept well"), ("woke_with_pain", "Woke with pain"), ("poor", "Slept badly"),
                ("no_sleep", "Hardly slept"))
IMPACT_LABELS = (("none", "None"), ("a_little", "A little"), ("some", "Some"), ("a_lot", "A lot"),
                 ("unable", "Could not do my usual things"))


def screen_choices(request: Request, question_id: str) -> list[tuple[str, str]]:
    """A question's choices as the check words them (value, label): the diary uses the same words."""
    for q in services(request).knowledge.screen:
        if q.id == question_id:
            return [(c.value, c.label) for c in q.choices]
    return []


def plain_error(problem: Problem, anchors: dict[str, str] | None = None) -> FieldError:
    """A diary problem as a form shows it: the field's label, and "Enter ..." for what is
    allowed. `anchors`: where the error summary sends the keyboard (the form's field ids)."""
    label = LABELS.get(problem.field) or problem.field.replace("_", " ").capitalize()
    return FieldError((ANCHORS if anchors is None else anchors).get(problem.field, problem.field), label,
                      problem.for_form())


def form_number(raw: str) -> int | str | None:
    """A number box's text: a whole number, or the text as typed for the diary's checker to
    word what is wrong (never a number guessed from it); None when it is empty."""
    raw = raw.strip()
    if not raw:
        return None
    return int(raw) if raw.isdigit() and len(raw) < 7 else raw


def typed_values(form: FormData) -> dict[str, Any]:
    """Everything typed, as the template shows it again."""
    values: dict[str, Any] = {key: str(form.get(key) or "") for key in form}
    for key in ("eased_by", "worsened_by", "new_findings"):
        values[key] = [str(v) for v in form.getlist(key)]
    return values


def values_of(entry: EntryPublic) -> dict[str, Any]:
    """A saved entry as form values (for the edit page)."""
    values: dict[str, Any] = {
        "day": entry.at.date().isoformat(),
        "time": entry.at.strftime("%H:%M"),
        "pain_now": str(entry.pain_now),
        "pain_worst": "" if entry.pain_worst is None else str(entry.pain_worst),
        "flares": "" if entry.flares is None else str(entry.flares),
        "exercise_minutes": "" if entry.exercise_minutes is None else str(entry.exercise_minutes),
        "eased_by": list(entry.eased_by),
        "worsened_by": list(entry.worsened_by),
        "new_findings": list(entry.new_findings),
        "heat": "on" if entry.heat else "",
        "ice": "on" if entry.ice else "",
        "sleep": entry.sleep or "",
        "impact": entry.impact or "",
        "notes": entry.notes,
    }
    for i, medicine in enumerate(entry.medicines[:MEDICINE_ROWS], start=1):
        values[f"med_name_{i}"] = medicine.name
        values[f"med_dose_{i}"] = f"{medicine.dose_mg:g}"
        values[f"med_time_{i}"] = medicine.taken_at.strftime("%H:%M") if medicine.taken_at else ""
    return values


def read_entry(form: FormData, days: EntryDays, keep: dict[str, Any] | None = None,
               saved_at: datetime | None = None, saved_note: str | None = None,
               ) -> tuple[EntryCreate | None, list[FieldError]]:
    """The entry in the form, or every error at once, naming each field. `days`: the dates
    it may have; `keep`: fields the form does not show (activities, region...) carried over
    from the saved entry when editing, dated `saved_at`."""
    problems: list[Problem] = []
    data: dict[str, Any] = dict(keep or {})
    day_text = str(form.get("day") or "").strip()
    time_text = str(form.get("time") or "").strip() or "12:00"
    at: datetime | None = None
    if not day_text:
        problems.append(Problem("at", ENTRY_WORDS.no_date))
    else:
        at = day_and_time(day_text, time_text)
        if at is None:
            problems.append(Problem("at", ENTRY_WORDS.bad_date))
    pain_now = form_number(str(form.get("pain_now") or ""))
    if pain_now is None:
        problems.append(Problem("pain_now", ENTRY_WORDS.no_pain))
    data.update({
        "at": at,
        "pain_now": pain_now,
        "pain_worst": form_number(str(form.get("pain_worst") or "")),
        "flares": form_number(str(form.get("flares") or "")),
        "exercise_minutes": form_number(str(form.get("exercise_minutes") or "")),
        "eased_by": [str(v) for v in form.getlist("eased_by")],
        "worsened_by": [str(v) for v in form.getlist("worsened_by")],
        "new_findings": [str(v) for v in form.getlist("new_findings")],
        "heat": form.get("heat") == "on",
        "ice": form.get("ice") == "on",
        "sleep": str(form.get("sleep") or "") or None,
        "impact": str(form.get("impact") or "") or None,
        "notes": str(form.get("notes") or "").strip(),
        "medicines": _medicines(form, at, problems),
    })
    try:
        return checked_entry(data, days, saved_at=saved_at, saved_note=saved_note, already=problems), []
    except InvalidInput as error:
        return None, [plain_error(p) for p in error.problems]


def _medicines(form: FormData, at: datetime | None, problems: list[Problem]) -> list[dict[str, Any]]:
    medicines: list[dict[str, Any]] = []
    for i in range(1, MEDICINE_ROWS + 1):
        name = str(form.get(f"med_name_{i}") or "").strip()
        dose = str(form.get(f"med_dose_{i}") or "").strip().lower().removesuffix("mg").strip()
        when = str(form.get(f"med_time_{i}") or "").strip()
        if not name and not dose:
            continue
        if not name or not dose:
            problems.append(Problem("medicines", f"Medicine {i}: {ENTRY_WORDS.name_and_dose}"))
            continue
        try:
            dose_mg = float(dose)
        except ValueError:
            problems.append(Problem("medicines", f"Medicine {i}: {ENTRY_WORDS.dose_number}"))
            continue
        taken_at = None
        if when and at is not None:
            taken_at = dose_time(at.date(), when)
            if taken_at is None:
                problems.append(Problem("medicines", f"Medicine {i}: {ENTRY_WORDS.dose_time}"))
                continue
        medicines.append({"name": name, "dose_mg": dose_mg, "taken_at": taken_at})
    return medicines
