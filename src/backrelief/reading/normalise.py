"""Typed messages into plain, lower-case words the phrase patterns can match.

Contractions are written out ("can't" -> "cannot", "dont" -> "do not"), known slips are
corrected from the lexicon, and long unknown words one keystroke away from a lexicon word
are taken as that word. Every output character remembers where it came from, so the
words that gave a field can be shown exactly as the person typed them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

_WORD = re.compile(r"[a-z]+(?:['’][a-z]+)*|[0-9]+(?:[.,/][0-9]+)*|\s+|.", re.IGNORECASE | re.DOTALL)

# Word shapes that only read one way once the apostrophe is gone or typed.
CONTRACTIONS: dict[str, str] = {
    "can't": "cannot", "cant": "cannot", "cannot": "cannot", "couldn't": "could not", "couldnt": "could not",
    "won't": "will not", "wont": "will not", "wouldn't": "would not", "wouldnt": "would not",
    "don't": "do not", "dont": "do not", "doesn't": "does not", "doesnt": "does not",
    "didn't": "did not", "didnt": "did not", "isn't": "is not", "isnt": "is not",
    "aren't": "are not", "arent": "are not", "wasn't": "was not", "wasnt": "was not",
    "weren't": "were not", "werent": "were not", "haven't": "have not", "havent": "have not",
    "hasn't": "has not", "hasnt": "has not", "hadn't": "had not", "hadnt": "had not",
    "shouldn't": "should not", "ain't": "is not", "i'm": "i am", "im": "i am", "i've": "i have",
    "ive": "i have", "i'd": "i had", "i'll": "i will", "it's": "it is", "that's": "that is",
    "there's": "there is", "what's": "what is", "who's": "who is", "he's": "he is", "she's": "she is",
    "they're": "they are", "we're": "we are", "you're": "you are", "let's": "let us",
}


@dataclass(frozen=True)
class Normalised:
    text: str
    # For each character of `text`: where its source word starts and ends in the original.
    starts: tuple[int, ...]
    ends: tuple[int, ...]

    def original(self, start: int, end: int) -> tuple[int, int]:
        """The original character span behind text[start:end]."""
        if end <= start:
            return self.starts[start] if start < len(self.starts) else len(self.text), self.ends[start - 1]
        return self.starts[start], self.ends[end - 1]


class Speller:
    """Known misspellings, then one-keystroke slips in long words of the lexicon."""

    def __init__(self, fixes: dict[str, str], vocabulary: Iterable[str], keep: Iterable[str]) -> None:
        self.fixes = {k.lower(): v.lower() for k, v in fixes.items()}
        self.vocabulary = {w for w in vocabulary if w.isalpha()}
        self.keep = set(keep) | self.vocabulary
        self._deleted: dict[str, str] = {}
        for word in sorted(self.vocabulary):
            if len(word) >= 6:
                for variant in _deletes(word):
                    self._deleted.setdefault(variant, word)

    def correct(self, word: str) -> str:
        if word in self.fixes:
            return self.fixes[word]
        if word in self.keep or len(word) < 6 or not word.isalpha():
            return word
        # A letter too many ("bladdder"), a letter missing ("numbess"), two swapped letters.
        for variant in _deletes(word):
            if variant in self.vocabulary and len(variant) >= 6:
                return variant
        if word in self._deleted:
            return self._deleted[word]
        for i in range(len(word) - 1):
            swapped = word[:i] + word[i + 1] + word[i] + word[i + 2 :]
            if swapped in self.vocabulary:
                return swapped
        if len(word) >= 8:
            # One letter typed wrong, only in long words, where a real-word clash is rare.
            for variant in _deletes(word):
                if variant in self._deleted:
                    return self._deleted[variant]
        return word


def _deletes(word: str) -> list[str]:
    return [word[:i] + word[i + 1 :] for i in range(len(word))]


def normalise(text: str, speller: Speller | None = None) -> Normalised:
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    for match in _WORD.finditer(text):
        raw = match.group(0)
        a, b = match.span()
        piece = raw.lower().replace("’", "'")
        if piece[:1].isalpha():
            piece = CONTRACTIONS.get(piece, piece)
            if speller is not None and " " not in piece:
                piece = speller.correct(piece)
        elif piece.isspace():
            piece = " "
        out.append(piece)
        starts.extend([a] * len(piece))
        ends.extend([b] * len(piece))
    return Normalised(text="".join(out), starts=tuple(starts), ends=tuple(ends))
