"""Wording classes the reader missed on unseen stories (issue 14, reader lane, 2026-12-03).

Each class is a grammar rule in the lexicon (a task said after "can't", stillness said with
the night, a sign's verb in any tense, a clinician's shorthand), so the cases here are
varied wordings of the class, written before the change for it (first pass in
docs/reading.md), never the one phrase that was missed.
"""

from __future__ import annotations

import pytest

from backrelief.assessment import Finding
from backrelief.reading import read
from tests.reading.conftest import TODAY, assess

# A limit on daily life said through the task it stops.
DAILY_TASKS = [
    "my back is so bad I can't do the shopping any more",
    "since Monday I haven't been able to do the school run",
    "I can't get dressed without help",
    "couldn't make it to work any more, the pain is too much",
    "I can no longer walk the dog",
    "I can't cook tea for the kids",
    "unable to do the hoovering or the washing",
    "can't even drive to work",
    "I had to give up doing the school run",
    "I cannot look after my toddler properly",
    "can't get my trousers on in the morning",
    "I'm struggling to get to the shops",
    "too sore to do the food shop this week",
    "I've had to stop going to work",
    "could not go to my job today",
    "I can't manage the housework",
]


@pytest.mark.parametrize("text", DAILY_TASKS)
def test_a_task_the_pain_stops_reads_as_stopping_daily_activities(text: str) -> None:
    assert assess(text).finding_status("stops_daily_activities") == "yes"


@pytest.mark.parametrize("text", [
    "I can still do the shopping, just slowly",
    "I managed to do the school run this morning",
    "still going to work, it's just sore",
])
def test_a_task_still_done_is_not_a_limit_on_daily_life(text: str) -> None:
    assert assess(text).finding_status("stops_daily_activities") != "yes"


def test_the_school_run_is_a_task_not_a_sport() -> None:
    assert assess("I can't do the school run since my back went").trigger != "sports"


# Night pain at rest: worse at night with stillness, however it is put.
NIGHT_AT_REST = [
    "it's worse at night when I'm lying still",
    "the pain is worst at night when I lie still in bed",
    "it's worse when I'm lying still at night",
    "hurts most at night when I am not moving",
    "at night, when I'm keeping still, it throbs",
    "it aches more when I'm resting at night",
    "bad at night even when I stay still",
    "the ache gets worse when I'm at rest",
    "worse when lying completely still",
]


@pytest.mark.parametrize("text", NIGHT_AT_REST)
def test_pain_worse_at_rest_or_at_night_when_still_reads_as_night_pain_at_rest(text: str) -> None:
    assert assess(f"lower back pain for 3 weeks, {text}").finding_status("night_pain_at_rest") == "yes"


@pytest.mark.parametrize("text", [
    "it's worse at night when I turn over",
    "it's better when I'm lying still",
    "resting helps at night",
])
def test_pain_eased_by_rest_or_worse_on_turning_is_not_night_pain_at_rest(text: str) -> None:
    assert assess(f"lower back pain for 3 weeks, {text}").finding_status("night_pain_at_rest") != "yes"


# Legs that feel heavy or heavier: leg weakness said mildly; never a denial.
HEAVY_LEGS = [
    "my legs felt heavier on the stairs",
    "my left leg feels heavier than the right",
    "both legs feel heavy and tired",
    "heavy legs since yesterday",
    "my legs have been feeling like lead",
    "my right leg is heavier when I walk",
]


@pytest.mark.parametrize("text", HEAVY_LEGS)
def test_legs_that_feel_heavier_are_read_as_leg_weakness(text: str) -> None:
    assert assess(f"back pain for a week, {text}").finding_status("leg_weakness") == "yes"


@pytest.mark.parametrize("text", [
    "I wondered whether my legs felt heavier",
    "I wondered if my leg was getting weak",
    "not sure but maybe my legs feel heavier",
])
def test_heavier_legs_said_with_a_hedge_are_not_sure_never_no(text: str) -> None:
    assert assess(f"back pain for a week. {text}").finding_status("leg_weakness") == "unsure"


