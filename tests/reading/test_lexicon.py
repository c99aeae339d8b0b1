"""The vocabulary is knowledge data, validated when it is loaded."""

from __future__ import annotations

import re
from typing import Any

import pytest
from pydantic import ValidationError

from backrelief.errors import KnowledgeError
from backrelief.reading.lexicon import Lexicon, load_lexicon
from backrelief.reading.normalise import normalise
from backrelief.reading.patterns import compile_phrase, slots
from backrelief.reading.pipeline import reader


def _data() -> dict[str, Any]:
    return load_lexicon().model_dump()


def test_a_phrase_aimed_at_a_value_outside_the_contract_is_refused() -> None:
    data = _data()
    data["findings"]["saddle_numbnes"] = ["numb bits"]
    with pytest.raises(ValidationError, match="saddle_numbnes"):
        Lexicon.model_validate(data)


def test_a_phrase_using_an_unknown_macro_is_refused() -> None:
    data = _data()
    data["findings"]["fever"] = ["@hotness"]
    with pytest.raises(ValidationError, match="@hotness"):
        Lexicon.model_validate(data)


def test_an_unbalanced_bracket_is_a_knowledge_error_naming_the_phrase() -> None:
    with pytest.raises(KnowledgeError, match="numb"):
        compile_phrase("(numb|dead leg", {}, str.split)


def test_every_finding_and_history_item_has_words_for_it() -> None:
    from backrelief.assessment import FINDINGS, HISTORY, TRIGGERS

    lexicon = load_lexicon()
    assert set(FINDINGS) <= set(lexicon.findings)
    assert set(HISTORY) <= set(lexicon.history)
    assert set(TRIGGERS) <= set(lexicon.trigger)


def test_the_quick_word_split_agrees_with_the_tokenizer_for_every_lexicon_word() -> None:
    # At start-up the reader splits plain words on spaces instead of asking the tokenizer.
    tokenizer = reader().tokenizer
    lexicon = load_lexicon()
    texts: set[str] = set()
    for phrase in lexicon.all_phrases():
        for slot in slots(phrase):
            texts |= {alt.strip() for alt in slot.rstrip("?").strip("()").split("|")}
    for entries in lexicon.macros.values():
        texts |= set(entries)
    differ = []
    for text in texts:
        plain = normalise(text).text
        if re.fullmatch(r"[a-z]+(?: [a-z]+)*", plain) and plain.split() != [t.lower_ for t in tokenizer(plain)]:
            differ.append(plain)
    assert differ == []
