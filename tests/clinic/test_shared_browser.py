"""One browser, two people: a check started by one account never reaches the next one.

The question flow lives in a signed cookie. It is bound to the session that started it (the
account and that login), cleared at login and logout, and a flow cookie from another session
is refused as if there were none.
"""

from __future__ import annotations

from backrelief.storage import Assessments
from tests.clinic.conftest import PASSWORD, Client, World
from tests.clinic.test_checks import NO_NERVES, PAIN

WORDS = "my back went when lifting a box, numb between my legs"
GONE = "Your answers are no longer saved"


def no_flow(response: object) -> bool:
    """The page a browser gets without a flow of its own: the 'gone' page or a redirect."""
    status = response.status_code  # type: ignore[attr-defined]
    return status == 303 or (status == 200 and GONE in response.text)  # type: ignore[attr-defined]


def _start_an_emergency_check(client: Client) -> None:
    client.get("/")
    client.post("/questions")
    client.post("/questions/about-you", {"age": "50", "sex": "female"})
    client.post("/questions/pregnancy", {"pregnant": "no"})
    client.post("/questions/your-pain", PAIN)
    client.post("/questions/worse-or-better", {})


def _fresh_browser_logged_in_as(world: World, email: str) -> Client:
    client = Client(world.app)
    client.get("/account/login")
    assert client.log_in(email).status_code == 303
    return client


def test_after_logout_the_next_person_does_not_see_or_save_the_last_persons_check(world: World) -> None:
    browser = _fresh_browser_logged_in_as(world, "alice@example.org")
    _start_an_emergency_check(browser)
    browser.post("/questions/nerves", {**NO_NERVES, "saddle_numbness": "yes"})
    assert "emergency" in browser.get("/result").text.lower()
    logged_out = browser.post("/account/logout")
    assert any(c.startswith("br_flow=") for c in logged_out.headers.get_list("set-cookie"))
    assert browser.http.cookies.get("br_flow") is None
    browser.log_in("charlie@example.org")
    # Charlie's result page starts afresh: nothing of Alice's answers or result.
    assert no_flow(browser.get("/result"))
    browser.post("/questions/nerves", NO_NERVES)
    assert Assessments(world.clinic.engine, world.id("charlie")).list() == []
    assert [a.disposition for a in Assessments(world.clinic.engine, world.id("alice")).list()] == ["emergency"]


def test_a_flow_cookie_carried_into_another_accounts_browser_is_refused(world: World) -> None:
    alice = _fresh_browser_logged_in_as(world, "alice@example.org")
    _start_an_emergency_check(alice)
    stolen = alice.http.cookies.get("br_flow")
    assert stolen
    charlie = _fresh_browser_logged_in_as(world, "charlie@example.org")
    charlie.http.cookies.set("br_flow", stolen, domain="testserver.local")
    # Without her answers the nerves step cannot finish a check: nothing is saved for anyone.
    charlie.post("/questions/nerves", {**NO_NERVES, "saddle_numbness": "yes"})
    assert "emergency" not in charlie.get("/result").text.split("<main", 1)[-1].lower().replace(
        "in an emergency", "")
    assert Assessments(world.clinic.engine, world.id("charlie")).list() == []
    assert Assessments(world.clinic.engine, world.id("alice")).list() == []


def test_the_words_alice_wrote_are_not_shown_to_the_next_login(world: World) -> None:
    browser = _fresh_browser_logged_in_as(world, "alice@example.org")
    browser.get("/")
    where = browser.post("/words", {"text": WORDS}).headers["location"]
    assert not no_flow(browser.get(where))
    # Charlie logs in over Alice's session (no logout): the login clears the flow too.
    browser.post("/account/login", {"email": "charlie@example.org", "password": PASSWORD})
    assert no_flow(browser.get(where))


def test_a_flow_from_an_earlier_login_of_the_same_account_is_refused(world: World) -> None:
    browser = _fresh_browser_logged_in_as(world, "alice@example.org")
    _start_an_emergency_check(browser)
    old = browser.http.cookies.get("br_flow")
    browser.post("/account/logout")
    browser.log_in("alice@example.org")
    assert old
    browser.http.cookies.set("br_flow", old, domain="testserver.local")
    assert no_flow(browser.get("/result"))
