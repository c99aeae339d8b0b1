"""Asking the interview in a terminal: the core engine (backrelief.interview) chooses the
questions; this module only puts them to the person, wrapped at the terminal's width.

Every question can be answered "not sure". The groups of warning signs a web page shows
together are one prompt: each list in full, numbered straight through, answered "none",
with the numbers of the signs the person has, or "not sure" (then each list on its own,
and a list still not sure one sign at a time). The questions stop right after an answer
that makes the triage an emergency.
"""

from __future__ import annotations

import shutil
import textwrap
from typing import Any

import typer

from backrelief.assessment import MAX_AGE, MIN_AGE
from backrelief.errors import TooYoung
from backrelief.interview import GroupAsk, InterviewState, parse_answer
from backrelief.interview.describe import answer_label, guess_note, guessed
from backrelief.interview.driver import Tally, run_prompts
from backrelief.interview.engine import Progress
from backrelief.interview.state import Answer
from backrelief.knowledge import Question, load_knowledge

NOT_SURE = "not sure"
_NUMBERS: dict[str, tuple[int, int]] = {
    "age": (0, MAX_AGE),
    "severity": (0, 10),
    "worst_severity": (0, 10),
    "duration_days": (0, 36500),
    "episodes_last_year": (0, 365),
    "pregnancy_weeks": (0, 45),
}
_MANY = {"worsens", "eases"}


def width() -> int:
    return max(40, min(100, shutil.get_terminal_size((80, 24)).columns))


def say(text: str = "", indent: str = "") -> None:
    """Print wrapped at the terminal's width."""
    if not text:
        typer.echo("")
        return
    for paragraph in text.split("\n"):
        typer.echo(textwrap.fill(paragraph, width(), initial_indent=indent, subsequent_indent=indent + "  ")
                   if paragraph.strip() else "")


def _ask_line(prompt: str) -> str:
    say(prompt)
    return str(typer.prompt("", default="", show_default=False, prompt_suffix="> "))


def _ask_until(prompt: str) -> Answer:
    while True:
        answer = parse_answer(_ask_line(prompt))
        if answer is not None:
            return answer
        say("  Please type yes, no or not sure.")


def ask_offer(text: str) -> bool:
    """An offer ("Show your relief plan?"), in the same [yes / no] form as every question:
    Enter takes it, as the question says; not sure takes it too (nothing is lost by seeing)."""
    while True:
        raw = _ask_line(f"{text}\n  [yes / no / not sure; Enter for yes]").strip()
        if not raw:
            return True
        answer = parse_answer(raw)
        if answer is not None:
            return answer != "no"
        say("  Please type yes or no.")


def ask_yes_no(question: Question) -> Answer:
    """yes / no / unsure; "not sure" gets the clarifying question once."""
    text = question.text + (f"\n  ({question.help})" if question.help else "")
    answer = _ask_until(f"{text}\n  [yes / no / not sure]")
    if answer == "unsure" and question.clarify:
        say("  Let us ask it another way.")
        answer = _ask_until(f"{question.clarify}\n  [yes / no / not sure]")
    return answer


