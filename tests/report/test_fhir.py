"""The FHIR export as a clinic system reads it: R4B resources that validate, codes that
are real (LOINC for pain, SNOMED CT only where checked, our own CodeSystem otherwise),
medicines with dose and time, the Patient named where the account gives a name, and one
FHIR version named the same everywhere."""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from fhir.resources.R4B.bundle import Bundle

from backrelief.diary.models import EntryPublic, EpisodePublic, Medicine, SavedAssessment
from backrelief.render import fhir_codes
from backrelief.render.fhir import diary_bundle
from backrelief.render.report import make_report

ROOT = Path(__file__).resolve().parents[2]
TODAY = date(2026, 11, 26)
EPISODE = EpisodePublic(id=3, started_on=date(2026, 11, 2), onset="sudden", trigger="lifting", how="a heavy box")


def _entries() -> list[EntryPublic]:
    return [
        EntryPublic(id=1, at=datetime(2026, 11, 3, 8, 30), pain_now=7, pain_worst=9, region="lower",
                    medicines=(Medicine(name="ibuprofen", dose_mg=400, taken_at=datetime(2026, 11, 3, 8)),
                               Medicine(name="paracetamol", dose_mg=1000))),
        EntryPublic(id=2, at=datetime(2026, 11, 5, 20), pain_now=8, new_findings=("saddle_numbness", "fever")),
        EntryPublic(id=3, at=datetime(2026, 11, 9, 9), pain_now=4, pain_worst=5, notes="better"),
    ]


def _check() -> SavedAssessment:
    return SavedAssessment(
        id=1, episode_id=3, created_at=datetime(2026, 11, 4, 9), knowledge_version="2026.11.1", disposition="emergency",
        assessment={"age": 40, "findings": ["chest_pain"]},
        triage={"disposition": "emergency", "knowledge_version": "2026.11.1", "reasons": []}, plan={})