# Not feeling the wiping, in any tense.
WIPING = [
    "couldn't feel when I wiped",
    "I could not feel it when I was wiping",
    "can't feel anything while wiping",
    "after I wiped I realised I couldn't feel the paper",
    "it felt numb when I wiped myself this morning",
    "I barely felt it as I wiped",
    "when I wiped I could hardly feel a thing",
]


@pytest.mark.parametrize("text", WIPING)
def test_not_feeling_the_wiping_in_any_tense_is_saddle_numbness(text: str) -> None:
    assert assess(f"back pain since Monday. {text}").finding_status("saddle_numbness") == "yes"


# A clinician's "no abnormality detected".
@pytest.mark.parametrize(("text", "denied"), [
    ("Bladder/bowel NAD.", {"new_bladder_problem", "new_bowel_incontinence"}),
    ("Bladder and bowels NAD.", {"new_bladder_problem", "new_bowel_incontinence"}),
    ("Urinary function NAD.", {"new_bladder_problem"}),
    ("Bowels NAD", {"new_bowel_incontinence"}),
    ("Perineal sensation NAD.", {"saddle_numbness"}),
    ("Bladder: no abnormality detected.", {"new_bladder_problem"}),
    ("Bowel habit nil of note.", {"new_bowel_incontinence"}),
])
def test_a_clinicians_nad_is_a_plain_denial(text: str, denied: set[Finding]) -> None:
    a = assess(f"LBP 4/7 after lifting. {text}")
    assert set(a.findings_absent or ()) == denied
    assert a.findings == ()


def test_nad_of_one_sign_does_not_deny_another_said_beside_it() -> None:
    a = assess("LBP 4/7. Bowels NAD. Urinary retention since this morning.")
    assert a.finding_status("new_bladder_problem") == "yes"
    assert a.finding_status("new_bowel_incontinence") == "no"


# A sign a clinician queries ("?") or marks resolved after a query: not sure, never yes or no.
@pytest.mark.parametrize(("text", "sign"), [
    ("?saddle numbness, resolved", "saddle_numbness"),
    ("?saddle anaesthesia", "saddle_numbness"),
    ("?urinary retention - resolved", "new_bladder_problem"),
    ("?leg weakness, now resolved", "leg_weakness"),
    ("?perineal numbness this am, since resolved", "saddle_numbness"),
])
def test_a_queried_sign_is_not_sure_even_when_marked_resolved(text: str, sign: Finding) -> None:
    assert assess(f"LBP 2/52. {text}").finding_status(sign) == "unsure"


@pytest.mark.parametrize(("text", "sign"), [
    ("Saddle numbness this morning, resolved.", "saddle_numbness"),
    ("Numb down below for a few minutes, fine now.", "saddle_numbness"),
])
def test_a_sign_that_came_and_went_without_a_query_is_still_a_sign(text: str, sign: Finding) -> None:
    assert assess(f"Back pain for a week. {text}").finding_status(sign) == "yes"


def test_a_question_to_the_reader_is_not_a_query_of_the_sign() -> None:
    a = assess("My legs are numb. Is that bad? Back pain for a week.")
    assert a.finding_status("leg_numbness") == "yes"


# Not knowing whether a sign is there is a hedge about it, never a question that hides it.
@pytest.mark.parametrize(("text", "sign"), [
    ("I don't know if my legs are weak or if it's just the pain", "leg_weakness"),
    ("can't tell if it's numb down below or I'm imagining it", "saddle_numbness"),
    ("no idea if my bladder is emptying properly", "new_bladder_problem"),
    ("I couldn't tell you whether my foot is numb", "leg_numbness"),
    ("dunno if it's numbness round my back passage", "saddle_numbness"),
])
def test_not_knowing_whether_a_sign_is_there_makes_it_not_sure(text: str, sign: Finding) -> None:
    assert assess(f"back pain for 4 days. {text}").finding_status(sign) == "unsure"


