"""schemathesis against the OpenAPI schema, in process: every answer must match what is documented.

All of schemathesis's default checks run. `positive_data_acceptance` (a body the schema
calls valid is accepted) runs on every route except those in NOT_DECLARED, each with what
its schema cannot (or does not yet) say, so some schema-valid requests are rightly refused
with a documented 422 that carries the error shape, which the other checks still verify.
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

# A module-level app is needed for `parametrize`; it gets its own throwaway data folder.
_DATA = Path(tempfile.mkdtemp(prefix="backrelief-schema-"))
_SETTINGS = Settings(data_dir=_DATA, database_url="")
ensure_database(_SETTINGS).dispose()
app = create_app(_SETTINGS, clock=lambda: date(2026, 11, 26))
schema = schemathesis.openapi.from_asgi("/api/v1/openapi.json", app)


NOT_DECLARED = {
    # The assessment contract's rules across fields: a finding not both in `findings` and
    # `findings_absent`; `leg_sides` only when the pain spreads; `pregnancy_weeks` only when
    # pregnant; whole numbers as JSON integers (107.0 is refused, as the CLI refuses it),
    # while JSON Schema counts 107.0 as an integer.
    ("POST", "/api/v1/assessments"), ("POST", "/api/v1/interview"), ("POST", "/api/v1/plans"),
    # The same, and a plan that sends the person to a doctor has no calendar to give (422).
    ("POST", "/api/v1/plans/ics"),
    # The diary contract: the worst pain not below the pain now, whole numbers as integers,
    # times in the years 1900 to 2199 (`format: date-time` cannot bound them). A change
    # (PATCH) takes null only where an entry can be empty, and its schema says so.
    ("POST", "/api/v1/diary/entries"), ("PATCH", "/api/v1/diary/entries/{entry_id}"),
    # How it started: a day in the years 1900 to 2199 and not after the person's today
    # (`format: date` can bound neither).
    ("PUT", "/api/v1/diary/episode"),
}
# `from` and `to` are declared as the days the core takes (diary.models.DAY_PATTERN); what no
# schema of one parameter can say is that `to` is not before `from` (a documented 422).
PERIOD_ROUTES = {"/api/v1/diary/entries", "/api/v1/reports/pdf", "/api/v1/reports/html"}


def _beyond_the_schema(case: schemathesis.Case[Any]) -> bool:
    if (case.method.upper(), case.path) in NOT_DECLARED:
        return True
    query = case.query or {}
    start, end = query.get("from"), query.get("to")
    return case.path in PERIOD_ROUTES and isinstance(start, str) and isinstance(end, str) and end < start


# `make schema-deep` (BACKRELIEF_SCHEMA_DEEP=1) runs 100 examples a route.
EXAMPLES = 100 if os.environ.get("BACKRELIEF_SCHEMA_DEEP") == "1" else 25
DERANDOMIZE = os.environ.get("BACKRELIEF_SCHEMA_DEEP") != "1"


@schema.parametrize()
# Derandomized in the suite: the same examples on every run, so a failure is a change of
# ours, not a new draw (make schema-deep draws afresh, with many more examples).
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck),
          derandomize=DERANDOMIZE)
def test_the_api_answers_as_its_schema_says(case: schemathesis.Case[Any]) -> None:
    case.call_and_validate(excluded_checks=[positive_data_acceptance] if _beyond_the_schema(case) else [])
