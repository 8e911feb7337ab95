"""Schemathesis over the consent, privacy and organisation operations of the real app's OpenAPI
spec: whatever a client sends that the spec allows or not, the answer is never a 5xx."""

from __future__ import annotations

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, settings

from channels.app import create_app
from channels.services import Services
from channels.settings import Settings

MY_PATHS = (r"^/api/(consent/|org/(me|people|statistics)|"
            r"conversations/\{conversation_id\}/(consent|privacy|shares|recipients))")
TRANSPORT = ("method", "url", "headers", "params", "json", "content", "data", "files")


@pytest.fixture(scope="module")
def api(tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("fuzz")
    settings_ = Settings(storage_dir=tmp_path / "var", checkpoint_url=str(tmp_path / "checkpoints.sqlite3"))
    services = Services(settings_)
    app = create_app(settings_, services)
    org = services.organisations.create("Fuzz Org", "employer")
    key = services.organisations.create_key(org.id, rate_per_minute=100_000).key
    services.consents.give("person-fuzz", "demo-coach:career_coaching:v1")
    client = TestClient(app)  # no lifespan: nothing warms up the language models
    yield client, key
    client.close()
    services.database.dispose()


# The spec does not depend on the stores: building the app touches no disk until a service is used.
schema = schemathesis.openapi.from_dict(create_app(Settings()).openapi()).include(path_regex=MY_PATHS)


@schema.parametrize()
@settings(max_examples=8, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_server_error(case, api):
    client, key = api
    kwargs = case.as_transport_kwargs(headers={"X-API-Key": key})
    if isinstance(kwargs.get("data"), (bytes, str)):
        kwargs["content"] = kwargs.pop("data")
    response = client.request(**{k: v for k, v in kwargs.items() if k in TRANSPORT})
    assert response.status_code < 500, (case.method, case.formatted_path, response.text[:300])
