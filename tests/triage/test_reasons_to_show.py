"""The reasons a person reads (issue 13, from the new-user walk-through): most urgent first, so
the answer's own timeframe leads, and never a "you did not tell us" for a less urgent rule that
fired only on an unknown answer (it cannot change what to do, and the interview may not have
asked it). The JSON answer keeps every reason."""

from __future__ import annotations

from backrelief.assessment import Assessment
from backrelief.knowledge import URGENCY
from backrelief.triage import triage

PEOPLE = [
    Assessment(age=70, sex="female", region="lower", radiation="none", onset="gradual", trigger="none",
               duration_days=10, severity=5, history=("cancer",)),
    Assessment(age=45, findings=("fever",)),
    Assessment(age=30, sex="male", region="lower", radiation="none", onset="sudden", trigger="lifting",
               duration_days=2, severity=6),
    Assessment(findings=("saddle_numbness",)),
    Assessment(age=64, sex="male", history=("osteoporosis",), severity=8),
]


def test_the_older_person_with_past_cancer_is_not_told_she_did_not_tell_us_about_past_episodes() -> None:
    result = triage(PEOPLE[0])
    shown = result.reasons_to_show
    assert [r.rule for r in shown] == ["cancer-new-back-pain"]
    assert not any("did not tell us" in r.reason for r in shown)
    assert len(result.reasons) >= len(shown)


def test_every_shown_reason_is_sure_or_as_urgent_as_the_answer_and_they_come_most_urgent_first() -> None:
    for person in PEOPLE:
        result = triage(person)
        top = URGENCY[result.disposition]
        shown = result.reasons_to_show
        sure = max((URGENCY[r.level] for r in result.reasons if not r.assumed), default=-1)
        assert all(not r.assumed or URGENCY[r.level] == top > sure for r in shown)
        assert [URGENCY[r.level] for r in shown] == sorted((URGENCY[r.level] for r in shown), reverse=True)
        # Nothing sure is dropped, and the answer's own reasons are always shown.
        assert {r.rule for r in result.reasons if not r.assumed} <= {r.rule for r in shown}
        assert any(URGENCY[r.level] == top for r in shown) or not result.reasons
        # An answer that rests on an unknown still says so.
        if all(r.assumed for r in result.reasons if URGENCY[r.level] == top):
            assert any(r.assumed for r in shown) or not result.reasons


def test_the_json_answer_keeps_every_reason() -> None:
    for person in PEOPLE:
        result = triage(person)
        assert len(result.to_public()["reasons"]) == len(result.reasons)  # type: ignore[arg-type]
