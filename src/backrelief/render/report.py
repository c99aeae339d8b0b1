"""The report for the doctor: HTML and PDF from one template.

The first page answers, in a few lines, what a doctor asks: how bad is it, how often
does it flare, what eases it, when and how did it start, and what was taken and how
much. Then the latest triage with its reasons, the plan followed, charts and the days
in detail. `make_report` is pure (entries in, Report out, `today` given);
`services.report.build_report` reads the database for it, and only `report_pdf` calls
WeasyPrint.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import date, timedelta
from functools import cache
from statistics import fmean

from jinja2 import Environment, PackageLoader, select_autoescape

from backrelief import __version__
from backrelief.assessment import Finding
from backrelief.diary import insights
from backrelief.diary.kept import KeptPlan, KeptReason
from backrelief.diary.models import EntryPublic, EpisodePublic, SavedAssessment
from backrelief.diary.warning_signs import RecordedSign, alert_for, recorded_signs
from backrelief.knowledge import load_knowledge
from backrelief.render import charts
from backrelief.values import Frozen

DETAIL_DAYS = 28
_ONSET = {"sudden": "suddenly", "gradual": "slowly"}
# The triage levels in a clinician's words (the person's pages use plain ones).
CLINICAL_LEVEL = {
    "emergency": "Emergency referral advised (red flags present)",
    "urgent": "Same-day medical assessment advised",
    "routine": "Routine GP or physiotherapy review advised",
    "self_care": "Self-management; no red flags reported",
}
_DIRECTION = {"better": "improving faster than the usual course", "as_expected": "improving in line with the usual course",
              "worse": "slower than the usual course", "rising": "getting worse: higher than when the diary began",
              "too_few": "too few entries to tell"}


# The row the first page adds above "Latest check" when the diary holds a warning sign the
# check did not take into account (the templates mark it as an alert).
# Back-dated signs count too (an entry dated before the check but written after it), so the
# heading says what the check missed, not "since".
AFTER_CHECK = "Warning signs the latest check did not include"
# Where the pain spreads, in a clinician's words, for the day-by-day table.
_SPREAD = {"buttock": "pain into the buttock", "thigh": "pain into the thigh", "below_knee": "pain below the knee"}


class DayRow(Frozen):
    day: date
    pain: str
    worst: int
    flares: int
    symptoms: str
    eased: str
    worse: str
    medicines: str
    notes: str


class Report(Frozen):
    today: date
    start: date | None
    end: date | None
    version: str
    knowledge_version: str
    headline: tuple[tuple[str, str], ...]  # (question, answer) pairs for page one
    patient_name: str | None
    signs: tuple[RecordedSign, ...]
    after_check: tuple[str, ...]  # a line for each warning sign the latest check did not include
    latest_check: str
    prompts: tuple[insights.Prompt, ...]
    warnings: tuple[str, ...]
    trend: insights.PainTrend
    associations: tuple[insights.Association, ...]
    triggers: tuple[tuple[str, int], ...]
    medicine_days: tuple[insights.MedicineDay, ...]
    latest: SavedAssessment | None
    plan_lines: tuple[str, ...]
    pain_svg: str
    flares_svg: str
    medicines_svg: str
    days: tuple[DayRow, ...]
    entry_count: int
    sources: tuple[tuple[str, str], ...]
    not_a_diagnosis: str
    emergency_help: str


def _list(counts: Sequence[tuple[str, int]], limit: int = 4) -> str:
    return ", ".join(f"{name} ({n} time{'s' if n != 1 else ''})" for name, n in counts[:limit])


def _started(episode: EpisodePublic | None, entries: Sequence[EntryPublic], today: date) -> str:
    start = insights.onset_day(episode, entries)
    if start is None:
        return "Not recorded."
    since = (today - start).days
    text = f"{start:%d %b %Y}, {since} day{'s' if since != 1 else ''} ago"
    if episode is None:
        return text + " (the first diary entry; the start was not recorded)."
    if start < episode.started_on:
        # The same onset as the trend and the prompts use (insights.onset_day), said with its source.
        given = "given by the patient" if episode.start_given else "worked out from the check"
        text += f" (the first diary entry; the start recorded, {episode.started_on:%d %b %Y}, {given}, is later)"
    if episode.onset:
        text += f", {_ONSET[episode.onset]}"
    if episode.trigger and episode.trigger not in ("none", "other"):
        text += f", after {episode.trigger.replace('_', ' ')}"
    return text + (f": “{episode.how}”." if episode.how else ".")


def _how_bad(entries: Sequence[EntryPublic], trend: insights.PainTrend) -> str:
    """The last score, the 7-day average (the same figure as the trend on page 2) and the worst."""
    if not entries:
        return "No pain scores recorded in this period."
    last = entries[-1]
    worst = max(entries, key=lambda e: (max(e.pain_now, e.pain_worst or 0), e.at))
    worst_score = max(worst.pain_now, worst.pain_worst or 0)
    week = "" if trend.recent_pain is None else f" Average {trend.recent_pain:.1f}/10 over the last 7 days."
    return (f"{last.pain_now}/10 at the last entry ({last.at:%d %b}).{week} Worst {worst_score}/10 on {worst.at:%d %b}. "
            f"Trend: {_DIRECTION.get(trend.verdict, trend.verdict)}.")


def _flares(entries: Sequence[EntryPublic], weeks: Sequence[tuple[date, int]]) -> str:
    total = sum(n for _, n in weeks)
    if not any(e.flares is not None for e in entries):
        return "Not recorded."
    recent = weeks[-4:]
    return (f"{fmean(n for _, n in recent):.1f} a week over the last {len(recent)} week{'s' if len(recent) != 1 else ''}; "
            f"{total} in all.")


def _times(entries: Sequence[EntryPublic], products: set[str]) -> list[str]:
    """The usual times of day (at most four) these products were taken."""
    from collections import Counter

    seen: Counter[str] = Counter(f"{(m.taken_at or e.at):%H:%M}" for e in entries for m in e.medicines
                                 if m.name in products)
    return sorted(t for t, _ in seen.most_common(4))


def _taken(days: Sequence[insights.MedicineDay], entries: Sequence[EntryPublic]) -> str:
    if not days:
        return "No medicines recorded."
    per: dict[str, list[insights.MedicineTotal]] = {}
    for d in days:
        for t in d.totals:
            per.setdefault(t.name, []).append(t)
    parts = []
    for name, totals in sorted(per.items()):
        text = (f"{name.capitalize()} on {len(totals)} day{'s' if len(totals) != 1 else ''}, "
                f"{fmean(t.total_mg for t in totals):,.0f} mg a day on average, most {max(t.total_mg for t in totals):,.0f} mg")
        if totals[0].ceiling_mg:
            text += f" (daily limit {totals[0].ceiling_mg:,} mg"
            over = sum(1 for t in totals if t.over)
            text += f"; over it on {over} day{'s' if over != 1 else ''})" if over else "; never over it)"
        times = _times(entries, {p for t in totals for p in t.products})
        if times:
            text += f", usually at {', '.join(times)}"
        parts.append(text)
    return "; ".join(parts) + "."


def _heat_ice(entries: Sequence[EntryPublic]) -> str:
    days = {e.at.date() for e in entries}
    if not days:
        return "Not recorded."
    heat = {e.at.date() for e in entries if e.heat}
    ice = {e.at.date() for e in entries if e.ice}
    return f"Heat on {len(heat)} and ice or cold on {len(ice)} of the {len(days)} days with entries."


def _signs_line(signs: Sequence[RecordedSign]) -> str:
    if not signs:
        return "None recorded in the diary."
    return "; ".join(f"{s.name} ({s.day:%d %b %Y})" for s in signs) + "."


def after_check_lines(entries: Sequence[EntryPublic], saved: SavedAssessment | None) -> tuple[str, ...]:
    """A line for each warning sign in the diary that the latest check did not record as
    present, with the day it was written for and what the red-flag rules say of it (in the
    context of that check). Whatever the entry's time stamp: a sign dated before the check
    but written after it was never part of it either (the safer reading)."""
    known = set(saved.assessment.findings) if saved else set()
    checked_at = saved.created_at.replace(tzinfo=None) if saved else None
    first: dict[Finding, EntryPublic] = {}
    for e in sorted(entries, key=lambda e: e.at):
        for f in e.new_findings:
            if f not in known:
                first.setdefault(f, e)
    lines = []
    for finding, entry in first.items():
        alert = alert_for((finding,), saved.assessment if saved else None)
        meaning = CLINICAL_LEVEL.get(alert.level, alert.level) if alert else "not assessed"
        sign = finding.replace("_", " ")
        if checked_at is None:
            lines.append(f"A warning sign was recorded on {entry.at:%d %b %Y}, and no check has been saved: "
                         f"{sign} — {meaning}.")
        elif entry.at > checked_at:
            lines.append(f"A warning sign was recorded on {entry.at:%d %b %Y}, after this check: {sign} — {meaning}.")
        else:
            lines.append(f"A warning sign was recorded for {entry.at:%d %b %Y} that this check did not include: "
                         f"{sign} — {meaning}.")
    return tuple(lines)


def latest_check_words(saved: SavedAssessment | None) -> str:
    """The latest check in a clinician's words: the level, the red flags, what it fits."""
    if saved is None:
        return "No check saved."
    t = saved.triage
    text = f"{saved.created_at:%d %b %Y}: {CLINICAL_LEVEL.get(saved.disposition, saved.disposition)}"
    found = [f.replace("_", " ") for f in saved.assessment.findings]
    if found:
        text += f". Findings reported: {', '.join(found)}"
    fits = [c.name for c in t.consistent_with if c.name]
    if fits:
        text += f". Consistent with (not a diagnosis): {', '.join(fits)}"
    unasked = t.red_flags_unasked
    if unasked and t.complete:
        text += f". Red-flag questions left out because no answer to them could change the result: {len(unasked)}"
    elif unasked:
        # Which groups, not a bare count: a doctor can ask exactly those.
        stopped = "The check stopped early at this emergency answer, so it did not ask about" \
            if saved.disposition == "emergency" else "Warning-sign questions not asked"
        text += f". {stopped}: {unasked_groups(unasked)}"
    return text + "."


