"""Every way in keeps a check the same way: with its plan and its episode."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Engine

from backrelief.assessment import parse_assessment
from backrelief.services.checks import keep_check
from backrelief.storage import Assessments, Episodes
from backrelief.triage import triage

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
    saved = Assessments(engine).save({"age": 50}, older_triage, {"now": "not a list of advice"})
    read = Assessments(engine).get(saved.id)
    assert read.triage.title == ""  # missing in the older check: empty, not an error
    assert [r.reason for r in read.triage.reasons] == ["old words", ""]
    assert read.triage.model_extra == {"retired_part": {"x": 1}}
    assert isinstance(read.triage, KeptTriage) and isinstance(read.plan, KeptPlan)
