"""Own words, the plan, the report and the exports: pages and API, on a real SQLite diary."""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient

from tests.web.conftest import PageClient
from tests.web.test_question_pages import PAIN, none_of_these

EMERGENCY_WORDS = ("I am 45. I hurt my back lifting a box yesterday. Since then I cannot feel my bottom "
                   "when I wipe, and I have trouble peeing.")
CALM_WORDS = ("I am 38 and a man. I hurt my lower back lifting a box two days ago. It stays in my back. "
              "No numbness anywhere, and peeing is fine.")


def finish_questions(pages: PageClient, url: str) -> str:
    """Answer no to everything still asked; return where it ends."""
    while url.startswith("/questions/"):
        html = pages.get(url).text
        data = PAIN if url.endswith("your-pain") else none_of_these(html)
        if url == "/questions/about-you":
            data = {"age": "38", "sex": "male"}
        response = pages.post(url, data)
        assert response.status_code == 303, (url, sorted(data))
        url = response.headers["location"]
    return url


def test_own_words_show_the_values_understood_editable_and_the_denials_as_denials(pages: PageClient) -> None:
    response = pages.post("/words", {"text": CALM_WORDS})
    assert response.headers["location"] == "/questions/details"
    html = pages.get("/questions/details").text
    assert 'value="38"' in html and "You wrote:" in html
    url = pages.post("/questions/details", {**PAIN, "age": "38", "sex": "male"}).headers["location"]
    group = pages.get(url).text
    assert "We took this as no." in group
    assert 'name="group-nerves" value="none"' in group


def test_a_denial_the_reader_found_counts_only_once_confirmed(pages: PageClient) -> None:
    pages.post("/words", {"text": CALM_WORDS})
    url = pages.post("/questions/details", {**PAIN, "age": "38", "sex": "male"}).headers["location"]
    # Not yet confirmed: the result page is not reached, and the sign is not an answer.
    result = pages.get("/result").text
    assert "You have not finished the questions" in result
    assert finish_questions(pages, url) == "/result"
    assert "You have not finished the questions" not in pages.get("/result").text


def test_an_emergency_in_the_words_goes_straight_to_the_emergency_result(pages: PageClient) -> None:
    response = pages.post("/words", {"text": EMERGENCY_WORDS})
    assert response.headers["location"] == "/result"
    result = pages.get("/result").text
    assert '<h1 id="result-title">Get emergency help now</h1>' in result


def test_correcting_the_reader_changes_the_answer_used(pages: PageClient) -> None:
    pages.post("/words", {"text": CALM_WORDS})
    pages.post("/questions/details", {**PAIN, "age": "38", "sex": "male", "region": "upper"})
    assert "Get medical help today" in pages.get("/result").text or "today" in pages.get("/result").text


def test_after_own_words_a_self_care_person_sees_at_most_five_pages(pages: PageClient) -> None:
    url = pages.post("/words", {"text": CALM_WORDS}).headers["location"]
    asked = []
    while url.startswith("/questions/"):
        asked.append(url)
        html = pages.get(url).text
        data = {**PAIN, "age": "38", "sex": "male"} if url.endswith("details") else none_of_these(html)
        url = pages.post(url, data).headers["location"]
    assert url == "/result"
    assert len(asked) <= 5
    assert "/questions/about-you" not in asked
    # The medicine questions are asked on the own-words path too.
    assert any("medicines" in u for u in asked)


def test_empty_words_are_refused_on_the_start_page(pages: PageClient) -> None:
    response = pages.post("/words", {"text": "   "})
    assert response.status_code == 400
    assert "The description is empty" in response.text


def test_the_plan_page_and_its_calendar_after_a_self_care_result(pages: PageClient) -> None:
    pages.post("/questions")
    assert finish_questions(pages, "/questions/about-you") == "/result"
    assert 'href="/plan"' in pages.get("/result").text
    plan = pages.get("/plan")
    assert plan.status_code == 200
    assert '<h1 id="br-plan-title">Your back pain plan</h1>' in plan.text
    ics = pages.get("/plan.ics")
    assert ics.headers["content-type"] == "text/calendar; charset=utf-8"
    assert ics.headers["content-disposition"] == 'attachment; filename="backrelief-plan.ics"'
    assert ics.text.startswith("BEGIN:VCALENDAR")


def test_a_finished_check_is_kept_for_the_report(pages: PageClient) -> None:
    pages.post("/questions")
    finish_questions(pages, "/questions/about-you")
    report = pages.get("/report").text
    assert "<p><strong>You can look after this at home</strong>" in report


