"""The plan's knowledge files, read through strict models and checked against sources.yaml.

Every advice text carries source ids; `load_plan_knowledge` fails at load time, naming the
file and entry, when one cites a source that does not exist, an exercise names a level
the programme does not have, or a dose ceiling is broken by the dose it describes.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, Field, model_validator

from backrelief.assessment import PLAN_ANSWERS, Country, CurrentMedicine, Finding, History
from backrelief.errors import KnowledgeError
from backrelief.knowledge import DispositionsFile, Knowledge, KnowledgeId, Level, load_knowledge, read_data
from backrelief.knowledge.conditions import Condition
from backrelief.values import Strict


class Text(Strict):
    text: str
    sources: tuple[str, ...] = Field(min_length=1)


class Item(Text):
    id: str
    when: Condition | None = None


# -- relief.yaml ------------------------------------------------------------------
def how_long(minutes_from: int | None, minutes: int) -> str:
    """'15 to 20 minutes' (or '20 minutes'): the one way a session's length is said."""
    return f"{minutes_from} to {minutes} minutes" if minutes_from else f"{minutes} minutes"


def how_often(times_a_day: int, up_to: int | None) -> str:
    """'3 or 4 times a day' (or 'once a day'): the one way a session's frequency is said."""
    if up_to and up_to > times_a_day:
        return f"{times_a_day} or {up_to} times a day"
    return "once a day" if times_a_day == 1 else f"{times_a_day} times a day"


class Sessions(Text):
    """Heat or cold. `minutes` is the longest a session may last (the calendar books that
    long), `minutes_from` the shortest; `times_a_day` is how many the calendar books,
    `times_a_day_up_to` the most the advice allows. The text says them through the
    placeholders {how_long} and {how_often}, so the words and the calendar share one value."""

    id: Literal["heat", "cold"]
    name: str
    minutes: int = Field(ge=1, le=20)
    minutes_from: int | None = Field(default=None, ge=1, le=20)
    times_a_day: int = Field(ge=1, le=6)
    times_a_day_up_to: int | None = Field(default=None, ge=1, le=6)
    days: int = Field(ge=1, le=7)
    clock: tuple[str, ...] = Field(min_length=1)

    @model_validator(mode="before")
    @classmethod
    def _say_the_values(cls, data: Any) -> Any:
        if isinstance(data, dict) and isinstance(data.get("text"), str):
            words = {"how_long": how_long(data.get("minutes_from"), data.get("minutes", 0)),
                     "how_often": how_often(data.get("times_a_day", 1), data.get("times_a_day_up_to"))}
            data = {**data, "text": data["text"].format(**words)}
        return data


HeldFor = Literal["fever", "skin", "skin_unknown", "warning_signs"]


class Held(Text):
    """Said instead of booking heat and cold, and why (`id`)."""

    id: HeldFor


class ReliefFile(Strict):
    heat: Sessions
    cold: Sessions
    held: tuple[Held, ...] = Field(min_length=4)
    knock_first: Item
    heat_cold: tuple[Item, ...]
    moving: tuple[Item, ...]
    expect: tuple[Item, ...]


# -- medicines.yaml ---------------------------------------------------------------
PlanAnswer = Literal["breastfeeding", "weight_under_50kg"]


