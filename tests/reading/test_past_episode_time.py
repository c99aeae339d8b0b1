"""A past episode's own time is not this bout's duration.

"The last time my back went, 5 years ago, it took six weeks to settle" says when and how long
an earlier bout was. When nothing in the words dates this bout, its duration stays unknown
(and is asked), never the old bout's time. Cases written before the change (first pass in
docs/reading.md).
"""

from __future__ import annotations

import pytest

from tests.reading.conftest import assess

PAST_BOUT_ONLY = [
    "the last time my back went, 5 years ago, it took six weeks to settle. It's gone again lifting the kids",
    "The last time my back went, 5 years ago, I was off for 3 weeks. Now it has gone again.",
    "last time this happened, about two years ago, I couldn't work for a month. It's back.",
    "The previous episode was 3 weeks long. My back has gone again.",
    "My back went again. The time before, in 2021, it was a good six weeks before I could walk properly",
    "years ago I had a bout that went on for 3 months, and now my back is sore after gardening",
    "The last bout lasted ten days. Back pain again, can't bend.",
    "that time it lasted a fortnight, and it feels the same now",
]


@pytest.mark.parametrize("text", PAST_BOUT_ONLY)
def test_the_time_of_an_earlier_bout_is_not_this_bouts_duration(text: str) -> None:
    assert assess(text).duration_days is None


@pytest.mark.parametrize(("text", "days"), [
    ("The last time my back went, 5 years ago, it took six weeks to settle. This time it's been 3 days.", 3),
    ("Last time it lasted 2 months, but this time it started on Monday", 3),
    ("I've had back pain for 3 weeks. Last time it lasted 2 months.", 21),
    ("My back has hurt for ten days. The previous episode, in 2019, was much shorter.", 10),
    ("back went 2 days ago. last time was years ago", 2),
])
def test_this_bouts_own_time_is_kept_beside_an_earlier_bouts(text: str, days: int) -> None:
    assert assess(text).duration_days == days


@pytest.mark.parametrize(("text", "days"), [
    ("I hurt my back 5 years ago and it has never been right since", 1825),
    ("back pain since 2019, on and off", None),
    ("my back went 3 weeks ago", 21),
])
def test_a_time_that_dates_the_pain_itself_is_still_read(text: str, days: int | None) -> None:
    a = assess(text)
    if days is None:
        assert a.duration_days is not None
    else:
        assert a.duration_days == days
