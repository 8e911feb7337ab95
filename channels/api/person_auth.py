"""The person's key: every route that takes a conversation id needs that conversation's token.

The token comes in ``Authorization: Bearer <token>`` or, for the web page's plain links (exports,
receipts), in the HttpOnly, SameSite=Strict cookie scoped to the conversation's path. A missing
token, a wrong token and an unknown conversation all get the same 401, so the answer never says
whether a conversation exists.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Path, Request, Response

from channels.api.dependencies import ServicesDep
from channels.api.errors import ApiError

COOKIE = "orient_person"
COOKIE_MAX_AGE = 180 * 24 * 3600

ConversationId = Annotated[
    str,
    Path(min_length=3, max_length=128, pattern=r"^[A-Za-z0-9_\-]+$", description="The conversation (and person) id."),
]


def unauthorised() -> ApiError:
    return ApiError(401, "unauthorized", "this conversation needs its token: send 'Authorization: Bearer <token>' "
                                         "(the token was returned when the conversation started)",
                    headers={"WWW-Authenticate": 'Bearer realm="orient"'})


def bearer(request: Request) -> str | None:
    header = request.headers.get("authorization", "")
    scheme, _, value = header.partition(" ")
    if scheme.lower() == "bearer" and value.strip():
        return value.strip()
    return request.cookies.get(COOKIE)


def person(conversation_id: ConversationId, request: Request, services: ServicesDep) -> str:
    """The conversation id, once the request proved it is that person's (else 401)."""
    if not services.identity.check(conversation_id, bearer(request)):
        raise unauthorised()
    return conversation_id


PersonDep = Annotated[str, Depends(person)]


def set_person_cookie(response: Response, request: Request, conversation_id: str, token: str) -> None:
    """Keep the token in a cookie the page's script cannot read, sent only to this conversation's routes."""
    response.set_cookie(COOKIE, token, httponly=True, samesite="strict", secure=_https(request),
                        max_age=COOKIE_MAX_AGE, path=f"/api/conversations/{conversation_id}")


def clear_person_cookie(response: Response, request: Request, conversation_id: str) -> None:
    response.delete_cookie(COOKIE, path=f"/api/conversations/{conversation_id}", secure=_https(request),
                           httponly=True, samesite="strict")


def _https(request: Request) -> bool:
    forwarded = request.headers.get("x-forwarded-proto", "")
    return request.url.scheme == "https" or forwarded.split(",")[0].strip() == "https"
