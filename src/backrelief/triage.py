"""Triage: an Assessment becomes a Triage. A pure function of the assessment and the
loaded knowledge; no I/O, no clock.

Every rule that fires is a reason; the most urgent level wins. A finding the person was
"not sure" of is tried as present, and a choice question they were not sure of
(`fields_unsure`) with each of its values; any rule that fires only that way speaks at its
`if_unsure` level for what they were not sure of (the safer branch). A reason that fired
only because an answer was unknown or not sure says so first ("You did not tell us how old
you are, so we took the safer side."), built here once for every way in (`_told`).
Questions never asked are listed in `red_flags_unasked`: unknown is never taken as "no".
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import TypeVar

from pydantic import BaseModel

from backrelief.assessment import (
    LEG_SIDES,
    RADIATIONS,
    REGIONS,
    TRIGGERS,
    Assessment,
    UnsureField,
    leg_sides_apply,
    pregnancy_unasked,
)
from backrelief.knowledge import URGENCY, Knowledge, Level, Rule, kleene, load_knowledge
from backrelief.knowledge.compiled import RuleIndex, compile_rules
from backrelief.knowledge.conditions import KEYS, Check, Facts, check_of, mentions
from backrelief.values import Frozen

_M = TypeVar("_M", bound=BaseModel)


class Reason(Frozen):
    """One rule that fired: why, how urgent, and the sources it rests on."""

    rule: str
    level: Level
    reason: str
    sources: tuple[str, ...]
    # True when it fired because the person was not sure, not because they said yes.
    unsure: bool = False
    red_flag: bool = True
    # The questions whose answer was unknown or "not sure" and taken on the safer side for
    # this rule to fire (question ids); `reason` then starts by saying so.
    assumed: tuple[str, ...] = ()


class ConsistentWith(Frozen):
    """A cause the findings fit. Never a diagnosis."""

    id: str
    name: str
    summary: str
    serious: bool
    sources: tuple[str, ...]


class QuestionToAsk(Frozen):
    """A warning-sign question the answer did not cover, in the screen's own words."""

    id: str
    text: str


class Triage(Frozen):
    disposition: Level
    title: str
    action: str
    reasons: tuple[Reason, ...]
    red_flags_unasked: tuple[str, ...]
    consistent_with: tuple[ConsistentWith, ...]
    knowledge_version: str
    emergency_help: str
    not_a_diagnosis: str
    warning_signs: str
    # False when warning-sign questions were not answered (batch files, the API): the
    # answer says so first and lists them (KA-3, HAZ-011).
    complete: bool = True
    questions_to_ask: tuple[QuestionToAsk, ...] = ()

    @property
    def is_emergency(self) -> bool:
        return self.disposition == "emergency"

    @property
    def reasons_to_show(self) -> tuple[Reason, ...]:
        """The reasons a person reads, most urgent first, so the answer's own timeframe leads.
        A reason that fired only because an answer was unknown is left out when it is less
        urgent than the answer, or than a reason that rests on what the person said: it cannot
        change what to do, and its "you did not tell us" would blame the person for a question
        the interview chose not to ask. JSON keeps them all."""
        top = URGENCY[self.disposition]
        sure = max((URGENCY[r.level] for r in self.reasons if not r.assumed), default=-1)
        shown = [r for r in self.reasons
                 if not (r.assumed and (URGENCY[r.level] < top or URGENCY[r.level] <= sure))]
        return tuple(sorted(shown, key=lambda r: -URGENCY[r.level]))

    def to_public(self) -> dict[str, object]:
        return self.model_dump(mode="json")


def most_urgent(levels: list[Level]) -> Level:
    return max(levels, key=lambda level: URGENCY[level]) if levels else "self_care"


