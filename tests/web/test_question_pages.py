"""The question pages: the interview engine's screens, grouped warning signs with a forced
choice, an emergency on submit whatever else is blank, and a result that is not a dead end."""

from __future__ import annotations

import re

from tests.web.conftest import PageClient

PAIN = {"region": "lower", "radiation": "none", "trigger": "lifting", "onset": "sudden", "duration_days": "2",
        "severity": "6", "worst_severity": "6", "worsens": "bending", "episodes_last_year": "0", "eases-unsure": "unsure",
        # The heart signs whose rules read how the pain started are on the pain's page.
        "group-heart-and-vessels": "none"}
# The first warning signs, right after about you: those that are an emergency on their own.
FIRST = "/questions/nerves+heart-and-vessels"
NONE_FIRST = {"group-nerves": "none", "group-heart-and-vessels": "none"}


def none_of_these(page_html: str) -> dict[str, str]:
    """Answer "none of these" to every group on a page, and fill its fields plainly."""
    groups = sorted(set(re.findall(r'name="(group-[^"]+)" value="none"', page_html)))
    out = dict.fromkeys(groups, "none")
    if 'name="regularly_active"' in page_html:
        out["regularly_active"] = "yes"
    if 'name="country"' in page_html:
        out["country"] = "uk"
    return out


def banner_title(html: str) -> str:
    found = re.search(r'<h1 id="result-title">(.*?)</h1>', html)
    assert found, "no result banner"
    return found.group(1)


def answer_all(pages: PageClient, about: dict[str, str]) -> list[str]:
    pages.post("/questions")
    url = pages.post("/questions/about-you", about).headers["location"]
    visited = ["/questions/about-you"]
    while url != "/result":
        visited.append(url)
        page_html = pages.get(url).text
        data = {**none_of_these(page_html), **PAIN} if url.endswith("your-pain") else none_of_these(page_html)
        response = pages.post(url, data)
        assert response.status_code == 303, response.text
        url = response.headers["location"]
    return visited


def test_starting_the_questions_goes_to_about_you(pages: PageClient) -> None:
    response = pages.post("/questions")
    assert response.status_code == 303
    assert response.headers["location"] == "/questions/about-you"


def test_a_self_care_person_answers_in_at_most_eight_pages(pages: PageClient) -> None:
    visited = answer_all(pages, {"age": "35", "sex": "male"})
    assert len(visited) <= 8
    assert visited[:3] == ["/questions/about-you", FIRST, "/questions/your-pain"]
    result = pages.get("/result")
    assert banner_title(result.text) == "You can look after this at home"
    assert "Questions you have not answered" not in result.text


def test_a_home_care_result_says_its_call_numbers_are_for_an_emergency(pages: PageClient) -> None:
    answer_all(pages, {"age": "40", "sex": "male"})
    calls = re.search(r'<p class="call-links">(.*?)<a', pages.get("/result").text)
    assert calls and calls.group(1).strip() == "In an emergency, call:"


def test_a_group_lists_every_sign_it_stands_for_in_its_own_words(pages: PageClient) -> None:
    pages.post("/questions")
    pages.post("/questions/about-you", {"age": "35", "sex": "male"})
    html = pages.get(FIRST).text
    for text in ("Do you have new numbness or a strange feeling around your bottom, genitals or inner thighs?",
                 "Do you have any chest pain?"):
        assert text in html
    pages.post(FIRST, NONE_FIRST)
    pages.post("/questions/your-pain", PAIN)
    assert "Does a foot drag or slap down" in pages.get("/questions/legs-and-walking+feeling-unwell").text
    assert "None of these" in html and "Yes, one or more" in html


def test_a_yes_to_an_emergency_sign_shows_the_emergency_whatever_else_is_blank(pages: PageClient) -> None:
    pages.post("/questions")
    pages.post("/questions/about-you", {"age": "50", "sex": "female", "pregnant": "no"})
    # The second page: the pain's details are not asked first.
    response = pages.post(FIRST, {"group-nerves": "yes", "saddle_numbness": "yes"})
    assert response.status_code == 303
    assert response.headers["location"] == "/result"
    assert "Emergency" in pages.get("/result").text


def test_an_emergency_on_the_first_page_ends_it_even_with_age_blank(pages: PageClient) -> None:
    pages.post("/questions")
    pages.post("/questions/about-you", {"age": "40", "sex": "male"})
    response = pages.post("/questions/your-pain", {"trigger": "road_accident"})
    assert response.headers["location"] == "/result"


def test_yes_without_saying_which_names_the_missing_items_and_keeps_them_open(pages: PageClient) -> None:
    pages.post("/questions")
    pages.post("/questions/about-you", {"age": "35", "sex": "male"})
    response = pages.post(FIRST, {"group-nerves": "yes", "group-heart-and-vessels": "none"})
    assert response.status_code == 400
    assert "Select yes, no or I&#39;m not sure" in response.text
    assert "group-open" in response.text


