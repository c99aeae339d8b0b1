"""The "tell us in your own words" path. The reader (`backrelief.reading`) does the
understanding; the interview engine then shows what it understood as pre-filled answers
(the values on one page, each group's signs on its group's screen, denials included) and
asks only what could still change the answer. A sign the reader took as absent counts as
answered only once the person confirms it there.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.concurrency import run_in_threadpool
from starlette.responses import Response

from backrelief.errors import InvalidInput
from backrelief.interview import layout
from backrelief.interview.state import from_reading
from backrelief.triage import triage
from backrelief.web.pages.flow import finish, go_next
from backrelief.web.render import FieldError, page, services
from backrelief.web.state import FlowState

router = APIRouter()


@router.post("/words")
async def words(request: Request) -> Response:
    app = services(request)
    form = await request.form()
    text = str(form.get("text") or "")
    from backrelief.reading import read

    try:
        reading = await run_in_threadpool(read, text, app.clock())
    except InvalidInput as error:
        message = error.problems[0].message if error.problems else str(error)
        message = message[:1].upper() + message[1:]
        return page(request, "start.html", {
            "reader": True, "text": text,
            "errors": [FieldError("text", "What happened, and how does it feel now?", message)],
        }, status=400)
    state = from_reading(reading, set(layout(app.knowledge).by_id), FlowState)
    if triage(state.assessment(), app.knowledge).is_emergency:
        # The words already say emergency: the result at once, not more pages.
        return finish(request, state)
    return go_next(request, state)
