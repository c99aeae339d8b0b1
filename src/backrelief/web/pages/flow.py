"""The question pages: start, one small group of questions per step, "not sure" checks.

Thin: a step's answers are read from the form, merged by `interview.Answers` and checked by
the assessment contract; where to go next comes from steps.py and triage. The progress is
in the signed flow cookie, and each post redirects to the next page (post, redirect, get).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from fastapi import APIRouter, Request
from starlette.datastructures import FormData
from starlette.responses import RedirectResponse, Response

from backrelief.assessment import Assessment, leg_sides_apply
from backrelief.errors import InvalidInput
from backrelief.interview import Answers
from backrelief.knowledge import Knowledge, Question
from backrelief.services.checks import keep_check
from backrelief.triage import triage
from backrelief.web.render import load_flow, page, save_flow, services
from backrelief.web.state import FlowState
from backrelief.web.steps import (
    Step,
    next_step,
    previous_step,
    questions_of,
    step_by_id,
    unsure_to_check,
)

router = APIRouter()

NUMBER_FIELDS = {"age", "severity", "worst_severity", "duration_days", "episodes_last_year"}
LIST_FIELDS = {"worsens", "eases"}
REQUIRED_FIELDS = {"age"}
# Hints that help people answer; presentation only.
HINTS = {
    "age": "In years, for example 42.",
    "duration_days": "Enter 0 if it started today.",
    "episodes_last_year": "Enter 0 if this is the first time.",
    "worsens": "Tick all that apply. Leave them all empty if nothing makes it worse.",
    "eases": "Tick all that apply.",
}
YES_NO_UNSURE = (("yes", "Yes"), ("no", "No"), ("unsure", "I'm not sure"))


@dataclass(frozen=True)
class FieldError:
    field: str
    label: str
    message: str


def assessment_of(state: FlowState) -> Assessment:
    """What the person has told us so far, as an Assessment (age may still be unknown)."""
    base = Assessment.model_validate(state.base) if state.base else Assessment()
    answers = Answers(findings=dict(state.findings), history=dict(state.history), fields=dict(state.fields))
    return answers.to_assessment(base)


def where_next(state: FlowState, k: Knowledge) -> str:
    assessment = assessment_of(state)
    # An emergency answer ends the questions at once: the person needs help, not more pages.
    if triage(assessment, k).is_emergency:
        return "/result"
    step = next_step(state, assessment, k)
    return f"/questions/{step.id}" if step else "/result"


def go_next(request: Request, state: FlowState) -> Response:
    """Redirect to the next step; at the end, keep the assessment with its triage (and plan)
    in the diary's database, so the report can show what was said and answered."""
    s = services(request)
    url = where_next(state, s.knowledge)
    if url == "/result":
        assessment = assessment_of(state)
        if assessment.age is not None or state.mode == "reader":
            keep_check(s.engine, assessment, triage(assessment, s.knowledge), s.clock())
    return redirect(url, request, state)


def redirect(url: str, request: Request, state: FlowState) -> Response:
    response = RedirectResponse(url, status_code=303)
    save_flow(response, request, state)
    return response


@router.get("/")
async def start(request: Request) -> Response:
    return page(request, "start.html", {"reader": True})


@router.post("/questions")
async def start_questions(request: Request) -> Response:
    state = FlowState(mode="questions")
    return redirect(where_next(state, services(request).knowledge), request, state)


def _current_values(state: FlowState, assessment: Assessment, questions: list[Question]) -> dict[str, Any]:
    values: dict[str, Any] = {}
    public = assessment.to_public()
    for q in questions:
        if q.asks == "field":
            if q.id == "pregnant":
                if q.id in state.fields or assessment.pregnant is not None:
                    p = assessment.pregnant
                    values[q.id] = "yes" if p else "no" if p is False else "unsure"
            elif q.id in public:
                values[q.id] = public[q.id]
        else:
            answer = state.answer_for(q.id)
            if answer is None:
                status = (assessment.finding_status(q.id) if q.asks == "finding"  # type: ignore[arg-type]
                          else assessment.history_status(q.id))  # type: ignore[arg-type]
                answer = status if status in ("yes", "no", "unsure") else None
            if answer:
                values[q.id] = answer
    return values


def render_step(request: Request, step: Step, state: FlowState, *, values: dict[str, Any] | None = None,
                errors: list[FieldError] | None = None, check: bool = False,
                extra: dict[str, Any] | None = None) -> Response:
    k = services(request).knowledge
    questions = unsure_to_check(step, state, k) if check else questions_of(step, k)
    if values is None:
        values = _current_values(state, assessment_of(state), questions)
    back = f"/questions/{step.id}" if check else None
    if not check:
        before = previous_step(step.id, state, k)
        back = f"/questions/{before.id}" if before else "/"
    return page(request, "step.html", {
        "step": step,
        "questions": questions,
        "check": check,
        "values": values,
        "errors": errors or [],
        "error_for": {e.field: e.message for e in errors or []},
        "hints": HINTS,
        "number_fields": NUMBER_FIELDS,
        "list_fields": LIST_FIELDS,
        "yes_no_unsure": YES_NO_UNSURE,
        "back": back,
        "action": f"/questions/{step.id}/check" if check else f"/questions/{step.id}",
        "spans": {},
        "emergency": None,
        **(extra or {}),
    }, status=400 if errors else 200)


