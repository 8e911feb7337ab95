"""The bot's handlers: every text message and every tapped quick reply becomes one agent turn for
the conversation ``tg-<chat_id>``; /start, /profile, /export and /forget are the commands."""

from __future__ import annotations

import asyncio
import json
import logging

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import Application, CallbackQueryHandler, CommandHandler, ContextTypes, MessageHandler, filters

from agent.reply import AgentReply
from channels.services import Services
from channels.settings import Settings
from channels.telegram.rendering import render
from channels.telegram.texts import text
from channels.turns import TurnGateway
from tools.profile import Profile, SkillState
from tools.identity import telegram_conversation_id
from tools.storage.failures import storage_failure
from tools.profile import export as profile_export

log = logging.getLogger(__name__)


def conversation_id(secret: bytes, user_id: int) -> str:
    """The conversation of a Telegram *user* (not a chat): opaque, so it cannot be guessed from the
    user id; reachable over REST only with a web token the person asks for with /link."""
    return telegram_conversation_id(secret, user_id)


LINK_TEXTS = {
    "en": {"link_code": "Your code to continue on the web: {code}\nOn Orient's web page, choose \"Continue from "
                        "another device\" and enter it. Keep it private: whoever has it can read your profile. "
                        "Send /link again to replace it (the old code then stops working).",
           "link_nothing": "There is no conversation to continue yet: send /start first."},
    "fr": {"link_code": "Votre code pour continuer sur le web : {code}\nSur la page web d'Orient, choisissez "
                        "« Reprendre depuis un autre appareil » et saisissez-le. Gardez-le pour vous : qui l'a peut "
                        "lire votre profil. Envoyez /link à nouveau pour le remplacer (l'ancien ne marche plus).",
           "link_nothing": "Il n'y a pas encore de conversation à reprendre : envoyez d'abord /start."},
}


def link_text(lang: str, key: str, **values: str) -> str:
    return LINK_TEXTS.get(lang, LINK_TEXTS["en"])[key].format(**values)


