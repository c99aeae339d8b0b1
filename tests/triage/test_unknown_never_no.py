"""Unknown is never "no", proven over the whole rule set.

1. Setting any unknown field, finding or history item to its most worrying value never
   lowers the level (an unknown answer is never treated as more worrying than the worst
   answer, and never as less worrying than... itself: the level is monotone).
2. Leaving a field unknown never gives a lower level than the rule that names it gives
   when the field is known to fire it (the safer branch), for every red-flag rule. The
   one exception is a question that is itself the warning sign being asked about (where
   the pain is, how far it spreads, one or both legs, pregnancy, what makes it worse, what
   set it off) or the only facts a rule has: that question must then be listed in
   `red_flags_unasked`, so the answer says it is incomplete. How long, how bad, how it
   started, age and sex, which only qualify a warning sign the person has, are never
   exempt: unknown takes the rule's side.
3. Not sure of a finding never gives less than the rule's `if_unsure` level.
"""

from __future__ import annotations

import random
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from backrelief.assessment import (
    EASES,
    FINDINGS,
    HISTORY,
    RADIATIONS,
    REGIONS,
    TRIGGERS,
    WORSENS,
    Assessment,
    pregnancy_possible,
)
from backrelief.knowledge import URGENCY, Level, Rule, load_knowledge
from backrelief.knowledge.conditions import mentions
from backrelief.triage import red_flags_unasked, triage

K = load_knowledge()

# The values worth trying for each field: every boundary any rule uses, either side.
FIELD_VALUES: dict[str, list[Any]] = {
    "age": [16, 17, 19, 20, 30, 44, 45, 49, 50, 54, 55, 59, 60, 64, 65, 74, 75, 90, 110],
    "sex": ["female", "male", "other"],
    "pregnant": [True, False],
    "region": list(REGIONS),
    "radiation": list(RADIATIONS),
    "leg_sides": ["one", "both"],
    "severity": list(range(11)),
    "worst_severity": list(range(11)),
    "duration_days": [0, 1, 2, 3, 6, 14, 20, 21, 27, 28, 41, 42, 89, 90, 365],
    "onset": ["sudden", "gradual"],
    "trigger": list(TRIGGERS),
    "episodes_last_year": [0, 1, 2, 3, 5],
    "worsens": [[w] for w in WORSENS] + [list(WORSENS)],
    "eases": [[e] for e in EASES] + [list(EASES)],
}
# Questions that are the warning sign itself: unknown may leave a rule unfired only when
# the question is listed as not asked.
ANCHOR_FIELDS = frozenset({"region", "radiation", "leg_sides", "pregnant", "worsens", "eases", "trigger"})


def level(data: dict[str, Any]) -> int:
    return URGENCY[triage(Assessment.model_validate(data)).disposition]


def valid(data: dict[str, Any]) -> bool:
    return not (data.get("leg_sides") is not None and data.get("radiation") == "none")


def worst_level(data: dict[str, Any], slot: tuple[str, str]) -> int:
    """The most urgent level any answer to this one unknown slot gives."""
    kind, name = slot
    best = -1
    # A yes or a no: for an item a rule reads under none_of (past kidney stones make a first
    # "stone" pain less worrying), the no is the more worrying answer.
    if kind == "finding":
        best = max(level({**data, "findings": [*data["findings"], name]}),
                   level({**data, "findings_absent": [*data["findings_absent"], name]}))
    elif kind == "history":
        best = max(level({**data, "history": [*data["history"], name]}),
                   level({**data, "history_absent": [*data["history_absent"], name]}))
    else:
        for value in FIELD_VALUES[name]:
            trial = {**data, name: value}
            if valid(trial):
                best = max(best, level(trial))
    return best


@st.composite
def partial_answers(draw: st.DrawFn) -> dict[str, Any]:
    """An interactive answer set: some findings and history yes, some no, some unknown;
    each field given or not."""
    status = st.sampled_from(("yes", "no", "unknown", "unknown"))
    findings = {f: draw(status) for f in FINDINGS}
    history = {h: draw(status) for h in HISTORY}
    data: dict[str, Any] = {
        "findings": [f for f, s in findings.items() if s == "yes"],
        "findings_absent": [f for f, s in findings.items() if s == "no"],
        "history": [h for h, s in history.items() if s == "yes"],
        "history_absent": [h for h, s in history.items() if s == "no"],
    }
    for name, values in FIELD_VALUES.items():
        value = draw(st.one_of(st.none(), st.sampled_from(values)))
        if value is not None:
            data[name] = value
    if not valid(data):
        data.pop("leg_sides")
    return data


