"""A small ConText engine: context rules as data (lexicon.yaml `context_rules`), each with
its cues, the direction it looks in, how far it reaches and the words that stop it, in the
manner of medspacy's ConTextRule (direction, max_scope, terminated_by).

It answers, for a span of the normalised text, which rule categories reach it: a hedge in
its sentence, a sign that came and went, a denial that holds only "until today", a
concession after a denial ("though I did have one accident"), or a past episode
("back in 2015", "last time"). The reader uses these to keep a denial plain.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Literal

from pydantic import Field

from backrelief.reading.patterns import plain_phrases
from backrelief.values import Strict

Category = Literal["hedge", "doubt", "resolved", "until_now", "concession", "past_episode", "positional", "long_standing",
                   "new_onset", "past_tense", "now_only", "answered_no", "answered_yes", "plain_denial", "negated_before",
                   "relative", "past_episode_time"]
Direction = Literal["before", "after", "both"]

_TOKEN = re.compile(r"[a-z0-9]+(?:'[a-z]+)?|[^\sa-z0-9]")
# Cues are split into words as the text is ("co-worker" is three), keeping #year and #number.
_CUE_TOKEN = re.compile(r"#[a-z]+|[a-z0-9]+(?:'[a-z]+)?|[^\sa-z0-9]")
_SENTENCE_END = re.compile(r"[.!?;]+(?=\s|$)|\n")
_YEAR = re.compile(r"(?:19|20)\d\d")


class ContextRule(Strict):
    """One rule: cue phrases (plain words; `#year` stands for a year before this one)."""

    id: str
    category: Category
    # Where the cue sits relative to the words it speaks to: before them, after them, either.
    direction: Direction
    # How many words it reaches (0: only the words next to it); None is the whole sentence.
    max_scope: int | None = Field(default=None, ge=0)
    terminated_by: tuple[str, ...] = ()
    cues: tuple[str, ...] = Field(min_length=1)
    # Longer phrases holding a cue that mean something else ("maybe #number" is a guess at a
    # number, not a hedge about a sign); `(a|b)` choices and @macros are written out.
    pseudo: tuple[str, ...] = ()
    # A short sentence that opens with a cue speaks to the sentence before it as well:
    # "Numb down there. Maybe." / "My pee looks odd. Not sure though."
    alone_reaches_back: bool = False
    # Only such a short sentence, straight after a question that ends at most `max_scope` words
    # after the words: "Numbness in my groin? No." answers the question; no cue inside it counts.
    answers_a_question: bool = False
    # With answers_a_question: the cue may sit anywhere in that answer, not only open it
    # ("Numb down there? Not really, I don't think so.").
    cue_anywhere: bool = False


# A sentence that opens with a cue and has at most this many words is an afterthought about
# the sentence before it, not a statement of its own.
_AFTERTHOUGHT_WORDS = 6

_NUMBER_WORDS = frozenset({"a", "an", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
                           "eleven", "twelve", "fifteen", "twenty", "thirty", "couple", "few", "several", "half"})


@dataclass(frozen=True)
class _ReadyRule:
    """A context rule made ready to match: its cues, stops and pseudo phrases as words."""

    rule: ContextRule
    cues: tuple[tuple[str, ...], ...]
    stops: tuple[tuple[str, ...], ...]
    pseudo: tuple[tuple[str, ...], ...]
    # The cues by their first word ("#year" and "#number" under their own keys).
    by_first: dict[str, tuple[tuple[str, ...], ...]]


@dataclass(frozen=True)
class Sentence:
    tokens: tuple[str, ...]
    starts: tuple[int, ...]
    ends: tuple[int, ...]
    # Where each word is, with "#year" and "#number" for the years and numbers: a rule only
    # tries its cues where their first word is.
    at: dict[str, tuple[int, ...]]


class ContextEngine:
    def __init__(self, rules: Sequence[ContextRule], macros: Mapping[str, Sequence[str]]) -> None:
        def words(phrases: Sequence[str]) -> tuple[tuple[str, ...], ...]:
            return tuple(tuple(_CUE_TOKEN.findall(p)) for phrase in phrases for p in plain_phrases(phrase, macros))

        compiled: list[_ReadyRule] = []
        for r in rules:
            cues = words(r.cues)
            by_first: dict[str, list[tuple[str, ...]]] = {}
            for cue in cues:
                by_first.setdefault(cue[0], []).append(cue)
            compiled.append(_ReadyRule(r, cues, words(r.terminated_by), words(r.pseudo),
                                      {k: tuple(v) for k, v in by_first.items()}))
        self._rules = tuple(compiled)
        self._sentences: dict[tuple[str, int, int], Sentence] = {}
        self._found: dict[tuple[str, int, int, date], frozenset[Category]] = {}

    def categories(self, text: str, start: int, end: int, today: date) -> frozenset[Category]:
        """The categories whose rules reach text[start:end] (normalised-text offsets)."""
        key = (text, start, end, today)
        if key not in self._found:
            if len(self._found) > 256:
                self._found.clear()
            self._found[key] = self._categories(text, start, end, today)
        return self._found[key]

    def _categories(self, text: str, start: int, end: int, today: date) -> frozenset[Category]:
        sentence = self._sentence(text, start, end)
        first = bisect_right(sentence.ends, start)
        last = bisect_right(sentence.starts, end - 1) if end > start else first
        if first >= last:
            return frozenset()
        after = self._next_sentence(text, end)
        found: set[Category] = set()
        for compiled in self._rules:
            if compiled.rule.category in found:
                continue
            if compiled.rule.answers_a_question:
                if after is not None and _asks(text, sentence, last, compiled.rule.max_scope) and \
                        _afterthought(compiled, after, today):
                    found.add(compiled.rule.category)
                continue
            if self._reaches(compiled, sentence, first, last, today) or (
                    compiled.rule.alone_reaches_back and after is not None and _afterthought(compiled, after, today)):
                found.add(compiled.rule.category)
        return frozenset(found)

    def end_of_cue_after(self, text: str, start: int, end: int, today: date, category: Category) -> int | None:
        """Where the nearest cue after text[start:end] of a rule of this category ends, when it
        reaches the words ("bowels" + "fine", "bladder/bowel" + "nad"): the words and their cue
        are quoted together."""
        sentence = self._sentence(text, start, end)
        last = bisect_right(sentence.starts, end - 1) if end > start else bisect_right(sentence.ends, start)
        tokens = sentence.tokens
        best: int | None = None
        for c in self._rules:
            rule = c.rule
            if rule.category != category or rule.direction == "before" or rule.answers_a_question:
                continue
            for i in range(last, len(tokens)):
                if not _within(rule, last, i) or _stopped(c.stops, tokens, last, i):
                    break
                for cue in c.by_first.get(tokens[i], ()):
                    if _match(cue, tokens, i, today) and not _inside_pseudo(c.pseudo, tokens, i, today):
                        cue_end = sentence.ends[i + len(cue) - 1]
                        best = cue_end if best is None else min(best, cue_end)
                if best is not None:
                    return best
        return best

    def words(self, text: str, start: int, end: int) -> tuple[str, ...]:
        """The words of the sentence around text[start:end]."""
        return self._sentence(text, start, end).tokens

    def _next_sentence(self, text: str, end: int) -> Sentence | None:
        after = _SENTENCE_END.search(text, end)
        if after is None or after.end() >= len(text):
            return None
        following = self._sentence(text, after.end(), after.end())
        return following if following.tokens else None

    def _sentence(self, text: str, start: int, end: int) -> Sentence:
        """The sentence around a span, kept while the same text is read (one per mention)."""
        left, right = _bounds(text, start, end)
        key = (text, left, right)
        if key not in self._sentences:
            if len(self._sentences) > 256:
                self._sentences.clear()
            self._sentences[key] = _tokens(text, left, right)
        return self._sentences[key]

    def _reaches(self, c: _ReadyRule, s: Sentence, first: int, last: int, today: date) -> bool:
        rule = c.rule
        tokens = s.tokens
        n = len(tokens)
        for word, places in s.at.items():
            options = c.by_first.get(word)
            if not options:
                continue
            for i, cue in ((i, cue) for i in places for cue in options):
                # The second word first: most cues that share a first word ("i think", "i guess")
                # differ there, and this is the reader's innermost loop.
                if len(cue) > 1 and (i + 1 >= n or (tokens[i + 1] != cue[1] and cue[1][0] != "#")):
                    continue
                if not _match(cue, tokens, i, today) or _inside_pseudo(c.pseudo, tokens, i, today):
                    continue
                cue_end = i + len(cue)
                if rule.direction in ("before", "both") and cue_end <= first and \
                        _within(rule, cue_end, first) and not _stopped(c.stops, tokens, cue_end, first):
                    return True
                if rule.direction in ("after", "both") and i >= last and \
                        _within(rule, last, i) and not _stopped(c.stops, tokens, last, i):
                    return True
                if rule.direction == "both" and rule.max_scope is None and i < last and cue_end > first:
                    return True  # the cue is inside the words themselves ("?saddle numbness")
        return False


def _afterthought(c: _ReadyRule, s: Sentence, today: date) -> bool:
    """A short sentence opening with one of the rule's cues ("Maybe.", "Not sure though."); an
    answer to a question may run on ("No, but my legs are weak")."""
    if len(s.tokens) > _AFTERTHOUGHT_WORDS and not c.rule.answers_a_question:
        return False
    places = range(len(s.tokens)) if c.rule.cue_anywhere else range(1)
    return any(_match(cue, s.tokens, i, today) and not _inside_pseudo(c.pseudo, s.tokens, i, today)
               for i in places for cue in c.by_first.get(s.tokens[i], ()))


def _asks(text: str, s: Sentence, last: int, reach: int | None) -> bool:
    """The sentence is a question ending within `reach` words of the words' end."""
    if not s.tokens:
        return False
    asked = s.tokens[-1] == "?" or text[s.ends[-1]:s.ends[-1] + 3].lstrip().startswith("?")
    return asked and (reach is None or len(s.tokens) - last <= reach)


