"""The diary in the browser's words (pages) and the API's (JSON), on a real SQLite file."""

from __future__ import annotations

import re
from datetime import datetime

from fastapi.testclient import TestClient

from tests.kept_checks import kept_check
from tests.web.conftest import PageClient

ENTRY = {"day": "2026-11-25", "time": "08:30", "pain_now": "6", "notes": "stiff after sleep"}


def entry_ids(html: str) -> list[int]:
    return [int(i) for i in re.findall(r'href="/diary/(\d+)/edit"', html)]


def test_an_entry_added_on_the_page_is_listed(pages: PageClient) -> None:
    response = pages.post("/diary", ENTRY)
    assert response.status_code == 303
    assert response.headers["location"] == "/diary?done=added"
    page_html = pages.get("/diary?done=added").text
    assert "Your entry is saved." in page_html
    assert "<td data-label=\"When\">Wed 25 Nov 2026, 08:30</td>" in page_html
    assert "stiff after sleep" in page_html


def test_an_invalid_pain_score_names_the_field_and_keeps_what_was_typed(pages: PageClient) -> None:
    response = pages.post("/diary", {**ENTRY, "pain_now": "12", "med_name_1": "ibuprofen", "med_dose_1": "400"})
    assert response.status_code == 400
    assert '<a href="#pain_now">Pain now: Enter a whole number from 0 (no pain) to 10' in response.text
    assert 'id="pain_now" name="pain_now" type="text" inputmode="numeric" autocomplete="off" value="12"' in response.text
    assert 'value="stiff after sleep"' in response.text
    assert 'value="ibuprofen"' in response.text
    assert "No entries yet." in response.text


def test_worst_pain_below_pain_now_is_refused(pages: PageClient) -> None:
    response = pages.post("/diary", {**ENTRY, "pain_worst": "3"})
    assert response.status_code == 400
    assert "Worst pain since the last entry: The worst pain cannot be lower than the pain now" in response.text


def test_a_medicine_without_a_dose_is_refused_naming_the_row(pages: PageClient) -> None:
    response = pages.post("/diary", {**ENTRY, "med_name_1": "paracetamol"})
    assert response.status_code == 400
    assert "Medicine 1: give both the name and the dose in mg" in response.text


def test_an_entry_can_be_changed(pages: PageClient) -> None:
    pages.post("/diary", {**ENTRY, "med_name_1": "ibuprofen", "med_dose_1": "400", "med_time_1": "08:00"})
    [entry_id] = entry_ids(pages.get("/diary").text)
    edit = pages.get(f"/diary/{entry_id}/edit").text
    assert 'value="ibuprofen"' in edit and 'value="400"' in edit and 'value="08:00"' in edit
    response = pages.post(f"/diary/{entry_id}/edit", {**ENTRY, "pain_now": "4", "med_name_1": "ibuprofen",
                                                      "med_dose_1": "400", "med_time_1": "08:00"})
    assert response.headers["location"] == "/diary?done=changed"
    listing = pages.get("/diary").text
    assert "<td data-label=\"Pain now\">4</td>" in listing
    assert "ibuprofen 400 mg" in listing


def test_deleting_asks_first_then_removes_the_entry(pages: PageClient) -> None:
    pages.post("/diary", ENTRY)
    [entry_id] = entry_ids(pages.get("/diary").text)
    confirm = pages.get(f"/diary/{entry_id}/delete").text
    assert "Delete the entry of 25 Nov 2026, 08:30?" in confirm
    assert entry_ids(pages.get("/diary").text) == [entry_id]
    response = pages.post(f"/diary/{entry_id}/delete")
    assert response.headers["location"] == "/diary?done=deleted"
    assert entry_ids(pages.get("/diary").text) == []


def test_a_missing_entry_is_a_404_page(pages: PageClient) -> None:
    assert pages.get("/diary/999/edit").status_code == 404


