"""A value the reader inferred, not read in so many words ("put my back out lifting a box"
never says "suddenly"), is shown as a guess for the person to confirm, with the words it
came from; a value the words do say is shown as said. One rule for the web and the terminal
(interview/describe.py)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from backrelief.cli.questionnaire import TerminalAsker
from backrelief.interview import layout
from backrelief.interview.describe import answer_label, guessed, understood_hint
from backrelief.interview.state import from_reading
from backrelief.knowledge import load_knowledge
from backrelief.reading import read

K = load_knowledge()
TODAY = date(2026, 12, 3)
ROOT = Path(__file__).resolve().parents[2]
LAY = layout(K)


def state_of(words: str):  # type: ignore[no-untyped-def]
    return from_reading(read(words, TODAY), set(LAY.by_id))


def test_an_onset_taken_from_an_event_is_a_guess_with_the_words_of_the_event() -> None:
    state = state_of("put my back out lifting a box, no numbness, peeing fine, I'm 40")
    assert "onset" in guessed(state)
    hint = understood_hint(state, LAY.by_id["onset"], "sudden")
    assert hint is not None and "we guessed: Suddenly. Is that right?" in hint
    assert "\u201cput my back out\u201d" in hint or "\u201clifting a box\u201d" in hint


def test_an_onset_said_in_so_many_words_is_shown_as_said() -> None:
    for words in ("It came on suddenly when I was lifting a box. I am 40.",
                  "I am 40 and it came on slowly over a week, no injury."):
        state = state_of(words)
        assert "onset" not in guessed(state), words
        hint = understood_hint(state, LAY.by_id["onset"], (state.base or {}).get("onset"))
        assert hint is not None and "guessed" not in hint, (words, hint)


def test_a_guess_the_person_changed_is_no_longer_called_a_guess() -> None:
    state = state_of("put my back out lifting a box, I'm 40")
    assert understood_hint(state, LAY.by_id["onset"], "gradual") is None or \
        "guessed" not in str(understood_hint(state, LAY.by_id["onset"], "gradual"))


def test_no_value_is_shown_as_understood_unless_its_words_say_it_or_it_reads_as_a_guess() -> None:
    # The class, over every narrative the project has: each value shown on the confirmation
    # either has words that contain it, or is worded as a guess, in the terminal and on the web.
    narratives = [json.loads(line).get("narrative", "") for name in ("dev.jsonl", "holdout.jsonl")
                  for line in (ROOT / "data" / "vignettes" / name).read_text().splitlines() if line]
    shown = 0
    for words in filter(None, narratives):
        state = state_of(words)
        spans = dict(state.understood)
        asker = TerminalAsker(spans, guessed(state))
        for qid, value in (state.base or {}).items():
            q = LAY.by_id.get(qid)
            if q is None or q.asks != "field" or value in (None, [], ()):
                continue
            shown += 1
            span = spans.get(qid, "").lower()
            label = answer_label(q, value).lower()
            own = str(value).replace("_", " ").lower()
            said = bool(span) and (label in span or own in span or (len(span) > 3 and span in label))
            line = asker._understood(q, value)
            hint = understood_hint(state, q, value) or ""
            if not said:
                assert "we guessed" in line and "we guessed" in hint, (words, qid, value, line)
    assert shown > 100
