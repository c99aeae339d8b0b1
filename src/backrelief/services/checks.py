"""Keeping a check: an assessment, its triage and its plan, saved the one way every way
in saves them (the CLI's `diary check`, the web questions, the clinic API).

The plan is always made (an emergency plan holds only the emergency instruction) and
the check belongs to the person's latest episode; the first check of a bout that says
how long it has lasted starts that episode.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import Engine

from backrelief.assessment import Assessment
from backrelief.diary.models import AssessmentRecord, EpisodeCreate, EpisodePublic, SavedAssessment
from backrelief.plan import Plan, make_plan
from backrelief.storage import Assessments, Episodes
from backrelief.triage import Triage


@dataclass(frozen=True)
class KeptCheck:
    saved: SavedAssessment
    plan: Plan
    # The episode this check started, when it was the first of a bout.
    started: EpisodePublic | None


def keep_check(engine: Engine, assessment: Assessment, result: Triage, today: date, *,
               person_id: int | None = None, created_at: datetime | None = None) -> KeptCheck:
    plan = make_plan(assessment, result, today)
    episodes = Episodes(engine, person_id)
    episode = episodes.latest()
    started = None
    if episode is None and assessment.duration_days is not None:
        episode = started = episodes.start(EpisodeCreate(
            started_on=today - timedelta(days=assessment.duration_days),
            onset=assessment.onset, trigger=assessment.trigger))
    saved = Assessments(engine, person_id).save(AssessmentRecord.model_validate({
        "episode_id": None if episode is None else episode.id,
        "created_at": created_at or datetime.now().replace(microsecond=0),
        "knowledge_version": result.knowledge_version, "disposition": result.disposition,
        "assessment": assessment.to_public(), "triage": result.to_public(), "plan": plan.model_dump(mode="json")}))
    return KeptCheck(saved=saved, plan=plan, started=started)
