"""Every way in keeps a check the same way: with its plan and its episode."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Engine

from backrelief.assessment import parse_assessment
from backrelief.services.checks import keep_check
from backrelief.storage import Assessments, Episodes
from backrelief.triage import triage
from tests.kept_checks import kept_check

TODAY = date(2026, 11, 20)


def test_a_first_check_with_a_duration_starts_the_episode_and_keeps_the_plan(engine: Engine) -> None:
    a = parse_assessment({"age": 40, "duration_days": 3, "onset": "sudden", "trigger": "lifting", "findings": []})
    kept = keep_check(engine, a, triage(a), TODAY)
    assert kept.started is not None and kept.started.started_on == date(2026, 11, 17)
    assert kept.started.trigger == "lifting"
    saved = Assessments(engine).get(kept.saved.id)
    assert saved.episode_id == kept.started.id
    assert saved.plan is not None and saved.plan.made_on == TODAY and saved.plan.now
    assert saved.triage.disposition == saved.disposition == "self_care"
    assert saved.triage.reasons and saved.triage.knowledge_version == saved.knowledge_version


def test_a_later_check_joins_the_latest_episode_without_starting_another(engine: Engine) -> None:
    a = parse_assessment({"age": 40, "duration_days": 3, "findings": []})
    first = keep_check(engine, a, triage(a), TODAY)
    second = keep_check(engine, a, triage(a), TODAY)
    assert second.started is None
    assert second.saved.episode_id == first.saved.episode_id
    assert len(Episodes(engine).list()) == 1


def test_an_emergency_check_keeps_the_emergency_plan(engine: Engine) -> None:
    a = parse_assessment({"age": 40, "findings": ["saddle_numbness"]})
    kept = keep_check(engine, a, triage(a), TODAY)
    assert kept.saved.disposition == "emergency"
    assert kept.saved.plan is not None and kept.saved.plan.emergency is True
    assert kept.started is None  # no duration given: nothing says when the bout began


def test_each_person_keeps_their_own_checks(engine: Engine) -> None:
    a = parse_assessment({"age": 40, "duration_days": 1, "findings": []})
    keep_check(engine, a, triage(a), TODAY, person_id=None)
    assert Assessments(engine, 7).list() == []


def test_a_check_kept_by_an_older_version_still_reads_and_keeps_every_key(engine: Engine) -> None:
    from backrelief.diary.kept import KeptPlan, KeptTriage

    older_triage = {"disposition": "routine", "knowledge_version": "2025.1.1", "reasons": [{"reason": "old words"}, "odd"],
                    "retired_part": {"x": 1}}
    saved = Assessments(engine).save(kept_check({"age": 50}, older_triage, {"now": "not a list of advice"}))
    read = Assessments(engine).get(saved.id)
    assert read.triage.title == ""  # missing in the older check: empty, not an error
    assert [r.reason for r in read.triage.reasons] == ["old words", ""]
    assert read.triage.model_extra == {"retired_part": {"x": 1}}
    assert isinstance(read.triage, KeptTriage) and isinstance(read.plan, KeptPlan)


def test_a_kept_checks_answers_read_back_exactly_as_given_in_the_contracts_order(engine: Engine) -> None:
    a = parse_assessment({"findings": ["fever"], "severity": 6, "age": 40, "history": [], "duration_days": 2})
    saved = Assessments(engine).get(keep_check(engine, a, triage(a), TODAY).saved.id)
    assert saved.assessment.answers() == a.to_public()
    assert list(saved.assessment.answers()) == list(a.to_public())  # age first, as the contract has it
    assert saved.assessment.findings == ("fever",)
    assert saved.assessment.findings_absent is None  # not asked stays not asked, never "no"


def test_an_older_checks_answers_keep_every_key_and_gain_no_answer_that_was_not_given(engine: Engine) -> None:
    saved = Assessments(engine).save(kept_check({"retired_question": "yes", "age": 50, "findings": "not a list"},
                                                {"disposition": "routine", "knowledge_version": "2025.1.1"}))
    read = Assessments(engine).get(saved.id)
    assert read.assessment.findings == ()  # a part of another shape reads as empty, the rest still reads
    assert read.assessment.answers() == {"age": 50, "retired_question": "yes"}
    assert read.model_dump(mode="json")["assessment"] == {"age": 50, "retired_question": "yes"}
