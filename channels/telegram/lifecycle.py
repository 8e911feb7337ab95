"""Starts and stops the Telegram application with the HTTP app: polling (development) or webhook
(production, ``/telegram/webhook`` with the secret-token header); nothing when no token is set."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from channels.services import Services
from channels.settings import Settings
from channels.turn_gateway import TurnGateway

if TYPE_CHECKING:
    from telegram.ext import Application

log = logging.getLogger(__name__)


class TelegramChannel:
    """python-telegram-bot is imported only when a token is set (it is not needed otherwise)."""

    def __init__(self, settings: Settings, services: Services, turns: TurnGateway):
        self.settings = settings
        self.services = services
        self.turns = turns
        self.application: Application | None = None

    @property
    def enabled(self) -> bool:
        return bool(self.settings.telegram_token)

    @property
    def mode(self) -> str:
        return self.settings.telegram_mode

    def build(self) -> Application:
        from telegram.ext import ApplicationBuilder

        from channels.telegram.bot import TelegramBot

        builder = ApplicationBuilder().token(self.settings.telegram_token)
        if self.settings.telegram_base_url:
            base = self.settings.telegram_base_url.rstrip("/")
            builder = builder.base_url(f"{base}/bot").base_file_url(f"{base}/file/bot")
        builder = builder.updater(None) if self.mode == "webhook" else builder
        application = builder.build()
        TelegramBot(self.settings, self.services, self.turns).install(application)
        return application

    async def start(self) -> None:
        if not self.enabled:
            return
        if self.mode not in ("polling", "webhook"):
            raise ValueError(f"telegram_mode must be 'polling' or 'webhook', not {self.mode!r}")
        if self.mode == "webhook" and not self.settings.telegram_webhook_secret:
            raise ValueError("webhook mode needs ORIENT_TELEGRAM_WEBHOOK_SECRET (checked on every update)")
        self.application = self.build()
        await self.application.initialize()
        await self.application.start()
        await self.set_commands()
        if self.mode == "polling":
            await self.application.bot.delete_webhook()
            await self.application.updater.start_polling(poll_interval=0.0, timeout=10, drop_pending_updates=False)
            log.info("telegram bot polling")
        elif self.settings.telegram_webhook_url:
            await self.application.bot.set_webhook(
                url=self.settings.telegram_webhook_url,
                secret_token=self.settings.telegram_webhook_secret,
                allowed_updates=["message", "edited_message", "callback_query"],
            )
            log.info("telegram webhook set")

    async def set_commands(self) -> None:
        """The bot's command menu (/start, /profile, /export, /forget), in each language it speaks;
        the service's default language also serves people whose language it does not speak."""
        from telegram import BotCommand

        from channels.telegram.texts import text

        names = ("start", "profile", "export", "forget")
        for lang in self.settings.languages:
            commands = [BotCommand(name, text(lang, f"cmd_{name}")) for name in names]
            await self.application.bot.set_my_commands(commands, language_code=lang)
        default = self.settings.default_language
        await self.application.bot.set_my_commands([BotCommand(n, text(default, f"cmd_{n}")) for n in names])

    async def stop(self) -> None:
        if self.application is None:
            return
        if self.application.updater is not None and self.application.updater.running:
            await self.application.updater.stop()
        if self.application.running:
            await self.application.stop()
        await self.application.shutdown()
        self.application = None

    async def process(self, payload: dict) -> None:
        from telegram import Update

        if self.application is None:
            raise RuntimeError("telegram application is not running")
        update = Update.de_json(payload, self.application.bot)
        await self.application.process_update(update)