def unknown_slots(data: dict[str, Any]) -> list[tuple[str, str]]:
    said_f = set(data["findings"]) | set(data["findings_absent"])
    said_h = set(data["history"]) | set(data["history_absent"])
    slots: list[tuple[str, str]] = [("finding", f) for f in FINDINGS if f not in said_f]
    slots += [("history", h) for h in HISTORY if h not in said_h]
    slots += [("field", name) for name in FIELD_VALUES if name not in data]
    return slots


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(partial_answers())
def test_setting_an_unknown_answer_to_its_most_worrying_value_never_lowers_the_level(data: dict[str, Any]) -> None:
    now = level(data)
    for slot in unknown_slots(data):
        worst = worst_level(data, slot)
        # -1: no answer is allowed here (one or both legs when the pain stays in the back).
        assert worst == -1 or worst >= now, slot


# --- 2. the safer branch of every red-flag rule ------------------------------------------

def _has_anchor(rule: Rule, data: dict[str, Any]) -> bool:
    """In this answer set the rule rests on a finding or history item the person has
    (a warning sign they told us), not only on field values."""
    m = mentions(rule.when)
    positive = {item for t in m.tests if not t.negated and t.key in ("findings_any", "findings_all", "history_any")
                for item in (t.value if isinstance(t.value, tuple) else ())}
    return bool(positive & (set(data["findings"]) | set(data["history"])))


def _witnesses(rule: Rule, tries: int = 400) -> list[dict[str, Any]]:
    """Answer sets that make this rule fire at its own level, found by searching the
    values of only what the rule names (seeded: the same every run)."""
    m = mentions(rule.when)
    fields = sorted(f for f in m.fields if f in FIELD_VALUES)
    rng = random.Random(rule.id)
    found: list[dict[str, Any]] = []
    for _ in range(tries):
        data: dict[str, Any] = {
            "age": rng.choice(FIELD_VALUES["age"]),
            "findings": sorted(f for f in m.findings if rng.random() < 0.5),
            "findings_absent": [],
            "history": sorted(h for h in m.history if rng.random() < 0.5),
            "history_absent": [],
        }
        for name in fields:
            if rng.random() < 0.8:
                data[name] = rng.choice(FIELD_VALUES[name])
        if not valid(data):
            continue
        t = triage(Assessment.model_validate(data))
        if any(r.rule == rule.id and r.level == rule.level for r in t.reasons):
            found.append(data)
            if len(found) >= 12:
                break
    return found


RED_FLAG_RULES = [r for r in K.rules if r.red_flag and not r.fallback]


def test_every_red_flag_rule_can_be_made_to_fire() -> None:
    assert [r.id for r in RED_FLAG_RULES if not _witnesses(r)] == []


def test_leaving_a_field_unknown_never_gives_less_than_the_safer_branch_of_the_rule_that_names_it() -> None:
    problems: list[str] = []
    for rule in RED_FLAG_RULES:
        named = mentions(rule.when).fields
        for data in _witnesses(rule):
            anchored = _has_anchor(rule, data)
            for name in sorted(named & set(data)):
                # The two pain scores are one fact: unknown means neither was given.
                gone = {"severity", "worst_severity"} if name in ("severity", "worst_severity") else {name}
                blank = {k: v for k, v in data.items() if k not in gone}
                t = triage(Assessment.model_validate(blank))
                if URGENCY[t.disposition] >= URGENCY[rule.level]:
                    continue
                # Exempt: the question is itself the warning sign, or the person told us no
                # warning sign this rule rests on; and the question is listed as not asked.
                asked_as = "severity" if name == "worst_severity" else name
                listed = asked_as in t.red_flags_unasked or (
                    # Pregnancy is not asked at 60 or over, or of a man (known anomaly KA-7).
                    name == "pregnant" and not pregnancy_possible(blank.get("sex"), blank.get("age")))
                exempt = (name in ANCHOR_FIELDS or not anchored) and listed
                if not exempt:
                    problems.append(f"{rule.id}: {name} unknown gives {t.disposition} (was {data})")
    assert problems == [], "\n".join(problems)


def test_not_sure_of_a_finding_never_gives_less_than_the_rules_not_sure_level() -> None:
    problems: list[str] = []
    for rule in RED_FLAG_RULES:
        safer: Level = rule.level_if_unsure("findings")
        for data in _witnesses(rule):
            for finding in data["findings"]:
                unsure = {**data, "findings": [f for f in data["findings"] if f != finding],
                          "findings_unsure": [finding]}
                t = triage(Assessment.model_validate(unsure))
                if URGENCY[t.disposition] < URGENCY[safer]:
                    problems.append(f"{rule.id}: not sure of {finding} gives {t.disposition}, not {safer}")
    assert problems == []


def test_every_question_a_red_flag_rule_needs_is_listed_when_unanswered() -> None:
    # The exemption above rests on this: an unanswered warning-sign question is listed.
    unasked = set(red_flags_unasked(Assessment(age=40, sex="female")))
    for rule in RED_FLAG_RULES:
        positive = {f for t in mentions(rule.when).tests if not t.negated for f in t.fields}
        for name in positive & ANCHOR_FIELDS:
            assert name in unasked, (rule.id, name)
