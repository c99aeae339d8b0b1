"""The assessment contract: strict, with plain-words errors that name the key."""

from __future__ import annotations

import pytest

from backrelief.assessment import parse_assessment
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
