"""A clinician's words are a plain denial too ("urinary function normal", "bowels
unremarkable", "nil urinary symptoms", "perineal sensation intact"), read as absent; the
same words saying the sign is there ("urinary function abnormal", "reduced anal tone") are
the sign, and a denial naming both bladder and bowel denies both."""

from __future__ import annotations

import pytest

from backrelief.assessment import Finding
from tests.reading.conftest import assess


@pytest.mark.parametrize(("text", "denied"), [
    ("Urinary function normal.", {"new_bladder_problem"}),
    ("Bowels unremarkable.", {"new_bowel_incontinence"}),
    ("Nil urinary symptoms.", {"new_bladder_problem"}),
    ("Bowel habit normal.", {"new_bowel_incontinence"}),
    ("No urinary symptoms, no bowel symptoms.", {"new_bladder_problem", "new_bowel_incontinence"}),
    ("Perineal sensation intact.", {"saddle_numbness"}),
    ("Sensation normal in the saddle area.", {"saddle_numbness"}),
    ("Continence normal.", {"new_bladder_problem", "new_bowel_incontinence"}),
    ("Continent of urine and faeces.", {"new_bladder_problem", "new_bowel_incontinence"}),
    ("Sphincter function intact.", {"new_bladder_problem", "new_bowel_incontinence"}),
    ("Bladder and bowel function normal.", {"new_bladder_problem", "new_bowel_incontinence"}),
    ("Denies bladder or bowel dysfunction.", {"new_bladder_problem", "new_bowel_incontinence"}),
    ("peeing and pooing normal", {"new_bladder_problem", "new_bowel_incontinence"}),
])
def test_a_clinical_denial_reads_as_absent(text: str, denied: set[Finding]) -> None:
    a = assess(f"Low back pain for 4 days after lifting. {text}")
    assert set(a.findings_absent or ()) == denied
    assert a.findings == ()


def test_perineal_sensation_is_not_a_word_about_the_legs() -> None:
    a = assess("Perineal sensation intact.")
    assert a.finding_status("leg_numbness") == "unknown"


@pytest.mark.parametrize(("text", "finding"), [
    ("Urinary retention since this morning.", "new_bladder_problem"),
    ("Urinary function abnormal.", "new_bladder_problem"),
    ("Urinary symptoms started yesterday.", "new_bladder_problem"),
    ("Sphincter disturbance.", "new_bladder_problem"),
    ("Not continent of urine any more.", "new_bladder_problem"),
    ("Reduced anal tone.", "new_bowel_incontinence"),
    ("Bladder and bowel dysfunction since Monday.", "new_bowel_incontinence"),
    ("Perineal sensation reduced.", "saddle_numbness"),
])
def test_the_same_clinical_words_saying_the_sign_is_there_read_as_present(text: str, finding: Finding) -> None:
    assert assess(text).finding_status(finding) == "yes"


def test_a_denial_of_one_sign_beside_another_sign_denies_only_the_one() -> None:
    a = assess("Lost control of my bladder last night, bowels fine.")
    assert a.finding_status("new_bladder_problem") == "yes"
    assert a.finding_status("new_bowel_incontinence") == "no"


@pytest.mark.parametrize("text", ["I wet myself and bowels fine", "I leaked urine and bowels are ok"])
def test_a_denial_after_another_phrase_speaks_only_to_that_phrase(text: str) -> None:
    a = assess(text)
    assert a.finding_status("new_bladder_problem") == "yes"
    assert a.finding_status("new_bowel_incontinence") == "no"


@pytest.mark.parametrize("text", ["numb foot and legs fine", "numbness and tingling in my toes, otherwise fine"])
def test_a_sign_whose_words_run_over_an_and_is_not_denied_by_a_word_after_it(text: str) -> None:
    assert assess(text).finding_status("leg_numbness") == "yes"


@pytest.mark.parametrize("text", ["Urine and bowels fine.", "pee and bowels normal", "bladder, bowels fine"])
def test_a_denial_after_a_list_of_bladder_and_bowel_denies_both(text: str) -> None:
    a = assess(text)
    assert {"new_bladder_problem", "new_bowel_incontinence"} <= set(a.findings_absent or ())


def test_blood_in_the_urine_beside_a_bowel_denial_is_not_a_bladder_denial() -> None:
    a = assess("Blood in urine and bowels fine")
    assert a.finding_status("new_bladder_problem") == "unknown"
    assert a.finding_status("blood_in_urine") == "yes"
