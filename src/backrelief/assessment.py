"""The assessment: the one contract between every way in and the core.

See docs/spec/assessment-input.md. Every key is optional except `age` in structured
input; a missing key means "not asked", never "no". The free-text reader may leave
`age` unknown (None); triage then takes the safer side of every age rule.

Three optional keys extend the public contract so that the interactive paths and the
free-text reader can say what was asked: `findings_absent` (asked, the person said no),
`findings_unsure` (asked, the person was not sure) and `history_absent`. When none is
given, a present `findings` (or `history`) list means the whole checklist was asked and
the items not listed were answered "no", as in the public contract.
"""

from __future__ import annotations

from typing import Any, Literal, get_args

from pydantic import Field, StrictBool, StrictInt, ValidationError, model_validator

from backrelief.errors import InvalidInput, Problem, TooYoung, plain_problems
from backrelief.values import Strict

Sex = Literal["female", "male", "other"]
Region = Literal["lower", "middle", "upper"]
Radiation = Literal["none", "buttock", "thigh", "below_knee"]
LegSides = Literal["one", "both"]
# Choice questions whose "not sure" is tried with every value by triage (the safer side):
# how far the pain spreads, one leg or both, where in the back, and how it started. A rule
# that fires only that way speaks at its `if_unsure` level (red_flags.yaml, KA-16).
UnsureField = Literal["radiation", "leg_sides", "region", "trigger"]
Onset = Literal["sudden", "gradual"]
Trigger = Literal[
    "lifting",
    "sports",
    "moving_furniture",
    "twisting",
    "bending",
    "fall",
    # A fall from higher than standing (a ladder, a roof, a wall, down a flight of
    # stairs): major trauma, unlike a trip or a fall from standing height ("fall").
    "fall_from_height",
    "road_accident",
    "sleeping",
    "none",
    "other",
]
Ease = Literal["rest", "lying_down", "movement", "heat", "ice", "medication", "massage", "nothing"]
Worsen = Literal[
    "sitting",
    "standing",
    "walking",
    "bending",
    "lifting",
    "coughing_sneezing",
    "lying_down",
    "morning",
    # Worse at night: pain that is there lying still, wakes the person whatever way they
    # lie, or is said with no more detail (unclear takes the safer reading: a warning
    # sign). Pain at night that comes only on turning over or moving in bed is
    # `turning_in_bed`: pain set off by a movement, which is mechanical (the warning sign,
    # clinical.md 1.2 and NHS advice, is pain not eased by rest or worse at night).
    "night",
    "turning_in_bed",
]
Finding = Literal[
    "saddle_numbness",
    "new_bladder_problem",
    "new_bowel_incontinence",
    "new_sexual_dysfunction",
    "leg_weakness_worsening",
    "foot_drop",
    "leg_numbness",
    "leg_weakness",
    "unsteady_walking",
    "unable_to_walk",
    "fever",
    "chills_or_night_sweats",
    "unexplained_weight_loss",
    "night_pain_at_rest",
    "chest_pain",
    "shortness_of_breath",
    "sweating_or_nausea",
    "abdominal_pain",
    "pulsating_abdomen",
    "tearing_pain",
    "burning_urination",
    "blood_in_urine",
    "flank_pain",
    "morning_stiffness_over_30_min",
    "improves_with_exercise",
    "band_rash",
    "spine_deformity",
    "feels_unwell",
    # Collapse, fainting and passing out (NICE NG156: back or belly pain with collapse is
    # a ruptured aortic aneurysm until proved otherwise).
    "collapsed",
    "felt_faint",
    # Upper limbs and hands: with gait problems these suggest spinal cord compression.
    "arm_weakness_or_numbness",
    "hand_clumsiness",
    # The NHS "see a GP" tier: pain that stops everyday life, a person who is not coping
    # or is very worried, pain getting worse. None is a red flag; each means a clinician
    # should help.
    "stops_daily_activities",
    "not_coping",
    "pain_getting_worse",
    # Pain that the painkillers a person has taken do not control (NHS-backpain; the
    # sciatica mapping in clinical.md: a clinician sooner if the pain cannot be controlled).
    "painkillers_not_helping",
    # Pregnancy warning signs: asked only when the person is pregnant (screen.yaml ask_if).
    "contractions",
    "vaginal_bleeding",
    "waters_leaking",
    "reduced_baby_movements",
]
History = Literal[
    "cancer",
    "osteoporosis",
    "long_term_steroids",
    "iv_drug_use",
    "immunosuppression",
    "recent_spinal_procedure",
    "recent_serious_infection",
    "aortic_aneurysm",
    "kidney_disease",
    "stomach_ulcer_or_bleeding",
    "anticoagulants",
    "heart_failure",
    "heart_disease_or_stroke",
    "high_blood_pressure",
    "nsaid_sensitive_asthma",
    "liver_disease",
    "heavy_alcohol_use",
    "inflammatory_bowel_disease",
    "psoriasis",
    "arthritis",
    "disc_problem",
    "weak_core",
    "overweight",
    "sedentary",
    "high_heels_daily",
    # Risk factors the red-flag rules use: diabetes (spinal infection), smoking (aortic
    # aneurysm), past kidney stones (a first "kidney stone" pain over 60 may be the aorta),
    # back pain before (a first-ever episode under 20 or over 55 is a warning sign).
    "diabetes",
    "smoker",
    "kidney_stones",
    "previous_back_pain",
]

