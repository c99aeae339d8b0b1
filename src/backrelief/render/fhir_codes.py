"""The codes the FHIR export uses, in one place.

Every symptom and warning sign carries our own code from a local CodeSystem (the URL
below; its codes are the contract's finding names, so they never drift from what the
diary stores). A SNOMED CT code is added ONLY where the concept is the same thing and the
code was checked against published terminology (each line says where); everything else
stays local rather than guessed. `tests/report/test_fhir.py` checks every SCTID here
with SNOMED's own check digit (Verhoeff) and that each is a concept id.
"""

from __future__ import annotations

from typing import Final

FHIR_RELEASE: Final = "R4B"
FHIR_VERSION: Final = "4.3.0"
# The one name of the FHIR version, in the code, the docs, the CLI help and the API.
FHIR_NAME: Final = f"FHIR {FHIR_RELEASE} ({FHIR_VERSION})"
# The media type with FHIR's own version parameter (major.minor), so a server can tell.
FHIR_MEDIA_TYPE: Final = "application/fhir+json; fhirVersion=4.3"

SNOMED: Final = "http://snomed.info/sct"
LOINC: Final = "http://loinc.org"
UCUM: Final = "http://unitsofmeasure.org"
FINDING_SYSTEM: Final = "http://backrelief.invalid/fhir/CodeSystem/finding"
MEDICINE_SYSTEM: Final = "http://backrelief.invalid/fhir/CodeSystem/medicine"
OBSERVATION_CATEGORY: Final = "http://terminology.hl7.org/CodeSystem/observation-category"
CONDITION_CATEGORY: Final = "http://terminology.hl7.org/CodeSystem/condition-category"
CONDITION_CLINICAL: Final = "http://terminology.hl7.org/CodeSystem/condition-clinical"
CONDITION_VERIFICATION: Final = "http://terminology.hl7.org/CodeSystem/condition-ver-status"

# LOINC 72514-3 "Pain severity - 0-10 verbal numeric rating [Score] - Reported" (loinc.org/72514-3;
# the pain-scale value sets of HL7 Belgium's and ANS France's FHIR guides use the same code).
PAIN_CODE: Final = "72514-3"
PAIN_DISPLAY: Final = "Pain severity - 0-10 verbal numeric rating [Score] - Reported"

# finding -> (SCTID, SNOMED CT fully specified name). Checked against: DICOM CID 3220
# "Stress Symptom" (dyspnea, chest pain), HL7's personal health record guide's SNOMED
# symptom value set (fever), and published code lists naming the concept (abdominal pain).
SNOMED_FINDINGS: Final[dict[str, tuple[str, str]]] = {
    "chest_pain": ("29857009", "Chest pain (finding)"),
    "shortness_of_breath": ("267036007", "Dyspnea (finding)"),
    "fever": ("386661006", "Fever (finding)"),
    "abdominal_pain": ("21522001", "Abdominal pain (finding)"),
}

# The episode itself, by region: SNOMED "Low back pain (finding)" and "Backache (finding)".
SNOMED_BACK_PAIN: Final[dict[str, tuple[str, str]]] = {
    "lower": ("279039007", "Low back pain (finding)"),
    "any": ("161891005", "Backache (finding)"),
}

FINDING_DISPLAY: Final[dict[str, str]] = {
    "saddle_numbness": "Numbness between the legs (saddle area)",
    "new_bladder_problem": "New problem passing or holding urine",
    "new_bowel_incontinence": "New loss of bowel control",
    "new_sexual_dysfunction": "New loss of sexual function or feeling",
    "leg_weakness_worsening": "Leg weakness getting worse",
    "foot_drop": "Foot drop",
    "unable_to_walk": "Unable to walk",
    "chills_or_night_sweats": "Chills or night sweats",
    "night_pain_at_rest": "Pain at night at rest",
    "morning_stiffness_over_30_min": "Morning stiffness over 30 minutes",
    "improves_with_exercise": "Back pain improves with exercise",
    "band_rash": "Band-shaped rash",
    "arm_weakness_or_numbness": "Arm weakness or numbness",
    "waters_leaking": "Waters leaking (pregnancy)",
    "stops_daily_activities": "Pain stops day-to-day activities",
    "not_coping": "Not coping with the pain, or very worried",
    "pain_getting_worse": "Pain getting worse day by day",
    "painkillers_not_helping": "Pain not controlled by painkillers taken",
}


def finding_display(finding: str) -> str:
    return FINDING_DISPLAY.get(finding, finding.replace("_", " ").capitalize())


def finding_code(finding: str) -> dict[str, object]:
    """A CodeableConcept: our code always, SNOMED CT's beside it where it is known."""
    coding: list[dict[str, str]] = [{"system": FINDING_SYSTEM, "code": finding, "display": finding_display(finding)}]
    if finding in SNOMED_FINDINGS:
        code, display = SNOMED_FINDINGS[finding]
        coding.insert(0, {"system": SNOMED, "code": code, "display": display})
    return {"coding": coding, "text": finding_display(finding)}


def back_pain_code(region: str | None) -> dict[str, object]:
    code, display = SNOMED_BACK_PAIN["lower" if region == "lower" else "any"]
    return {"coding": [{"system": SNOMED, "code": code, "display": display}],
            "text": "Low back pain" if region == "lower" else "Back pain"}


def pain_code(text: str) -> dict[str, object]:
    return {"coding": [{"system": LOINC, "code": PAIN_CODE, "display": PAIN_DISPLAY}], "text": text}


def score(value: int) -> dict[str, object]:
    return {"value": value, "unit": "{score}", "system": UCUM, "code": "{score}"}


def milligrams(value: float) -> dict[str, object]:
    return {"value": value, "unit": "mg", "system": UCUM, "code": "mg"}
