"""The reader's phrase index and lexicon are kept on disk for the next process
(reading/pipeline.py, reading/lexicon.py, knowledge/snapshot.py): what is read back must
find exactly what a freshly built one finds, and a copy made by other code, another
spaCy or other knowledge files is never used."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.tokens import Doc

from backrelief.knowledge.snapshot import CACHE_DIR_VARIABLE, fingerprint, remembered
from backrelief.reading import pipeline
from backrelief.reading.lexicon import LEXICON_MODULES, Lexicon, load_lexicon, read_lexicon
from backrelief.reading.matcher import PhraseIndex
from backrelief.reading.normalise import normalise
from backrelief.reading.pipeline import INDEX_MODULES, SPACY_VERSION, phrase_index

TEXTS = [
    "52F, sciatica in my left leg for 3 weeks, cant feel the loo roll when I wipe",
    "no numbness down below, bladder and bowels fine, just a stiff lower back after lifting",
    "I wet myself last night and my legs feel weak, worse when I cough",
    "back surgery years ago, fine since; my mum had cancer",
]


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    where = tmp_path / "cache"
    monkeypatch.setenv(CACHE_DIR_VARIABLE, str(where))
    return where


class Builds:
    """Counts how often the phrase index was built from the lexicon."""

    def __init__(self) -> None:
        self.count = 0
        self.nlp = pipeline._english()
        self.lexicon = read_lexicon()

    def __call__(self) -> PhraseIndex:
        self.count += 1
        return phrase_index(self.nlp, self.lexicon)


def spans(index: PhraseIndex, nlp: object, text: str) -> list[tuple[str, int, int]]:
    doc: Doc = nlp.tokenizer(normalise(text).text)  # type: ignore[attr-defined]
    return [(s.label_, s.start, s.end) for s in index(doc)]


def stored(builds: Builds) -> PhraseIndex:
    return remembered("reader-phrases", PhraseIndex, builds, modules=INDEX_MODULES, versions=(SPACY_VERSION,))


def test_a_phrase_index_read_back_from_disk_finds_the_same_phrases_as_one_just_built(folder: Path) -> None:
    builds = Builds()
    first = stored(builds)
    second = stored(builds)
    assert builds.count == 1, "the second index must come from the stored copy"
    assert list(folder.glob("reader-phrases-*.pickle"))
    fresh = phrase_index(builds.nlp, builds.lexicon)
    for text in TEXTS:
        assert spans(second, builds.nlp, text) == spans(fresh, builds.nlp, text) == spans(first, builds.nlp, text)
        assert spans(fresh, builds.nlp, text), f"the sample text finds no phrase at all: {text}"


def test_a_phrase_added_to_an_index_read_back_is_found_and_a_repeat_is_not_added_twice(folder: Path) -> None:
    builds = Builds()
    stored(builds)
    index = stored(builds)
    index.add("finding:saddle_numbness", [[{"LOWER": "zzfrog"}, {"LOWER": "zzpond"}]])
    index.add("finding:saddle_numbness", [[{"LOWER": "zzfrog"}, {"LOWER": "zzpond"}]])
    found = spans(index, builds.nlp, "a zzfrog zzpond here")
    assert found == [("finding:saddle_numbness", 1, 3)]


def test_the_reader_reads_every_sample_text_alike_from_a_stored_or_a_built_index(
        folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def readings() -> list[list[tuple[str, str, bool]]]:
        pipeline.reader.cache_clear()
        load_lexicon.cache_clear()
        return [[(m.field, m.value, m.negated) for m in pipeline.reader().mentions(t)[1]] for t in TEXTS]

    try:
        monkeypatch.setenv(CACHE_DIR_VARIABLE, "")
        built = readings()
        monkeypatch.setenv(CACHE_DIR_VARIABLE, str(folder))
        readings()  # stores the copy
        assert list(folder.glob("reader-phrases-*.pickle")) and list(folder.glob("lexicon-*.pickle"))
        assert readings() == built
    finally:
        pipeline.reader.cache_clear()
        load_lexicon.cache_clear()


def test_a_copy_made_with_another_spacy_or_other_code_has_another_name() -> None:
    base = fingerprint(INDEX_MODULES, (SPACY_VERSION,))
    assert fingerprint(INDEX_MODULES, ("0.0.0-another-spacy",)) != base
    assert fingerprint(LEXICON_MODULES, (SPACY_VERSION,)) != base
    assert fingerprint(INDEX_MODULES, (SPACY_VERSION,)) == base


def test_a_lexicon_read_back_from_disk_equals_the_one_read_from_lexicon_yaml(folder: Path) -> None:
    reads = []

    def read() -> Lexicon:
        reads.append(1)
        return read_lexicon()

    first = remembered("lexicon", Lexicon, read, modules=LEXICON_MODULES)
    second = remembered("lexicon", Lexicon, read, modules=LEXICON_MODULES)
    assert len(reads) == 1
    assert second == first == read_lexicon()
