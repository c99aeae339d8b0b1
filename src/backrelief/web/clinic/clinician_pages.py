"""The clinician's pages: the dashboard, a code from a patient, and a patient's shared data.

Read-only. Each view of a patient's data writes an audit row first. A patient who did not
share (or stopped sharing) is "not found", exactly like a patient who does not exist.
"""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request
from starlette.responses import Response

from backrelief.clinic.accounts import User
from backrelief.clinic.dashboard import dashboard
from backrelief.clinic.sharing import SCOPE_LABELS, Share
from backrelief.errors import InvalidInput, NotFound, Problem
from backrelief.render.report import report_html, report_pdf
from backrelief.services.report import build_report
from backrelief.storage import Assessments, Entries
from backrelief.storage.tables import MAX_ROW_ID
from backrelief.web.clinic.account_pages import Form, form_of, text
from backrelief.web.clinic.context import clinic, clinic_page, require_page_user
from backrelief.web.render import services
from backrelief.web.security import styled_document

router = APIRouter()
# Ids are 32-bit columns on PostgreSQL: a larger one cannot exist (and must not reach the query).
MAX_ID = MAX_ROW_ID
NO_PATIENT = "There is no such patient, or they do not share this with you."


def clinician(request: Request) -> User:
    user = require_page_user(request)
    if user.role != "clinician":
        raise HTTPException(404, "There is nothing at this address.")
    return user


def scopes_or_404(request: Request, user: User, patient_id: int, need: set[str]) -> frozenset[str]:
    c = clinic(request)
    scopes = c.sharing.scopes_for(user, patient_id) if 1 <= patient_id <= MAX_ID else frozenset()
    if not scopes & need:
        # The patient learns of the attempt; the clinician learns nothing: the same 404, and
        # the same write for a real patient's id and any other (see Audit.refused).
        c.audit.refused(user, patient_id, " ".join(sorted(need)))
        raise NotFound(NO_PATIENT)
    return scopes


def shared_dashboard(request: Request, user: User) -> list[object]:
    shares: list[Share] = clinic(request).sharing.patients_of(user)
    clinic(request).audit.viewed(user, [s.patient_id for s in shares], "summary")
    return list(dashboard(clinic(request).engine, shares, services(request).clock()))


@router.get("/clinician")
def home(request: Request, notice: str = "") -> Response:
    user = clinician(request)
    return clinic_page(request, "dashboard.html", {"rows": shared_dashboard(request, user), "scope_labels": SCOPE_LABELS})


@router.post("/clinician/redeem")
def redeem(request: Request, form: Form) -> Response:
    user = clinician(request)
    form = form_of(form, "code")
    code = text(form, "code")
    try:
        if not code.strip():
            raise InvalidInput([Problem("code", "Enter the code the patient gave you.")])
        share = clinic(request).sharing.redeem(user, code)
    except (InvalidInput, NotFound) as error:
        message = error.problems[0].message if isinstance(error, InvalidInput) else str(error)
        errors = [{"field": "code", "label": "Code", "message": message}]
        return clinic_page(request, "dashboard.html", {"rows": shared_dashboard(request, user), "errors": errors,
                                                       "scope_labels": SCOPE_LABELS}, status=400)
    notice = f"{share.patient_label} now shares with you."
    return clinic_page(request, "dashboard.html", {"rows": shared_dashboard(request, user), "notice": notice,
                                                   "scope_labels": SCOPE_LABELS})


@router.get("/clinician/patients/{patient_id:int}")
def patient(request: Request, patient_id: int) -> Response:
    user = clinician(request)
    scopes = scopes_or_404(request, user, patient_id, {"diary", "assessments", "reports"})
    c = clinic(request)
    shown = [w for w in ("diary", "assessments") if w in scopes]
    for what in shown:
        c.audit.viewed(user, patient_id, what)
    who = c.accounts.get(patient_id)
    return clinic_page(request, "patient.html", {
        "patient": who, "patient_id": patient_id, "scopes": scopes,
        "entries": Entries(c.engine, patient_id).list(newest_first=True, limit=200) if "diary" in scopes else [],
        "assessments": list(reversed(Assessments(c.engine, patient_id).list())) if "assessments" in scopes else [],
    })


@router.get("/clinician/patients/{patient_id:int}/report")
def report(request: Request, patient_id: int) -> Response:
    user = clinician(request)
    scopes_or_404(request, user, patient_id, {"reports"})
    clinic(request).audit.viewed(user, patient_id, "report")
    built = build_report(clinic(request).engine, services(request).clock(), person_id=patient_id)
    return styled_document(report_html(built))


@router.get("/clinician/patients/{patient_id:int}/report.pdf")
def report_pdf_file(request: Request, patient_id: int) -> Response:
    """The same PDF the patient prints. (The HTML report's own print styles are inline, which
    the app's Content-Security-Policy does not apply on screen; the PDF has them.)"""
    user = clinician(request)
    scopes_or_404(request, user, patient_id, {"reports"})
    clinic(request).audit.viewed(user, patient_id, "report", "pdf")
    built = build_report(clinic(request).engine, services(request).clock(), person_id=patient_id)
    return Response(report_pdf(built), media_type="application/pdf",
                    headers={"content-disposition": f'attachment; filename="report-{patient_id}-{built.today}.pdf"'})
