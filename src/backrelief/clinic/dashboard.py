"""The clinician's dashboard: the patients who shared, the most in need first.

Need, most pressing first: an emergency or urgent triage recorded; pain worse than the
usual course; a medicine over its daily ceiling; not clearly better after 4 weeks (the
diary's own "book a visit" prompt); 4 weeks in with a diary too short to tell. The
signals come from the diary insights (the same the patient's report uses), over only what
the patient shared: triage results need `assessments` or `reports`, the diary signals
need `diary` or `reports`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Engine

from backrelief.clinic.sharing import Share
from backrelief.diary import insights
from backrelief.diary.models import EntryPublic, EpisodePublic, SavedAssessment
from backrelief.storage import Assessments, Entries, Episodes

URGENT_LEVELS = ("emergency", "urgent")


WEEKS = insights.RECHECK_DAYS // 7


@dataclass(frozen=True)
class Need:
    triage: str | None  # emergency or urgent, if ever recorded
    worsening: bool
    over_ceiling: bool
    # The diary shows the pain not clearly better, past the day a visit is due.
    not_better: bool
    # Past that day, but the diary is too short to show a trend either way: the patient is
    # told to book a visit (unknown is never "better"); the clinician is told it is unknown,
    # never that the pain is not better.
    cannot_tell: bool = False

    @property
    def rank(self) -> tuple[int, ...]:
        """Sorts ascending: the most in need first."""
        return (URGENT_LEVELS.index(self.triage) if self.triage else len(URGENT_LEVELS),
                not self.worsening, not self.over_ceiling, not self.not_better, not self.cannot_tell)

    @property
    def reasons(self) -> tuple[str, ...]:
        # In the order of `rank`: the most pressing first.
        signals = ((self.worsening, "pain worse than the usual course"),
                   (self.over_ceiling, "a medicine over its daily limit"),
                   (self.not_better, f"not clearly better after {WEEKS} weeks"),
                   (self.cannot_tell, f"over {WEEKS} weeks in, too few diary days to tell if better"))
        recorded = (f"{self.triage} triage recorded",) if self.triage else ()
        return recorded + tuple(words for shown, words in signals if shown)


def need_of(entries: Sequence[EntryPublic], episode: EpisodePublic | None, assessments: Sequence[SavedAssessment],
            today: date) -> Need:
    """Pure: the need signals from what was shared (pass empty lists for what was not)."""
    levels = {a.disposition for a in assessments}
    triage = next((level for level in URGENT_LEVELS if level in levels), None)
    trend = insights.pain_trend(entries, insights.onset_day(episode, entries), today)
    over = any(d.warnings for d in insights.medicine_days(entries))
    latest = assessments[-1].assessment if assessments else None
    due = any(p.kind == "not_better" for p in insights.recheck_prompts(entries, episode, today, latest, trend=trend))
    shown = trend.recent_pain is not None
    return Need(triage=triage, worsening=trend.verdict in ("worse", "rising"), over_ceiling=over,
                not_better=due and shown, cannot_tell=due and not shown)


@dataclass(frozen=True)
class Row:
    share: Share
    need: Need
    entries: int


def dashboard(engine: Engine, shares: Sequence[Share], today: date) -> list[Row]:
    rows: list[Row] = []
    for share in shares:
        pid = share.patient_id
        diary = bool({"diary", "reports"} & set(share.scopes))
        checks = bool({"assessments", "reports"} & set(share.scopes))
        entries = Entries(engine, pid).list() if diary else []
        episode = Episodes(engine, pid).latest() if diary else None
        saved = Assessments(engine, pid).list() if checks else []
        rows.append(Row(share=share, need=need_of(entries, episode, saved, today), entries=len(entries)))
    return sorted(rows, key=lambda r: (r.need.rank, r.share.patient_label))
