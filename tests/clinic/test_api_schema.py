"""schemathesis against the clinic's OpenAPI on a real PostgreSQL, with a patient's and a
clinician's token: every default check, positive_data_acceptance included (a body the
schema calls valid is not refused as malformed).

Two things JSON Schema cannot say, argued here rather than hidden:
- the assessment and diary contracts' own rules (a finding not both in `findings` and
  `findings_absent`; `leg_sides` only when the pain spreads; whole numbers as JSON integers,
  where JSON Schema counts 5.0 as one; diary times in the years 1900 to 2199 and not after
  today, which `format: date-time` cannot bound; no NUL character, which PostgreSQL cannot
  keep), written out in tests/contract_rules.py: positive_data_acceptance is skipped for a
  case that breaks one of them, and runs on every other assessment and entry;
- the password policy beyond its length (not a well-known password, at least four different
  characters, not the email address): a new password the policy refuses is a documented 422,
  so positive_data_acceptance is skipped for that one case, found by the policy's own check.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import positive_data_acceptance

from backrelief.clinic.passwords import password_problems
from backrelief.web import create_app
from tests.clinic.conftest import TODAY, World, clinic_settings
from tests.contract_rules import assessment_beyond_the_schema, entry_beyond_the_schema

# `parametrize` needs the schema when the tests are collected, before any database exists:
# it is read from an app of the same settings whose database is never reached. Each test
# calls the run's clinic app instead, on its own fresh database.
_OFFLINE = create_app(clinic_settings("postgresql+psycopg://nobody@127.0.0.1:9/none",
                                      Path(tempfile.mkdtemp(prefix="backrelief-clinic-schema-"))))
schema = schemathesis.openapi.from_asgi("/api/v1/openapi.json", _OFFLINE)
# The coverage phase alone makes hundreds of calls per route, so the suite runs examples and
# fuzzing (bounded below) and the corpus covers the edges by hand; `make schema-deep` runs
# the coverage phase too, with 60 examples a route (BACKRELIEF_SCHEMA_DEEP=1).
schema.config.phases.coverage.enabled = os.environ.get("BACKRELIEF_SCHEMA_DEEP") == "1"
EXAMPLES = 60 if os.environ.get("BACKRELIEF_SCHEMA_DEEP") == "1" else 6
DERANDOMIZE = os.environ.get("BACKRELIEF_SCHEMA_DEEP") != "1"

# schemathesis's in-process transport gives up after 10 s; a wait is not a check of ours, so it
# waits long enough for a loaded machine (as tests/web/test_api_schema.py argues).
TRANSPORT_TIMEOUT = 120

ASSESSMENT_ROUTES = {"/api/v1/assessments", "/api/v1/me/assessments"}
# How it started: a day in the years 1900 to 2199 and not after the person's today.
DAY_BOUNDED_ROUTES = {("PUT", "/api/v1/me/episode")}


def _beyond_the_schema(case: schemathesis.Case[Any]) -> bool:
    """Whether this case breaks a rule the schema cannot say (then a 422 is right), by the
    contract's rules written out in tests/contract_rules.py, never by asking the app."""
    if case.method.upper() == "POST" and case.path in ASSESSMENT_ROUTES:
        return assessment_beyond_the_schema(case.body)
    if case.method.upper() == "POST" and case.path == "/api/v1/me/entries":
        return entry_beyond_the_schema(case.body, TODAY)
    if (case.method.upper(), case.path) in DAY_BOUNDED_ROUTES:
        return True
    body = case.body if isinstance(case.body, dict) else {}
    password = body.get("new_password", body.get("password")) if case.path in ("/api/v1/signup",
                                                                               "/api/v1/me/password") else None
    email = body.get("email", "")
    return isinstance(password, str) and bool(password_problems(password, email if isinstance(email, str) else ""))


@schema.parametrize()
# Derandomized in the suite: the same examples on every run, so a failure is a change of
# ours, not a new draw (make schema-deep draws afresh, with many more examples).
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck),
          derandomize=DERANDOMIZE)
def test_the_clinic_api_answers_as_its_schema_says_to_a_patient_and_a_clinician(case: schemathesis.Case[Any],
                                                                                world: World) -> None:
    excluded = [positive_data_acceptance] if _beyond_the_schema(case) else []
    for who in ("alice", "bob"):
        # A fresh token each call: a case may log out, or change the password (ending every session).
        token = world.clinic.accounts.start_session(world.id(who), 2 if who in world.secrets else 1)
        case.call_and_validate(app=world.app, headers={"authorization": f"Bearer {token}"}, excluded_checks=excluded,
                               timeout=TRANSPORT_TIMEOUT)
