"""The clinic's patient diary form words its fields, and what is wrong with what was typed,
as the home diary form does: both take their words from one place
(web/pages/diary_form.py ENTRY_WORDS), so a field is never called two things."""

from __future__ import annotations

import html
from datetime import date

import pytest
from starlette.datastructures import FormData

from backrelief.diary.dates import entry_days
from backrelief.web.pages.diary_form import ENTRY_WORDS, read_entry
from tests.clinic.conftest import World

SHARED = ("pain_now", "pain_worst", "medicine", "dose", "dose_unit", "notes")


def test_the_clinic_diary_form_labels_its_fields_with_the_home_forms_words(world: World) -> None:
    page = html.unescape(world.client("alice").get("/my/diary").text)
    for name in SHARED:
        assert getattr(ENTRY_WORDS, name) in page, name
    for older in ("Worst pain today", "Pain now, 0 to 10", "Dose in mg"):
        assert older not in page


# The same mistakes typed into the clinic form (one medicine row) and the home form (its
# first row): each names the same fields in the same words.
MISTAKES = [
    ({"day": "2026-11-25", "time": "09:00", "pain_now": "six"}, {}),
    ({"day": "2026-11-25", "time": "09:00", "pain_now": ""}, {}),
    ({"day": "2026-11-25", "time": "09:00", "pain_now": "4", "pain_worst": "11"}, {}),
    ({"day": "2026-11-25", "time": "9 o'clock", "pain_now": "4"}, {}),
    ({"day": "2026-11-25", "time": "09:00", "pain_now": "4"}, {"medicine": "ibuprofen", "dose_mg": "lots"}),
    ({"day": "2026-11-25", "time": "09:00", "pain_now": "4"}, {"medicine": "ibuprofen", "dose_mg": ""}),
]


@pytest.mark.parametrize(("fields", "medicine"), MISTAKES)
def test_a_mistake_in_the_clinic_diary_form_is_worded_as_the_home_form_words_it(
        world: World, fields: dict[str, str], medicine: dict[str, str]) -> None:
    answer = world.client("alice").post("/my/diary", {**fields, **medicine})
    assert answer.status_code == 400
    row = {"med_name_1": medicine["medicine"], "med_dose_1": medicine["dose_mg"]} if medicine else {}
    _, errors = read_entry(FormData([*fields.items(), *row.items()]), entry_days(date(2026, 11, 26), None))
    assert errors
    page = html.unescape(answer.text)
    for error in errors:
        # The home form numbers its medicine rows ("Medicine 1: ..."); the clinic's one row
        # says the same sentence on its own.
        said = error.message.removeprefix("Medicine 1: ")
        assert said[:1].upper() + said[1:] in page, error
