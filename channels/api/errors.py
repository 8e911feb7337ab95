"""The one error shape every route returns, and the handlers that produce it."""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException

from channels.access_log import redact_path  # logs name no conversation and no token
from tools.storage.failures import storage_failure

log = logging.getLogger(__name__)


class ErrorDetail(BaseModel):
    loc: list[str | int] = []
    msg: str
    type: str = ""


class ErrorResponse(BaseModel):
    """Every 4xx/5xx body: a short machine code, a human reason, and field details for validation errors."""

    error: str
    detail: str
    errors: list[ErrorDetail] = []


class ApiError(Exception):
    def __init__(self, status_code: int, error: str, detail: str, headers: dict[str, str] | None = None):
        super().__init__(detail)
        self.status_code = status_code
        self.error = error
        self.detail = detail
        self.headers = headers


def not_found(what: str, detail: str) -> ApiError:
    return ApiError(404, f"{what}_not_found", detail)


def error_responses(*codes: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI ``responses`` entries for the given error codes, all with the ErrorResponse model."""
    descriptions = {
        400: "Bad request",
        401: "Not logged in",
        403: "Forbidden",
        404: "Not found",
        409: "Conflict",
        500: "Internal error (logged)",
        413: "Message too large",
        415: "Unsupported media type",
        422: "Validation error",
        429: "Too many requests",
        503: "Service not ready",
    }
    return {code: {"model": ErrorResponse, "description": descriptions.get(code, "Error")} for code in codes}


_HTTP_CODES = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found", 405: "method_not_allowed",
               409: "conflict", 413: "too_large", 415: "unsupported_media_type", 429: "too_many_requests"}


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def _api_error(_request: Request, exc: ApiError) -> JSONResponse:
        body = ErrorResponse(error=exc.error, detail=exc.detail)
        return JSONResponse(body.model_dump(), status_code=exc.status_code, headers=exc.headers)

    @app.exception_handler(RequestValidationError)
    async def _validation_error(_request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = [
            ErrorDetail(loc=[str(p) if not isinstance(p, int) else p for p in e.get("loc", ())],
                        msg=str(e.get("msg", "")), type=str(e.get("type", "")))
            for e in exc.errors()
        ]
        reason = "; ".join(f"{'.'.join(str(p) for p in e.loc)}: {e.msg}" for e in errors) or "invalid request"
        body = ErrorResponse(error="validation_error", detail=reason, errors=errors)
        return JSONResponse(body.model_dump(), status_code=422)

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(_request: Request, exc: StarletteHTTPException) -> JSONResponse:
        if isinstance(exc.detail, dict) and "error" in exc.detail:
            body = ErrorResponse(error=str(exc.detail["error"]), detail=str(exc.detail.get("detail", "")))
        else:
            body = ErrorResponse(error=_HTTP_CODES.get(exc.status_code, "http_error"), detail=str(exc.detail))
        return JSONResponse(body.model_dump(), status_code=exc.status_code, headers=getattr(exc, "headers", None))

    # Database errors get their own handlers (Starlette's ExceptionMiddleware answers and keeps the
    # connection open); the catch-all ``Exception`` handler re-raises after answering, which makes the
    # server drop the keep-alive connection and a client's next request on it fail.
    import sqlite3

    import psycopg
    from sqlalchemy.exc import DBAPIError

    async def _database_error(request: Request, exc: Exception) -> JSONResponse:
        return await _unexpected(request, exc)

    for storage_error in (DBAPIError, sqlite3.Error, psycopg.Error):
        app.add_exception_handler(storage_error, _database_error)

    from tools.storage.conversation_locks import ConversationBusy

    @app.exception_handler(ConversationBusy)
    async def _busy(request: Request, _exc: ConversationBusy) -> JSONResponse:
        french = request.headers.get("accept-language", "").lower().startswith("fr")
        detail = ("Le message précédent de cette conversation est encore en cours de traitement ; renvoyez celui-ci "
                  "dans un instant (avec le même client_message_id, il ne sera pas traité deux fois)." if french else
                  "The previous message of this conversation is still being answered; send this one again in a "
                  "moment (with the same client_message_id it is never run twice).")
        body = ErrorResponse(error="conversation_busy", detail=detail)
        return JSONResponse(body.model_dump(), status_code=409, headers={"Retry-After": "1"})

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        """Storage failures become a 503 with a reason the person can read; anything else is a
        logged 500 (the exception's type and route only: no request data in the log)."""
        failure = storage_failure(exc)
        language = "fr" if request.headers.get("accept-language", "").lower().startswith("fr") else "en"
        if failure is not None:
            log.error("storage failure %s on %s %s", failure.kind, request.method, redact_path(request.url.path))
            body = ErrorResponse(error=failure.kind, detail=failure.reason(language))
            return JSONResponse(body.model_dump(), status_code=503, headers={"Retry-After": "5"})
        log.error("unexpected %s on %s %s", type(exc).__name__, request.method, redact_path(request.url.path),
                  exc_info=(type(exc), exc, exc.__traceback__))
        detail = ("Une erreur inattendue s'est produite ; rien n'a été perdu de ce qui était déjà enregistré."
                  if language == "fr" else "An unexpected error happened; nothing already saved was lost.")
        return JSONResponse(ErrorResponse(error="internal_error", detail=detail).model_dump(), status_code=500)