def _resources(bundle: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    return [e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == kind]


def _codings(value: Any) -> Iterator[dict[str, Any]]:
    if isinstance(value, dict):
        if "system" in value and "code" in value:
            yield value
        for v in value.values():
            yield from _codings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _codings(v)


@pytest.fixture
def bundle() -> dict[str, Any]:
    return diary_bundle(_entries(), [_check()], TODAY, patient_name="  Sam   Example ", episode=EPISODE)


def test_the_bundle_validates_as_fhir_r4b_and_holds_each_kind_of_record(bundle: dict[str, Any]) -> None:
    Bundle.model_validate(bundle)
    kinds = {e["resource"]["resourceType"] for e in bundle["entry"]}
    assert kinds == {"Patient", "Condition", "Observation", "MedicationStatement", "QuestionnaireResponse"}
    assert bundle["meta"]["tag"][0]["display"] == fhir_codes.FHIR_NAME == "FHIR R4B (4.3.0)"
    urls = [e["fullUrl"] for e in bundle["entry"]]
    assert len(urls) == len(set(urls))
    subject = {r["subject"]["reference"] for e in bundle["entry"] if "subject" in (r := e["resource"])}
    assert subject == {bundle["entry"][0]["fullUrl"]}


def test_the_patient_is_named_when_the_name_is_known_and_never_invented(bundle: dict[str, Any]) -> None:
    assert _resources(bundle, "Patient")[0]["name"] == [{"use": "usual", "text": "Sam Example"}]
    nameless = diary_bundle(_entries(), [], TODAY)
    assert "name" not in _resources(nameless, "Patient")[0]


def test_two_peoples_bundles_share_no_resource_id() -> None:
    one = diary_bundle(_entries(), [_check()], TODAY, person=1)
    two = diary_bundle(_entries(), [_check()], TODAY, person=2)
    assert not {e["fullUrl"] for e in one["entry"]} & {e["fullUrl"] for e in two["entry"]}
    assert one == diary_bundle(_entries(), [_check()], TODAY, person=1)  # the same diary, the same ids


def test_every_pain_score_is_a_loinc_72514_3_observation_and_the_worst_has_its_own(bundle: dict[str, Any]) -> None:
    pain = [o for o in _resources(bundle, "Observation") if "valueQuantity" in o]
    assert all(o["code"]["coding"] == [{"system": "http://loinc.org", "code": "72514-3",
                                        "display": "Pain severity - 0-10 verbal numeric rating [Score] - Reported"}]
               for o in pain)
    assert all(o["valueQuantity"]["code"] == "{score}" and 0 <= o["valueQuantity"]["value"] <= 10 for o in pain)
    by_text = [(o["code"]["text"], o["valueQuantity"]["value"]) for o in pain]
    assert by_text.count(("Worst back pain since the previous diary entry", 9)) == 1
    worst = [o for o in pain if o["code"]["text"] == "Worst back pain recorded in the diary"]
    assert len(worst) == 1
    assert worst[0]["effectivePeriod"]["start"].startswith("2026-11-03T08:30")
    assert worst[0]["effectivePeriod"]["end"].startswith("2026-11-09T09:00")
    # One figure across outputs: the Bundle's worst is the report's worst.
    report = make_report(_entries(), EPISODE, [], TODAY)
    assert f"Worst {worst[0]['valueQuantity']['value']}/10 on 03 Nov" in dict(report.headline)[
        "How bad is it, and which way is it going?"]


def test_every_warning_sign_from_the_diary_and_from_a_check_is_a_coded_observation(bundle: dict[str, Any]) -> None:
    signs = {(o["code"]["coding"][-1]["code"], o["effectiveDateTime"][:10]): o
             for o in _resources(bundle, "Observation") if "valueBoolean" in o}
    assert set(signs) == {("saddle_numbness", "2026-11-05"), ("fever", "2026-11-05"), ("chest_pain", "2026-11-04")}
    assert all(o["valueBoolean"] is True for o in signs.values())
    fever = signs[("fever", "2026-11-05")]["code"]["coding"]
    assert fever[0] == {"system": "http://snomed.info/sct", "code": "386661006", "display": "Fever (finding)"}
    saddle = signs[("saddle_numbness", "2026-11-05")]["code"]["coding"]
    assert saddle == [{"system": fhir_codes.FINDING_SYSTEM, "code": "saddle_numbness",
                       "display": "Numbness between the legs (saddle area)"}]


def test_medicines_are_medication_statements_with_the_dose_in_mg_and_the_time_taken(bundle: dict[str, Any]) -> None:
    statements = _resources(bundle, "MedicationStatement")
    assert [s["medicationCodeableConcept"]["text"] for s in statements] == ["ibuprofen", "paracetamol"]
    ibuprofen = statements[0]["dosage"][0]
    assert ibuprofen["doseAndRate"][0]["doseQuantity"] == {"value": 400.0, "unit": "mg",
                                                           "system": "http://unitsofmeasure.org", "code": "mg"}
    assert ibuprofen["timing"]["event"][0].startswith("2026-11-03T08:00")
    # No time of its own: taken at the entry's time.
    assert statements[1]["dosage"][0]["timing"]["event"][0].startswith("2026-11-03T08:30")


def test_the_episode_is_an_unconfirmed_snomed_coded_condition_with_its_start(bundle: dict[str, Any]) -> None:
    [condition] = _resources(bundle, "Condition")
    assert condition["code"]["coding"][0]["code"] == "279039007"  # low back pain: the diary's region is lower
    assert condition["onsetDateTime"] == "2026-11-02"
    assert condition["verificationStatus"]["coding"][0]["code"] == "unconfirmed"
    assert condition["note"][0]["text"] == "Started sudden. Trigger: lifting. a heavy box"


def _verhoeff_ok(number: str) -> bool:
    d = [[0, 1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 2, 3, 4, 0, 6, 7, 8, 9, 5], [2, 3, 4, 0, 1, 7, 8, 9, 5, 6],
         [3, 4, 0, 1, 2, 8, 9, 5, 6, 7], [4, 0, 1, 2, 3, 9, 5, 6, 7, 8], [5, 9, 8, 7, 6, 0, 4, 3, 2, 1],
         [6, 5, 9, 8, 7, 1, 0, 4, 3, 2], [7, 6, 5, 9, 8, 2, 1, 0, 4, 3], [8, 7, 6, 5, 9, 3, 2, 1, 0, 4],
         [9, 8, 7, 6, 5, 4, 3, 2, 1, 0]]
    p = [[0, 1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 5, 7, 6, 2, 8, 3, 0, 9, 4]]
    for _ in range(6):
        p.append([p[1][p[-1][j]] for j in range(10)])
    c = 0
    for i, digit in enumerate(reversed(number)):
        c = d[c][p[i % 8][int(digit)]]
    return c == 0


def test_the_verhoeff_check_itself_accepts_known_ids_and_refuses_a_changed_digit() -> None:
    assert _verhoeff_ok("22298006") and _verhoeff_ok("404684003")  # myocardial infarction; clinical finding
    assert not _verhoeff_ok("22298007") and not _verhoeff_ok("404684013")


def test_every_snomed_code_is_a_well_formed_concept_id_from_the_checked_table(bundle: dict[str, Any]) -> None:
    table = {c for c, _ in [*fhir_codes.SNOMED_FINDINGS.values(), *fhir_codes.SNOMED_BACK_PAIN.values()]}
    for code in table:
        # Check digit (Verhoeff), and partition "00": a concept id, not a description or relationship.
        assert code.isdigit() and 6 <= len(code) <= 18 and _verhoeff_ok(code) and code[-3:-1] == "00", code
    used = {c["code"] for c in _codings(bundle) if c["system"] == fhir_codes.SNOMED}
    assert used and used <= table
    assert {c["system"] for c in _codings(bundle)} <= {
        fhir_codes.SNOMED, fhir_codes.LOINC, fhir_codes.UCUM, fhir_codes.FINDING_SYSTEM, fhir_codes.MEDICINE_SYSTEM,
        fhir_codes.OBSERVATION_CATEGORY, fhir_codes.CONDITION_CATEGORY, fhir_codes.CONDITION_CLINICAL,
        fhir_codes.CONDITION_VERIFICATION, "http://hl7.org/fhir/FHIR-version"}


def test_one_fhir_version_is_named_the_same_in_the_code_docs_cli_help_and_api(tmp_path: Path) -> None:
    named = re.compile(r"FHIR R\d\w*(?: \([\d.]+\))?")
    where: dict[str, set[str]] = {}
    files = [*ROOT.joinpath("src").rglob("*.py"), *ROOT.joinpath("src").rglob("*.html"), *ROOT.joinpath("docs").rglob("*.md"),
             ROOT / "README.md"]
    for path in files:
        for found in named.findall(path.read_text(encoding="utf-8")):
            where.setdefault(found, set()).add(str(path.relative_to(ROOT)))
    assert set(where) == {"FHIR R4B (4.3.0)"}, where
    help_text = subprocess.run([sys.executable, "-m", "backrelief", "export", "--help"], capture_output=True,
                               text=True, check=True, timeout=60, env={"COLUMNS": "200", "PATH": ""}).stdout
    assert "FHIR R4B (4.3.0)" in " ".join(help_text.split())
    from backrelief.settings import Settings
    from backrelief.web.app import create_app

    spec = create_app(Settings(database_url=f"sqlite:///{tmp_path / 'd.sqlite'}")).openapi()
    summary = spec["paths"]["/api/v1/exports/fhir"]["get"]["summary"]
    assert "FHIR R4B (4.3.0)" in summary
