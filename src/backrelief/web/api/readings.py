"""POST /api/v1/readings (a person's words in, what the reader understood out) and
POST /api/v1/plans (an assessment in, the plan as JSON or as an iCalendar file)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from pydantic import BaseModel, ConfigDict, Field
from starlette.concurrency import run_in_threadpool
from starlette.responses import Response

from backrelief.assessment import Assessment
from backrelief.errors import InvalidInput, Problem
from backrelief.plan import Plan, make_plan
from backrelief.render.plan_ics import plan_ics
from backrelief.triage import triage
from backrelief.web.api.body import assessment_from, json_body, json_object
from backrelief.web.errors import API_ERRORS
from backrelief.web.render import services

router = APIRouter()


class ReadingRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    text: str = Field(min_length=1, max_length=5000, description="What happened and how it feels, in the person's words.")


class UnderstoodOut(BaseModel):
    field: str
    value: str
    span: str
    start: int
    end: int


class ReadingOut(BaseModel):
    assessment: dict[str, Any]
    understood: list[UnderstoodOut]
    could_not_tell: list[str]
    red_flags_unasked: list[str]


def _json(data: Any, status: int = 200) -> Response:
    import json

    return Response(json.dumps(data), status_code=status, media_type="application/json")


@router.post(
    "/readings",
    tags=["readings"],
    summary="Read a description in a person's own words",
    description="The assessment the words give, each answer with the words it came from, what the reader "
                "could not tell, and the red-flag questions the words left unanswered (ask these next).",
    response_model=None,
    responses={200: {"model": ReadingOut, "description": "What the reader understood."}, **API_ERRORS},
    openapi_extra=json_body(ReadingRequest, description="The words."),
)
async def read_words(request: Request) -> Response:
    data = await json_object(request)
    unknown = sorted(set(data) - {"text"})
    if unknown:
        raise InvalidInput([Problem(field=k, message=f"'{k}' is not allowed; send only 'text'") for k in unknown])
    text = data.get("text")
    if not isinstance(text, str):
        raise InvalidInput([Problem(field="text", message="'text' must be the description, as a string")])
    from backrelief.reading import read

    reading = await run_in_threadpool(read, text, services(request).clock())
    return _json(reading.to_public())


def _plan_for(data: dict[str, Any], request: Request) -> tuple[Assessment, Plan]:
    assessment = assessment_from(data)
    s = services(request)
    return assessment, make_plan(assessment, triage(assessment, s.knowledge), s.clock())


@router.post(
    "/plans",
    tags=["plans"],
    summary="Make the relief and prevention plan for an assessment",
    description="Triage runs first; an emergency plan holds only the emergency instruction.",
    response_model=None,
    responses={200: {"model": Plan, "description": "The plan."}, **API_ERRORS},
    openapi_extra=json_body(Assessment, required=("age",), description="The assessment."),
)
async def plan_json(request: Request) -> Response:
    _, plan = _plan_for(await json_object(request), request)
    return Response(plan.model_dump_json(), media_type="application/json")


@router.post(
    "/plans/ics",
    tags=["plans"],
    summary="The plan's calendar (iCalendar .ics) for an assessment",
    description="Reminders for heat, exercise and the review date. An emergency plan has no calendar (422).",
    response_model=None,
    responses={200: {"content": {"text/calendar": {"schema": {"type": "string"}}},
                     "description": "The calendar file."}, **API_ERRORS},
    openapi_extra=json_body(Assessment, required=("age",), description="The assessment."),
)
async def plan_calendar(request: Request) -> Response:
    _, plan = _plan_for(await json_object(request), request)
    body = plan_ics(plan, services(request).clock())
    return Response(body, media_type="text/calendar; charset=utf-8",
                    headers={"Content-Disposition": 'attachment; filename="backrelief-plan.ics"'})
