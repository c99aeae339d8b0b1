"""The patient's own pages in clinic mode: diary, report, sharing and "who looked at my data".

Every route takes the person from the session; nothing in the address says whose data it is.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, HTTPException, Request
from starlette.datastructures import FormData
from starlette.responses import RedirectResponse, Response

from backrelief.clinic.accounts import User, normalise_email
from backrelief.clinic.audit import WHAT_LABELS
from backrelief.clinic.sharing import SCOPE_LABELS, SCOPES, shown_code
from backrelief.diary.dates import checked_entry
from backrelief.diary.parsing import day_and_time
from backrelief.errors import InvalidInput, NotFound, Problem
from backrelief.render.report import report_html, report_pdf
from backrelief.services.episodes import save_start
from backrelief.services.report import build_report
from backrelief.storage import Entries, Episodes
from backrelief.storage.tables import MAX_ROW_ID
from backrelief.web.clinic.account_pages import Form, form_of, problems_of, text
from backrelief.web.clinic.context import clinic, clinic_page, require_page_user
from backrelief.web.entry_days import days_for
from backrelief.web.pages.diary_form import ENTRY_WORDS, form_number, plain_error
from backrelief.web.pages.episode import FIELDS as START_FIELDS
from backrelief.web.pages.episode import NO_DAY, form_context, form_data, values_of
from backrelief.web.render import services
from backrelief.web.security import styled_document

router = APIRouter()
LIST_LIMIT = 100
ENTRY_FIELDS = ("day", "time", "pain_now", "pain_worst", "medicine", "dose_mg", "notes")
MAX_ID = MAX_ROW_ID
NOTICES = {"added": "Your entry is saved.", "started": "How it started is saved."}


def patient(request: Request) -> User:
    user = require_page_user(request)
    if user.role != "patient":
        raise HTTPException(404, "There is nothing at this address.")
    return user


# Where the error summary sends the keyboard: this form's own field ids.
ANCHORS = {"at": "day", "medicines": "medicine"}


def entry_from(form: FormData) -> tuple[dict[str, Any], list[Problem]]:
    """The form's text as the diary contract's fields, and what is wrong with the text
    itself; the diary's checker then adds the rest, so every problem is named at once."""
    data: dict[str, Any] = {}
    problems: list[Problem] = []
    day, time = text(form, "day"), text(form, "time") or "12:00"
    at = day_and_time(day, time)
    if at is not None:
        data["at"] = at
    else:
        problems.append(Problem("at", ENTRY_WORDS.bad_date))
    # The numbers and the dose are read as the home form reads them, and worded from the
    # same words (or by the diary's checker, which words the home form's too).
    pain_now = form_number(text(form, "pain_now"))
    if pain_now is None:
        problems.append(Problem("pain_now", ENTRY_WORDS.no_pain))
    data["pain_now"] = pain_now
    data["pain_worst"] = form_number(text(form, "pain_worst"))
    medicine, dose = text(form, "medicine").strip(), text(form, "dose_mg").strip().lower().removesuffix("mg").strip()
    if medicine or dose:
        try:
            if not medicine:
                raise ValueError(medicine)
            data["medicines"] = [{"name": medicine, "dose_mg": float(dose), "taken_at": data.get("at")}]
        except ValueError:
            words = ENTRY_WORDS.dose_number if medicine and dose else ENTRY_WORDS.name_and_dose
            problems.append(Problem("medicines", words[:1].upper() + words[1:]))
    data["notes"] = text(form, "notes")
    return data, problems


def diary_context(request: Request, user: User, values: dict[str, Any] | None = None) -> dict[str, Any]:
    entries = Entries(clinic(request).engine, user.id)
    return {"entries": entries.list(newest_first=True, limit=LIST_LIMIT), "total": entries.count(),
            "episode": Episodes(clinic(request).engine, user.id).latest(),
            "values": values or {"day": services(request).clock().isoformat(), "time": "09:00"},
            "words": ENTRY_WORDS}


@router.get("/my/diary")
def my_diary(request: Request, done: str = "") -> Response:
    user = patient(request)
    return clinic_page(request, "my_diary.html", {**diary_context(request, user),
                                                 "notice": NOTICES.get(done, "")})


@router.post("/my/diary")
def add_entry(request: Request, form: Form) -> Response:
    user = patient(request)
    form = form_of(form, *ENTRY_FIELDS)
    data, problems = entry_from(form)
    try:
        entry = checked_entry(data, days_for(request, clinic(request).engine, user.id), already=problems)
    except InvalidInput as error:
        values = {k: text(form, k) for k in ENTRY_FIELDS}
        return clinic_page(request, "my_diary.html", {**diary_context(request, user, values),
                                                     "errors": [plain_error(p, ANCHORS) for p in error.problems]},
                           status=400)
    Entries(clinic(request).engine, user.id).add(entry)
    return RedirectResponse("/my/diary?done=added", status_code=303)


