"""In a real browser (Debian's Chromium): a patient signs up, writes in the diary and shares it
by code; the clinician sees the diary and the report; the patient stops sharing and the
clinician no longer can; the patient's audit page shows the clinician's views. The patient
uses one app process and the clinician another, on one PostgreSQL."""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pyotp
import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from backrelief.clinic.passwords import Passwords
from backrelief.clinic.service import make_clinic
from backrelief.storage import make_engine
from tests.clinic.conftest import PASSWORD, SECRET, clinic_settings
from tests.clinic.servers import AppProcess, start_apps
from tests.fixtures_postgres import PostgresCluster

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]
CLINICIAN = "dr.bob@example.org"
PATIENT = "alice@example.org"
PATIENT_PASSWORD = "my back hurts in the morning"
BOB_SECRET: list[str] = []


@pytest.fixture(scope="module")
def apps(postgres_cluster: PostgresCluster, clinic_template: str,
         tmp_path_factory: pytest.TempPathFactory) -> Iterator[list[AppProcess]]:
    name = f"web_{uuid.uuid4().hex[:12]}"
    with postgres_cluster.admin() as admin:
        admin.execute(f'CREATE DATABASE "{name}" TEMPLATE "{clinic_template}"')
    url = postgres_cluster.url(name)
    engine = make_engine(clinic_settings(url, tmp_path_factory.mktemp("engine")))
    clinic = make_clinic(engine, SECRET, Passwords(time_cost=1, memory_kib=8192))
    bob = clinic.accounts.create(CLINICIAN, PASSWORD, "clinician", "Dr Bob")
    # Dr Bob has set up his second factor (tests/clinic/test_browser_second_factor.py does it
    # through the pages) with the code of the step before now, so that now's code logs him in.
    secret = clinic.second_factor.begin(bob.id).secret
    clinic.second_factor.confirm(bob.id, pyotp.TOTP(secret).at(time.time() - 30), "127.0.0.1")
    BOB_SECRET.append(secret)
    engine.dispose()
    running = start_apps(url, tmp_path_factory.mktemp("apps"))
    yield running
    for app in running:
        app.stop()
    with postgres_cluster.admin() as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make system-deps` (apt-get install chromium)")
    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


def log_in(page: Page, base: str, email: str, password: str) -> None:
    page.goto(base + "/account/login")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()


def test_share_view_revoke_and_the_audit_log(apps: list[AppProcess], browser: Browser) -> None:
    patient_base, clinician_base = apps[0].url, apps[1].url
    patient = browser.new_context(locale="en-GB").new_page()
    clinician = browser.new_context(locale="en-GB").new_page()

    patient.goto(patient_base + "/account/signup")
    patient.get_by_label("Your name (optional)").fill("Alice")
    patient.get_by_label("Email address").fill(PATIENT)
    patient.get_by_label("Password").fill(PATIENT_PASSWORD)
    patient.get_by_role("button", name="Make my account").click()
    assert "your account is ready" in patient.locator("main").inner_text()
    log_in(patient, patient_base, PATIENT, PATIENT_PASSWORD)
    patient.goto(patient_base + "/my/diary")
    patient.get_by_label("Pain now, from 0 (no pain) to 10 (worst you can imagine)").fill("7")
    patient.get_by_label("Notes (optional)").fill("Stiff after gardening")
    patient.get_by_role("button", name="Save entry").click()
    assert "Your entry is saved." in patient.locator("main").inner_text()

    patient.goto(patient_base + "/sharing")
    patient.get_by_role("button", name="Get a code").click()
    code = patient.locator("#invite-code").inner_text()

    log_in(clinician, clinician_base, CLINICIAN, PASSWORD)
    clinician.get_by_label("Code").fill(pyotp.TOTP(BOB_SECRET[0]).now())
    clinician.get_by_role("button", name="Log in").click()
    assert clinician.url == clinician_base + "/clinician"
    clinician.get_by_label("Code").fill(code)
    clinician.get_by_role("button", name="Use code").click()
    assert "Alice <alice@example.org> now shares with you." in clinician.locator("main").inner_text()
    clinician.get_by_role("link", name="Alice <alice@example.org>").click()
    patient_page = clinician.url
    assert "Stiff after gardening" in clinician.locator("#diary").inner_text()
    clinician.get_by_role("link", name="Open the report for the doctor").click()
    assert "Stiff after gardening" in clinician.content()

    patient.goto(patient_base + "/sharing")
    patient.get_by_role("button", name="Stop sharing with Dr Bob <dr.bob@example.org>").click()
    assert "Sharing stopped." in patient.locator("main").inner_text()

    answer = clinician.goto(patient_page)
    assert answer is not None and answer.status == 404
    assert "Stiff after gardening" not in clinician.content()
    answer = clinician.goto(patient_page + "/report")
    assert answer is not None and answer.status == 404
    clinician.goto(clinician_base + "/clinician")
    assert "No patient shares with you yet." in clinician.locator("main").inner_text()

    patient.goto(patient_base + "/my/audit")
    # Reads and refused attempts are shown apart, so a flood of refusals cannot hide a real read.
    rows = [r.inner_text().split("\t")[1:] for r in patient.locator("#audit tbody tr").all()]
    assert rows == [["Dr Bob <dr.bob@example.org>", "your report for the doctor"],
                    ["Dr Bob <dr.bob@example.org>", "your checks and their results"],
                    ["Dr Bob <dr.bob@example.org>", "your diary"],
                    ["Dr Bob <dr.bob@example.org>", "the summary on their list of patients"]]
    refused = [r.inner_text().split("\t")[1:] for r in patient.locator("#refused tbody tr").all()]
    assert refused == [["Dr Bob <dr.bob@example.org>"], ["Dr Bob <dr.bob@example.org>"]]