class TerminalAsker:
    def __init__(self, spans: dict[str, str] | None = None, guessed: set[str] | None = None) -> None:
        self.spans = spans or {}
        # What the reader inferred rather than read (interview.describe.guessed): shown as a guess.
        self.guessed = guessed or set()

    def field(self, q: Question, current: Any) -> Any:
        if self.spans.get(q.id):
            say(f"You wrote \u201c{self.spans[q.id]}\u201d.")
        return ask_field(q)

    def fields(self, qs: list[Question], escape: str | None = None) -> Any:
        """Several questions, answered on one line in order ("5, 8" or "female, no");
        `escape` typed instead gives _CHANGE."""
        lines = ["Answer both on one line, in order, with a comma between (for example: "
                 + ", ".join(_example(q) for q in qs) + "; type not sure for any you do not know)."]
        for n, q in enumerate(qs, start=1):
            said = f" (You wrote \u201c{self.spans[q.id]}\u201d.)" if self.spans.get(q.id) else ""
            lines.append(f"  {n}. {q.text}{_HINTS.get(q.id, '')}{said}")
            if q.id in _NUMBERS:
                lines.append("     [a whole number, or not sure]")
            elif not q.choices:
                lines.append("     [yes / no / not sure]")
            elif q.id in _MANY:
                lines += [f"     {i}) {c.label}" for i, c in enumerate(q.choices, start=1)]
                lines.append(f"     [{MANY_HINT}, or not sure]")
            elif len(q.choices) <= 3:
                lines.append("     " + "  ".join(f"{i}) {c.label}" for i, c in enumerate(q.choices, start=1)))
                lines.append("     [one number, or not sure]")
            else:
                lines += [f"     {i}) {c.label}" for i, c in enumerate(q.choices, start=1)]
                lines.append("     [one number, or not sure]")
        while True:
            raw = _ask_line("\n".join(lines))
            if escape and raw.strip().lower() == escape:
                return _CHANGE
            parts = [p.strip() for p in raw.split(",")]
            if len(parts) == len(qs):
                values = [_read_value(q, p) for q, p in zip(qs, parts, strict=True)]
                if all(v is not _BAD for v in values):
                    if any(q.id == "age" and isinstance(v, int) and v < MIN_AGE
                           for q, v in zip(qs, values, strict=True)):
                        raise TooYoung()
                    return {q.id: v for q, v in zip(qs, values, strict=True)}
            say(f"  Please give {len(qs)} answers with a comma between them, each from its own list "
                "(not sure is fine).")

    def review(self, ask: GroupAsk) -> list[str] | None:
        say()
        say(ask.group.title.upper())
        say("From your words we ticked what you told us. Check the list:")
        for n, q in enumerate(ask.items, start=1):
            mark = _said(ask.proposed.get(q.id), self.spans.get(q.id))
            say(f"{n}. {q.text}{mark}", "  ")
        ticked = [n for n, q in enumerate(ask.items, start=1) if ask.proposed.get(q.id) in ("yes", "unsure")]
        return self._numbers(ask, "Press Enter if only the ticked ones apply"
                             + (f" ({', '.join(map(str, ticked))})" if ticked else " (none of them)")
                             + ", or type the numbers of all that apply to you, or not sure to go through "
                             "them one by one.", keep=[ask.items[n - 1].id for n in ticked])

    def plan(self, checklist: list[Question], choices: list[Question],
             proposed: dict[str, Answer]) -> tuple[list[str] | None, dict[str, Any]]:
        say()
        say("FOR YOUR PLAN")
        say("These make your relief plan safe for you, for example which painkillers suit you.")
        for n, q in enumerate(checklist, start=1):
            say(f"{n}. {q.text}{_said(proposed.get(q.id), self.spans.get(q.id))}", "  ")
        words = {c.value: (q, c.value) for q in choices for c in q.choices}
        words.update({c.label.lower().split()[-1]: (q, c.value) for q in choices for c in q.choices})
        prompt = ("Type the numbers of all that are true for you (the ticked ones too), or none."
                  if any(v in ("yes", "unsure") for v in proposed.values())
                  else "Type the numbers of all that are true for you, or none.")
        prompt += " Type not sure to go through them one by one."
        for q in choices:
            prompt += (f"\nAlso: {q.text.split('?')[0]}? Type " + ", ".join(
                f"{c.value} ({c.label})" for c in q.choices) + " on the same line (leave it out if you are not sure).")
        also = "".join(f"; and {' or '.join(c.value for c in q.choices)}" for q in choices)
        prompt += f"\n  [{MANY_HINT}{also}; or not sure]"
        while True:
            raw = _ask_line(prompt).strip().lower()
            values: dict[str, Any] = {}
            rest = raw
            for word, (q, value) in words.items():
                if f" {word} " in f" {rest.replace(',', ' ')} ":
                    values[q.id] = value
                    rest = f" {rest.replace(',', ' ')} ".replace(f" {word} ", " ").strip()
            if parse_answer(rest) == "unsure" or rest == NOT_SURE:
                return None, values
            picked = _pick(rest, len(checklist), many=True)
            if picked is not None:
                return [checklist[i].id for i in picked], values
            say("  Please type numbers from the list" + (" and your answer from the choices" if choices else "")
                + ", none, or not sure.")

    def _numbers(self, ask: GroupAsk, prompt: str, keep: list[str] | None = None) -> list[str] | None:
        """The items whose numbers are typed; not sure is None; Enter keeps `keep` when
        there is one to keep (the review of what the words gave), else asks again."""
        while True:
            raw = _ask_line(prompt).strip().lower()
            if raw == "" and keep is not None:
                return keep
            if parse_answer(raw) == "unsure" or raw == NOT_SURE:
                return None
            picked = _pick(raw, len(ask.items), many=True)
            if picked:
                return [ask.items[i].id for i in picked]
            say("  Please press Enter, type numbers from the list, or not sure." if keep is not None
                else "  Please type the numbers from the list, or not sure.")

    def signs(self, asks: list[GroupAsk]) -> list[str] | None:
        """One screen's lists of warning signs in one prompt, numbered straight through,
        each under its own heading and in its own words. There is no default: Enter alone
        is asked again, so every list gets an answer."""
        items = [q for ask in asks for q in ask.items]
        n = 0
        for ask in asks:
            say()
            say(ask.group.title.upper())
            if ask.group.lead:
                say(ask.group.lead)
            for q in ask.items:
                n += 1
                say(f"{n}. {q.text}", "  ")
                if ask.proposed.get(q.id) == "no":
                    span = self.spans.get(q.id)
                    say(f"(You wrote \u201c{span}\u201d: we took this as no.)" if span else "(From your words we took "
                        "this as no.)", "     ")
        lists = "any of these" if len(asks) == 1 else f"any of the signs in these {len(asks)} lists"
        picked = ask_checklist(f"Do you have {lists}?", len(items),
                               "them one by one" if len(asks) == 1 else "each list on its own")
        return None if picked is None else [items[i].id for i in picked]

    def confirm(self, understood: list[tuple[Question, Any]],
                first: list[Question]) -> tuple[dict[str, Any], dict[str, Any] | None]:
        lines = ["Here is what we understood from your words:"]
        lines += [f"  {n}. {q.text} {self._understood(q, v)}" for n, (q, v) in enumerate(understood, start=1)]
        if not first:
            lines.append("Press Enter if this is right, or type the numbers of any to change (for example 2).")
            while True:
                raw = _ask_line("\n".join(lines)).strip().lower()
                if raw in ("", "y", "yes", "ok", "right"):
                    return {}, None
                picked = _pick(raw, len(understood), many=True)
                if picked:
                    return self._changes(understood, picked), None
                say("  Please press Enter, or type numbers from the list.")
        # Checking the list costs no answer of its own: the next question comes under it,
        # and "change" (instead of an answer) corrects the list first.
        say("\n".join(lines))
        say(f"If any of these is wrong, type {CHANGE} instead of an answer to the next question.")
        values = self.fields(first, escape=CHANGE) if len(first) > 1 else ask_field(first[0], escape=CHANGE)
        if values is _CHANGE:
            while True:
                picked = _pick(_ask_line("Which ones? Type their numbers.\n  [the numbers of those to change, for example 2]")
                               .strip().lower(),
                               len(understood), many=True)
                if picked:
                    return self._changes(understood, picked), None
                say("  Please type numbers from the list.")
        return {}, values if len(first) > 1 else {first[0].id: values}

    def _understood(self, q: Question, value: Any) -> str:
        """A value the reader took: as said, or, when the words do not say it ("Suddenly"
        from "lifting a box", 10 out of 10 from "agony"), as a guess with the words it came
        from, for the person to confirm (the same words as the web's, interview.describe)."""
        if q.id in self.guessed:
            return guess_note(q, value, self.spans.get(q.id, ""))
        return answer_label(q, value)

    def _changes(self, understood: list[tuple[Question, Any]], picked: list[int]) -> dict[str, Any]:
        return {understood[i][0].id: ask_field(understood[i][0]) for i in picked}

    def item(self, q: Question, proposed: Answer | None) -> Answer:
        if q.id == "pregnant":
            return ask_yes_no(q)
        return ask_yes_no(q)

    def check(self, q: Question) -> Answer:
        return _ask_until(f"{q.clarify or q.text}\n  [yes / no / not sure]")


