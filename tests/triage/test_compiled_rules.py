"""The compiled rule language means exactly what the language says.

`reference_holds` below is the language written out plainly, key by key, as the
documentation of `knowledge/conditions.py` states it. The product has one meaning
(`compile_condition`); this test keeps it honest against that written-out statement.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from backrelief.assessment import Assessment
from backrelief.knowledge import load_knowledge
from backrelief.knowledge.compiled import compile_rules
from backrelief.knowledge.conditions import KEYS, Condition, Facts, compile_condition, mentions
from backrelief.knowledge.plan import load_plan_knowledge
from tests.triage.test_properties import assessments


def _severity(a: Assessment) -> int | None:
    values = [v for v in (a.severity, a.worst_severity) if v is not None]
    return max(values) if values else None


def reference_holds(c: Condition, a: Assessment) -> bool:
    """Every key present must hold; a fact the person did not give makes its test false,
    except `age_at_least`, where an unknown age counts as older."""
    tests: list[bool] = []
    if c.findings_any is not None:
        tests.append(any(f in (a.findings or ()) for f in c.findings_any))
    if c.findings_all is not None:
        tests.append(all(f in (a.findings or ()) for f in c.findings_all))
    if c.history_any is not None:
        tests.append(any(h in (a.history or ()) for h in c.history_any))
    if c.trigger_in is not None:
        tests.append(a.trigger is not None and a.trigger in c.trigger_in)
    if c.radiation_in is not None:
        tests.append(a.radiation is not None and a.radiation in c.radiation_in)
    if c.leg_sides is not None:
        tests.append(a.leg_sides == c.leg_sides)
    if c.region_in is not None:
        tests.append(a.region is not None and a.region in c.region_in)
    if c.onset is not None:
        tests.append(a.onset == c.onset)
    if c.pregnant is not None:
        tests.append(a.pregnant is c.pregnant)
    if c.sex_in is not None:
        tests.append(a.sex is not None and a.sex in c.sex_in)
    if c.worsens_any is not None:
        tests.append(any(w in (a.worsens or ()) for w in c.worsens_any))
    if c.eases_any is not None:
        tests.append(any(e in (a.eases or ()) for e in c.eases_any))
    if c.age_at_least is not None:
        tests.append(a.age is None or a.age >= c.age_at_least)
    if c.age_below is not None:
        tests.append(a.age is None or a.age < c.age_below)
    if c.duration_days_at_least is not None:
        tests.append(a.duration_days is not None and a.duration_days >= c.duration_days_at_least)
    if c.duration_days_below is not None:
        tests.append(a.duration_days is not None and a.duration_days < c.duration_days_below)
    if c.episodes_at_least is not None:
        tests.append(a.episodes_last_year is not None and a.episodes_last_year >= c.episodes_at_least)
    if c.severity_at_least is not None:
        sev = _severity(a)
        tests.append(sev is not None and sev >= c.severity_at_least)
    if c.severity_below is not None:
        sev = _severity(a)
        tests.append(sev is not None and sev < c.severity_below)
    if c.any_of is not None:
        tests.append(any(reference_holds(sub, a) for sub in c.any_of))
    if c.none_of is not None:
        tests.append(not any(reference_holds(sub, a) for sub in c.none_of))
    if c.count_at_least is not None:
        tests.append(sum(reference_holds(sub, a) for sub in c.count_at_least.of) >= c.count_at_least.n)
    return all(tests)


def _every_condition() -> list[tuple[str, Condition]]:
    """Every condition shipped: red-flag rules, causes, and the plan's conditions."""
    k = load_knowledge()
    out = [(rule.id, rule.when) for rule in k.rules]
    out += [(cause.id, cause.when) for cause in k.causes.values() if cause.when is not None]
    plan = load_plan_knowledge()
    out += [(f"plan:{where}", c) for where, c in _plan_conditions(plan)]
    return out


def _plan_conditions(node: object, where: str = "") -> list[tuple[str, Condition]]:
    # Walk the plan knowledge model for every Condition it holds, wherever it sits.
    if isinstance(node, Condition):
        return [(where, node)]
    if isinstance(node, tuple | list):
        return [pair for i, item in enumerate(node) for pair in _plan_conditions(item, f"{where}[{i}]")]
    if isinstance(node, dict):
        return [pair for key, item in node.items() for pair in _plan_conditions(item, f"{where}.{key}")]
    fields = getattr(type(node), "model_fields", None)
    if fields:
        return [pair for name in fields for pair in _plan_conditions(getattr(node, name), f"{where}.{name}")]
    return []


CONDITIONS = _every_condition()


@st.composite
def with_worst_severity(draw: st.DrawFn) -> Assessment:
    a = draw(assessments())
    worst = draw(st.one_of(st.none(), st.integers(0, 10)))
    return a.model_copy(update={"worst_severity": worst})


def test_the_plan_and_triage_conditions_are_all_checked() -> None:
    assert any(name.startswith("plan:") for name, _ in CONDITIONS)
    assert len(CONDITIONS) > len(load_knowledge().rules)


@settings(max_examples=300, deadline=None)
@given(with_worst_severity())
def test_compiled_conditions_agree_with_the_condition_language(a: Assessment) -> None:
    facts = Facts(a)
    for name, condition in CONDITIONS:
        expected = reference_holds(condition, a)
        assert compile_condition(condition)(facts) is expected, name
        assert condition.holds(a) is expected, name


@settings(max_examples=300, deadline=None)
@given(assessments())
def test_gating_never_skips_a_rule_that_holds(a: Assessment) -> None:
    conditions = [c for _, c in CONDITIONS]
    index = compile_rules(conditions)
    holding = {i for i, c in enumerate(conditions) if reference_holds(c, a)}
    assert holding <= set(index.candidates(Facts(a)))


def test_every_key_of_the_language_is_used_by_the_reference() -> None:
    # A key added to the language without a line in reference_holds would go unchecked.
    import inspect

    source = inspect.getsource(reference_holds)
    assert all(f"c.{name}" in source for name in (*KEYS, "any_of", "none_of", "count_at_least"))


def test_mentions_names_the_findings_fields_and_values_that_make_a_condition_true() -> None:
    c = Condition.model_validate({
        "findings_any": ["fever"],
        "age_at_least": 50,
        "any_of": [{"trigger_in": ["fall"]}, {"history_any": ["cancer"]}],
        "none_of": [{"severity_at_least": 8}],
    })
    named = mentions(c)
    assert named.findings == {"fever"}
    assert named.history == {"cancer"}
    assert named.fields == {"age", "trigger", "severity", "worst_severity"}
    by_key = {t.key: t for t in named.tests}
    assert by_key["trigger_in"].value == ("fall",) and not by_key["trigger_in"].negated
    assert by_key["age_at_least"].value == 50 and by_key["age_at_least"].if_unknown
    assert by_key["severity_at_least"].negated


def test_every_red_flag_rule_names_at_least_one_thing_to_ask() -> None:
    for rule in load_knowledge().rules:
        if rule.red_flag and not rule.fallback:
            named = mentions(rule.when)
            assert named.findings or named.history or named.fields, rule.id