def test_the_report_downloads_as_pdf_and_html(pages: PageClient) -> None:
    pages.post("/diary", {"day": "2026-11-24", "time": "08:00", "pain_now": "6"})
    pdf = pages.get("/report.pdf")
    assert pdf.headers["content-type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    html = pages.get("/report.html")
    assert html.headers["content-disposition"].startswith('attachment; filename="backrelief-report-')
    assert "Back pain: summary for the doctor" in html.text


def test_a_bad_report_period_names_the_field(pages: PageClient) -> None:
    response = pages.get("/report?start=2026-11-30&end=2026-11-01")
    assert response.status_code == 400
    assert "To: The end date must be on or after the start date" in response.text


@pytest.mark.parametrize(("fmt", "start"), [("csv", "at,"), ("json", "{"), ("fhir", "{")])
def test_the_diary_exports(pages: PageClient, fmt: str, start: str) -> None:
    pages.post("/diary", {"day": "2026-11-24", "time": "08:00", "pain_now": "6"})
    response = pages.get(f"/export/{fmt}")
    assert response.status_code == 200
    assert response.text.startswith(start)


def test_an_exported_diary_imports_again(pages: PageClient) -> None:
    pages.post("/diary", {"day": "2026-11-24", "time": "08:00", "pain_now": "6"})
    exported = pages.get("/export/csv").content
    response = pages.http.post("/import", data={"csrf_token": pages.token},
                               files={"file": ("diary.csv", exported, "text/csv")})
    assert response.status_code == 200
    # First a preview: nothing is written yet.
    assert "Check before anything is added" in response.text
    assert "0 new entries" in response.text and "already in your diary: 1 entry" in response.text
    assert pages.get("/diary").text.count('/edit"') == 1


def test_a_preview_then_a_confirmed_import_adds_only_what_is_new_and_twice_adds_nothing(pages: PageClient) -> None:
    pages.post("/diary", {"day": "2026-11-24", "time": "08:00", "pain_now": "6"})
    body = b"at,pain_now\n2026-11-24 08:00,6\n2026-11-25 08:00,4\n2026-11-26 08:00,3\n"
    preview = pages.http.post("/import", data={"csrf_token": pages.token}, files={"file": ("d.csv", body, "text/csv")})
    assert "2 new entries" in preview.text and "already in your diary: 1 entry" in preview.text
    assert pages.get("/diary").text.count('/edit"') == 1
    done = pages.post("/import/confirm", {"kind": "csv", "content": body.decode()})
    assert "Imported 2 new entries" in done.text
    again = pages.post("/import/confirm", {"kind": "csv", "content": body.decode()})
    assert "Nothing was added: everything in the file is already in your diary." in again.text
    assert pages.get("/diary").text.count('/edit"') == 3


def test_a_bad_import_names_the_problem_and_adds_nothing(pages: PageClient) -> None:
    pages.get("/export")
    response = pages.http.post("/import", data={"csrf_token": pages.token},
                               files={"file": ("diary.csv", b"at,pain_now\n2026-11-24 08:00,12\n", "text/csv")})
    assert response.status_code == 400
    assert "pain_now" in response.text
    assert "No entries yet." in pages.get("/diary").text


def test_the_api_reads_words(client: TestClient) -> None:
    body = client.post("/api/v1/readings", json={"text": EMERGENCY_WORDS}).json()
    assert body["assessment"]["findings"] == ["saddle_numbness", "new_bladder_problem"]
    assert {"field": "findings", "value": "saddle_numbness", "span": "cannot feel my bottom when I wipe",
            "start": 62, "end": 95, "inferred": False, "low": None, "high": None} in body["understood"]
    assert "fever" in body["red_flags_unasked"]


def test_the_api_refuses_empty_words_naming_text(client: TestClient) -> None:
    response = client.post("/api/v1/readings", json={"text": ""})
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "text"


def test_the_api_makes_a_plan_and_its_calendar(client: TestClient) -> None:
    calm = {"age": 38, "findings": [], "history": []}
    plan = client.post("/api/v1/plans", json=calm).json()
    assert plan["disposition"] == "self_care"
    assert plan["emergency"] is False
    ics = client.post("/api/v1/plans/ics", json=calm)
    assert ics.text.startswith("BEGIN:VCALENDAR")


def test_an_emergency_plan_has_no_calendar(client: TestClient) -> None:
    response = client.post("/api/v1/plans/ics", json={"age": 50, "findings": ["saddle_numbness"]})
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "format"


def test_the_api_report_and_exports(client: TestClient) -> None:
    client.post("/api/v1/diary/entries", json={"at": "2026-11-24T08:00:00", "pain_now": 5})
    assert client.get("/api/v1/reports/pdf").content.startswith(b"%PDF")
    assert "summary for the doctor" in client.get("/api/v1/reports/html").text
    assert json.loads(client.get("/api/v1/exports/fhir").text)["resourceType"] == "Bundle"
    assert client.get("/api/v1/exports/json").json()["entries"][0]["pain_now"] == 5
    assert client.get("/api/v1/exports/csv").text.startswith("at,")


def test_a_long_description_still_fits_in_the_progress_cookie(pages: PageClient) -> None:
    words = ("I am 60. My lower back went when I was lifting heavy boxes at work on Monday morning. "
             "It shoots down the back of my left leg to below the knee and my foot tingles. "
             "I have had a fever and sweats at night, and I lost some weight without trying. "
             "I had bowel cancer eight years ago and I take steroids for my asthma. ") * 12
    response = pages.post("/words", {"text": words[:5000]})
    assert response.status_code == 303
    cookie = pages.http.cookies["br_flow"]
    assert len(cookie) <= 3800
    assert pages.get(response.headers["location"]).status_code == 200


def test_a_pain_score_taken_from_words_is_shown_with_them_and_can_be_changed(pages: PageClient) -> None:
    words = "I am 38 and a man. My lower back is in agony since I lifted a box two days ago. It stays in my back."
    pages.post("/words", {"text": words})
    html = pages.get("/questions/details").text
    assert 'id="severity" name="severity" type="text" inputmode="numeric" autocomplete="off" spellcheck="false" ' \
           'value="10"' in html
    assert "From “agony” we guessed: 10 out of 10. Is that right? If not, change it." in html
    # A value the words state is not explained again.
    assert "You wrote: “38”. Change it if we got it wrong." in html
    url = pages.post("/questions/details", {**PAIN, "age": "38", "sex": "male", "severity": "6",
                                            "worst_severity": "6"}).headers["location"]
    assert finish_questions(pages, url) == "/result"
    assert "6 out of 10" in pages.get("/result").text


def test_words_about_the_pain_without_a_score_are_shown_at_the_score_question(pages: PageClient) -> None:
    words = "I am 38 and a man. My lower back has a mild ache since I lifted a box two days ago. It stays in my back."
    pages.post("/words", {"text": words})
    html = pages.get("/questions/details").text
    assert "You wrote: “mild”. Give your own answer here." in html
    assert 'name="severity" type="text" inputmode="numeric" autocomplete="off" spellcheck="false" value=""' in html


def test_the_plan_pages_readiness_form_asks_only_what_the_check_did_not_answer(pages: PageClient) -> None:
    pages.post("/questions")
    assert finish_questions(pages, "/questions/about-you") == "/result"
    html = pages.get("/plan").text
    form = html.partition('class="br-readiness-form"')[2].partition("</form>")[0]
    # A man: pregnancy is answered from the check, never asked; so is the heart question
    # after "no" to heart disease, heart failure and high blood pressure.
    assert 'name="rd-pregnant"' not in form and 'name="rd-heart"' not in form
    assert "No, from what you told us in the check." in form
    assert 'name="rd-chest"' in form and 'name="rd-supervised"' in form


def test_a_value_the_words_only_imply_is_shown_on_the_page_as_a_guess_to_confirm(pages: PageClient) -> None:
    pages.post("/words", {"text": "put my back out lifting a box, no numbness, peeing fine, I'm 40"})
    html = " ".join(pages.get("/questions/details").text.split())
    assert "From “put my back out” we guessed: Suddenly. Is that right? If not, change it." in html
    assert "You wrote: “40”. Change it if we got it wrong." in html  # said in so many words


@pytest.mark.parametrize("words", [
    "I am 40. I put my back out lifting a box yesterday. Pain is 6 out of 10.",
    "Hurt my back at the gym, 33 year old man, no numbness, peeing fine.",
])
def test_which_leg_is_not_required_once_the_same_page_says_the_pain_stays_in_the_back(
        pages: PageClient, words: str) -> None:
    pages.post("/words", {"text": words})
    html = pages.get("/questions/details").text
    assert 'name="leg_sides"' in html  # open while the spread is not known
    response = pages.post("/questions/details", {**PAIN, "age": "40", "sex": "male"})
    assert response.status_code == 303, response.text


def test_which_leg_is_still_required_when_the_same_page_says_the_pain_spreads(pages: PageClient) -> None:
    pages.post("/words", {"text": "I am 40. I put my back out lifting a box yesterday. Pain is 6 out of 10."})
    response = pages.post("/questions/details", {**PAIN, "radiation": "below_knee", "age": "40", "sex": "male"})
    assert response.status_code != 303
    assert "leg" in response.text.lower()
