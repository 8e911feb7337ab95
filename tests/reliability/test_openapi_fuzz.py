"""Schemathesis over every operation of the app's OpenAPI spec, sent over HTTP to the running app
(real agent, stores and knowledge base): whatever a client sends, the answer is never a 5xx."""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error

from channels.app import create_app
from channels.settings import Settings

pytestmark = pytest.mark.integration

# The spec does not depend on the stores: building the app touches no disk until a service is used.
schema = schemathesis.openapi.from_dict(create_app(Settings()).openapi())


@pytest.fixture(scope="module")
def fuzz_target(security_app) -> tuple[str, str]:
    organisations = security_app.app.state.services.organisations
    org = organisations.create("Fuzz Training Provider", "training_provider")
    return security_app.url, organisations.create_key(org.id, rate_per_minute=100_000).key


@schema.parametrize()
@settings(max_examples=6, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_server_error(case, fuzz_target) -> None:
    base_url, key = fuzz_target
    headers = {"X-API-Key": key} if case.path.startswith("/api/org") else None
    case.call_and_validate(base_url=base_url, headers=headers, checks=[not_a_server_error], timeout=120)