def test_the_api_adds_reads_changes_and_deletes_an_entry(client: TestClient) -> None:
    made = client.post("/api/v1/diary/entries", json={"at": "2026-11-25T08:30:00", "pain_now": 6})
    assert made.status_code == 201
    entry = made.json()
    assert entry["pain_now"] == 6 and entry.pop("warning_sign") is None
    assert client.get(f"/api/v1/diary/entries/{entry['id']}").json() == entry
    changed = client.patch(f"/api/v1/diary/entries/{entry['id']}", json={"pain_now": 3})
    assert changed.json()["pain_now"] == 3
    listed = client.get("/api/v1/diary/entries", params={"from": "2026-11-25", "to": "2026-11-25"}).json()
    assert [e["id"] for e in listed] == [entry["id"]]
    assert client.get("/api/v1/diary/entries", params={"from": "2026-11-26"}).json() == []
    assert client.delete(f"/api/v1/diary/entries/{entry['id']}").status_code == 204
    gone = client.get(f"/api/v1/diary/entries/{entry['id']}")
    assert gone.status_code == 404
    assert gone.json() == {"errors": [{"field": "", "message": f"there is no diary entry {entry['id']}"}]}


def test_the_api_refuses_a_bad_entry_naming_the_field(client: TestClient) -> None:
    response = client.post("/api/v1/diary/entries", json={"at": "2026-11-25T08:30:00", "pain_now": 11})
    assert response.status_code == 422
    [error] = response.json()["errors"]
    assert error["field"] == "pain_now"
    assert client.get("/api/v1/diary/entries").json() == []


def test_a_405_lists_every_method_the_address_takes(client: TestClient) -> None:
    response = client.put("/api/v1/diary/entries")
    assert response.status_code == 405
    assert response.headers["allow"] == "GET, HEAD, POST"


def test_a_new_warning_sign_noted_in_the_diary_brings_up_the_emergency(pages: PageClient) -> None:
    pages.post("/diary", {**ENTRY, "new_findings": "saddle_numbness"})
    html = pages.get("/diary").text
    assert '<div class="banner banner-emergency" role="alert">' in html
    assert "new: numbness around your bottom, genitals or inner thighs. Get emergency help now." in html
    assert "(backrelief assess)" not in html
    [entry_id] = entry_ids(html)
    assert 'value="saddle_numbness" checked' in pages.get(f"/diary/{entry_id}/edit").text


def test_a_diary_without_new_signs_shows_no_prompt(pages: PageClient) -> None:
    pages.post("/diary", ENTRY)
    assert "banner" not in pages.get("/diary").text


def test_a_day_over_a_medicine_limit_is_flagged_on_the_diary(pages: PageClient) -> None:
    for hour in ("06", "10", "14", "18"):
        pages.post("/diary", {**ENTRY, "time": f"{hour}:00", "med_name_1": "ibuprofen", "med_dose_1": "400"})
    html = pages.get("/diary").text
    assert ('<div class="warning-signs" role="alert"><p><strong>Medicine limit:</strong> On 25 Nov 2026 you took '
            '1600 mg of ibuprofen. That is more than the 1200 mg a day limit. Talk to a pharmacist or doctor.</p></div>'
            ) in html


def test_beside_an_emergency_the_diary_page_shows_no_lesser_prompt_or_medicine_limit(pages: PageClient) -> None:
    for hour in ("06", "10", "14", "18"):
        pages.post("/diary", {**ENTRY, "time": f"{hour}:00", "med_name_1": "ibuprofen", "med_dose_1": "400"})
    pages.post("/diary", {**ENTRY, "time": "19:00", "new_findings": "saddle_numbness"})
    html = pages.get("/diary").text
    assert html.count('role="alert"') == 1 and '<div class="banner banner-emergency" role="alert">' in html
    assert "Medicine limit" not in html and 'class="notice"' not in html


def test_the_chart_hint_says_the_newest_days_are_on_the_right_where_the_chart_draws_them(pages: PageClient) -> None:
    pages.post("/diary", ENTRY)
    pages.post("/diary", {**ENTRY, "day": "2026-11-26"})
    html = pages.get("/diary").text
    assert "Newest days first" not in html
    assert html.count("Newest days on the right. Scroll left for earlier days.") == 3


