"""What to do now (heat and cold, moving, what to expect), whom to see and when, and
when a scan helps. Pure functions of the assessment, the triage and `today`."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from backrelief.assessment import Assessment
from backrelief.knowledge import Knowledge
from backrelief.knowledge.plan import HeldFor, Item, PlanKnowledge, Text
from backrelief.plan.model import Advice, Sessions, WhoToSee
from backrelief.triage import Triage, settled, triage

KNOCK_COLD_DAYS = 2


def advice(item: Item) -> Advice:
    return Advice(id=item.id, text=item.text, sources=item.sources)


def chosen(items: tuple[Item, ...], assessment: Assessment) -> tuple[Advice, ...]:
    return tuple(advice(i) for i in items if i.when is None or i.when.holds(assessment))


def long_date(d: date) -> str:
    return f"{d:%A} {d.day} {d:%B %Y}"


def heat_cold_held(assessment: Assessment, result: Triage) -> HeldFor | None:
    """Why heat and ice are not to be used now, or None when they may be. A fever (or
    "not sure"), diabetes, numb skin or poor blood flow (or "not sure") hold them; so does
    a question not yet answered: unknown is not "no"."""
    fever = assessment.finding_status("fever")
    if fever in ("yes", "unsure"):
        return "fever"
    skin = assessment.answer_status("numb_skin_or_poor_circulation")
    if skin in ("yes", "unsure"):
        return "skin"
    if fever == "unknown" or not result.complete:
        return "warning_signs"
    if skin == "unknown":
        return "skin_unknown"
    return None


def now(assessment: Assessment, result: Triage, knowledge: Knowledge, pk: PlanKnowledge) -> tuple[Advice, ...]:
    """First the triage's instruction; then, unless it is an emergency, heat and cold, or
    why not to use them for now."""
    disposition = knowledge.dispositions[result.disposition]
    first = Advice(id=result.disposition, text=result.action, sources=disposition.sources)
    if result.is_emergency:
        return (first, Advice(id="emergency-help", text=result.emergency_help, sources=pk.warning_sources))
    relief = pk.relief
    items = [first]
    held = heat_cold_held(assessment, result)
    if held is not None:
        held_text = next(x for x in relief.held if x.id == held)
        return (first, Advice(id=f"heat-cold-held-{held}", text=held_text.text, sources=held_text.sources))
    knock = relief.knock_first.when is not None and relief.knock_first.when.holds(assessment)
    if knock:
        items.append(advice(relief.knock_first))
    items += [Advice(id="heat", text=relief.heat.text, sources=relief.heat.sources),
              Advice(id="cold", text=relief.cold.text, sources=relief.cold.sources)]
    return tuple(items)


def sessions(assessment: Assessment, result: Triage, pk: PlanKnowledge) -> tuple[Sessions, ...]:
    """The heat (and, after a knock, first the cold) sessions to put on the calendar:
    none while heat and ice are held (see `heat_cold_held`)."""
    if result.is_emergency or heat_cold_held(assessment, result) is not None:
        return ()
    relief = pk.relief
    knock = relief.knock_first.when is not None and relief.knock_first.when.holds(assessment)
    out: list[Sessions] = []
    if knock:
        out.append(Sessions(id="cold", name=relief.cold.name, minutes=relief.cold.minutes,
                            times_a_day=relief.cold.times_a_day, days=KNOCK_COLD_DAYS, start_day=0,
                            clock=relief.cold.clock, minutes_from=relief.cold.minutes_from,
                            times_a_day_up_to=relief.cold.times_a_day_up_to))
    start = KNOCK_COLD_DAYS if knock else 0
    out.append(Sessions(id="heat", name=relief.heat.name, minutes=relief.heat.minutes,
                        times_a_day=relief.heat.times_a_day, days=relief.heat.days - start, start_day=start,
                        clock=relief.heat.clock, minutes_from=relief.heat.minutes_from,
                        times_a_day_up_to=relief.heat.times_a_day_up_to))
    return tuple(out)


def review_date(assessment: Assessment, result: Triage, pk: PlanKnowledge, today: date) -> date:
    review = pk.prevention.review
    if result.disposition == "self_care":
        began = today - timedelta(days=assessment.duration_days or 0)
        return max(began + timedelta(days=review.self_care_days_from_start),
                   today + timedelta(days=review.self_care_min_days_from_today))
    if result.disposition == "routine":
        return today + timedelta(days=review.routine_days)
    return today


def who_to_see(assessment: Assessment, result: Triage, knowledge: Knowledge, pk: PlanKnowledge, today: date) -> WhoToSee:
    prevention = pk.prevention
    when = review_date(assessment, result, pk, today)
    template: Text = getattr(prevention.review.text, result.disposition)
    disposition = knowledge.dispositions[result.disposition]
    if result.is_emergency:
        urgent_if = Advice(id="emergency-help", text=result.emergency_help, sources=pk.warning_sources)
    elif result.disposition == "urgent":
        urgent_if = Advice(id="warning-signs", text=result.warning_signs, sources=pk.warning_sources)
    else:
        urgent_if = Advice(id="urgent-if", text=prevention.urgent_if.text, sources=prevention.urgent_if.sources)
    return WhoToSee(
        level=result.disposition,
        title=result.title,
        action=result.action,
        review_date=when,
        review=Advice(id="review", text=template.text.format(date=long_date(when)), sources=template.sources),
        urgent_if=urgent_if,
        warning_signs=None if result.disposition in ("emergency", "urgent")
        else Advice(id="warning-signs", text=result.warning_signs, sources=pk.warning_sources),
        sources=disposition.sources,
        **second_review(assessment, result, pk, today, when),
    )


def second_review(assessment: Assessment, result: Triage, pk: PlanKnowledge, today: date, first: date) -> dict[str, Any]:
    """The look again at 4 weeks from the start (when that comes after the first review),
    and what the scan advice will be from 6 weeks: the same imaging items as today's,
    chosen for this person as if the pain had lasted that long (the triage run again, so a
    rule that a longer course fires is taken into account). What today's answer settled
    stays settled then: only the warning-sign questions today's answer still lists as worth
    asking make that answer unfinished (`settled`, the interview's own notion), so a person
    who answered all the interview asked never reads "some questions were not answered".
    An unknown start counts from today (the latest the review can be, and never a day in
    the past)."""
    if result.disposition not in ("self_care", "routine"):
        return {}
    review = pk.prevention.review
    began = today - timedelta(days=assessment.duration_days or 0)
    again_on = began + timedelta(days=review.again_days_from_start)
    if again_on <= first:
        return {}
    scan_on = began + timedelta(days=review.scan_days_from_start)
    later = assessment.model_copy(update={"duration_days": review.scan_days_from_start})
    scans = personal_imaging(later, settled(triage(later), frozenset(q.id for q in result.questions_to_ask)), pk)
    then = " ".join(" ".join(i.text.split()) for i in scans)
    sources = tuple(dict.fromkeys((*review.scan_then.sources, *(s for i in scans for s in i.sources))))
    return {
        "again_date": again_on,
        "again": Advice(id="review-again", text=review.again.text.format(date=long_date(again_on)),
                        sources=review.again.sources),
        "scan_then": Advice(id="scan-then", text=f"{review.scan_then.text.format(date=long_date(scan_on))} {then}",
                            sources=sources) if scans else None,
    }


def warning_signs_state(result: Triage) -> str:
    """"some" when a rule that fired is a warning sign or points to a serious cause,
    "unasked" when warning-sign questions are unanswered, else "none"."""
    if any(relief.red_flag for relief in result.reasons) or any(c.serious for c in result.consistent_with):
        return "some"
    return "unasked" if not result.complete else "none"


def personal_imaging(assessment: Assessment, result: Triage, pk: PlanKnowledge) -> tuple[Advice, ...]:
    """The scan advice for this person: "you do not need a scan" only when no warning sign
    fired, no serious cause fits and every warning-sign question was answered. The diary's
    review prompts use it too, with the episode's length at that day."""
    state = warning_signs_state(result)
    return tuple(
        advice(i) for i in pk.imaging.personal
        if result.disposition in i.levels and (i.when is None or i.when.holds(assessment))
        and (i.warning_signs is None or i.warning_signs == state)
    )


def imaging(assessment: Assessment, result: Triage, pk: PlanKnowledge) -> tuple[Advice, ...]:
    """Scan advice keyed to the reasons (personal_imaging), then the general facts."""
    personal = personal_imaging(assessment, result, pk)
    if result.is_emergency:
        return personal
    return personal + chosen(pk.imaging.general, assessment)
