"""The question pages: one small group per step, yes / no / not sure, errors that name the field."""

from __future__ import annotations

import re

from tests.web.conftest import PageClient

NO_NERVES = {"saddle_numbness": "no", "new_bladder_problem": "no", "new_bowel_incontinence": "no",
             "new_sexual_dysfunction": "no"}
PAIN = {"region": "lower", "radiation": "none", "trigger": "lifting", "onset": "sudden", "duration_days": "2",
        "severity": "6"}


def all_no(page_html: str) -> dict[str, str]:
    """Answer "no" to every yes / no / not sure question on a page."""
    names = sorted(set(re.findall(r'type="radio" id="[^"]+" name="([^"]+)" value="unsure"', page_html)))
    return dict.fromkeys(names, "no")


def banner_title(html: str) -> str:
    found = re.search(r'<h1 id="result-title">(.*?)</h1>', html)
    assert found, "no result banner"
    return found.group(1)


def test_starting_the_questions_goes_to_about_you(pages: PageClient) -> None:
    response = pages.post("/questions")
    assert response.status_code == 303
    assert response.headers["location"] == "/questions/about-you"


def test_answering_no_to_every_warning_sign_ends_at_self_care(pages: PageClient) -> None:
    pages.post("/questions")
    url = pages.post("/questions/about-you", {"age": "35", "sex": "male"}).headers["location"]
    visited = []
    while url != "/result":
        visited.append(url)
        page_html = pages.get(url).text
        data = PAIN if url.endswith("your-pain") else all_no(page_html)
        response = pages.post(url, data)
        assert response.status_code == 303, response.text
        url = response.headers["location"]
    assert visited == [
        "/questions/your-pain", "/questions/worse-or-better", "/questions/nerves", "/questions/legs-and-walking",
        "/questions/chest-and-belly", "/questions/feeling-unwell", "/questions/side-pee-and-skin",
        "/questions/past-health", "/questions/recent-treatment", "/questions/more-about-you",
    ]
    result = pages.get("/result")
    assert banner_title(result.text) == "You can look after this at home"
    assert "Questions you have not answered" not in result.text


def test_saddle_numbness_stops_the_questions_at_an_emergency(pages: PageClient) -> None:
    pages.post("/questions")
    pages.post("/questions/about-you", {"age": "50", "sex": "female"})
    pages.post("/questions/pregnancy", {"pregnant": "no"})
    pages.post("/questions/your-pain", PAIN)
    pages.post("/questions/worse-or-better", {})
    response = pages.post("/questions/nerves", {**NO_NERVES, "saddle_numbness": "yes"})
    assert response.headers["location"] == "/result"
    result = pages.get("/result").text
    assert banner_title(result) == "Get emergency help now"
    assert 'class="banner banner-emergency" role="alert"' in result
    assert '<a href="/sources#source-GIRFT-CES-2023">GIRFT-CES-2023</a>' in result


def test_a_woman_under_60_is_asked_about_pregnancy_and_a_man_is_not(pages: PageClient) -> None:
    pages.post("/questions")
    assert pages.post("/questions/about-you", {"age": "30", "sex": "female"}).headers["location"] == \
        "/questions/pregnancy"
    assert pages.post("/questions/about-you", {"age": "30", "sex": "male"}).headers["location"] == \
        "/questions/your-pain"


def test_not_sure_gets_the_clarifying_question_then_the_safer_answer(pages: PageClient) -> None:
    pages.post("/questions")
    pages.post("/questions/about-you", {"age": "40", "sex": "male"})
    pages.post("/questions/your-pain", PAIN)
    pages.post("/questions/worse-or-better", {})
    response = pages.post("/questions/nerves", {**NO_NERVES, "saddle_numbness": "unsure"})
    assert response.headers["location"] == "/questions/nerves/check"
    check = pages.get("/questions/nerves/check").text
    assert "When you wipe yourself after using the toilet, does it feel numb or different from usual?" in check
    assert 'name="new_bladder_problem"' not in check
    response = pages.post("/questions/nerves/check", {"saddle_numbness": "unsure"})
    assert response.headers["location"] == "/questions/legs-and-walking"
    result = pages.get("/result").text
    assert banner_title(result) == "See a doctor today"
    assert "You were not sure, so we took the safer choice." in result


def test_a_missing_answer_is_named_in_the_error_summary_and_the_rest_is_kept(pages: PageClient) -> None:
    pages.post("/questions")
    pages.post("/questions/about-you", {"age": "40", "sex": "male"})
    answers = {**NO_NERVES}
    del answers["new_bowel_incontinence"]
    answers["saddle_numbness"] = "unsure"
    response = pages.post("/questions/nerves", answers)
    assert response.status_code == 400
    assert ('<a href="#new_bowel_incontinence">Since the pain began, have you lost control of your bowels, '
            'or not felt when you need a poo?: Select yes, no or I&#39;m not sure</a>') in response.text
    assert 'id="saddle_numbness-unsure" name="saddle_numbness" value="unsure" checked' in response.text
    assert response.text.count(" checked") == 3


def test_an_age_under_16_is_refused_on_the_page_keeping_what_was_typed(pages: PageClient) -> None:
    pages.post("/questions")
    response = pages.post("/questions/about-you", {"age": "12", "sex": "female"})
    assert response.status_code == 400
    assert "backrelief is for people aged 16 and over." in response.text
    assert 'name="age" type="text" inputmode="numeric" autocomplete="off" spellcheck="false" value="12"' in response.text
    assert 'value="female" checked' in response.text


def test_words_in_the_age_box_are_refused_with_the_allowed_range(pages: PageClient) -> None:
    pages.post("/questions")
    response = pages.post("/questions/about-you", {"age": "forty", "sex": "male"})
    assert response.status_code == 400
    assert "How old are you?: Enter a whole number from 16 to 110" in response.text
    assert 'value="forty"' in response.text


def test_the_back_link_returns_to_the_step_before_with_its_answers(pages: PageClient) -> None:
    pages.post("/questions")
    pages.post("/questions/about-you", {"age": "44", "sex": "male"})
    page_html = pages.get("/questions/your-pain").text
    assert '<a class="back-link" href="/questions/about-you">Back</a>' in page_html
    about = pages.get("/questions/about-you").text
    assert 'value="44"' in about
    assert 'value="male" checked' in about


def test_the_result_without_any_answers_goes_back_to_the_start(pages: PageClient) -> None:
    response = pages.http.get("/result", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == "/"


def test_an_unknown_step_is_a_404_page(pages: PageClient) -> None:
    response = pages.get("/questions/no-such-step")
    assert response.status_code == 404
    assert "Page not found" in response.text


def test_every_source_linked_from_a_result_is_on_the_sources_page(pages: PageClient) -> None:
    pages.post("/questions")
    pages.post("/questions/about-you", {"age": "70", "sex": "male"})
    pages.post("/questions/your-pain", {**PAIN, "trigger": "fall"})
    pages.post("/questions/worse-or-better", {})
    pages.post("/questions/nerves", {**NO_NERVES, "saddle_numbness": "yes"})
    linked = set(re.findall(r'href="/sources#(source-[^"]+)"', pages.get("/result").text))
    assert "source-GIRFT-CES-2023" in linked
    anchors = set(re.findall(r'<dt id="(source-[^"]+)"', pages.get("/sources").text))
    assert linked <= anchors
