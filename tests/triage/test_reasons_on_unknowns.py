"""A reason never states an unknown answer as what the person said (issue 14).

Rules take the safer side of an answer that is unknown (an unknown age counts as over 50
and as under 20) or "not sure". When a rule fires only because of that, triage says so
before the reason, in one mechanism for every rule: "You did not tell us how old you
are, so we took the safer side. ...". These tests go over every rule that tests an
answer on its safer side (age, how long, how bad, how it started, the onset, sex, back
pain before, ...) and every finding and choice a person can be not sure of."""

from __future__ import annotations

import random
from typing import Any, get_args

import pytest

from backrelief.assessment import FINDINGS, Assessment, UnsureField
from backrelief.knowledge import Rule, load_knowledge
from backrelief.knowledge.conditions import KEYS, SET_FACTS, mentions
from backrelief.triage import Reason, Triage, triage
from tests.triage.test_unknown_never_no import FIELD_VALUES, valid

K = load_knowledge()
ABOUT = {q.id: q.about for q in K.screen}
PREFIX = ", so we took the safer side. "


def _open_names(rule: Rule) -> set[str]:
    """The answers this rule can take on its safer side: an unknown age, or a reassuring
    answer it tests under none_of (unknown, that answer is not there)."""
    names: set[str] = set()
    for t in mentions(rule.when).tests:
        if not (t.if_unknown or t.negated):
            continue
        fact = KEYS[t.key].fact
        if fact in ("findings", "history"):
            names.update(t.value if isinstance(t.value, tuple) else (str(t.value),))
        else:
            names.add(fact if fact in SET_FACTS else t.fields[0])
    return names


RULES = [r for r in K.rules if not r.fallback and _open_names(r)]


def _reason(t: Triage, rule: str) -> Reason | None:
    return next((r for r in t.reasons if r.rule == rule), None)


def _complete(rule: Rule, rng: random.Random, p: float = 0.5) -> dict[str, Any]:
    """An answer set that gives every answer this rule reads (each finding and history
    item it names yes with chance p, else no)."""
    m = mentions(rule.when)
    findings = sorted(f for f in m.findings if rng.random() < p)
    history = sorted(h for h in m.history if rng.random() < p)
    data: dict[str, Any] = {
        "findings": findings, "findings_absent": sorted(set(m.findings) - set(findings)),
        "history": history, "history_absent": sorted(set(m.history) - set(history)),
    }
    for name in FIELD_VALUES:
        if name in m.fields or name in ("age", "severity", "worst_severity"):
            data[name] = rng.choice(FIELD_VALUES[name])
    if not valid(data):
        data.pop("leg_sides")
    return data


def _firing(rule: Rule, tries: int = 600, most: int = 10) -> list[dict[str, Any]]:
    """Answer sets that fire the rule with every answer it reads known (seeded search)."""
    rng = random.Random(rule.id)
    found = []
    for _ in range(tries):
        data = _complete(rule, rng)
        if _reason(triage(Assessment.model_validate(data)), rule.id) is not None:
            found.append(data)
            if len(found) >= most:
                break
    return found


def _without(data: dict[str, Any], name: str) -> dict[str, Any]:
    """The same answers with one of them unknown (never asked)."""
    out = {k: (list(v) if isinstance(v, list) else v) for k, v in data.items()}
    if name in FINDINGS or name in out["history"] or name in out["history_absent"] or name in out["findings_absent"]:
        for key in ("findings", "findings_absent", "history", "history_absent"):
            if name in out[key]:
                out[key].remove(name)
        return out
    for key in ({"severity", "worst_severity"} if name == "severity" else {name}):
        out.pop(key, None)
    return out


def _values(data: dict[str, Any], name: str) -> list[dict[str, Any]]:
    """Every known answer to `name` (yes or no for an item)."""
    blank = _without(data, name)
    if name in FIELD_VALUES or name == "severity":
        keys = ("severity", "worst_severity") if name == "severity" else (name,)
        out = [{**blank, **dict.fromkeys(keys, v)} for v in FIELD_VALUES[keys[0]]]
        return [d for d in out if valid(d)]
    kind = "findings" if name in FINDINGS else "history"
    return [{**blank, kind: [*blank[kind], name]}, {**blank, f"{kind}_absent": [*blank[f"{kind}_absent"], name]}]


