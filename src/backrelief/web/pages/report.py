"""The report for the doctor (preview, PDF, HTML) and the export and import of the diary.

The report module builds and renders the report; the exchange module reads and writes the
files. These pages only choose the period, hand over, and say what happened.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.responses import Response

from backrelief.diary.parsing import Period, parse_period
from backrelief.errors import InvalidInput, Problem
from backrelief.render.fhir_codes import FHIR_MEDIA_TYPE
from backrelief.render.report import AFTER_CHECK, Report, report_html, report_pdf
from backrelief.services.exchange import export_text, import_text, preview_import
from backrelief.services.report import build_report
from backrelief.web.render import page, services

router = APIRouter()

MAX_IMPORT_BYTES = 2 * 1024 * 1024
EXPORTS = {
    "csv": ("text/csv; charset=utf-8", "backrelief-diary.csv"),
    "json": ("application/json", "backrelief-diary.json"),
    "fhir": (FHIR_MEDIA_TYPE, "backrelief-diary-fhir.json"),
}


# The form's own words for its two fields (the API and CLI name theirs 'from' and '--from').
FORM_PERIOD = ("the start date", "The end date")


# The report's addresses (/report, /report.pdf, /report.html) take the form's two names and
# no others: a name they do not know (the API's 'from', a typo) is refused, never ignored,
# or a link would silently give the whole diary when the person asked for a fortnight.
PERIOD_NAMES = ("start", "end")


def _unknown_names(request: Request) -> list[Problem]:
    # field '': about the address as a whole ('from' is also parse_period's own key for 'start').
    return [Problem("", f"'{name[:40]}' is not a setting of this address; the report's period is given "
                               f"as 'start' and 'end', dates like 2026-11-01 (both may be left out)")
            for name in dict.fromkeys(request.query_params.keys()) if name not in PERIOD_NAMES]


def form_period(request: Request) -> tuple[Period, list[Problem]]:
    """The report's period from the form (empty is open), with what is wrong in it."""
    unknown = _unknown_names(request)
    try:
        period = parse_period(request.query_params.get("start"), request.query_params.get("end"), FORM_PERIOD)
    except InvalidInput as error:
        return Period(), unknown + error.problems
    return (Period() if unknown else period), unknown


def file_period(request: Request) -> Period:
    """The period for a download: anything wrong is refused (4xx) with every problem named."""
    period, problems = form_period(request)
    if problems:
        raise InvalidInput(problems)
    return period


async def report_for(request: Request, period: Period) -> Report:
    s = services(request)
    return await run_in_threadpool(build_report, s.engine, s.clock(), period.first, period.last)


def attachment(body: bytes | str, media_type: str, filename: str) -> Response:
    return Response(body, media_type=media_type, headers={"Content-Disposition": f'attachment; filename="{filename}"'})


@router.get("/report")
async def report_page(request: Request, start: str = "", end: str = "") -> Response:
    chosen, problems = form_period(request)
    report = await report_for(request, chosen)
    query = "&".join(f"{name}={day}" for name, day in (("start", chosen.first), ("end", chosen.last)) if day)
    labels = {"from": "From", "to": "To"}  # parse_period's fields
    return page(request, "report.html", {
        "r": report,
        "start": start,
        "end": end,
        "query": f"?{query}" if query else "",
        # An unknown name belongs to no field of the form (field ''): its line links to the page.
        "errors": [{"field": p.field, "label": labels.get(p.field, "The address"), "message": p.message}
                   for p in problems],
        "error_for": {p.field: p.message for p in problems if p.field},
        "reasons": report.latest.triage.reasons if report.latest else (),
        "after_check_row": AFTER_CHECK,
    }, status=400 if problems else 200)


@router.get("/report.pdf")
async def report_pdf_file(request: Request) -> Response:
    report = await report_for(request, file_period(request))
    body = await run_in_threadpool(report_pdf, report)
    return attachment(body, "application/pdf", f"backrelief-report-{report.today.isoformat()}.pdf")


@router.get("/report.html")
async def report_html_file(request: Request) -> Response:
    report = await report_for(request, file_period(request))
    # A download, not a page here: the report carries its own print styles, which this
    # app's Content-Security-Policy would not apply.
    return attachment(report_html(report), "text/html; charset=utf-8",
                      f"backrelief-report-{report.today.isoformat()}.html")


@router.get("/export")
async def export_page(request: Request) -> Response:
    return page(request, "export.html", {"errors": [], "notice": ""})


@router.get("/export/{fmt}")
async def export_file(request: Request, fmt: str) -> Response:
    if fmt not in EXPORTS:
        return page(request, "not_found.html", status=404)
    s = services(request)
    text = await run_in_threadpool(export_text, s.engine, fmt, s.clock())
    media_type, filename = EXPORTS[fmt]
    return attachment(text, media_type, filename)


def _read_upload_problems(kind: str, raw: bytes) -> list[Problem]:
    if kind not in ("csv", "json"):
        return [Problem("file", "The file must be a .csv or .json diary file")]
    if len(raw) > MAX_IMPORT_BYTES:
        return [Problem("file", f"The file is too large; the most we take is {MAX_IMPORT_BYTES // 1024} KB")]
    return []


def _import_page(request: Request, problems: list[Problem], notice: str = "",
                 preview: dict[str, object] | None = None) -> Response:
    errors = [{"field": p.field, "label": "The diary file", "message": p.message} for p in problems]
    return page(request, "export.html", {"errors": errors, "notice": notice, "preview": preview},
                status=400 if errors else 200)


@router.post("/import")
async def import_preview(request: Request) -> Response:
    """First step: read and check the file, and say what it would add. Nothing is written."""
    form = await request.form()
    upload = form.get("file")
    if not isinstance(upload, UploadFile) or not upload.filename:
        return _import_page(request, [Problem("file", "Choose a diary file (.csv or .json) to import")])
    kind = upload.filename.rsplit(".", 1)[-1].lower() if "." in upload.filename else ""
    raw = await upload.read(MAX_IMPORT_BYTES + 1)
    await upload.close()
    problems = _read_upload_problems(kind, raw)
    if problems:
        return _import_page(request, problems)
    try:
        text = raw.decode("utf-8-sig")
        counts = await run_in_threadpool(preview_import, services(request).engine, text, kind)
    except UnicodeDecodeError:
        return _import_page(request, [Problem("file", "The file is not UTF-8 text")])
    except InvalidInput as error:
        return _import_page(request, [Problem("file", p.message) for p in error.problems[:10]])
    return _import_page(request, [], preview={"counts": counts, "text": text, "kind": kind,
                                              "name": upload.filename[:80]})


@router.post("/import/confirm")
async def import_confirmed(request: Request) -> Response:
    """Second step: add what is new (entries already in the diary are skipped)."""
    form = await request.form()
    kind = str(form.get("kind") or "")
    text = str(form.get("content") or "")
    problems = _read_upload_problems(kind, text.encode("utf-8"))
    if not text:
        problems = [Problem("file", "Choose a diary file (.csv or .json) to import")]
    if problems:
        return _import_page(request, problems)
    try:
        counts = await run_in_threadpool(import_text, services(request).engine, text, kind)
    except InvalidInput as error:
        return _import_page(request, [Problem("file", p.message) for p in error.problems[:10]])
    notice = "Nothing was added: everything in the file is already in your diary." if counts.added_nothing \
        else f"Imported {counts.sentence()}"
    return _import_page(request, [], notice=notice)
