"""Conversation ids of Telegram users: opaque (an HMAC of the user id under a server secret), so
they cannot be guessed from a Telegram id, and bound to the user rather than the chat."""

from __future__ import annotations

import base64
import hashlib
import hmac


def telegram_conversation_id(secret: bytes, user_id: int) -> str:
    digest = hmac.new(secret, f"telegram-user:{int(user_id)}".encode(), hashlib.sha256).digest()[:18]
    return "tg-" + base64.urlsafe_b64encode(digest).decode().rstrip("=")
