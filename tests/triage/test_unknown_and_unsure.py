"""Unknown is never "no"; "not sure" takes the safer branch, capped by each rule's if_unsure."""

from __future__ import annotations

from backrelief.assessment import Assessment, parse_assessment
from backrelief.triage import red_flags_unasked, triage


def test_an_assessment_without_findings_lists_every_red_flag_as_unasked() -> None:
    unasked = red_flags_unasked(parse_assessment({"age": 40}))
    assert "saddle_numbness" in unasked
    assert "new_bladder_problem" in unasked
    assert "cancer" in unasked


def test_a_plain_findings_list_means_the_checklist_was_answered() -> None:
    unasked = red_flags_unasked(parse_assessment({"age": 40, "findings": [], "history": []}))
    assert "saddle_numbness" not in unasked
    assert "cancer" not in unasked


def test_findings_absent_marks_only_those_findings_as_answered() -> None:
    a = parse_assessment({"age": 40, "findings": ["fever"], "findings_absent": ["saddle_numbness"]})
    unasked = red_flags_unasked(a)
    assert "saddle_numbness" not in unasked
    assert "fever" not in unasked
    assert "new_bladder_problem" in unasked


def test_removing_answers_grows_the_unasked_list() -> None:
    full = parse_assessment({"age": 40, "findings": [], "history": [], "trigger": "lifting", "region": "lower",
                             "radiation": "none", "worsens": [], "sex": "male"})
    partial = parse_assessment({"age": 40, "findings": [], "trigger": "lifting"})
    assert set(red_flags_unasked(full)) < set(red_flags_unasked(partial))


def test_not_sure_about_saddle_numbness_is_an_emergency_as_suspected_cauda_equina() -> None:
    t = triage(parse_assessment({"age": 40, "findings": [], "findings_absent": [], "findings_unsure": ["saddle_numbness"]}))
    assert t.disposition == "emergency"
    assert t.reasons[0].unsure is True
    assert t.reasons[0].rule == "ces-saddle-numbness"


def test_not_sure_about_chest_pain_stays_an_emergency() -> None:
    t = triage(parse_assessment({"age": 40, "findings": [], "findings_absent": [], "findings_unsure": ["chest_pain"]}))
    assert t.disposition == "emergency"


def test_not_sure_is_never_treated_as_no() -> None:
    sure_no = triage(parse_assessment({"age": 40, "findings": [], "findings_absent": ["new_bladder_problem"]}))
    unsure = triage(parse_assessment({"age": 40, "findings": [], "findings_absent": [],
                                      "findings_unsure": ["new_bladder_problem"]}))
    assert sure_no.disposition == "self_care"
    assert unsure.disposition == "emergency"


def test_unknown_age_is_allowed_from_the_reader_and_listed_as_unasked() -> None:
    t = triage(Assessment(findings=(), findings_absent=()))
    assert "age" in t.red_flags_unasked
