"""GET /api/v1/reports/{pdf,html} and /api/v1/exports/{csv,json,fhir}: the diary's report
and its files. The report and exchange modules make them; these routes hand them over."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from starlette.concurrency import run_in_threadpool
from starlette.responses import Response

from backrelief.diary.parsing import parse_period
from backrelief.render.report import Report, report_html, report_pdf
from backrelief.services.exchange import export_text
from backrelief.web.api.diary import DAY
from backrelief.web.errors import API_ERRORS
from backrelief.web.pages.report import EXPORTS, attachment, report_for
from backrelief.web.render import services

router = APIRouter()

From = Annotated[str | None, Query(alias="from", pattern=DAY, description="First day, e.g. 2026-11-01.")]
To = Annotated[str | None, Query(alias="to", pattern=DAY, description="Last day, e.g. 2026-11-30.")]


async def _report(request: Request, start: str | None, end: str | None) -> Report:
    return await report_for(request, parse_period(start, end))


def _name(report: Report, suffix: str) -> str:
    return f"backrelief-report-{report.today.isoformat()}.{suffix}"


@router.get(
    "/reports/pdf",
    tags=["reports"],
    summary="The report for the doctor, as PDF",
    response_model=None,
    responses={200: {"content": {"application/pdf": {"schema": {"type": "string", "format": "binary"}}},
                     "description": "The PDF."}, **API_ERRORS},
)
async def report_as_pdf(request: Request, start: From = None, end: To = None) -> Response:
    report = await _report(request, start, end)
    return attachment(await run_in_threadpool(report_pdf, report), "application/pdf", _name(report, "pdf"))


@router.get(
    "/reports/html",
    tags=["reports"],
    summary="The report for the doctor, as a standalone HTML page",
    response_model=None,
    responses={200: {"content": {"text/html": {"schema": {"type": "string"}}}, "description": "The page."},
               **API_ERRORS},
)
async def report_as_html(request: Request, start: From = None, end: To = None) -> Response:
    report = await _report(request, start, end)
    return attachment(report_html(report), "text/html; charset=utf-8", _name(report, "html"))


def _export_route(fmt: str, summary: str) -> None:
    media_type, filename = EXPORTS[fmt]
    schema = {"type": "object"} if media_type.split(";")[0].endswith("json") else {"type": "string"}

    async def export(request: Request) -> Response:
        s = services(request)
        text = await run_in_threadpool(export_text, s.engine, fmt, s.clock())
        return attachment(text, media_type, filename)

    router.add_api_route(
        f"/exports/{fmt}", export, methods=["GET"], tags=["exports"], summary=summary, response_model=None,
        responses={200: {"content": {media_type.split(";")[0]: {"schema": schema}},
                         "description": "The file."}, **API_ERRORS},
        name=f"export_{fmt}",
    )


_export_route("csv", "The diary entries as CSV")
_export_route("json", "The whole diary as JSON (episodes, entries, saved assessments)")
_export_route("fhir", "The diary as a FHIR R4B (4.3.0) Bundle (Patient, back pain Condition, pain and warning-sign "
              "Observations, MedicationStatements, assessment QuestionnaireResponses)")
