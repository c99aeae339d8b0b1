"""The diary as a FHIR R4B (4.3.0) Bundle, built and checked with fhir.resources' R4B models.

What a clinic system can file: the Patient (named where the account gives a name); the
back pain episode as a patient-reported Condition (SNOMED CT); each pain score and each
"worst since the previous entry" as its own Observation coded with LOINC 72514-3; the
worst score of the whole diary as one more such Observation over the diary's period;
every symptom or warning sign (written in the diary or reported in a check) as an
Observation coded with SNOMED CT where the code is known and our own CodeSystem always
(see `fhir_codes`); every medicine dose as a MedicationStatement with the dose in mg and
the time taken; each saved check as a QuestionnaireResponse.

The library does not enforce FHIR's value sets (a status of "bogus" passes), so the codes
we use are checked against our own short lists before the Bundle is returned. Times in
the diary are local wall-clock times; they get this computer's UTC offset for that date,
since FHIR wants a time zone whenever a time is given.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Sequence
from datetime import date, datetime
from typing import Any

from fhir.resources.R4B.bundle import Bundle

from backrelief.diary.models import EntryFields, EpisodePublic, SavedAssessment
from backrelief.knowledge import load_knowledge
from backrelief.render import fhir_codes as codes

QUESTIONNAIRE = "http://backrelief.invalid/fhir/Questionnaire/assessment"
_NAMESPACE = uuid.UUID("6f1c1f2e-8a59-4a8e-9a0f-6b7f3f1f2a10")

OBSERVATION_STATUSES = {"final"}
RESPONSE_STATUSES = {"completed"}
MEDICATION_STATUSES = {"completed"}
CONDITION_CLINICAL = {"active", "resolved"}
BUNDLE_TYPES = {"collection"}
_REGION = {"lower": "lower back", "middle": "middle back", "upper": "upper back"}
_SURVEY = [{"coding": [{"system": codes.OBSERVATION_CATEGORY, "code": "survey", "display": "Survey"}]}]


def _when(at: datetime) -> str:
    return at.astimezone().isoformat(timespec="seconds")


def _day(at: date) -> str:
    return at.isoformat()


def _namer(person: object) -> Callable[..., str]:
    """Stable ids for one person's resources: the same diary exports the same ids, and two
    people's Bundles never share one (a clinic system would merge them)."""
    space = uuid.uuid5(_NAMESPACE, f"person/{person}")

    def urn(*parts: object) -> str:
        return f"urn:uuid:{uuid.uuid5(space, '/'.join(str(p) for p in parts))}"

    return urn


def patient_resource(name: str | None) -> dict[str, Any]:
    patient: dict[str, Any] = {"resourceType": "Patient", "active": True}
    if name and name.strip():
        patient["name"] = [{"text": " ".join(name.split()), "use": "usual"}]
    return patient


def episode_condition(episode: EpisodePublic, region: str | None, patient: str) -> dict[str, Any]:
    """The bout of back pain as the person reported it: unconfirmed, not a diagnosis."""
    condition: dict[str, Any] = {
        "resourceType": "Condition",
        "clinicalStatus": {"coding": [{"system": codes.CONDITION_CLINICAL,
                                       "code": "resolved" if episode.ended_on else "active"}]},
        "verificationStatus": {"coding": [{"system": codes.CONDITION_VERIFICATION, "code": "unconfirmed"}]},
        "category": [{"coding": [{"system": codes.CONDITION_CATEGORY, "code": "problem-list-item",
                                  "display": "Problem List Item"}]}],
        "code": codes.back_pain_code(region),
        "subject": {"reference": patient},
        "onsetDateTime": _day(episode.started_on),
    }
    if episode.ended_on:
        condition["abatementDateTime"] = _day(episode.ended_on)
    told = [f"Started {episode.onset}." if episode.onset else "",
            f"Trigger: {episode.trigger.replace('_', ' ')}." if episode.trigger else "", episode.how or ""]
    if any(told):
        condition["note"] = [{"text": " ".join(t for t in told if t)}]
    return condition


def pain_observation(entry: EntryFields, patient: str, text: str, value: int) -> dict[str, Any]:
    observation: dict[str, Any] = {
        "resourceType": "Observation", "status": "final", "category": _SURVEY, "code": codes.pain_code(text),
        "subject": {"reference": patient}, "effectiveDateTime": _when(entry.at), "valueQuantity": codes.score(value),
    }
    if entry.region is not None:
        observation["bodySite"] = {"text": _REGION[entry.region]}
    return observation


def entry_pain(entry: EntryFields, patient: str) -> dict[str, Any]:
    observation = pain_observation(entry, patient, "Back pain now", entry.pain_now)
    if entry.notes:
        observation["note"] = [{"text": entry.notes}]
    return observation


def worst_of_diary(entries: Sequence[EntryFields], patient: str, derived: str) -> dict[str, Any]:
    """The worst score in the whole diary (the report's "worst"), over the diary's period."""
    worst = max(entries, key=lambda e: (max(e.pain_now, e.pain_worst or 0), e.at))
    observation = pain_observation(worst, patient, "Worst back pain recorded in the diary",
                                   max(worst.pain_now, worst.pain_worst or 0))
    del observation["effectiveDateTime"]
    observation["effectivePeriod"] = {"start": _when(entries[0].at), "end": _when(entries[-1].at)}
    observation["derivedFrom"] = [{"reference": derived}]
    observation["note"] = [{"text": f"Recorded {worst.at:%d %b %Y}."}]
    return observation


