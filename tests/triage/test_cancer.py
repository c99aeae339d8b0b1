"""Cancer: past cancer is the most informative single flag (Henschke 2013; NICE CG75)."""

from __future__ import annotations

from tests.triage.conftest import TriageOf, rules


def test_past_cancer_with_a_nerve_symptom_is_emergency(triage_of: TriageOf) -> None:
    t = triage_of(age=69, history=["cancer"], radiation="thigh", leg_sides="one", findings=["leg_weakness"])
    assert t.disposition == "emergency"
    assert "mscc-cancer-nerve" in rules(t)


def test_past_cancer_with_weight_loss_is_urgent(triage_of: TriageOf) -> None:
    t = triage_of(age=68, history=["cancer"], findings=["unexplained_weight_loss"], duration_days=25)
    assert t.disposition == "urgent"
    assert {"cancer-spinal-features", "weight-loss"} <= rules(t)


def test_past_cancer_with_upper_back_pain_is_urgent(triage_of: TriageOf) -> None:
    assert triage_of(history=["cancer"], region="upper").disposition == "urgent"


def test_past_cancer_with_pain_worse_on_coughing_is_urgent(triage_of: TriageOf) -> None:
    assert triage_of(history=["cancer"], worsens=["coughing_sneezing"]).disposition == "urgent"


def test_past_cancer_with_new_back_pain_and_nothing_else_is_routine(triage_of: TriageOf) -> None:
    t = triage_of(age=49, history=["cancer"], trigger="sports", onset="sudden", duration_days=2, severity=4)
    assert t.disposition == "routine"
    assert "cancer-new-back-pain" in rules(t)


def test_weight_loss_without_trying_is_urgent(triage_of: TriageOf) -> None:
    assert triage_of(findings=["unexplained_weight_loss"]).disposition == "urgent"


def test_pain_at_rest_and_at_night_is_urgent(triage_of: TriageOf) -> None:
    t = triage_of(age=62, findings=["night_pain_at_rest"], duration_days=28)
    assert t.disposition == "urgent"
    assert "night-pain" in rules(t)


def test_a_new_lump_on_the_spine_is_urgent(triage_of: TriageOf) -> None:
    assert triage_of(age=58, findings=["spine_deformity"]).disposition == "urgent"


def test_worry_about_cancer_is_not_a_cause_named_as_fact(triage_of: TriageOf) -> None:
    t = triage_of(history=["cancer"])
    assert all("you have" not in c.summary.lower() for c in t.consistent_with)
