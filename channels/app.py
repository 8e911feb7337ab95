"""The HTTP application: REST + server-sent events, the web chat, the counsellor console, the
embeddable widget and the Telegram webhook, over one ``Services`` built once from ``Settings``."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from channels import access_log
from channels.api import consents, console, conversations, health, organisations, profile, widget
from channels.api.errors import install_error_handlers
from channels.request_limits import ClientLimits, RequestLimits
from channels.services import Services
from channels.settings import Settings
from channels.telegram.lifecycle import TelegramChannel
from channels.telegram.webhook import router as telegram_router
from channels.turn_gateway import TurnGateway
from channels.web import pages
from tools.storage.rate_limits import DatabaseRateLimiter

log = logging.getLogger(__name__)


def _announce(app: FastAPI, message: str) -> None:
    if callable(getattr(app.state, "announce", None)):
        app.state.announce(message)


def _report_warm_up(task: asyncio.Task) -> None:
    if not task.cancelled() and task.exception() is not None:
        error = task.exception()
        log.error("warm-up failed: %s", type(error).__name__, exc_info=(type(error), error, error.__traceback__))


def create_app(settings: Settings, services: Services | None = None) -> FastAPI:
    services = services or Services(settings)
    turns = TurnGateway(lambda: services.agent, services.transcripts, services.conversation_locks)
    telegram = TelegramChannel(settings, services, turns)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        app.state.ready = asyncio.Event()
        _ = services.database  # schema exists before the first request
        if settings.demo:  # demo accounts only when the operator asks for them (ORIENT_DEMO=true)
            console.seed_demo_counsellor(services)
        elif services.counsellors.disable_demo():
            log.warning("demo mode is off: the demo counsellor account is disabled")
        background: asyncio.Task | None = None
        if settings.warm_up_before_serving:
            await asyncio.to_thread(services.warm_up)
            app.state.ready.set()
        else:
            # Serve at once (the page, static files, health = warming_up); the first turn waits
            # for the warm-up, which holds the services' locks.
            async def _warm() -> None:
                await asyncio.to_thread(services.warm_up)
                app.state.ready.set()
                _announce(app, "warm")

            background = asyncio.create_task(_warm())
            background.add_done_callback(_report_warm_up)
        await telegram.start()
        _announce(app, "listening")
        try:
            yield
        finally:
            await telegram.stop()
            if background is not None:
                background.cancel()

    app = FastAPI(
        title="Orient",
        version="0.1.0",
        summary="A conversational career-guidance agent grounded in ESCO, ROME and O*NET.",
        description=(
            "Conversations (start, send, stream with server-sent events, state), the person's profile and "
            "its exports, consents and receipts, organisation endpoints, the counsellor console and the "
            "embeddable widget. Every error has the `ErrorResponse` shape."
        ),
        lifespan=lifespan,
    )
    app.state.services = services
    app.state.turns = turns
    app.state.telegram = telegram
    app.state.client_limits = ClientLimits(settings, lambda: DatabaseRateLimiter(services.database))
    install_error_handlers(app)
    # Body size and per-client rates are checked before any route reads the request.
    app.add_middleware(RequestLimits, settings=settings, limits=app.state.client_limits)
    access_log.install()

    app.include_router(health.router)
    app.include_router(conversations.router)
    app.include_router(conversations.resume_router)
    app.include_router(profile.router)
    app.include_router(consents.router)
    app.include_router(organisations.router)
    app.include_router(console.router)
    app.include_router(widget.router)
    app.include_router(telegram_router)
    pages.mount(app)
    return app