def sign_observation(finding: str, at: datetime, patient: str, where: str) -> dict[str, Any]:
    return {
        "resourceType": "Observation", "status": "final", "category": _SURVEY, "code": codes.finding_code(finding),
        "subject": {"reference": patient}, "effectiveDateTime": _when(at), "valueBoolean": True,
        "note": [{"text": f"Reported by the person {where}; a warning sign the red-flag rules check."}],
    }


def medication_statement(entry: EntryFields, number: int, patient: str) -> dict[str, Any]:
    m = entry.medicines[number]
    taken = m.taken_at or entry.at
    return {
        "resourceType": "MedicationStatement",
        "status": "completed",
        "medicationCodeableConcept": {"coding": [{"system": codes.MEDICINE_SYSTEM, "code": m.name}], "text": m.name},
        "subject": {"reference": patient},
        "effectiveDateTime": _when(taken),
        "dateAsserted": _when(entry.at),
        "informationSource": {"reference": patient},
        "dosage": [{"text": f"{m.dose_mg:g} mg at {taken:%H:%M}",
                    "timing": {"event": [_when(taken)]},
                    "doseAndRate": [{"doseQuantity": codes.milligrams(m.dose_mg)}]}],
    }


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
             for key, value in saved.assessment.answers().items() if value not in (None, [])]
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


def _entry_resources(entries: Sequence[EntryFields], patient: str,
                     _urn: Callable[..., str]) -> list[tuple[str, dict[str, Any]]]:
    out: list[tuple[str, dict[str, Any]]] = []
    for i, e in enumerate(entries):
        key = (i, e.at.isoformat())
        out.append((_urn("entry", *key), entry_pain(e, patient)))
        if e.pain_worst is not None:
            out.append((_urn("worst", *key), pain_observation(e, patient, "Worst back pain since the previous diary "
                                                                         "entry", e.pain_worst)))
        out += [(_urn("sign", *key, f), sign_observation(f, e.at, patient, "in the diary")) for f in e.new_findings]
        out += [(_urn("medicine", *key, n), medication_statement(e, n, patient)) for n in range(len(e.medicines))]
    return out


def diary_bundle(entries: Sequence[EntryFields], assessments: Sequence[SavedAssessment], today: date,
                 patient_name: str | None = None, episode: EpisodePublic | None = None,
                 person: object = "local") -> dict[str, Any]:
    """A FHIR R4B (4.3.0) collection Bundle of the whole diary, validated. `person` keeps
    each person's resource ids apart (a clinic account's id; "local" for the one diary)."""
    _urn = _namer(person)
    patient = _urn("patient")
    resources: list[tuple[str, dict[str, Any]]] = [(patient, patient_resource(patient_name))]
    if episode is not None:
        region = next((e.region for e in entries if e.region), None)
        resources.append((_urn("episode", episode.id), episode_condition(episode, region, patient)))
    resources += _entry_resources(entries, patient, _urn)
    if entries:
        worst = max(range(len(entries)), key=lambda i: (max(entries[i].pain_now, entries[i].pain_worst or 0),
                                                        entries[i].at))
        resources.append((_urn("worst-of-diary"), worst_of_diary(entries, patient,
                                                                  _urn("entry", worst, entries[worst].at.isoformat()))))
    for a in assessments:
        resources.append((_urn("assessment", a.id, a.created_at.isoformat()), assessment_response(a, patient)))
        resources += [(_urn("check-sign", a.id, f), sign_observation(f, a.created_at, patient, "in a check"))
                      for f in a.assessment.findings]
    data = {
        "resourceType": "Bundle",
        "type": "collection",
        "meta": {"tag": [{"system": "http://hl7.org/fhir/FHIR-version", "code": codes.FHIR_VERSION,
                          "display": codes.FHIR_NAME}]},
        "timestamp": datetime.combine(today, datetime.min.time()).astimezone().isoformat(timespec="seconds"),
        "entry": [{"fullUrl": url, "resource": resource} for url, resource in resources],
    }
    _check_codes(data)
    bundle = Bundle.model_validate(data)
    result: dict[str, Any] = json.loads(bundle.model_dump_json())
    return result


_STATUSES = {"Observation": OBSERVATION_STATUSES, "QuestionnaireResponse": RESPONSE_STATUSES,
             "MedicationStatement": MEDICATION_STATUSES}


def _check_codes(data: dict[str, Any]) -> None:
    """fhir.resources does not enforce value sets, so check ours."""
    if data["type"] not in BUNDLE_TYPES:
        raise ValueError(f"Bundle.type {data['type']!r} is not allowed")
    for item in data["entry"]:
        resource = item["resource"]
        kind = resource["resourceType"]
        if kind in _STATUSES and resource["status"] not in _STATUSES[kind]:
            raise ValueError(f"{kind}.status {resource['status']!r} is not allowed")
        if kind == "Condition" and resource["clinicalStatus"]["coding"][0]["code"] not in CONDITION_CLINICAL:
            raise ValueError("Condition.clinicalStatus is not allowed")
