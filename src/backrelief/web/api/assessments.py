"""POST /api/v1/assessments: an assessment in, the triage out.

The busiest route, so it is added straight to the app (`add_to`) rather than through an
included router: FastAPI's included routers cost about 14 µs a request, some 7% of it.
"""

from __future__ import annotations

from fastapi import FastAPI, Request
from pydantic import ValidationError
from starlette.responses import Response

from backrelief.assessment import Assessment, parse_assessment
from backrelief.triage import Triage, triage
from backrelief.web.api.body import json_body, json_object
from backrelief.web.errors import API_ERRORS
from backrelief.web.render import services


async def assess(request: Request) -> Response:
    raw = await request.body()
    try:
        # The common case in one step: JSON straight into the model (pydantic's own parser).
        assessment: Assessment | None = Assessment.model_validate_json(raw)
    except ValidationError:
        assessment = None
    if assessment is None or assessment.age is None:
        # Anything else (not JSON, no age, too young, a wrong field) takes the core's parser,
        # so the answer and its messages are exactly the CLI's and the pages'.
        assessment = parse_assessment(await json_object(request))
    result = triage(assessment, services(request).knowledge)
    return Response(result.model_dump_json(), media_type="application/json")


def add_to(app: FastAPI, prefix: str) -> None:
    app.add_api_route(
        f"{prefix}/assessments",
        assess,
        methods=["POST"],
        tags=["assessments"],
        summary="Triage an assessment",
        description=(
            "Takes an assessment (the public contract; `age` is required) and answers the triage: "
            "the disposition, every reason with its sources, the red-flag questions not asked, and "
            "what the findings are consistent with. A missing key means 'not asked', never 'no'."
        ),
        response_model=None,
        responses={200: {"model": Triage, "description": "The triage."}, **API_ERRORS},
        openapi_extra=json_body(Assessment, required=("age",), description="The assessment."),
    )
