"""The reader measured: the labelled sentences and the dev vignettes in narrative mode."""

from __future__ import annotations

from pathlib import Path

import pytest

from backrelief.evaluate import read_vignettes
from backrelief.knowledge import URGENCY
from backrelief.reading import read
from backrelief.reading.scoring import read_labelled, score
from backrelief.triage import triage
from tests.reading.conftest import TODAY

ROOT = Path(__file__).resolve().parents[2]


def test_the_labelled_set_has_at_least_300_sentences_in_varied_styles() -> None:
    labelled = read_labelled(ROOT / "data" / "reading" / "labelled.jsonl")
    assert len(labelled) >= 300
    assert {"texting", "older", "non-native", "clinical", "rambling", "typos"} <= {s.style for s in labelled}


def test_red_flag_findings_are_caught_in_the_labelled_sentences() -> None:
    scores = score(read_labelled(ROOT / "data" / "reading" / "labelled.jsonl"))
    red = scores.fields["red_flag_findings"]
    assert red.recall >= 0.97, [m for m in scores.misses if any(x.startswith("findings=") for x in m.missing)]
    assert red.precision >= 0.90


def test_every_field_of_the_labelled_sentences_scores_f1_of_at_least_0_9() -> None:
    scores = score(read_labelled(ROOT / "data" / "reading" / "labelled.jsonl"))
    weak = {name: round(f.f1, 2) for name, f in scores.fields.items()
            if f.true_positive + f.false_negative >= 5 and f.f1 < 0.9}
    assert weak == {}


def test_dev_vignettes_read_from_narratives_never_under_triage_an_emergency() -> None:
    missed: list[str] = []
    acceptable = 0
    vignettes = read_vignettes(ROOT / "data" / "vignettes" / "dev.jsonl")
    for v in vignettes:
        answer = triage(read(v.narrative, TODAY).assessment).disposition
        acceptable += answer in v.acceptable
        if v.expected == "emergency" and URGENCY[answer] < URGENCY["emergency"] and answer not in v.acceptable:
            missed.append(v.id)
    assert missed == []
    assert acceptable / len(vignettes) >= 0.9


@pytest.mark.parametrize("name", ["narratives.jsonl", "narratives_round2.jsonl"])
def test_own_word_narratives_never_under_triage_an_emergency(name: str) -> None:
    # Narratives written for the reader in many voices (data/reading/); round 2 was written
    # after the held-out review and scored before any fix (first pass 41/60).
    missed: list[str] = []
    acceptable = 0
    vignettes = read_vignettes(ROOT / "data" / "reading" / name)
    for v in vignettes:
        answer = triage(read(v.narrative, TODAY).assessment).disposition
        acceptable += answer in v.acceptable
        if v.expected == "emergency" and answer != "emergency" and answer not in v.acceptable:
            missed.append(v.id)
    assert missed == []
    assert acceptable / len(vignettes) >= 0.9


def test_self_care_narratives_full_of_denials_stay_self_care() -> None:
    # The guard against over-triage: every self-care narrative of round 2 piles up denials
    # ("no numbness, no weakness, no bladder probs...") and must not be read as a red flag.
    vignettes = [v for v in read_vignettes(ROOT / "data" / "reading" / "narratives_round2.jsonl")
                 if v.expected == "self_care"]
    answers = {v.id: triage(read(v.narrative, TODAY).assessment).disposition for v in vignettes}
    assert len(answers) == 12
    acceptable = {v.id: v.acceptable for v in vignettes}
    assert {i: a for i, a in answers.items() if a not in acceptable[i]} == {}
