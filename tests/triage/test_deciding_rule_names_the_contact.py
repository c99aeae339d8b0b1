"""A reason names what was found, and when the rules that decide the answer name whom to
call (red_flags.yaml `contact`, words in dispositions.yaml `contacts`), the heading and the
action say that contact, at the rules' own level: a pregnant woman with very bad pain is
told about very bad pain (not "a fever, pee problems, belly pain or very bad pain") under
"Call your maternity unit or midwife", not "Call your GP surgery"."""

from __future__ import annotations

from typing import Any

import pytest

from backrelief.assessment import parse_assessment
from backrelief.knowledge import load_knowledge
from backrelief.triage import Triage, triage

PREGNANT: dict[str, Any] = {"age": 31, "sex": "female", "pregnant": True, "region": "lower", "radiation": "none",
                            "severity": 4, "duration_days": 3, "onset": "gradual", "trigger": "none"}
SIGNS = ["fever", "chills_or_night_sweats", "feels_unwell", "burning_urination", "blood_in_urine", "flank_pain",
         "abdominal_pain", "contractions", "waters_leaking", "reduced_baby_movements", "band_rash", "vaginal_bleeding"]
MATERNITY = "maternity unit or midwife"


def answer(**given: Any) -> Triage:
    data = {**PREGNANT, **given}
    data.setdefault("findings", [])
    data["findings_absent"] = [s for s in SIGNS if s not in data["findings"]]
    return triage(parse_assessment(data, require_age=False))


def test_very_bad_pain_in_pregnancy_with_every_sign_denied_names_the_pain_and_the_maternity_unit() -> None:
    t = answer(severity=6, worst_severity=8)
    assert t.disposition == "urgent"
    [why] = t.reasons
    assert "very bad" in why.reason
    for not_found in ("fever", "pee", "belly"):
        assert not_found not in why.reason
    assert MATERNITY in t.title and MATERNITY in t.action
    assert "GP surgery" not in t.title


# Each sign alone: the one reason says what was found, in its own words, and nothing else.
@pytest.mark.parametrize(("finding", "said", "not_said"), [
    ("fever", "fever", ["pee", "belly", "very bad"]),
    ("feels_unwell", "unwell", ["pee", "belly", "very bad"]),
    ("burning_urination", "pee", ["fever", "belly", "very bad"]),
    ("flank_pain", "side", ["fever", "belly", "very bad"]),
    ("abdominal_pain", "belly", ["fever", "pee", "very bad"]),
    ("contractions", "labour", ["fever", "pee", "very bad"]),
])
def test_each_pregnancy_sign_alone_gives_one_reason_naming_it(finding: str, said: str, not_said: list[str]) -> None:
    t = answer(findings=[finding])
    assert t.disposition == "urgent"
    [why] = [r for r in t.reasons if r.rule.startswith("pregnancy-")]
    assert said in why.reason
    assert not any(word in why.reason for word in not_said), why.reason
    assert MATERNITY in t.title


@pytest.mark.parametrize("finding", ["fever", "flank_pain", "abdominal_pain", "band_rash"])
def test_a_general_rule_at_the_same_level_does_not_take_the_contact_away(finding: str) -> None:
    # A fever fires the infection rule too, a rash the shingles rule: one heading, one action.
    t = answer(findings=[finding, "abdominal_pain"])
    assert t.disposition == "urgent"
    assert MATERNITY in t.title and MATERNITY in t.action
    assert "GP surgery" not in t.action


def test_without_a_contact_naming_rule_the_heading_is_the_levels() -> None:
    t = triage(parse_assessment({**PREGNANT, "pregnant": False, "findings": ["band_rash"]}, require_age=False))
    assert t.disposition == "urgent"
    assert (t.title, t.action) == knowledge_words("urgent")


def test_a_contact_never_changes_the_level_nor_speaks_for_a_more_urgent_answer() -> None:
    # Bleeding with very bad pain in pregnancy: an emergency, under the emergency's own words.
    t = answer(findings=["vaginal_bleeding"], severity=9)
    assert t.disposition == "emergency"
    assert t.title == knowledge_words("emergency")[0]


def test_every_rule_that_names_a_contact_has_its_words_at_its_level() -> None:
    k = load_knowledge()
    named = [r for r in k.rules if r.contact is not None]
    assert named
    for r in named:
        words = k.contacts[str(r.contact)][r.level]
        assert words.title and words.action
        assert all(s in k.sources for s in words.sources)


def knowledge_words(level: str) -> tuple[str, str]:
    d = load_knowledge().dispositions[level]  # type: ignore[index]
    return d.title, d.action
