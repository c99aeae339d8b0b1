"""POST /api/v1/interview: the interview engine for API clients (stateless, like the web
pages' cookie): send the interview state with the answers so far, get the next screen to show
(or none: the result is ready), the triage so far, and the questions still worth asking."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from pydantic import ValidationError
from starlette.responses import Response

from backrelief.errors import InvalidInput, Problem
from backrelief.interview import InterviewState, Screen, progress
from backrelief.knowledge import Question
from backrelief.web.api.body import json_body, json_object
from backrelief.web.errors import API_ERRORS
from backrelief.web.render import json_response, services

router = APIRouter()


def _question(q: Question, proposed: str | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {"id": q.id, "text": q.text, "help": q.help,
                           "choices": [{"value": c.value, "label": c.label} for c in q.choices]}
    if proposed is not None:
        out["proposed"] = proposed
    return out


def screen_json(screen: Screen) -> dict[str, Any]:
    return {
        "id": screen.id,
        "kind": screen.kind,
        "title": screen.title,
        "lead": screen.lead,
        "fields": [_question(q) for q in screen.fields],
        "groups": [{"id": g.group.id, "title": g.group.title, "lead": g.group.lead, "forced": g.forced,
                    "items": [_question(q, g.proposed.get(q.id)) for q in g.items]} for g in screen.groups],
        "checks": [{"id": q.id, "text": q.clarify or q.text} for q in screen.checks],
    }


@router.post(
    "/interview",
    tags=["interview"],
    summary="The next screen of the interview",
    description=(
        "Send the interview state (mode, base: what the reader understood, fields, not_sure, findings, history, "
        "plan, clarified, done) with the answers given so far. The answer is the next screen to show (null when "
        "the result is ready or the answer is already an emergency), the triage so far, and the question ids "
        "still worth asking. A group with `forced` is asked first as 'none of these / yes, one or more / not "
        "sure'; 'none of these' answers each item 'no'."
    ),
    response_model=None,
    responses={200: {"description": "The next screen and the triage so far."}, **API_ERRORS},
    openapi_extra=json_body(InterviewState, description="The interview state."),
)
async def next_screen(request: Request) -> Response:
    data = await json_object(request)
    try:
        state = InterviewState.model_validate(data)
    except ValidationError as error:
        first = error.errors()
        raise InvalidInput([Problem(field=".".join(str(p) for p in e["loc"]) or "body", message=str(e["msg"]))
                            for e in first[:10]]) from None
    now = progress(state, services(request).knowledge)
    return json_response({
        "next": None if now.next is None else screen_json(now.next),
        "triage": now.triage.to_public(),
        "relevant": sorted(now.relevant),
    })