def test_the_api_answer_to_a_new_emergency_sign_carries_the_emergency_instruction(client: TestClient) -> None:
    made = client.post("/api/v1/diary/entries", json={"at": "2026-11-25T08:30:00", "pain_now": 4,
                                                       "new_findings": ["new_bladder_problem"]})
    assert made.status_code == 201
    sign = made.json()["warning_sign"]
    assert sign["level"] == "emergency" and sign["findings"] == ["new_bladder_problem"]
    assert sign["message"].startswith("You noted something new: new trouble peeing, or leaking pee. Get emergency help now.")
    assert "999" in sign["emergency_help"]
    changed = client.patch(f"/api/v1/diary/entries/{made.json()['id']}", json={"new_findings": ["fever"]})
    assert changed.json()["warning_sign"]["findings"] == ["fever"]


def test_a_sign_dated_before_the_latest_check_still_reaches_the_diary_and_the_report(
        pages: PageClient, client: TestClient) -> None:
    from backrelief.storage import Assessments

    engine = client.app.state.services.engine  # type: ignore[attr-defined]
    Assessments(engine).save(kept_check({"age": 40, "findings": []}, {"disposition": "self_care", "reasons": [],
                                                                      "knowledge_version": "2026.11.1"},
                                        created_at=datetime(2026, 11, 26, 12, 0)))
    # Written after the check, about the day before it.
    pages.post("/diary", {**ENTRY, "day": "2026-11-25", "new_findings": "saddle_numbness"})
    assert "new: numbness around your bottom, genitals or inner thighs. Get emergency help now." in pages.get("/diary").text
    report = pages.get("/report").text
    assert "saddle numbness (25 Nov 2026)" in report


def _start(client: TestClient, day: str, *, given: bool) -> None:
    from datetime import date

    from backrelief.diary.models import EpisodeCreate
    from backrelief.storage import Episodes

    engine = client.app.state.services.engine  # type: ignore[attr-defined]
    Episodes(engine).start(EpisodeCreate(started_on=date.fromisoformat(day), start_given=given))


def test_a_day_after_today_is_refused_on_the_form_with_every_other_problem_and_nothing_is_saved(
        pages: PageClient, client: TestClient) -> None:
    # The app's today is 2026-11-26 (tests.web.conftest.TODAY), on this machine's clock and zone.
    refused = pages.post("/diary", {**ENTRY, "day": "2026-11-27", "pain_now": "14"})
    assert refused.status_code == 400
    assert '<a href="#day">Date and time: Enter a day up to today (2026-11-26), not 2026-11-27</a>' in refused.text
    assert '<a href="#pain_now">Pain now: Enter a whole number from 0 (no pain) to 10' in refused.text
    assert 'value="2026-11-27"' in refused.text and 'value="stiff after sleep"' in refused.text
    assert pages.post("/diary", {**ENTRY, "day": "2026-11-26", "time": "23:59"}).status_code == 303
    assert len(client.get("/api/v1/diary/entries").json()) == 1


def test_the_api_refuses_a_day_after_today_naming_at_and_every_other_field(client: TestClient) -> None:
    answer = client.post("/api/v1/diary/entries", json={"at": "2026-11-27T08:30:00", "pain_now": 4, "flares": -2})
    assert answer.status_code == 422
    assert {e["field"]: e["message"] for e in answer.json()["errors"]} == {
        "flares": "'flares' must be a whole number of flare-ups from 0 to 100",
        "at": "'at' must be a day up to today (2026-11-26), not 2026-11-27"}
    assert client.get("/api/v1/diary/entries").json() == []


def test_an_entry_before_a_start_the_app_worked_out_is_refused_on_the_form_and_the_api_saying_how_to_move_it(
        pages: PageClient, client: TestClient) -> None:
    # A check's "how many days ago" set this start: an earlier entry would put the bout's
    # first diary day before the start the report shows, so the start is corrected first.
    _start(client, "2026-11-20", given=False)
    refused = pages.post("/diary", {**ENTRY, "day": "2026-11-02"})
    assert refused.status_code == 400
    assert ("Enter a day on or after the day this episode began (2026-11-20, worked out from your check), "
            "not 2026-11-02. If it began earlier, change how it started first") in refused.text
    answer = client.post("/api/v1/diary/entries", json={"at": "1990-01-01T09:00", "pain_now": 5})
    assert answer.status_code == 422 and answer.json()["errors"][0]["field"] == "at"
    assert client.get("/api/v1/diary/entries").json() == []
    assert pages.post("/diary", {**ENTRY, "day": "2026-11-20", "time": "00:00"}).status_code == 303