@dataclass(frozen=True)
class _Engine:
    """Everything triage needs from one Knowledge, prepared once."""

    rules: tuple[Rule, ...]
    compiled: RuleIndex
    sure: tuple[Reason, ...]
    # The same for a woman and for a man, where a rule words its reason for one sex
    # (`reason_by_sex`); anyone else reads `sure`.
    sure_by_sex: dict[str, tuple[Reason, ...]]
    fallback: tuple[tuple[Reason, Check], ...]
    # Reasons of rules fired by a "not sure", by (rule index, level, sex): made once each.
    unsure: dict[tuple[int, Level, str | None], Reason]
    # For each rule, the answers it can take on the safer side when they are open (an
    # unknown age, a reassuring answer under none_of): (fact, answer name) pairs. Only
    # these are read again by `kleene.evaluate`, and only when one of them is open.
    open_tests: tuple[tuple[tuple[str, str], ...], ...]
    # Each question's words for "You did not tell us ..." (screen.yaml `about`).
    about: dict[str, str]
    # Where each question comes in screen.yaml: the order the open answers are named in.
    asked_order: dict[str, int]
    # Reasons that say what was taken on the safer side, by (rule, level, words, not sure, unknown).
    said: dict[tuple[str, Level, str, tuple[str, ...], tuple[str, ...]], Reason]
    causes: dict[str, ConsistentWith]
    everyday: tuple[str, ...]
    everyday_rules: RuleIndex
    suggests: dict[str, tuple[str, ...]]
    red_findings: tuple[str, ...]
    red_history: tuple[str, ...]
    red_fields: tuple[str, ...]
    to_ask: dict[str, QuestionToAsk]
    # The questions worded for one sex differently, by sex (Question.by_sex).
    to_ask_by_sex: dict[str, dict[str, QuestionToAsk]]
    # Lists of those, by the tuple of ids asked for (see _questions_to_ask).
    asking: dict[tuple[tuple[str, ...], str | None], tuple[QuestionToAsk, ...]]
    # Questions asked only in some situations (screen.yaml `ask_if`): id -> its check.
    ask_if: dict[str, Check]
    # The same, one check per distinct condition with the ids it leaves out when false
    # (the pregnancy questions share one): each is tried once per triage.
    ask_if_groups: tuple[tuple[Check, frozenset[str]], ...]
    # The rules whose condition names a finding / a field: only these can change when a
    # "not sure" finding is tried as present or a field with each value (any other rule
    # reads the same facts either way, so it fires, or not, as it did already).
    naming_finding: dict[str, tuple[int, ...]]
    naming_field: dict[str, tuple[int, ...]]
    # A question list without those left out (few sets of ask_if ids): see _none_answered.
    unanswered: dict[tuple[tuple[str, ...], frozenset[str]], tuple[str, ...]]


_ENGINES: dict[int, tuple[Knowledge, _Engine]] = {}


def _engine(knowledge: Knowledge) -> _Engine:
    cached = _ENGINES.get(id(knowledge))
    if cached is not None and cached[0] is knowledge:
        return cached[1]
    rules = tuple(r for r in knowledge.rules if not r.fallback)
    named = [mentions(r.when) for r in rules]
    groups: dict[str, tuple[Check, set[str]]] = {}
    for q in knowledge.screen:
        if q.ask_if is not None:
            groups.setdefault(q.ask_if.model_dump_json(), (check_of(q.ask_if), set()))[1].add(q.id)
    engine = _Engine(
        rules=rules,
        compiled=compile_rules([r.when for r in rules]),
        sure=tuple(_reason(r, r.level, unsure=False) for r in rules),
        sure_by_sex={sex: tuple(_reason(r, r.level, unsure=False, sex=sex) for r in rules) for sex in ("female", "male")},
        fallback=tuple((_reason(r, r.level, unsure=False), check_of(r.when)) for r in knowledge.rules if r.fallback),
        unsure={},
        open_tests=tuple(_open_tests(r) for r in rules),
        about={q.id: q.about or f"your answer to \u201c{q.text}\u201d" for q in knowledge.screen},
        asked_order={q.id: n for n, q in enumerate(knowledge.screen)},
        said={},
        causes={
            c.id: ConsistentWith(id=c.id, name=c.name, summary=c.summary, serious=c.serious, sources=c.sources)
            for c in knowledge.causes.values()
        },
        everyday=tuple(c.id for c in knowledge.causes.values() if c.when is not None),
        everyday_rules=compile_rules([c.when for c in knowledge.causes.values() if c.when is not None]),
        suggests={r.id: r.suggests for r in knowledge.rules},
        red_findings=tuple(q.id for q in knowledge.screen if q.red_flag and q.asks == "finding"),
        red_history=tuple(q.id for q in knowledge.screen if q.red_flag and q.asks == "history"),
        red_fields=tuple(q.id for q in knowledge.screen if q.red_flag and q.asks == "field"),
        to_ask={q.id: QuestionToAsk(id=q.id, text=q.text) for q in knowledge.screen},
        to_ask_by_sex={sex: {q.id: QuestionToAsk(id=q.id, text=q.for_sex(sex).text) for q in knowledge.screen if q.by_sex}
                       for sex in ("female", "male")},
        asking={},
        ask_if={q.id: check_of(q.ask_if) for q in knowledge.screen if q.ask_if is not None},
        ask_if_groups=tuple((check, frozenset(ids)) for check, ids in groups.values()),
        naming_finding={f: tuple(i for i, m in enumerate(named) if f in m.findings)
                        for f in set().union(*(m.findings for m in named))},
        naming_field={f: tuple(i for i, m in enumerate(named) if f in m.fields)
                      for f in set().union(*(m.fields for m in named))},
        unanswered={},
    )
    _ENGINES[id(knowledge)] = (knowledge, engine)
    return engine


