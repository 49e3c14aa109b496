"""Property-based requests generated from the OpenAPI spec: whatever they send, no 5xx comes back.

Schemathesis' pytest plugin (``from_fixture``) does not run under pytest 9, so each
operation's case strategy is driven by Hypothesis directly; the check is the same.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error

from rashomon.web import WebSettings, create_app

# Small on purpose: 25 examples per operation reach odd strings, empty values, huge pages
# and unknown ids on every route, and the whole test stays within a few seconds.
MAX_EXAMPLES = 25
OPERATIONS = (
    "GET /api/incidents",
    "GET /api/incidents/{incident_id}",
    "GET /api/reports/{report_id}",
    "GET /api/actors/{key}",
    "GET /api/timeline",
    "GET /api/map",
    "GET /api/facets",
)


@pytest.fixture(scope="module")
def api_schema(web_db: Path) -> schemathesis.BaseSchema:
    # Schemathesis' in-process client sends "Host: testserver"; allow it next to the loopback names.
    app = create_app(WebSettings(db=str(web_db), allowed_hosts=("testserver", "localhost", "127.0.0.1")))
    return schemathesis.openapi.from_asgi("/api/openapi.json", app)


def test_spec_covers_every_operation(api_schema: schemathesis.BaseSchema) -> None:
    labels = {result.ok().label for result in api_schema.get_all_operations()}
    assert labels == set(OPERATIONS)


@pytest.mark.parametrize("label", OPERATIONS)
def test_no_server_errors(api_schema: schemathesis.BaseSchema, label: str) -> None:
    operation = next(r.ok() for r in api_schema.get_all_operations() if r.ok().label == label)
    seen: list[int] = []

    @given(case=operation.as_strategy())
    @settings(max_examples=MAX_EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), database=None)
    def run(case: schemathesis.Case) -> None:
        response = case.call()
        seen.append(response.status_code)
        case.validate_response(response, checks=[not_a_server_error])
        if response.status_code >= 400:
            body = response.json()
            assert set(body) == {"error"} and body["error"]["code"].startswith("RSH-E"), body

    run()
    assert seen and max(seen) < 500
