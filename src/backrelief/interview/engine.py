"""The interview engine: after each answer, which screen comes next, asking only what
can still change the answer, and stopping at once at an emergency.

The same engine serves the terminal, the web pages and the API; they only render a
`Screen` and hand the answers back (`record_fields`, `record_group`, `record_checks`).
Order: "not sure" answers are asked again in other words first; then, on the own-words
path, one page showing the values the reader understood (editable) with any value still
needed; then the field pages; then the groups of yes / no questions, `per_screen` groups
to a screen. Which questions are worth asking comes from the rules (relevance.py) and
from what the plan needs (the medicine screen), nothing else.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any, Literal

from backrelief.assessment import Assessment
from backrelief.interview.layout import FieldPage, Group, Layout, layout
from backrelief.interview.plan_needs import plan_questions
from backrelief.interview.relevance import Partial, askable_questions, could_raise
from backrelief.interview.state import Answer, InterviewState
from backrelief.knowledge import Knowledge, Question, Rule, kleene, load_knowledge
from backrelief.knowledge.conditions import mentions
from backrelief.triage import Triage, settled, triage

DETAILS = "details"
CHECK = "check"
GroupChoice = Literal["none", "yes", "unsure"]


@dataclass(frozen=True)
class GroupAsk:
    """One group on a screen: its items to answer, and what the reader proposed for them."""

    group: Group
    items: tuple[Question, ...]
    proposed: dict[str, Answer] = field(default_factory=dict)
    # Ask "none of these / yes, one or more / not sure" first. False when the reader
    # already found one of the items: then the items are shown straight away, pre-filled.
    forced: bool = True


@dataclass(frozen=True)
class Screen:
    id: str
    kind: Literal["fields", "groups", "check"]
    title: str
    lead: str = ""
    fields: tuple[Question, ...] = ()
    groups: tuple[GroupAsk, ...] = ()
    checks: tuple[Question, ...] = ()
    # Groups on this screen that only the plan still needs (asked with the plan's fields).
    plan_groups: tuple[str, ...] = ()

    def question_ids(self) -> list[str]:
        return [q.id for q in (*self.fields, *self.checks, *(i for g in self.groups for i in g.items))]


@dataclass(frozen=True)
class Progress:
    """Where the interview stands: the assessment so far, its triage, what is still worth
    asking, and the next screen (None when it is time for the result)."""

    assessment: Assessment
    triage: Triage
    relevant: frozenset[str]
    next: Screen | None

    @property
    def finished(self) -> bool:
        return self.next is None


def _is_open(q: Question, state: InterviewState, p: Partial) -> bool:
    if q.id in layout().plan_ids:
        return q.id not in state.plan
    if q.asks == "field":
        return p.field_open(q.id)
    if q.asks == "finding":
        return q.id not in state.findings and p.a.finding_status(q.id) == "unknown"  # type: ignore[arg-type]
    return q.id not in state.history and p.a.history_status(q.id) == "unknown"  # type: ignore[arg-type]


def relevant_questions(state: InterviewState, assessment: Assessment, result: Triage, knowledge: Knowledge) -> frozenset[str]:
    """Unanswered questions whose answer could still raise the level or change the plan."""
    if result.is_emergency:
        return frozenset()
    lay = layout(knowledge)
    p = Partial(state, assessment, askable_questions(knowledge))
    wanted = could_raise(knowledge.rules, result.disposition, p) | plan_questions(assessment, result)
    return frozenset(q for q in wanted if q in lay.by_id and _is_open(lay.by_id[q], state, p))


def progress(state: InterviewState, knowledge: Knowledge | None = None, per_screen: int = 2,
             plan_in_one: bool = False) -> Progress:
    """`per_screen` warning-sign groups to a screen; `plan_in_one` puts every group that
    only the plan reads on the last screen, with the plan's fields (the terminal asks
    them as one prompt)."""
    knowledge = knowledge or load_knowledge()
    assessment = state.assessment()
    result = triage(assessment, knowledge)
    rel = relevant_questions(state, assessment, result, knowledge)
    screen = None if result.is_emergency else _next_screen(state, assessment, rel, knowledge, per_screen, plan_in_one)
    return Progress(assessment, settled(result, rel), rel, for_sex(screen, assessment.sex))


def for_sex(screen: Screen | None, sex: str | None) -> Screen | None:
    """The screen's questions in the words for the sex given (Question.by_sex: "trouble
    with erections" is not asked of a woman), the words for both while it is unknown.
    Every way in renders a Screen, so this is the one place the choice is made."""
    if screen is None:
        return None
    if not any(q.by_sex for q in (*screen.fields, *screen.checks, *(i for g in screen.groups for i in g.items))):
        return screen
    return replace(
        screen,
        fields=tuple(q.for_sex(sex) for q in screen.fields),
        checks=tuple(q.for_sex(sex) for q in screen.checks),
        groups=tuple(replace(g, items=tuple(q.for_sex(sex) for q in g.items)) for g in screen.groups),
    )


def _next_screen(state: InterviewState, assessment: Assessment, rel: frozenset[str], knowledge: Knowledge,
                 per_screen: int, plan_in_one: bool = False) -> Screen | None:
    lay = layout(knowledge)
    p = Partial(state, assessment, askable_questions(knowledge))
    checks = tuple(q for q in knowledge.screen if q.clarify and q.id not in state.clarified
                   and state.answer_for(q.id) == "unsure")
    if checks:
        return Screen(CHECK, "check", "Let us check", "You were not sure about something. "
                      "These questions may make it easier to answer.", checks=checks)
    if state.mode == "reader" and DETAILS not in state.done:
        shown = tuple(q for page in lay.field_pages[:-1] for q in page.questions
                      if (q.id in rel and p.field_open(q.id))
                      or (q.id != "leg_sides" and (state.base or {}).get(q.id) is not None))
        if shown:
            return Screen(DETAILS, "fields", "About you and your pain",
                          "Check what we understood from your words, change anything we got wrong, "
                          "and answer what your words did not say.", fields=shown)
    pages = lay.field_pages[:-1]

    def wanted(page: FieldPage) -> tuple[Question, ...]:
        return tuple(q for q in page.questions if q.id in rel and p.field_open(q.id))

    ids = [page.id for page in pages]
    after = ids.index(lay.first_after) + 1 if lay.first_after in ids else len(ids)
    for n, page in enumerate(pages):
        if wanted(page):
            if n != after:
                return Screen(page.id, "fields", page.title, fields=wanted(page))
            # The page that holds what the first groups' other signs need (how the pain
            # started, how bad it is) asks those signs under its questions, so they are
            # answered with it: a faint is judged with the onset known.
            rest = [a for g in lay.first_groups if (group := lay.group(g)) is not None
                    and (a := group_ask(group, state, assessment, rel, p)) is not None]
            return Screen(page.id, "fields", page.title, fields=wanted(page), groups=tuple(rest))
        if n == after - 1 and not set(ids[after:]) & set(state.done) and any(wanted(later) for later in pages[after:]):
            # The emergency groups as soon as what they need is known (interview.yaml
            # `first_groups`): an emergency ends at the first screens, before the pain's
            # details. Only the signs that are an emergency on their own now.
            early = _groups_screen(state, assessment, rel, knowledge, per_screen, plan_in_one, lay.first_groups)
            if early is not None:
                return early
    return _groups_screen(state, assessment, rel, knowledge, per_screen, plan_in_one)


def _groups_screen(state: InterviewState, assessment: Assessment, rel: frozenset[str], knowledge: Knowledge,
                   per_screen: int, plan_in_one: bool, only: tuple[str, ...] | None = None) -> Screen | None:
    """The next screen of warning-sign groups (`only`: of these groups, and no fields),
    then the plan's screen."""
    lay = layout(knowledge)
    p = Partial(state, assessment, askable_questions(knowledge))
    asks: list[GroupAsk] = []
    # A group is asked only for the plan when no rule still reads any item of it (kidney
    # disease after the infection questions are answered no): the terminal then asks it
    # with the plan's other questions, in one prompt.
    for_rules = could_raise(knowledge.rules, triage(assessment, knowledge).disposition, p) if plan_in_one else set()

    def plan_only(ask: GroupAsk) -> bool:
        return ask.group.id in lay.plan_groups or not any(q.id in for_rules for q in ask.items)

    def for_plan(ask: GroupAsk) -> bool:
        return ask.group.id in lay.plan_topic or (plan_in_one and plan_only(ask))

    # The plan's groups after every warning sign (a sign no group names, "Other checks",
    # comes last in the layout but is still a warning sign).
    # The first groups (interview.yaml `first_groups`) stay first: on the own-words path,
    # whose first page holds every value, they come straight after it.
    for group in sorted(lay.groups, key=lambda g: (g.id in lay.plan_topic, g.id not in lay.first_groups)):
        if only is not None and group.id not in only:
            continue
        ask = group_ask(group, state, assessment, rel, p)
        if ask is None:
            continue
        # One topic to a screen: the plan's own groups (health and medicines for the
        # plan) never share one with warning signs, so a person checking their tablets
        # is not also being asked about numbness in the same breath.
        if asks and for_plan(ask) != for_plan(asks[0]):
            break
        if len(asks) >= per_screen and not for_plan(ask) and not _fits(asks, ask, per_screen, lay):
            break
        asks.append(ask)
    if only is not None:
        asks = [a for a in (_alone(ask, state, knowledge) for ask in asks) if a is not None]
        return _signs_screen(asks[:per_screen], ()) if asks else None
    last = lay.field_pages[-1]
    plan_fields = tuple(q for q in last.questions if q.id in rel and p.field_open(q.id))
    if not asks:
        return Screen(last.id, "fields", last.title, fields=plan_fields) if plan_fields else None
    plan_page = for_plan(asks[0])
    # The plan's last questions (activity, country) go with the plan's groups, or on a
    # screen of their own after the warning signs.
    fields = plan_fields if plan_page else ()
    if plan_page and (len(asks) > 1 or fields):
        return Screen("+".join(g.group.id for g in asks), "groups", last.title, lay.plan_lead, groups=tuple(asks),
                      fields=fields, plan_groups=tuple(g.group.id for g in asks if plan_in_one and plan_only(g)))
    return _signs_screen(asks, tuple(g.group.id for g in asks if plan_in_one and plan_only(g)))


