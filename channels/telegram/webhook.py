"""``POST /telegram/webhook``: Telegram's updates in webhook mode, accepted only with the right
``X-Telegram-Bot-Api-Secret-Token`` header."""

from __future__ import annotations

import hmac
import json
from typing import Annotated, Any

from fastapi import APIRouter, Header, Request, status
from fastapi.responses import Response

from channels.api.errors import ApiError, error_responses

router = APIRouter(tags=["telegram"])


@router.post(
    "/telegram/webhook",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=error_responses(403, 404, 413, 422),
    summary="Telegram updates (webhook mode; secret-token header required)",
    openapi_extra={"requestBody": {"required": True, "description": "A Telegram Update object",
                                   "content": {"application/json": {"schema": {"type": "object"}}}}},
)
async def telegram_webhook(
    request: Request,
    secret: Annotated[str | None, Header(alias="X-Telegram-Bot-Api-Secret-Token")] = None,
) -> Response:
    # The body is read only after the secret is checked (its size is already bounded by RequestLimits).
    channel = request.app.state.telegram
    if not channel.enabled or channel.mode != "webhook" or channel.application is None:
        raise ApiError(404, "webhook_disabled", "the Telegram webhook is not enabled on this server")
    expected = channel.settings.telegram_webhook_secret
    if not secret or not hmac.compare_digest(secret.encode(), expected.encode()):
        raise ApiError(403, "bad_secret_token", "missing or wrong X-Telegram-Bot-Api-Secret-Token header")
    try:
        update: Any = json.loads(await request.body())
    except (ValueError, UnicodeDecodeError):
        raise ApiError(422, "not_an_update", "the body is not JSON") from None
    if not isinstance(update, dict) or not isinstance(update.get("update_id"), int):
        raise ApiError(422, "not_an_update", "the body is not a Telegram Update (no integer update_id)")
    await channel.process(update)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
