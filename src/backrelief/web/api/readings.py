"""POST /api/v1/readings: a person's words in, what the reader understood out."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from pydantic import BaseModel, ConfigDict, Field
from starlette.concurrency import run_in_threadpool
from starlette.responses import Response

from backrelief.errors import InvalidInput, Problem
from backrelief.triage import red_flags_unasked
from backrelief.web.api.body import json_body, json_object
from backrelief.web.errors import API_ERRORS
from backrelief.web.render import json_response, services

router = APIRouter()


class ReadingRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    # No NUL character, and more than spaces (both refused with a 422 by the route): said
    # in the schema, so a client (and schemathesis) knows they are not allowed.
    text: str = Field(min_length=1, max_length=5000, pattern=r"^[^\x00]*[^\x00\s][^\x00]*$",
                      description="What happened and how it feels, in the person's words "
                                  "(not only spaces, no NUL character).")


class UnderstoodOut(BaseModel):
    field: str
    value: str
    span: str
    start: int
    end: int
    inferred: bool = Field(False, description="The value is implied by the words (a pain score from 'agony'), not "
                                              "stated: show it and ask to confirm.")
    low: int | None = Field(None, description="For an implied value, the lowest it may be.")
    high: int | None = Field(None, description="For an implied value, the highest it may be.")


class ReadingOut(BaseModel):
    assessment: dict[str, Any]
    understood: list[UnderstoodOut]
    could_not_tell: list[str]
    red_flags_unasked: list[str]


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
    return json_response({**reading.to_public(), "red_flags_unasked": list(red_flags_unasked(reading.assessment))})