# Medicines a person takes now that change which painkiller is safe (NHS and label
# cautions for ibuprofen, naproxen and paracetamol). Blood thinners stay in `history`
# (`anticoagulants`): triage uses them too.
CurrentMedicine = Literal[
    "ssri_or_snri",
    "lithium",
    "methotrexate",
    "antiplatelet_or_low_dose_aspirin",
    "diuretic",
    "ace_inhibitor_or_arb",
    "other_nsaid",
    "oral_steroids",
]
# A yes / no question the person may not be sure of: true, false or "not_sure".
NotSure = Literal["not_sure"]
Country = Literal["uk", "us", "other"]

FINDINGS: tuple[Finding, ...] = get_args(Finding)
CURRENT_MEDICINES: tuple[CurrentMedicine, ...] = get_args(CurrentMedicine)
COUNTRIES: tuple[Country, ...] = get_args(Country)
# The plan's own yes / no / not sure questions, asked only when the plan needs them.
PLAN_ANSWERS: tuple[str, ...] = ("breastfeeding", "weight_under_50kg", "regularly_active",
                                 "numb_skin_or_poor_circulation")
HISTORY: tuple[History, ...] = get_args(History)
TRIGGERS: tuple[Trigger, ...] = get_args(Trigger)
EASES: tuple[Ease, ...] = get_args(Ease)
WORSENS: tuple[Worsen, ...] = get_args(Worsen)
REGIONS: tuple[Region, ...] = get_args(Region)
RADIATIONS: tuple[Radiation, ...] = get_args(Radiation)
LEG_SIDES: tuple[LegSides, ...] = get_args(LegSides)

MIN_AGE = 16
MAX_AGE = 110


def _dedupe(value: Any) -> Any:
    """A list of strings without repeats, as a tuple. Anything else is left for the
    field's own validation to refuse with a plain message (a nested list, say)."""
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return tuple(dict.fromkeys(value))
    return value


