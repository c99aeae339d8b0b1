"""What a diary shows: pure functions over entries, taking `today`; no I/O, no clock.

Each result says what the numbers are, and no more: "what tends to come before a
lower score" is an association in one person's diary, never proof that something
helped. The expected course is a study average (Costa 2012), not a promise.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from datetime import date, timedelta
from functools import lru_cache
from itertools import pairwise
from statistics import fmean
from typing import TYPE_CHECKING

from backrelief.diary.kept import KeptAssessment, KeptWhoToSee
from backrelief.diary.models import EntryFields, EpisodePublic
from backrelief.knowledge import Level
from backrelief.knowledge.ceilings import Ceiling, ceilings
from backrelief.values import Frozen

if TYPE_CHECKING:
    from backrelief.plan.products import IngredientTotal

# Mean pain (0-100) in acute low back pain cohorts, by days since onset (Costa 2012):
# 52 at the start, 23 at 6 weeks, 12 at 26 weeks, 6 at 52 weeks.
COSTA_2012: tuple[tuple[int, float], ...] = ((0, 52.0), (42, 23.0), (182, 12.0), (364, 6.0))
COURSE_SOURCES = ("Costa-2012",)
# A visit when not clearly better at 4 weeks: triage's not-settling rule (NHS, NICE NG59
# say 4 to 6 weeks; the earlier end is the safer). From 6 weeks the scan advice changes.
RECHECK_DAYS = 28
SCAN_DAYS = 42
AS_EXPECTED_MARGIN = 1.0  # points out of 10
MIN_PAIRS = 3


# -- medicine ceilings (the figures are knowledge: knowledge/ceilings.py) ------------

@lru_cache(maxsize=512)
def ceiling_for(name: str) -> Ceiling | None:
    """The daily ceiling for a medicine as a person wrote it ('Nurofen', 'ibuprofen 200')."""
    words = " ".join(name.lower().split())
    for c in ceilings().ceilings:
        if any(words == n or words.startswith(n + " ") for n in c.names):
            return c
    return None


class MedicineTotal(Frozen):
    """One ingredient's total on one day, counted over every product that holds it
    (paracetamol from plain tablets, co-codamol and cold remedies together)."""

    name: str
    total_mg: float
    doses: int
    ceiling_mg: int | None
    over: bool
    sources: tuple[str, ...] = ()
    # The products, as the person named them, that went into this total.
    products: tuple[str, ...] = ()


class MedicineDay(Frozen):
    day: date
    totals: tuple[MedicineTotal, ...]
    warnings: tuple[str, ...]


def _warning(day: date, t: IngredientTotal) -> str:
    # Imported here, as the plan and triage below: see scan_advice.
    from backrelief.plan.products import product_for

    mixed = any((p := product_for(name)) is not None and p.combination for name in t.products)
    counted = f", counting everything that has it in ({', '.join(t.products)})" if mixed else ""
    return (f"On {day:%d %b %Y} you took {t.total_mg:g} mg of {t.ingredient}{counted}. That is more than the "
            f"{t.ceiling_mg} mg a day limit. Talk to a pharmacist or doctor.")


def medicine_days(entries: Sequence[EntryFields]) -> list[MedicineDay]:
    """Milligrams of each ingredient per calendar day, counted across every product that
    contains it (backrelief.plan.products.count_ingredients), against its daily ceiling."""
    # Imported here: the plan's knowledge loads only when a diary has medicines to count.
    from backrelief.plan.products import ProductDose, count_ingredients

    per_day: dict[date, list[ProductDose]] = defaultdict(list)
    for entry in entries:
        for m in entry.medicines:
            per_day[entry.medicine_day(m)].append(ProductDose(name=m.name, amount=m.dose_mg))
    days: list[MedicineDay] = []
    for day in sorted(per_day):
        counted = sorted(count_ingredients(per_day[day]), key=lambda t: t.ingredient)
        totals = tuple(
            MedicineTotal(name=t.ingredient, total_mg=t.total_mg,
                          doses=sum(1 for d in per_day[day] if _counts_towards(d.name, t)),
                          ceiling_mg=t.ceiling_mg, over=t.over, sources=t.sources, products=t.products)
            for t in counted
        )
        warnings = tuple(_warning(day, t) for t in counted if t.over)
        days.append(MedicineDay(day=day, totals=totals, warnings=warnings))
    return days


def _counts_towards(name: str, total: IngredientTotal) -> bool:
    return " ".join(name.lower().split()) in total.products


def nsaid_days(entries: Sequence[EntryFields]) -> int:
    """How many different days an anti-inflammatory medicine was taken (in any product)."""
    # Imported here, as the plan and triage below: see scan_advice.
    from backrelief.plan.products import ingredients_of, product_table

    table = product_table()
    days = {e.medicine_day(m) for e in entries for m in e.medicines
            if any(table.ingredients[i].nsaid for i in ingredients_of(m.name))}
    return len(days)


# -- the course of the pain --------------------------------------------------------

def onset_day(episode: EpisodePublic | None, entries: Sequence[EntryFields]) -> date | None:
    """When the bout began: the episode's start, or the first diary entry when that is
    earlier (an old entry, or one written before the start was worked out from a check):
    pain was written down, so it had begun. The earlier day is also the safer one: the
    4-week visit comes no later."""
    first = min((e.at.date() for e in entries), default=None)
    if episode is not None:
        return episode.started_on if first is None else min(episode.started_on, first)
    return first


def days_since_onset(episode: EpisodePublic | None, entries: Sequence[EntryFields], today: date) -> int | None:
    start = onset_day(episode, entries)
    return None if start is None else (today - start).days


def expected_fraction(days: int) -> float:
    """Mean pain at `days` after onset as a share of the starting mean (Costa 2012)."""
    if days <= 0:
        return 1.0
    for (d0, p0), (d1, p1) in pairwise(COSTA_2012):
        if days <= d1:
            return (p0 + (p1 - p0) * (days - d0) / (d1 - d0)) / COSTA_2012[0][1]
    return COSTA_2012[-1][1] / COSTA_2012[0][1]


class DayPain(Frozen):
    day: date
    mean: float
    worst: int
    expected: float | None = None


class PainTrend(Frozen):
    days: tuple[DayPain, ...]
    start_pain: float | None
    recent_pain: float | None
    expected_now: float | None
    verdict: str  # better, as_expected, worse (slower than the course), rising (above the start), too_few
    message: str
    sources: tuple[str, ...] = COURSE_SOURCES

    @property
    def clearly_better(self) -> bool:
        """The one notion of "clearly better" (diary page, terminal, dashboard, report): the
        pain has fallen by half since the start, or faster than the usual course (the
        report's "improving faster than the usual course"). Too few days is never better."""
        if self.recent_pain is None or self.start_pain is None:
            return False
        return self.recent_pain <= self.start_pain / 2 or self.verdict == "better"


def daily_pain(entries: Sequence[EntryFields]) -> list[DayPain]:
    by_day: dict[date, list[EntryFields]] = defaultdict(list)
    for e in entries:
        by_day[e.at.date()].append(e)
    return [DayPain(day=d, mean=round(fmean(e.pain_now for e in es), 2),
                    worst=max(max(e.pain_now, e.pain_worst or 0) for e in es))
            for d, es in sorted(by_day.items())]


def pain_trend(entries: Sequence[EntryFields], onset: date | None, today: date) -> PainTrend:
    """Your pain against the average course after a new bout, scaled from your own start."""
    days = daily_pain([e for e in entries if e.at.date() <= today])
    if len(days) < 2 or onset is None:
        return PainTrend(days=tuple(days), start_pain=None, recent_pain=None, expected_now=None, verdict="too_few",
                         message="There are not enough entries yet to show a trend.")
    start_end = days[0].day + timedelta(days=3)
    start_days = [d for d in days if d.day < start_end]
    # The last week, but never the days the start was taken from: two entries a day apart
    # are one point, not a trend (the start and "now" would be the same numbers).
    recent_days = [d for d in days if d.day > days[-1].day - timedelta(days=7) and d.day >= start_end]
    if not recent_days:
        return PainTrend(days=tuple(days), start_pain=None, recent_pain=None, expected_now=None, verdict="too_few",
                         message="There are not enough days in the diary yet to show a trend.")
    start = fmean(d.mean for d in start_days)
    first_offset = (days[0].day - onset).days
    base = start / expected_fraction(first_offset)  # what the start would have been on day 0
    days = [d.model_copy(update={"expected": round(base * expected_fraction((d.day - onset).days), 2)}) for d in days]
    recent = fmean(d.mean for d in recent_days)
    expected = base * expected_fraction((days[-1].day - onset).days)
    # Pain that has not fallen at all is never "improving", however close it is to the
    # average course; pain above where it started is getting worse.
    if recent > start:
        verdict, how = "rising", "higher than"
    elif recent >= start or recent > expected + AS_EXPECTED_MARGIN:
        verdict, how = "worse", "higher than"
    elif recent < expected - AS_EXPECTED_MARGIN:
        verdict, how = "better", "lower than"
    else:
        verdict, how = "as_expected", "close to"
    rising = f" That is higher than the {start:.1f} you started at." if verdict == "rising" else ""
    message = (f"Your pain in the last week was {recent:.1f} out of 10 on average.{rising} "
               f"Most people's pain falls by more than half in the first 6 weeks. From where you started, "
               f"an average course would be about {expected:.1f} by now, so yours is {how} that. "
               "This is an average from studies; your own course can differ.")
    return PainTrend(days=tuple(days), start_pain=round(start, 2), recent_pain=round(recent, 2),
                     expected_now=round(expected, 2), verdict=verdict, message=message)


def flares_per_week(entries: Sequence[EntryFields]) -> list[tuple[date, int]]:
    """Flare-ups counted in each week (weeks start on Monday), including weeks with none."""
    if not entries:
        return []
    counts: Counter[date] = Counter()
    for e in entries:
        counts[e.at.date() - timedelta(days=e.at.weekday())] += e.flares or 0
    first, last = min(counts), max(counts)
    weeks = [first + timedelta(weeks=i) for i in range((last - first).days // 7 + 1)]
    return [(w, counts.get(w, 0)) for w in weeks]


# -- associations ------------------------------------------------------------------

class Association(Frozen):
    factor: str
    times: int
    change_with: float
    change_without: float
    message: str


def _factors(e: EntryFields) -> set[str]:
    found = {f"eased by {x.replace('_', ' ')}" for x in e.eased_by} | {f"activity: {a}" for a in e.activities}
    found |= {f"took {m.name}" for m in e.medicines}
    if e.heat:
        found.add("heat")
    if e.ice:
        found.add("ice")
    if e.exercise_minutes:
        found.add("exercise")
    return found


def before_lower_scores(entries: Sequence[EntryFields], min_times: int = MIN_PAIRS) -> list[Association]:
    """What tends to come before a lower score at the next entry. Association only."""
    ordered = sorted(entries, key=lambda e: e.at)
    pairs = [(_factors(a), b.pain_now - a.pain_now) for a, b in pairwise(ordered)]
    found: list[Association] = []
    for factor in sorted({f for fs, _ in pairs for f in fs}):
        with_f = [c for fs, c in pairs if factor in fs]
        without = [c for fs, c in pairs if factor not in fs]
        if len(with_f) < min_times or len(without) < min_times:
            continue
        mean_with, mean_without = fmean(with_f), fmean(without)
        if mean_with < 0 and mean_with <= mean_without - 0.5:
            found.append(Association(
                factor=factor, times=len(with_f), change_with=round(mean_with, 2),
                change_without=round(mean_without, 2),
                message=(f"After entries with {factor} ({len(with_f)} times), your next score was "
                         f"{-mean_with:.1f} points lower on average; after the others it changed by "
                         f"{mean_without:+.1f}. This shows they went together, not that one caused the other."),
            ))
    return sorted(found, key=lambda a: a.change_with - a.change_without)


def common_triggers(episode: EpisodePublic | None, entries: Sequence[EntryFields]) -> list[tuple[str, int]]:
    """What made the pain worse, and what was done before a flare-up, most often first."""
    counts: Counter[str] = Counter()
    for e in entries:
        counts.update(w.replace("_", " ") for w in e.worsened_by)
        if e.flares:
            counts.update(e.activities)
    return counts.most_common()


def what_eased(entries: Sequence[EntryFields]) -> list[tuple[str, int]]:
    counts: Counter[str] = Counter()
    for e in entries:
        counts.update(x.replace("_", " ") for x in e.eased_by)
    return counts.most_common()


# -- when to check again -----------------------------------------------------------

class Prompt(Frozen):
    kind: str  # not_better, review_due, new_warning_sign, long_nsaid_use
    level: Level | None = None
    message: str
    sources: tuple[str, ...]
    # The message asks for a new check: each way in says how to start one (the terminal
    # names its command, a page links to it), so the words name no way in.
    new_check: bool = False


def one_action(prompts: Sequence[Prompt]) -> list[Prompt]:
    """The prompts a person is shown: when one asks for emergency or urgent help, only the
    prompts at that level, so a lesser "book a visit" never competes with "get help now"
    (one action). The signals themselves (the clinic dashboard's) keep every prompt."""
    for level in ("emergency", "urgent"):
        if any(p.level == level for p in prompts):
            return [p for p in prompts if p.level == level]
    return list(prompts)


def scan_advice(checked: KeptAssessment | None, since: int) -> tuple[str, tuple[str, ...]]:
    """What the plan's scan advice says for this person `since` days after the start: the
    latest check, as long as the episode is now, through the same rules and imaging items.
    Without a check there are no answers to key it to: the new check comes first."""
    # Imported here, not at the top: the plan and triage take about 0.2 s more to import
    # (plan 0.14 s, triage 0.05 s; python -c, this machine, 2026-12-03), and the pages, the
    # report and the dashboard that import this module need them only for what they count.
    from backrelief.diary.warning_signs import checked_with
    from backrelief.plan import load_plan_knowledge
    from backrelief.plan.relief import personal_imaging
    from backrelief.triage import triage

    if checked is None:
        return "", ()
    a = checked_with(checked, {"duration_days": since})
    items = personal_imaging(a, triage(a), load_plan_knowledge())
    return " ".join(" ".join(i.text.split()) for i in items), tuple(s for i in items for s in i.sources)


def recheck_prompts(entries: Sequence[EntryFields], episode: EpisodePublic | None, today: date,
                    checked: KeptAssessment | None = None, trend: PainTrend | None = None,
                    review: KeptWhoToSee | None = None) -> list[Prompt]:
    """The moments a new assessment (or a doctor) is due. `checked`: the latest saved
    check's assessment; a warning sign it did not record is news, whatever the entry's date.
    `trend`: the caller's own `pain_trend(entries, onset_day(episode, entries), today)`.
    `review`: the latest plan's review (its day, and who to see then when not clearly better)."""
    # Imported here: warning_signs imports triage when it is used (see scan_advice).
    from backrelief.diary.warning_signs import alert_for, unchecked_signs

    prompts: list[Prompt] = []
    alert = alert_for(unchecked_signs(entries, checked), checked)
    if alert is not None:
        prompts.append(Prompt(kind="new_warning_sign", level=alert.level,
                              message=alert.message if alert.is_emergency else f"{alert.message} Then run a new check.",
                              sources=alert.sources,
                              # An emergency asks for help first: no check is asked for.
                              new_check=not alert.is_emergency))
    since = days_since_onset(episode, entries, today)
    if trend is None:
        trend = pain_trend(entries, onset_day(episode, entries), today)
    # Not clearly better: see PainTrend.clearly_better (unknown is never "better").
    better = trend.clearly_better
    how = "your pain is not clearly better" if trend.recent_pain is not None else \
        "the diary does not show your pain clearly better"
    if since is not None and since >= RECHECK_DAYS and not better:
        scan, scan_sources = scan_advice(checked, since)
        prompts.append(Prompt(kind="not_better", level="routine",
                              message=f"It is {since // 7} weeks since this started and {how}. Book a visit with a "
                                      f"doctor or physio, and run a new check. {scan}".rstrip(),
                              sources=tuple(dict.fromkeys(("NICE-NG59", "NHS-backpain", "Costa-2012", *scan_sources))),
                              new_check=True))
    elif review is not None and review.review_date is not None and review.review_date <= today and not better:
        prompts.append(Prompt(kind="review_due", level="routine",
                              message=f"Your plan's review day was {review.review_date:%A} {review.review_date.day} "
                                      f"{review.review_date:%B} and {how}. See a GP, a physio or a pharmacist, "
                                      "and run a new check.",
                              sources=(review.review.sources if review.review else ()) or ("NHS-backpain",),
                              new_check=True))
    days = nsaid_days(entries)
    limit = ceilings().nsaid_max_days
    if days > limit:
        prompts.append(Prompt(kind="long_nsaid_use", level="routine",
                              message=f"You took anti-inflammatory tablets on {days} days. Ask a doctor before "
                                      f"taking them for more than {limit} days.",
                              sources=ceilings().nsaid_max_days_sources))
    return prompts
