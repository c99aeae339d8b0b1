"""POST /api/v1/plans: an assessment in, the plan as JSON or as an iCalendar file."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from starlette.responses import Response

from backrelief.assessment import Assessment, parse_assessment
from backrelief.plan import Plan, make_plan
from backrelief.render.plan_ics import plan_ics
from backrelief.triage import triage
from backrelief.web.api.body import json_body, json_object
from backrelief.web.errors import API_ERRORS
from backrelief.web.render import services

router = APIRouter()


def _plan_for(data: dict[str, Any], request: Request) -> tuple[Assessment, Plan]:
    assessment = parse_assessment(data)
    s = services(request)
    return assessment, make_plan(assessment, triage(assessment, s.knowledge), s.clock())


# Both routes take the same body: an assessment, as POST /api/v1/assessments does.
_AN_ASSESSMENT_IN: dict[str, Any] = {
    "tags": ["plans"],
    "response_model": None,
    "openapi_extra": json_body(Assessment, required=("age",), description="The assessment."),
}


@router.post(
    "/plans",
    summary="Make the relief and prevention plan for an assessment",
    description="Triage runs first; an emergency plan holds only the emergency instruction.",
    responses={200: {"model": Plan, "description": "The plan."}, **API_ERRORS},
    **_AN_ASSESSMENT_IN,
)
async def plan_json(request: Request) -> Response:
    _, plan = _plan_for(await json_object(request), request)
    return Response(plan.model_dump_json(), media_type="application/json")


@router.post(
    "/plans/ics",
    summary="The plan's calendar (iCalendar .ics) for an assessment",
    description="Reminders for heat, exercise and the review date. An emergency plan has no calendar (422).",
    responses={200: {"content": {"text/calendar": {"schema": {"type": "string"}}},
                     "description": "The calendar file."}, **API_ERRORS},
    **_AN_ASSESSMENT_IN,
)
async def plan_calendar(request: Request) -> Response:
    _, plan = _plan_for(await json_object(request), request)
    body = plan_ics(plan, services(request).clock())
    return Response(body, media_type="text/calendar; charset=utf-8",
                    headers={"Content-Disposition": 'attachment; filename="backrelief-plan.ics"'})
