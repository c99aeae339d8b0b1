"""The plan page and its calendar file. The plan module decides; this only shows it."""

from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.responses import RedirectResponse, Response

from backrelief.assessment import Assessment
from backrelief.errors import InvalidInput
from backrelief.plan import Plan, make_plan
from backrelief.render.plan_html import plan_fragment_html
from backrelief.render.plan_ics import plan_ics
from backrelief.triage import Triage, triage
from backrelief.web.pages.flow import assessment_of
from backrelief.web.render import load_flow, page, services

router = APIRouter()


def _current(request: Request) -> tuple[Assessment, Triage, Plan] | None:
    state = load_flow(request)
    if state is None:
        return None
    try:
        assessment = assessment_of(state)
    except InvalidInput:
        return None
    s = services(request)
    t = triage(assessment, s.knowledge)
    return assessment, t, make_plan(assessment, t, s.clock())


@router.get("/plan")
async def plan_page(request: Request) -> Response:
    found = _current(request)
    if found is None:
        return RedirectResponse("/", status_code=303)
    _, t, plan = found
    return page(request, "plan.html", {"plan_html": plan_fragment_html(plan), "t": t, "has_calendar": bool(plan.calendar)})


@router.get("/plan.ics")
async def plan_calendar(request: Request) -> Response:
    found = _current(request)
    if found is None:
        return RedirectResponse("/", status_code=303)
    _, _, plan = found
    body = plan_ics(plan, services(request).clock())
    return Response(body, media_type="text/calendar; charset=utf-8",
                    headers={"Content-Disposition": 'attachment; filename="backrelief-plan.ics"'})