def test_not_sure_gets_the_clarifying_question(pages: PageClient) -> None:
    pages.post("/questions")
    pages.post("/questions/about-you", {"age": "35", "sex": "male"})
    pages.post(FIRST, NONE_FIRST)
    pages.post("/questions/your-pain", PAIN)
    worse = {q: "no" for q in ("foot_drop", "unsteady_walking", "unable_to_walk", "leg_weakness", "leg_numbness",
                                "hand_clumsiness", "arm_weakness_or_numbness")}
    response = pages.post("/questions/legs-and-walking+feeling-unwell", {
        "group-feeling-unwell": "none", "group-legs-and-walking": "unsure", "leg_weakness_worsening": "unsure",
        **worse})
    assert response.headers["location"] == "/questions/check"
    assert "has a leg become harder to lift" in pages.get("/questions/check").text


def test_not_sure_of_a_cauda_equina_sign_is_an_emergency_at_once(pages: PageClient) -> None:
    # GIRFT 2023: a suspected cauda equina goes for emergency assessment; "not sure" of a
    # sign is a suspected case, so the result comes before any other question (KA-22).
    pages.post("/questions")
    pages.post("/questions/about-you", {"age": "35", "sex": "male"})
    response = pages.post(FIRST, {
        "group-nerves": "unsure", "saddle_numbness": "unsure", "new_bladder_problem": "no",
        "new_bowel_incontinence": "no", "new_sexual_dysfunction": "no", "group-heart-and-vessels": "none"})
    assert response.headers["location"] == "/result"
    assert banner_title(pages.get("/result").text) == "Get emergency help now"


def test_a_missing_answer_is_named_in_the_error_summary_and_the_rest_is_kept(pages: PageClient) -> None:
    pages.post("/questions")
    response = pages.post("/questions/about-you", {"sex": "male"})
    assert response.status_code == 400
    assert "How old are you?: Enter a number, or tick I&#39;m not sure" in response.text
    assert 'value="male" checked' in response.text


def test_an_age_under_16_is_refused_on_the_page_keeping_what_was_typed(pages: PageClient) -> None:
    pages.post("/questions")
    response = pages.post("/questions/about-you", {"age": "12", "sex": "female"})
    assert response.status_code == 400
    assert "backrelief is for people aged 16 and over." in response.text
    assert 'value="12"' in response.text
    assert 'value="female" checked' in response.text


def test_words_in_the_age_box_are_refused_with_the_allowed_range(pages: PageClient) -> None:
    pages.post("/questions")
    response = pages.post("/questions/about-you", {"age": "forty", "sex": "male"})
    assert response.status_code == 400
    assert "How old are you?: Enter a whole number from 16 to 110" in response.text
    assert 'value="forty"' in response.text


def test_the_back_link_returns_to_the_page_before_with_its_answers(pages: PageClient) -> None:
    pages.post("/questions")
    pages.post("/questions/about-you", {"age": "44", "sex": "male"})
    page_html = pages.get("/questions/your-pain").text
    assert '<a class="back-link" href="/questions/about-you">Back</a>' in page_html
    about = pages.get("/questions/about-you").text
    assert 'value="44"' in about
    assert 'value="male" checked' in about


def test_the_result_lists_every_answer_with_a_change_link_that_returns_to_it(pages: PageClient) -> None:
    answer_all(pages, {"age": "35", "sex": "male"})
    result = pages.get("/result").text
    assert "Your answers" in result and "Not clearly better by" in result
    assert 'href="tel:999"' in result and 'id="print-page"' in result
    assert 'href="/questions/your-pain?change=1"' in result
    changed = pages.post("/questions/your-pain?change=1", {**PAIN, "region": "upper"})
    assert changed.headers["location"] == "/result"
    assert banner_title(pages.get("/result").text) != "You can look after this at home"


def test_without_saved_progress_the_result_says_so_plainly(pages: PageClient) -> None:
    response = pages.http.get("/result", follow_redirects=False)
    assert response.status_code == 200
    assert "Your answers are no longer saved" in response.text
    assert "Your answers are no longer saved" in pages.post("/questions/nerves", {}).text


def test_an_unknown_page_is_a_404_page(pages: PageClient) -> None:
    pages.post("/questions")
    response = pages.get("/questions/no-such-step")
    assert response.status_code == 404
    assert "Page not found" in response.text


def test_every_source_linked_from_a_result_is_on_the_sources_page(pages: PageClient) -> None:
    pages.post("/questions")
    pages.post("/questions/about-you", {"age": "70", "sex": "male"})
    pages.post(FIRST, {"group-nerves": "yes", "saddle_numbness": "yes"})
    linked = set(re.findall(r'href="/sources#(source-[^"]+)"', pages.get("/result").text))
    assert "source-GIRFT-CES-2023" in linked
    anchors = set(re.findall(r'<dt id="(source-[^"]+)"', pages.get("/sources").text))
    assert linked <= anchors


