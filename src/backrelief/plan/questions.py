"""Which questions the plan still needs, and how their answers enter the assessment.

The plan asks about medicines, breastfeeding, weight, skin and activity only when it
would otherwise suggest a medicine, book heat or ice, or open the exercise plan. The
interview engine (CLI, web pages, API) calls `questions_plan_needs` after the red-flag
screen and records each answer with `record_plan_answer`; nothing here decides advice.

    needed = questions_plan_needs(assessment, triage(assessment))
    data = record_plan_answer(assessment.to_public(), needed[0], "unsure")
"""

from __future__ import annotations

from typing import Any, Literal

from backrelief.assessment import Assessment, parse_assessment, pregnancy_unasked
from backrelief.knowledge import load_knowledge
from backrelief.knowledge.plan import NeededFor, PlanKnowledge, QuestionChoice, load_plan_knowledge
from backrelief.plan.medicines import caution_status, could_breastfeed, would_suggest
from backrelief.triage import Triage
from backrelief.values import Frozen

Answer = Literal["yes", "no", "unsure"]


class PlanQuestion(Frozen):
    """One question the plan asks. `asks` says where the answer goes in the contract:
    history (history / history_absent), medicine (current_medicines / _absent / _unsure)
    or field (the key of the same id)."""
    id: str
    asks: Literal["history", "medicine", "field"]
    text: str
    help: str = ""
    choices: tuple[QuestionChoice, ...] = ()
    needed_for: tuple[NeededFor, ...]


def plan_questions(pk: PlanKnowledge | None = None) -> tuple[PlanQuestion, ...]:
    """Every question the plan can ask, in asking order (history cautions come from the
    red-flag screen's own wording in screen.yaml)."""
    pk = pk or load_plan_knowledge()
    knowledge = load_knowledge()
    screen = {q.id: q for q in knowledge.screen}
    out: list[PlanQuestion] = []
    history: dict[str, list[NeededFor]] = {}
    for kind in ("nsaid", "paracetamol"):
        for c in getattr(pk.medicines.screens, kind):
            if c.history is not None:
                history.setdefault(c.history, [])
                if kind not in history[c.history]:
                    history[c.history].append(kind)
    for item, kinds in history.items():
        q = screen.get(item)
        if q is not None:
            out.append(PlanQuestion(id=item, asks="history", text=q.text, help=q.help, needed_for=tuple(kinds)))
    if "pregnant" in screen:
        q = screen["pregnant"]
        out.append(PlanQuestion(id="pregnant", asks="field", text=q.text, help=q.help, needed_for=("nsaid",)))
    out += [PlanQuestion(id=q.id, asks=q.asks, text=q.text, help=q.help, choices=q.choices, needed_for=q.needed_for)
            for q in pk.questions.questions]
    return tuple(out)


def _status(q: PlanQuestion, assessment: Assessment) -> str:
    if q.asks == "history":
        return assessment.history_status(q.id)  # type: ignore[arg-type]
    if q.asks == "medicine":
        return assessment.medicine_status(q.id)  # type: ignore[arg-type]
    if q.id == "pregnant":
        return "unknown" if pregnancy_unasked(assessment) else "answered"
    if q.id == "country":
        return "unknown" if assessment.country is None else "answered"
    if q.id == "breastfeeding" and not could_breastfeed(assessment):
        return "no"
    return assessment.answer_status(q.id)


def plan_needs(assessment: Assessment, result: Triage, pk: PlanKnowledge | None = None) -> frozenset[NeededFor]:
    """What the plan would offer if the questions still to come were answered no."""
    pk = pk or load_plan_knowledge()
    if result.is_emergency:
        return frozenset()
    out: set[NeededFor] = set()
    if would_suggest("nsaid", assessment, pk):
        out.add("nsaid")
    if would_suggest("paracetamol", assessment, pk):
        out.add("paracetamol")
    if assessment.finding_status("fever") not in ("yes", "unsure") and \
            assessment.answer_status("numb_skin_or_poor_circulation") not in ("yes", "unsure"):
        out.add("heat_cold")
    if result.disposition in ("self_care", "routine"):
        out.add("exercise")
    return frozenset(out)


def questions_plan_needs(assessment: Assessment, result: Triage, pk: PlanKnowledge | None = None) -> tuple[PlanQuestion, ...]:
    """The plan's questions still unanswered that could change what it offers, in order.
    Empty in an emergency, and for anything the plan would not offer anyway."""
    pk = pk or load_plan_knowledge()
    needs = plan_needs(assessment, result, pk)
    return tuple(q for q in plan_questions(pk) if needs.intersection(q.needed_for) and _status(q, assessment) == "unknown")


def record_plan_answer(data: dict[str, Any], question: PlanQuestion, answer: Answer | str) -> dict[str, Any]:
    """The assessment JSON with one answer added (a new dict; `data` is not changed).
    `answer` is yes / no / unsure, or one of the question's `choices` values."""
    out = dict(data)
    if question.choices:
        allowed = {c.value for c in question.choices}
        out[question.id] = answer if answer in allowed else None
        if out[question.id] is None:
            del out[question.id]
        return out
    if question.asks == "field":
        value = {"yes": True, "no": False}.get(answer)
        if question.id == "pregnant":
            if value is None:
                out.pop("pregnant", None)
            else:
                out["pregnant"] = value
        else:
            out[question.id] = value if value is not None else "not_sure"
        return out
    if question.asks == "medicine":
        keys = {"yes": "current_medicines", "no": "current_medicines_absent", "unsure": "current_medicines_unsure"}
    else:
        # History has no "not sure" in the contract: it stays unknown, which blocks.
        keys = {"yes": "history", "no": "history_absent"}
    for key in set(keys.values()):
        if question.id in (out.get(key) or []):
            out[key] = [x for x in out[key] if x != question.id]
    target = keys.get(answer)
    if target is not None:
        out[target] = [*(out.get(target) or []), question.id]
    if question.asks == "medicine":
        # An answer to one medicine does not answer the others: keep lists explicit.
        for key in keys.values():
            out.setdefault(key, [])
    elif question.asks == "history":
        out.setdefault("history", [])
        out.setdefault("history_absent", [])
    return out


def with_plan_answers(assessment: Assessment, answers: dict[str, Answer | str]) -> Assessment:
    """The assessment with several plan answers recorded (by question id)."""
    by_id = {q.id: q for q in plan_questions()}
    data = assessment.to_public()
    for qid, answer in answers.items():
        data = record_plan_answer(data, by_id[qid], answer)
    return parse_assessment(data, require_age=False)


__all__ = ["PlanQuestion", "caution_status", "plan_needs", "plan_questions", "questions_plan_needs",
           "record_plan_answer", "with_plan_answers"]
