"""A warning sign told in a diary note, on the page and through the API (see
tests/diary/test_note_signs.py for the terminal and the rules of reading a note)."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.web.conftest import PageClient


def test_the_api_answer_to_a_note_with_an_emergency_sign_carries_the_emergency_instruction(
        client: TestClient) -> None:
    made = client.post("/api/v1/diary/entries", json={"at": "2026-11-25T08:30:00", "pain_now": 4,
                                                       "notes": "since lunch I've been leaking wee without noticing"})
    assert made.status_code == 201
    assert made.json()["new_findings"] == ["new_bladder_problem"]
    assert made.json()["warning_sign"]["level"] == "emergency"


def test_a_note_written_on_the_page_brings_up_the_emergency_and_reaches_the_report(pages: PageClient) -> None:
    pages.post("/diary", {"day": "2026-11-25", "time": "08:30", "pain_now": "6",
                          "notes": "legs feel weak and wobbly, both of them, getting worse"})
    html = pages.get("/diary").text
    assert '<div class="banner banner-emergency" role="alert">' in html
    report = pages.get("/report").text
    assert "leg weakness (25 Nov 2026)" in report


def test_the_diarys_emergency_alert_says_the_sign_in_plain_words_with_numbers_to_tap(pages: PageClient) -> None:
    pages.post("/diary", {"day": "2026-11-25", "time": "08:30", "pain_now": "6", "new_findings": "saddle_numbness"})
    html = pages.get("/diary").text
    alert = html[html.index('<div class="banner banner-emergency"'):]
    alert = alert[:alert.index("</div>")]
    assert "numbness around your bottom, genitals or inner thighs" in alert and "saddle" not in alert
    assert '<a href="tel:999">999</a>' in alert and "Then run a new check" not in alert
    assert "After you have had help, check your back again" in alert