def triage(assessment: Assessment, knowledge: Knowledge | None = None) -> Triage:
    knowledge = knowledge or load_knowledge()
    engine = _engine(knowledge)
    facts = Facts(assessment)
    reasons = _fired(assessment, facts, engine)
    if len(reasons) > 1:
        reasons.sort(key=lambda r: -URGENCY[r.level])
    level = reasons[0].level
    unasked = _unasked(assessment, engine, facts)
    complete = not unasked
    # Worded at once as `worded` would word it (one model made, not made and copied).
    said = knowledge.not_finished if level == "self_care" and not complete else knowledge.dispositions[level]
    title, action = _heading(said.title, said.action, level, reasons, knowledge) if knowledge.contacts \
        else (said.title, said.action)
    told = tuple(reasons) if level != "self_care" else \
        tuple(_fallback_worded(r, knowledge, finished=complete) for r in reasons)
    return _built(
        Triage,
        disposition=level,
        title=title,
        action=action,
        reasons=told,
        red_flags_unasked=unasked,
        complete=complete,
        questions_to_ask=_questions_to_ask(engine, unasked, assessment.sex),
        consistent_with=_consistent_with(facts, reasons, engine, knowledge),
        knowledge_version=knowledge.version,
        emergency_help=knowledge.emergency_help,
        not_a_diagnosis=knowledge.not_a_diagnosis,
        warning_signs=knowledge.warning_signs,
    )


def _heading(title: str, action: str, level: Level, reasons: list[Reason], knowledge: Knowledge) -> tuple[str, str]:
    """The heading and action, saying the contact a deciding reason names (a rule's
    `contact`, the first in the reasons' order): a pregnant woman with a fever is sent to
    her maternity unit, which sees any problem in pregnancy, even when a general rule
    (infection) fires at the same level. The level is the rules' either way; only whom to
    call, and so the one action, is said. A more urgent answer keeps its own words."""
    rules = knowledge.rules_by_id
    for r in reasons:
        if r.level != level:
            break  # sorted most urgent first: the rest are below the answer
        rule = rules.get(r.rule)
        contact = rule.contact if rule is not None else None
        if contact is not None and level in knowledge.contacts.get(contact, {}):
            words = knowledge.contacts[contact][level]
            return words.title, words.action
    return title, action


