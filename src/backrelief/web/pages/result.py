"""The result, the sources and the about page. Triage decides; these pages only show.

The result is not a dead end: every answer is listed with a "change" link that comes back
here, the review date is shown, the emergency numbers can be tapped to call, and it prints.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.responses import Response

from backrelief import REGULATORY_STATUS
from backrelief.errors import InvalidInput
from backrelief.interview import progress
from backrelief.interview.describe import summary
from backrelief.plan import make_plan
from backrelief.web.pages.flow import gone
from backrelief.web.render import load_flow, page, services

router = APIRouter()

# Tap-to-call numbers (the same numbers every answer gives in words).


@router.get("/result")
async def result(request: Request) -> Response:
    app = services(request)
    knowledge = app.knowledge
    state = load_flow(request)
    if state is None:
        return gone(request)
    try:
        now = progress(state, knowledge)
    except InvalidInput:
        return gone(request)
    answer = now.triage
    remaining = None if answer.is_emergency else now.next
    # The plan's own review sentence for this level (prevention.yaml review.text): the page
    # and the plan say the same thing ("book a visit by", not "check again by", for routine).
    review = None if answer.is_emergency else make_plan(now.assessment, answer, app.clock()).who_to_see.review
    sex = now.assessment.sex
    questions = {q.id: q.for_sex(sex).text for q in knowledge.screen}
    return page(request, "result.html", {
        "triage": answer,
        "remaining": remaining,
        # Only what could still change the answer: the rest was left out because no
        # answer to it could (the relevance rules, hazard HAZ-056).
        "unasked": [questions[q] for q in answer.red_flags_unasked if q in now.relevant],
        "has_plan": not answer.is_emergency and remaining is None,
        "summary": summary(state, knowledge),
        "review": review,
    })


@router.get("/sources")
async def sources(request: Request) -> Response:
    knowledge = services(request).knowledge
    return page(request, "sources.html", {"sources": list(knowledge.sources.values()), "version_note": ""})


@router.get("/about")
async def about(request: Request) -> Response:
    knowledge = services(request).knowledge
    return page(request, "about.html", {
        "regulatory": REGULATORY_STATUS,
        "rules": len(knowledge.rules),
        "source_count": len(knowledge.sources),
    })