def _alone(ask: GroupAsk, state: InterviewState, knowledge: Knowledge) -> GroupAsk | None:
    """The group's signs that alone make the answer an emergency with what is known now
    (new numbness around the bottom; chest pain), or None. The group's other signs (a
    faint, whose rule also reads how the pain started) wait for its turn after the pain's
    details: asked before them, a "yes" would count every unknown detail on the safer side
    and end at an emergency that the details would not give."""
    items = tuple(q for q in ask.items if ask.proposed.get(q.id) not in (None, "no") or _emergency_alone(q, state, knowledge))
    if not items:
        return None
    return GroupAsk(ask.group, items, {q: v for q, v in ask.proposed.items() if any(i.id == q for i in items)},
                    forced=ask.forced)


def _emergency_alone(q: Question, state: InterviewState, knowledge: Knowledge) -> bool:
    """Would a yes to this sign make an emergency rule true for certain, whatever the
    questions still to ask?"""
    if q.asks not in ("finding", "history"):
        return False
    trial = state.model_copy(deep=True)
    trial.record_answer(q.asks, q.id, "yes")
    p = Partial(trial, trial.assessment(), askable_questions(knowledge))
    return any(kleene.evaluate(rule.when, p)[0] is True for rule in _emergency_rules(knowledge).get(q.id, ()))