def _questions_to_ask(engine: _Engine, unasked: tuple[str, ...], sex: str | None = None) -> tuple[QuestionToAsk, ...]:
    """The unasked questions in the screen's words (for the person's sex, where a question
    has words for one), made once per list of ids and sex (few lists recur: all of them,
    all but the pregnancy ones, ...). Every unasked id is a screen question (they are
    drawn from the screen)."""
    key = (unasked, sex)
    found = engine.asking.get(key)
    if found is None:
        worded = engine.to_ask_by_sex.get(sex, {}) if sex is not None else {}
        found = tuple(worded.get(q) or engine.to_ask[q] for q in unasked)
        if len(engine.asking) < 1000:  # bounded all the same
            engine.asking[key] = found
    return found


def worded(result: Triage, knowledge: Knowledge | None = None) -> Triage:
    """The answer's words as its completeness says: "look after this at home" claims that no
    warning sign is there, so while a warning-sign question that matters is unanswered
    (`complete` false) a self-care answer says it is not finished instead, and its "none of
    your answers is a warning sign" says that some were not answered. Called again by the
    interview when it settles which unasked questions still matter (`settled`)."""
    if result.disposition != "self_care":
        return result
    knowledge = knowledge or load_knowledge()
    said = knowledge.not_finished if not result.complete else knowledge.dispositions["self_care"]
    reasons = tuple(_fallback_worded(r, knowledge, finished=result.complete) for r in result.reasons)
    if (said.title, said.action, reasons) == (result.title, result.action, result.reasons):
        return result
    return _with(result, title=said.title, action=said.action, reasons=reasons)


def settled(result: Triage, still_worth_asking: frozenset[str]) -> Triage:
    """The triage as the interview leaves it: warning-sign questions left unasked because
    no answer to them could change the answer (the relevance rules, HAZ-056) stay listed
    in `red_flags_unasked` for the record, but they no longer make the answer incomplete,
    so the plan does not hold its programme, heat and ice for them. Only questions still
    worth asking keep `complete` false. The one notion of "settled": the interview gives
    the questions its relevance rules still want; the plan, looking ahead with the same
    answers (the scan advice at 6 weeks), gives the ones today's answer still lists."""
    still = tuple(q for q in result.red_flags_unasked if q in still_worth_asking)
    if len(still) == len(result.red_flags_unasked) and result.complete == (not still):
        return result
    return worded(result.model_copy(update={
        "complete": not still,
        "questions_to_ask": tuple(q for q in result.questions_to_ask if q.id in still),
    }))


@cache
def _fields_set(cls: type[BaseModel]) -> set[str]:
    # Shared by every model built here: frozen models never change their fields set.
    return set(cls.model_fields)


def _built(cls: type[_M], **values: object) -> _M:
    """A model built without validation (like `model_construct`, in a fifth of the time):
    triage runs on every request, and every value here comes from validated knowledge
    or validated models."""
    model = cls.__new__(cls)
    object.__setattr__(model, "__dict__", values)
    object.__setattr__(model, "__pydantic_fields_set__", _fields_set(cls))
    object.__setattr__(model, "__pydantic_extra__", None)
    object.__setattr__(model, "__pydantic_private__", None)
    return model


def _with(model: _M, **update: object) -> _M:
    """`model.model_copy(update=...)` (no validation, the same fields set), without its
    deep machinery: a self-care answer's words are changed this way on every triage."""
    copied = _built(type(model), **{**model.__dict__, **update})
    fields_set = model.__pydantic_fields_set__
    if not fields_set.issuperset(update):
        object.__setattr__(copied, "__pydantic_fields_set__", fields_set | update.keys())
    elif fields_set is not _fields_set(type(model)):
        object.__setattr__(copied, "__pydantic_fields_set__", set(fields_set))
    return copied


def _reason(rule: Rule, level: Level, unsure: bool, sex: str | None = None) -> Reason:
    words = rule.reason_by_sex.get(sex, rule.reason) if sex in ("female", "male") else rule.reason  # type: ignore[call-overload]
    return Reason(
        rule=rule.id,
        level=level,
        # Fired from a "not sure" at a lower level than its own: what to do at once if it
        # is so (the safety net).
        reason=f"{words} {rule.if_unsure_say}" if unsure and rule.if_unsure_say
        and URGENCY[level] < URGENCY[rule.level] else words,
        sources=rule.sources,
        unsure=unsure,
        red_flag=rule.red_flag,
    )


