"""The HTML pages (web chat, counsellor console) and their static assets, served by the app itself."""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

WEB_DIR = Path(__file__).resolve().parent
STATIC_DIR = WEB_DIR / "static"
templates = Jinja2Templates(directory=WEB_DIR / "templates")

router = APIRouter(include_in_schema=False)


@lru_cache(maxsize=64)
def _asset_version(name: str) -> str:
    return hashlib.sha256((STATIC_DIR / name).read_bytes()).hexdigest()[:10]


def static_url(name: str) -> str:
    return f"/static/{name}?v={_asset_version(name)}"


templates.env.globals["static"] = static_url


def page_language(request: Request, languages: list[str]) -> str:
    asked = request.query_params.get("lang")
    if asked in languages:
        return asked
    for part in request.headers.get("accept-language", "").split(","):
        code = part.split(";")[0].strip().lower()[:2]
        if code in languages:
            return code
    return languages[0] if languages else "en"


_SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "connect-src 'self'; frame-ancestors 'self'; base-uri 'none'; form-action 'self'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
}


def _page(request: Request, template: str) -> HTMLResponse:
    settings = request.app.state.services.settings
    lang = page_language(request, settings.languages)
    return templates.TemplateResponse(
        request, template, {"lang": lang, "max_chars": settings.max_message_chars, "demo": settings.demo},
        headers=_SECURITY_HEADERS
    )


@router.get("/", response_class=HTMLResponse)
def chat_page(request: Request) -> HTMLResponse:
    return _page(request, "chat.html")


@router.get("/console", response_class=HTMLResponse)
def console_page(request: Request) -> HTMLResponse:
    return _page(request, "console.html")


def mount(app: FastAPI) -> None:
    app.include_router(router)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
