"""Running the interview one prompt at a time (the terminal, and the simulations that
count prompts): the engine chooses each screen, an `Asker` puts each question to the
person, and the triage is checked after every prompt so an emergency stops the questions
at once.

The terminal asks the web's own screens (the engine's `progress` with the same groups to
a screen): the warning-sign groups a web page shows together are one prompt here too, each
list shown in full under its own heading. Only the field questions differ, a page of them
being at most two to a line.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any, Protocol, get_args

from backrelief.assessment import PREGNANCY_POSSIBLE_BELOW_AGE, Assessment
from backrelief.errors import InvalidInput
from backrelief.interview.engine import DETAILS, GroupAsk, Progress, progress, record_group, still_open
from backrelief.interview.layout import layout
from backrelief.interview.state import Answer, InterviewState
from backrelief.knowledge import URGENCY, Knowledge, Question, load_knowledge
from backrelief.knowledge.conditions import mentions
from backrelief.triage import triage


class Asker(Protocol):
    def field(self, q: Question, current: Any) -> Any:
        """The value, or None for not sure."""

    def fields(self, qs: list[Question]) -> dict[str, Any]:
        """Several field questions in one prompt (interview.yaml `together`): each value,
        None for not sure."""

    def signs(self, asks: list[GroupAsk]) -> list[str] | None:
        """One screen's groups of warning signs (one group or the web page's two or three),
        each listed in full: the items that apply ([] for none of them; the rest are "no"),
        or None for not sure (then each group is asked on its own, and a group still not
        sure goes through its items one by one, yes / no / not sure each)."""

    def review(self, ask: GroupAsk) -> list[str] | None:
        """A group where the reader found something: the items shown with what the words
        said; the items that apply once the person has checked them (the rest are "no"),
        or None to go through them one by one."""

    def plan(self, checklist: list[Question], choices: list[Question],
             proposed: dict[str, Answer]) -> tuple[list[str] | None, dict[str, Any]]:
        """Everything only the plan needs, in one prompt: the checklist items that apply
        (the rest "no"; None to go through them one by one), and a value for each choice
        question (None: not sure). `proposed`: what the reader took from the words."""

    def confirm(self, understood: list[tuple[Question, Any]],
                first: list[Question]) -> tuple[dict[str, Any], dict[str, Any] | None]:
        """The reader's values shown together, with the first question the words did not
        answer (`first`, one prompt's worth; may be empty) asked under them in the same
        prompt: the values the person changes (None: not sure), and the answers to `first`,
        or None when the person chose to change something instead (then `first` is asked
        again on its own)."""

    def item(self, q: Question, proposed: Answer | None) -> Answer: ...

    def check(self, q: Question) -> Answer: ...


@dataclass
class Tally:
    """How long the interview was: prompts (the warning-sign groups of a page count as one) and single answers."""

    prompts: int = 0
    groups: int = 0
    items: int = 0
    fields: int = 0


def run_prompts(state: InterviewState, asker: Asker, knowledge: Knowledge | None = None) -> tuple[Progress, Tally]:
    """Ask until the engine has nothing more worth asking, or the answer is an emergency."""
    knowledge = knowledge or load_knowledge()
    tally = Tally()
    lay = layout(knowledge)

    def emergency() -> bool:
        return triage(state.assessment(), knowledge).is_emergency

    def now(of: InterviewState = state) -> Progress:
        # The web's screens (two groups to a page, a short third one joining): the terminal
        # asks a page's warning signs as one prompt, so it is no longer than the pages.
        return progress(of, knowledge, plan_in_one=True)

    while True:
        screen = now().next
        if screen is None:
            return now(), tally
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
        asked: set[str] = set()
        if screen.id == DETAILS and not stop:
            data = state.assessment_data()
            understood = [(q, data[q.id]) for q in fields if data.get(q.id) is not None]
            if understood:
                # The first question still to ask goes under what was understood, in the
                # same prompt: checking the list costs no extra answer when it is right.
                rest = [q for q in fields if data.get(q.id) is None]
                first = _next_prompt(state, rest, asked, lay, now, knowledge)
                changed, values = asker.confirm(understood, first)
                tally.prompts += 1
                tally.groups += 1
                for q, value in understood:
                    state.record_field(q.id, changed.get(q.id, value))
                state.mark_done(DETAILS)
                if values is not None:
                    _record_prompt(state, first, values, asked, tally)
                fields = rest
                stop = emergency()
            # Only the values the first warning signs need (about you) before them; the
            # pain's details come after those signs, as on the questions path.
            early = _pages_until(lay, lay.first_after)
            fields = [q for q in fields if lay.page_of.get(q.id) in early]
            # The rest are asked like any field page: only while they still apply and matter.
            state.mark_done(DETAILS)
        plan_fields = [q for q in fields if q.id in lay.plan_ids]
        plan_groups = [g for g in screen.groups if g.group.id in screen.plan_groups]
        fields = [q for q in fields if q.id not in lay.plan_ids]
        if not stop:
            stop = _ask_fields(state, fields, asker, tally, lay, now, emergency, knowledge, asked)
        if not stop:
            stop = _ask_groups(state, [g for g in screen.groups if g not in plan_groups], asker, tally, emergency)
        if not stop and (plan_fields or plan_groups):
            stop = _ask_plan(state, plan_fields, plan_groups, asker, tally, emergency)
        state.mark_done(screen.id)
        if stop:
            return now(), tally


def _pages_until(lay: Any, page_id: str) -> set[str]:
    """The field pages up to and including `page_id` (every page when it names none)."""
    ids = [p.id for p in lay.field_pages]
    return set(ids[: ids.index(page_id) + 1] if page_id in ids else ids)


def _due(state: InterviewState, q: Question, now: Callable[..., Progress]) -> bool:
    """Still open and still worth asking after the answers given so far on this screen
    (which leg after "it stays in my back"; what eases it once nothing it could change is left)."""
    return still_open(state, q.id) and q.id in now(state).relevant


def answer_space(q: Question, knowledge: Knowledge) -> tuple[Any, ...]:
    """Every kind of answer a field question can get, one value of each kind: not sure
    (None), each choice (or each one ticked alone, and none, for a list), yes and no, and
    for a number each value either side of every limit a rule or question tests it
    against (a rule reads "50 or older": 49, 50 and 51), since nothing between two limits
    can change what is asked."""
    if q.id in _numbers():
        return (None, *sorted(_limits(knowledge).get(q.id, {0})))
    values = [c.value for c in q.choices]
    if q.id in _lists():
        return (None, (), *((v,) for v in values))
    return (None, *values) if values else (None, True, False)


@cache
def _numbers() -> frozenset[str]:
    return frozenset(k for k, f in Assessment.model_fields.items() if int in _kinds(f.annotation)
                     and bool not in _kinds(f.annotation))


@cache
def _lists() -> frozenset[str]:
    return frozenset(k for k, f in Assessment.model_fields.items() if tuple in _kinds(f.annotation))


def _kinds(annotation: Any) -> set[Any]:
    """The plain types inside an annotation (Optional[Annotated[int, ...]] gives int)."""
    origin = getattr(annotation, "__origin__", None)
    if origin is not None and not get_args(annotation):
        return {origin}
    if isinstance(annotation, type):
        return {annotation}
    out: set[Any] = {origin} if isinstance(origin, type) else set()
    for arg in get_args(annotation):
        out |= _kinds(arg)
    return out


_LIMITS: dict[int, tuple[Knowledge, dict[str, set[int]]]] = {}


def _limits(knowledge: Knowledge) -> dict[str, set[int]]:
    """Each number field's limits in the rules and the questions' `ask_if`, with the
    values either side; and the age pregnancy is asked below."""
    cached = _LIMITS.get(id(knowledge))
    if cached is not None and cached[0] is knowledge:
        return cached[1]
    out: dict[str, set[int]] = {"age": {PREGNANCY_POSSIBLE_BELOW_AGE - 1, PREGNANCY_POSSIBLE_BELOW_AGE}}
    conditions = [r.when for r in knowledge.rules] + [q.ask_if for q in knowledge.screen if q.ask_if is not None]
    for c in conditions:
        for test in mentions(c).tests:
            if isinstance(test.value, int) and not isinstance(test.value, bool):
                for name in test.fields:
                    out.setdefault(name, {0}).update(v for v in (test.value - 1, test.value, test.value + 1) if v >= 0)
    _LIMITS[id(knowledge)] = (knowledge, out)
    return out


def answered_apart(state: InterviewState, qs: list[Question], knowledge: Knowledge,
                   now: Callable[..., Progress]) -> bool:
    """May these field questions share one prompt? Only when no answer to one of them
    changes whether another is still asked: "Are you pregnant?" beside "What is your sex?"
    would ask a man about pregnancy, so it waits for the answer and comes after it, only if
    it still applies. Tried with every kind of answer each question can get. An answer
    that makes the answer more urgent (an emergency ends the questions there) only makes
    the rest of the prompt more than was needed, never out of place or misleading: those
    answers are left out of the test."""
    level = URGENCY[now(state).triage.disposition]
    for asked in qs:
        for value in answer_space(asked, knowledge):
            trial = state.model_copy(deep=True)
            trial.record_field(asked.id, value)
            try:
                after = now(trial)
            except InvalidInput:
                continue  # an answer the contract refuses is refused as it is typed
            if URGENCY[after.triage.disposition] > level:
                continue
            if not all(still_open(trial, other.id) and other.id in after.relevant for other in qs if other is not asked):
                return False
    return True


def _next_prompt(state: InterviewState, fields: list[Question], asked: set[str], lay: Any,
                 now: Callable[..., Progress], knowledge: Knowledge) -> list[Question]:
    """The questions of the next field prompt: the first one due, with the rest of its
    `together` set that is due too, or else with the next one due of its page: a prompt
    holds at most one page's questions, and never two whose answers decide whether the
    other is asked (`answered_apart`)."""
    due = [q for q in fields if q.id not in asked and _due(state, q, now)]
    if not due:
        return []
    q = due[0]

    def partners(f: Question) -> list[Question]:
        together = next((ids for ids in lay.together if f.id in ids), ())
        return [g for g in due if g.id in together]

    group = partners(q)
    if len(group) > 1 and answered_apart(state, group, knowledge, now):
        return group
    # Two to a prompt: with the question that comes next on the same page, unless that
    # one has its own `together` partner due (the pain now and at its worst stay a pair).
    after = due[1] if len(due) > 1 else None
    if (after is not None and lay.page_of.get(after.id) == lay.page_of.get(q.id) and len(partners(after)) < 2
            and answered_apart(state, [q, after], knowledge, now)):
        return [q, after]
    return [q]


def _record_prompt(state: InterviewState, qs: list[Question], values: dict[str, Any], asked: set[str],
                   tally: Tally) -> None:
    for f in qs:
        asked.add(f.id)
        if len(qs) > 1 and not still_open(state, f.id):
            continue  # an earlier answer of the prompt ruled it out (pregnancy after "male")
        state.record_field(f.id, values.get(f.id))
        tally.fields += 1


def _ask_fields(state: InterviewState, fields: list[Question], asker: Asker, tally: Tally, lay: Any,
                now: Callable[..., Progress], emergency: Any, knowledge: Knowledge,
                asked: set[str] | None = None) -> bool:
    asked = set() if asked is None else asked
    while qs := _next_prompt(state, fields, asked, lay, now, knowledge):
        one = qs[0]
        values = asker.fields(qs) if len(qs) > 1 else {one.id: asker.field(one, state.assessment_data().get(one.id))}
        _record_prompt(state, qs, values, asked, tally)
        tally.prompts += 1
        if emergency():
            return True
    return False


def _ask_plan(state: InterviewState, plan_fields: list[Question], plan_groups: list[GroupAsk], asker: Asker,
              tally: Tally, emergency: Any) -> bool:
    """Everything only the plan needs as one prompt: a checklist of its yes / no questions
    (the medicines now, breastfeeding, weight, activity...) and its choices (the country)."""
    checklist = [q for g in plan_groups for q in g.items] + [q for q in plan_fields if not q.choices]
    choices = [q for q in plan_fields if q.choices]
    proposed = {qid: v for g in plan_groups for qid, v in g.proposed.items()}
    picked, values = asker.plan(checklist, choices, proposed)
    tally.prompts += 1
    tally.groups += 1
    for q in choices:
        state.record_field(q.id, values.get(q.id))
        tally.fields += 1
    if picked is not None:
        for q in checklist:
            _record_yes_no(state, q, "yes" if q.id in picked else "no")
        tally.items += 1
        return bool(emergency())
    for q in checklist:
        _record_yes_no(state, q, asker.item(q, proposed.get(q.id)))
        tally.prompts += 1
        tally.items += 1
    return bool(emergency())


def _record_yes_no(state: InterviewState, q: Question, answer: Answer) -> None:
    if q.asks == "field":
        state.record_field(q.id, {"yes": True, "no": False}.get(answer))
    else:
        state.record_answer(q.asks, q.id, answer)


def _ask_groups(state: InterviewState, asks: list[GroupAsk], asker: Asker, tally: Tally, emergency: Any) -> bool:
    """A screen's groups in screen order: a group the reader found something in is checked
    on its own (its ticks are a proposal to confirm); the groups between those are one
    prompt."""
    run: list[GroupAsk] = []
    for ask in [*asks, None]:
        if ask is not None and ask.forced:
            run.append(ask)
            continue
        if run and _ask_signs(state, run, asker, tally, emergency):
            return True
        run = []
        if ask is not None and _review_group(state, ask, asker, tally, emergency):
            return True
    return False


def _ask_signs(state: InterviewState, asks: list[GroupAsk], asker: Asker, tally: Tally, emergency: Any) -> bool:
    picked = asker.signs(asks)
    tally.prompts += 1
    tally.groups += 1
    if picked is not None:
        for ask in asks:
            chosen = {q.id: "yes" if q.id in picked else "no" for q in ask.items}
            record_group(state, ask, "yes" if "yes" in chosen.values() else "none", chosen)  # type: ignore[arg-type]
        return bool(emergency())
    if len(asks) > 1:
        # Not sure over several lists: each list on its own, so the one in doubt is found.
        return any(_ask_signs(state, [ask], asker, tally, emergency) for ask in asks)
    return _one_by_one(state, asks[0], asker, tally, emergency)


def _review_group(state: InterviewState, ask: GroupAsk, asker: Asker, tally: Tally, emergency: Any) -> bool:
    """The reader found one or more of these: the group shown with what the words said,
    checked in one answer."""
    picked = asker.review(ask)
    tally.prompts += 1
    tally.groups += 1
    if picked is not None:
        record_group(state, ask, "yes", {q.id: "yes" if q.id in picked else "no" for q in ask.items})
        return bool(emergency())
    return _one_by_one(state, ask, asker, tally, emergency)


def _one_by_one(state: InterviewState, ask: GroupAsk, asker: Asker, tally: Tally, emergency: Any) -> bool:
    for q in ask.items:
        answer = asker.item(q, ask.proposed.get(q.id))
        state.record_answer(q.asks, q.id, answer)
        tally.prompts += 1
        tally.items += 1
        if emergency():
            return True
    return False
