"""Widget tokens: an HMAC-signed (person, organisation) pair that the person hands to an
organisation so its page can show their recommendations. The token alone grants nothing: the frame
checks the person's consent every time it is shown. The secret lives under the storage folder."""

from __future__ import annotations

import base64
import hashlib
import hmac
from pathlib import Path

SECRET_FILE = "widget-token.key"


class BadToken(ValueError):
    pass


def load_secret(storage_dir: Path) -> bytes:
    from tools.identity import load_key

    return load_key(storage_dir, SECRET_FILE)


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