def _fired(assessment: Assessment, facts: Facts, engine: _Engine) -> list[Reason]:
    compiled = engine.compiled
    checks = compiled.checks
    candidates = compiled.candidates(facts)
    fired = [i for i in candidates if checks[i](facts)]
    sensitive = engine.open_tests
    sex = assessment.sex
    sure = engine.sure_by_sex.get(sex, engine.sure) if sex is not None else engine.sure
    reasons = [_told(engine, sure[i], i, assessment, facts) if sensitive[i] else sure[i] for i in fired]
    seen = set(fired)
    # Rules that fire only because of a "not sure": rule index -> the most urgent level
    # any "not sure" gives it, what the person was not sure of, and the facts supposed
    # (each rule speaks once).
    unsure: dict[int, tuple[Level, str, Facts]] = {}
    for finding in assessment.findings_unsure or ():
        supposed = facts.supposing(finding)
        # Only a rule that names the finding can fire now when it did not before.
        for i in engine.naming_finding.get(finding, ()):
            if i not in seen and checks[i](supposed):
                _raise_to(unsure, i, (engine.rules[i].level_if_unsure("findings"), finding, supposed))
    for key in assessment.fields_unsure or ():
        # Not sure how far it spreads, which legs, where, or how it started: each value is
        # tried, and a rule any of them fires speaks at its `if_unsure` level for that
        # question (KA-16): never lower than leaving the answer unknown, since the
        # unknown answer's rules have fired above already.
        for value in UNSURE_VALUES[key]:
            supposed = facts.supposing_value(key, value)
            for i in engine.naming_field.get(key, ()):
                if i not in seen and checks[i](supposed):
                    _raise_to(unsure, i, (engine.rules[i].level_if_unsure(key), key, supposed))
    for i, (level, of, supposed) in unsure.items():
        reasons.append(_told(engine, _unsure_reason(engine, i, level, sex), i, assessment, supposed, of))
    if not reasons:
        reasons = [reason for reason, check in engine.fallback if check(facts)]
    return reasons


# The fallback reasons as worded for a finished or unfinished check, by (knowledge, reason
# object, finished): the engine's fallback Reasons are made once, so a self-care answer
# finds its words here instead of copying a model on every triage.
_WORDED: dict[tuple[int, int, bool], tuple[Knowledge, Reason, Reason]] = {}


def _fallback_worded(reason: Reason, knowledge: Knowledge, *, finished: bool) -> Reason:
    """The fallback's "none of your answers is a warning sign", said of a finished check or
    of an unfinished one; any other reason as it is."""
    rule = knowledge.rules_by_id.get(reason.rule)
    if rule is None or not rule.fallback:
        return reason
    key = (id(knowledge), id(reason), finished)
    found = _WORDED.get(key)
    if found is not None and found[0] is knowledge and found[1] is reason:
        return found[2]
    text, sources = (rule.reason, rule.sources) if finished else \
        (knowledge.not_finished.reason, tuple(dict.fromkeys((*rule.sources, *knowledge.not_finished.sources))))
    worded = reason if (text, sources) == (reason.reason, reason.sources) else \
        _with(reason, reason=text, sources=sources)
    if len(_WORDED) < 1000:  # a few Reasons per knowledge; bounded all the same
        _WORDED[key] = (knowledge, reason, worded)
    return worded


def _raise_to(found: dict[int, tuple[Level, str, Facts]], i: int, trial: tuple[Level, str, Facts]) -> None:
    if i not in found or URGENCY[trial[0]] > URGENCY[found[i][0]]:
        found[i] = trial


