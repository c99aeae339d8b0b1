"""The six contexts of a matched phrase (denied, unsure, a worry, in the past, someone
else's) are ConText rules in lexicon.yaml (`phrase_context_rules`), not negspacy passes with
reach constants: each rule's direction, max_scope, stops and pseudo phrases decide it."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from spacy.pipeline import Sentencizer

from backrelief.reading.lexicon import PhraseContextRule, load_lexicon
from backrelief.reading.pipeline import CONTEXT_KEY, CONTEXTS, SPAN_KEY, PhraseContexts, reader


def _contexts_of(text: str, finding: str, **rule: Any) -> set[str]:
    """The contexts a one-rule set gives the named finding's phrase in the text."""
    shipped = reader()
    tokenizer = shipped.tokenizer
    nlp = SimpleNamespace(vocab=tokenizer.vocab, tokenizer=tokenizer)
    rules = [PhraseContextRule.model_validate({"id": "r", "context": "negated", **rule})]
    doc = Sentencizer()(tokenizer(text))
    doc = shipped.steps[1](doc)  # the lexicon's phrases
    doc = PhraseContexts(nlp, rules, load_lexicon().macros)(doc)
    marks = [m for span, m in zip(doc.spans[SPAN_KEY], doc.user_data[CONTEXT_KEY], strict=True)
             if span.label_ == f"finding:{finding}"]
    assert marks, f"no {finding} phrase in {text!r}"
    return set().union(*marks)


def test_a_cue_before_the_words_reaches_as_many_words_as_its_rule_says() -> None:
    text = "no sign of any fever"
    assert _contexts_of(text, "fever", direction="before", max_scope=3, cues=["no"]) == {"negated"}
    assert _contexts_of(text, "fever", direction="before", max_scope=2, cues=["no"]) == set()


def test_a_cue_after_the_words_reaches_as_many_words_as_its_rule_says() -> None:
    text = "fever is gone"
    assert _contexts_of(text, "fever", direction="after", max_scope=1, cues=["gone"]) == {"negated"}
    assert _contexts_of(text, "fever", direction="after", max_scope=0, cues=["gone"]) == set()


def test_a_cue_on_the_wrong_side_of_the_words_does_not_reach_them() -> None:
    assert _contexts_of("fever no", "fever", direction="before", max_scope=9, cues=["no"]) == set()
    assert _contexts_of("no fever", "fever", direction="after", max_scope=9, cues=["no"]) == set()


def test_a_stop_between_the_cue_and_the_words_ends_the_reach() -> None:
    text = "no back pain but a fever"
    assert _contexts_of(text, "fever", direction="before", max_scope=9, cues=["no"]) == {"negated"}
    assert _contexts_of(text, "fever", direction="before", max_scope=9, cues=["no"], terminated_by=["but"]) == set()


def test_a_sentence_end_ends_every_reach() -> None:
    assert _contexts_of("no pain. a fever", "fever", direction="before", max_scope=9, cues=["no"]) == set()


def test_a_cue_inside_a_pseudo_phrase_is_not_a_cue() -> None:
    assert _contexts_of("no fever", "fever", direction="before", max_scope=9, cues=["no"],
                        pseudo=["no change"]) == {"negated"}
    assert _contexts_of("no change in my fever", "fever", direction="before", max_scope=9, cues=["no"],
                        pseudo=["no change"]) == set()


def test_every_context_has_a_rule_before_the_words_and_all_but_denied_one_after() -> None:
    rules = load_lexicon().phrase_context_rules
    for context in CONTEXTS:
        directions = {r.direction for r in rules if r.context == context}
        assert "before" in directions, context
        assert ("after" in directions) == (context != "denied"), context


def test_negex_clinical_lists_are_not_the_readers_spelling_vocabulary() -> None:
    rules = load_lexicon().phrase_context_rules
    negex = [r for r in rules if r.id.endswith("-negex")]
    assert negex
    assert all(not r.vocabulary for r in negex)
    assert all(r.vocabulary for r in rules if r not in negex)
