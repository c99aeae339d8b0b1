"""The second factor for clinicians: enrolment, the code step at login (pages and API),
recovery codes, reuse, throttling, the setting, and the security events."""

from __future__ import annotations

import re

import pyotp
from sqlalchemy import select
from sqlalchemy.orm import Session

from backrelief.clinic.passwords import Passwords
from backrelief.clinic.service import make_clinic
from backrelief.clinic.tables import RecoveryCodeRow, SessionRow, UserRow
from backrelief.clinic.throttle import CODE_LIMIT
from tests.clinic.conftest import PASSWORD, Client, World, code_at


def new_clinician(world: World, name: str = "erin") -> Client:
    world.people[name] = world.clinic.accounts.create(f"{name}@example.org", PASSWORD, "clinician", name.capitalize())
    return Client(world.app)


def secret_on_page(html: str) -> str:
    found = re.search(r'<code id="secret">([A-Z2-7 ]+)</code>', html)
    assert found, "the secret is shown as text"
    return found.group(1).replace(" ", "")


def test_a_clinician_without_a_second_factor_is_sent_to_set_it_up_and_sees_no_patient(world: World) -> None:
    world.clinic.sharing.share_with(world.people["alice"], "erin@example.org", ["diary", "assessments", "reports"])
    erin = new_clinician(world)
    assert erin.log_in("erin@example.org").headers["location"] == "/account/mfa"
    alice = world.id("alice")
    for path in ("/clinician", f"/clinician/patients/{alice}", f"/clinician/patients/{alice}/report",
                 f"/clinician/patients/{alice}/report.pdf", "/account", "/my/export"):
        answer = erin.get(path)
        assert (answer.status_code, answer.headers.get("location")) == (303, "/account/mfa"), path
    assert erin.post("/clinician/redeem", {"code": "ABCD-EFGH"}).headers.get("location") == "/account/mfa"
    page = erin.get("/account/mfa")
    assert page.status_code == 200
    assert "<svg" in page.text and 'class="qr-code"' in page.text
    assert "Alice" not in page.text and world.clinic.audit.count(alice) == 0


def test_enrolment_needs_a_right_first_code_and_shows_ten_recovery_codes_once(world: World) -> None:
    erin = new_clinician(world)
    erin.log_in("erin@example.org")
    secret = secret_on_page(erin.get("/account/mfa").text)
    assert secret_on_page(erin.get("/account/mfa").text) == secret  # a reload shows the same secret
    wrong = erin.post("/account/mfa", {"code": "000000" if code_at(secret, world.clock.at) != "000000" else "111111"})
    assert wrong.status_code == 400 and "not right" in wrong.text
    assert erin.get("/clinician").headers.get("location") == "/account/mfa"
    done = erin.post("/account/mfa", {"code": code_at(secret, world.clock.at)})
    assert done.status_code == 200
    codes = re.findall(r"<code>([a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4})</code>", done.text)
    assert len(set(codes)) == 10
    erin.get("/account/login")
    assert erin.get("/clinician").status_code == 200
    with Session(world.clinic.engine) as session:
        stored = list(session.scalars(select(RecoveryCodeRow.code_hash)
                                      .where(RecoveryCodeRow.user_id == world.id("erin"))))
    assert len(stored) == 10 and all(h.startswith("$argon2id$") for h in stored)
    assert not any(c.replace("-", "") in h or c in h for c in codes for h in stored)
    assert not re.search(r"[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}", erin.get("/account/mfa").text)
    assert [e.what for e in world.clinic.second_factor.events(world.id("erin"))] == ["enrolled", "enrol_code_wrong"]


def test_an_enrolled_clinician_logs_in_with_a_code_and_each_code_works_once(world: World) -> None:
    bob = Client(world.app)
    assert bob.log_in("bob@example.org").headers["location"] == "/account/login/code"
    assert bob.get("/clinician").headers["location"] == "/account/login/code"
    assert bob.api("GET", "/api/v1/me").status_code == 401  # the cookie is no bearer token
    world.clock.advance(seconds=30)
    code = code_at(world.secrets["bob"], world.clock.at)
    answer = bob.post("/account/login/code", {"code": code[:3] + " " + code[3:]})
    assert answer.headers["location"] == "/clinician"
    bob.get("/account/login")
    assert bob.get("/clinician").status_code == 200
    again = Client(world.app)
    again.log_in("bob@example.org")
    reused = again.post("/account/login/code", {"code": code})
    assert reused.status_code == 400 and "used already" in reused.text
    assert again.get("/clinician").headers["location"] == "/account/login/code"
    whats = [e.what for e in world.clinic.second_factor.events(world.id("bob"))]
    assert whats[0] == "code_reused"


