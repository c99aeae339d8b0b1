"""The diary pages: add an entry quickly, list, edit, and delete after a confirmation."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from fastapi import APIRouter, Request
from starlette.responses import RedirectResponse, Response

from backrelief.diary import insights
from backrelief.diary.models import EntryPublic, EntryUpdate
from backrelief.errors import NotFound
from backrelief.render import charts
from backrelief.storage import Assessments, Entries, Episodes
from backrelief.storage.tables import MAX_ROW_ID
from backrelief.web.entry_days import days_for
from backrelief.web.pages.diary_form import (
    ENTRY_WORDS,
    IMPACT_LABELS,
    MEDICINE_ROWS,
    NEW_SIGNS,
    SLEEP_LABELS,
    read_entry,
    screen_choices,
    typed_values,
    values_of,
)
from backrelief.web.render import FieldError, page, services

router = APIRouter()

LIST_LIMIT = 100
# Fields the form does not show, kept as they are when an entry is edited.
NOT_IN_FORM = ("region", "leg_symptoms", "activities")
MAX_ID = MAX_ROW_ID


def _entries(request: Request) -> Entries:
    return Entries(services(request).engine)


def _form_context(request: Request, values: dict[str, Any], errors: list[FieldError]) -> dict[str, Any]:
    return {
        "values": values,
        "errors": errors,
        "error_for": {e.field: e.message for e in errors},
        "eases": screen_choices(request, "eases"),
        "worsens": screen_choices(request, "worsens"),
        "sleeps": SLEEP_LABELS,
        "impacts": IMPACT_LABELS,
        "medicine_rows": range(1, MEDICINE_ROWS + 1),
        "new_signs": NEW_SIGNS,
        "words": ENTRY_WORDS,
    }


def _new_values() -> dict[str, Any]:
    now = datetime.now()
    return {"day": now.date().isoformat(), "time": now.strftime("%H:%M")}


def diary_charts(entries: list[EntryPublic]) -> list[tuple[str, str]]:
    """Pain, flare-ups and medicines as SVG made on the server (render.charts), with captions."""
    return [
        ("Pain each day, from 0 to 10", charts.pain_chart(insights.daily_pain(entries))),
        ("Flare-ups each week", charts.flares_chart(insights.flares_per_week(entries))),
        ("Medicines each day", charts.medicines_chart(insights.medicine_days(entries))),
    ]


def recheck_prompts(request: Request, entries: list[EntryPublic]) -> list[insights.Prompt]:
    """When a new check (or a doctor) is due, from the diary's insights: one action shown."""
    s = services(request)
    latest = Assessments(s.engine).latest()
    return insights.one_action(insights.recheck_prompts(entries, Episodes(s.engine).latest(), s.clock(),
                                                        latest.assessment if latest else None,
                                                        review=latest.review if latest else None))


def diary_page(request: Request, values: dict[str, Any] | None = None, errors: list[FieldError] | None = None,
               notice: str = "") -> Response:
    entries = _entries(request)
    shown = entries.list(newest_first=True, limit=LIST_LIMIT)
    total = entries.count()
    everything = entries.list() if total else []
    prompts = recheck_prompts(request, everything)
    emergency = any(p.level == "emergency" for p in prompts)
    context = {
        **_form_context(request, values or _new_values(), errors or []),
        "entries": shown,
        "total": total,
        "notice": notice,
        "charts": diary_charts(everything) if total else [],
        "prompts": prompts,
        "episode": Episodes(services(request).engine).latest(),
        "start_words": dict(screen_choices(request, "onset") + screen_choices(request, "trigger")),
        # Days over a medicine's daily limit, newest last (the diary's insights decide);
        # not beside an emergency, which is the one thing to do now.
        "warnings": [] if emergency else [w for day in insights.medicine_days(everything) for w in day.warnings][-3:],
    }
    return page(request, "diary.html", context, status=400 if errors else 200)


@router.get("/diary")
async def diary(request: Request, done: str = "") -> Response:
    notices = {"started": "How it started is saved.", "added": "Your entry is saved.",
               "changed": "Your changes are saved.", "deleted": "The entry was deleted."}
    return diary_page(request, notice=notices.get(done, ""))


@router.post("/diary")
async def add_entry(request: Request) -> Response:
    form = await request.form()
    entry, errors = read_entry(form, days_for(request, services(request).engine))
    if entry is None:
        return diary_page(request, typed_values(form), errors)
    _entries(request).add(entry)
    return RedirectResponse("/diary?done=added", status_code=303)


def _entry(request: Request, entry_id: int) -> EntryPublic | None:
    if not 1 <= entry_id <= MAX_ID:
        return None
    try:
        return _entries(request).get(entry_id)
    except NotFound:
        return None


@router.get("/diary/{entry_id:int}/edit")
async def edit_entry(request: Request, entry_id: int) -> Response:
    entry = _entry(request, entry_id)
    if entry is None:
        return page(request, "not_found.html", status=404)
    return page(request, "diary_edit.html", {**_form_context(request, values_of(entry), []), "entry": entry})


@router.post("/diary/{entry_id:int}/edit")
async def save_entry(request: Request, entry_id: int) -> Response:
    saved = _entry(request, entry_id)
    if saved is None:
        return page(request, "not_found.html", status=404)
    form = await request.form()
    keep = {key: getattr(saved, key) for key in NOT_IN_FORM}
    entry, errors = read_entry(form, days_for(request, services(request).engine),
                               keep={k: list(v) if isinstance(v, tuple) else v for k, v in keep.items()}, saved_at=saved.at,
                               saved_note=saved.notes)
    if entry is None:
        return page(request, "diary_edit.html", {**_form_context(request, typed_values(form), errors), "entry": saved},
                    status=400)
    _entries(request).update(entry_id, EntryUpdate.model_validate(entry.model_dump()))
    return RedirectResponse("/diary?done=changed", status_code=303)


@router.get("/diary/{entry_id:int}/delete")
async def confirm_delete(request: Request, entry_id: int) -> Response:
    entry = _entry(request, entry_id)
    if entry is None:
        return page(request, "not_found.html", status=404)
    return page(request, "diary_delete.html", {"entry": entry})


@router.post("/diary/{entry_id:int}/delete")
async def delete_entry(request: Request, entry_id: int) -> Response:
    if _entry(request, entry_id) is None:
        return page(request, "not_found.html", status=404)
    _entries(request).delete(entry_id)
    return RedirectResponse("/diary?done=deleted", status_code=303)
