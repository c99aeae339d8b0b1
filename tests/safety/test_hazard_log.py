"""The hazard log (docs/clinical-safety/hazard-log.yaml) stays true to the code.

The first test is the release gate: it fails when the log names a rule or test that does
not exist, leaves a red-flag rule uncovered, breaks the risk matrix, keeps a residual
rating of 4 or more, or documents a "not sure" branch that triage does not take. The
others feed it a broken log, one kind of drift each, and prove the checker catches it.
"""

from __future__ import annotations

import copy
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from backrelief.errors import KnowledgeError
from backrelief.safety import (
    LOG_PATH,
    MATRIX,
    RELEASE_LIMIT,
    SAFETY_CASE_PATH,
    check_hazard_log,
    parse_hazard_log,
    read_hazard_log,
    review_notes,
    risk_rating,
    summary,
)

ROOT = Path(__file__).resolve().parents[2]


def _raw() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((ROOT / LOG_PATH).read_text(encoding="utf-8"))
    return copy.deepcopy(data)


def _hazard(raw: dict[str, Any], hazard_id: str) -> dict[str, Any]:
    found: dict[str, Any] = next(h for h in raw["hazards"] if h["id"] == hazard_id)
    return found


def _problems(raw: dict[str, Any], root: Path | None = ROOT) -> list[str]:
    return check_hazard_log(parse_hazard_log(raw), root=root)


def test_the_hazard_log_matches_the_code() -> None:
    log = read_hazard_log(ROOT / LOG_PATH)
    assert check_hazard_log(log, root=ROOT) == []
    assert len(log.hazards) >= 20
    assert all(h.residual.rating < RELEASE_LIMIT for h in log.hazards)


def test_the_safety_case_quotes_the_current_summary_of_the_log() -> None:
    log = read_hazard_log(ROOT / LOG_PATH)
    case = (ROOT / SAFETY_CASE_PATH).read_text(encoding="utf-8")
    assert summary(log) in case.splitlines()


def test_the_documents_name_the_knowledge_version_the_log_was_reviewed_against() -> None:
    version = read_hazard_log(ROOT / LOG_PATH).reviewed_against_knowledge
    for name in ("safety-case.md", "known-anomalies.md"):
        text = (ROOT / "docs" / "clinical-safety" / name).read_text(encoding="utf-8")
        assert f"knowledge version {version}" in text, name


def test_the_matrix_follows_dcb0129() -> None:
    assert risk_rating("minor", "very_low") == 1
    assert risk_rating("major", "very_low") == 2
    assert risk_rating("major", "low") == 3
    assert risk_rating("major", "high") == 4
    assert risk_rating("catastrophic", "very_high") == 5
    assert risk_rating("catastrophic", "very_low") == 3
    assert risk_rating("significant", "very_high") == 4
    assert [row[0] for row in MATRIX.values()] == [3, 2, 2, 1, 1]


def test_nobody_has_signed_and_the_log_says_so() -> None:
    log = read_hazard_log(ROOT / LOG_PATH)
    assert log.sign_off.clinical_safety_officer == ""
    assert log.sign_off.statement.startswith("Not signed. No clinical safety officer has reviewed this log.")
    assert "no clinical safety officer has signed this hazard log" in review_notes(log)


def test_a_hazard_naming_a_rule_that_does_not_exist_is_caught() -> None:
    raw = _raw()
    _hazard(raw, "HAZ-009")["rules"].append("shingles-rash-typo")
    assert _problems(raw) == ["HAZ-009: names rule 'shingles-rash-typo', which is not in red_flags.yaml"]


def test_a_hazard_naming_a_test_file_that_does_not_exist_is_caught() -> None:
    raw = _raw()
    _hazard(raw, "HAZ-016")["tests"] = ["tests/safety/test_gone.py::test_anything"]
    assert _problems(raw) == [
        "HAZ-016: names test 'tests/safety/test_gone.py::test_anything', but tests/safety/test_gone.py does not exist"
    ]


def test_a_hazard_naming_a_test_function_that_does_not_exist_is_caught() -> None:
    raw = _raw()
    node = "tests/safety/test_triage_controls.py::test_children_are_welcome"
    _hazard(raw, "HAZ-016")["tests"] = [node]
    assert _problems(raw) == [
        f"HAZ-016: names test '{node}', but tests/safety/test_triage_controls.py has no 'test_children_are_welcome'"
    ]


def test_a_test_id_that_is_not_a_pytest_node_id_is_caught() -> None:
    raw = _raw()
    _hazard(raw, "HAZ-016")["tests"] = ["test_under_16_is_refused_with_advice_to_see_a_clinician"]
    assert _problems(raw) == [
        "HAZ-016: test 'test_under_16_is_refused_with_advice_to_see_a_clinician' is not a pytest node id "
        "(tests/....py::test_name)"
    ]


def test_a_red_flag_rule_that_no_hazard_covers_is_caught() -> None:
    raw = _raw()
    shingles = _hazard(raw, "HAZ-009")
    shingles["rules"] = []
    shingles["not_sure"] = []
    assert _problems(raw) == [
        "red-flag rule 'shingles-rash' is not covered by any hazard",
        "red-flag rule 'shingles-rash': the log does not say how 'not sure' is handled",
        "red-flag question 'band_rash': the log does not say how 'not sure' is handled",
    ]


def test_a_residual_rating_of_4_fails_the_release_gate() -> None:
    raw = _raw()
    _hazard(raw, "HAZ-001")["residual"] = {"severity": "major", "likelihood": "high", "rating": 4}
    assert _problems(raw) == ["HAZ-001: residual rating 4 is at or above the release limit 4"]