def test_the_session_is_renewed_when_the_code_is_given(world: World) -> None:
    bob = Client(world.app)
    bob.log_in("bob@example.org")
    before = bob.http.cookies.get("br_session")
    bob.post("/account/login/code", {"code": world.next_code("bob")})
    after = bob.http.cookies.get("br_session")
    assert before and after and before != after
    assert world.clinic.accounts.session_for(before) is None


def test_a_recovery_code_logs_in_once(world: World) -> None:
    code = world.recovery_codes["bob"][3]
    first = Client(world.app)
    first.log_in("bob@example.org")
    assert first.post("/account/login/code", {"code": code.upper().replace("-", " ")}).headers["location"] == "/clinician"
    second = Client(world.app)
    second.log_in("bob@example.org")
    assert second.post("/account/login/code", {"code": code}).status_code == 400
    assert world.clinic.second_factor.recovery_codes_left(world.id("bob")) == 9
    whats = [e.what for e in world.clinic.second_factor.events(world.id("bob"))]
    assert whats[:2] == ["recovery_wrong", "recovery_used"]


def test_wrong_codes_are_throttled_like_passwords(world: World) -> None:
    attacker = Client(world.app)
    attacker.log_in("bob@example.org")
    right = code_at(world.secrets["bob"], world.clock.at)
    wrong = "123456" if right != "123456" else "654321"
    for _ in range(CODE_LIMIT):
        assert attacker.post("/account/login/code", {"code": wrong}).status_code == 400
    world.clock.advance(seconds=30)
    stopped = attacker.post("/account/login/code", {"code": code_at(world.secrets["bob"], world.clock.at)})
    assert stopped.status_code == 429
    api = Client(world.app).http.post("/api/v1/session", json={"email": "bob@example.org", "password": PASSWORD,
                                                                 "code": world.next_code("bob")})
    assert api.status_code == 429
    assert "throttled" in [e.what for e in world.clinic.second_factor.events(world.id("bob"))]
    world.clock.advance(minutes=16)
    assert Client(world.app, lambda: world.next_code("bob")).log_in("bob@example.org").headers["location"] == "/clinician"


def test_the_api_gives_a_clinician_a_token_only_with_the_code(world: World) -> None:
    http = Client(world.app).http
    asked = http.post("/api/v1/session", json={"email": "bob@example.org", "password": PASSWORD})
    assert asked.status_code == 401 and asked.json()["errors"][0]["field"] == "code"
    wrong = http.post("/api/v1/session", json={"email": "bob@example.org", "password": PASSWORD, "code": "12345"})
    assert wrong.status_code == 422
    badly = http.post("/api/v1/session", json={"email": "bob@example.org", "password": "not bob's password at all",
                                               "code": world.next_code("bob")})
    assert badly.status_code == 401 and badly.json()["errors"][0]["field"] == ""
    code = world.next_code("bob")
    answer = http.post("/api/v1/session", json={"email": "bob@example.org", "password": PASSWORD, "code": code})
    assert answer.status_code == 200 and answer.json()["stage"] == "full"
    token = answer.json()["token"]
    assert http.get("/api/v1/clinician/patients", headers={"authorization": f"Bearer {token}"}).status_code == 200
    again = http.post("/api/v1/session", json={"email": "bob@example.org", "password": PASSWORD, "code": code})
    assert again.status_code == 401 and "used already" in again.json()["errors"][0]["message"]
    recovery = http.post("/api/v1/session", json={"email": "bob@example.org", "password": PASSWORD,
                                                  "code": world.recovery_codes["bob"][0]})
    assert recovery.status_code == 200


