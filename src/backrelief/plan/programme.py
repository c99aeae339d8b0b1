"""The readiness check, the graded exercise programme and the calendar of sessions.

Levels open by the triage and the readiness answers: an urgent triage waits for the
doctor; a routine one, or any "yes" to a readiness question, keeps to the gentle level.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta

from backrelief.assessment import Assessment, pregnancy_possible
from backrelief.knowledge.plan import Dose, ExerciseData, PlanKnowledge, Text
from backrelief.plan.model import (
    Advice,
    CalendarEntry,
    Exercise,
    ExerciseDose,
    Programme,
    ProgrammeLevel,
    ProgrammeStatus,
    Readiness,
    ReadinessAnswer,
    Sessions,
    WhoToSee,
)
from backrelief.plan.relief import chosen
from backrelief.triage import Triage

EXERCISE_MINUTES = 20
REVIEW_TIME = "09:00"
# Clock times for n sessions a day, spread over the waking day. The number of sessions
# comes from the exercise doses (times_a_day), so the calendar says what the text says.
EXERCISE_CLOCK = {1: ("08:00",), 2: ("08:00", "18:00"), 3: ("08:00", "13:00", "18:00")}
WALK_CLOCK = {1: ("17:30",), 2: ("11:00", "16:00"), 3: ("10:00", "14:00", "17:30"),
              4: ("10:00", "12:30", "15:00", "17:30"), 5: ("09:30", "11:30", "13:30", "15:30", "17:30")}
# The waking day the walking reminders are spread over (09:00 to 21:00).
WAKING_HOURS = (9, 21)
WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
WALKING = "walking"


def _advice(item_id: str, said: Text) -> Advice:
    return Advice(id=item_id, text=said.text, sources=said.sources)


def readiness(assessment: Assessment, pk: PlanKnowledge, answers: Mapping[str, bool] | None) -> Readiness:
    readiness_check = pk.readiness
    given = dict(answers or {})
    out: list[ReadinessAnswer] = []
    for q in readiness_check.questions:
        active = assessment.answer_status("regularly_active") if q.from_inactive else "unknown"
        told = (any(assessment.had(h) for h in q.from_history) or any(assessment.has(f) for f in q.from_findings)
                or (q.from_pregnant and assessment.pregnant is True) or active in ("no", "unsure"))
        # What the check settles as "no": every history item it names answered no, an
        # active person, someone who cannot be pregnant. Only a whole question: "not
        # pregnant" leaves a recent baby still to ask.
        settled_no = ((q.no_from_history and all(assessment.history_status(h) == "no" for h in q.from_history))
                      or (q.from_inactive and active == "yes")
                      or (q.from_pregnant and not pregnancy_possible(assessment.sex, assessment.age)))
        asked = q.if_not_pregnant if q.from_pregnant and assessment.pregnant is False and q.if_not_pregnant else q.text
        if told:
            # What the person already told us wins over a later "no": the safer side.
            out.append(ReadinessAnswer(id=q.id, text=asked, answer="yes", from_assessment=True))
        elif given.get(q.id) is True:
            # A "yes" (or "not sure") now wins over earlier "no" answers: the safer side.
            out.append(ReadinessAnswer(id=q.id, text=asked, answer="yes", from_assessment=False))
        elif settled_no:
            out.append(ReadinessAnswer(id=q.id, text=asked, answer="no", from_assessment=True))
        elif q.id in given:
            out.append(ReadinessAnswer(id=q.id, text=asked, answer="yes" if given[q.id] else "no",
                                       from_assessment=False))
        else:
            out.append(ReadinessAnswer(id=q.id, text=asked, answer=None, from_assessment=False))
    if any(q.answer == "yes" for q in out):
        outcome, text = "see_doctor_first", readiness_check.see_doctor
    elif all(q.answer == "no" for q in out):
        outcome, text = "clear", readiness_check.clear
    else:
        outcome, text = "not_answered", readiness_check.not_answered
    return Readiness(intro=_advice("readiness", readiness_check.intro), questions=tuple(out), outcome=outcome,
                     outcome_advice=_advice(f"readiness-{outcome}", text))


def readiness_to_ask(assessment: Assessment, pk: PlanKnowledge) -> tuple[ReadinessAnswer, ...]:
    """The readiness questions still to put to this person, in the words to ask them: the
    ones the check's answers do not already settle (the terminal and the web ask only
    these, and show the rest as "from what you told us")."""
    return tuple(q for q in readiness(assessment, pk, None).questions if not q.from_assessment)


def dose_text(d: Dose) -> str:
    if d.minutes is not None:
        text = f"{d.minutes} to {d.minutes_up_to} minutes" if d.minutes_up_to else f"{d.minutes} minutes"
    else:
        side = " each side" if d.each_side else ""
        text = f"{d.sets} sets of {d.reps}{side}" if d.sets > 1 else f"{d.reps} times{side}"
        if d.reps_up_to:
            text += f", building up to {d.reps_up_to}"
        if d.hold_seconds:
            text += f". Hold each one for {d.hold_seconds} seconds"
    if d.every_hours:
        every = f"{d.every_hours} to {d.every_hours_up_to}" if d.every_hours_up_to else f"{d.every_hours}"
        text += f". Do this every {every} hours while you are awake"
    elif d.times_a_day == 1:
        text += ". Do this once a day"
    elif d.times_a_day:
        text += f". Do this {d.times_a_day} times a day"
    if d.days_a_week:
        text += f", {d.days_a_week} days a week"
    return text + "."


def left_out(e: ExerciseData, assessment: Assessment) -> bool:
    """Exercises this person should not do: lying down in pregnancy (NHS)."""
    return e.lying_down and assessment.pregnant is True


def exercises(pk: PlanKnowledge, assessment: Assessment | None = None) -> tuple[Exercise, ...]:
    return tuple(
        Exercise(
            id=e.id, name=e.name, trains=e.trains, steps=e.steps, avoid_if=e.avoid_if, tips=e.tips, figure=e.figure,
            sources=e.sources,
            doses=tuple(ExerciseDose(text=dose_text(d), **d.model_dump()) for d in e.doses),
        )
        for e in pk.exercises.exercises if assessment is None or not left_out(e, assessment)
    )


def status(result: Triage, ready: Readiness) -> ProgrammeStatus:
    if result.disposition in ("urgent", "emergency"):
        return "after_doctor"
    if not result.complete:
        return "answer_warning_signs_first"
    if result.disposition == "routine" or ready.outcome == "see_doctor_first":
        return "gentle_only"
    return "ready" if ready.outcome == "clear" else "answer_readiness_first"


def allowed_level(state: ProgrammeStatus, confirmed: int, top: int) -> int | None:
    """The one level open now. Gentle (1) unless the readiness check is clear; above 1
    only as far as the person has confirmed the move-up rule."""
    if state in ("after_doctor", "answer_warning_signs_first"):
        return None
    if state != "ready":
        return 1
    return max(1, min(confirmed, top))


def programme(assessment: Assessment, result: Triage, pk: PlanKnowledge, ready: Readiness, today: date,
              confirmed_level: int = 1) -> Programme:
    prevention = pk.prevention
    state = status(result, ready)
    inactive = any(q.id == "inactive" and q.answer == "yes" for q in ready.questions)
    status_advice = {
        "after_doctor": _advice("after-doctor", prevention.after_doctor),
        "answer_warning_signs_first": _advice("warning-signs-first", prevention.warning_signs_first),
        "gentle_only": _advice("inactive", prevention.inactive) if inactive and result.disposition == "self_care"
        else _advice("gentle-only", prevention.gentle_only),
        "answer_readiness_first": ready.outcome_advice,
        "ready": None,
    }[state]
    top = max(lvl.number for lvl in prevention.levels)
    current = allowed_level(state, confirmed_level, top)
    start = today
    levels: list[ProgrammeLevel] = []
    for lvl in sorted(prevention.levels, key=lambda x: x.number):
        # Levels already done are shown from today, closed; later ones after this one.
        begin = today if current is not None and lvl.number < current else start
        levels.append(ProgrammeLevel(
            number=lvl.number, name=lvl.name, goal=lvl.goal, walking=lvl.walking, every_days=lvl.every_days,
            start_date=begin, end_date=begin + timedelta(days=lvl.days - 1),
            exercises=tuple(e.id for e in pk.exercises.exercises
                            if any(d.level == lvl.number for d in e.doses) and not left_out(e, assessment)),
            open_now=current == lvl.number,
            sources=lvl.sources,
        ))
        if current is None or lvl.number >= current:
            # A later level can start no sooner than this one ends, and only when the
            # person confirms the move-up rule.
            start = begin + timedelta(days=lvl.days)
    rules = list(chosen(prevention.rules, assessment))
    if current is not None:
        rules.append(_advice("one-level-at-a-time", prevention.one_level_at_a_time))
    if assessment.pregnant is True:
        rules.append(_advice("pregnant-positions", prevention.pregnant_positions))
    return Programme(
        status=state,
        status_advice=status_advice,
        current_level=current,
        levels=tuple(levels),
        rules=tuple(rules),
        tips=chosen(prevention.tips, assessment),
    )


def calendar(heat_cold: tuple[Sessions, ...], safety: tuple[Advice, ...], prog: Programme | None,
             exs: tuple[Exercise, ...], pk: PlanKnowledge, who: WhoToSee, today: date) -> tuple[CalendarEntry, ...]:
    """Reminders for the heat or cold sessions, the open exercise levels and the review."""
    out: list[CalendarEntry] = []
    never = " ".join(s.text for s in safety if s.id in ("never-on-skin", "never-asleep"))
    relief = pk.relief
    for s in heat_cold:
        how = relief.heat.text if s.id == "heat" else relief.cold.text
        for i, clock in enumerate(s.clock[: s.times_a_day]):
            out.append(CalendarEntry(
                id=f"{s.id}-{i + 1}", title=f"{s.name} for your back: {s.how_long}",
                description=f"{how} {never}", start=today + timedelta(days=s.start_day), time=clock,
                minutes=s.minutes, every_days=1, count=s.days, alarm_minutes_before=5,
            ))
    if prog is not None:
        out += _exercise_sessions(prog, exs)
    if who.review_date > today:
        out.append(CalendarEntry(
            id="review", title="Back pain: time to check how you are", description=f"{who.review.text} "
            f"{who.urgent_if.text}", start=who.review_date, time=REVIEW_TIME, minutes=15, every_days=1, count=1,
            alarm_minutes_before=15,
        ))
    if who.again_date is not None and who.again is not None and who.again_date > today:
        then = f" {who.scan_then.text}" if who.scan_then else ""
        out.append(CalendarEntry(
            id="review-again", title="Back pain: still not clearly better?", description=f"{who.again.text}{then} "
            f"{who.urgent_if.text}", start=who.again_date, time=REVIEW_TIME, minutes=15, every_days=1, count=1,
            alarm_minutes_before=15,
        ))
    return tuple(out)


def _clock(table: dict[int, tuple[str, ...]], n: int) -> tuple[str, ...]:
    return table.get(n) or table[max(table)]


def _every(hours: int) -> tuple[str, ...]:
    """Reminders every `hours` hours over the waking day: the longer gap of "every 2 to 3
    hours" books the fewest reminders that still keep to the advice."""
    first, last = WAKING_HOURS
    return tuple(f"{h:02d}:00" for h in range(first, last + 1, hours))