class Assessment(Strict):
    """What a person told us. Frozen: triage and plan never change it."""

    age: StrictInt | None = Field(default=None, ge=MIN_AGE, le=MAX_AGE)
    sex: Sex | None = None
    pregnant: StrictBool | None = None
    # Weeks of pregnancy: lying flat on the back for long is avoided later in pregnancy.
    pregnancy_weeks: StrictInt | None = Field(default=None, ge=0, le=45)
    region: Region | None = None
    radiation: Radiation | None = None
    leg_sides: LegSides | None = None
    severity: StrictInt | None = Field(default=None, ge=0, le=10)
    worst_severity: StrictInt | None = Field(default=None, ge=0, le=10)
    duration_days: StrictInt | None = Field(default=None, ge=0, le=36500)
    onset: Onset | None = None
    trigger: Trigger | None = None
    episodes_last_year: StrictInt | None = Field(default=None, ge=0, le=365)
    eases: tuple[Ease, ...] | None = None
    worsens: tuple[Worsen, ...] | None = None
    findings: tuple[Finding, ...] | None = None
    findings_absent: tuple[Finding, ...] | None = None
    findings_unsure: tuple[Finding, ...] | None = None
    # Asked, and the person was not sure: triage tries each value (UnsureField).
    fields_unsure: tuple[UnsureField, ...] | None = None
    history: tuple[History, ...] | None = None
    history_absent: tuple[History, ...] | None = None
    # What the medicine screen, the heat and cold advice and the exercise plan ask.
    current_medicines: tuple[CurrentMedicine, ...] | None = None
    current_medicines_absent: tuple[CurrentMedicine, ...] | None = None
    current_medicines_unsure: tuple[CurrentMedicine, ...] | None = None
    breastfeeding: StrictBool | NotSure | None = None
    weight_under_50kg: StrictBool | NotSure | None = None
    # About 30 minutes of moderate activity on 3 or more days a week for the past 3 months.
    regularly_active: StrictBool | NotSure | None = None
    # Diabetes, skin that feels numb, poor blood flow or Raynaud's: heat and ice can burn.
    numb_skin_or_poor_circulation: StrictBool | NotSure | None = None
    country: Country | None = None

    @model_validator(mode="before")
    @classmethod
    def _lists_to_tuples(cls, data: Any) -> Any:
        # JSON gives lists; the model keeps tuples so that an assessment is hashable.
        if isinstance(data, dict):
            return {key: _dedupe(value) for key, value in data.items()}
        return data

    @model_validator(mode="after")
    def _consistent(self) -> Assessment:
        if self.leg_sides is not None and self.radiation == "none":
            raise ValueError("leg_sides: only give leg_sides when the pain spreads (radiation is not 'none')")
        for key in self.fields_unsure or ():
            if getattr(self, key) is not None:
                raise ValueError(f"fields_unsure: {key} cannot be both given and not sure")
        if "leg_sides" in (self.fields_unsure or ()) and self.radiation == "none":
            raise ValueError("fields_unsure: only give leg_sides when the pain spreads (radiation is not 'none')")
        if self.pregnancy_weeks is not None and self.pregnant is False:
            raise ValueError("pregnancy_weeks: only give pregnancy_weeks when pregnant is true")
        said = [set(self.findings or ()), set(self.findings_absent or ()), set(self.findings_unsure or ())]
        clash = (said[0] & said[1]) | (said[0] & said[2]) | (said[1] & said[2])
        if clash:
            names = ", ".join(sorted(clash))
            raise ValueError(f"findings: {names} cannot be both present and absent or unsure")
        meds = [set(self.current_medicines or ()), set(self.current_medicines_absent or ()),
                set(self.current_medicines_unsure or ())]
        clash_m = (meds[0] & meds[1]) | (meds[0] & meds[2]) | (meds[1] & meds[2])
        if clash_m:
            raise ValueError(f"current_medicines: {', '.join(sorted(clash_m))} cannot be both taken and not taken "
                             "or not sure")
        both = set(self.history or ()) & set(self.history_absent or ())
        if both:
            raise ValueError(f"history: {', '.join(sorted(both))} cannot be both present and absent")
        return self

    # -- what was asked -------------------------------------------------------------
    def finding_status(self, finding: Finding) -> Literal["yes", "no", "unsure", "unknown"]:
        """yes / no / unsure, or unknown when the question was never asked."""
        return _status(finding, self.findings, self.findings_unsure, self.findings_absent)

    def history_status(self, item: History) -> Literal["yes", "no", "unknown"]:
        status = _status(item, self.history, None, self.history_absent)
        return "unknown" if status == "unsure" else status  # never unsure: history has no such list

    def medicine_status(self, medicine: CurrentMedicine) -> Literal["yes", "no", "unsure", "unknown"]:
        """Does the person take this medicine now: yes / no / unsure, or unknown (not asked).
        As with findings, a plain `current_medicines` list means the whole list was asked."""
        return _status(medicine, self.current_medicines, self.current_medicines_unsure,
                       self.current_medicines_absent)

    def answer_status(self, key: str) -> Literal["yes", "no", "unsure", "unknown"]:
        """One of the plan's yes / no / not sure answers (`PLAN_ANSWERS`)."""
        value = getattr(self, key)
        if value is None:
            return "unknown"
        if value == "not_sure":
            return "unsure"
        return "yes" if value is True else "no"

    def has(self, finding: Finding) -> bool:
        return finding in (self.findings or ())

    def had(self, item: History) -> bool:
        return item in (self.history or ())

    def to_public(self) -> dict[str, Any]:
        """The assessment as contract JSON: no empty keys, lists not tuples."""
        out: dict[str, Any] = {}
        for key, value in self.model_dump(exclude_none=True).items():
            out[key] = list(value) if isinstance(value, tuple) else value
        return out


