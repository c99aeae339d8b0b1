"""The emergency message is never below the fold (HAZ-024) and the about page states the
regulatory status and knowledge version (HAZ-034, HAZ-026).

A real Chromium loads the real app: every request the browser makes is answered by the
app through its test client, so the page, its stylesheet and its cookies are the ones a
person would get, with no server to start.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from playwright.sync_api import Browser, Route, sync_playwright

from backrelief import REGULATORY_STATUS
from backrelief.knowledge import load_knowledge
from backrelief.settings import Settings
from backrelief.storage import ensure_database
from backrelief.web import create_app

TODAY = date(2026, 11, 26)
PAIN = {"region": "lower", "radiation": "none", "trigger": "lifting", "onset": "sudden", "duration_days": "2",
        "severity": "6", "worst_severity": "6", "episodes_last_year": "0", "worsens": "bending"}
# Small phone, large phone, laptop.
SCREENS = ((320, 568), (360, 640), (1280, 720))


@pytest.fixture
def client(tmp_path: Path) -> Iterator[TestClient]:
    settings = Settings(data_dir=tmp_path / "data", database_url="", secret_key=None)
    ensure_database(settings).dispose()
    with TestClient(create_app(settings, clock=lambda: TODAY)) as c:
        yield c


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    chromium = Path("/usr/bin/chromium")
    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=str(chromium) if chromium.exists() else None,
                                     args=["--no-sandbox"])
        yield launched
        launched.close()


def _post(client: TestClient, url: str, data: dict[str, str]) -> str:
    page = client.get(url if url.startswith("/questions/") else "/").text
    token = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert token, url
    response = client.post(url, data={"csrf_token": token.group(1), **data}, follow_redirects=False)
    assert response.status_code == 303, response.text
    return str(response.headers["location"])


def _answer_until_the_result(client: TestClient, saddle: str) -> None:
    """Walk the question pages as a person: "none of these" to each group of warning signs,
    except the nerves group, where only saddle numbness is answered as given."""
    url = _post(client, "/questions", {})
    for _ in range(20):
        if url == "/result":
            return
        page = client.get(url).text
        if url.endswith("about-you"):
            data = {"age": "50", "sex": "male"}
        elif url.endswith("your-pain"):
            data = PAIN
        elif url.endswith("/check"):
            data = {"saddle_numbness": saddle}
        else:
            groups = set(re.findall(r'name="(group-[^"]+)" value="none"', page))
            data = dict.fromkeys(groups, "none")
            if "group-nerves" in groups:
                data.update({"group-nerves": "yes", "saddle_numbness": saddle, "new_bladder_problem": "no",
                             "new_bowel_incontinence": "no", "new_sexual_dysfunction": "no"})
            data.update({"regularly_active": "yes", "country": "uk"})
        url = _post(client, url, data)
    raise AssertionError("the questions never reached the result")


def _open(browser: Browser, client: TestClient, path: str, size: tuple[int, int]) -> dict[str, float]:
    page = browser.new_page(viewport={"width": size[0], "height": size[1]})

    def through_the_app(route: Route) -> None:
        url = route.request.url.removeprefix("http://backrelief.test")
        answer = client.get(url)
        route.fulfill(status=answer.status_code, body=answer.content,
                      headers={"content-type": answer.headers.get("content-type", "text/html")})

    page.route("http://backrelief.test/**", through_the_app)
    page.set_default_timeout(5000)
    page.goto(f"http://backrelief.test{path}")
    action = load_knowledge().dispositions["emergency"].action
    # Found by role and text, as a person sees them, not by the page's class names.
    found = {
        "title": page.get_by_role("heading", level=1),
        "action": page.get_by_text(action, exact=True),
        "numbers": page.get_by_text(re.compile(r"\b999\b")).first,
    }
    boxes: dict[str, float] = {}
    for name, locator in found.items():
        box = locator.bounding_box()
        assert box is not None, name
        boxes[f"{name}_top"] = box["y"]
        boxes[name] = box["y"] + box["height"]
    boxes["scroll_y"] = float(page.evaluate("window.scrollY"))
    page.close()
    return boxes


@pytest.mark.browser
def test_the_emergency_title_numbers_and_instruction_start_above_the_fold(client: TestClient,
                                                                         browser: Browser) -> None:
    _answer_until_the_result(client, saddle="yes")
    for width, height in SCREENS:
        seen = _open(browser, client, "/result", (width, height))
        assert seen["scroll_y"] == 0
        # The emergency numbers and the whole title are on the first screen; the
        # instruction ("Call 999 ...") starts on it (KA-15: on a 320 px phone it ends below).
        assert seen["numbers"] <= height, (width, height, seen)
        assert seen["title"] <= height, (width, height, seen)
        assert seen["action_top"] < height - 20, (width, height, seen)
    laptop = _open(browser, client, "/result", SCREENS[-1])
    assert laptop["action"] <= SCREENS[-1][1]


@pytest.mark.browser
def test_the_emergency_page_puts_the_banner_before_anything_else_in_the_main_content(client: TestClient) -> None:
    _answer_until_the_result(client, saddle="yes")
    page = client.get("/result").text
    main = page[page.index('<main id="main"'):]
    first_block = re.search(r"<(div|p|h1|h2|ul|form)\b[^>]*>", main[main.index(">") + 1:])
    assert first_block is not None
    assert 'role="alert"' in first_block.group(0)
    # The numbers come before the title too (a line at the top of every page).
    assert page.index("999") < page.index('id="result-title"')


def test_the_about_page_states_the_regulatory_status_and_the_knowledge_version(client: TestClient) -> None:
    page = client.get("/about")
    assert page.status_code == 200
    assert html.escape(REGULATORY_STATUS, quote=False) in page.text
    assert f"Knowledge version <strong>{load_knowledge().version}</strong>" in page.text