# Pain placed in the chest, in either order.
@pytest.mark.parametrize("text", [
    "I have pain in the chest as well",
    "there's an ache across my chest when my back hurts",
    "a tight feeling in my chest since this morning",
    "pressure on my chest and my back is agony",
])
def test_pain_placed_in_the_chest_is_chest_pain(text: str) -> None:
    assert assess(f"sudden upper back pain. {text}").finding_status("chest_pain") == "yes"


# A learner's "not feeling" of the wiping, and not knowing when one has finished peeing.
@pytest.mark.parametrize(("text", "sign"), [
    ("I am not feeling the paper when I wipe", "saddle_numbness"),
    ("my bottom I am not feeling it on the toilet seat", "saddle_numbness"),
    ("I do not know when I am finish to pee", "new_bladder_problem"),
    ("I can't tell when I've finished weeing", "new_bladder_problem"),
    ("never sure if I have finished peeing", "new_bladder_problem"),
])
def test_a_learners_wording_of_a_cauda_equina_sign_is_not_missed(text: str, sign: Finding) -> None:
    assert assess(f"back pain for a week. {text}").finding_status(sign) in {"yes", "unsure"}


# A hedged answer to one's own question is not sure, never a plain no.
@pytest.mark.parametrize(("text", "sign"), [
    ("Any numbness in my groin? Not really, I don't think so.", "saddle_numbness"),
    ("Problems with my bladder? No, I don't think so anyway.", "new_bladder_problem"),
    ("Bowels ok? Yes I think so, not certain.", "new_bowel_incontinence"),
    ("Weak legs? Not that I know of, maybe a bit.", "leg_weakness"),
])
def test_a_hedged_answer_to_ones_own_question_is_not_sure(text: str, sign: Finding) -> None:
    assert assess(f"back pain for 3 days. {text}").finding_status(sign) == "unsure"


def test_a_plain_answer_to_ones_own_question_is_still_a_plain_no() -> None:
    assert assess("back pain for 3 days. Any numbness in my groin? No.").finding_status("saddle_numbness") == "no"


# Not able to pass urine, with any article or none.
@pytest.mark.parametrize("text", [
    "I am not able to make the pee",
    "can't pass the water properly since this morning",
    "I could not do the wee even though I was bursting",
])
def test_not_able_to_pass_urine_with_any_article_is_a_bladder_sign(text: str) -> None:
    assert assess(f"back pain for 3 days. {text}").finding_status("new_bladder_problem") == "yes"


# A clinician's shorthand for symptoms and for bowels opened.
@pytest.mark.parametrize(("text", "denied"), [
    ("Urinary sx: nil.", {"new_bladder_problem"}),
    ("Bladder sx nil", {"new_bladder_problem"}),
    ("BO normally.", {"new_bowel_incontinence"}),
    ("Bowels opened normally, urinary sx nil.", {"new_bladder_problem", "new_bowel_incontinence"}),
])
def test_a_clinicians_sx_and_bo_shorthand_is_a_plain_denial(text: str, denied: set[Finding]) -> None:
    a = assess(f"LBP 4/7 after lifting. {text}")
    assert set(a.findings_absent or ()) == denied


@pytest.mark.parametrize(("text", "quoted"), [
    ("Bladder/bowel NAD.", "Bladder/bowel NAD"),
    ("bowels fine", "bowels fine"),
    ("Urinary sx: nil.", "Urinary sx: nil"),
    ("Perineal sensation intact.", "Perineal sensation intact"),
])
def test_a_denial_said_after_the_words_is_quoted_with_its_denying_word(text: str, quoted: str) -> None:
    reading = read(f"LBP 4/7. {text}", TODAY)
    absent = [u for u in reading.understood if u.field == "findings_absent"]
    assert absent
    assert all(u.span == quoted and u.denial_in_span for u in absent)
