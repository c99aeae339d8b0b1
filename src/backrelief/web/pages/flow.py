"""The question pages. Thin: the interview engine (backrelief.interview) says which screen
comes next; these routes render it, read its form back, and redirect (post, redirect, get).

A "yes" to an emergency sign shows the emergency result on submit, whatever else on the
page is blank: the answers given are recorded and triage runs before any form check.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from starlette.datastructures import FormData
from starlette.responses import RedirectResponse, Response

from backrelief.assessment import MIN_AGE, leg_sides_apply, pregnancy_possible
from backrelief.errors import InvalidInput
from backrelief.interview import (
    GroupAsk,
    Screen,
    progress,
    record_checks,
    record_fields,
    record_group,
    revisit,
)
from backrelief.interview.describe import understood_hint
from backrelief.interview.engine import GroupChoice
from backrelief.interview.state import Answer
from backrelief.knowledge import Knowledge, Question
from backrelief.services.checks import keep_check
from backrelief.triage import triage
from backrelief.web.render import FieldError, load_flow, page, save_flow, services
from backrelief.web.state import FlowState

router = APIRouter()

NUMBER_FIELDS = {"age", "severity", "worst_severity", "duration_days", "episodes_last_year", "pregnancy_weeks"}
LIST_FIELDS = {"worsens", "eases"}
HINTS = {
    "age": "In years, for example 42.",
    "duration_days": "Enter 0 if it started today.",
    "episodes_last_year": "Enter 0 if this is the first time.",
    "worsens": "Tick all that apply. Leave them all empty if nothing makes it worse. If it is worse at night and "
               "you are not sure it only hurts when you turn over, tick night time.",
    "eases": "Tick all that apply.",
    "pregnant": "If you are a man, or cannot be pregnant, choose No.",
}
YES_NO_UNSURE = (("yes", "Yes"), ("no", "No"), ("unsure", "I'm not sure"))
GROUP_CHOICES = (("none", "None of these"), ("yes", "Yes, one or more"), ("unsure", "I'm not sure"))
_NUMBER_RANGE = {"age": (MIN_AGE, 110), "severity": (0, 10), "worst_severity": (0, 10),
                 "duration_days": (0, 36500), "episodes_last_year": (0, 365)}


def summary_label(text: str) -> str:
    """The question alone, for the error summary: a question's text may go on to explain
    itself (country), and the summary would otherwise repeat the help under every error."""
    question, mark, _ = text.partition("?")
    return question + mark if mark else text

def yes_no_field(q: Question) -> bool:
    return q.asks == "field" and not q.choices and q.id not in NUMBER_FIELDS


def finish(request: Request, state: FlowState) -> Response:
    """The result: keep the assessment with its triage (and plan) in the diary's database,
    so the report can show what was said and answered."""
    app = services(request)
    now = progress(state, app.knowledge)
    keep_check(app.engine, now.assessment, now.triage, app.clock())
    state.returning = False
    return redirect("/result", request, state)


def go_next(request: Request, state: FlowState) -> Response:
    now = progress(state, services(request).knowledge)
    if now.next is None:
        return finish(request, state)
    return redirect(f"/questions/{now.next.id}", request, state)


def redirect(url: str, request: Request, state: FlowState) -> Response:
    response = RedirectResponse(url, status_code=303)
    save_flow(response, request, state)
    return response


def gone(request: Request) -> Response:
    """The saved answers are no longer there (12 hours passed, another browser, logged out)."""
    return page(request, "gone.html", status=200)


@router.get("/")
async def start(request: Request) -> Response:
    return page(request, "start.html", {"reader": True})


@router.post("/questions")
async def start_questions(request: Request) -> Response:
    return go_next(request, FlowState(mode="questions"))


def screen_of(screen_id: str, state: FlowState, knowledge: Knowledge) -> tuple[Screen | None, bool]:
    """The screen by id: the one due next, or (a back or "change" link) an earlier one
    with every answer it holds. The flag says whether it is the one due next."""
    now = progress(state, knowledge)
    if now.next is not None and now.next.id == screen_id:
        return now.next, True
    return revisit(screen_id, state, knowledge), False


def _asked_screen(request: Request, screen_id: str) -> tuple[FlowState, Screen, bool] | Response:
    """The flow and the screen a question page's address names (and whether it is the one
    due next), or the page to show instead: the answers are gone, or there is no such screen."""
    state = load_flow(request)
    if state is None:
        return gone(request)
    screen, due = screen_of(screen_id, state, services(request).knowledge)
    if screen is None:
        return page(request, "not_found.html", status=404)
    return state, screen, due


def _values(state: FlowState, screen: Screen) -> dict[str, Any]:
    values: dict[str, Any] = {}
    data = state.assessment_data()
    for q in screen.fields:
        if q.id in state.not_sure:
            values[q.id] = "unsure"
        elif yes_no_field(q):
            answer = state.answer_for(q.id)
            if answer is None and q.id == "pregnant" and data.get("pregnant") is not None:
                answer = "yes" if data["pregnant"] else "no"
            if answer:
                values[q.id] = answer
        elif data.get(q.id) is not None:
            values[q.id] = data[q.id]
    for ask in screen.groups:
        for q in ask.items:
            answer = state.answer_for(q.id) or ask.proposed.get(q.id)
            if answer:
                values[q.id] = answer
    return values


def render_screen(request: Request, screen: Screen, state: FlowState, *, values: dict[str, Any] | None = None,
                  errors: list[FieldError] | None = None, change: bool = False) -> Response:
    done = [d for d in state.done if d != screen.id]
    back = f"/questions/{done[-1]}" if done and not change else ("/result" if change else "/")
    spans = dict(state.understood)
    return page(request, "screen.html", {
        "screen": screen,
        "values": _values(state, screen) if values is None else values,
        "errors": errors or [],
        "error_for": {e.field: e.message for e in errors or []},
        "hints": HINTS,
        "number_fields": NUMBER_FIELDS,
        "list_fields": LIST_FIELDS,
        "yes_no_unsure": YES_NO_UNSURE,
        "group_choices": GROUP_CHOICES,
        "yes_no_field": yes_no_field,
        "spans": spans,
        "understood_hint": lambda q, value: understood_hint(state, q, value),
        "opened": {g.group.id for g in screen.groups if (values or {}).get(f"group-{g.group.id}") in ("yes", "unsure")},
        "back": back,
        "action": f"/questions/{screen.id}" + ("?change=1" if change else ""),
    }, status=400 if errors else 200)


@router.get("/questions/{screen_id}")
async def show_screen(request: Request, screen_id: str) -> Response:
    asked = _asked_screen(request, screen_id)
    if isinstance(asked, Response):
        return asked
    state, screen, due = asked
    return render_screen(request, screen, state, change=not due and request.query_params.get("change") == "1")


def _answer(raw: str) -> Answer | None:
    return raw if raw in ("yes", "no", "unsure") else None  # type: ignore[return-value]


def _still_applies(question: str, form: FormData) -> bool:
    """Whether a question on the page still applies given the other answers on the same page
    (the core's own predicates): pregnancy once a man's sex is given, which leg once the
    pain is said to stay in the back. A blank one that no longer applies is no problem."""
    if question in ("pregnant", "pregnancy_weeks"):
        if not pregnancy_possible(str(form.get("sex") or "") or None, None):
            return False
        return question == "pregnant" or str(form.get("pregnant") or "") != "no"
    if question == "leg_sides":
        return leg_sides_apply(str(form.get("radiation") or "") or None)
    return True


def read_screen(form: FormData, screen: Screen, state: FlowState) -> tuple[dict[str, Any], list[FieldError]]:
    """Copy this screen's answers into `state`; return what was typed and what is missing
    or wrong (in the form's words)."""
    typed: dict[str, Any] = {}
    problems: list[FieldError] = []
    fields: dict[str, Any] = {}
    for q in screen.fields:
        if q.id in LIST_FIELDS:
            chosen = [str(v) for v in form.getlist(q.id)]
            typed[q.id] = chosen
            allowed = {c.value for c in q.choices}
            fields[q.id] = [c for c in chosen if c in allowed]
            continue
        raw = str(form.get(q.id) or "").strip()
        unsure = raw == "unsure" or form.get(f"{q.id}-unsure") == "unsure"
        typed[q.id] = "unsure" if unsure and not raw else raw
        if unsure:
            fields[q.id] = None
        elif not raw and not _still_applies(q.id, form):
            continue  # an answer given on this same page has made it no question for them
        elif not raw:
            message = ("Enter a number, or tick I'm not sure" if q.id in NUMBER_FIELDS
                       else "Select yes, no or I'm not sure" if yes_no_field(q) else "Choose one answer")
            problems.append(FieldError(q.id, summary_label(q.text), message))
        elif q.id in NUMBER_FIELDS:
            low, high = _NUMBER_RANGE[q.id]
            if not (raw.isdigit() and len(raw) < 7):
                problems.append(FieldError(q.id, summary_label(q.text), f"Enter a whole number from {low} to {high}"))
            elif q.id == "age" and int(raw) < MIN_AGE:
                problems.append(FieldError(q.id, summary_label(q.text), "backrelief is for people aged 16 and over. "
                                                         "Please ask a doctor or pharmacist about back pain in children."))
            elif not low <= int(raw) <= high:
                problems.append(FieldError(q.id, summary_label(q.text), f"Enter a whole number from {low} to {high}"))
            else:
                fields[q.id] = int(raw)
        elif yes_no_field(q):
            answer = _answer(raw)
            if answer is None:
                problems.append(FieldError(q.id, summary_label(q.text), "Select yes, no or I'm not sure"))
            else:
                fields[q.id] = {"yes": True, "no": False}.get(answer)
        elif raw in {c.value for c in q.choices}:
            fields[q.id] = raw
        else:
            problems.append(FieldError(q.id, summary_label(q.text), "Choose one of the answers shown"))
    record_fields(state, fields)
    for ask in screen.groups:
        problems += _read_group(form, ask, state, typed)
    if screen.checks:
        items = {q.id: a for q in screen.checks if (a := _answer(str(form.get(q.id) or ""))) is not None}
        typed.update(items)
        for qid in record_checks(state, screen.checks, items):
            q = next(q for q in screen.checks if q.id == qid)
            problems.append(FieldError(qid, q.clarify or q.text, "Select yes, no or I'm not sure"))
    return typed, problems


def _read_group(form: FormData, ask: GroupAsk, state: FlowState, typed: dict[str, Any]) -> list[FieldError]:
    name = f"group-{ask.group.id}"
    raw = str(form.get(name) or "")
    choice: GroupChoice | None = raw if raw in ("none", "yes", "unsure") else None  # type: ignore[assignment]
    typed[name] = raw
    items = {q.id: a for q in ask.items if (a := _answer(str(form.get(q.id) or ""))) is not None}
    typed.update(items)
    missing = record_group(state, ask, choice if ask.forced else "yes", items)
    if "" in missing:
        return [FieldError(name, ask.group.title, "Choose none of these, yes or I'm not sure")]
    by_id = {q.id: q for q in ask.items}
    return [FieldError(qid, by_id[qid].text, "Select yes, no or I'm not sure") for qid in missing if qid in by_id]


@router.post("/questions/{screen_id}")
async def answer_screen(request: Request, screen_id: str) -> Response:
    asked = _asked_screen(request, screen_id)
    if isinstance(asked, Response):
        return asked
    state, screen, due = asked
    change = not due
    before = state.model_copy(deep=True)
    typed, problems = read_screen(await request.form(), screen, state)
    try:
        emergency = triage(state.assessment(), services(request).knowledge).is_emergency
    except InvalidInput:
        emergency = False
    if emergency:
        # A yes to an emergency sign: the result now, whatever else is blank.
        state.mark_done(screen.id)
        return finish(request, state)
    if problems:
        return render_screen(request, screen, before, values=typed, errors=problems, change=change)
    state.mark_done(screen.id)
    return go_next(request, state)
