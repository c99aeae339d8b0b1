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

from backrelief.interview import parse_answer
from backrelief.knowledge import load_knowledge
from backrelief.settings import Settings
from backrelief.storage import ensure_database
from backrelief.web import create_app
from backrelief.web.steps import all_steps, questions_of


@pytest.fixture
def client(tmp_path: Path) -> Iterator[TestClient]:
    settings = Settings(data_dir=tmp_path / "data", database_url="", secret_key=None)
    ensure_database(settings).dispose()
    with TestClient(create_app(settings, clock=lambda: date(2026, 11, 26))) as c:
        yield c


def test_every_yes_no_question_on_every_web_page_offers_not_sure(client: TestClient) -> None:
    k = load_knowledge()
    asked: set[str] = set()
    for step in all_steps(k):
        page = client.get(f"/questions/{step.id}")
        assert page.status_code == 200, step.id
        for q in questions_of(step, k):
            if q.asks in ("finding", "history") or q.id == "pregnant":
                values = set(re.findall(rf'name="{q.id}" value="([a-z_]+)"', page.text))
                assert values == {"yes", "no", "unsure"}, (step.id, q.id, values)
                asked.add(q.id)
    # Every red-flag yes / no question of the screen is on some page.
    wanted = {q.id for q in k.screen if q.red_flag and q.asks in ("finding", "history")}
    assert wanted <= asked


def test_the_typed_answer_reader_knows_the_ways_people_say_not_sure() -> None:
    for typed in ("not sure", "Not sure.", "unsure", "don't know", "dont know", "maybe", "?"):
        assert parse_answer(typed) == "unsure", typed
    assert parse_answer("no") == "no"
    assert parse_answer("yes") == "yes"
    assert parse_answer("perhaps not") is None
