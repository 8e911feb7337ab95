"""Widget tokens: an HMAC-signed (person, organisation) pair that the person hands to an
organisation so its page can show their recommendations. The token alone grants nothing: the frame
checks the person's consent every time it is shown. The secret lives under the storage folder."""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import secrets
from pathlib import Path

SECRET_FILE = "widget-token.key"


class BadToken(ValueError):
    pass


def load_secret(storage_dir: Path) -> bytes:
    path = storage_dir / "keys" / SECRET_FILE
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(secrets.token_bytes(32))
    return path.read_bytes()


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def issue(secret: bytes, person_ref: str, organisation: str) -> str:
    body = _b64(f"{person_ref}\n{organisation}".encode())
    mac = _b64(hmac.new(secret, body.encode(), hashlib.sha256).digest()[:20])
    return f"{body}.{mac}"


def read(secret: bytes, token: str, organisation: str) -> str:
    """The person reference in ``token`` if it is genuine and was issued for ``organisation``."""
    try:
        body, mac = token.split(".", 1)
        expected = _b64(hmac.new(secret, body.encode(), hashlib.sha256).digest()[:20])
        if not hmac.compare_digest(mac, expected):
            raise BadToken("token signature does not match")
        person_id, token_org = _unb64(body).decode().split("\n", 1)
    except (ValueError, UnicodeDecodeError) as exc:
        raise BadToken(f"malformed widget token: {exc}") from None
    if token_org != organisation:
        raise BadToken("token was issued for another organisation")
    return person_id
