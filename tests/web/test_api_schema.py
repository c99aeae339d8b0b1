"""schemathesis against the OpenAPI schema, in process: every answer must match what is documented.

All of schemathesis's default checks run except one, `positive_data_acceptance`: the
assessment contract has rules JSON Schema cannot say, so some schema-valid bodies are
rightly refused with 422. A finding may not be both in `findings` and `findings_absent`;
`leg_sides` is only allowed when the pain spreads; and whole numbers must be JSON integers
(`107.0` is refused, as the CLI refuses it), while JSON Schema counts 107.0 as an integer.
Those 422s are documented and carry the error shape, which the other checks verify.
"""

from __future__ import annotations

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


@schema.parametrize()
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
def test_the_api_answers_as_its_schema_says(case: schemathesis.Case[Any]) -> None:
    case.call_and_validate(excluded_checks=[positive_data_acceptance])
