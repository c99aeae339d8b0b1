"""POST /api/v1/interview: the interview engine for API clients (stateless, like the web
pages' cookie): send the interview state with the answers so far, get the next screen to show
(or none: the result is ready), the triage so far, and the questions still worth asking."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Request
from pydantic import BaseModel, ConfigDict, Field, ValidationError, WithJsonSchema
from starlette.responses import Response

from backrelief.assessment import Assessment, Finding, History, parse_assessment
from backrelief.errors import InvalidInput, Problem
from backrelief.interview import InterviewState, Screen, progress
from backrelief.knowledge import Question
from backrelief.web.api.body import json_body, json_object
from backrelief.web.errors import API_ERRORS
from backrelief.web.render import json_response, services

router = APIRouter()

# Words the engine keeps as they are (ids of screens and questions, the person's own words):
# any text but NUL, which every JSON route refuses (body.py).
_NO_NUL = r"^[^\x00]*$"
_Text = Annotated[str, Field(pattern=_NO_NUL)]
_Answer = Literal["yes", "no", "unsure"]
# pydantic writes a text key's pattern as `patternProperties`, which lets any other key (one
# with NUL) through with any value: the names and the answers are said as they are checked.
_PlanAnswers = Annotated[dict[_Text, _Text], WithJsonSchema({
    "type": "object", "propertyNames": {"pattern": _NO_NUL},
    "additionalProperties": {"type": "string", "pattern": _NO_NUL}})]


class InterviewBody(BaseModel):
    """The interview state as the API takes it, declared as precisely as the engine reads it
    (the state itself keeps `base` and `fields` as plain objects): `base` is what the reader
    understood and `fields` the answers given, each an assessment in the public contract;
    `findings` and `history` are answers by the contract's names. A body this schema calls
    valid is answered, unless the assessment it makes breaks one of the contract's rules
    across fields (docs/spec/assessment-input.md), a documented 422."""

    model_config = ConfigDict(extra="forbid", title="InterviewState")

    mode: Literal["questions", "reader"] = "questions"
    base: Assessment | None = None
    fields: Assessment = Field(default_factory=Assessment)
    not_sure: list[_Text] = Field(default_factory=list)
    findings: dict[Finding, _Answer] = Field(default_factory=dict)
    history: dict[History, _Answer] = Field(default_factory=dict)
    plan: _PlanAnswers = Field(default_factory=dict)
    clarified: list[_Text] = Field(default_factory=list)
    done: list[_Text] = Field(default_factory=list)
    understood: list[tuple[_Text, _Text]] = Field(default_factory=list)


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


def _refused(error: ValidationError) -> InvalidInput:
    return InvalidInput([Problem(field=".".join(str(p) for p in e["loc"]) or "body", message=str(e["msg"]))
                         for e in error.errors()[:10]])


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
    openapi_extra=json_body(InterviewBody, description="The interview state."),
)
async def next_screen(request: Request) -> Response:
    data = await json_object(request)
    try:
        state = InterviewState.model_validate(data)
    except ValidationError as error:
        raise _refused(error) from None
    try:
        # The body is what the schema says before the engine reads it (the state keeps `base`
        # and `fields` as plain objects): a body the schema refuses is refused, never
        # answered, and never reaches the engine half-formed (a finding that is an object).
        InterviewBody.model_validate(data)
    except ValidationError as error:
        for part in ("base", "fields"):
            if isinstance(data.get(part), dict):
                # The core's own words for a wrong assessment, as the CLI and the pages say them.
                parse_assessment(data[part], require_age=False)
        raise _refused(error) from None
    now = progress(state, services(request).knowledge)
    return json_response({
        "next": None if now.next is None else screen_json(now.next),
        "triage": now.triage.to_public(),
        "relevant": sorted(now.relevant),
    })
