"""The plan's "act on it now" list: three to five things for today, picked from the plan.

Presents only. Every item is a piece of the plan itself (its heat or cold sessions, the
first medicine it suggests with the dose and the daily ceiling, the first moving advice,
whom to see, the review date), with that piece's sources. Nothing is decided here: a
plan that advises against heat has no heat sessions, so no heat item appears.
"""

from __future__ import annotations

from dataclasses import dataclass

from backrelief.plan.model import Plan, Sessions


@dataclass(frozen=True)
class TodayItem:
    label: str
    text: str
    sources: tuple[str, ...]


def _clock_list(times: tuple[str, ...]) -> str:
    return times[0] if len(times) == 1 else f"{', '.join(times[:-1])} and {times[-1]}"


def session_text(s: Sessions) -> str:
    """'15 to 20 minutes at a time, 3 or 4 times a day (09:00, 13:00 and 19:00),
    for 7 days.' The length and frequency are the plan's own words for them (Sessions)."""
    clock = f" ({_clock_list(s.clock[: s.times_a_day])})" if s.clock else ""
    start = "" if s.start_day == 0 else f", from day {s.start_day + 1}"
    return f"{s.how_long} at a time, {s.how_often}{clock}, for {s.days} days{start}."


def today_items(plan: Plan) -> tuple[TodayItem, ...]:
    if plan.emergency:
        return tuple(TodayItem("Now", a.text, a.sources) for a in plan.now)
    items: list[TodayItem] = []
    how = {a.id: a for a in plan.now}
    for s in plan.heat_cold:
        src = how[s.id].sources if s.id in how else ()
        items.append(TodayItem(s.name, session_text(s), src))
    if plan.medicines is not None:
        first = next((m for m in plan.medicines.options if m.suggested), None)
        if first is not None:
            dose = first.dose or ""
            ceiling = first.daily_ceiling_mg
            # The dose text usually names the ceiling already; say it once.
            if ceiling and f"{ceiling:,} mg" not in dose:
                dose += f" No more than {ceiling:,} mg in 24 hours."
            items.append(TodayItem(f"Medicine: {first.name}", dose.strip(), first.sources))
        else:
            items.append(TodayItem("Medicine", "None of the usual pain medicines is suggested for you without advice: "
                                   "ask a pharmacist or doctor.", ()))
    if plan.moving:
        # The advice's first sentence is the thing to do; why it helps is in the part below.
        items.append(TodayItem("Keep moving", first_sentence(plan.moving[0].text), plan.moving[0].sources))
    w = plan.who_to_see
    # Seeing a doctor today comes before everything else, with how to get seen. At the
    # other levels the review date's own line says whom to see by when, so the level's
    # title is enough here.
    today = w.level == "urgent"
    who = TodayItem("Who to see", f"{w.title}. {w.action}" if today else f"{w.title}.", w.sources)
    review = TodayItem("Review date", w.review.text, w.review.sources)
    return (who, review, *items) if today else (*items, who, review)


def first_sentence(text: str) -> str:
    """'Try not to stay in bed. People who ...' -> 'Try not to stay in bed.'"""
    head, stop, _ = text.partition(". ")
    return head + "." if stop else text