def test_the_search_below_finds_firing_answers_for_every_rule_it_is_about() -> None:
    assert len(RULES) >= 20
    assert [r.id for r in RULES if not _firing(r)] == []


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_a_reason_on_every_answer_known_says_nothing_was_assumed(rule: Rule) -> None:
    for data in _firing(rule):
        reason = _reason(triage(Assessment.model_validate(data)), rule.id)
        assert reason is not None
        assert reason.assumed == ()
        assert PREFIX not in reason.reason
        assert reason.reason == rule.reason


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_a_rule_that_fired_only_because_an_answer_was_unknown_says_so_first(rule: Rule) -> None:
    rng = random.Random(f"unknown {rule.id}")
    checked_any = False
    for name in sorted(_open_names(rule)):
        checked = 0
        for _ in range(3000):
            data = _complete(rule, rng, rng.choice((0.1, 0.3, 0.5)))
            blank = _without(data, name)
            reason = _reason(triage(Assessment.model_validate(blank)), rule.id)
            if reason is None:
                continue
            # Did the unknown answer make it fire? Some known answer would not have.
            if any(_reason(triage(Assessment.model_validate(d)), rule.id) is None for d in _values(data, name)):
                assert reason.assumed == (name,), (rule.id, name, blank)
                assert reason.reason == f"You did not tell us {ABOUT[name]}{PREFIX}{rule.reason}"
                checked += 1
                if checked >= 3:
                    break
            else:
                assert name not in reason.assumed, (rule.id, name, blank)
        checked_any = checked_any or checked > 0
    # An answer may never make this rule fire by being unknown (the over-60 rule needs a
    # known age), but every rule here has one that does.
    assert checked_any, f"{rule.id}: no answer set where an unknown answer made it fire"


def test_no_age_says_so_in_both_the_over_50_and_the_under_20_reasons() -> None:
    # The example in issue 14: with no age both an older and a younger rule fire.
    t = triage(Assessment.model_validate({"onset": "sudden", "severity": 8, "trigger": "none", "findings": [],
                                          "history": [], "episodes_last_year": 0}))
    by_rule = {r.rule: r for r in t.reasons}
    for rule in ("aaa-sudden-severe-older", "first-episode-young"):
        assert by_rule[rule].reason.startswith("You did not tell us how old you are" + PREFIX), rule
        assert "age" in by_rule[rule].assumed


def test_several_unknown_answers_are_named_together_in_the_order_they_are_asked() -> None:
    t = triage(Assessment.model_validate({"age": 55, "onset": "sudden", "findings": [], "history": []}))
    reason = _reason(t, "aaa-sudden-severe-older")
    assert reason is not None
    assert reason.assumed == ("trigger", "severity")
    assert reason.reason.startswith("You did not tell us how the pain started or how bad the pain is" + PREFIX)


@pytest.mark.parametrize("finding", sorted({f for r in K.rules for f in r.when.findings_named()}))
def test_a_rule_fired_by_a_not_sure_finding_says_what_the_person_was_not_sure_of(finding: str) -> None:
    rng = random.Random(f"not sure {finding}")
    for rule in K.rules:
        if finding not in rule.when.findings_named():
            continue
        for _ in range(2000):
            data = _complete(rule, rng, rng.choice((0.1, 0.3, 0.5)))
            unsure = {**_without(data, finding), "findings_unsure": [finding]}
            reason = _reason(triage(Assessment.model_validate(unsure)), rule.id)
            if reason is None or not reason.unsure:
                continue
            assert reason.reason.startswith(f"You were not sure {ABOUT[finding]}"), (rule.id, reason.reason)
            assert reason.assumed[0] == finding
            return
    raise AssertionError(f"no rule fires from {finding} not sure")


@pytest.mark.parametrize("key", get_args(UnsureField))
def test_a_rule_fired_by_a_not_sure_choice_says_what_the_person_was_not_sure_of(key: str) -> None:
    base: dict[str, Any] = {"age": 40, "region": "lower", "radiation": "thigh", "trigger": "lifting",
                            "onset": "sudden", "severity": 5, "worst_severity": 5, "duration_days": 30,
                            "episodes_last_year": 0, "findings": [], "history": []}
    base.pop(key, None)
    t = triage(Assessment.model_validate({**base, "fields_unsure": [key]}))
    fired = [r for r in t.reasons if r.unsure]
    assert fired, key
    for reason in fired:
        assert reason.reason.startswith(f"You were not sure {ABOUT[key]}"), reason.reason
        assert reason.assumed[0] == key


def test_not_sure_and_unknown_together_are_both_named() -> None:
    # Not sure how it started, and no pain score: the hard-fall rule rests on both.
    t = triage(Assessment.model_validate({"age": 40, "onset": "sudden", "duration_days": 1, "fields_unsure": ["trigger"],
                                          "findings": [], "history": []}))
    reason = _reason(t, "trauma-fall-hard")
    assert reason is not None
    assert reason.reason.startswith("You were not sure how the pain started, and you did not tell us how bad the pain "
                                    "is" + PREFIX)


def test_every_answer_a_rule_can_take_on_the_safer_side_has_words_for_saying_so() -> None:
    names = {n for r in K.rules for n in _open_names(r)} | set(get_args(UnsureField))
    names |= {f for r in K.rules for f in r.when.findings_named()}
    assert sorted(n for n in names if not ABOUT.get(n)) == []
