"""How it started, on the web: recorded from the check, changed by the person, and then
theirs (it limits the entries' dates); a change that makes the advice more urgent says so."""

from __future__ import annotations

from datetime import date

from fastapi.testclient import TestClient

from backrelief.assessment import Assessment
from backrelief.diary.models import EpisodeCreate
from backrelief.services.checks import keep_check
from backrelief.storage import Episodes
from backrelief.triage import triage
from tests.web.conftest import TODAY, PageClient

START = {"started_on": "2026-11-20", "onset": "sudden", "trigger": "lifting", "how": "a box of books"}


def _episodes(client: TestClient) -> Episodes:
    return Episodes(client.app.state.services.engine)  # type: ignore[attr-defined]


def _keep_check(client: TestClient, **answers: object) -> None:
    assessment = Assessment.model_validate({"age": 34, "severity": 4, **answers})
    keep_check(client.app.state.services.engine, assessment, triage(assessment), TODAY)  # type: ignore[attr-defined]


def test_a_start_given_on_the_web_is_saved_as_the_persons_and_shown_on_the_diary(
        pages: PageClient, client: TestClient) -> None:
    assert "Say when and how it started" in pages.get("/diary").text
    saved = pages.post("/diary/how-it-started", START)
    assert (saved.status_code, saved.headers["location"]) == (303, "/diary?done=started")
    [episode] = _episodes(client).list()
    assert (episode.started_on, episode.onset, episode.trigger, episode.how, episode.start_given) == (
        date(2026, 11, 20), "sudden", "lifting", "a box of books", True)
    diary = pages.get("/diary?done=started").text
    assert "How it started is saved." in diary
    assert "20 Nov 2026, suddenly: lifting something. a box of books" in diary
    # The day the person gave now limits their entries.
    refused = pages.post("/diary", {"day": "2026-11-19", "time": "09:00", "pain_now": "5"})
    assert "on or after the day you said this episode began (2026-11-20)" in refused.text


def test_the_start_a_check_recorded_is_shown_for_correcting_and_changed_in_place(
        pages: PageClient, client: TestClient) -> None:
    _keep_check(client, duration_days=2, onset="sudden", trigger="bending")
    form = pages.get("/diary/how-it-started").text
    assert 'value="2026-11-24"' in form
    assert 'id="trigger-bending" name="trigger" value="bending" checked' in form
    assert pages.post("/diary/how-it-started", {**START, "started_on": "2026-11-21"}).status_code == 303
    [episode] = _episodes(client).list()
    assert (episode.started_on, episode.trigger, episode.start_given) == (date(2026, 11, 21), "lifting", True)


def test_every_problem_with_how_it_started_is_named_at_once_and_what_was_typed_is_kept(
        pages: PageClient, client: TestClient) -> None:
    refused = pages.post("/diary/how-it-started", {"started_on": "2026-11-27", "onset": "sudden",
                                                   "trigger": "juggling", "how": "x" * 501})
    assert refused.status_code == 400
    summary = refused.text.split('class="error-summary"')[1].split("</ul>")[0]
    assert '<a href="#started_on">The day it started: Enter a day up to today (2026-11-26), not 2026-11-27</a>' in summary
    assert '<a href="#trigger">What set it off: Enter one of: lifting' in summary
    assert '<a href="#how">How it started: Enter text of 500 characters or fewer' in summary
    assert 'value="2026-11-27"' in refused.text and "x" * 501 in refused.text
    assert _episodes(client).list() == []
    missing = pages.post("/diary/how-it-started", {"started_on": "", "trigger": "lifting"})
    assert missing.status_code == 400 and "The day it started: Enter the day it started" in missing.text


def test_not_sure_is_kept_as_not_known_and_without_a_check_asks_for_one(pages: PageClient, client: TestClient) -> None:
    answer = pages.post("/diary/how-it-started", {**START, "onset": "unsure", "trigger": "unsure"})
    [episode] = _episodes(client).list()
    assert (episode.onset, episode.trigger) == (None, None)
    # Nothing else is known yet: the rules' safer side asks for a check.
    assert answer.status_code == 200
    assert "How it started has changed. Please check your back again" in answer.text


def test_changing_how_it_started_to_a_fall_from_a_height_brings_up_the_emergency(
        pages: PageClient, client: TestClient) -> None:
    _keep_check(client, duration_days=2, onset="sudden", trigger="lifting")
    answer = pages.post("/diary/how-it-started", {**START, "trigger": "fall_from_height"})
    assert answer.status_code == 200
    assert "How it started has changed. Get emergency help now." in answer.text
    assert 'class="banner banner-emergency" role="alert"' in answer.text
    assert _episodes(client).latest().trigger == "fall_from_height"  # type: ignore[union-attr]


def test_a_change_that_leaves_the_advice_as_it_was_just_saves(pages: PageClient, client: TestClient) -> None:
    _keep_check(client, duration_days=2, onset="sudden", trigger="lifting")
    assert pages.post("/diary/how-it-started", {**START, "started_on": "2026-11-23"}).status_code == 303
    _episodes(client).start(EpisodeCreate(started_on=date(2026, 11, 25)))
    assert len(_episodes(client).list()) == 2