def _exercise_sessions(prog: Programme, exs: tuple[Exercise, ...]) -> list[CalendarEntry]:
    """For each open level: its exercise sessions as often a day as the doses say, and
    its walks as often a day (or days a week) as the walking dose says."""
    out: list[CalendarEntry] = []
    by_id = {e.id: e for e in exs}
    step = " ".join(rule.text for rule in prog.rules if rule.id in ("move-up", "step-back", "one-level-at-a-time"))
    for lvl in prog.levels:
        if not lvl.open_now:
            continue
        days = (lvl.end_date - lvl.start_date).days + 1
        doses = [(by_id[x], d) for x in lvl.exercises if (d := by_id[x].dose_at(lvl.number)) is not None]
        moves = [(e, d) for e, d in doses if e.id != WALKING]
        if moves:
            per_day = max(d.times_a_day or 1 for _, d in moves)
            lines = [lvl.goal] + [f"- {e.name}: {d.text}" for e, d in moves] + [step]
            clocks = _clock(EXERCISE_CLOCK, per_day)
            for i, clock in enumerate(clocks, start=1):
                session = f", session {i} of {len(clocks)}" if len(clocks) > 1 else ""
                out.append(CalendarEntry(
                    id=f"exercise-level-{lvl.number}-{i}", title=f"Back exercises: level {lvl.number} ({lvl.name}){session}",
                    description="\n".join(lines), start=lvl.start_date, time=clock, minutes=EXERCISE_MINUTES,
                    every_days=lvl.every_days, count=-(-days // lvl.every_days), alarm_minutes_before=10,
                    series=f"exercise-level-{lvl.number}",
                ))
        for e, d in doses:
            if e.id != WALKING:
                continue
            minutes = d.minutes or 10
            title = f"Walk: {minutes} to {d.minutes_up_to} minutes" if d.minutes_up_to else f"Walk: {minutes} minutes"
            if d.days_a_week:
                out.append(CalendarEntry(
                    id=f"walk-level-{lvl.number}", title=title, description=f"{lvl.walking} {d.text}",
                    start=lvl.start_date, time=_clock(WALK_CLOCK, 1)[0], minutes=minutes, every_days=1, count=days,
                    alarm_minutes_before=5, weekdays=WEEKDAYS[: d.days_a_week], until=lvl.end_date,
                    series=f"walk-level-{lvl.number}",
                ))
                continue
            clocks = _every(d.every_hours_up_to or d.every_hours) if d.every_hours else _clock(WALK_CLOCK, d.times_a_day or 1)
            for i, clock in enumerate(clocks, start=1):
                out.append(CalendarEntry(
                    id=f"walk-level-{lvl.number}-{i}", title=title, description=f"{lvl.walking} {d.text}",
                    start=lvl.start_date, time=clock, minutes=minutes, every_days=1, count=days,
                    alarm_minutes_before=5, series=f"walk-level-{lvl.number}",
                ))
    return out
