"""The diary as a FHIR R4 Bundle (built and checked with fhir.resources' R4B models).

Pain scores become Observations coded with LOINC 72514-3 (pain severity, 0-10 verbal
numeric rating, reported); each saved assessment becomes a QuestionnaireResponse. The
library does not enforce FHIR's value sets (a status of "bogus" passes), so the codes
we use are checked against our own short lists before the Bundle is returned.
Times in the diary are local wall-clock times; they get this computer's UTC offset for
that date, since FHIR wants a time zone whenever a time is given.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from fhir.resources.R4B.bundle import Bundle

from backrelief.diary.models import EntryFields, SavedAssessment
from backrelief.knowledge import load_knowledge

LOINC = "http://loinc.org"
PAIN_CODE = "72514-3"
PAIN_DISPLAY = "Pain severity - 0-10 verbal numeric rating [Score] - Reported"
UCUM = "http://unitsofmeasure.org"
CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category"
QUESTIONNAIRE = "http://backrelief.invalid/fhir/Questionnaire/assessment"
_NAMESPACE = uuid.UUID("6f1c1f2e-8a59-4a8e-9a0f-6b7f3f1f2a10")

OBSERVATION_STATUSES = {"final"}
RESPONSE_STATUSES = {"completed"}
BUNDLE_TYPES = {"collection"}
_REGION = {"lower": "lower back", "middle": "middle back", "upper": "upper back"}


def _when(at: datetime) -> str:
    return at.astimezone().isoformat(timespec="seconds")


def _urn(*parts: object) -> str:
    return f"urn:uuid:{uuid.uuid5(_NAMESPACE, '/'.join(str(p) for p in parts))}"


def _score(value: int) -> dict[str, Any]:
    return {"value": value, "unit": "{score}", "system": UCUM, "code": "{score}"}


def _pain_code(text: str) -> dict[str, Any]:
    return {"coding": [{"system": LOINC, "code": PAIN_CODE, "display": PAIN_DISPLAY}], "text": text}


def pain_observation(entry: EntryFields, number: int, patient: str) -> dict[str, Any]:
    observation: dict[str, Any] = {
        "resourceType": "Observation",
        "status": "final",
        "category": [{"coding": [{"system": CATEGORY, "code": "survey", "display": "Survey"}]}],
        "code": _pain_code("Back pain now"),
        "subject": {"reference": patient},
        "effectiveDateTime": _when(entry.at),
        "valueQuantity": _score(entry.pain_now),
    }
    if entry.pain_worst is not None:
        observation["component"] = [{"code": _pain_code("Worst back pain since the previous diary entry"),
                                     "valueQuantity": _score(entry.pain_worst)}]
    if entry.region is not None:
        observation["bodySite"] = {"text": _REGION[entry.region]}
    notes = [entry.notes] if entry.notes else []
    if entry.medicines:
        notes.append("Medicines: " + "; ".join(
            f"{m.name} {m.dose_mg:g} mg" + (f" at {m.taken_at:%Y-%m-%d %H:%M}" if m.taken_at else "")
            for m in entry.medicines))
    if notes:
        observation["note"] = [{"text": n} for n in notes]
    return observation


def _answers(value: Any) -> list[dict[str, Any]]:
    values = value if isinstance(value, list) else [value]
    answers: list[dict[str, Any]] = []
    for v in values:
        if isinstance(v, bool):
            answers.append({"valueBoolean": v})
        elif isinstance(v, int):
            answers.append({"valueInteger": v})
        else:
            answers.append({"valueString": str(v)})
    return answers


def assessment_response(saved: SavedAssessment, patient: str) -> dict[str, Any]:
    questions = {q.id: q.text for q in load_knowledge().screen}
    items = [{"linkId": key, "text": questions.get(key, key.replace("_", " ")), "answer": _answers(value)}
             for key, value in saved.assessment.items() if value not in (None, [])]
    items.append({"linkId": "triage.disposition", "text": "backrelief's advice level",
                  "answer": [{"valueString": saved.disposition}]})
    items.append({"linkId": "knowledge_version", "text": "backrelief knowledge version",
                  "answer": [{"valueString": saved.knowledge_version}]})
    return {
        "resourceType": "QuestionnaireResponse",
        "status": "completed",
        "questionnaire": f"{QUESTIONNAIRE}|{saved.knowledge_version}",
        "subject": {"reference": patient},
        "authored": _when(saved.created_at),
        "item": items,
    }


def diary_bundle(entries: Sequence[EntryFields], assessments: Sequence[SavedAssessment], today: date) -> dict[str, Any]:
    """A FHIR R4 collection Bundle of the whole diary, validated."""
    patient = _urn("patient", "local")
    resources: list[tuple[str, dict[str, Any]]] = [(patient, {"resourceType": "Patient", "active": True})]
    resources += [(_urn("entry", i, e.at.isoformat()), pain_observation(e, i, patient)) for i, e in enumerate(entries)]
    resources += [(_urn("assessment", a.id, a.created_at.isoformat()), assessment_response(a, patient))
                  for a in assessments]
    data = {
        "resourceType": "Bundle",
        "type": "collection",
        "timestamp": datetime.combine(today, datetime.min.time()).astimezone().isoformat(timespec="seconds"),
        "entry": [{"fullUrl": url, "resource": resource} for url, resource in resources],
    }
    _check_codes(data)
    bundle = Bundle.model_validate(data)
    result: dict[str, Any] = json.loads(bundle.model_dump_json())
    return result


def _check_codes(data: dict[str, Any]) -> None:
    """fhir.resources does not enforce value sets, so check ours."""
    if data["type"] not in BUNDLE_TYPES:
        raise ValueError(f"Bundle.type {data['type']!r} is not allowed")
    for item in data["entry"]:
        resource = item["resource"]
        kind = resource["resourceType"]
        if kind == "Observation" and resource["status"] not in OBSERVATION_STATUSES:
            raise ValueError(f"Observation.status {resource['status']!r} is not allowed")
        if kind == "QuestionnaireResponse" and resource["status"] not in RESPONSE_STATUSES:
            raise ValueError(f"QuestionnaireResponse.status {resource['status']!r} is not allowed")
