"""The Plan: what a person should do now and how to stop the pain coming back.

Frozen and JSON-ready (`plan.model_dump(mode="json")`). Every piece of advice is plain
words with the ids of the sources it rests on. Renderers present it; they decide nothing.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Literal

from backrelief.knowledge import Level
from backrelief.knowledge.plan import how_long, how_often
from backrelief.values import Strict


class Advice(Strict):
    id: str
    text: str
    sources: tuple[str, ...]


class Sessions(Strict):
    """Heat or cold: how long, how often, for how many days, from which day."""

    id: Literal["heat", "cold"]
    name: str
    minutes: int  # the longest a session lasts (the calendar books this long)
    times_a_day: int  # as many as the calendar books
    days: int
    start_day: int
    clock: tuple[str, ...]
    minutes_from: int | None = None  # the shortest a session lasts
    times_a_day_up_to: int | None = None  # the most a day the advice allows

    @property
    def how_long(self) -> str:
        return how_long(self.minutes_from, self.minutes)

    @property
    def how_often(self) -> str:
        return how_often(self.times_a_day, self.times_a_day_up_to)


class MedicineAdvice(Strict):
    id: str
    name: str
    kind: Literal["oral_nsaid", "topical_nsaid", "paracetamol"]
    nsaid: bool
    status: Literal["suggested", "check_first"]
    # The words beside its name: "safe for you to take", "not suggested for you", or
    # safe but of little help for back pain (with `heading_sources`).
    heading: str
    heading_sources: tuple[str, ...] = ()
    # Only when suggested: how to take it. A screened-out medicine shows no dose.
    dose: str | None
    tablet_mg: int | None
    tablets_per_dose: int | None
    max_tablets_per_day: int | None
    max_mg_per_day: int | None
    daily_ceiling_mg: int | None
    max_days: int | None
    reasons: tuple[Advice, ...]
    notes: tuple[Advice, ...]
    sources: tuple[str, ...]

    @property
    def suggested(self) -> bool:
        return self.status == "suggested"


class Medicines(Strict):
    intro: tuple[Advice, ...]
    options: tuple[MedicineAdvice, ...]
    discuss_with_doctor: tuple[Advice, ...]


class WhoToSee(Strict):
    level: Level
    title: str
    action: str
    review_date: date
    review: Advice
    urgent_if: Advice
    # The signs that mean an emergency (None in an emergency plan: it already is one).
    warning_signs: Advice | None
    sources: tuple[str, ...]
    # A second look 4 weeks from the start when still not clearly better, with the scan
    # advice that applies from 6 weeks for this person: none when the first review is
    # already that late, and none at the urgent and emergency levels (seen today).
    again_date: date | None = None
    again: Advice | None = None
    scan_then: Advice | None = None


class ExerciseDose(Strict):
    level: int
    sets: int
    reps: int | None
    reps_up_to: int | None
    hold_seconds: int | None
    minutes: int | None
    minutes_up_to: int | None
    each_side: bool
    times_a_day: int | None
    every_hours: int | None = None
    every_hours_up_to: int | None = None
    days_a_week: int | None
    text: str


class Exercise(Strict):
    id: str
    name: str
    trains: str
    steps: tuple[str, ...]
    avoid_if: tuple[str, ...]
    doses: tuple[ExerciseDose, ...]
    figure: str
    sources: tuple[str, ...]
    # Absent from a plan saved before tips were kept apart from the conditions.
    tips: tuple[str, ...] = ()

    def skip_if(self) -> str:
        """The conditions as one sentence, the same in every rendering: "Skip it if it sends
        pain down your leg, or lying on your front is not comfortable." Empty when none.
        A plan saved before the conditions were clauses ("It hurts your neck.") reads too."""
        if not self.avoid_if:
            return ""
        clauses = [c.rstrip(". ") for c in self.avoid_if]
        clauses = [c[:1].lower() + c[1:] for c in clauses]
        return f"Skip it if {', or '.join(clauses)}."

    def dose_at(self, level: int) -> ExerciseDose | None:
        return next((d for d in self.doses if d.level == level), None)


class ProgrammeLevel(Strict):
    number: int
    name: str
    start_date: date
    end_date: date
    every_days: int
    goal: str
    walking: str
    exercises: tuple[str, ...]
    # False when the readiness check or the triage holds this level back for now.
    open_now: bool
    sources: tuple[str, ...]


ProgrammeStatus = Literal["ready", "answer_readiness_first", "gentle_only", "after_doctor",
                          "answer_warning_signs_first"]


class Programme(Strict):
    status: ProgrammeStatus
    status_advice: Advice | None
    # The one level open now (None: none yet). Later levels open only when the person
    # confirms the move-up rule (`make_plan(level=...)`), never by date alone.
    current_level: int | None = None
    levels: tuple[ProgrammeLevel, ...]
    rules: tuple[Advice, ...]
    tips: tuple[Advice, ...]


class ReadinessAnswer(Strict):
    id: str
    text: str
    answer: Literal["yes", "no"] | None
    # True when the answer comes from what the person already told us.
    from_assessment: bool


class Readiness(Strict):
    intro: Advice
    questions: tuple[ReadinessAnswer, ...]
    outcome: Literal["clear", "see_doctor_first", "not_answered"]
    outcome_advice: Advice


class CalendarEntry(Strict):
    """A repeating reminder. `time` None means an all-day event. It repeats every
    `every_days` days, `count` times; or, when `weekdays` are given (MO, TU...), on those
    days of each week until `until`."""

    id: str
    title: str
    description: str
    start: date
    time: str | None
    minutes: int
    every_days: int
    count: int
    alarm_minutes_before: int
    weekdays: tuple[str, ...] = ()
    until: date | None = None
    # The part of the plan this reminder books ("exercise-level-2"), when one part takes
    # several reminders a day (its sessions, its walks).
    series: str | None = None

    @property
    def booked(self) -> str:
        return self.series or self.id


class StillToAsk(Strict):
    """A question the plan still needs before it can offer something (plan/questions.py)."""

    id: str
    asks: Literal["history", "medicine", "field"]
    text: str
    needed_for: tuple[str, ...]


class Plan(Strict):
    made_on: date
    knowledge_version: str
    disposition: Level
    emergency: bool
    now: tuple[Advice, ...]
    heat_cold: tuple[Sessions, ...]
    heat_cold_safety: tuple[Advice, ...]
    moving: tuple[Advice, ...]
    expect: tuple[Advice, ...]
    medicines: Medicines | None
    who_to_see: WhoToSee
    imaging: tuple[Advice, ...]
    readiness: Readiness | None
    programme: Programme | None
    exercises: tuple[Exercise, ...]
    calendar: tuple[CalendarEntry, ...]
    not_a_diagnosis: str
    emergency_help: str
    # False when warning-sign questions were not answered: the plan says so first and
    # holds its exercise programme and heat and ice until they are (KA-3, HAZ-011).
    complete: bool = True
    warning_signs_unasked: tuple[str, ...] = ()
    # The plan's own questions still to ask (medicines, breastfeeding, weight, skin, activity).
    still_to_ask: tuple[StillToAsk, ...] = ()
    # What the plan's text advises against for this person ("heat", "cold",
    # "exercise-level-2", ...): the calendar never books any of them.
    advised_against: tuple[str, ...] = ()

    def advice(self) -> Iterator[Advice]:
        """Every piece of advice in the plan, in reading order."""
        yield from self.now
        yield from self.heat_cold_safety
        yield from self.moving
        yield from self.expect
        if self.medicines:
            yield from self.medicines.intro
            for m in self.medicines.options:
                yield from m.reasons
                yield from m.notes
            yield from self.medicines.discuss_with_doctor
        yield self.who_to_see.review
        if self.who_to_see.again:
            yield self.who_to_see.again
        if self.who_to_see.scan_then:
            yield self.who_to_see.scan_then
        yield self.who_to_see.urgent_if
        if self.who_to_see.warning_signs:
            yield self.who_to_see.warning_signs
        yield from self.imaging
        if self.readiness:
            yield self.readiness.intro
            yield self.readiness.outcome_advice
        if self.programme:
            if self.programme.status_advice:
                yield self.programme.status_advice
            yield from self.programme.rules
            yield from self.programme.tips

    def texts(self) -> Iterator[str]:
        """Every sentence a person reads in this plan (for the reading-grade checks)."""
        for a in self.advice():
            yield a.text
        if self.medicines:
            for m in self.medicines.options:
                if m.dose:
                    yield m.dose
        if self.readiness:
            for q in self.readiness.questions:
                yield q.text
        if self.programme:
            for lvl in self.programme.levels:
                yield lvl.goal
                yield lvl.walking
        for ex in self.exercises:
            yield ex.trains
            yield from ex.steps
            yield from ex.avoid_if
            yield from ex.tips
            for d in ex.doses:
                yield d.text
