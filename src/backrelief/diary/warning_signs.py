"""Warning signs written in the diary: each one is a triage event when it is saved.

A new symptom in a diary entry is checked against the red-flag rules at once, whatever
the entry's time stamp (a sign written today about yesterday is as urgent as one about
now). The rules are triage's own: this module only builds the assessment they read.

The assessment is the latest saved check with the diary's signs added as present (so a
sign speaks in the context the person already gave, e.g. their age or a cancer history);
without a saved check, the signs alone. Pure functions: no I/O, no clock.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from backrelief.assessment import Assessment, Finding
from backrelief.diary.kept import KeptAssessment
from backrelief.diary.models import EntryFields, EpisodeCreate
from backrelief.knowledge import Level, load_knowledge
from backrelief.values import Frozen

if TYPE_CHECKING:
    from backrelief.triage import Triage


class RecordedSign(Frozen):
    """A warning sign as the diary holds it: the day it was written for and what it was."""

    day: date
    finding: Finding
    name: str


class SignAlert(Frozen):
    """What the red-flag rules say about the diary's warning signs."""

    findings: tuple[Finding, ...]
    level: Level
    title: str
    action: str
    message: str
    emergency_help: str
    sources: tuple[str, ...]

    @property
    def is_emergency(self) -> bool:
        return self.level == "emergency"

    @property
    def needs_help(self) -> bool:
        return self.level in ("emergency", "urgent")


def sign_name(finding: str) -> str:
    """The sign in plain words for the person, as the knowledge names it (screen.yaml `name`)."""
    for q in load_knowledge().screen:
        if q.id == finding and q.name:
            return q.name
    return finding.replace("_", " ")


def recorded_signs(entries: Iterable[EntryFields]) -> tuple[RecordedSign, ...]:
    """Every warning sign written in the diary, each once a day, oldest first."""
    seen: dict[tuple[date, str], RecordedSign] = {}
    for e in entries:
        for f in e.new_findings:
            # The report is for a clinician: the sign's clinical words ("saddle numbness").
            seen.setdefault((e.at.date(), f), RecordedSign(day=e.at.date(), finding=f, name=f.replace("_", " ")))
    return tuple(sorted(seen.values(), key=lambda s: (s.day, s.finding)))


def checked_with(base: KeptAssessment | None, changes: Mapping[str, Any]) -> Assessment:
    """The saved check `base` with what the diary knows since (new signs, a new start, the
    episode's length today). A check saved by an older version may no longer fit the
    contract: then the changes alone still go through every rule."""
    try:
        return Assessment.model_validate({**(base.answers() if base else {}), **changes})
    except ValidationError:
        return Assessment.model_validate(dict(changes))


def _with_signs(base: KeptAssessment | None, signs: Sequence[Finding]) -> Assessment:
    if base is None:
        return Assessment(findings=tuple(signs))
    changes: dict[str, Any] = {"findings": list(dict.fromkeys([*base.findings, *signs]))}
    for key, said in (("findings_absent", base.findings_absent), ("findings_unsure", base.findings_unsure)):
        if said is not None:
            changes[key] = [f for f in said if f not in signs]
    try:
        return Assessment.model_validate({**base.answers(), **changes})
    except ValidationError:
        return Assessment(findings=tuple(signs))


def alert_for(signs: Sequence[Finding], base: KeptAssessment | None = None) -> SignAlert | None:
    """The triage of these signs (in the context of the saved check `base`), or None."""
    # Imported here: triage takes about 0.05 s to import (this machine, 2026-12-03) and only
    # an alert needs it (see diary/insights.py scan_advice).
    from backrelief.triage import triage

    signs = tuple(dict.fromkeys(signs))
    if not signs:
        return None
    names = "; ".join(sign_name(f) for f in signs)
    return _alert(triage(_with_signs(base, signs)), signs, f"You noted something new: {names}.")


def _alert(result: Triage, findings: tuple[Finding, ...], opening: str) -> SignAlert:
    if result.disposition in ("emergency", "urgent"):
        then = f"{result.title}. {result.action.rstrip('.')}."
    else:
        then = "Please check your back again, so the advice takes it into account."
    return SignAlert(findings=findings, level=result.disposition, title=result.title, action=result.action,
                     message=f"{opening} {then}", emergency_help=result.emergency_help,
                     sources=tuple(dict.fromkeys(s for r in result.reasons for s in r.sources)))


def entry_alert(entry: EntryFields, base: KeptAssessment | None = None) -> SignAlert | None:
    """What a just-saved entry's warning signs mean, at once."""
    return alert_for(entry.new_findings, base)


def unchecked_signs(entries: Iterable[EntryFields], base: KeptAssessment | None) -> tuple[Finding, ...]:
    """Signs in the diary that the latest check did not record as present, whatever the
    entries' time stamps: those still need a check (the safer reading of a back-dated entry)."""
    known = set(base.findings if base else ())
    return tuple(dict.fromkeys(f for e in entries for f in e.new_findings if f not in known))


LEVELS: tuple[Level, ...] = ("self_care", "routine", "urgent", "emergency")


def start_alert(episode: EpisodeCreate, today: date, base: KeptAssessment | None,
                saved_level: str | None) -> SignAlert | None:
    """What the rules say when a person changes how their episode started (a fall from a
    height, a sudden onset, a longer course): the latest check (`base`, which gave
    `saved_level`) is triaged again with the new start; an answer more urgent than the
    saved one is returned, None otherwise. Without a check, the start alone is triaged."""
    # Imported here: triage takes about 0.05 s to import (this machine, 2026-12-03) and only
    # an alert needs it (see diary/insights.py scan_advice).
    from backrelief.triage import triage

    result = triage(checked_with(base, {"onset": episode.onset, "trigger": episode.trigger,
                                   "duration_days": max(0, (today - episode.started_on).days)}))
    was = LEVELS.index(saved_level) if saved_level in LEVELS else 0
    if LEVELS.index(result.disposition) <= was:
        return None
    return _alert(result, (), "How it started has changed.")
