"""The reader's vocabulary (knowledge/data/lexicon.yaml), read through a strict model.

Every target of a phrase must be a value of the assessment contract: a misspelt key
("saddle_numbnes") fails at load time with the file and the key, never at reading time.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache
from typing import Any, Literal

from pydantic import Field, model_validator

from backrelief.assessment import (
    Ease,
    Finding,
    History,
    LegSides,
    Onset,
    Radiation,
    Region,
    Sex,
    Trigger,
    Worsen,
)
from backrelief.errors import KnowledgeError
from backrelief.knowledge import read_data
from backrelief.knowledge.snapshot import remembered
from backrelief.reading.context import ContextRule
from backrelief.values import Strict

Phrases = tuple[str, ...]

_MACRO_USE = re.compile(r"@([a-z_]+)")


PhraseContext = Literal["negated", "denied", "unsure", "hypothetical", "past", "other_person"]


class PhraseContextRule(Strict):
    """A ConText rule for one of the six contexts of a matched phrase (pipeline.py): its cues,
    the side of the phrase they sit on, how many words they reach, and the words that stop
    them. A context's pseudo phrases and stops are shared by all its rules, as in NegEx."""

    id: str
    context: PhraseContext
    direction: Literal["before", "after"]
    max_scope: int = Field(ge=0)
    cues: Phrases = Field(min_length=1)
    pseudo: Phrases = ()
    terminated_by: Phrases = ()
    # False for NegEx's clinical lists: their words are not the reader's spelling vocabulary.
    vocabulary: bool = True


class Topic(Strict):
    values: tuple[Finding, ...] = Field(min_length=1)
    phrases: Phrases = Field(min_length=1)


class Lexicon(Strict):
    macros: dict[str, Phrases]
    spelling: dict[str, str]
    not_typos: Phrases
    phrase_context_rules: tuple[PhraseContextRule, ...]
    context_rules: tuple[ContextRule, ...]
    recent_window_days: int = Field(ge=1, le=365)
    findings: dict[Finding, Phrases]
    denial_topics: tuple[Topic, ...]
    findings_denied: dict[Finding, Phrases]
    findings_maybe: dict[Finding, Phrases]
    history: dict[History, Phrases]
    history_denied: dict[History, Phrases]
    not_history: Phrases
    not_activity: Phrases
    trigger: dict[Trigger, Phrases]
    eases: dict[Ease, Phrases]
    worsens: dict[Worsen, Phrases]
    region: dict[Region, Phrases]
    radiation: dict[Radiation, Phrases]
    radiation_topics: Phrases
    side: dict[LegSides, Phrases]
    onset: dict[Onset, Phrases]
    severity_words: dict[str, Phrases]
    sex: dict[Sex, Phrases]
    pregnant: dict[Literal["true", "false"], Phrases]

    @model_validator(mode="after")
    def _ranges_are_scores(self) -> Lexicon:
        for key in self.severity_words:
            low, _, high = key.partition("-")
            if not (low.isdigit() and high.isdigit() and 0 <= int(low) <= int(high) <= 10):
                raise ValueError(f"severity_words: '{key}' is not a range of pain scores such as '8-9' (0 to 10)")
        return self

    @model_validator(mode="after")
    def _macros_exist(self) -> Lexicon:
        for phrase in self.all_phrases():
            for name in _MACRO_USE.findall(phrase):
                if name not in self.macros:
                    raise ValueError(f"phrase '{phrase}' uses the macro @{name}, which is not defined under macros")
        return self

    def all_phrases(self) -> list[str]:
        phrases: list[str] = []
        for table in (self.findings, self.findings_denied, self.findings_maybe, self.history, self.history_denied, self.trigger,
                      self.eases, self.worsens, self.region, self.radiation, self.side, self.onset, self.sex, self.severity_words,
                      self.pregnant):
            for items in table.values():
                phrases.extend(items)
        for topic in self.denial_topics:
            phrases.extend(topic.phrases)
        phrases.extend(self.not_history)
        phrases.extend(self.not_activity)
        phrases.extend(self.radiation_topics)
        for rule in self.phrase_context_rules:
            if rule.vocabulary:
                phrases.extend(rule.cues + rule.pseudo)
        return phrases

    def targets(self) -> dict[str, dict[str, Phrases]]:
        """Every phrase table keyed by a label prefix: the matcher's labels are `prefix:value`."""
        return {
            "finding": _table(self.findings),
            "finding_denied": _table(self.findings_denied),
            "finding_maybe": _table(self.findings_maybe),
            "history": _table(self.history),
            "history_denied": _table(self.history_denied),
            "trigger": _table(self.trigger),
            "eases": _table(self.eases),
            "worsens": _table(self.worsens),
            "region": _table(self.region),
            "radiation": _table(self.radiation),
            "side": _table(self.side),
            "onset": _table(self.onset),
            "sex": _table(self.sex),
            "severity_word": _table(self.severity_words),
            "pregnant": _table(self.pregnant),
            "topic": {"+".join(t.values): t.phrases for t in self.denial_topics},
            "ignore": {"": self.not_history},
            "ignore_activity": {"": self.not_activity},
            "radiation_topic": {"": self.radiation_topics},
        }


@cache
def load_lexicon() -> Lexicon:
    """The lexicon, validated once and kept on disk for the next process, like the knowledge
    (knowledge/snapshot.py): start-up time of the reader."""
    return remembered("lexicon", Lexicon, read_lexicon, modules=LEXICON_MODULES)


# The modules whose code decides what a Lexicon is.
LEXICON_MODULES = ("backrelief.reading.lexicon", "backrelief.reading.context", "backrelief.assessment",
                   "backrelief.values", "backrelief.errors")


def read_lexicon() -> Lexicon:
    """The lexicon read and checked from lexicon.yaml."""
    lexicon = read_data("lexicon.yaml", Lexicon)
    if not lexicon.findings or not lexicon.history:
        raise KnowledgeError("lexicon.yaml: findings and history must have phrases")
    return lexicon


def _table(table: Mapping[Any, Phrases]) -> dict[str, Phrases]:
    return {str(key): value for key, value in table.items()}
