"""Asking the questions in a terminal. Every question can be answered "not sure".

The red-flag screen comes first; as soon as an answer makes the triage an emergency the
questions stop and the emergency message is shown, because every further question
would delay help.
"""

from __future__ import annotations

import typer

from backrelief.assessment import MAX_AGE, MIN_AGE, Assessment, leg_sides_apply, pregnancy_possible
from backrelief.errors import TooYoung
from backrelief.interview import Answers, field_questions, parse_answer, screen_questions
from backrelief.knowledge import Question, load_knowledge
from backrelief.triage import triage

NOT_SURE = "not sure"
_NUMBERS: dict[str, tuple[int, int]] = {
    "age": (0, MAX_AGE),
    "severity": (0, 10),
    "worst_severity": (0, 10),
    "duration_days": (0, 36500),
    "episodes_last_year": (0, 365),
}


def _ask_line(prompt: str) -> str:
    return str(typer.prompt(prompt, default="", show_default=False, prompt_suffix=" "))


def ask_yes_no(question: Question) -> str:
    """yes / no / unsure; "not sure" gets the clarifying question once."""
    text = question.text
    if question.help:
        text += f"\n  ({question.help})"
    answer = _ask_until(f"{text}\n  [yes / no / not sure]")
    if answer == "unsure" and question.clarify:
        typer.echo("  Let us ask it another way.")
        answer = _ask_until(f"{question.clarify}\n  [yes / no / not sure]")
    return answer


def _ask_until(prompt: str) -> str:
    while True:
        answer = parse_answer(_ask_line(prompt))
        if answer is not None:
            return answer
        typer.echo("  Please type yes, no or not sure.")


def ask_field(question: Question, answers: Answers) -> None:
    """A field question: a number, one choice, or several choices (worsens, eases)."""
    if question.id in _NUMBERS:
        low, high = _NUMBERS[question.id]
        while True:
            raw = _ask_line(f"{question.text}\n  [a whole number, or not sure]").lower()
            if parse_answer(raw) == "unsure" or raw == NOT_SURE:
                return
            if raw.isdigit() and low <= int(raw) <= high:
                value = int(raw)
                if question.id == "age" and value < MIN_AGE:
                    raise TooYoung()
                answers.fields[question.id] = value
                return
            typer.echo(f"  Please type a whole number from {low} to {high}, or not sure.")
    if question.id == "pregnant":
        answer = ask_yes_no(question)
        if answer != "unsure":
            answers.fields["pregnant"] = answer == "yes"
        return
    many = question.id in {"worsens", "eases"}
    lines = [question.text]
    lines += [f"  {n}. {c.label}" for n, c in enumerate(question.choices, start=1)]
    hint = "numbers separated by commas, blank for none" if many else "a number"
    lines.append(f"  [{hint}, or not sure]")
    while True:
        raw = _ask_line("\n".join(lines)).lower()
        if parse_answer(raw) == "unsure" or raw == NOT_SURE:
            return
        picked = _pick(raw, len(question.choices), many)
        if picked is not None:
            values = [question.choices[i].value for i in picked]
            answers.fields[question.id] = values if many else values[0]
            return
        typer.echo(f"  Please type {hint} from the list, or not sure.")


def _pick(raw: str, count: int, many: bool) -> list[int] | None:
    if many and raw == "":
        return []
    parts = [p.strip() for p in raw.split(",") if p.strip()]
    if not parts or (not many and len(parts) != 1):
        return None
    if not all(p.isdigit() and 1 <= int(p) <= count for p in parts):
        return None
    return sorted({int(p) - 1 for p in parts})


def _applies(question: Question, answers: Answers, base: Assessment | None) -> bool:
    fields = {**(base.to_public() if base else {}), **answers.fields}
    if question.id == "leg_sides":
        # Asked once we know the pain spreads; until then there is nothing to ask about.
        return fields.get("radiation") is not None and leg_sides_apply(fields.get("radiation"))
    if question.id == "pregnant":
        return pregnancy_possible(fields.get("sex"), fields.get("age"))
    return True


def run_questionnaire(only: set[str] | None = None, base: Assessment | None = None) -> Assessment:
    """Ask every question (or only those in `only`), red-flag screen first.

    Stops early, right after the answer that makes the triage an emergency.
    """
    k = load_knowledge()
    answers = Answers()
    screen = [q for q in screen_questions(k) if only is None or q.id in only]
    fields = [q for q in field_questions(k) if only is None or q.id in only]
    red_findings = [q for q in screen if q.asks == "finding" and q.red_flag]
    rest = [q for q in screen if q not in red_findings]
    # Fields that are red flags (age, trigger, region, spread) come before the rest.
    ordered = red_findings + [q for q in rest if q.red_flag] + fields + [q for q in rest if not q.red_flag]
    if ordered:
        typer.echo("Answer each question with yes, no or not sure. Not sure is fine: for a warning sign we take the safer "
                   "choice, and we ask again in other words where we can.\n")
    for question in ordered:
        if question.asks == "field":
            if _applies(question, answers, base):
                ask_field(question, answers)
        else:
            answers.record(question, ask_yes_no(question))  # type: ignore[arg-type]
        if triage(answers.to_assessment(base), k).is_emergency:
            typer.echo("\nStopping the questions: what you said needs help now.\n")
            break
    return answers.to_assessment(base)