_BAD = object()
_CHANGE = object()
CHANGE = "change"
_HINTS = {"pregnant": " (If you are a man, or cannot be pregnant, type no.)"}


def _example(q: Question) -> str:
    return "5" if q.id in _NUMBERS else "no" if not q.choices else "1 3" if q.id in _MANY else "1"


def _read_value(q: Question, raw: str) -> Any:
    """One answer of a one-line prompt: the value, None for not sure, _BAD if unreadable."""
    raw = raw.strip().lower()
    if parse_answer(raw) == "unsure" or raw == NOT_SURE:
        return None
    if q.id in _NUMBERS:
        low, high = _NUMBERS[q.id]
        return int(raw) if raw.isdigit() and low <= int(raw) <= high else _BAD
    if not q.choices:
        answer = parse_answer(raw)
        return _BAD if answer is None else answer == "yes"
    if q.id in _MANY:
        picked = _pick(raw, len(q.choices), many=True)
        return _BAD if picked is None else [q.choices[i].value for i in picked]
    for n, c in enumerate(q.choices, start=1):
        if raw in (str(n), c.label.lower()):
            return c.value
    return _BAD


def _said(proposed: Answer | None, span: str | None) -> str:
    """What the reader took from the words for one item, quoted with the words."""
    if proposed is None:
        return ""
    took = {"yes": "yes", "no": "no", "unsure": "not sure"}[proposed]
    mark = " [ticked]" if proposed in ("yes", "unsure") else ""
    return f"{mark} (you wrote \u201c{span}\u201d: we took this as {took})" if span else \
        f"{mark} (from your words we took this as {took})"


