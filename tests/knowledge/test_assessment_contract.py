"""The assessment contract: strict, with plain-words errors that name the key."""

from __future__ import annotations

import pytest

from backrelief.assessment import Assessment, parse_assessment
from backrelief.errors import InvalidInput, TooYoung


def _message(data: object) -> str:
    with pytest.raises(InvalidInput) as caught:
        parse_assessment(data)
    return str(caught.value)


def test_an_unknown_key_is_named_with_the_keys_allowed() -> None:
    message = _message({"age": 40, "colour": "red"})
    assert "'colour' is not a question we know" in message
    assert "duration_days" in message


def test_an_out_of_range_pain_score_names_the_field_and_range() -> None:
    assert _message({"age": 40, "severity": 11}) == "'severity' must be a whole number from 0 to 10, not 11"


def test_a_wrong_choice_lists_the_allowed_values() -> None:
    assert "'radiation' must be one of: none, buttock, thigh, below_knee" in _message({"age": 40, "radiation": "arm"})


def test_a_text_number_is_not_silently_converted() -> None:
    assert "'age' must be a whole number from 16 to 110" in _message({"age": "40"})


def test_a_wrong_list_item_is_named() -> None:
    assert "'findings' must be a list of any of" in _message({"age": 40, "findings": ["fever", "bogus"]})
    assert "'bogus', item 2" in _message({"age": 40, "findings": ["fever", "bogus"]})


def test_age_is_required_in_structured_input() -> None:
    assert _message({"severity": 3}).startswith("'age' is required")


def test_an_age_under_sixteen_is_refused_with_a_message_to_see_a_clinician() -> None:
    with pytest.raises(TooYoung, match="please see a doctor, nurse or pharmacist"):
        parse_assessment({"age": 12})


def test_leg_sides_without_spreading_pain_is_an_error() -> None:
    assert "leg_sides" in _message({"age": 40, "radiation": "none", "leg_sides": "one"})


def test_a_finding_cannot_be_both_present_and_absent() -> None:
    assert "cannot be both" in _message({"age": 40, "findings": ["fever"], "findings_absent": ["fever"]})


def test_not_an_object_is_an_error() -> None:
    assert "JSON object" in _message([1, 2])


def test_duplicates_in_a_list_are_folded() -> None:
    assert parse_assessment({"age": 40, "findings": ["fever", "fever"]}).findings == ("fever",)


def test_a_nested_list_is_a_plain_error_not_a_crash() -> None:
    assert "'findings' must be a list of any of" in _message({"age": 40, "findings": [["fever"]]})


# -- which questions apply: one predicate each, shared by every way in ----------------

def test_pregnancy_is_possible_unless_male_or_known_to_be_sixty_or_older() -> None:
    from backrelief.assessment import pregnancy_possible

    assert pregnancy_possible("female", 59)
    assert pregnancy_possible("other", 30)
    assert pregnancy_possible(None, None)  # unknown is never "no"
    assert pregnancy_possible("female", None)
    assert not pregnancy_possible("female", 60)
    assert not pregnancy_possible("male", 30)


def test_the_leg_question_applies_unless_the_pain_stays_in_the_back() -> None:
    from backrelief.assessment import leg_sides_apply

    assert leg_sides_apply("below_knee")
    assert leg_sides_apply(None)  # spread unknown: still open
    assert not leg_sides_apply("none")


def test_triage_lists_pregnancy_as_unasked_exactly_when_the_predicate_says_so() -> None:
    from backrelief.assessment import pregnancy_unasked
    from backrelief.triage import red_flags_unasked

    for sex in (None, "female", "male", "other"):
        for age in (None, 30, 59, 60, 80):
            for pregnant in (None, True, False):
                if pregnant is not None and sex == "male":
                    continue
                data = {k: v for k, v in {"sex": sex, "age": age, "pregnant": pregnant}.items() if v is not None}
                a = Assessment.model_validate(data)
                assert ("pregnant" in red_flags_unasked(a)) is pregnancy_unasked(a), data