@router.get("/questions/{step_id}")
async def show_step(request: Request, step_id: str) -> Response:
    step = step_by_id(step_id, services(request).knowledge)
    if step is None:
        return page(request, "not_found.html", status=404)
    return render_step(request, step, load_flow(request) or FlowState())


@router.get("/questions/{step_id}/check")
async def show_check(request: Request, step_id: str) -> Response:
    k = services(request).knowledge
    step = step_by_id(step_id, k)
    state = load_flow(request)
    if step is None:
        return page(request, "not_found.html", status=404)
    if state is None or not unsure_to_check(step, state, k):
        return RedirectResponse(f"/questions/{step_id}", status_code=303)
    return render_step(request, step, state, check=True)


def read_answers(form: FormData, questions: list[Question], state: FlowState) -> tuple[dict[str, Any], list[FieldError]]:
    """Copy this page's answers into `state`; return what was typed and what is missing."""
    typed: dict[str, Any] = {}
    problems: list[FieldError] = []
    for q in questions:
        if q.id in LIST_FIELDS:
            chosen = [str(v) for v in form.getlist(q.id)]
            typed[q.id] = chosen
            state.fields[q.id] = chosen
            continue
        raw = str(form.get(q.id) or "").strip()
        typed[q.id] = raw
        if q.asks != "field" or q.id == "pregnant":
            if raw not in ("yes", "no", "unsure"):
                problems.append(FieldError(q.id, q.text, "Select yes, no or I'm not sure"))
            elif q.id == "pregnant":
                state.fields["pregnant"] = {"yes": True, "no": False}.get(raw)
            elif q.asks == "finding":
                state.findings[q.id] = raw  # type: ignore[assignment]
            else:
                state.history[q.id] = raw  # type: ignore[assignment]
            continue
        if not raw:
            if q.id in REQUIRED_FIELDS:
                problems.append(FieldError(q.id, q.text, "Enter your age, in years"))
            elif q.red_flag:
                problems.append(FieldError(q.id, q.text, "Choose one answer"))
            else:
                state.fields.pop(q.id, None)
            continue
        if q.id in NUMBER_FIELDS:
            state.fields[q.id] = int(raw) if raw.isdigit() and len(raw) < 7 else raw
        else:
            state.fields[q.id] = raw
    if not leg_sides_apply(state.fields.get("radiation")):
        # The leg question no longer applies; ask it again if the pain spreads after all.
        state.fields["leg_sides"] = None
        if "legs" in state.done:
            state.done.remove("legs")
    return typed, problems


def contract_problems(state: FlowState, questions: list[Question]) -> list[FieldError]:
    """Check the answers against the assessment contract, in the form's words."""
    try:
        assessment_of(state)
    except InvalidInput as error:
        labels = {q.id: q.text for q in questions}
        out = []
        for p in error.problems:
            message = p.message
            prefix = f"'{p.field}' must be "
            if message.startswith(prefix):
                rest = message.removeprefix(prefix)
                message = ("Enter " + rest) if p.field in NUMBER_FIELDS else "Choose one of the answers shown"
            out.append(FieldError(p.field, labels.get(p.field, p.field), message))
        return out
    return []


@router.post("/questions/{step_id}")
async def answer_step(request: Request, step_id: str) -> Response:
    k = services(request).knowledge
    step = step_by_id(step_id, k)
    if step is None:
        return page(request, "not_found.html", status=404)
    state = load_flow(request) or FlowState()
    before = state.model_copy(deep=True)
    typed, problems = read_answers(await request.form(), questions_of(step, k), state)
    problems = problems or contract_problems(state, questions_of(step, k))
    if problems:
        return render_step(request, step, before, values=typed, errors=problems)
    state.mark_done(step.id)
    check = f"{step.id}/check"
    if check in state.done:
        state.done.remove(check)
    if unsure_to_check(step, state, k):
        return redirect(f"/questions/{step.id}/check", request, state)
    return go_next(request, state)


@router.post("/questions/{step_id}/check")
async def answer_check(request: Request, step_id: str) -> Response:
    k = services(request).knowledge
    step = step_by_id(step_id, k)
    state = load_flow(request)
    if step is None or state is None:
        return RedirectResponse("/", status_code=303)
    questions = unsure_to_check(step, state, k)
    before = state.model_copy(deep=True)
    typed, problems = read_answers(await request.form(), questions, state)
    if problems:
        return render_step(request, step, before, values=typed, errors=problems, check=True)
    state.mark_done(f"{step.id}/check")
    return go_next(request, state)
