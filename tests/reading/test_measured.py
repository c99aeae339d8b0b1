"""The reader measured: the labelled sentences and the dev vignettes in narrative mode."""

from __future__ import annotations

from pathlib import Path

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


def test_own_word_narratives_never_under_triage_an_emergency() -> None:
    # 80 narratives written for the reader in many voices (data/reading/narratives.jsonl).
    missed: list[str] = []
    acceptable = 0
    vignettes = read_vignettes(ROOT / "data" / "reading" / "narratives.jsonl")
    for v in vignettes:
        answer = triage(read(v.narrative, TODAY).assessment).disposition
        acceptable += answer in v.acceptable
        if v.expected == "emergency" and answer != "emergency" and answer not in v.acceptable:
            missed.append(v.id)
    assert missed == []
    assert acceptable / len(vignettes) >= 0.9