def test_a_clinician_sets_up_the_second_factor_through_the_api(world: World) -> None:
    new_clinician(world)
    http = Client(world.app).http
    answer = http.post("/api/v1/session", json={"email": "erin@example.org", "password": PASSWORD})
    assert answer.status_code == 200 and answer.json()["stage"] == "enrol"
    enrol_token = {"authorization": f"Bearer {answer.json()['token']}"}
    for path in ("/api/v1/clinician/patients", "/api/v1/me", "/api/v1/me/export"):
        assert http.get(path, headers=enrol_token).status_code == 403, path
    assert http.get("/api/v1/me/mfa", headers=enrol_token).json() == {"enrolled": False, "required": True,
                                                                      "recovery_codes_left": 0}
    begun = http.post("/api/v1/me/mfa", headers=enrol_token)
    assert begun.status_code == 201 and begun.json()["otpauth_uri"].startswith("otpauth://totp/backrelief:")
    secret = begun.json()["secret"]
    assert pyotp.parse_uri(begun.json()["otpauth_uri"]).secret == secret
    done = http.post("/api/v1/me/mfa/confirm", headers=enrol_token, json={"code": code_at(secret, world.clock.at)})
    assert done.status_code == 200 and len(done.json()["recovery_codes"]) == 10
    full = {"authorization": f"Bearer {done.json()['token']}"}
    assert http.get("/api/v1/clinician/patients", headers=full).status_code == 200
    assert http.get("/api/v1/me", headers=enrol_token).status_code == 401  # the enrolment token ended
    assert http.post("/api/v1/me/mfa", headers=full).status_code == 409
    world.clock.advance(seconds=30)
    renewed = http.post("/api/v1/me/mfa/recovery-codes", headers=full, json={"code": code_at(secret, world.clock.at)})
    assert renewed.status_code == 200 and set(renewed.json()["recovery_codes"]).isdisjoint(done.json()["recovery_codes"])


def test_patients_log_in_with_the_password_alone(world: World) -> None:
    assert Client(world.app).log_in("alice@example.org").headers["location"] == "/account"
    answer = Client(world.app).http.post("/api/v1/session", json={"email": "alice@example.org", "password": PASSWORD})
    assert answer.status_code == 200 and answer.json()["stage"] == "full"


def test_with_the_setting_off_a_clinician_without_a_second_factor_logs_in_with_the_password(world: World) -> None:
    optional = make_clinic(world.clinic.engine, "s" * 40, Passwords(time_cost=1, memory_kib=8192), now=world.clock,
                           clinician_mfa=False)
    world.app.state.clinic = optional
    new_clinician(world)
    assert Client(world.app).log_in("erin@example.org").headers["location"] == "/clinician"
    # An account that set a second factor up still needs its code.
    assert Client(world.app).log_in("bob@example.org").headers["location"] == "/account/login/code"


def test_a_login_waiting_for_its_code_ends_after_ten_minutes(world: World) -> None:
    bob = Client(world.app)
    bob.log_in("bob@example.org")
    world.clock.advance(minutes=11)
    assert bob.post("/account/login/code", {"code": code_at(world.secrets["bob"], world.clock.at)}).status_code == 401


def test_a_password_change_keeps_the_second_factor_of_the_session(world: World) -> None:
    bob = world.client("bob")
    answer = bob.post("/account/password", {"current_password": PASSWORD, "new_password": "a brand new long phrase"})
    assert answer.headers["location"] == "/account?done=password"
    assert bob.get("/clinician").status_code == 200


def test_turning_the_setting_on_sends_password_only_sessions_to_enrolment(world: World) -> None:
    erin = new_clinician(world)
    token = world.clinic.accounts.start_session(world.id("erin"))  # made while the setting was off
    erin.http.cookies.set("br_session", token, domain="testserver.local")
    assert erin.get("/clinician").headers["location"] == "/account/mfa"
    with Session(world.clinic.engine) as session:
        assert session.scalar(select(SessionRow.factors).where(SessionRow.user_id == world.id("erin"))) == 1


def test_erasure_and_an_admin_reset_remove_the_second_factor(world: World) -> None:
    world.clinic.second_factor.reset(world.id("dana"))
    assert world.client("dana").get("/clinician").status_code == 401  # every session ended
    assert Client(world.app).log_in("dana@example.org").headers["location"] == "/account/mfa"
    assert "reset" in [e.what for e in world.clinic.second_factor.events(world.id("dana"))]
    world.clinic.accounts.erase(world.id("bob"))
    with Session(world.clinic.engine) as session:
        assert session.scalars(select(RecoveryCodeRow).where(RecoveryCodeRow.user_id == world.id("bob"))).all() == []
        assert session.get(UserRow, world.id("bob")) is None
