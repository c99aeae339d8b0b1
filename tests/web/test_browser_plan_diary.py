"""The plan, the diary's warning signs and the import as a person meets them, in Debian's
Chromium on the real `backrelief serve`: at 360 px the things to do today are on the first
screen; the readiness check is a form; a warning sign written in the diary reaches the
report; importing the same file twice adds nothing. axe-core on every page."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from playwright.sync_api import expect

from tests.web.browser import Session
from tests.web.test_browser import assert_accessible, go_through

pytestmark = pytest.mark.browser


def _to_the_plan(s: Session) -> None:
    s.go("/")
    s.page.get_by_role("button", name="Answer questions").click()
    go_through(s)
    expect(s.page.locator("#result-title")).to_have_text("You can look after this at home")
    s.page.get_by_role("link", name="See your relief plan").click()
    expect(s.page.locator("#br-plan-title")).to_have_text("Your back pain plan")


def _screen_height(s: Session) -> int:
    size = s.page.viewport_size
    assert size is not None
    return int(size["height"])


def _bottom(s: Session, selector: str) -> float:
    box = s.page.locator(selector).last.bounding_box()
    assert box is not None, selector
    return float(box["y"] + box["height"])


@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_the_plan_shows_all_of_what_to_do_today_on_the_first_screen(size: str, request: pytest.FixtureRequest) -> None:
    s: Session = request.getfixturevalue(size)
    _to_the_plan(s)
    assert_accessible(s)
    if size == "phone":
        s.shot("plan-phone.png", full_page=False)  # the README's picture
    today = s.page.locator(".br-today")
    expect(today).to_be_visible()
    steps = today.locator("li")
    assert 3 <= steps.count() <= 5
    # Every one of today's things ends above the fold, before any scrolling.
    assert _bottom(s, ".br-today li") <= _screen_height(s), (s.page.viewport_size, _bottom(s, ".br-today li"))
    text = today.inner_text()
    for words in ("Medicine", "Keep moving", "Who to see", "Review date"):
        assert words in text
    # Nothing wider than the screen.
    width = s.page.evaluate("document.documentElement.clientWidth")
    assert s.page.evaluate("document.documentElement.scrollWidth") <= width
    # The rest sits behind headings that open, and all of it opens for printing.
    part = s.page.locator("#br-medicines-part")
    expect(part).not_to_have_attribute("open", "")
    part.locator("summary").click()
    expect(part).to_have_attribute("open", "")
    s.page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    assert s.page.locator("details:not([open])").count() == 0
    s.page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    expect(s.page.locator("#br-exercises-part")).not_to_have_attribute("open", "")
    expect(part).to_have_attribute("open", "")


@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_the_result_page_is_short_with_the_rest_behind_headings(size: str, request: pytest.FixtureRequest) -> None:
    s: Session = request.getfixturevalue(size)
    s.go("/")
    s.page.get_by_role("button", name="Answer questions").click()
    go_through(s)
    # The answer, the review date and the way to the plan are on the first screen; the
    # warning signs stay in view, never folded away.
    assert _bottom(s, "a.button[href='/plan']") <= _screen_height(s)
    expect(s.page.locator(".warning-signs")).to_be_visible()
    # Twelve thousand pixels at 360 px before every answer was folded under its heading.
    assert s.page.evaluate("document.documentElement.scrollHeight") <= 3_000
    assert s.page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    assert_accessible(s)
    change = s.page.get_by_role("link", name="Change your answer to: How bad is the pain right now")
    expect(change).to_be_hidden()
    s.page.locator("summary", has_text="Your pain").click()
    expect(change).to_be_visible()
    assert_accessible(s)
    s.page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    assert s.page.locator("details:not([open])").count() == 0


def test_the_readiness_check_is_a_form_whose_answers_the_plan_follows(tab: Session) -> None:
    s = tab
    _to_the_plan(s)
    part = s.page.locator("#br-readiness-part")
    expect(part).to_have_attribute("open", "")  # unanswered: open, to be answered
    expect(part).to_contain_text("If you answer yes or not sure to any of them, do only level 1")
    for radio in part.locator('input[type="radio"][value="no"]').all():
        radio.check()
    assert_accessible(s)
    part.get_by_role("button", name="Save my answers").click()
    expect(s.page.locator(".success")).to_contain_text("Your answers are saved")
    expect(s.page.locator("#br-readiness-part")).to_contain_text(
        "You answered no to every question, so you can follow the whole plan")
    # One "not sure" keeps level 1, and says so once.
    part = s.page.locator("#br-readiness-part")
    part.locator('input[type="radio"][value="unsure"]').first.check()
    part.get_by_role("button", name="Save my answers").click()
    expect(s.page.locator("#br-readiness-part")).to_contain_text(
        "You answered yes or not sure to at least one question, so keep to level 1 for now")
    assert_accessible(s)


def test_a_warning_sign_written_in_the_diary_reaches_the_report(tab: Session) -> None:
    s = tab
    day = (date.today() - timedelta(days=1)).isoformat()
    s.go("/diary")
    s.page.get_by_label("Date", exact=True).fill(day)
    s.page.get_by_label("Pain now").fill("5")
    s.page.get_by_text("More details (optional)").click()
    s.page.get_by_label("A leg is getting weaker").check()
    s.page.get_by_role("button", name="Save entry").click()
    banner = s.page.locator(".banner-urgent, .banner-emergency").first
    expect(banner).to_be_visible()
    expect(banner).to_contain_text("You noted something new: a leg getting weaker")
    assert_accessible(s)
    s.page.get_by_role("link", name="Report", exact=True).click()
    when = date.fromisoformat(day).strftime("%d %b %Y")
    expect(s.page.locator("main")).to_contain_text(f"leg weakness worsening ({when})")
    assert_accessible(s)


def test_importing_the_same_file_twice_adds_nothing_the_second_time(
        tab: Session, tmp_path_factory: pytest.TempPathFactory) -> None:
    s = tab
    folder = tmp_path_factory.mktemp("import")
    file = folder / "diary.csv"
    file.write_text("at,pain_now,notes\n2026-10-01 08:00,6,imported one\n2026-10-02 08:00,5,imported two\n",
                    encoding="utf-8")
    s.go("/export")
    for _ in range(2):
        s.page.get_by_label("Diary file").set_input_files(str(file))
        s.page.get_by_role("button", name="Check the file").click()
        expect(s.page.locator("#preview-title")).to_have_text("Check before anything is added")
        assert_accessible(s)
        if s.page.get_by_role("button", name="Add the new ones to my diary").count():
            expect(s.page.locator("main")).to_contain_text("2 new entries")
            s.page.get_by_role("button", name="Add the new ones to my diary").click()
            expect(s.page.locator(".success")).to_contain_text("Imported 2 new entries")
        else:
            expect(s.page.locator("main")).to_contain_text("0 new entries")
            expect(s.page.locator("main")).to_contain_text("already in your diary: 2 entries")
    s.go("/diary")
    expect(s.page.locator("main")).to_contain_text("imported one")
    assert s.page.get_by_text("imported two").count() == 1


def test_on_a_phone_the_report_page_has_its_landmarks_and_fits_the_width(phone: Session) -> None:
    s = phone
    s.go("/report")
    expect(s.page.locator("h1")).to_have_text("Report for your doctor")
    for role in ("banner", "main", "contentinfo"):
        expect(s.page.get_by_role(role)).to_have_count(1)
    expect(s.page.get_by_role("navigation").first).to_be_attached()
    # Nothing but the charts' own scroll boxes is wider than the phone.
    assert s.page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    assert_accessible(s)


def test_on_a_phone_how_it_started_is_corrected_and_then_limits_the_entry_dates(phone: Session) -> None:
    # Last in this file: the day given here limits the entries of the tests sharing this server.
    s = phone
    # An earlier test's check worked the start out as a few days ago, and entries may not be
    # dated before the episode's start: the diary's twelve days begin with the bout.
    started = s.page.request.put(s.base + "/api/v1/diary/episode",
                                 data={"started_on": f"{date.today() - timedelta(days=12):%Y-%m-%d}"})
    assert started.status == 200, started.text()
    for back in range(12, 0, -1):
        day = date.today() - timedelta(days=back)
        answer = s.page.request.post(s.base + "/api/v1/diary/entries", data={
            "at": f"{day:%Y-%m-%d}T09:00", "pain_now": 3 + back // 3, "flares": back % 2,
            "medicines": [{"name": "ibuprofen", "dose_mg": 400}]})
        assert answer.status == 201, answer.text()
    s.go("/diary")
    # The charts keep a readable size and open at their right end, the newest days, saying
    # that earlier days are a sideways scroll away.
    expect(s.page.locator(".chart-hint").first).to_be_visible()
    for box in s.page.locator(".chart-scroll").all():
        ends = box.evaluate("b => [b.getBoundingClientRect().right, b.querySelector('svg').getBoundingClientRect().right,"
                            " b.scrollWidth > b.clientWidth]")
        assert abs(ends[0] - ends[1]) < 2 and ends[2], ends
    date_label = s.page.locator(".chart-scroll svg").first.locator("text").last
    assert date_label.bounding_box() is not None
    s.page.get_by_role("link", name=re.compile("how it started")).click()
    expect(s.page.locator("h1")).to_have_text("How it started")
    assert_accessible(s)
    began = date.today() - timedelta(days=40)
    s.page.get_by_label("The day it started").fill(f"{began:%Y-%m-%d}")
    s.page.get_by_label("Moving furniture").check()
    s.page.get_by_label("How it started, in your own words (optional)").fill("carrying a wardrobe upstairs")
    s.page.get_by_role("button", name="Save how it started").click()
    # 40 days is past the 4 weeks after which the rules advise a visit: the page says so at once.
    expect(s.page.locator("h1")).to_have_text("How it started is saved")
    expect(s.page.get_by_role("status")).to_contain_text("Please check your back again")
    assert_accessible(s)
    s.go("/diary")
    expect(s.page.locator(".episode-summary")).to_contain_text(f"{began:%d %b %Y}")
    s.page.get_by_label("Date", exact=True).fill(f"{began - timedelta(days=1):%Y-%m-%d}")
    s.page.get_by_label("Pain now").fill("12")
    s.page.get_by_role("button", name="Save entry").click()
    summary = s.page.locator(".error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Pain now: Enter a whole number from 0 (no pain) to 10")
    expect(summary).to_contain_text(f"Date and time: Enter a day on or after the day you said this episode began "
                                    f"({began:%Y-%m-%d})")
    assert_accessible(s)