def _within(rule: ContextRule, a: int, b: int) -> bool:
    return rule.max_scope is None or b - a <= rule.max_scope


def _match(cue: tuple[str, ...], tokens: tuple[str, ...], i: int, today: date) -> bool:
    if i < 0 or i + len(cue) > len(tokens):
        return False
    for k, word in enumerate(cue):
        token = tokens[i + k]
        if word == "#year":
            if not (_YEAR.fullmatch(token) and int(token) < today.year):
                return False
        elif word == "#number":
            if not (token.isdigit() or token in _NUMBER_WORDS):
                return False
        elif token != word:
            return False
    return True


def _inside_pseudo(pseudo: tuple[tuple[str, ...], ...], tokens: tuple[str, ...], i: int, today: date) -> bool:
    return any(_match(p, tokens, j, today) for p in pseudo for j in range(i - len(p) + 1, i + 1))


def _stopped(stops: tuple[tuple[str, ...], ...], tokens: tuple[str, ...], a: int, b: int) -> bool:
    """A stop that begins between the cue and the words, even one that runs on into them
    ("... wipe and I think": "and i" ends the reach though its "i" opens the cue)."""
    return any(tokens[j:j + len(stop)] == stop for stop in stops for j in range(a, b))


def _bounds(text: str, start: int, end: int) -> tuple[int, int]:
    left = 0
    # Searched over the whole text: cut at `start`, a "?" just before the words ("?saddle
    # numbness", a clinician's query) would look like the end of a sentence.
    for match in _SENTENCE_END.finditer(text):
        if match.end() > start:
            break
        left = match.end()
    after = _SENTENCE_END.search(text, max(end, start))
    if after is None:
        return left, len(text)
    # "numb down there??": a doubled question mark is doubt about the sentence it ends, so it
    # stays in that sentence (where the hedge rule's "?" cue can see it).
    return left, after.end() if "??" in after.group(0) else after.start()


def _tokens(text: str, left: int, right: int) -> Sentence:
    words = [(m.group(0), m.start() + left, m.end() + left) for m in _TOKEN.finditer(text[left:right])]
    at: dict[str, list[int]] = {}
    for i, (word, _, _) in enumerate(words):
        at.setdefault(word, []).append(i)
        if _YEAR.fullmatch(word):
            at.setdefault("#year", []).append(i)
        if word.isdigit() or word in _NUMBER_WORDS:
            at.setdefault("#number", []).append(i)
    return Sentence(tuple(w for w, _, _ in words), tuple(a for _, a, _ in words), tuple(b for _, _, b in words),
                    {k: tuple(v) for k, v in at.items()})