class Caution(Strict):
    """One thing that blocks a medicine unless the person said no to it: a past or
    present illness (`history`), a medicine they take now (`medicine`), or one of the
    plan's own answers (`answer`). `only` limits it to some medicine ids."""

    id: str
    history: History | None = None
    medicine: CurrentMedicine | None = None
    answer: PlanAnswer | None = None
    name: str
    risk: str
    only: tuple[str, ...] = ()
    sources: tuple[str, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _one_kind(self) -> Caution:
        if sum(x is not None for x in (self.history, self.medicine, self.answer)) != 1:
            raise ValueError(f"caution {self.id}: give exactly one of history, medicine or answer")
        return self


class Screens(Strict):
    nsaid: tuple[Caution, ...]
    paracetamol: tuple[Caution, ...]


class PregnancyCaution(Strict):
    name: str
    risk: str
    sources: tuple[str, ...] = Field(min_length=1)


class AgeCaution(Strict):
    at_least: int
    risk: str
    unknown: str
    sources: tuple[str, ...] = Field(min_length=1)


MedicineKind = Literal["oral_nsaid", "topical_nsaid", "paracetamol"]


class Note(Text):
    when: Condition | None = None


class Medicine(Strict):
    id: str
    name: str
    kind: MedicineKind
    screen: Literal["nsaid", "paracetamol"]
    age_caution: bool
    tablet_mg: int | None = None
    tablets_per_dose: int | None = None
    max_tablets_per_day: int | None = None
    daily_ceiling_mg: int | None = None
    max_days: int | None = None
    dose: str
    # Safe for this person is not the same as helpful: when the guidance says it helps
    # back pain little (paracetamol alone, NICE NG59), the heading says so beside "safe".
    helps_little: Text | None = None
    # Shown with a suggested medicine only; `when` limits a note to some people.
    notes: tuple[Note, ...] = ()
    # Where it is sold without a prescription for back pain; None means everywhere we
    # cover. Anywhere else, or an unknown country, blocks it (the safer reading).
    sold_for_back_pain_in: tuple[Country, ...] | None = None
    # The product-table ingredient whose daily total this medicine counts towards.
    ingredient: str | None = None
    sources: tuple[str, ...] = Field(min_length=1)

    @property
    def nsaid(self) -> bool:
        return self.kind in ("oral_nsaid", "topical_nsaid")

    @property
    def max_mg_per_day(self) -> int | None:
        if self.tablet_mg is None or self.max_tablets_per_day is None:
            return None
        return self.tablet_mg * self.max_tablets_per_day


class DoctorOption(Text):
    id: str
    name: str


class Wording(Strict):
    told_us: str
    not_asked: str
    not_sure: str
    pregnant_told: str
    pregnant_not_asked: str
    age_told: str
    check_first: str
    # The heading beside a medicine's name: safe for this person (the screen), or not.
    # What it does for back pain is the medicine's own `helps_little` (when it helps little).
    safe: str
    not_suggested: str
    sources: tuple[str, ...] = Field(min_length=1)


class CountryWording(Strict):
    uk: str
    other: str
    unknown: str
    sources: tuple[str, ...] = Field(min_length=1)


class MedicinesFile(Strict):
    wording: Wording
    one_nsaid: Text
    country: CountryWording
    breastfeeding_note: Text
    count_every_product: Text
    screens: Screens
    pregnancy: PregnancyCaution
    age: AgeCaution
    intro: tuple[Item, ...]
    medicines: tuple[Medicine, ...]
    discuss_with_doctor: tuple[DoctorOption, ...]


# -- imaging.yaml -----------------------------------------------------------------
class ImagingItem(Item):
    levels: tuple[Level, ...] = Field(min_length=1)
    # Keyed to the reasons, not the level: "none" shows the item only when no rule that
    # fired is a warning sign, no serious cause fits and no warning-sign question is
    # unanswered; "some" only when a warning sign fired; "unasked" only when questions
    # are unanswered (and none fired).
    warning_signs: Literal["none", "some", "unasked"] | None = None


class ImagingFile(Strict):
    personal: tuple[ImagingItem, ...]
    general: tuple[Item, ...]


# -- readiness.yaml ---------------------------------------------------------------
class ReadinessQuestion(Strict):
    id: str
    text: str
    # Answered from the plan's activity answer: not active (false) or not sure is a "yes".
    from_inactive: bool = False
    from_history: tuple[History, ...] = ()
    from_findings: tuple[Finding, ...] = ()
    # A pregnancy told in the check is a "yes"; a person who cannot be pregnant (a man, or
    # 60 or older) is a "no"; one who said she is not pregnant is asked only the rest of the
    # question, in these words.
    from_pregnant: bool = False
    if_not_pregnant: str | None = None
    no_from_history: bool = False


class ReadinessFile(Strict):
    intro: Text
    clear: Text
    see_doctor: Text
    not_answered: Text
    questions: tuple[ReadinessQuestion, ...] = Field(min_length=1)


# -- prevention.yaml --------------------------------------------------------------
class ReviewText(Strict):
    self_care: Text
    routine: Text
    urgent: Text
    emergency: Text


class Review(Strict):
    self_care_days_from_start: int = Field(ge=1)
    self_care_min_days_from_today: int = Field(ge=0)
    routine_days: int = Field(ge=1)
    text: ReviewText
    # The second look (4 weeks from the start) and the day the scan advice changes (6 weeks).
    again_days_from_start: int = Field(ge=1)
    scan_days_from_start: int = Field(ge=1)
    again: Text
    scan_then: Text


class ProgrammeLevel(Strict):
    number: int = Field(ge=1)
    name: str
    start_day: int = Field(ge=0)
    days: int = Field(ge=1)
    every_days: int = Field(ge=1)
    goal: str
    walking: str
    sources: tuple[str, ...] = Field(min_length=1)


class PreventionFile(Strict):
    review: Review
    urgent_if: Text
    warning_signs_first: Text
    inactive: Text
    pregnant_positions: Text
    one_level_at_a_time: Text
    levels: tuple[ProgrammeLevel, ...] = Field(min_length=1)
    rules: tuple[Item, ...]
    gentle_only: Text
    after_doctor: Text
    tips: tuple[Item, ...]


# -- exercises.yaml ---------------------------------------------------------------
class Dose(Strict):
    level: int = Field(ge=1)
    sets: int = Field(default=1, ge=1)
    reps: int | None = Field(default=None, ge=1)
    reps_up_to: int | None = Field(default=None, ge=1)
    hold_seconds: int | None = Field(default=None, ge=1)
    minutes: int | None = Field(default=None, ge=1)
    minutes_up_to: int | None = Field(default=None, ge=1)
    each_side: bool = False
    times_a_day: int | None = Field(default=None, ge=1)
    # "Every 2 to 3 hours while you are awake" (walking while a bout settles): the
    # calendar books one every `every_hours_up_to` hours of the waking day.
    every_hours: int | None = Field(default=None, ge=1, le=6)
    every_hours_up_to: int | None = Field(default=None, ge=1, le=6)
    days_a_week: int | None = Field(default=None, ge=1, le=7)


def _skip_condition(text: str) -> str:
    """One condition that reads on after "Skip it if" ("it sends pain down your leg"): lower
    case, no full stop, no second sentence and no "then": advice on how to do the exercise
    is a tip, said apart, so a list of conditions never reads as broken sentences."""
    if not re.fullmatch(r"[a-z][^.;:!?]*", text) or re.search(r"\bthen\b", text):
        raise ValueError(f"a skip-it-if condition must be one lower-case clause with no full stop or 'then' "
                         f"(a tip goes under tips), not {text!r}")
    return text


def _tip(text: str) -> str:
    if not re.fullmatch(r"[A-Z].*[.]", text):
        raise ValueError(f"a tip must be a whole sentence (a capital first, a full stop last), not {text!r}")
    return text


class ExerciseData(Strict):
    id: KnowledgeId
    name: str
    figure: str
    trains: str
    steps: tuple[str, ...] = Field(min_length=1)
    # When to skip it, and how to do it more gently: kept apart (see _skip_condition).
    avoid_if: tuple[Annotated[str, AfterValidator(_skip_condition)], ...] = ()
    tips: tuple[Annotated[str, AfterValidator(_tip)], ...] = ()
    doses: tuple[Dose, ...] = Field(min_length=1)
    sources: tuple[str, ...] = Field(min_length=1)
    # Done lying on the back or the front: left out in pregnancy (NHS: not flat on your
    # back, above all after 16 weeks; the contract has no week, so any pregnancy).
    lying_down: bool = False


class ExercisesFile(Strict):
    exercises: tuple[ExerciseData, ...] = Field(min_length=12)


# -- plan_questions.yaml -------------------------------------------------------------
NeededFor = Literal["nsaid", "paracetamol", "heat_cold", "exercise"]


class QuestionChoice(Strict):
    value: str
    label: str


class PlanQuestionData(Strict):
    id: str
    asks: Literal["medicine", "field"]
    text: str
    help: str = ""
    needed_for: tuple[NeededFor, ...] = Field(min_length=1)
    choices: tuple[QuestionChoice, ...] = ()


class PlanQuestionsFile(Strict):
    questions: tuple[PlanQuestionData, ...] = Field(min_length=1)


class PlanKnowledge(Strict):
    version: str
    # The sources of the triage's warning signs and emergency help (dispositions.yaml).
    warning_sources: tuple[str, ...]
    relief: ReliefFile
    medicines: MedicinesFile
    imaging: ImagingFile
    readiness: ReadinessFile
    prevention: PreventionFile
    exercises: ExercisesFile
    questions: PlanQuestionsFile

    def medicine(self, medicine_id: str) -> Medicine:
        for m in self.medicines.medicines:
            if m.id == medicine_id:
                return m
        raise KeyError(medicine_id)


def _cited(knowledge: Knowledge, where: str, ids: tuple[str, ...]) -> None:
    knowledge.check_sources(ids, where)


def _check(pk: PlanKnowledge, knowledge: Knowledge) -> None:
    relief = pk.relief
    for s in (relief.heat, relief.cold):
        _cited(knowledge, f"relief.yaml: {s.id}", s.sources)
    for i in (relief.knock_first, *relief.heat_cold, *relief.moving, *relief.expect):
        _cited(knowledge, f"relief.yaml: {i.id}", i.sources)
    for h in relief.held:
        _cited(knowledge, f"relief.yaml: held {h.id}", h.sources)
    meds = pk.medicines
    for c in (*meds.screens.nsaid, *meds.screens.paracetamol):
        _cited(knowledge, f"medicines.yaml: caution {c.id}", c.sources)
    _cited(knowledge, "medicines.yaml: pregnancy", meds.pregnancy.sources)
    _cited(knowledge, "medicines.yaml: age", meds.age.sources)
    _cited(knowledge, "medicines.yaml: wording", meds.wording.sources)
    for name, said in (("one_nsaid", meds.one_nsaid), ("breastfeeding_note", meds.breastfeeding_note),
                    ("count_every_product", meds.count_every_product)):
        _cited(knowledge, f"medicines.yaml: {name}", said.sources)
    _cited(knowledge, "medicines.yaml: country", meds.country.sources)
    ids = {med.id for med in meds.medicines}
    for c in (*meds.screens.nsaid, *meds.screens.paracetamol):
        for only in c.only:
            if only not in ids:
                raise KnowledgeError(f"medicines.yaml: caution {c.id}: 'only' names {only}, not a medicine")
    for i in meds.intro:
        _cited(knowledge, f"medicines.yaml: intro {i.id}", i.sources)
    for d in meds.discuss_with_doctor:
        _cited(knowledge, f"medicines.yaml: {d.id}", d.sources)
    for med in meds.medicines:
        where = f"medicines.yaml: medicine {med.id}"
        _cited(knowledge, where, med.sources)
        for note in med.notes:
            _cited(knowledge, where, note.sources)
        if med.helps_little is not None:
            _cited(knowledge, f"{where}: helps_little", med.helps_little.sources)
        ceiling, most = med.daily_ceiling_mg, med.max_mg_per_day
        if med.kind != "topical_nsaid" and (ceiling is None or most is None or med.tablets_per_dose is None):
            raise KnowledgeError(f"{where}: tablets need tablet_mg, tablets_per_dose, max_tablets_per_day "
                                 "and daily_ceiling_mg")
        if ceiling is not None and most is not None and most > ceiling:
            raise KnowledgeError(f"{where}: {most} mg a day is above the label ceiling of {ceiling} mg")
        if (med.tablets_per_dose or 0) > (med.max_tablets_per_day or 0) and med.kind != "topical_nsaid":
            raise KnowledgeError(f"{where}: one dose is more than the day's limit")
    for item in (*pk.imaging.personal, *pk.imaging.general):
        _cited(knowledge, f"imaging.yaml: {item.id}", item.sources)
    check = pk.readiness
    for name, said in (("intro", check.intro), ("clear", check.clear), ("see_doctor", check.see_doctor),
                    ("not_answered", check.not_answered)):
        _cited(knowledge, f"readiness.yaml: {name}", said.sources)
    prevention = pk.prevention
    for level in ("self_care", "routine", "urgent", "emergency"):
        _cited(knowledge, f"prevention.yaml: review {level}", getattr(prevention.review.text, level).sources)
    _cited(knowledge, "prevention.yaml: urgent_if", prevention.urgent_if.sources)
    _cited(knowledge, "prevention.yaml: gentle_only", prevention.gentle_only.sources)
    for name in ("warning_signs_first", "inactive", "pregnant_positions", "one_level_at_a_time"):
        _cited(knowledge, f"prevention.yaml: {name}", getattr(prevention, name).sources)
    asked = {q.id for q in pk.questions.questions}
    for q in pk.questions.questions:
        if q.asks == "field" and q.id not in (*PLAN_ANSWERS, "country"):
            raise KnowledgeError(f"plan_questions.yaml: {q.id} is not a contract field the plan asks")
    for c in (*meds.screens.nsaid, *meds.screens.paracetamol):
        key = c.medicine or c.answer
        if key is not None and key not in asked:
            raise KnowledgeError(f"medicines.yaml: caution {c.id}: no question in plan_questions.yaml asks {key}")
    _cited(knowledge, "prevention.yaml: after_doctor", prevention.after_doctor.sources)
    for lvl in prevention.levels:
        _cited(knowledge, f"prevention.yaml: level {lvl.number}", lvl.sources)
    for item in (*prevention.rules, *prevention.tips):
        _cited(knowledge, f"prevention.yaml: {item.id}", item.sources)
    numbers = {lvl.number for lvl in prevention.levels}
    seen: set[str] = set()
    for ex in pk.exercises.exercises:
        where = f"exercises.yaml: {ex.id}"
        if ex.id in seen:
            raise KnowledgeError(f"exercises.yaml: id '{ex.id}' appears twice")
        seen.add(ex.id)
        _cited(knowledge, where, ex.sources)
        for dose in ex.doses:
            if dose.level not in numbers:
                raise KnowledgeError(f"{where}: level {dose.level} is not a level in prevention.yaml")
            if (dose.reps is None) == (dose.minutes is None):
                raise KnowledgeError(f"{where}: level {dose.level}: give either reps or minutes")
        if not resources.files("backrelief.knowledge").joinpath("data", "exercises", ex.figure).is_file():
            raise KnowledgeError(f"{where}: figure {ex.figure} is missing from data/exercises/")
    for number in numbers:
        if not any(d.level == number for ex in pk.exercises.exercises for d in ex.doses):
            raise KnowledgeError(f"exercises.yaml: no exercise for level {number}")


@cache
def load_plan_knowledge() -> PlanKnowledge:
    """The plan's knowledge shipped with this version, validated once."""
    knowledge = load_knowledge()
    pk = PlanKnowledge(
        version=knowledge.version,
        warning_sources=read_data("dispositions.yaml", DispositionsFile).sources,
        relief=read_data("relief.yaml", ReliefFile),
        medicines=read_data("medicines.yaml", MedicinesFile),
        imaging=read_data("imaging.yaml", ImagingFile),
        readiness=read_data("readiness.yaml", ReadinessFile),
        prevention=read_data("prevention.yaml", PreventionFile),
        exercises=read_data("exercises.yaml", ExercisesFile),
        questions=read_data("plan_questions.yaml", PlanQuestionsFile),
    )
    _check(pk, knowledge)
    return pk


def medicine_ceilings() -> dict[str, int]:
    """Label daily ceilings in mg for the tablets we describe: {"ibuprofen": 1200, ...}."""
    pk = load_plan_knowledge()
    return {meds.id: meds.daily_ceiling_mg for meds in pk.medicines.medicines if meds.daily_ceiling_mg is not None}


def exercise_figure(filename: str) -> str:
    """The SVG text of an exercise figure (renderers inline it: no external assets)."""
    return resources.files("backrelief.knowledge").joinpath("data", "exercises", filename).read_text(encoding="utf-8")