_BY_SIGN: dict[int, tuple[Knowledge, dict[str, tuple[Rule, ...]]]] = {}


def _emergency_rules(knowledge: Knowledge) -> dict[str, tuple[Rule, ...]]:
    """The emergency rules that read each finding or history item."""
    cached = _BY_SIGN.get(id(knowledge))
    if cached is not None and cached[0] is knowledge:
        return cached[1]
    out: dict[str, list[Rule]] = {}
    for rule in knowledge.rules:
        if rule.level == "emergency" and not rule.fallback:
            m = mentions(rule.when)
            for item in m.findings | m.history:
                out.setdefault(item, []).append(rule)
    built = {k: tuple(v) for k, v in out.items()}
    _BY_SIGN[id(knowledge)] = (knowledge, built)
    return built


def _signs_screen(asks: list[GroupAsk], plan_groups: tuple[str, ...]) -> Screen:
    title, lead = (asks[0].group.title, asks[0].group.lead) if len(asks) == 1 else ("Warning signs", "")
    return Screen("+".join(g.group.id for g in asks), "groups", title, lead, groups=tuple(asks),
                  plan_groups=plan_groups)


def _fits(asks: list[GroupAsk], ask: GroupAsk, per_screen: int, lay: Layout) -> bool:
    """A short group joins a full page when the page stays no longer than the longest pair
    of warning-sign groups the layout has (a pregnancy's four signs with past illnesses
    and daily life): pages are as long as a screen of signs, not a count of groups. One
    group more at most, and never in the terminal, which asks each group on its own."""
    if per_screen < 2 or len(asks) > per_screen:
        return False
    return sum(len(a.items) for a in asks) + len(ask.items) <= lay.longest_pair