def _told(engine: _Engine, reason: Reason, i: int, assessment: Assessment, facts: Facts, unsure_of: str | None = None) -> Reason:
    """The reason, saying first which answers it took on the safer side: those it fired on
    while they were unknown ("You did not tell us how old you are") or not sure ("You were
    not sure whether ..."), so that a reason never states an unknown as what the person
    said. One mechanism for every rule: `kleene.evaluate`, reading answers as `kleene.Open`,
    finds the open answers the rule rested on; the words come from screen.yaml (`about`)."""
    names: set[str] = set()
    open_now = [name for fact, name in engine.open_tests[i] if _is_open(assessment, facts, fact, name)]
    if open_now:
        when = engine.rules[i].when
        # Each open answer that alone could have stopped the rule; failing that (two
        # unknowns either of which is enough), all those it rests on together.
        names = {n for n in open_now if kleene.evaluate(when, kleene.Open(facts, frozenset({n})))[0] is None}
        if not names:
            value, together = kleene.evaluate(when, kleene.Open(facts, frozenset(open_now)))
            names = set(together) if value is None else names
    if unsure_of is not None:
        names.add(unsure_of)
    if not names:
        return reason
    not_sure = set(assessment.findings_unsure or ()) | set(assessment.fields_unsure or ())
    order = engine.asked_order
    ordered = sorted(names, key=lambda n: (order.get(n, len(order)), n))
    unsure = tuple(n for n in ordered if n in not_sure)
    unknown = tuple(n for n in ordered if n not in not_sure)
    key = (reason.rule, reason.level, reason.reason, unsure, unknown)
    found = engine.said.get(key)
    if found is None:
        found = engine.said[key] = _built(Reason, **{**reason.__dict__, "reason": _said(reason.reason, unsure, unknown,
                                                                                        engine.about),
                                                      "assumed": (*unsure, *unknown)})
    return found


def _open_tests(rule: Rule) -> tuple[tuple[str, str], ...]:
    """The (fact, answer) pairs a rule can take on the safer side: tests true on an
    unknown answer (age) and tests under none_of (a reassuring answer left out)."""
    pairs: dict[tuple[str, str], None] = {}
    for t in mentions(rule.when).tests:
        if not (t.if_unknown or t.negated):
            continue
        fact = KEYS[t.key].fact
        if fact in ("findings", "history"):
            for item in t.value if isinstance(t.value, tuple) else (str(t.value),):
                pairs[fact, item] = None
        else:
            pairs[fact, fact if fact in ("worsens", "eases") else t.fields[0]] = None
    return tuple(pairs)


def _is_open(assessment: Assessment, facts: Facts, fact: str, name: str) -> bool:
    """Is this answer open: unknown, or not sure and not the one supposed present?"""
    if fact == "findings":
        return name not in facts.findings and assessment.finding_status(name) != "no"  # type: ignore[arg-type]
    if fact == "history":
        return assessment.history_status(name) == "unknown"  # type: ignore[arg-type]
    if fact in ("worsens", "eases"):
        return getattr(assessment, fact) is None  # the whole list unknown
    return getattr(facts, fact) is None


def _either(phrases: list[str]) -> str:
    return phrases[0] if len(phrases) == 1 else f"{', '.join(phrases[:-1])} or {phrases[-1]}"


def _said(reason: str, unsure: tuple[str, ...], unknown: tuple[str, ...], about: dict[str, str]) -> str:
    def words(names: tuple[str, ...]) -> str:
        return _either([about.get(n, n.replace("_", " ")) for n in names])
    parts = []
    if unsure:
        parts.append(f"You were not sure {words(unsure)}")
    if unknown:
        parts.append(f"{'and you' if unsure else 'You'} did not tell us {words(unknown)}")
    # Its own sentence, before the reason: short sentences read more easily (reading age).
    return f"{', '.join(parts)}, so we took the safer side. {reason}"


def _unsure_reason(engine: _Engine, i: int, level: Level, sex: str | None = None) -> Reason:
    """Rule i fired because the person was not sure, at `level` (its `if_unsure` level).
    Made once per rule, level and sex (Reasons are frozen)."""
    found = engine.unsure.get((i, level, sex))
    if found is None:
        found = engine.unsure[i, level, sex] = _reason(engine.rules[i], level, unsure=True, sex=sex)
    return found


_NOTHING: frozenset[str] = frozenset()