def _status(item: str, given: tuple[str, ...] | None, unsure: tuple[str, ...] | None,
            absent: tuple[str, ...] | None) -> Literal["yes", "no", "unsure", "unknown"]:
    """One checklist item: yes / unsure / no as listed, or unknown when never asked. A
    plain `given` list with neither `unsure` nor `absent` (the public contract) means the
    whole checklist was asked, so an unlisted item was answered no."""
    if item in (given or ()):
        return "yes"
    if item in (unsure or ()):
        return "unsure"
    if item in (absent or ()):
        return "no"
    if given is not None and absent is None and unsure is None:
        return "no"
    return "unknown"

# -- which questions apply to this person ---------------------------------------
# One home for each, so the questionnaire, the web pages, the reader and triage agree.

# Pregnancy is treated as possible below this age: a generous upper bound (late natural
# pregnancy is rare past the mid-fifties), so unknown is never taken as "no" for anyone
# who could be pregnant.
PREGNANCY_POSSIBLE_BELOW_AGE = 60


def pregnancy_possible(sex: str | None, age: int | None) -> bool:
    """Nothing we know rules pregnancy out: not male, and not known to be 60 or older."""
    return sex != "male" and (age is None or age < PREGNANCY_POSSIBLE_BELOW_AGE)


def pregnancy_unasked(assessment: Assessment) -> bool:
    """Pregnancy could matter for this person and was not answered."""
    return assessment.pregnant is None and pregnancy_possible(assessment.sex, assessment.age)


def leg_sides_apply(radiation: str | None) -> bool:
    """The one-leg-or-both question applies unless the pain is known to stay in the back
    (an unknown spread leaves it open)."""
    return radiation != "none"


# -- parsing with plain-words errors ----------------------------------------------

_FIELD_HELP: dict[str, str] = {
    "age": f"a whole number from {MIN_AGE} to {MAX_AGE}",
    "severity": "a whole number from 0 to 10",
    "worst_severity": "a whole number from 0 to 10",
    "duration_days": "a whole number of days from 0 to 36500",
    "episodes_last_year": "a whole number from 0 to 365",
    "pregnant": "true or false",
    "breastfeeding": 'true, false or "not_sure"',
    "weight_under_50kg": 'true, false or "not_sure"',
    "regularly_active": 'true, false or "not_sure"',
    "numb_skin_or_poor_circulation": 'true, false or "not_sure"',
    "pregnancy_weeks": "a whole number of weeks from 0 to 45",
}


def _allowed(field: str) -> str:
    if field in _FIELD_HELP:
        return _FIELD_HELP[field]
    info = Assessment.model_fields.get(field)
    if info is None:
        return ""
    values = _literal_values(info.annotation)
    if not values:
        return ""
    is_list = field in {"eases", "worsens", "findings", "findings_absent", "findings_unsure", "fields_unsure", "history",
                        "history_absent", "current_medicines", "current_medicines_absent",
                        "current_medicines_unsure"}
    prefix = "a list of any of" if is_list else "one of"
    return f"{prefix}: {', '.join(values)}"


def _literal_values(annotation: Any) -> list[str]:
    values: list[str] = []
    for arg in get_args(annotation):
        if isinstance(arg, str):
            values.append(arg)
        else:
            values.extend(_literal_values(arg))
    return values


def problems_from(error: ValidationError) -> list[Problem]:
    """Turn pydantic's errors into one plain sentence per field."""
    allowed_keys = ", ".join(Assessment.model_fields)
    return plain_problems(
        error,
        unknown_key=lambda field: f"'{field}' is not a question we know; the keys allowed are: {allowed_keys}",
        allowed=_allowed,
        show_input=True,
    )


def parse_assessment(data: object, *, require_age: bool = True) -> Assessment:
    """Validate structured input (a JSON object) into an Assessment.

    Raises InvalidInput naming each field that is wrong, or TooYoung for an age under 16.
    """
    if not isinstance(data, dict):
        raise InvalidInput([Problem(field="", message="an assessment must be a JSON object ({...})")])
    age = data.get("age")
    if isinstance(age, int) and not isinstance(age, bool) and age < MIN_AGE:
        raise TooYoung()
    if require_age and "age" not in data:
        raise InvalidInput([Problem(field="age", message=f"'age' is required: {_FIELD_HELP['age']}")])
    try:
        return Assessment.model_validate(data)
    except ValidationError as error:
        raise InvalidInput(problems_from(error)) from None
