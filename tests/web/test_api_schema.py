"""schemathesis against the OpenAPI schema, in process: every answer must match what is documented.

All of schemathesis's default checks run, `positive_data_acceptance` (a body the schema
calls valid is accepted) on every route. It is skipped only for a case that breaks a rule
the schema cannot say, each found by the contract's rules written out in
tests/contract_rules.py (never by asking the route), so that such a case is rightly refused
with a documented 422 that carries the error shape, which the other checks still verify:
- assessments and plans: the assessment contract's rules across fields (a finding not both in
  `findings` and `findings_absent`; `leg_sides` only when the pain spreads; `pregnancy_weeks`
  only when pregnant; whole numbers as JSON integers, where JSON Schema counts 107.0 as one);
- the interview: the same rules, for `base` (what the reader understood), `fields` (the
  answers) and the two taken together, as the engine joins them;
- the plan's calendar: a plan that sends the person for help has no calendar (422); whether
  it does is the core's triage of the assessment, asked here of the core, not of the route;
- the diary's writes and how it started, for the whole route, as argued at ENTRY_ROUTES
  (the clinic's schema test checks its new entries case by case);
- a period's `to` not before its `from`.
"""

from __future__ import annotations

import os
import tempfile
from datetime import date
from pathlib import Path
from typing import Any

import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import positive_data_acceptance

from backrelief.settings import Settings
from backrelief.storage import ensure_database
from backrelief.web import create_app
from tests.contract_rules import assessment_beyond_the_schema, interview_beyond_the_schema

TODAY = date(2026, 11, 26)
# A module-level app is needed for `parametrize`; it gets its own throwaway data folder.
_DATA = Path(tempfile.mkdtemp(prefix="backrelief-schema-"))
_SETTINGS = Settings(data_dir=_DATA, database_url="")
ensure_database(_SETTINGS).dispose()
app = create_app(_SETTINGS, clock=lambda: TODAY)
schema = schemathesis.openapi.from_asgi("/api/v1/openapi.json", app)


ASSESSMENT_ROUTES = {"/api/v1/assessments", "/api/v1/plans", "/api/v1/plans/ics"}
# The diary contract: the worst pain not below the pain now (a change is checked against the
# entry it changes, which no schema of the request can see), whole numbers as integers, times
# in the years 1900 to 2199 (`format: date-time` cannot bound them). A change (PATCH) takes
# null only where an entry can be empty, and its schema says so.
ENTRY_ROUTES = {("POST", "/api/v1/diary/entries"), ("PATCH", "/api/v1/diary/entries/{entry_id}")}
# How it started: a day in the years 1900 to 2199 and not after the person's today
# (`format: date` can bound neither).
DAY_BOUNDED_ROUTES = {("PUT", "/api/v1/diary/episode")}
# `from` and `to` are declared as the days the core takes (diary.models.DAY_PATTERN); what no
# schema of one parameter can say is that `to` is not before `from` (a documented 422).
PERIOD_ROUTES = {"/api/v1/diary/entries", "/api/v1/reports/pdf", "/api/v1/reports/html"}


def _no_calendar(body: Any) -> bool:
    """Whether the plan for this assessment has no calendar (help first): the core's answer."""
    from backrelief.assessment import parse_assessment
    from backrelief.errors import InvalidInput
    from backrelief.plan import make_plan
    from backrelief.triage import triage

    try:
        assessment = parse_assessment(body)
    except InvalidInput:
        return False  # refused as malformed: the schema's own business, checked as such
    return not make_plan(assessment, triage(assessment), TODAY).calendar


def _beyond_the_schema(case: schemathesis.Case[Any]) -> bool:
    method, body = case.method.upper(), case.body
    if method == "POST" and case.path in ASSESSMENT_ROUTES:
        if assessment_beyond_the_schema(body):
            return True
        return case.path == "/api/v1/plans/ics" and isinstance(body, dict) and _no_calendar(body)
    if method == "POST" and case.path == "/api/v1/interview":
        return interview_beyond_the_schema(body)
    if (method, case.path) in ENTRY_ROUTES or (method, case.path) in DAY_BOUNDED_ROUTES:
        return True
    query = case.query or {}
    start, end = query.get("from"), query.get("to")
    return case.path in PERIOD_ROUTES and isinstance(start, str) and isinstance(end, str) and end < start


# schemathesis's in-process transport gives up on an answer after 10 s. The first diary note
# read loads the reader (about a second alone; over 10 s was seen on a shared machine at a
# load of 16): a wait is not a check of ours (tests assert behaviour, never timings), so the
# transport waits long enough for a loaded machine.
TRANSPORT_TIMEOUT = 120

# `make schema-deep` (BACKRELIEF_SCHEMA_DEEP=1) runs 100 examples a route.
EXAMPLES = 100 if os.environ.get("BACKRELIEF_SCHEMA_DEEP") == "1" else 25
DERANDOMIZE = os.environ.get("BACKRELIEF_SCHEMA_DEEP") != "1"


@schema.parametrize()
# Derandomized in the suite: the same examples on every run, so a failure is a change of
# ours, not a new draw (make schema-deep draws afresh, with many more examples).
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck),
          derandomize=DERANDOMIZE)
def test_the_api_answers_as_its_schema_says(case: schemathesis.Case[Any]) -> None:
    case.call_and_validate(excluded_checks=[positive_data_acceptance] if _beyond_the_schema(case) else [],
                           timeout=TRANSPORT_TIMEOUT)