def _skipped(engine: _Engine, facts: Facts) -> frozenset[str]:
    """The conditional questions that do not apply to this person (screen.yaml `ask_if`)."""
    groups = engine.ask_if_groups
    if len(groups) == 1:
        check, ids = groups[0]
        return _NOTHING if check(facts) else ids
    skip: set[str] = set()
    for check, ids in groups:
        if not check(facts):
            skip |= ids
    return frozenset(skip)


UNSURE_VALUES: dict[UnsureField, tuple[str, ...]] = {"radiation": RADIATIONS, "leg_sides": LEG_SIDES,
                                                    "region": REGIONS, "trigger": TRIGGERS}


def _unasked(assessment: Assessment, engine: _Engine, facts: Facts | None = None) -> tuple[str, ...]:
    """Unanswered red-flag questions: findings, then history, then the other fields.

    A question that does not apply (a pregnancy sign for someone not pregnant) is not
    missing: the few conditional questions are checked first, and left out like answers.
    A list given on its own (`findings` without `findings_absent` / `findings_unsure`) is a
    plain checklist that answered every item; no list at all answered none."""
    values = assessment.__dict__  # one dict lookup per field rather than an attribute call each
    skip = _skipped(engine, facts or Facts(assessment)) if engine.ask_if_groups else _NOTHING
    out: list[str] = []
    given, absent, unsure = values["findings"], values["findings_absent"], values["findings_unsure"]
    if absent is not None or unsure is not None:
        answered = set(given or ())
        answered.update(absent or ())
        answered.update(unsure or ())
        out += [q for q in engine.red_findings if q not in answered and q not in skip]
    elif given is None:
        out += _none_answered(engine.red_findings, skip, engine)
    given, absent = values["history"], values["history_absent"]
    if absent is not None:
        answered = set(given or ())
        answered.update(absent)
        out += [q for q in engine.red_history if q not in answered and q not in skip]
    elif given is None:
        out += _none_answered(engine.red_history, skip, engine)
    not_sure = values["fields_unsure"] or ()
    for q in engine.red_fields:
        if q == "leg_sides":
            # Asked only when the pain may spread (an unknown spread leaves it open).
            missing = values["leg_sides"] is None and leg_sides_apply(values["radiation"])
        elif q == "pregnant":
            missing = pregnancy_unasked(assessment)
        else:
            missing = values[q] is None
        if missing and q not in not_sure and q not in skip:
            out.append(q)
    return tuple(out)


def _none_answered(questions: tuple[str, ...], skip: frozenset[str], engine: _Engine) -> tuple[str, ...]:
    """The questions not left out, when none was answered (the commonest case): it depends
    only on what is left out, so it is made once per such set."""
    if not skip:
        return questions
    key = (questions, skip)
    found = engine.unanswered.get(key)
    if found is None:
        found = engine.unanswered[key] = tuple(q for q in questions if q not in skip)
    return found


def red_flags_unasked(assessment: Assessment, knowledge: Knowledge | None = None) -> tuple[str, ...]:
    """The red-flag screen questions this assessment does not answer, in asking order."""
    return _unasked(assessment, _engine(knowledge or load_knowledge()))


def _consistent_with(facts: Facts, reasons: list[Reason], engine: _Engine, knowledge: Knowledge) -> tuple[ConsistentWith, ...]:
    """Serious causes first (from the rules that fired, most urgent first), then everyday ones.

    An emergency lists only serious causes, those of its emergency reasons first: "a
    strained back muscle" next to "call 999" would read as leave to wait."""
    suggests = engine.suggests
    ids = dict.fromkeys(cause for reason in reasons for cause in suggests[reason.rule])
    if reasons and reasons[0].level == "emergency":
        causes = engine.causes
        return tuple(causes[i] for i in ids if causes[i].serious)
    checks = engine.everyday_rules.checks
    for i in engine.everyday_rules.candidates(facts):
        if checks[i](facts):
            ids.setdefault(engine.everyday[i])
    if not ids:
        ids["something_else"] = None
    return tuple(engine.causes[i] for i in ids)
