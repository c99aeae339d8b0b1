"""Finding the lexicon's phrases in a spaCy Doc.

spaCy's Matcher tries every pattern at every token, which is slow with the tens of
thousands of patterns the lexicon expands to. This index files each pattern under the
rarest word it needs, so a text only tries patterns whose every fixed word it contains,
and each only where its first word is; the token specs are the Matcher's own (LOWER,
LOWER IN, LOWER REGEX, and IS_PUNCT fillers).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TypeVar

from spacy.tokens import Doc, Span

from backrelief.reading.patterns import Pattern

# A step: ("w", word) one word; ("s", words) one of these words; ("r", regex) a word
# matching; ("f", most) up to `most` words that are not punctuation; ("c", most) the same
# within one clause.
Step = tuple[str, object]
_T = TypeVar("_T")
# A filler never swallows a negation: "leg is not weak" must not match "leg .. weak".
# Nor a word that ends a cue's reach ("no weakness but my foot is numb").
NEGATIONS = frozenset({"not", "no", "never", "nor", "without", "n't", "none", "neither", "cannot", "but", "however",
                       "although", "though", "except"})
CLAUSE_STOPS = NEGATIONS | {"and", "or", "while", "when", "because", "so", "then", "also", "as", "after", "before",
                            "since", "if", "until", "whereas", "plus"}


def _step(token: dict[str, object]) -> Step:
    if "OP" in token:
        op = str(token["OP"])
        most = int(op.strip("{}").split(",")[1]) if op.startswith("{") else 1
        return ("c" if token.get("CLAUSE") else "f", most)
    if "LOWER" not in token:
        return ("a", None)
    value = token["LOWER"]
    if isinstance(value, str):
        return ("w", value)
    if isinstance(value, dict) and "IN" in value:
        return ("s", frozenset(str(v) for v in value["IN"]))
    if isinstance(value, dict) and "REGEX" in value:
        return ("r", re.compile(str(value["REGEX"])))
    raise ValueError(f"unsupported token spec: {token}")


class PhraseIndex:
    """Patterns filed under the rarest word each one needs (issue 18): a text only tries the
    patterns all of whose fixed words it contains, and each only where its first word is."""

    def __init__(self) -> None:
        # Pattern i: its label, its steps, and the words each fixed step can be (a pattern
        # whose step finds none of its words in the text is skipped before any matching).
        # Plain lists of tuples rather than an object per pattern: the index is stored on
        # disk and read back at start-up (reading/pipeline.py), and that is quick only for
        # plain containers.
        self._labels: list[str] = []
        self._steps: list[tuple[Step, ...]] = []
        self._needs: list[tuple[frozenset[str], ...]] = []
        self._seen: set[tuple[str, tuple[Step, ...]]] | None = set()
        self._anchored: dict[str, list[int]] | None = None
        self._groups: list[tuple[tuple[frozenset[str], ...], list[int]]] = []
        self._always: list[int] = []

    def add(self, label: str, patterns: Sequence[Pattern]) -> None:
        if self._seen is None:
            self._seen = set(zip(self._labels, self._steps, strict=True))
        seen = self._seen
        # Expanded patterns share their token specs: convert each spec once (start-up time).
        converted: dict[int, tuple[Step, frozenset[str] | None]] = {}
        for pattern in patterns:
            parts = []
            for token in pattern:
                if id(token) not in converted:
                    step = _step(token)
                    need = frozenset([str(step[1])]) if step[0] == "w" else step[1] if step[0] == "s" else None
                    converted[id(token)] = (step, need)  # type: ignore[assignment]
                parts.append(converted[id(token)])
            steps = tuple(step for step, _ in parts)
            key = (label, steps)
            if not steps or key in seen:
                continue
            if steps[0][0] not in ("w", "s", "r"):
                raise ValueError(f"{label}: a phrase may not start with a filler or any-word slot")
            seen.add(key)
            # Every fixed step's words, the first one's included: each must be in the text.
            self._labels.append(label)
            self._steps.append(steps)
            self._needs.append(tuple(need for _, need in parts if need is not None))
            self._anchored = None

    def __getstate__(self) -> tuple[object, ...]:
        """The built index as plain containers, each equal word set and step kept once, so
        that reading it back makes few objects (tens of milliseconds, against about half a
        second to expand the lexicon and build it)."""
        if self._anchored is None:
            self._build()
        same: dict[object, object] = {}

        def one(item: _T) -> _T:
            return same.setdefault(item, item)  # type: ignore[return-value]

        steps = [tuple(one((kind, one(value)) if kind == "s" else step) for step in pattern for kind, value in [step])
                 for pattern in self._steps]
        needs = [tuple(map(one, pattern_needs)) for pattern_needs in self._needs]
        groups = [(tuple(map(one, rest)), members) for rest, members in self._groups]
        return (self._labels, steps, needs, self._anchored, groups, self._always)

    def __setstate__(self, state: tuple[object, ...]) -> None:
        labels, steps, needs, anchored, groups, always = state
        self._labels, self._steps, self._needs = labels, steps, needs  # type: ignore[assignment]
        self._seen = None  # made again only if a pattern is added (`add`)
        self._anchored, self._groups, self._always = anchored, groups, always  # type: ignore[assignment]

    def build(self) -> None:
        """Index the patterns added so far now, rather than on the first text read."""
        self._build()

    def _build(self) -> dict[str, list[int]]:
        """File each pattern under the needed word set used by the fewest patterns. Patterns
        needing the same words (a phrase's expansions) share one group, checked once."""
        uses: dict[str, int] = {}
        for pattern_needs in self._needs:
            for need in set(pattern_needs):
                for word in need:
                    uses[word] = uses.get(word, 0) + 1
        anchored: dict[str, list[int]] = {}
        groups: dict[tuple[frozenset[str], ...], int] = {}
        self._groups = []
        self._always = []
        # Each distinct word set's sort key, made once: patterns share their word sets (a
        # phrase's expansions), and this is most of the index's build time.
        keys: dict[frozenset[str], tuple[int, list[str]]] = {}
        ordered: dict[tuple[frozenset[str], ...], tuple[frozenset[str], ...]] = {}

        def rarity(need: frozenset[str]) -> tuple[int, list[str]]:
            key = keys.get(need)
            if key is None:
                key = keys[need] = (sum(uses[w] for w in need), sorted(need))
            return key

        for i, pattern_needs in enumerate(self._needs):
            if not pattern_needs:
                self._always.append(i)
                continue
            # Rarest first, so the check that a text holds them all fails early.
            needs = ordered.get(pattern_needs)
            if needs is None:
                needs = ordered[pattern_needs] = tuple(sorted(set(pattern_needs), key=rarity))
            if needs not in groups:
                groups[needs] = len(self._groups)
                self._groups.append((needs[1:], []))
                for word in needs[0]:
                    anchored.setdefault(word, []).append(groups[needs])
            self._groups[groups[needs]][1].append(i)
        self._anchored = anchored
        return anchored

    def __call__(self, doc: Doc) -> list[Span]:
        anchored = self._anchored if self._anchored is not None else self._build()
        words = [t.lower_ for t in doc]
        punct = [t.is_punct for t in doc]
        where: dict[str, list[int]] = {}
        for i, word in enumerate(words):
            where.setdefault(word, []).append(i)
        present = where.keys()
        candidates: list[int] = list(self._always)
        seen: set[int] = set()
        groups = self._groups
        for word in where:
            for group in anchored.get(word, ()):
                if group in seen:
                    continue
                seen.add(group)
                rest, members = groups[group]
                if not any(need.isdisjoint(present) for need in rest):
                    candidates.extend(members)
        found: dict[tuple[str, int], int] = {}
        first: dict[tuple[str, int], int] = {}
        labels, all_steps = self._labels, self._steps
        for index in candidates:
            steps = all_steps[index]
            kind, value = steps[0]
            if kind == "w":
                starts: Sequence[int] = where.get(str(value), ())
            elif kind == "s":
                starts = sorted(i for word in value if word in where for i in where[word])  # type: ignore[attr-defined]
            else:
                starts = [i for i, word in enumerate(words) if value.search(word)]  # type: ignore[attr-defined]
            for start in starts:
                end = _longest(steps, 1, start + 1, words, punct)
                if end is not None:
                    key = (labels[index], start)
                    if found.get(key, -1) < end:
                        found[key] = end
                    first[key] = min(first.get(key, index), index)
        # In text order, then the lexicon's order: ties between phrases of one length are
        # settled by which the lexicon lists first.
        keys = sorted(found, key=lambda k: (k[1], first[k]))
        return [Span(doc, start, found[(label, start)], label=label) for label, start in keys]


def _longest(steps: tuple[Step, ...], k: int, i: int, words: list[str], punct: list[bool]) -> int | None:
    """The furthest end where steps[k:] match from token i, or None."""
    if k == len(steps):
        return i
    kind, value = steps[k]
    if kind in ("f", "c"):
        stops = CLAUSE_STOPS if kind == "c" else NEGATIONS
        best: int | None = None
        for skip in range(int(value) + 1):  # type: ignore[call-overload]
            if skip and (i + skip - 1 >= len(words) or punct[i + skip - 1] or words[i + skip - 1] in stops):
                break
            end = _longest(steps, k + 1, i + skip, words, punct)
            if end is not None and (best is None or end > best):
                best = end
        return best
    if i >= len(words):
        return None
    word = words[i]
    if kind == "a":
        ok = not punct[i] and word not in NEGATIONS
    elif kind == "w":
        ok = word == value
    elif kind == "s":
        ok = word in value  # type: ignore[operator]
    else:
        ok = value.search(word) is not None  # type: ignore[attr-defined]
    return _longest(steps, k + 1, i + 1, words, punct) if ok else None