def unasked_groups(unasked: Sequence[str]) -> str:
    """The warning-sign groups the questions belong to, each with how many of its questions
    were not asked ("nerves at the base of the spine (3 of 4)"), in the interview's order."""
    from backrelief.interview.layout import layout

    shape = layout()
    left = set(unasked)
    parts = []
    for g in shape.groups:
        ids = [q.id for q in g.questions]
        n = sum(1 for i in ids if i in left)
        if n:
            parts.append(f"{g.title[:1].lower()}{g.title[1:]} ({n} of {len(ids)})")
    others = sum(1 for i in left if i not in shape.group_of)
    if others:
        parts.append(f"{others} other question{'s' if others != 1 else ''}")
    return "; ".join(parts)


def _plan_lines(plan: KeptPlan | None) -> tuple[str, ...]:
    """A few lines of the saved plan (a part an older plan lacks reads as empty)."""
    if plan is None:
        return ()
    lines = [advice.text for advice in plan.now]
    for option in plan.medicines.options if plan.medicines else ():
        if option.status == "suggested":
            lines.append(f"{option.name}: {option.dose or ''}".strip())
    if plan.who_to_see and plan.who_to_see.review:
        lines.append(plan.who_to_see.review.text)
    return tuple(line for line in lines if line)


def _over_products(entries: Sequence[EntryPublic]) -> set[str]:
    """The products (as named) that went into an ingredient over its ceiling that day."""
    return {p for day in insights.medicine_days(entries) for t in day.totals if t.over for p in t.products}


