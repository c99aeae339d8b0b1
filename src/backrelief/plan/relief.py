"""What to do now (heat and cold, moving, what to expect), whom to see and when, and
when a scan helps. Pure functions of the assessment, the triage and `today`."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from backrelief.assessment import Assessment
from backrelief.knowledge import Knowledge
from backrelief.knowledge.plan import HeldFor, Item, PlanKnowledge, Text
from backrelief.plan.model import Advice, Sessions, WhoToSee
from backrelief.triage import Triage

KNOCK_COLD_DAYS = 2


def advice(item: Item) -> Advice:
    return Advice(id=item.id, text=item.text, sources=item.sources)


def chosen(items: tuple[Item, ...], a: Assessment) -> tuple[Advice, ...]:
    return tuple(advice(i) for i in items if i.when is None or i.when.holds(a))


def long_date(d: date) -> str:
    return f"{d:%A} {d.day} {d:%B %Y}"


def heat_cold_held(a: Assessment, t: Triage) -> HeldFor | None:
    """Why heat and ice are not to be used now, or None when they may be. A fever (or
    "not sure"), diabetes, numb skin or poor blood flow (or "not sure") hold them; so does
    a question not yet answered: unknown is not "no"."""
    fever = a.finding_status("fever")
    if fever in ("yes", "unsure"):
        return "fever"
    skin = a.answer_status("numb_skin_or_poor_circulation")
    if skin in ("yes", "unsure"):
        return "skin"
    if fever == "unknown" or not t.complete:
        return "warning_signs"
    if skin == "unknown":
        return "skin_unknown"
    return None


def now(a: Assessment, t: Triage, k: Knowledge, pk: PlanKnowledge) -> tuple[Advice, ...]:
    """First the triage's instruction; then, unless it is an emergency, heat and cold, or
    why not to use them for now."""
    disposition = k.dispositions[t.disposition]
    first = Advice(id=t.disposition, text=t.action, sources=disposition.sources)
    if t.is_emergency:
        return (first, Advice(id="emergency-help", text=t.emergency_help, sources=pk.warning_sources))
    r = pk.relief
    items = [first]
    held = heat_cold_held(a, t)
    if held is not None:
        h = next(x for x in r.held if x.id == held)
        return (first, Advice(id=f"heat-cold-held-{held}", text=h.text, sources=h.sources))
    knock = r.knock_first.when is not None and r.knock_first.when.holds(a)
    if knock:
        items.append(advice(r.knock_first))
    items += [Advice(id="heat", text=r.heat.text, sources=r.heat.sources),
              Advice(id="cold", text=r.cold.text, sources=r.cold.sources)]
    return tuple(items)


def sessions(a: Assessment, t: Triage, pk: PlanKnowledge) -> tuple[Sessions, ...]:
    """The heat (and, after a knock, first the cold) sessions to put on the calendar:
    none while heat and ice are held (see `heat_cold_held`)."""
    if t.is_emergency or heat_cold_held(a, t) is not None:
        return ()
    r = pk.relief
    knock = r.knock_first.when is not None and r.knock_first.when.holds(a)
    out: list[Sessions] = []
    if knock:
        out.append(Sessions(id="cold", name=r.cold.name, minutes=r.cold.minutes, times_a_day=r.cold.times_a_day,
                            days=KNOCK_COLD_DAYS, start_day=0, clock=r.cold.clock))
    start = KNOCK_COLD_DAYS if knock else 0
    out.append(Sessions(id="heat", name=r.heat.name, minutes=r.heat.minutes, times_a_day=r.heat.times_a_day,
                        days=r.heat.days - start, start_day=start, clock=r.heat.clock))
    return tuple(out)


def review_date(a: Assessment, t: Triage, pk: PlanKnowledge, today: date) -> date:
    rv = pk.prevention.review
    if t.disposition == "self_care":
        began = today - timedelta(days=a.duration_days or 0)
        return max(began + timedelta(days=rv.self_care_days_from_start),
                   today + timedelta(days=rv.self_care_min_days_from_today))
    if t.disposition == "routine":
        return today + timedelta(days=rv.routine_days)
    return today


def who_to_see(a: Assessment, t: Triage, k: Knowledge, pk: PlanKnowledge, today: date) -> WhoToSee:
    p = pk.prevention
    when = review_date(a, t, pk, today)
    template: Text = getattr(p.review.text, t.disposition)
    disposition = k.dispositions[t.disposition]
    if t.is_emergency:
        urgent_if = Advice(id="emergency-help", text=t.emergency_help, sources=pk.warning_sources)
    elif t.disposition == "urgent":
        urgent_if = Advice(id="warning-signs", text=t.warning_signs, sources=pk.warning_sources)
    else:
        urgent_if = Advice(id="urgent-if", text=p.urgent_if.text, sources=p.urgent_if.sources)
    return WhoToSee(
        level=t.disposition,
        title=t.title,
        action=t.action,
        review_date=when,
        review=Advice(id="review", text=template.text.format(date=long_date(when)), sources=template.sources),
        urgent_if=urgent_if,
        warning_signs=None if t.disposition in ("emergency", "urgent")
        else Advice(id="warning-signs", text=t.warning_signs, sources=pk.warning_sources),
        sources=disposition.sources,
        **second_review(a, t, pk, today, when),
    )


def second_review(a: Assessment, t: Triage, pk: PlanKnowledge, today: date, first: date) -> dict[str, Any]:
    """The look again at 4 weeks from the start (when that comes after the first review),
    and what the scan advice will be from 6 weeks: the same imaging items as today's,
    chosen for this person as if the pain had lasted that long (the triage run again, so a
    rule that a longer course fires is taken into account). An unknown start counts from
    today (the latest the review can be, and never a day in the past)."""
    from backrelief.triage import triage

    if t.disposition not in ("self_care", "routine"):
        return {}
    rv = pk.prevention.review
    began = today - timedelta(days=a.duration_days or 0)
    again_on = began + timedelta(days=rv.again_days_from_start)
    if again_on <= first:
        return {}
    scan_on = began + timedelta(days=rv.scan_days_from_start)
    later = a.model_copy(update={"duration_days": rv.scan_days_from_start})
    scans = personal_imaging(later, triage(later), pk)
    then = " ".join(" ".join(i.text.split()) for i in scans)
    sources = tuple(dict.fromkeys((*rv.scan_then.sources, *(s for i in scans for s in i.sources))))
    return {
        "again_date": again_on,
        "again": Advice(id="review-again", text=rv.again.text.format(date=long_date(again_on)),
                        sources=rv.again.sources),
        "scan_then": Advice(id="scan-then", text=f"{rv.scan_then.text.format(date=long_date(scan_on))} {then}",
                            sources=sources) if scans else None,
    }


def warning_signs_state(t: Triage) -> str:
    """"some" when a rule that fired is a warning sign or points to a serious cause,
    "unasked" when warning-sign questions are unanswered, else "none"."""
    if any(r.red_flag for r in t.reasons) or any(c.serious for c in t.consistent_with):
        return "some"
    return "unasked" if not t.complete else "none"


def personal_imaging(a: Assessment, t: Triage, pk: PlanKnowledge) -> tuple[Advice, ...]:
    """The scan advice for this person: "you do not need a scan" only when no warning sign
    fired, no serious cause fits and every warning-sign question was answered. The diary's
    review prompts use it too, with the episode's length at that day."""
    state = warning_signs_state(t)
    return tuple(
        advice(i) for i in pk.imaging.personal
        if t.disposition in i.levels and (i.when is None or i.when.holds(a))
        and (i.warning_signs is None or i.warning_signs == state)
    )


def imaging(a: Assessment, t: Triage, pk: PlanKnowledge) -> tuple[Advice, ...]:
    """Scan advice keyed to the reasons (personal_imaging), then the general facts."""
    personal = personal_imaging(a, t, pk)
    if t.is_emergency:
        return personal
    return personal + chosen(pk.imaging.general, a)