def test_a_woman_under_60_is_asked_about_pregnancy_and_a_man_is_not(pages: PageClient) -> None:
    pages.post("/questions")
    woman = pages.post("/questions/about-you", {"age": "34", "sex": "female"})
    assert woman.status_code == 400
    assert "Are you pregnant?: Select yes, no or I&#39;m not sure" in woman.text
    man = pages.post("/questions/about-you", {"age": "34", "sex": "male"})
    assert man.status_code == 303


def test_no_question_page_repeats_a_heading(pages: PageClient) -> None:
    pages.post("/questions")
    url = pages.post("/questions/about-you", {"age": "35", "sex": "male"}).headers["location"]
    while url != "/result":
        page_html = pages.get(url).text
        headings = [re.sub(r"<[^>]+>", "", h).strip() for h in re.findall(r"<h[12][^>]*>(.*?)</h[12]>", page_html, re.S)]
        assert len(headings) == len(set(headings)), (url, headings)
        data = {**none_of_these(page_html), **PAIN} if url.endswith("your-pain") else none_of_these(page_html)
        url = pages.post(url, data).headers["location"]


def test_the_error_summary_names_the_question_without_repeating_its_help(pages: PageClient) -> None:
    pages.post("/questions")
    url = pages.post("/questions/about-you", {"age": "35", "sex": "male"}).headers["location"]
    while url != "/result":
        page_html = pages.get(url).text
        data = {**none_of_these(page_html), **PAIN} if url.endswith("your-pain") else none_of_these(page_html)
        if 'name="country"' in page_html:
            del data["country"]
            summary = pages.post(url, data).text.split('class="error-summary"')[1].split("</div>")[0]
            assert "Which country are you in?" in summary
            assert "Some medicines are sold" not in summary
            return
        url = pages.post(url, data).headers["location"]
    raise AssertionError("no page asked the country")


def test_not_sure_whether_both_legs_takes_the_safer_choice_on_the_pages(pages: PageClient) -> None:
    pages.post("/questions")
    pages.post("/questions/about-you", {"age": "35", "sex": "male"})
    pages.post(FIRST, NONE_FIRST)
    response = pages.post("/questions/your-pain", {**PAIN, "radiation": "below_knee"})
    assert response.headers["location"] == "/questions/legs"
    url = pages.post("/questions/legs", {"leg_sides": "unsure"}).headers["location"]
    # Not sure of both legs alone is a same-day check (KA-16), not an emergency: the
    # interview goes on to the warning signs that could still raise it.
    while url != "/result":
        url = pages.post(url, none_of_these(pages.get(url).text)).headers["location"]
    result = pages.get("/result").text
    assert banner_title(result) == "See a doctor today"
    assert "call 999 or go to A&amp;E now" in result  # the safety net of the lower level
    assert "You were not sure" in result


def test_the_result_page_says_what_the_person_was_not_sure_of_before_the_reason(pages: PageClient) -> None:
    pages.post("/questions")
    pages.post("/questions/about-you", {"age": "35", "sex": "male"})
    pages.post(FIRST, NONE_FIRST)
    pain = {k: v for k, v in PAIN.items() if k != "trigger"}
    url = pages.post("/questions/your-pain", {**pain, "trigger-unsure": "unsure"}).headers["location"]
    while url != "/result":
        url = pages.post(url, none_of_these(pages.get(url).text)).headers["location"]
    result = pages.get("/result").text
    assert "You were not sure how the pain started, so we took the safer side. Back pain after a crash" in result
    assert "You were not sure, so we took the safer choice." not in result  # said once, by the reason


def test_a_routine_result_says_when_to_book_the_visit_as_the_plan_does_never_check_again_later(
        pages: PageClient) -> None:
    answer_all(pages, {"age": "35", "sex": "male"})
    pages.post("/questions/your-pain?change=1", {**PAIN, "episodes_last_year": "6"})
    result = pages.get("/result").text
    assert banner_title(result) == "Book a visit with a doctor or physio"
    assert "Book a visit with a GP or a physio for no later than" in result
    assert "Not clearly better by" not in result and "Check again by" not in result


def test_going_back_to_about_you_after_male_asks_no_pregnancy_question(pages: PageClient) -> None:
    pages.post("/questions")
    pages.post("/questions/about-you", {"age": "40", "sex": "male"})
    again = pages.get("/questions/about-you").text
    assert 'value="40"' in again and 'value="male" checked' in again
    assert 'name="pregnancy_weeks"' not in again and 'name="pregnant"' not in again
    assert pages.post("/questions/about-you", {"age": "41", "sex": "male"}).status_code == 303