def group_ask(group: Group, state: InterviewState, assessment: Assessment, rel: frozenset[str], p: Partial,
              *, again: bool = False) -> GroupAsk | None:
    """The items of a group still to ask (or, `again`, every item answered or proposed:
    for a "change" link from the result), or None when there are none."""
    proposed = {q.id: v for q in group.questions
                if (v := state.proposed(q.id)) is not None and state.answer_for(q.id) is None}
    if again:
        items = tuple(q for q in group.questions if state.answer_for(q.id) is not None or q.id in proposed
                      or q.id in rel)
        return GroupAsk(group, items, proposed, forced=False) if items else None
    found = [qid for qid, v in proposed.items() if v != "no"]
    items = tuple(q for q in group.questions if (q.id in rel and _is_open(q, state, p)) or q.id in found
                  or (q.id in proposed and q.id in rel))
    if not items:
        return None
    return GroupAsk(group, items, {q: v for q, v in proposed.items() if any(i.id == q for i in items)},
                    forced=not found)


def revisit(screen_id: str, state: InterviewState, knowledge: Knowledge | None = None) -> Screen | None:
    """A screen again with every answer it holds (the result page's "change" links)."""
    return for_sex(_revisit(screen_id, state, knowledge), state.assessment().sex)


def _revisit(screen_id: str, state: InterviewState, knowledge: Knowledge | None = None) -> Screen | None:
    knowledge = knowledge or load_knowledge()
    lay = layout(knowledge)
    page = lay.field_page(screen_id)
    assessment = state.assessment()
    result = triage(assessment, knowledge)
    rel = relevant_questions(state, assessment, result, knowledge)
    p = Partial(state, assessment, askable_questions(knowledge))

    def applies(q: Question) -> bool:
        # What the page holds, and what it would ask now: never "how many weeks pregnant"
        # of a man going back to change his age (a changed answer that opens a question,
        # male to female, has it asked on the way forward).
        return state.field_answered(q.id) or (q.id in rel and p.field_open(q.id))

    if page is not None:
        return Screen(page.id, "fields", page.title, fields=tuple(q for q in page.questions if applies(q)))
    if screen_id == DETAILS:
        return Screen(DETAILS, "fields", "About you and your pain",
                      fields=tuple(q for pg in lay.field_pages for q in pg.questions if applies(q)))
    asks = []
    for gid in screen_id.split("+"):
        group = lay.group(gid)
        if group is None:
            return None
        ask = group_ask(group, state, assessment, rel, p, again=True)
        if ask is not None:
            asks.append(ask)
    if not asks:
        return None
    return Screen(screen_id, "groups", asks[0].group.title if len(asks) == 1 else "Warning signs",
                  groups=tuple(asks))


def screen_for(question_id: str, state: InterviewState, knowledge: Knowledge | None = None) -> str | None:
    """The id of the screen that asks this question (for a "change" link)."""
    lay: Layout = layout(knowledge or load_knowledge())
    if question_id in lay.page_of:
        return DETAILS if state.mode == "reader" and lay.page_of[question_id] != "legs" else lay.page_of[question_id]
    return lay.group_of.get(question_id)


def still_open(state: InterviewState, key: str, knowledge: Knowledge | None = None) -> bool:
    """Does this field question still apply (pregnancy after "male", which leg after "it
    stays in my back")?"""
    p = Partial(state, state.assessment(), askable_questions(knowledge or load_knowledge()))
    return p.field_open(key) or (state.mode == "reader" and DETAILS not in state.done)


# -- recording answers -----------------------------------------------------------------


def record_fields(state: InterviewState, values: dict[str, Any]) -> None:
    """Field answers by key; a value of None is "not sure"."""
    for key, value in values.items():
        state.record_field(key, value)


def record_group(state: InterviewState, ask: GroupAsk, choice: GroupChoice | None,
                 items: dict[str, Answer]) -> list[str]:
    """Record one group's answers. Returns the ids of items still to answer ("" for the
    group's own choice when nothing was chosen); what was given is recorded either way."""
    if ask.forced and choice == "none":
        for q in ask.items:
            state.record_answer(q.asks, q.id, "no")
        return []
    for q in ask.items:
        if q.id in items:
            state.record_answer(q.asks, q.id, items[q.id])
    if ask.forced and choice is None and not items:
        return [""]
    return [q.id for q in ask.items if q.id not in items]


def record_checks(state: InterviewState, checks: tuple[Question, ...], items: dict[str, Answer]) -> list[str]:
    missing = []
    for q in checks:
        if q.id in items:
            state.record_answer(q.asks, q.id, items[q.id])
            state.clarified.append(q.id)
        else:
            missing.append(q.id)
    return missing
