"""The spaCy pipeline: a blank English tokenizer, a sentencizer, the lexicon's phrase
patterns, and one pass of ConText rules (lexicon.yaml `phrase_context_rules`) that marks
each matched phrase as denied, unsure, hypothetical (a worry, a question), in the past, or
about someone else.

No model is downloaded; the pipeline is built once per process.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from types import SimpleNamespace
from typing import Any

from spacy import about as spacy_about
from spacy import util
from spacy.lang.en import English
from spacy.matcher import PhraseMatcher
from spacy.pipeline import Sentencizer
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc, Span
from spacy.util import filter_spans
from spacy.vocab import create_vocab

from backrelief.knowledge.snapshot import collector_paused, remembered
from backrelief.reading.lexicon import Lexicon, PhraseContextRule, load_lexicon
from backrelief.reading.matcher import PhraseIndex
from backrelief.reading.normalise import Normalised, Speller, normalise
from backrelief.reading.patterns import compile_phrase, plain_phrases

SPAN_KEY = "reading"
_PLAIN = re.compile(r"[a-z]+(?: [a-z]+)*")
# "denied" is negation by a cue before the words only ("no history of cancer"); history
# items use it, so "back surgery years ago, fine since" is not a denial of surgery.
CONTEXTS = ("negated", "denied", "unsure", "hypothetical", "past", "other_person")
# Fields whose phrases compete for the same words: the longest phrase wins.
COMPETING = {
    "finding": "clinical", "finding_denied": "clinical", "topic": "clinical", "history": "clinical",
    "history_denied": "clinical", "ignore": "clinical", "ignore_activity": "activity", "trigger": "activity", "eases": "activity",
    "worsens": "activity",
}
# Where the contexts of each phrase are kept on the doc, in the order of doc.spans[SPAN_KEY].
CONTEXT_KEY = "reading_contexts"


@dataclass(frozen=True)
class Mention:
    field: str
    value: str
    start: int  # in the normalised text
    end: int
    negated: bool
    denied: bool
    unsure: bool
    hypothetical: bool
    past: bool
    other_person: bool


# A cue match: where it starts and ends (tokens) and how many words it reaches.
_Cue = tuple[int, int, int]


class PhraseContexts:
    """The lexicon's phrase context rules (lexicon.yaml `phrase_context_rules`) in one pass:
    marks each matched phrase with the contexts whose cues reach it.

    NegEx's algorithm, as negspacy ran it in six passes: a cue inside a context's pseudo
    phrase does not count; a sentence's end or one of the context's stops ends every reach;
    a cue before the phrase reaches `max_scope` words (further down a list of things it can
    deny, not into a new clause, past a comma only down a list that starts with something it
    denies, a bare "not" only up to a comma); a cue after it reaches `max_scope` words within
    the phrase's own clause and not past another phrase."""

    def __init__(self, nlp: Any, rules: Sequence[PhraseContextRule], macros: Mapping[str, Sequence[str]]) -> None:
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        groups: dict[tuple[str, str, int], list[str]] = {}
        for rule in rules:
            groups.setdefault((rule.context, "pseudo", 0), []).extend(_plain_cues(rule.pseudo, macros))
            groups.setdefault((rule.context, "stop", 0), []).extend(_plain_cues(rule.terminated_by, macros))
            groups.setdefault((rule.context, rule.direction, rule.max_scope), []).extend(_plain_cues(rule.cues, macros))
        self.kinds: dict[int, tuple[str, str, int]] = {}
        for key, phrases in groups.items():
            if not phrases:
                continue
            label = "|".join(map(str, key))
            self.matcher.add(label, list(nlp.tokenizer.pipe(dict.fromkeys(phrases))))
            self.kinds[nlp.vocab.strings[label]] = key
        self.contexts = tuple(dict.fromkeys(rule.context for rule in rules))

    def __call__(self, doc: Doc) -> Doc:
        spans = list(doc.spans[SPAN_KEY])
        marks: list[set[str]] = [set() for _ in spans]
        doc.user_data[CONTEXT_KEY] = marks
        if not spans:
            return doc
        found: dict[str, dict[str, list[_Cue]]] = {c: {"pseudo": [], "stop": [], "before": [], "after": []}
                                                    for c in self.contexts}
        for match_id, start, end in self.matcher(doc):
            context, kind, scope = self.kinds[match_id]
            found[context][kind].append((start, end, scope))
        sentence_starts = [sentence.start for sentence in doc.sents]
        for context, cues in found.items():
            pseudo = cues["pseudo"]

            def real(matches: list[_Cue], pseudo: list[_Cue] = pseudo) -> list[_Cue]:
                # A cue that starts inside a pseudo phrase ("no change", "not sure if") is not one.
                return [m for m in matches if not any(p[0] <= m[0] <= p[1] for p in pseudo)]

            before, after = real(cues["before"]), real(cues["after"])
            if not before and not after:
                continue
            starts = sorted([*sentence_starts, *(m[0] for m in real(cues["stop"])), len(doc)])
            for left, right in itertools.pairwise(starts):
                near_before = [m for m in before if left <= m[0] < right]
                near_after = [m for m in after if left <= m[0] < right]
                if not near_before and not near_after:
                    continue
                for i, span in enumerate(spans):
                    if left <= span.start < right and left < span.end <= right and \
                            _reached(doc, spans, span, near_before, near_after):
                        marks[i].add(context)
        return doc


