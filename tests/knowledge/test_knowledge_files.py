"""The knowledge files load strictly, and drift fails loudly."""

from __future__ import annotations

from typing import Any

import pytest

from backrelief.assessment import FINDINGS, parse_assessment
from backrelief.errors import KnowledgeError
from backrelief.knowledge import (
    LEVELS,
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
from backrelief.triage import triage


def _files() -> dict[str, Any]:
    return {
        "manifest": read_data("manifest.yaml", Manifest),
        "sources": read_data("sources.yaml", SourcesFile),
        "dispositions": read_data("dispositions.yaml", DispositionsFile),
        "rules": read_data("red_flags.yaml", RulesFile),
        "causes": read_data("causes.yaml", CausesFile),
        "screen": read_data("screen.yaml", ScreenFile),
    }


def _rules_with(change: dict[str, Any], index: int = 0) -> RulesFile:
    raw = read_data("red_flags.yaml", RulesFile).model_dump(mode="json", exclude_none=True)
    raw["rules"][index].update(change)
    return RulesFile.model_validate(raw)


def test_the_shipped_knowledge_loads_with_a_version() -> None:
    k = load_knowledge()
    assert k.version == read_data("manifest.yaml", Manifest).version
    assert len(k.rules) >= 40


def test_a_rule_citing_a_missing_source_fails_to_load() -> None:
    files = _files()
    files["rules"] = _rules_with({"sources": ["NO-SUCH-SOURCE"]})
    with pytest.raises(KnowledgeError, match="NO-SUCH-SOURCE"):
        build_knowledge(**files)


def test_a_rule_naming_a_finding_outside_the_contract_fails_to_load() -> None:
    with pytest.raises(Exception, match="findings_any"):
        _rules_with({"when": {"findings_any": ["tingly_elbow"]}})


def test_a_rule_with_an_unknown_key_fails_to_load() -> None:
    with pytest.raises(Exception, match="Extra inputs are not permitted"):
        _rules_with({"urgency": "high"})


def test_a_knowledge_without_any_emergency_rule_fails_to_load() -> None:
    files = _files()
    raw = files["rules"].model_dump(mode="json", exclude_none=True)
    raw["rules"] = [r for r in raw["rules"] if r["level"] != "emergency"]
    files["rules"] = RulesFile.model_validate(raw)
    with pytest.raises(KnowledgeError, match="no rule gives the level"):
        build_knowledge(**files)


def test_every_rule_names_only_contract_findings() -> None:
    for rule in load_knowledge().rules:
        assert rule.when.findings_named() <= set(FINDINGS), rule.id


def test_every_source_cited_anywhere_exists() -> None:
    k = load_knowledge()
    cited = {s for r in k.rules for s in r.sources} | {s for c in k.causes.values() for s in c.sources}
    assert cited <= set(k.sources)


@pytest.mark.parametrize(
    ("level", "answers"),
    [
        ("emergency", {"findings": ["saddle_numbness"]}),
        ("urgent", {"findings": ["fever"]}),
        ("routine", {"duration_days": 60}),
        ("self_care", {"trigger": "lifting", "duration_days": 2}),
    ],
)
def test_every_disposition_can_still_be_reached(level: str, answers: dict[str, Any]) -> None:
    assert level in LEVELS
    assert triage(parse_assessment({"age": 40, "findings": [], "history": [], **answers})).disposition == level


def test_every_red_flag_finding_question_offers_a_clarification_or_is_plain() -> None:
    k = load_knowledge()
    asked = {q.id for q in k.screen if q.asks == "finding"}
    assert asked == set(FINDINGS)


def test_every_source_is_one_document_with_a_date_read() -> None:
    sources = read_data("sources.yaml", SourcesFile).sources
    citations = [s.citation for s in sources]
    assert len(citations) == len(set(citations))
    assert all(s.date_read.year >= 2026 for s in sources)
    assert all(s.url is None or s.url.startswith("https://") for s in sources)


def test_two_ids_for_one_document_fail_to_load() -> None:
    files = _files()
    raw = files["sources"].model_dump(mode="json", exclude_none=True)
    twin = dict(raw["sources"][0], id="NICE-NG59-COPY")
    raw["sources"].append(twin)
    files["sources"] = SourcesFile.model_validate(raw)
    with pytest.raises(KnowledgeError, match="same citation; one record per document"):
        build_knowledge(**files)


def test_merged_source_ids_are_gone_and_their_successors_cited() -> None:
    k = load_knowledge()
    assert {"NICE-CG75", "ACR-LBP-2016", "NICE-NG59-RR"}.isdisjoint(k.sources)
    assert "NICE-NG234" in k.rule("mscc-cancer-nerve").sources


# `about` follows "You did not tell us" / "You were not sure"; `name` follows "You noted
# something new:". Two forms of words, kept apart (screen.yaml's header says why both).
ABOUT_OPENINGS = ("whether ", "how ", "what ", "where ", "when ", "if ")


def test_every_finding_has_a_name_and_words_for_the_question_each_in_its_own_form() -> None:
    for q in load_knowledge().screen:
        if q.asks == "finding":
            assert q.name.strip() and q.about.strip(), q.id
        if q.about:
            assert q.about.startswith(ABOUT_OPENINGS), f"{q.id}: about must follow 'You did not tell us'"
        if q.name:
            assert not q.name.startswith(ABOUT_OPENINGS), f"{q.id}: name is the sign, not a question"
            assert q.name != q.about, q.id
