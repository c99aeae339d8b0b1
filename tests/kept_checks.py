"""A kept check built from its saved parts, for tests that store one directly (an older
or odd shape, or a check whose content does not matter). Checks made by the app are
kept through `services.checks.keep_check`."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from backrelief.diary.models import AssessmentRecord


def kept_check(assessment: dict[str, Any], triage: dict[str, Any], plan: dict[str, Any] | None = None, *,
               episode_id: int | None = None, created_at: datetime = datetime(2026, 11, 20, 9)) -> AssessmentRecord:
    """The level and knowledge version are the triage's own, as when the app keeps a check."""
    return AssessmentRecord.model_validate({
        "episode_id": episode_id, "created_at": created_at, "knowledge_version": triage.get("knowledge_version", ""),
        "disposition": triage.get("disposition", ""), "assessment": assessment, "triage": triage, "plan": plan})