def _symptoms(entries: Sequence[EntryPublic]) -> str:
    """What the day's entries say was felt: where, how far it spread, and any warning sign."""
    said: list[str] = []
    for e in entries:
        if e.region:
            said.append(f"{e.region} back")
        if e.leg_symptoms and e.leg_symptoms in _SPREAD:
            said.append(_SPREAD[e.leg_symptoms])
        said += [f"warning sign: {f.replace('_', ' ')}" for f in e.new_findings]
    return ", ".join(dict.fromkeys(said))


def _day_rows(entries: Sequence[EntryPublic], today: date) -> tuple[DayRow, ...]:
    cutoff = today - timedelta(days=DETAIL_DAYS - 1)
    by_day: dict[date, list[EntryPublic]] = {}
    for e in entries:
        if e.at.date() >= cutoff:
            by_day.setdefault(e.at.date(), []).append(e)
    rows = []
    for day, es in sorted(by_day.items()):
        meds: dict[str, float] = {}
        over = _over_products(es)
        for e in es:
            for m in e.medicines:
                meds[m.name] = meds.get(m.name, 0) + m.dose_mg
        rows.append(DayRow(
            day=day, pain=" → ".join(str(e.pain_now) for e in es), worst=max(max(e.pain_now, e.pain_worst or 0) for e in es),
            flares=sum(e.flares or 0 for e in es), symptoms=_symptoms(es),
            eased=", ".join(dict.fromkeys(x.replace("_", " ") for e in es for x in e.eased_by)),
            worse=", ".join(dict.fromkeys(x.replace("_", " ") for e in es for x in e.worsened_by)),
            medicines=", ".join(f"{n} {mg:,.0f} mg" + (" (over the daily limit)" if n in over else "")
                                for n, mg in meds.items()),
            notes=" / ".join(e.notes for e in es if e.notes)[:160],
        ))
    return tuple(rows)