def _reached(doc: Doc, spans: list[Span], span: Span, before: list[_Cue], after: list[_Cue]) -> bool:
    """Whether a cue before or after the phrase reaches it (NegEx's window, with our grammar)."""
    if any(end <= span.start and (span.start - end <= scope or _one_list(doc, end, span))
           and not _new_clause(doc, end, span.start) and _list_goes_on(doc, end, span)
           and not _verb_stops_at_comma(doc, start, end, span)
           for start, end, scope in before):
        return True
    # A cue after the words speaks only within their own phrase: "lifting weights, its ok
    # when I lie down" does not deny the lifting.
    # Nor past another phrase: in "I wet myself and bowels fine" the "fine" is the bowels'.
    others = [o for o in spans if o is not span and o.start >= span.end]
    # And a sign's phrase that runs over an "and" ("numb foot and legs fine") is not
    # denied by a word after it: the word speaks to the part just before it.
    if span.label_.startswith("finding:") and any(t.lower_ in {"and", "but"} for t in span):
        return False
    return any(start >= span.end and start - span.end <= scope
               and not any(t.text in {",", ";"} for t in doc[span.end:start])
               and not any(o.start < start for o in others)
               for start, _, scope in after)


# Words that, right after a comma, start a new statement rather than continue a list:
# "no fever, peeing fine, on warfarin" denies only the fever.
CLAUSE_STARTERS = {"on", "i", "my", "taking", "take", "takes", "had", "have", "has", "been", "just", "also", "it",
                   "its", "the", "when", "but", "and", "now", "though", "this", "that", "there", "since", "which",
                   "so", "otherwise", "apart", "except", "only", "still", "a", "an"}


def _new_clause(doc: Doc, start: int, end: int) -> bool:
    return any(doc[i].text in {",", ";", "-"} and i + 1 < len(doc) and doc[i + 1].lower_ in CLAUSE_STARTERS
               for i in range(start, end))


LIST_JOINS = {",", "or", "and", "nor", "/", "any", "no"}


def _one_list(doc: Doc, cue_end: int, span: Span) -> bool:
    """A denial reaches past its usual window down a list made only of things it can deny:
    "denies leg symptoms, saddle numbness, urinary retention or incontinence, fever"."""
    covered = {i for other in doc.spans[SPAN_KEY] for i in range(other.start, other.end)}
    return span.start - cue_end <= 30 and all(i in covered or doc[i].lower_ in LIST_JOINS
                                              for i in range(cue_end, span.start))


def _verb_stops_at_comma(doc: Doc, cue_start: int, cue_end: int, span: Span) -> bool:
    """A bare "not" or "never" negates a verb, and a verb's clause ends at a comma: "it
    doesn't let up, worse at night" does not deny the night."""
    return doc[cue_start:cue_end].text in {"not", "never"} and any(
        doc[i].text in {",", ";"} for i in range(cue_end, span.start))


def _list_goes_on(doc: Doc, cue_end: int, span: Span) -> bool:
    """Past a comma, a denial reaches only down a list that starts with something it
    denies: "no fever, chills or weight loss", but not "not been sleeping, numb bum"."""
    commas = [i for i in range(cue_end, span.start) if doc[i].text in {",", ";"}]
    if not commas:
        return True
    return any(cue_end <= other.start <= cue_end + 3 and other.end <= commas[0]
               for other in doc.spans[SPAN_KEY] if other is not span)


class Terms:
    """The lexicon's phrases as one Matcher; writes the winning spans to doc.spans."""

    def __init__(self, nlp: Any, lexicon: Lexicon) -> None:
        # Expanding the lexicon into its patterns and indexing them is most of the reader's
        # start-up: the built index is kept on disk (knowledge/snapshot.py), under a hash of
        # the knowledge files (lexicon.yaml among them), the code that builds it, and spaCy's
        # version (its tokenizer splits some phrases), so a change to any gives a new copy.
        self.index = remembered("reader-phrases", PhraseIndex, lambda: phrase_index(nlp, lexicon),
                                modules=INDEX_MODULES, versions=(SPACY_VERSION,))

    def __call__(self, doc: Doc) -> Doc:
        groups: dict[str, list[Span]] = {}
        found = self.index(doc)
        for span in found:
            prefix = span.label_.split(":", 1)[0]
            group = COMPETING.get(prefix, prefix)
            groups.setdefault(group, []).append(span)
        kept: list[Span] = []
        for spans in groups.values():
            # On a tie in length the look-alike wins ("exercise will help" is advice).
            spans.sort(key=lambda s: not s.label_.startswith("ignore"))
            winners = filter_spans(spans)
            kept.extend(winners)
            # A history item named inside another ("steroid tablets for my arthritis for
            # years") is a second answer, not a loser.
            history = [w for w in winners if w.label_.startswith("history:")]
            kept.extend(s for s in spans if s.label_.startswith("history:") and s not in winners and any(
                h.start <= s.start and s.end <= h.end and h.label_ != s.label_ for h in history))
        doc.spans[SPAN_KEY] = sorted(kept, key=lambda s: (s.start, s.end))
        return doc


