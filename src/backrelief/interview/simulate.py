"""Simulated people for `evaluate --mode questions|dialogue` and the interview bench.

The person answers every question the engine asks from a vignette's structured input: a
finding or history item in the input is "yes" (in `findings_unsure`: "not sure"), one not
in it is "no"; a field takes the input's value, or "not sure" when the input lacks it. A
group is "yes, one or more" when any of its items would be yes or not sure, else "none of
these". `dialogue` starts from the free-text reader's reading of the narrative (own words
first); `questions` starts with nothing. Both the web pages (two groups to a page, every
answer on a page sent together) and the terminal (one prompt at a time; a page's groups of
warning signs are one prompt, answered with the numbers of the signs the person has, or
"none") are counted.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any, Literal

from backrelief.interview.driver import Tally, run_prompts
from backrelief.interview.engine import GroupAsk, GroupChoice, Screen, progress, record_checks, record_group
from backrelief.interview.state import Answer, InterviewState
from backrelief.knowledge import Knowledge, Level, Question, load_knowledge
from backrelief.triage import triage

Path = Literal["questions", "dialogue"]


@dataclass(frozen=True)
class Simulation:
    disposition: Level
    pages: int          # web pages to the result
    prompts: int        # terminal prompts to the result (a page's groups count as one)
    answers: int        # single answers in the terminal (fields and single items)
    terminal_disposition: Level


@cache
def _plan_medicines() -> frozenset[str]:
    from backrelief.plan.questions import plan_questions

    return frozenset(q.id for q in plan_questions() if q.asks == "medicine")


class Person:
    """Answers from a vignette's structured input."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.data = data

    def answer(self, q: Question) -> Answer:
        if q.id in _plan_medicines():
            if q.id in (self.data.get("current_medicines") or ()):
                return "yes"
            return "unsure" if q.id in (self.data.get("current_medicines_unsure") or ()) else "no"
        if q.asks == "field" and q.id != "pregnant":
            # The plan's yes / no questions (breastfeeding, weight...): like a finding, what
            # the input does not say is "no" (a person knows whether they breastfeed).
            value = self.data.get(q.id)
            return "yes" if value is True else "unsure" if value == "not_sure" else "no"
        if q.id == "pregnant":
            value = self.data.get("pregnant")
            return "unsure" if value is None else "yes" if value else "no"
        if q.asks == "finding":
            if q.id in (self.data.get("findings") or ()):
                return "yes"
            return "unsure" if q.id in (self.data.get("findings_unsure") or ()) else "no"
        return "yes" if q.id in (self.data.get("history") or ()) else "no"

    def field(self, q: Question, current: Any) -> Any:
        return self.value(q)

    def value(self, q: Question) -> Any:
        value = self.data.get(q.id)
        if q.id in ("worsens", "eases") and value is None and "findings" in self.data:
            return None
        return value

    def fields(self, qs: list[Question]) -> dict[str, Any]:
        return {q.id: self.value(q) if q.id != "pregnant" else {"yes": True, "no": False}.get(self.answer(q))
                for q in qs}

    def review(self, ask: GroupAsk) -> list[str] | None:
        return self.pick(ask)

    def plan(self, checklist: list[Question], choices: list[Question],
             proposed: dict[str, Answer]) -> tuple[list[str] | None, dict[str, Any]]:
        answers = {q.id: self.answer(q) for q in checklist}
        picked = None if "unsure" in answers.values() else [qid for qid, a in answers.items() if a == "yes"]
        return picked, {q.id: self.value(q) for q in choices}

    def group(self, ask: GroupAsk) -> GroupChoice:
        return "yes" if any(self.answer(q) != "no" for q in ask.items) else "none"

    def pick(self, ask: GroupAsk) -> list[str] | None:
        return self.signs([ask])

    def signs(self, asks: list[GroupAsk]) -> list[str] | None:
        answers = {q.id: self.answer(q) for ask in asks for q in ask.items}
        if "unsure" in answers.values():
            return None
        return [qid for qid, answer in answers.items() if answer == "yes"]

    def confirm(self, understood: list[tuple[Question, Any]],
                first: list[Question]) -> tuple[dict[str, Any], dict[str, Any] | None]:
        # A value the input does not give is left as read: the person wrote it in their own
        # words, and the vignette's input only leaves it out (an under-triage from a value
        # the reader made up still shows in the score).
        changes = {q.id: self.data[q.id] for q, value in understood
                   if self.data.get(q.id) is not None and self.data[q.id] != value}
        if changes or not first:
            return changes, None  # a change first; the next question is then asked on its own
        return {}, Person.fields(self, first) if len(first) > 1 else {first[0].id: Person.field(self, first[0], None)}

    def item(self, q: Question, proposed: Answer | None) -> Answer:
        return self.answer(q)

    def check(self, q: Question) -> Answer:
        return self.answer(q)


