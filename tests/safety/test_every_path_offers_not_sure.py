"""Every yes / no question on every interactive path can be answered "not sure" (HAZ-010).

The terminal prompts are checked in tests/cli/test_questionnaire.py; here every web
question page and the shared answer reader.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from backrelief.interview import layout, parse_answer
from backrelief.knowledge import load_knowledge
from backrelief.knowledge.conditions import mentions
from backrelief.settings import Settings
from backrelief.storage import ensure_database
from backrelief.web import create_app


@pytest.fixture
def client(tmp_path: Path) -> Iterator[TestClient]:
    settings = Settings(data_dir=tmp_path / "data", database_url="", secret_key=None)
    ensure_database(settings).dispose()
    with TestClient(create_app(settings, clock=lambda: date(2026, 11, 26))) as c:
        yield c


def test_every_yes_no_question_on_every_web_page_offers_not_sure(client: TestClient) -> None:
    k = load_knowledge()
    token = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/").text)
    assert token
    client.post("/questions", data={"csrf_token": token.group(1)}, follow_redirects=False)
    asked: set[str] = set()
    groups = layout(k).groups
    # The pregnancy signs (asked only in pregnancy, screen.yaml ask_if) come last, once
    # the person has said she is pregnant.
    only_if = [g for g in groups if all(q.ask_if is not None for q in g.questions)]
    # The daily-life group is asked only while the answer would be self-care: it comes
    # last, in a new interview where a plain strain has been described.
    self_care_only = [g for g in groups if g.id == "daily-life"]
    for group in [*(g for g in groups if g not in only_if + self_care_only), *only_if, *self_care_only]:
        if group in self_care_only:
            client.post("/questions", data={"csrf_token": token.group(1)}, follow_redirects=False)
            client.post("/questions/about-you", data={"csrf_token": token.group(1), "age": "40", "sex": "male"},
                        follow_redirects=False)
            client.post("/questions/your-pain", data={
                "csrf_token": token.group(1), "region": "lower", "radiation": "none", "trigger": "lifting",
                "onset": "sudden", "duration_days": "2", "severity": "4", "worst_severity": "4",
                "episodes_last_year": "0"}, follow_redirects=False)
        if group is (only_if[0] if only_if else None):
            client.post("/questions/about-you", data={"csrf_token": token.group(1), "age": "30", "sex": "female",
                                                      "pregnant": "yes"}, follow_redirects=False)
        page = client.get(f"/questions/{group.id}")
        assert page.status_code == 200, group.id
        for q in group.questions:
            values = set(re.findall(rf'name="{q.id}" value="([a-z_]+)"', page.text))
            if values:
                assert values == {"yes", "no", "unsure"}, (group.id, q.id, values)
                asked.add(q.id)
    # A new interview: 'About you' asks about pregnancy while it may apply (the one above
    # ended as a man's, and going back shows only the questions that still apply).
    client.post("/questions", data={"csrf_token": token.group(1)}, follow_redirects=False)
    about = client.get("/questions/about-you").text
    assert set(re.findall(r'name="pregnant" value="([a-z_]+)"', about)) == {"yes", "no", "unsure"}
    # Every red-flag yes / no question of the screen is on some page.
    # (A question the rules only test as reassurance, under none_of, such as back pain
    # before, can only lower the level: unknown already takes the safer side, so the
    # interview need not ask it.)
    positive = {item for r in k.rules for t in mentions(r.when).tests if not t.negated
                and isinstance(t.value, tuple) for item in t.value}
    wanted = {q.id for q in k.screen if q.red_flag and q.asks in ("finding", "history") and q.id in positive}
    assert wanted <= asked


def test_every_group_offers_none_of_these_yes_and_not_sure(client: TestClient) -> None:
    token = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/").text)
    assert token
    client.post("/questions", data={"csrf_token": token.group(1)}, follow_redirects=False)
    client.post("/questions/about-you", data={"csrf_token": token.group(1), "age": "40", "sex": "male"})
    page = client.get("/questions/nerves+heart-and-vessels").text
    for group in ("nerves", "heart-and-vessels"):
        assert set(re.findall(rf'name="group-{group}" value="([a-z]+)"', page)) == {"none", "yes", "unsure"}


def test_the_typed_answer_reader_knows_the_ways_people_say_not_sure() -> None:
    for typed in ("not sure", "Not sure.", "unsure", "don't know", "dont know", "maybe", "?"):
        assert parse_answer(typed) == "unsure", typed
    assert parse_answer("no") == "no"
    assert parse_answer("yes") == "yes"
    assert parse_answer("perhaps not") is None