def test_a_rating_that_does_not_follow_the_matrix_is_caught() -> None:
    raw = _raw()
    _hazard(raw, "HAZ-001")["residual"]["rating"] = 1
    assert _problems(raw) == ["HAZ-001: residual rating 1 does not follow the matrix (major x very_low = 2)"]


def test_a_residual_rating_worse_than_the_initial_one_is_caught() -> None:
    raw = _raw()
    _hazard(raw, "HAZ-009")["residual"] = {"severity": "significant", "likelihood": "high", "rating": 3}
    _hazard(raw, "HAZ-009")["justification"] = "for the test"
    assert _problems(raw) == ["HAZ-009: residual rating 3 is worse than initial 2"]


def test_a_residual_rating_of_3_without_a_justification_is_caught() -> None:
    raw = _raw()
    _hazard(raw, "HAZ-003")["justification"] = ""
    assert _problems(raw) == ["HAZ-003: a residual rating of 3 needs a written justification"]


def test_a_closed_hazard_without_tests_is_caught() -> None:
    raw = _raw()
    _hazard(raw, "HAZ-016")["tests"] = []
    assert _problems(raw) == ["HAZ-016: is closed but names no test that proves its controls"]


def test_a_wrong_not_sure_level_is_caught() -> None:
    raw = _raw()
    saddle = _hazard(raw, "HAZ-001")["not_sure"][0]
    assert saddle["question"] == "saddle_numbness"
    saddle["then"] = "urgent"
    assert _problems(raw) == [
        "HAZ-001: not sure about 'saddle_numbness' (ces-saddle-numbness): the log says urgent, but triage gives emergency"
    ]


def test_a_wrong_claim_about_a_clarifying_question_is_caught() -> None:
    raw = _raw()
    chest = next(n for n in _hazard(raw, "HAZ-006")["not_sure"] if n["question"] == "chest_pain")
    chest["clarify"] = True
    assert _problems(raw) == [
        "HAZ-006: not sure about 'chest_pain' (chest-pain): the log says clarify: true, "
        "but screen.yaml has no clarifying question"
    ]


def test_a_not_sure_entry_that_says_unknown_when_the_rule_fires_is_caught() -> None:
    raw = _raw()
    chest = next(n for n in _hazard(raw, "HAZ-006")["not_sure"] if n["question"] == "chest_pain")
    chest["then"] = "unasked"
    assert _problems(raw) == [
        "HAZ-006: not sure about 'chest_pain' (chest-pain): the log says it is kept unknown, but rule fires at emergency",
        "HAZ-006: not sure about 'chest_pain' (chest-pain): the log says it is listed as not asked, "
        "but triage does not list it",
    ]


def test_a_not_sure_entry_whose_rule_fires_from_the_given_answers_alone_is_caught() -> None:
    raw = _raw()
    weak = next(n for n in _hazard(raw, "HAZ-002")["not_sure"] if n["question"] == "foot_drop")
    weak["given"] = {"findings": ["foot_drop"]}
    problems = _problems(raw)
    assert problems == [
        "HAZ-002: not sure about 'foot_drop' (neuro-foot-drop): 'given' is not a valid assessment: "
        "Value error, findings: foot_drop cannot be both present and absent or unsure"
    ]
    weak["given"] = {}
    _hazard(raw, "HAZ-002")["not_sure"].append({
        "rule": "neuro-weakness-worsening",
        "question": "foot_drop",
        "clarify": True,
        "then": "emergency",
        "given": {"findings": ["leg_weakness_worsening"]},
    })
    assert _problems(raw) == [
        "HAZ-002: not sure about 'foot_drop' (neuro-weakness-worsening): "
        "the rule fires from 'given' alone, so this does not show the not-sure branch"
    ]


def test_an_unknown_key_is_refused_by_the_strict_schema() -> None:
    raw = _raw()
    _hazard(raw, "HAZ-005")["severity"] = "major"
    with pytest.raises(KnowledgeError) as refused:
        parse_hazard_log(raw)
    assert str(refused.value) == "hazard-log.yaml: hazards.HAZ-005.severity: extra key not allowed"


def test_a_severity_outside_the_matrix_is_refused() -> None:
    raw = _raw()
    _hazard(raw, "HAZ-005")["initial"]["severity"] = "awful"
    with pytest.raises(KnowledgeError) as refused:
        parse_hazard_log(raw)
    assert str(refused.value).startswith("hazard-log.yaml: hazards.HAZ-005.initial.severity: Input should be 'minor'")


def test_a_duplicate_hazard_id_is_caught() -> None:
    raw = _raw()
    raw["hazards"].append(copy.deepcopy(_hazard(raw, "HAZ-009")))
    assert _problems(raw) == ["HAZ-009: the id is used twice"]


def test_a_hazard_the_safety_case_does_not_argue_is_caught(tmp_path: Path) -> None:
    raw = _raw()
    new = copy.deepcopy(_hazard(raw, "HAZ-009"))
    new["id"] = "HAZ-999"
    raw["hazards"].append(new)
    assert _problems(raw) == ["HAZ-999: the safety case does not argue this hazard"]
    # And a checkout without a safety case fails for every hazard.
    shutil.copytree(ROOT / "tests" / "safety", tmp_path / "tests" / "safety")
    problems = _problems(_raw(), root=tmp_path)
    assert "HAZ-001: the safety case does not argue this hazard" in problems
    assert not (tmp_path / SAFETY_CASE_PATH).exists()


def test_a_log_reviewed_against_older_knowledge_is_flagged_for_review() -> None:
    raw = _raw()
    raw["reviewed_against_knowledge"] = "2000.1.1"
    notes = review_notes(parse_hazard_log(raw))
    assert notes[0].startswith("the log was reviewed against knowledge 2000.1.1; this is knowledge ")