@contextmanager
def _no_collection() -> Iterator[None]:
    """Pause the cyclic garbage collector. The report builds thousands of small objects it
    keeps; with years of entries alive, each full collection rescans all of them and finds
    nothing to free, which made the report grow faster than the diary. Reference counting
    still frees everything as usual; the collector resumes (if it was on) at the end."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


def make_report(entries: Sequence[EntryPublic], episode: EpisodePublic | None, assessments: Sequence[SavedAssessment],
                today: date, start: date | None = None, end: date | None = None,
                patient_name: str | None = None) -> Report:
    """Everything the report shows, from the diary. Pure."""
    with _no_collection():
        return _make_report(entries, episode, assessments, today, start, end, patient_name)


def _make_report(entries: Sequence[EntryPublic], episode: EpisodePublic | None, assessments: Sequence[SavedAssessment],
                 today: date, start: date | None, end: date | None, patient_name: str | None) -> Report:
    knowledge = load_knowledge()
    chosen = [e for e in entries if (start is None or e.at.date() >= start) and (end is None or e.at.date() <= end)]
    last_day = end or today
    onset = insights.onset_day(episode, entries)
    trend = insights.pain_trend(chosen, onset, last_day)
    weeks = insights.flares_per_week(chosen)
    med_days = insights.medicine_days(chosen)
    latest = assessments[-1] if assessments else None
    # The prompts need the same trend when the period's first entry gives the same onset:
    # computed once (a year's trend is the report's largest piece of arithmetic).
    same_onset = insights.onset_day(episode, chosen) == onset
    prompts = insights.recheck_prompts(chosen, episode, last_day, latest.assessment if latest else None,
                                       trend=trend if same_onset else None, review=latest.review if latest else None)
    worse = [(w.replace("_", " "), n) for w, n in insights.common_triggers(episode, chosen)]
    # Every warning sign ever written in this episode's diary, not only in the period:
    # a doctor must see a sign even when the report covers a later fortnight.
    signs = recorded_signs(entries)
    after_check = after_check_lines(entries, latest)
    headline = (
        ("When and how did it start?", _started(episode, entries, last_day)),
        ("How bad is it, and which way is it going?", _how_bad(chosen, trend)),
        ("How often does it flare up?", _flares(chosen, weeks)),
        ("What eases it?", _list(insights.what_eased(chosen)) or "Nothing recorded."),
        ("What makes it worse?", _list(worse) or "Nothing recorded."),
        ("Medicines: daily dose, times, limit", _taken(med_days, chosen)),
        ("Heat and ice", _heat_ice(chosen)),
        ("Warning signs recorded", _signs_line(signs)),
        *(((AFTER_CHECK, " ".join(after_check)),) if after_check else ()),
        ("Latest check", latest_check_words(latest)),
    )
    cited = set(trend.sources) | {s for p in prompts for s in p.sources}
    cited |= {s for d in med_days for t in d.totals for s in t.sources}
    return Report(
        today=today, start=start, end=end, version=__version__, knowledge_version=knowledge.version, headline=headline,
        patient_name=patient_name, signs=signs, after_check=after_check, latest_check=latest_check_words(latest),
        prompts=tuple(prompts), warnings=tuple(w for d in med_days for w in d.warnings), trend=trend,
        associations=tuple(insights.before_lower_scores(chosen)[:5]), triggers=tuple(worse[:6]),
        medicine_days=tuple(med_days), latest=latest, plan_lines=_plan_lines(latest.plan if latest else None),
        pain_svg=charts.pain_chart(trend.days),
        flares_svg=charts.flares_chart(weeks if any(e.flares is not None for e in chosen) else []),
        medicines_svg=charts.medicines_chart(med_days), days=_day_rows(chosen, last_day), entry_count=len(chosen),
        sources=tuple((s, knowledge.sources[s].citation) for s in sorted(cited) if s in knowledge.sources),
        not_a_diagnosis=knowledge.not_a_diagnosis, emergency_help=knowledge.emergency_help,
    )


@cache
def _environment() -> Environment:
    return Environment(loader=PackageLoader("backrelief.render", "templates"), autoescape=select_autoescape(["html"]))


def report_html(report: Report) -> str:
    return _environment().get_template("report.html").render(r=report, reasons=_reasons(report.latest),
                                                                 after_check_row=AFTER_CHECK)


def _reasons(saved: SavedAssessment | None) -> tuple[KeptReason, ...]:
    return () if saved is None else saved.triage.reasons


def report_pdf(report: Report) -> bytes:
    from weasyprint import HTML

    # Tagged PDF/UA: headings, lists and tables carry structure, and the document says
    # its language (from <html lang>) and title, so a screen reader reads it in order.
    with _no_collection():  # WeasyPrint's boxes: many objects, little cyclic garbage while it lays out
        pdf: bytes = HTML(string=report_html(report)).write_pdf(pdf_variant="pdf/ua-1")
    return pdf
