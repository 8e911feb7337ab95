"""Liveness and readiness."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel

router = APIRouter(prefix="/api", tags=["health"])


class Health(BaseModel):
    status: str
    ready: bool


@router.get("/health", response_model=Health, responses={503: {"model": Health, "description": "Still warming up"}})
def health(request: Request) -> JSONResponse:
    ready = request.app.state.ready.is_set() if hasattr(request.app.state, "ready") else False
    body = Health(status="ok" if ready else "warming_up", ready=ready)
    return JSONResponse(body.model_dump(), status_code=200 if ready else 503)
