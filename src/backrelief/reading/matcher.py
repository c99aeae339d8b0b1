"""Finding the lexicon's phrases in a spaCy Doc.

spaCy's Matcher tries every pattern at every token, which is slow with the few
thousand patterns the lexicon expands to. This index looks patterns up by their
first word, so each token only tries the few patterns that can start there; the
token specs are the Matcher's own (LOWER, LOWER IN, LOWER REGEX, and IS_PUNCT fillers).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Span

from backrelief.reading.patterns import Pattern

# A step: ("w", word) one word; ("s", words) one of these words; ("r", regex) a word
# matching; ("f", most) up to `most` words that are not punctuation; ("c", most) the same
# within one clause.
Step = tuple[str, object]
# A filler never swallows a negation: "leg is not weak" must not match "leg .. weak".
# Nor a word that ends a cue's reach ("no weakness but my foot is numb").
NEGATIONS = frozenset({"not", "no", "never", "nor", "without", "n't", "none", "neither", "cannot", "but", "however",
                       "although", "though", "except"})
CLAUSE_STOPS = NEGATIONS | {"and", "or", "while", "when", "because", "so", "then", "also", "as", "after", "before",
                            "since", "if", "until", "whereas", "plus"}


@dataclass(frozen=True)
class Compiled:
    label: str
    steps: tuple[Step, ...]
    # The words each fixed step can be: a pattern whose step finds none of its words in the
    # text is skipped before any matching is tried.
    needs: tuple[frozenset[str], ...]


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
    def __init__(self) -> None:
        self._by_word: dict[str, list[Compiled]] = {}
        self._by_regex: list[tuple[re.Pattern[str], Compiled]] = []
        self._seen: set[tuple[str, tuple[Step, ...]]] = set()

    def add(self, label: str, patterns: Sequence[Pattern]) -> None:
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
            if not steps or key in self._seen:
                continue
            self._seen.add(key)
            needs = tuple(need for _, need in parts[1:] if need is not None)
            compiled = Compiled(label, steps, needs)
            kind, value = steps[0]
            if kind == "w":
                self._by_word.setdefault(str(value), []).append(compiled)
            elif kind == "s":
                for word in value:  # type: ignore[attr-defined]
                    self._by_word.setdefault(word, []).append(compiled)
            elif kind == "r":
                self._by_regex.append((value, compiled))  # type: ignore[arg-type]
            else:
                raise ValueError(f"{label}: a phrase may not start with a filler or any-word slot")

    def __call__(self, doc: Doc) -> list[Span]:
        words = [t.lower_ for t in doc]
        punct = [t.is_punct for t in doc]
        found: dict[tuple[str, int], int] = {}
        present = set(words)
        possible: dict[int, bool] = {}
        for i, word in enumerate(words):
            candidates = list(self._by_word.get(word, ()))
            candidates += [c for regex, c in self._by_regex if regex.search(word)]
            for compiled in candidates:
                key_id = id(compiled)
                if key_id not in possible:
                    possible[key_id] = all(not need.isdisjoint(present) for need in compiled.needs)
                if not possible[key_id]:
                    continue
                end = _longest(compiled.steps, 1, i + 1, words, punct)
                if end is not None:
                    key = (compiled.label, i)
                    if found.get(key, -1) < end:
                        found[key] = end
        return [Span(doc, start, end, label=label) for (label, start), end in found.items()]


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