def test_an_entry_before_the_start_the_person_gave_is_refused_on_the_form_and_the_api(
        pages: PageClient, client: TestClient) -> None:
    _start(client, "2026-11-20", given=True)
    refused = pages.post("/diary", {**ENTRY, "day": "2026-11-19"})
    assert refused.status_code == 400
    assert ("Date and time: Enter a day on or after the day you said this episode began (2026-11-20), "
            "not 2026-11-19") in refused.text
    answer = client.post("/api/v1/diary/entries", json={"at": "2026-11-19T09:00", "pain_now": 5})
    assert answer.status_code == 422 and answer.json()["errors"][0]["field"] == "at"
    assert pages.post("/diary", {**ENTRY, "day": "2026-11-20", "time": "00:00"}).status_code == 303


def test_editing_an_old_entry_keeps_its_date_but_a_new_wrong_date_is_refused(
        pages: PageClient, client: TestClient) -> None:
    made = client.post("/api/v1/diary/entries", json={"at": "2026-11-10T09:00", "pain_now": 6}).json()
    # The person then says the episode began later than that entry: the entry stays editable.
    _start(client, "2026-11-20", given=True)
    kept = pages.post(f"/diary/{made['id']}/edit", {**ENTRY, "day": "2026-11-10", "time": "09:00", "pain_now": "4"})
    assert kept.status_code == 303
    assert client.patch(f"/api/v1/diary/entries/{made['id']}", json={"pain_now": 3}).status_code == 200
    moved = pages.post(f"/diary/{made['id']}/edit", {**ENTRY, "day": "2026-11-28", "time": "09:00"})
    assert moved.status_code == 400
    assert "Date and time: Enter a day up to today (2026-11-26), not 2026-11-28" in moved.text
    patched = client.patch(f"/api/v1/diary/entries/{made['id']}", json={"at": "2026-11-12T09:00"})
    assert patched.status_code == 422
    assert patched.json()["errors"] == [{"field": "at", "message": "'at' must be a day on or after the day you said "
                                                                   "this episode began (2026-11-20), not 2026-11-12"}]
    assert client.get(f"/api/v1/diary/entries/{made['id']}").json()["at"] == "2026-11-10T09:00:00"


def test_after_the_plans_review_day_the_diary_and_the_report_say_who_to_see_when_not_clearly_better(
        settings: object) -> None:
    from datetime import date

    from backrelief.assessment import Assessment
    from backrelief.services.checks import keep_check
    from backrelief.triage import triage
    from backrelief.web import create_app

    today = [date(2026, 11, 20)]
    with TestClient(create_app(settings, clock=lambda: today[0])) as client:  # type: ignore[arg-type]
        engine = client.app.state.services.engine  # type: ignore[attr-defined]
        assessment = Assessment.model_validate({"age": 34, "severity": 6, "duration_days": 2, "onset": "sudden",
                                                "trigger": "lifting"})
        kept = keep_check(engine, assessment, triage(assessment), today[0])
        review = kept.plan.who_to_see.review_date
        said = f"review day was {review:%A} {review.day} {review:%B} and your pain is not clearly better."
        for day, pain in (("2026-11-19", 6), ("2026-11-20", 6)):
            assert client.post("/api/v1/diary/entries", json={"at": f"{day}T09:00", "pain_now": pain}).status_code == 201
        assert said not in client.get("/diary").text
        today[0] = review
        assert client.post("/api/v1/diary/entries", json={"at": f"{review:%Y-%m-%d}T09:00", "pain_now": 5}).status_code \
            == 201
        assert said in client.get("/diary").text
        assert said in client.get("/report").text
