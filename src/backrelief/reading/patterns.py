"""Lexicon phrases into spaCy Matcher token patterns.

A phrase is a row of slots: a word, `word?`, `stem*`, `@macro`, `(a|b c|d)` (optionally
`?`), or a filler `..` / `...`. A slot whose choices are all single words becomes one
token with an IN list; each longer choice becomes its own branch of the pattern.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from backrelief.errors import KnowledgeError

Token = dict[str, Any]
Pattern = list[Token]
Tokenise = Callable[[str], list[str]]

_SLOT = re.compile(r"\([^()]*\)\??|\S+")
FILLERS: dict[str, Token] = {
    "..": {"IS_PUNCT": False, "OP": "{0,3}"},
    "...": {"IS_PUNCT": False, "OP": "{0,6}"},
    # Up to five words within one clause: stops at "and", "or", "when" too, so that two
    # words are only paired when they are said about the same thing.
    "~~": {"IS_PUNCT": False, "OP": "{0,5}", "CLAUSE": True},
}
# A phrase that expands past this many patterns is a mistake in the lexicon.
MAX_PATTERNS = 4000


def slots(phrase: str) -> list[str]:
    found = _SLOT.findall(phrase)
    brackets_ok = all(re.fullmatch(r"\([^()]*\)\??", f) for f in found if "(" in f or ")" in f)
    if not brackets_ok or "".join("".join(found).split()) != "".join(phrase.split()):
        raise KnowledgeError(f"lexicon.yaml: phrase '{phrase}': unbalanced brackets")
    return found


def choices(slot: str, macros: Mapping[str, Sequence[str]], tokenise: Tokenise) -> tuple[list[list[Token]], bool]:
    """The token sequences a slot can be, and whether it may be left out."""
    optional = slot.endswith("?") and len(slot) > 1
    body = slot[:-1] if optional else slot
    if body.startswith("(") and body.endswith(")"):
        texts = [t.strip() for t in body[1:-1].split("|")]
    elif body.startswith("@"):
        texts = [body]
    else:
        texts = [body]
    sequences: list[list[Token]] = []
    for text in texts:
        sequences.extend(_words(text, macros, tokenise))
    return sequences, optional


def _words(text: str, macros: Mapping[str, Sequence[str]], tokenise: Tokenise) -> list[list[Token]]:
    """One choice (a few words, maybe a macro) as token sequences."""
    parts: list[list[list[Token]]] = []
    for word in text.split():
        if word.startswith("@"):
            name = word[1:]
            if name not in macros:
                raise KnowledgeError(f"lexicon.yaml: unknown macro @{name}")
            options: list[list[Token]] = []
            for entry in macros[name]:
                options.extend(_words(entry, macros, tokenise))
            parts.append(options)
        elif word == "_":
            parts.append([[{"IS_PUNCT": False}]])
        elif word in FILLERS:
            parts.append([[dict(FILLERS[word])]])
        elif word.endswith("*") and len(word) > 1:
            parts.append([[{"LOWER": {"REGEX": "^" + re.escape(word[:-1].lower())}}]])
        else:
            parts.append([[{"LOWER": t} for t in tokenise(word)]])
    return [list(itertools.chain.from_iterable(combo)) for combo in itertools.product(*parts)]


def _merge_single(sequences: list[list[Token]]) -> list[list[Token]]:
    """Single plain words share one token (LOWER IN [...]); the rest stay branches."""
    words: list[str] = []
    branches: list[list[Token]] = []
    for seq in sequences:
        if len(seq) == 1 and set(seq[0]) == {"LOWER"} and isinstance(seq[0]["LOWER"], str):
            if seq[0]["LOWER"] not in words:
                words.append(seq[0]["LOWER"])
        else:
            branches.append(seq)
    if words:
        branches.insert(0, [{"LOWER": words[0]} if len(words) == 1 else {"LOWER": {"IN": words}}])
    return branches


def compile_phrase(phrase: str, macros: Mapping[str, Sequence[str]], tokenise: Tokenise) -> list[Pattern]:
    patterns: list[Pattern] = [[]]
    for slot in slots(phrase):
        sequences, optional = choices(slot, macros, tokenise)
        branches = _merge_single(sequences)
        if optional:
            branches.append([])
        patterns = [p + b for p in patterns for b in branches]
        if len(patterns) > MAX_PATTERNS:
            raise KnowledgeError(f"lexicon.yaml: phrase '{phrase}' expands to too many patterns")
    cleaned = [_trim(p) for p in patterns]
    usable = [p for p in cleaned if p]
    if not usable:
        raise KnowledgeError(f"lexicon.yaml: phrase '{phrase}' matches nothing")
    return usable


def _trim(pattern: Pattern) -> Pattern:
    # A filler at either end would only stretch the match.
    while pattern and "OP" in pattern[0]:
        pattern = pattern[1:]
    while pattern and "OP" in pattern[-1]:
        pattern = pattern[:-1]
    return pattern


def plain_phrases(phrase: str, macros: Mapping[str, Sequence[str]]) -> list[str]:
    """A cue phrase written out as plain strings (for the context rules' cue lists): @macros and
    (a|b) choices become every combination."""
    options: list[list[str]] = []
    for slot in slots(phrase):
        if slot.startswith("(") and slot.rstrip("?").endswith(")"):
            choices_ = [c.strip() for c in slot.rstrip("?")[1:-1].split("|")]
            options.append(choices_ + ([""] if slot.endswith("?") else []))
        elif slot.startswith("@") and slot[1:] in macros:
            options.append(list(macros[slot[1:]]))
        else:
            options.append([slot])
    return [" ".join(w for w in combo if w) for combo in itertools.product(*options)]
