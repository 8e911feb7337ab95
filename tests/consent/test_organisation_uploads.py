"""Catalog and pack uploads through the organisation API (scope catalogs:write), over the tiny
knowledge base: validated, owned by the uploading organisation, 4xx with the reason otherwise."""

from __future__ import annotations

import json
import shutil

import pytest
from fastapi.testclient import TestClient

from channels.app import create_app
from channels.services import Services
from channels.settings import Settings
from tools.organisations import Scope

CASHIER = "http://data.europa.eu/esco/occupation/20000000-0000-0000-0000-000000000001"


@pytest.fixture
def env(tiny_data_dir, tiny_knowledge_dir, tmp_path):
    settings = Settings(data_dir=tiny_data_dir, storage_dir=tmp_path / "var")
    shutil.copytree(tiny_knowledge_dir, settings.knowledge_dir)
    services = Services(settings)
    client = TestClient(create_app(settings, services))
    yield client, services
    client.close()
    services.database.dispose()


def _key(services: Services, name: str, scopes=None) -> dict:
    """A key that may upload (catalogs:write is a write scope: given only when named)."""
    org = services.organisations.create(name, "employer")
    return {"X-API-Key": services.organisations.create_key(org.id, scopes or [Scope.catalogs_write]).key}


def test_pack_upload_is_scoped_validated_and_owned(env):
    client, services = env
    region = _key(services, "Region A")
    other = _key(services, "Region B")
    reader = _key(services, "Reader", [Scope.profiles_read])
    document = {"manifest": {"id": "region-test", "kind": "regional", "name": "Test region"},
                "occupations": [{"esco": CASHIER, "weight": 0.4}]}
    files = {"file": ("pack.json", json.dumps(document).encode(), "application/json")}

    denied = client.post("/api/org/packs", headers=reader, files=files)
    assert denied.status_code == 403 and denied.json()["error"] == "missing_scope"
    empty = client.post("/api/org/packs", headers=region, files={"file": ("pack.json", b"", "application/json")})
    assert empty.status_code == 400 and empty.json()["detail"] == "empty upload"

    ok = client.post("/api/org/packs", headers=region, files=files)
    assert ok.status_code == 201, ok.text
    assert ok.json()["kind"] == "pack" and ok.json()["name"] == "region-test"

    taken = client.post("/api/org/packs", headers=other, files=files)
    assert taken.status_code == 400 and "belongs to another organisation" in taken.json()["detail"]
    bad = dict(document, occupations=[{"esco": CASHIER, "weight": 2}])
    rejected = client.post("/api/org/packs", headers=region,
                           files={"file": ("pack.json", json.dumps(bad).encode(), "application/json")})
    assert rejected.status_code == 400 and rejected.json()["error"] == "upload_rejected"
    assert services.packs.active().regional[0].occupations[0].weight == 0.4  # the previous version stays


def test_catalog_upload_refuses_a_bad_kind_and_an_empty_file(env):
    client, services = env
    key = _key(services, "Trainer")
    r = client.post("/api/org/catalogs", headers=key, data={"kind": "recipes"},
                    files={"file": ("c.csv", b"title\nx\n", "text/csv")})
    assert r.status_code == 422
    r = client.post("/api/org/catalogs", headers=key, files={"file": ("c.csv", b"", "text/csv")})
    assert r.status_code == 400 and r.json()["error"] == "upload_rejected"