class TelegramBot:
    def __init__(self, settings: Settings, services: Services, turns: TurnGateway):
        self.settings = settings
        self.services = services
        self.turns = turns

    def install(self, application: Application) -> None:
        application.add_handler(CommandHandler("start", self.on_start))
        application.add_handler(CommandHandler("profile", self.on_profile))
        application.add_handler(CommandHandler("export", self.on_export))
        application.add_handler(CommandHandler("forget", self.on_forget))
        application.add_handler(CommandHandler("link", self.on_link))
        application.add_handler(CallbackQueryHandler(self.on_callback))
        application.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND, self.on_text))
        application.add_handler(MessageHandler(~filters.TEXT & ~filters.COMMAND, self.on_other))
        application.add_error_handler(self.on_error)

    # -- helpers ---------------------------------------------------------------------------------
    def _cid(self, update: Update) -> str:
        """The person's conversation: bound to the Telegram user, not the chat."""
        user = update.effective_user
        who = user.id if user is not None else update.effective_chat.id
        return conversation_id(self.services.telegram_id_secret, who)

    def _language(self, cid: str) -> str:
        last = self.turns.transcripts.last(cid)
        if last is not None:
            return str(last.reply.get("language") or self.settings.default_language)
        profile = self.services.profiles.get(cid)
        return profile.language if profile else self.settings.default_language

    async def _send_reply(self, update: Update, context: ContextTypes.DEFAULT_TYPE, cid: str, reply: AgentReply) -> None:
        last = await asyncio.to_thread(self.turns.transcripts.last, cid)
        seq = last.seq if last else 0
        for message in render(reply, seq):
            await context.bot.send_message(chat_id=update.effective_chat.id, text=message.text, reply_markup=message.keyboard)
        for name, document in attachments(reply):
            await context.bot.send_document(update.effective_chat.id, document=document, filename=name)

    async def _turn(self, update: Update, context: ContextTypes.DEFAULT_TYPE, value: str, message_id: str) -> None:
        cid = self._cid(update)
        if len(value) > self.settings.max_message_chars:
            lang = await asyncio.to_thread(self._language, cid)
            await context.bot.send_message(update.effective_chat.id,
                                           text(lang, "too_long", n=len(value), max=self.settings.max_message_chars))
            return
        await context.bot.send_chat_action(update.effective_chat.id, "typing")
        if not await asyncio.to_thread(self.turns.exists, cid):
            # First contact without /start: greet, then answer what they wrote (nothing is dropped).
            greeting = await asyncio.to_thread(self.turns.start, cid, "telegram")
            await self._send_reply(update, context, cid, greeting)
        reply, _ = await asyncio.to_thread(self.turns.send, cid, value, "telegram", message_id)
        await self._send_reply(update, context, cid, reply)

    # -- handlers --------------------------------------------------------------------------------
    async def on_start(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        cid = self._cid(update)
        reply = await asyncio.to_thread(self.turns.start, cid, "telegram")
        await self._send_reply(update, context, cid, reply)

    async def on_text(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        message = update.effective_message
        await self._turn(update, context, message.text, f"tgm-{message.message_id}")

    async def on_other(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        cid = self._cid(update)
        lang = await asyncio.to_thread(self._language, cid)
        await context.bot.send_message(update.effective_chat.id, text(lang, "not_text"))

    async def on_callback(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        query = update.callback_query
        cid = self._cid(update)
        data = query.data or ""
        if data.startswith("forget:"):
            await self._forget_answer(update, context, cid, data == "forget:yes")
            return
        value = await asyncio.to_thread(self._quick_reply_value, cid, data)
        if value is None:
            lang = await asyncio.to_thread(self._language, cid)
            await query.answer(text(lang, "stale_button"), show_alert=False)
            return
        label, value = value
        await query.answer(label[:190])
        if query.message is not None:
            await query.edit_message_reply_markup(reply_markup=None)
        await self._turn(update, context, value, f"tgq-{query.id}")

    def _quick_reply_value(self, cid: str, data: str) -> tuple[str, str] | None:
        parts = data.split(":")
        if len(parts) != 3 or parts[0] != "qr" or not parts[1].isdigit() or not parts[2].isdigit():
            return None
        seq, index = int(parts[1]), int(parts[2])
        last = self.turns.transcripts.last(cid)
        if last is None or last.seq != seq:
            return None  # only the latest question's buttons count
        quick = AgentReply.model_validate(last.reply).quick_replies
        if index >= len(quick):
            return None
        return quick[index].label, quick[index].value

    async def on_error(self, update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        """A turn failed: log the error's type (no message content) and tell the person plainly."""
        error = context.error
        log.error("telegram update failed: %s", type(error).__name__, exc_info=error)
        if not isinstance(update, Update) or update.effective_chat is None:
            return
        cid = self._cid(update)
        lang = await asyncio.to_thread(self._language, cid)
        failure = storage_failure(error) if isinstance(error, BaseException) else None
        message = failure.reason(lang) if failure is not None else text(lang, "failed")
        await context.bot.send_message(update.effective_chat.id, message)

    async def on_profile(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        cid = self._cid(update)
        profile = await asyncio.to_thread(self.services.profiles.get, cid)
        lang = await asyncio.to_thread(self._language, cid)
        for chunk in render(AgentReply(conversation_id=cid, text=profile_summary(profile, lang), language=lang,
                                       expecting="free"), 0):
            await context.bot.send_message(update.effective_chat.id, chunk.text)

    async def on_export(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        cid = self._cid(update)
        lang = await asyncio.to_thread(self._language, cid)
        profile = await asyncio.to_thread(self.services.profiles.get, cid) or Profile(person_id=cid, language=lang)
        pdf = await asyncio.to_thread(profile_export.to_pdf, profile, lang)
        await context.bot.send_document(update.effective_chat.id, document=pdf, filename="orient-profile.pdf",
                                        caption=text(lang, "export_caption", fmt="PDF"))
        body = json.dumps(profile_export.to_jsonld(profile), ensure_ascii=False, indent=2).encode()
        await context.bot.send_document(update.effective_chat.id, document=body, filename="orient-profile.jsonld",
                                        caption=text(lang, "export_caption", fmt="JSON-LD"))

    async def on_link(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """The person asks to continue on the web: a resume code (replacing any earlier one) that the
        web page exchanges for a token. Only then is this conversation reachable outside Telegram."""
        cid = self._cid(update)
        lang = await asyncio.to_thread(self._language, cid)
        if not await asyncio.to_thread(self.turns.exists, cid):
            await context.bot.send_message(update.effective_chat.id, link_text(lang, "link_nothing"))
            return
        code = await asyncio.to_thread(self.services.identity.new_resume_code, cid)
        await context.bot.send_message(update.effective_chat.id, link_text(lang, "link_code", code=code))

    async def on_forget(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        cid = self._cid(update)
        lang = await asyncio.to_thread(self._language, cid)
        buttons = InlineKeyboardMarkup([[InlineKeyboardButton(text(lang, "forget_yes"), callback_data="forget:yes"),
                                         InlineKeyboardButton(text(lang, "forget_no"), callback_data="forget:no")]])
        await context.bot.send_message(update.effective_chat.id, text(lang, "forget_confirm"), reply_markup=buttons)

    async def _forget_answer(self, update: Update, context: ContextTypes.DEFAULT_TYPE, cid: str, erase: bool) -> None:
        lang = await asyncio.to_thread(self._language, cid)
        await update.callback_query.answer()
        if update.callback_query.message is not None:
            await update.callback_query.edit_message_reply_markup(reply_markup=None)
        if erase:
            await asyncio.to_thread(self.services.privacy.erase_all, cid)
            await context.bot.send_message(update.effective_chat.id, text(lang, "forget_done"))
        else:
            await context.bot.send_message(update.effective_chat.id, text(lang, "forget_kept"))


def attachments(reply: AgentReply) -> list[tuple[str, bytes]]:
    """Files that go with a turn: signed consent receipts, and the "export everything" data."""
    files: list[tuple[str, bytes]] = []
    for card in reply.cards:
        if card.kind == "receipt" and isinstance(card.data.get("receipt"), dict):
            name = f"consent-receipt-{card.data.get('consent_id') or len(files) + 1}.json"
            files.append((name, json.dumps(card.data["receipt"], ensure_ascii=False, indent=2).encode()))
        elif card.kind == "export" and isinstance(card.data.get("content"), dict):
            files.append(("orient-my-data.json", json.dumps(card.data["content"], ensure_ascii=False, indent=2).encode()))
    return files


def profile_summary(profile: Profile | None, lang: str) -> str:
    if profile is None or not profile.skills:
        return text(lang, "profile_empty")
    lines = [text(lang, "profile_title")]
    by_level: dict[str, list[str]] = {}
    for skill in profile.skills:
        if skill.state == SkillState.rejected:
            continue
        key = text(lang, "to_confirm") if skill.state == SkillState.proposed else text(lang, f"level_{skill.level.value}")
        by_level.setdefault(key, []).append(skill.label)
    for level, labels in by_level.items():
        lines.append("")
        lines.append(f"{level}:")
        lines.extend(f"• {label}" for label in labels)
    if profile.target is not None:
        lines.append("")
        lines.append(f"{text(lang, 'target')}: {profile.target.label}")
        if profile.gap is not None and profile.gap.coverage is not None:
            lines.append(text(lang, "coverage", p=round(profile.gap.coverage * 100)))
    return "\n".join(lines)
