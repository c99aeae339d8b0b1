"""'Not sure' is never taken as 'no': each red-flag question is asked again in other words
(`clarify`) or triage takes the safer branch. These tests prove the controls named in
docs/clinical-safety/hazard-log.yaml (HAZ-001 ... HAZ-009)."""

from __future__ import annotations

from typing import Any

from backrelief.assessment import Assessment
from backrelief.knowledge import URGENCY, load_knowledge
from backrelief.safety import read_hazard_log, source_root
from backrelief.triage import triage

CAUDA_EQUINA_RULES = ("ces-saddle-numbness", "ces-bladder", "ces-bowel", "ces-sexual")


def _triage_unsure(finding: str, **given: Any) -> tuple[str, dict[str, tuple[str, bool]]]:
    t = triage(Assessment.model_validate({"age": 40, **given, "findings_unsure": [finding]}))
    return t.disposition, {r.rule: (r.level, r.unsure) for r in t.reasons}


def test_not_sure_of_saddle_numbness_is_an_emergency_not_self_care() -> None:
    # GIRFT 2023: suspected cauda equina goes for emergency assessment (HAZ-024).
    disposition, reasons = _triage_unsure("saddle_numbness")
    assert disposition == "emergency"
    assert reasons == {"ces-saddle-numbness": ("emergency", True)}


def test_not_sure_of_a_new_bladder_problem_is_an_emergency() -> None:
    disposition, reasons = _triage_unsure("new_bladder_problem")
    assert disposition == "emergency"
    assert reasons == {"ces-bladder": ("emergency", True)}


def test_cauda_equina_rules_never_drop_below_urgent_when_not_sure() -> None:
    k = load_knowledge()
    for rule_id in CAUDA_EQUINA_RULES:
        rule = k.rule(rule_id)
        assert URGENCY[rule.level_if_unsure("findings")] >= URGENCY["urgent"], rule_id
    # And every rule that suggests cauda equina from a single finding keeps it at urgent or above.
    for rule in k.rules:
        if "cauda_equina" in rule.suggests:
            for of in ("findings", "radiation", "leg_sides", "region", "trigger"):
                assert URGENCY[rule.level_if_unsure(of)] >= URGENCY["urgent"], (rule.id, of)


def test_every_cauda_equina_question_has_a_clarifying_question() -> None:
    questions = {q.id: q for q in load_knowledge().screen}
    for finding in ("saddle_numbness", "new_bladder_problem", "new_bowel_incontinence", "new_sexual_dysfunction"):
        assert questions[finding].clarify.strip() != "", finding
        assert questions[finding].clarify != questions[finding].text


def test_not_sure_of_chest_pain_is_still_an_emergency() -> None:
    disposition, reasons = _triage_unsure("chest_pain")
    assert disposition == "emergency"
    assert reasons == {"chest-pain": ("emergency", True)}


def test_not_sure_of_a_pulsing_lump_in_the_belly_is_still_an_emergency() -> None:
    disposition, reasons = _triage_unsure("pulsating_abdomen")
    assert disposition == "emergency"
    assert reasons == {"aaa-pulsating": ("emergency", True)}


def test_not_sure_of_leg_weakness_with_past_cancer_is_an_emergency() -> None:
    disposition, reasons = _triage_unsure("leg_weakness", history=["cancer"], history_absent=[])
    assert disposition == "emergency"
    assert reasons["mscc-cancer-nerve"] == ("emergency", True)


def test_not_sure_never_gives_a_lower_level_than_a_plain_no() -> None:
    # For every red-flag question, in several settings, "not sure" is at least as urgent as "no".
    settings: list[dict[str, Any]] = [
        {},
        {"history": ["cancer"], "history_absent": []},
        {"trigger": "fall", "radiation": "thigh", "leg_sides": "one"},
        {"findings": ["fever"]},
        {"pregnant": True, "sex": "female"},
    ]
    for q in load_knowledge().screen:
        if q.asks != "finding" or not q.red_flag:
            continue
        for given in settings:
            said: list[str] = list(given.get("findings", []))
            base = {"age": 40, **given, "findings": said}
            no = triage(Assessment.model_validate({**base, "findings_absent": [q.id]})) if q.id not in said else None
            unsure = triage(Assessment.model_validate({**base, "findings_unsure": [q.id]})) if no else None
            if no is None or unsure is None:
                continue
            assert URGENCY[unsure.disposition] >= URGENCY[no.disposition], (q.id, given)


def test_a_still_unsure_reason_tells_the_person_we_took_the_safer_choice() -> None:
    t = triage(Assessment.model_validate({"age": 40, "findings_unsure": ["foot_drop"]}))
    assert [(r.rule, r.level, r.unsure) for r in t.reasons] == [("neuro-foot-drop", "urgent", True)]


def test_every_red_flag_finding_question_has_a_clarify_or_a_documented_safer_branch() -> None:
    log = read_hazard_log(source_root() / "docs/clinical-safety/hazard-log.yaml")
    documented = {n.question: n for h in log.hazards for n in h.not_sure}
    for q in load_knowledge().screen:
        if q.asks == "finding" and q.red_flag:
            entry = documented.get(q.id)
            assert entry is not None, q.id
            # Without a clarifying question the person must get the safer branch, never "unknown".
            if not q.clarify:
                assert entry.then != "unasked", q.id


def test_not_sure_of_past_cancer_is_kept_unknown_and_listed_as_not_asked() -> None:
    # Known anomaly KA-2: history has no "not sure" branch; the question is listed instead.
    t = triage(Assessment.model_validate({"age": 40, "history": [], "history_absent": ["osteoporosis"]}))
    assert "cancer" in t.red_flags_unasked
    assert "osteoporosis" not in t.red_flags_unasked
    assert t.disposition == "self_care"
