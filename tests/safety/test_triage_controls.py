"""Controls on the triage core that the hazard log relies on (HAZ-010 ... HAZ-020)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from rich.console import Console

import backrelief
from backrelief.assessment import Assessment, parse_assessment
from backrelief.errors import InvalidInput, KnowledgeError, TooYoung
from backrelief.evaluate import read_vignettes, score, structured_answer
from backrelief.knowledge import (
    CausesFile,
    DispositionsFile,
    Manifest,
    RulesFile,
    ScreenFile,
    SourcesFile,
    build_knowledge,
    load_knowledge,
    read_data,
)
from backrelief.render.triage_text import print_triage
from backrelief.triage import triage

ROOT = Path(__file__).resolve().parents[2]


def test_an_assessment_with_nothing_asked_lists_every_red_flag_question_as_unasked() -> None:
    t = triage(Assessment(age=40))
    screen = load_knowledge().screen
    # Questions with an ask_if (the pregnancy signs) apply only in their situation.
    asked_yes_no = [q.id for q in screen if q.red_flag and q.asks in ("finding", "history") and q.ask_if is None]
    assert [i for i in t.red_flags_unasked if i in asked_yes_no] == asked_yes_no
    assert {"pregnant", "trigger", "region", "radiation", "worsens"} <= set(t.red_flags_unasked)
    assert "age" not in t.red_flags_unasked
    assert t.disposition == "self_care"


def test_a_finding_not_asked_is_unknown_never_no() -> None:
    a = Assessment.model_validate({"age": 40, "findings": [], "findings_absent": ["chest_pain"]})
    assert a.finding_status("chest_pain") == "no"
    assert a.finding_status("saddle_numbness") == "unknown"
    assert "saddle_numbness" in triage(a).red_flags_unasked
    assert "chest_pain" not in triage(a).red_flags_unasked


def test_unknown_age_after_a_fall_is_treated_as_an_older_person() -> None:
    # A mild fall some days ago (a fresh or hard fall with no score is an emergency).
    t = triage(Assessment.model_validate({"trigger": "fall", "severity": 3, "onset": "gradual", "duration_days": 5}))
    assert t.disposition == "urgent"
    assert [r.rule for r in t.reasons] == ["trauma-fall-older", "trauma-fall"]
    assert "age" in t.red_flags_unasked


def test_under_16_is_refused_with_advice_to_see_a_clinician() -> None:
    with pytest.raises(TooYoung) as refused:
        parse_assessment({"age": 15})
    assert str(refused.value) == TooYoung.MESSAGE
    assert "see a doctor, nurse or pharmacist" in TooYoung.MESSAGE


def test_structured_input_without_an_age_is_refused() -> None:
    with pytest.raises(InvalidInput) as refused:
        parse_assessment({"findings": []})
    assert str(refused.value) == "'age' is required: a whole number from 16 to 110"


def test_the_most_urgent_rule_wins_and_every_rule_that_fired_is_a_reason() -> None:
    t = triage(parse_assessment({"age": 40, "findings": ["leg_numbness", "saddle_numbness", "band_rash"]}))
    assert t.disposition == "emergency"
    assert [(r.rule, r.level) for r in t.reasons] == [
        ("ces-saddle-numbness", "emergency"),
        ("shingles-rash", "urgent"),
        ("neuro-leg-numbness", "routine"),
    ]


def test_every_triage_carries_emergency_help_not_a_diagnosis_and_the_knowledge_version() -> None:
    k = load_knowledge()
    for given in ({"age": 40}, {"age": 40, "findings": ["chest_pain"]}, {"age": 70, "history": ["cancer"]}):
        t = triage(parse_assessment(given))
        assert t.emergency_help == k.emergency_help
        assert "999" in t.emergency_help
        assert t.not_a_diagnosis == k.not_a_diagnosis
        assert t.knowledge_version == k.version


def test_the_knowledge_version_is_the_one_in_the_manifest() -> None:
    assert load_knowledge().version == read_data("manifest.yaml", Manifest).version


def test_a_self_care_answer_still_lists_the_warning_signs() -> None:
    t = triage(parse_assessment({"age": 30, "findings": [], "history": [], "trigger": "lifting"}))
    assert t.disposition == "self_care"
    assert t.warning_signs == load_knowledge().warning_signs
    # The cauda equina signs first, then both legs, chest pain and not walking.
    said = t.warning_signs.lower()
    for sign in ("bottom", "genitals", "pee", "poo", "both legs", "chest pain", "cannot walk"):
        assert sign in said, sign
    assert said.index("bottom") < said.index("both legs") < said.index("chest pain")


def test_serious_causes_are_said_as_what_the_answers_fit_never_as_a_diagnosis() -> None:
    t = triage(parse_assessment({"age": 40, "findings": ["saddle_numbness"]}))
    assert t.consistent_with[0].id == "cauda_equina"
    assert t.consistent_with[0].serious is True
    for c in t.consistent_with:
        assert not c.summary.lower().startswith("you have")


def _render(t: object) -> str:
    out = io.StringIO()
    print_triage(t, Console(file=out, width=100, color_system=None))  # type: ignore[arg-type]
    return out.getvalue()


def test_the_terminal_answer_puts_the_emergency_message_first() -> None:
    text = _render(triage(parse_assessment({"age": 40, "findings": ["saddle_numbness"]})))
    lines = [line for line in text.splitlines() if line.strip()]
    emergency = load_knowledge().dispositions["emergency"]
    assert lines[0].strip() == f"EMERGENCY: {emergency.title.upper()}"
    assert emergency.action.startswith(lines[1].strip())
    assert "999" in lines[1]
    assert any("112" in line and "911" in line for line in lines[2:4])


def test_the_terminal_answer_says_what_was_not_asked() -> None:
    text = _render(triage(Assessment(age=40)))
    assert "Not asked yet (unknown is not the same as no):" in text


def test_the_development_vignettes_show_no_under_triage() -> None:
    result = score(read_vignettes(ROOT / "data" / "vignettes" / "dev.jsonl"), structured_answer)
    assert result.under_triage == ()
    assert result.errors == ()


def test_the_second_edition_vignettes_show_no_under_triage() -> None:
    # Written from the guidelines for the second edition (collapse, cord, pregnancy,
    # first episode, unknown answers) with look-alikes that must stay self-care.
    result = score(read_vignettes(ROOT / "data" / "vignettes" / "second-edition.jsonl"), structured_answer)
    assert result.under_triage == ()
    assert result.errors == ()
    assert len(read_vignettes(ROOT / "data" / "vignettes" / "second-edition.jsonl")) >= 40


def test_a_rule_citing_an_unknown_source_stops_the_knowledge_from_loading() -> None:
    rules = read_data("red_flags.yaml", RulesFile)
    first = rules.rules[0].model_copy(update={"sources": ("NO-SUCH-SOURCE",)})
    broken = RulesFile(rules=(first, *rules.rules[1:]))
    with pytest.raises(KnowledgeError) as stopped:
        build_knowledge(
            read_data("manifest.yaml", Manifest),
            read_data("sources.yaml", SourcesFile),
            read_data("dispositions.yaml", DispositionsFile),
            broken,
            read_data("causes.yaml", CausesFile),
            read_data("screen.yaml", ScreenFile),
        )
    assert str(stopped.value) == (
        "red_flags.yaml: rule ces-saddle-numbness: cites source id(s) not in sources.yaml: NO-SUCH-SOURCE"
    )


def test_the_regulatory_status_says_plainly_there_is_no_approval() -> None:
    status = backrelief.REGULATORY_STATUS
    assert "medical device in the UK and EU" in status
    assert "no UKCA or CE marking" in status
    assert "no such approval" in status
    assert "No clinical safety officer has signed its safety case." in status
