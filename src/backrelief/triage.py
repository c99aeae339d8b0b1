"""Triage: an Assessment becomes a Triage. A pure function of the assessment and the
loaded knowledge; no I/O, no clock.

Every rule that fires is a reason; the most urgent level wins. A finding the person was
"not sure" of is tried as present, and any rule it would fire speaks at its `if_unsure`
level (the safer branch). Questions never asked are listed in `red_flags_unasked`:
unknown is never taken as "no".
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from backrelief.assessment import Assessment
from backrelief.knowledge import URGENCY, Knowledge, Level, Question, Rule, load_knowledge


class Reason(BaseModel):
    """One rule that fired: why, how urgent, and the sources it rests on."""

    model_config = ConfigDict(frozen=True)

    rule: str
    level: Level
    reason: str
    sources: tuple[str, ...]
    # True when it fired because the person was not sure, not because they said yes.
    unsure: bool = False
    red_flag: bool = True


class ConsistentWith(BaseModel):
    """A cause the findings fit. Never a diagnosis."""

    model_config = ConfigDict(frozen=True)

    id: str
    name: str
    summary: str
    serious: bool
    sources: tuple[str, ...]


class Triage(BaseModel):
    model_config = ConfigDict(frozen=True)

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

    @property
    def is_emergency(self) -> bool:
        return self.disposition == "emergency"

    def to_public(self) -> dict[str, object]:
        return self.model_dump(mode="json")


def most_urgent(levels: list[Level]) -> Level:
    return max(levels, key=lambda level: URGENCY[level]) if levels else "self_care"


def triage(assessment: Assessment, knowledge: Knowledge | None = None) -> Triage:
    k = knowledge or load_knowledge()
    reasons = _fired(assessment, k)
    level = most_urgent([r.level for r in reasons])
    disposition = k.dispositions[level]
    return Triage(
        disposition=level,
        title=disposition.title,
        action=disposition.action,
        reasons=tuple(sorted(reasons, key=lambda r: -URGENCY[r.level])),
        red_flags_unasked=red_flags_unasked(assessment, k),
        consistent_with=consistent_with(assessment, reasons, k),
        knowledge_version=k.version,
        emergency_help=k.emergency_help,
        not_a_diagnosis=k.not_a_diagnosis,
        warning_signs=k.warning_signs,
    )


def _reason(rule: Rule, level: Level, unsure: bool) -> Reason:
    return Reason(
        rule=rule.id,
        level=level,
        reason=rule.reason,
        sources=rule.sources,
        unsure=unsure,
        red_flag=rule.red_flag,
    )


def _fired(a: Assessment, k: Knowledge) -> list[Reason]:
    rules = [r for r in k.rules if not r.fallback]
    reasons = [_reason(r, r.level, unsure=False) for r in rules if r.when.holds(a)]
    fired = {r.rule for r in reasons}
    for finding in a.findings_unsure or ():
        supposed = a.model_copy(update={"findings": (*(a.findings or ()), finding)})
        for rule in rules:
            if rule.id in fired or not rule.when.holds(supposed):
                continue
            cap = rule.if_unsure or rule.level
            level = cap if URGENCY[cap] <= URGENCY[rule.level] else rule.level
            reasons.append(_reason(rule, level, unsure=True))
            fired.add(rule.id)
    if not reasons:
        reasons = [_reason(r, r.level, unsure=False) for r in k.rules if r.fallback and r.when.holds(a)]
    return reasons


def _asked(a: Assessment, q: Question) -> bool:
    if q.asks == "finding":
        return a.finding_status(q.id) != "unknown"  # type: ignore[arg-type]
    if q.asks == "history":
        return a.history_status(q.id) != "unknown"  # type: ignore[arg-type]
    if q.id == "leg_sides":
        # Not a question when the pain stays in the back; still open while spread is unknown.
        return a.radiation == "none" or a.leg_sides is not None
    if q.id == "pregnant":
        could_be = a.sex != "male" and (a.age is None or a.age < 60)
        return not could_be or a.pregnant is not None
    return getattr(a, q.id) is not None


def red_flags_unasked(a: Assessment, k: Knowledge | None = None) -> tuple[str, ...]:
    """The red-flag screen questions this assessment does not answer, in asking order."""
    k = k or load_knowledge()
    return tuple(q.id for q in k.screen if q.red_flag and not _asked(a, q))


def consistent_with(a: Assessment, reasons: list[Reason], k: Knowledge) -> tuple[ConsistentWith, ...]:
    """Serious causes first (from the rules that fired), then the everyday ones."""
    ids: list[str] = []
    for reason in sorted(reasons, key=lambda r: -URGENCY[r.level]):
        for cause_id in k.rule(reason.rule).suggests:
            if cause_id not in ids:
                ids.append(cause_id)
    for cause in k.causes.values():
        if cause.when is not None and cause.id not in ids and cause.when.holds(a):
            ids.append(cause.id)
    if not ids:
        ids.append("something_else")
    return tuple(
        ConsistentWith(
            id=c.id,
            name=c.name,
            summary=c.summary,
            serious=c.serious,
            sources=c.sources,
        )
        for c in (k.causes[i] for i in ids)
    )
