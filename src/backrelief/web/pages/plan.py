"""The plan page, its readiness check (a form), the printable PDF and the calendar file.
The plan module decides; this only parses the answers and shows the plan."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Request
from starlette.responses import RedirectResponse, Response

from backrelief.assessment import Assessment
from backrelief.errors import InvalidInput
from backrelief.interview.engine import progress
from backrelief.plan import Plan, load_plan_knowledge, make_plan
from backrelief.render.plan_html import plan_fragment_html, plan_pdf
from backrelief.render.plan_ics import local_zone, plan_ics, zone_named
from backrelief.triage import Triage
from backrelief.web.render import _csrf_context, load_flow, page, save_flow, services
from backrelief.web.state import FlowState

router = APIRouter()


def readiness_answers(state: FlowState) -> dict[str, bool] | None:
    """The readiness answers for the plan: "not sure" counts as yes (the safer side)."""
    if not state.readiness:
        return None
    return {qid: answer != "no" for qid, answer in state.readiness.items()}


def _current(request: Request) -> tuple[FlowState, Assessment, Triage, Plan] | None:
    state = load_flow(request)
    if state is None:
        return None
    app = services(request)
    try:
        # One reading of the cookie's answers: progress builds the assessment and its triage.
        now = progress(state, app.knowledge)
    except InvalidInput:
        return None
    plan = make_plan(now.assessment, now.triage, app.clock(), readiness=readiness_answers(state))
    return state, now.assessment, now.triage, plan


@router.get("/plan")
async def plan_page(request: Request, saved: str = "") -> Response:
    found = _current(request)
    if found is None:
        return RedirectResponse("/", status_code=303)
    state, _, _, plan = found
    form = {**_csrf_context(request), "action": "/plan/readiness", "given": dict(state.readiness),
            "open": bool(saved) or not state.readiness}
    return page(request, "plan.html", {
        "plan_html": plan_fragment_html(plan, readiness_form=form), "has_calendar": bool(plan.calendar),
        "saved": bool(saved), "zone": request.query_params.get("tz") or local_zone(),
    })


@router.post("/plan/readiness")
async def save_readiness(request: Request) -> Response:
    found = _current(request)
    if found is None:
        return RedirectResponse("/", status_code=303)
    state = found[0]
    form = await request.form()
    answers = dict(state.readiness)
    for q in load_plan_knowledge().readiness.questions:
        value = str(form.get(f"rd-{q.id}") or "")  # the form's field names (render.plan_html)
        if value in ("yes", "no", "unsure"):
            answers[q.id] = value  # type: ignore[assignment]
    response = RedirectResponse("/plan?saved=readiness#br-readiness-part", status_code=303)
    save_flow(response, request, state.model_copy(update={"readiness": answers}))
    return response


@router.get("/plan.pdf")
async def plan_print(request: Request) -> Response:
    found = _current(request)
    if found is None:
        return RedirectResponse("/", status_code=303)
    body = plan_pdf(found[3])
    return Response(body, media_type="application/pdf",
                    headers={"Content-Disposition": 'attachment; filename="backrelief-plan.pdf"'})


@router.get("/plan.ics")
async def plan_calendar(request: Request, tz: str = "") -> Response:
    found = _current(request)
    if found is None:
        return RedirectResponse("/", status_code=303)
    zone: ZoneInfo = zone_named(tz) if tz else ZoneInfo(local_zone())
    today, now = services(request).clock(), datetime.now(zone)
    # A fixed clock (tests, a demo) gives a day only: then the whole day is still ahead.
    body = plan_ics(found[3], now if now.date() == today else today, zone)
    return Response(body, media_type="text/calendar; charset=utf-8",
                    headers={"Content-Disposition": 'attachment; filename="backrelief-plan.ics"'})
