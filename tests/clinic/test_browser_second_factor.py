"""In a real browser (Debian's Chromium) at 360 px and 1280 px: a clinician without a second
factor logs in, is sent to set it up, reads the secret off the page (no scanning), types a
real code made by pyotp, keeps the recovery codes, logs out, and logs in again with a
recovery code and then with a new code from the "phone". axe finds no serious or critical
problem on any of these pages, and the app's Content-Security-Policy is never broken."""

from __future__ import annotations

import re
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pyotp
import pytest
from playwright.sync_api import Browser, Page

from backrelief.clinic.passwords import Passwords
from backrelief.clinic.service import make_clinic
from backrelief.storage import make_engine
from tests.clinic.conftest import PASSWORD, SECRET, clinic_settings
from tests.clinic.servers import AppProcess, start_apps
from tests.fixtures_postgres import PostgresCluster
from tests.web.browser import Server, Session, new_session
from tests.web.browser import browser as browser  # the fixture: Debian's Chromium

pytestmark = pytest.mark.browser
WIDTHS = (360, 1280)


@pytest.fixture(scope="module")
def app(postgres_cluster: PostgresCluster, clinic_template: str,
        tmp_path_factory: pytest.TempPathFactory) -> Iterator[AppProcess]:
    name = f"mfa_{uuid.uuid4().hex[:12]}"
    with postgres_cluster.admin() as admin:
        admin.execute(f'CREATE DATABASE "{name}" TEMPLATE "{clinic_template}"')
    url = postgres_cluster.url(name)
    engine = make_engine(clinic_settings(url, tmp_path_factory.mktemp("engine")))
    clinic = make_clinic(engine, SECRET, Passwords(time_cost=1, memory_kib=8192))
    for width in WIDTHS:
        clinic.accounts.create(f"dr{width}@example.org", PASSWORD, "clinician", f"Dr {width}")
    engine.dispose()
    running = start_apps(url, tmp_path_factory.mktemp("apps"), count=1)[0]
    yield running
    running.stop()
    with postgres_cluster.admin() as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def checked(tab: Session, shot: str) -> None:
    """No serious or critical axe finding, no CSP violation, and a screenshot to look at."""
    assert tab.axe() == [], tab.page.url
    assert tab.problems == []
    tab.shot(shot)


def log_in(page: Page, email: str) -> None:
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()


def log_out(page: Page) -> None:
    page.get_by_role("button", name="Log out").first.click()
    assert "You are logged out." in page.locator("main").inner_text()


def next_code(secret: str, after: str) -> str:
    """The phone's next code: a code works once, so wait for the next 30-second step."""
    totp = pyotp.TOTP(secret)
    while totp.now() == after:
        time.sleep(1)
    return totp.now()


@pytest.mark.parametrize("width", WIDTHS)
def test_a_clinician_sets_up_login_codes_and_logs_in_with_them(app: AppProcess, browser: Browser, width: int) -> None:
    context, tab = new_session(browser, Server(app.url, Path(), app.process), width=width, height=900)
    page = tab.page
    email = f"dr{width}@example.org"
    try:
        tab.go("/account/login")
        log_in(page, email)
        assert page.url == app.url + "/account/mfa"
        assert page.locator("figure.qr svg").count() == 1
        tab.go("/clinician")
        assert page.url == app.url + "/account/mfa"  # no patient list before the second factor
        checked(tab, f"clinic-mfa-enrol-{width}.png")
        secret = page.locator("#secret").inner_text().replace(" ", "")

        page.get_by_label("Code from the app").fill("000000" if pyotp.TOTP(secret).now() != "000000" else "111111")
        page.get_by_role("button", name="Turn on login codes").click()
        assert "The code is not right" in page.locator(".error-summary").inner_text()
        checked(tab, f"clinic-mfa-enrol-error-{width}.png")

        first = pyotp.TOTP(secret).now()
        page.get_by_label("Code from the app").fill(first)
        page.get_by_role("button", name="Turn on login codes").click()
        codes = re.findall(r"[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}",
                           page.locator(".recovery-codes").inner_text())
        assert len(set(codes)) == 10
        checked(tab, f"clinic-mfa-recovery-codes-{width}.png")
        page.get_by_role("link", name="I have kept my codes: go on").click()
        assert page.url == app.url + "/clinician"

        log_out(page)
        log_in(page, email)
        assert page.url == app.url + "/account/login/code"
        checked(tab, f"clinic-mfa-code-{width}.png")
        page.get_by_label("Code").fill(codes[0])
        page.get_by_role("button", name="Log in").click()
        assert page.url == app.url + "/clinician"

        log_out(page)
        log_in(page, email)
        page.get_by_label("Code").fill(next_code(secret, first))
        page.get_by_role("button", name="Log in").click()
        assert page.url == app.url + "/clinician"

        tab.go("/account/mfa")
        text = page.locator("main").inner_text()
        assert "You have 9 unused recovery codes of 10." in text
        assert "A recovery code was used to log in" in text and "The second factor was set up" in text
        checked(tab, f"clinic-mfa-status-{width}.png")
    finally:
        context.close()
