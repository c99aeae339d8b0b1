"""Running the interview one prompt at a time (the terminal, and the simulations that
count prompts): the engine chooses each screen, an `Asker` puts each question to the
person, and the triage is checked after every single answer so an emergency stops the
questions at once.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

from backrelief.interview.engine import DETAILS, GroupAsk, GroupChoice, Progress, progress, record_group, still_open
from backrelief.interview.state import Answer, InterviewState
from backrelief.knowledge import Knowledge, Question, load_knowledge
from backrelief.triage import triage


class Asker(Protocol):
    def field(self, q: Question, current: Any) -> Any:
        """The value, or None for not sure."""

    def group(self, ask: GroupAsk) -> GroupChoice: ...

    def pick(self, ask: GroupAsk) -> list[str] | None:
        """After "yes, one or more": the items that apply (the rest are "no"), or None to
        go through them one by one (yes / no / not sure each)."""

    def confirm(self, understood: list[tuple[Question, Any]]) -> dict[str, Any]:
        """The reader's values shown together: the ones the person changes (None: not sure)."""

    def item(self, q: Question, proposed: Answer | None) -> Answer: ...

    def check(self, q: Question) -> Answer: ...


@dataclass
class Tally:
    """How long the interview was: prompts (a group counts as one) and single answers."""

    prompts: int = 0
    groups: int = 0
    items: int = 0
    fields: int = 0


def run_prompts(state: InterviewState, asker: Asker, k: Knowledge | None = None) -> tuple[Progress, Tally]:
    """Ask until the engine has nothing more worth asking, or the answer is an emergency."""
    k = k or load_knowledge()
    tally = Tally()

    def emergency() -> bool:
        return triage(state.assessment(), k).is_emergency

    while True:
        now = progress(state, k, per_screen=1)
        screen = now.next
        if screen is None:
            return now, tally
        stop = False
        for q in screen.checks:
            state.record_answer(q.asks, q.id, asker.check(q))
            state.clarified.append(q.id)
            tally.prompts += 1
            tally.items += 1
            if emergency():
                stop = True
                break
        fields = list(screen.fields)
        if screen.id == DETAILS:
            data = state.assessment_data()
            understood = [(q, data[q.id]) for q in fields if data.get(q.id) is not None]
            if understood:
                changed = asker.confirm(understood)
                tally.prompts += 1
                tally.groups += 1
                for q, value in understood:
                    state.record_field(q.id, changed.get(q.id, value))
                fields = [q for q in fields if data.get(q.id) is None]
                stop = emergency()
        for q in fields if not stop else ():
            if not still_open(state, q.id) or (screen.id != DETAILS
                                               and q.id not in progress(state, k, per_screen=1).relevant):
                continue  # an earlier answer made it not apply or not matter (which leg, what eases it)
            current = state.assessment_data().get(q.id)
            state.record_field(q.id, asker.field(q, current))
            tally.prompts += 1
            tally.fields += 1
            if emergency():
                stop = True
                break
        for ask in screen.groups if not stop else ():
            stop = _ask_group(state, ask, asker, tally, emergency)
        state.mark_done(screen.id)
        if stop:
            return progress(state, k, per_screen=1), tally


def _ask_group(state: InterviewState, ask: GroupAsk, asker: Asker, tally: Tally, emergency: Any) -> bool:
    choice: GroupChoice | None = None
    if ask.forced:
        choice = asker.group(ask)
        tally.prompts += 1
        tally.groups += 1
        if choice == "none":
            record_group(state, ask, "none", {})
            return bool(emergency())
        if choice == "yes" and len(ask.items) > 1:
            picked = asker.pick(ask)
            if picked is not None:
                tally.prompts += 1
                tally.items += 1
                record_group(state, ask, "yes", {q.id: "yes" if q.id in picked else "no" for q in ask.items})
                return bool(emergency())
    for q in ask.items:
        answer = asker.item(q, ask.proposed.get(q.id))
        state.record_answer(q.asks, q.id, answer)
        tally.prompts += 1
        tally.items += 1
        if emergency():
            return True
    return False