SPACY_VERSION: str = spacy_about.__version__
# The modules whose code decides what the phrase index holds (see Terms).
INDEX_MODULES = ("backrelief.reading.pipeline", "backrelief.reading.matcher", "backrelief.reading.patterns",
                 "backrelief.reading.normalise", "backrelief.reading.lexicon", "backrelief.reading.context",
                 "backrelief.assessment", "backrelief.values", "backrelief.errors")


def phrase_index(nlp: Any, lexicon: Lexicon) -> PhraseIndex:
    """The lexicon's phrases expanded into patterns and indexed (built, not read from disk)."""
    index = PhraseIndex()
    words: dict[str, list[str]] = {}
    # Plain lower-case words split on spaces exactly as spaCy splits them, except its
    # special cases ("cannot" -> "can", "not"); the fast path keeps start-up short.
    rules: dict[str, Any] = getattr(nlp.tokenizer, "rules", None) or {}
    special = {k for k in rules if k.isalpha()}

    def tokenise(text: str) -> list[str]:
        if text not in words:
            plain = normalise(text).text
            split = plain.split()
            if _PLAIN.fullmatch(plain) and not special.intersection(split):
                words[text] = split
            else:
                words[text] = [t.lower_ for t in nlp.tokenizer(plain)]
        return words[text]

    # Tens of thousands of small containers are made here: see collector_paused.
    with collector_paused():
        for prefix, table in lexicon.targets().items():
            for value, phrases in table.items():
                patterns = [p for phrase in phrases for p in compile_phrase(phrase, lexicon.macros, tokenise)]
                index.add(f"{prefix}:{value}", patterns)
        index.build()
    return index


def _plain_cues(items: Iterable[str], macros: Mapping[str, Sequence[str]]) -> list[str]:
    """Cue phrases written out (@macros, (a|b) choices) and normalised as the text is."""
    out: list[str] = []
    for item in items:
        for plain in plain_phrases(item, macros):
            # "husband 's on" -> "husband's on": the tokenizer splits the 's off itself.
            text = normalise(plain.replace(" 's", "'s")).text.strip()
            if text and text not in out:
                out.append(text)
    return out


@dataclass(frozen=True)
class Reader:
    tokenizer: Tokenizer
    steps: tuple[Callable[[Doc], Doc], ...]
    speller: Speller

    def mentions(self, text: str) -> tuple[Normalised, list[Mention]]:
        norm = normalise(text, self.speller)
        doc = self.tokenizer(norm.text)
        for step in self.steps:
            doc = step(doc)
        out: list[Mention] = []
        marks: list[set[str]] = doc.user_data[CONTEXT_KEY]
        for span, around in zip(doc.spans[SPAN_KEY], marks, strict=True):
            field, value = span.label_.split(":", 1)
            flags: dict[str, Any] = {name: name in around for name in CONTEXTS}
            out.append(Mention(field=field, value=value, start=span.start_char, end=span.end_char, **flags))
        return norm, out


@cache
def reader() -> Reader:
    """Build the pipeline once: tokenizer, sentencizer, phrases, the phrase context rules.

    The components are called in turn rather than registered with nlp.add_pipe: the
    registry's config resolution would double the time to the first answer."""
    lexicon = load_lexicon()
    nlp = _english()
    steps: list[Callable[[Doc], Doc]] = [Sentencizer(), Terms(nlp, lexicon),
                                          PhraseContexts(nlp, lexicon.phrase_context_rules, lexicon.macros)]
    vocabulary = {w for phrase in lexicon.all_phrases() for w in phrase.replace("(", " ").replace(")", " ")
                  .replace("|", " ").replace("?", " ").split() if w.isalpha()}
    vocabulary |= {w for entries in lexicon.macros.values() for e in entries for w in e.split() if w.isalpha()}
    speller = Speller(lexicon.spelling, vocabulary, lexicon.not_typos)
    return Reader(tokenizer=nlp.tokenizer, steps=tuple(steps), speller=speller)


def _english() -> SimpleNamespace:
    """English word splitting without spaCy's contraction special cases: the reader writes
    contractions out itself, and building the special cases (and the registry-driven
    `spacy.blank`) was a third of the start-up time. The reader needs only these two parts."""
    defaults = English.Defaults
    vocab = create_vocab("en", defaults)
    tokenizer = Tokenizer(
        vocab,
        rules={},
        prefix_search=util.compile_prefix_regex(defaults.prefixes or ()).search,
        suffix_search=util.compile_suffix_regex(defaults.suffixes or ()).search,
        infix_finditer=util.compile_infix_regex(defaults.infixes or ()).finditer,
        token_match=defaults.token_match,
        url_match=defaults.url_match,
    )
    return SimpleNamespace(vocab=vocab, tokenizer=tokenizer)
