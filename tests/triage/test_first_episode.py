"""A first-ever bout of back pain over 60, or under 20 with no strain to explain it,
is a warning sign for a doctor's check within about two weeks (Community red flags 2023,
the Middlesbrough pathway)."""

from __future__ import annotations

from tests.triage.conftest import TriageOf, rules


def test_a_first_episode_over_sixty_is_routine(triage_of: TriageOf) -> None:
    t = triage_of(age=64, trigger="lifting", onset="sudden", severity=4)
    assert t.disposition == "routine"
    assert "first-episode-older" in rules(t)


def test_back_pain_before_over_sixty_is_not_a_first_episode(triage_of: TriageOf) -> None:
    t = triage_of(age=64, history=["previous_back_pain"], trigger="lifting", onset="sudden", severity=4)
    assert "first-episode-older" not in rules(t)
    assert t.disposition == "self_care"


def test_other_bouts_this_year_mean_it_is_not_a_first_episode(triage_of: TriageOf) -> None:
    t = triage_of(age=64, episodes_last_year=1, trigger="lifting", onset="sudden", severity=4)
    assert "first-episode-older" not in rules(t)


def test_a_first_episode_at_seventeen_with_no_strain_is_routine(triage_of: TriageOf) -> None:
    t = triage_of(age=17, trigger="none", onset="gradual", severity=4)
    assert t.disposition == "routine"
    assert "first-episode-young" in rules(t)


def test_a_sports_strain_at_seventeen_is_self_care(triage_of: TriageOf) -> None:
    t = triage_of(age=17, trigger="sports", onset="sudden", severity=4, region="lower", radiation="none")
    assert t.disposition == "self_care"


def test_a_healthy_forty_year_old_with_a_lifting_strain_is_self_care(triage_of: TriageOf) -> None:
    t = triage_of(age=40, sex="male", trigger="lifting", onset="sudden", severity=6, region="lower",
                  radiation="none", duration_days=2)
    assert t.disposition == "self_care"
