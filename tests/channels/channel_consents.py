"""Grants and revokes consents through the person-side consent API (the same calls the page makes)."""

from __future__ import annotations

import httpx


def grant(client: httpx.Client, person_id: str, notice_id: str) -> str:
    requested = client.post(f"/api/conversations/{person_id}/consents", json={"notice_id": notice_id})
    assert requested.status_code == 201, requested.text
    consent_id = requested.json()["id"]
    granted = client.post(f"/api/conversations/{person_id}/consents/{consent_id}/grant")
    assert granted.status_code == 200, granted.text
    return consent_id


def revoke(client: httpx.Client, person_id: str, consent_id: str) -> None:
    response = client.post(f"/api/conversations/{person_id}/consents/{consent_id}/revoke")
    assert response.status_code == 200, response.text