CLINIC_START = {"action": "/my/how-it-started", "diary_url": "/my/diary"}


@router.get("/my/how-it-started")
def my_start(request: Request) -> Response:
    user = patient(request)
    episode = Episodes(clinic(request).engine, user.id).latest()
    return clinic_page(request, "how_it_started.html",
                       form_context(request, values_of(episode), [], episode, CLINIC_START))


@router.post("/my/how-it-started")
def save_my_start(request: Request, form: Form) -> Response:
    """The home diary's form and rules (web.pages.episode, services.episodes), for this person."""
    user = patient(request)
    form = form_of(form, *START_FIELDS)
    engine = clinic(request).engine
    episode = Episodes(engine, user.id).latest()
    typed, data = {k: text(form, k) for k in START_FIELDS}, form_data(form)
    errors = [NO_DAY] if data["started_on"] is None else []
    if not errors:
        try:
            saved = save_start(engine, data, days_for(request, engine, user.id).last, person_id=user.id)
        except InvalidInput as error:
            errors = [plain_error(p) for p in error.problems]
    if errors:
        return clinic_page(request, "how_it_started.html",
                           form_context(request, typed, errors, episode, CLINIC_START), status=400)
    if saved.alert is None:
        return RedirectResponse("/my/diary?done=started", status_code=303)
    return clinic_page(request, "how_it_started_saved.html",
                       {"alert": saved.alert, "episode": saved.episode, **CLINIC_START})


@router.get("/my/report")
def my_report(request: Request) -> Response:
    user = patient(request)
    report = build_report(clinic(request).engine, services(request).clock(), person_id=user.id)
    return styled_document(report_html(report))


@router.get("/my/report.pdf")
def my_report_pdf(request: Request) -> Response:
    user = patient(request)
    report = build_report(clinic(request).engine, services(request).clock(), person_id=user.id)
    return Response(report_pdf(report), media_type="application/pdf",
                    headers={"content-disposition": f'attachment; filename="backrelief-report-{report.today}.pdf"'})


@router.get("/sharing")
def sharing(request: Request) -> Response:
    user = patient(request)
    return sharing_page(request, user)


def sharing_page(request: Request, user: User, status: int = 200, **extra: Any) -> Response:
    context = {"shares": clinic(request).sharing.shares_of(user), "scopes": SCOPES, "scope_labels": SCOPE_LABELS, **extra}
    return clinic_page(request, "sharing.html", context, status=status)


def chosen_scopes(form: FormData) -> list[str]:
    return [v for v in form.getlist("scopes") if isinstance(v, str)][:10]


@router.post("/sharing/invite")
def invite(request: Request, form: Form) -> Response:
    user = patient(request)
    form = form_of(form, "scopes")
    try:
        code, expires = clinic(request).sharing.invite(user, chosen_scopes(form))
    except InvalidInput as error:
        return sharing_page(request, user, status=400, errors=problems_of(error))
    return sharing_page(request, user, code=shown_code(code), expires=expires)


@router.post("/sharing/clinician")
def share_with_clinician(request: Request, form: Form) -> Response:
    user = patient(request)
    form = form_of(form, "email", "scopes")
    try:
        email = normalise_email(text(form, "email"))
        clinic(request).sharing.share_with(user, email, chosen_scopes(form))
    except InvalidInput as error:
        return sharing_page(request, user, status=400, errors=problems_of(error))
    # The same words whether or not a clinician has this address.
    return sharing_page(request, user, notice=f"If {email} is a clinician here, they can now see what you chose.")


@router.post("/sharing/{share_id:int}/revoke")
def revoke(request: Request, share_id: int) -> Response:
    user = patient(request)
    if not 1 <= share_id <= MAX_ID:
        raise NotFound("There is no such share.")
    clinic(request).sharing.revoke(user, share_id)
    return sharing_page(request, user, notice="Sharing stopped. They can no longer see your data.")


@router.get("/my/audit")
def audit(request: Request, page: int = 1, refused_page: int = 1) -> Response:
    user = require_page_user(request)
    log = clinic(request).audit
    return clinic_page(request, "audit.html", {"reads": log.of_patient(user, "reads", page),
                                               "refused": log.of_patient(user, "refused", refused_page),
                                               "labels": WHAT_LABELS})
