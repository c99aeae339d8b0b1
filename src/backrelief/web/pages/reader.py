"""The "tell us in your own words" path: the reader's understanding, shown and editable,
then only the red-flag questions the words left unanswered.

The reader (`backrelief.reading`) does the understanding; this page shows each thing it
took from the words next to the words themselves, as questions already answered, so the
person can correct a misreading before triage uses it.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from starlette.concurrency import run_in_threadpool
from starlette.responses import RedirectResponse, Response

from backrelief.errors import InvalidInput
from backrelief.knowledge import Question
from backrelief.triage import triage
from backrelief.web.pages.flow import (
    FieldError,
    assessment_of,
    contract_problems,
    go_next,
    read_answers,
    redirect,
    render_step,
)
from backrelief.web.render import load_flow, page, services
from backrelief.web.state import FlowState
from backrelief.web.steps import Step

router = APIRouter()

UNDERSTOOD = "understood"
# Each understood item is a question; these contract keys name the question by value.
_BY_VALUE = {"findings", "findings_absent", "findings_unsure", "history", "history_absent"}


def understood_step(state: FlowState, questions: dict[str, Question]) -> Step:
    ids = tuple(dict.fromkeys(qid for qid, _ in state.understood if qid in questions))
    return Step(UNDERSTOOD, "Here is what we understood", ids,
                lead="Check each answer and change any we got wrong. Next we ask only the warning-sign "
                     "questions your words did not answer.")


@router.post("/words")
async def words(request: Request) -> Response:
    s = services(request)
    form = await request.form()
    text = str(form.get("text") or "")
    from backrelief.reading import read

    try:
        reading = await run_in_threadpool(read, text, s.clock())
    except InvalidInput as error:
        message = error.problems[0].message if error.problems else str(error)
        message = message[:1].upper() + message[1:]
        return page(request, "start.html", {
            "reader": True, "text": text,
            "errors": [FieldError("text", "What happened, and how does it feel now?", message)],
        }, status=400)
    questions = {q.id: q for q in s.knowledge.screen}
    understood = []
    for item in reading.understood:
        qid = item.value if item.field in _BY_VALUE else item.field
        if qid in questions:
            understood.append((qid, item.span[:80]))
    state = FlowState(mode="reader", base=reading.assessment.to_public(), understood=understood)
    if not understood:
        state.mark_done(UNDERSTOOD)
        return go_next(request, state)
    return redirect("/understood", request, state)


def _show(request: Request, state: FlowState, values: dict[str, Any] | None = None,
          errors: list[FieldError] | None = None) -> Response:
    k = services(request).knowledge
    step = understood_step(state, {q.id: q for q in k.screen})
    assessment = assessment_of(state)
    emergency = triage(assessment, k)
    spans = {qid: f"You wrote: \u201c{span}\u201d" if span else "From what you wrote." for qid, span in state.understood}
    return render_step(request, step, state, values=values, errors=errors, extra={
        "spans": spans,
        "emergency": emergency if emergency.is_emergency else None,
        "action": "/understood",
        "back": "/",
    })


@router.get("/understood")
async def show_understood(request: Request) -> Response:
    state = load_flow(request)
    if state is None or state.mode != "reader":
        return RedirectResponse("/", status_code=303)
    return _show(request, state)


@router.post("/understood")
async def confirm_understood(request: Request) -> Response:
    k = services(request).knowledge
    state = load_flow(request)
    if state is None or state.mode != "reader":
        return RedirectResponse("/", status_code=303)
    step = understood_step(state, {q.id: q for q in k.screen})
    questions = [q for q in k.screen if q.id in step.question_ids]
    before = state.model_copy(deep=True)
    typed, problems = read_answers(await request.form(), questions, state)
    problems = problems or contract_problems(state, questions)
    if problems:
        return _show(request, before, typed, problems)
    state.mark_done(UNDERSTOOD)
    return go_next(request, state)