def start(path: Path, narrative: str, today: date) -> InterviewState:
    if path == "questions" or not narrative.strip():
        return InterviewState()
    from backrelief.reading import read

    reading = read(narrative, today)
    return InterviewState(mode="reader", base=reading.assessment.to_public())


def pages(state: InterviewState, person: Person, knowledge: Knowledge, shown: list[Screen] | None = None) -> tuple[Level, int]:
    """The web pages: each screen answered whole, then the next computed. `shown` collects
    the screens in order, for the checks that look at what each page held."""
    count = 0
    while True:
        now = progress(state, knowledge, per_screen=2)
        screen = now.next
        if screen is None:
            return now.triage.disposition, count
        count += 1
        if shown is not None:
            shown.append(screen)
        answer_page(state, screen, person)


def answer_page(state: InterviewState, screen: Screen, person: Person, *, half: bool = False) -> None:
    """The person's answers to one page. `half`: only what they would say yes or not sure
    to, and the values they know; every "no" and "not sure" value left blank, as a person
    in a hurry who has just ticked the sign they have (the page must still end at the
    emergency)."""
    if screen.checks:
        given = {q.id: person.check(q) for q in screen.checks}
        record_checks(state, screen.checks, {qid: a for qid, a in given.items() if not half or a != "no"})
    for q in screen.fields:
        value = person.field(q, None)
        if not half or value is not None:
            state.record_field(q.id, value)
    for ask in screen.groups:
        choice = person.group(ask) if ask.forced else "yes"
        items = {} if choice == "none" else {q.id: person.answer(q) for q in ask.items}
        if half:
            items = {qid: a for qid, a in items.items() if a != "no"}
        record_group(state, ask, choice, items)
    state.mark_done(screen.id)


class _Watched:
    """A person whose every prompt is counted as late when the answers already given
    make an emergency: the terminal must stop at once, so a late prompt is a fault."""

    def __init__(self, person: Person, state: InterviewState, knowledge: Knowledge) -> None:
        self.person, self.state, self.k = person, state, knowledge
        self.late = 0

    def __getattr__(self, name: str) -> Any:
        method = getattr(self.person, name)

        def asked(*args: Any) -> Any:
            if triage(self.state.assessment(), self.k).is_emergency:
                self.late += 1
            return method(*args)

        return asked


def late_screens(data: dict[str, Any], narrative: str, path: Path, today: date,
                 knowledge: Knowledge | None = None) -> tuple[int, int, bool | None]:
    """Does an emergency end the interview at the first screen that shows it? Returns the
    web pages shown after the answers were already an emergency, the terminal prompts
    likewise, and whether the web page that showed the emergency still ends there when
    the person fills in only the signs they have (None when no page showed one)."""
    knowledge = knowledge or load_knowledge()
    person = Person(data)
    shown: list[Screen] = []
    state = start(path, narrative, today)
    level, _ = pages(state, person, knowledge, shown)
    late_pages = 0
    again = start(path, narrative, today)
    half_page: bool | None = None
    for n, screen in enumerate(shown):
        if triage(again.assessment(), knowledge).is_emergency:
            late_pages += 1
        elif level == "emergency" and n == len(shown) - 1:
            answer_page(again, screen, person, half=True)
            half_page = triage(again.assessment(), knowledge).is_emergency
            break
        answer_page(again, screen, person)
    terminal = start(path, narrative, today)
    watched = _Watched(person, terminal, knowledge)
    run_prompts(terminal, watched, knowledge)
    return late_pages, watched.late, half_page


def simulate(data: dict[str, Any], narrative: str, path: Path, today: date,
             knowledge: Knowledge | None = None) -> Simulation:
    knowledge = knowledge or load_knowledge()
    person = Person(data)
    level, page_count = pages(start(path, narrative, today), person, knowledge)
    now, tally = run_prompts(start(path, narrative, today), person, knowledge)
    return Simulation(disposition=level, pages=page_count, prompts=tally.prompts,
                      answers=tally.fields + tally.items, terminal_disposition=now.triage.disposition)


__all__ = ["Person", "Simulation", "Tally", "late_screens", "simulate"]
