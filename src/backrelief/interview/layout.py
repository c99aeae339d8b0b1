"""The interview's groups and field pages (knowledge/data/interview.yaml), checked on load
against screen.yaml: every question belongs to exactly one page or group, and a question
no group names is still asked (fields on `your-pain`, yes / no questions in "Other checks").
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from itertools import pairwise

from backrelief.errors import KnowledgeError
from backrelief.knowledge import Choice, Knowledge, Question, load_knowledge, read_data
from backrelief.knowledge.conditions import mentions
from backrelief.values import Strict

FALLBACK_FIELD_PAGE = "your-pain"


class PageSpec(Strict):
    id: str
    title: str
    lead: str = ""
    questions: tuple[str, ...]


class OtherGroup(Strict):
    id: str
    title: str
    lead: str = ""


@dataclass(frozen=True)
class Group:
    """Yes / no questions asked first as one forced choice."""

    id: str
    title: str
    lead: str
    questions: tuple[Question, ...]


@dataclass(frozen=True)
class FieldPage:
    id: str
    title: str
    questions: tuple[Question, ...]


@dataclass(frozen=True)
class Layout:
    field_pages: tuple[FieldPage, ...]  # the last one is asked after the groups
    groups: tuple[Group, ...]
    by_id: dict[str, Question]
    group_of: dict[str, str]
    page_of: dict[str, str]
    # The plan's own questions (answers kept in InterviewState.plan).
    plan_ids: frozenset[str] = frozenset()
    # Groups no triage rule reads: they are there only for the plan, so the terminal
    # asks them, with the plan's own fields, as one prompt.
    plan_groups: frozenset[str] = frozenset()
    # Field questions the terminal asks in one prompt when more than one is due
    # (interview.yaml `together`), for example the pain now and at its worst.
    together: tuple[tuple[str, ...], ...] = ()
    # Groups asked for the plan (interview.yaml `plan_fields.groups`): shown on the plan's
    # own screen with its fields, never beside a warning sign.
    plan_topic: frozenset[str] = frozenset()
    plan_lead: str = ""
    # Items in the longest two neighbouring warning-sign groups: how long a page may be.
    longest_pair: int = 0
    # The groups asked right after the field page `first_after` (interview.yaml
    # `first_groups`), before any later field page.
    first_groups: tuple[str, ...] = ()
    first_after: str = ""

    def group(self, group_id: str) -> Group | None:
        return next((g for g in self.groups if g.id == group_id), None)

    def field_page(self, page_id: str) -> FieldPage | None:
        return next((p for p in self.field_pages if p.id == page_id), None)


class PlanPageSpec(PageSpec):
    groups: tuple[str, ...] = ()


class FirstGroups(Strict):
    after: str
    groups: tuple[str, ...]


class _Raw(Strict):
    fields: tuple[PageSpec, ...]
    first_groups: FirstGroups | None = None
    plan_fields: PlanPageSpec
    groups: tuple[PageSpec, ...]
    other_group: OtherGroup
    together: tuple[tuple[str, ...], ...] = ()


PLAN_FIELD_PAGE = "for-your-plan"
PLAN_GROUP = "medicines-now"


def plan_screen_questions() -> tuple[Question, ...]:
    """The plan's own questions (plan_questions.yaml) in the interview's terms: a yes / no
    question, or a field with choices. Their answers go in `InterviewState.plan`."""
    from backrelief.plan.questions import plan_questions

    out = []
    for q in plan_questions():
        if q.asks == "history" or q.id == "pregnant":
            continue  # the red-flag screen's own questions
        choices = tuple(Choice(value=c.value, label=c.label) for c in q.choices)
        out.append(Question(id=q.id, asks="field", text=q.text, help=q.help, red_flag=False, choices=choices))
    return tuple(out)


def build_layout(knowledge: Knowledge, raw: _Raw) -> Layout:
    plan = plan_screen_questions()
    screen = (*knowledge.screen, *plan)
    by_id = {q.id: q for q in screen}
    placed: dict[str, str] = {}
    for spec in (*raw.fields, raw.plan_fields, *raw.groups):
        for qid in spec.questions:
            if qid in placed:
                raise KnowledgeError(f"interview.yaml: question {qid} is in both {placed[qid]} and {spec.id}")
            placed[qid] = spec.id
    pages: list[FieldPage] = []
    for spec in (*raw.fields, raw.plan_fields):
        questions = [by_id[q] for q in spec.questions if q in by_id]
        if spec.id == FALLBACK_FIELD_PAGE:
            questions += [q for q in knowledge.screen if q.asks == "field" and q.id not in placed]
        if spec.id == PLAN_FIELD_PAGE:
            questions += [q for q in plan if q.choices and q.id not in placed]
        pages.append(FieldPage(spec.id, spec.title, tuple(questions)))
    if not any(p.id == FALLBACK_FIELD_PAGE for p in pages):
        raise KnowledgeError(f"interview.yaml: a field page '{FALLBACK_FIELD_PAGE}' is needed")
    groups = []
    for spec in raw.groups:
        questions = [by_id[q] for q in spec.questions if q in by_id]
        if spec.id == PLAN_GROUP:
            questions += [q for q in plan if not q.choices and q.id not in placed]
        groups.append(Group(spec.id, spec.title, spec.lead, tuple(questions)))
    leftover = tuple(q for q in knowledge.screen if q.asks != "field" and q.id not in placed)
    if leftover:
        o = raw.other_group
        groups.append(Group(o.id, o.title, o.lead, leftover))
    group_of = {q.id: g.id for g in groups for q in g.questions}
    page_of = {q.id: p.id for p in pages for q in p.questions}
    read = _read_by_rules(knowledge)
    plan_groups = frozenset(g.id for g in groups if not any(q.id in read for q in g.questions))
    for ids in raw.together:
        if any(page_of.get(q) is None for q in ids) or len({page_of[q] for q in ids}) != 1:
            raise KnowledgeError(f"interview.yaml: together {list(ids)} must name fields of one page")
    unknown = [g for g in raw.plan_fields.groups if g not in {spec.id for spec in raw.groups}]
    if unknown:
        raise KnowledgeError(f"interview.yaml: plan_fields names groups that do not exist: {unknown}")
    signs = [len(g.questions) for g in groups if g.id not in raw.plan_fields.groups]
    longest = max((a + b for a, b in pairwise(signs)), default=0)
    first = raw.first_groups or FirstGroups(after="", groups=())
    if first.groups:
        if first.after not in [p.id for p in pages[:-1]]:
            raise KnowledgeError(f"interview.yaml: first_groups.after must name a field page asked before the "
                                 f"warning signs, not {first.after!r}")
        bad = [g for g in first.groups if g not in {spec.id for spec in raw.groups} or g in raw.plan_fields.groups]
        if bad:
            raise KnowledgeError(f"interview.yaml: first_groups must name warning-sign groups: {bad}")
    return Layout(tuple(pages), tuple(groups), by_id, group_of, page_of, frozenset(q.id for q in plan),
                  plan_groups, raw.together, frozenset(raw.plan_fields.groups), raw.plan_fields.lead, longest,
                  first.groups, first.after)


def _read_by_rules(knowledge: Knowledge) -> frozenset[str]:
    """Every finding and history item some triage rule (or a question's ask_if) reads."""
    out: set[str] = set()
    for rule in knowledge.rules:
        m = mentions(rule.when)
        out |= m.findings | m.history
    return frozenset(out)


_LAYOUTS: dict[int, tuple[Knowledge, Layout]] = {}


@cache
def _raw() -> _Raw:
    return read_data("interview.yaml", _Raw)


def layout(knowledge: Knowledge | None = None) -> Layout:
    knowledge = knowledge or load_knowledge()
    cached = _LAYOUTS.get(id(knowledge))
    if cached is not None and cached[0] is knowledge:
        return cached[1]
    built = build_layout(knowledge, _raw())
    _LAYOUTS[id(knowledge)] = (knowledge, built)
    return built