def ask_field(question: Question, escape: str | None = None) -> Any:
    """A field question: a number, one choice, or several choices. None is "not sure";
    `escape` typed instead gives _CHANGE."""
    if question.id in _NUMBERS:
        low, high = _NUMBERS[question.id]
        while True:
            raw = _ask_line(f"{question.text}\n  [a whole number, or not sure]").strip().lower()
            if escape and raw == escape:
                return _CHANGE
            if parse_answer(raw) == "unsure" or raw == NOT_SURE:
                return None
            if raw.isdigit() and low <= int(raw) <= high:
                value = int(raw)
                if question.id == "age" and value < MIN_AGE:
                    raise TooYoung()
                return value
            say(f"  Please type a whole number from {low} to {high}, or not sure.")
    if not question.choices:
        # A yes / no field (pregnant, breastfeeding, regularly active).
        if escape:
            while True:
                raw = _ask_line(f"{question.text}\n  [yes / no / not sure]").strip().lower()
                if raw == escape:
                    return _CHANGE
                if (said := parse_answer(raw)) is not None:
                    return None if said == "unsure" else said == "yes"
                say("  Please type yes, no or not sure.")
        answer = ask_yes_no(question)
        return None if answer == "unsure" else answer == "yes"
    many = question.id in _MANY
    lines = [question.text]
    lines += [f"  {n}. {c.label}" for n, c in enumerate(question.choices, start=1)]
    hint = MANY_HINT if many else "one number"
    lines.append(f"  [{hint}, or not sure]")
    while True:
        raw = _ask_line("\n".join(lines)).strip().lower()
        if escape and raw == escape:
            return _CHANGE
        if parse_answer(raw) == "unsure" or raw == NOT_SURE:
            return None
        picked = _pick(raw, len(question.choices), many)
        if picked is not None:
            values = [question.choices[i].value for i in picked]
            return values if many else values[0]
        say(f"  Please type {hint} from the list, or not sure.")


_NONE_WORDS = frozenset({"none", "no", "n", "none of these", "nope", "nothing"})


def ask_checklist(question: str, count: int, not_sure_then: str, which: str = "the ones you have") -> list[int] | None:
    """A numbered list already shown, answered in one line: "none", the numbers of those
    that apply (0-based here), or not sure (None; `not_sure_then` says what follows). No
    default: Enter alone is asked again, so the list is always answered. "yes" asks
    which ones."""
    prompt = (f"{question} Type none, or the numbers of {which} (for example 2 5), or not sure."
              "\n  [none / numbers / not sure]")
    while True:
        raw = _ask_line(prompt).strip().lower()
        if raw in _NONE_WORDS:
            return []
        answer = parse_answer(raw)
        if answer == "unsure" or raw == NOT_SURE:
            return None
        if answer == "yes":
            prompt = f"Which ones? Type their numbers, for example 2 5 (or not sure to go through {not_sure_then})."
            continue
        picked = _pick(raw, count, many=True)
        if picked:
            return picked
        say(f"  Please type none, numbers from 1 to {count}, or not sure.")


MANY_HINT = "the numbers of all that apply, for example 2 5, or none"


def _pick(raw: str, count: int, many: bool) -> list[int] | None:
    if many and (raw == "" or raw in _NONE_WORDS):
        return []
    parts = [p.strip() for p in raw.replace(" ", ",").split(",") if p.strip()]
    if not parts or (not many and len(parts) != 1):
        return None
    if not all(p.isdigit() and 1 <= int(p) <= count for p in parts):
        return None
    return sorted({int(p) - 1 for p in parts})


def run_questionnaire(state: InterviewState | None = None) -> tuple[Progress, Tally]:
    """Ask what the engine says is worth asking; stop at once at an emergency."""
    state = state or InterviewState()
    say("Each question says in [brackets] what to type. Not sure is always an answer: for a warning sign we take the safer "
        "choice, and we ask again in other words where we can.")
    say()
    now, tally = run_prompts(state, TerminalAsker(dict(state.understood), guessed(state)), load_knowledge())
    if now.triage.is_emergency:
        say()
        say("Stopping the questions: what you said needs help now.")
        say()
    return now, tally
