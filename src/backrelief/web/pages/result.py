"""The result, the sources and the about page. Triage decides; these pages only show."""

from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.responses import RedirectResponse, Response

from backrelief import REGULATORY_STATUS
from backrelief.errors import InvalidInput
from backrelief.triage import triage
from backrelief.web.pages.flow import assessment_of
from backrelief.web.render import load_flow, page, services
from backrelief.web.steps import next_step

router = APIRouter()


@router.get("/result")
async def result(request: Request) -> Response:
    k = services(request).knowledge
    state = load_flow(request)
    if state is None:
        return RedirectResponse("/", status_code=303)
    try:
        assessment = assessment_of(state)
    except InvalidInput:
        return RedirectResponse("/questions/about-you", status_code=303)
    if assessment.age is None and state.mode == "questions":
        return RedirectResponse("/questions/about-you", status_code=303)
    t = triage(assessment, k)
    remaining = None if t.is_emergency else next_step(state, assessment, k)
    questions = {q.id: q.text for q in k.screen}
    return page(request, "result.html", {
        "t": t,
        "remaining": remaining,
        "unasked": [questions.get(q, q) for q in t.red_flags_unasked],
        "has_plan": not t.is_emergency and remaining is None,
    })


@router.get("/sources")
async def sources(request: Request) -> Response:
    k = services(request).knowledge
    return page(request, "sources.html", {"sources": list(k.sources.values()), "version_note": ""})


@router.get("/about")
async def about(request: Request) -> Response:
    k = services(request).knowledge
    return page(request, "about.html", {
        "regulatory": REGULATORY_STATUS,
        "rules": len(k.rules),
        "source_count": len(k.sources),
    })
