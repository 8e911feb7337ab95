"""The bot's handlers: every text message and every tapped quick reply becomes one agent turn for
the conversation ``tg-<chat_id>``; /start, /profile, /export and /forget are the commands (also in
the bot's menu, see ``lifecycle``).

A button acts only for the question it was sent with: its callback data carries a token bound to
the conversation and to that question (``rendering.question_token``), so a button from an older
message, from before /forget or from another chat is refused and never acts. Removing a proposed
skill edits the list's keyboard in place instead of sending the list again; an edited message is
read as a correction; a consent receipt arrives as a readable page, right after the message that
says it was given."""

from __future__ import annotations

import asyncio
import hmac
import json
import logging

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import Application, CallbackQueryHandler, CommandHandler, ContextTypes, MessageHandler, filters

from agent.reply import AgentReply, Expecting
from channels.services import Services
from channels.settings import Settings
from channels.telegram.rendering import Attachment, Outgoing, question_token, render
from channels.telegram.texts import text
from channels.turn_gateway import TurnGateway
from tools.consent import receipt_page
from tools.identity import telegram_conversation_id
from tools.profile import Profile, SkillState
from tools.profile import export as profile_export
from tools.storage.failures import storage_failure

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
        application.add_handler(MessageHandler(filters.UpdateType.MESSAGE & filters.TEXT & ~filters.COMMAND, self.on_text))
        application.add_handler(MessageHandler(filters.UpdateType.EDITED_MESSAGE & filters.TEXT & ~filters.COMMAND,
                                               self.on_edited))
        application.add_handler(MessageHandler(filters.UpdateType.MESSAGE & ~filters.TEXT & ~filters.COMMAND, self.on_other))
        application.add_error_handler(self.on_error)

    # -- helpers ---------------------------------------------------------------------------------
    def _cid(self, update: Update) -> str:
        """The person's conversation: bound to the Telegram user, not the chat."""
        user = update.effective_user
        who = user.id if user is not None else update.effective_chat.id
        return conversation_id(self.services.telegram_id_secret, who)

    def _user_language(self, update: Update) -> str | None:
        """Telegram's ``language_code`` of the person ("fr", "fr-FR"), when this service speaks it."""
        user = update.effective_user
        code = (user.language_code or "").split("-")[0].lower() if user is not None else ""
        return code if code in self.settings.languages else None

    def _language(self, cid: str, update: Update | None = None) -> str:
        last = self.turns.transcripts.last(cid)
        if last is not None:
            return str(last.reply.get("language") or self.settings.default_language)
        profile = self.services.profiles.get(cid)
        if profile is not None:
            return profile.language
        return (self._user_language(update) if update is not None else None) or self.settings.default_language

    def _token(self, cid: str, salt: str = "") -> str:
        """The token of the question asked last in this conversation (see ``question_token``)."""
        last = self.turns.transcripts.last(cid)
        seq, asked = (last.seq, last.created_at.isoformat()) if last is not None else (0, "none")
        return question_token(self.settings.telegram_token, cid, seq, salt + asked)

    async def _send(self, context: ContextTypes.DEFAULT_TYPE, chat_id: int, messages: list[Outgoing]) -> None:
        for message in messages:
            if message.document is not None:
                await context.bot.send_document(chat_id, document=message.document, filename=message.filename,
                                                caption=message.caption[:1024] or None)
            else:
                await context.bot.send_message(chat_id=chat_id, text=message.text, reply_markup=message.keyboard)

    async def _messages(self, cid: str, reply: AgentReply) -> list[Outgoing]:
        token = await asyncio.to_thread(self._token, cid)
        return render(reply, token, attachments(reply, self.settings.public_url))

    async def _send_reply(self, update: Update, context: ContextTypes.DEFAULT_TYPE, cid: str, reply: AgentReply) -> None:
        await self._send(context, update.effective_chat.id, await self._messages(cid, reply))

    async def _greet(self, update: Update, context: ContextTypes.DEFAULT_TYPE, cid: str) -> None:
        """The agent's greeting, in the language Telegram says the person uses, and the commands."""
        language = self._user_language(update)
        reply = await asyncio.to_thread(self.turns.start, cid, "telegram", {"language": language} if language else None)
        await context.bot.send_message(update.effective_chat.id, text(reply.language, "commands_hint"))
        await self._send_reply(update, context, cid, reply)

    async def _run(self, update: Update, context: ContextTypes.DEFAULT_TYPE, value: str,
                   message_id: str) -> tuple[str, AgentReply | None, bool]:
        """One turn: (conversation, its reply or None when refused, whether the turn erased everything)."""
        cid = self._cid(update)
        if len(value) > self.settings.max_message_chars:
            lang = await asyncio.to_thread(self._language, cid, update)
            await context.bot.send_message(update.effective_chat.id,
                                           text(lang, "too_long", n=len(value), max=self.settings.max_message_chars))
            return cid, None, False
        await context.bot.send_chat_action(update.effective_chat.id, "typing")
        if not await asyncio.to_thread(self.turns.exists, cid):
            # First contact without /start: greet, then answer what they wrote (nothing is dropped).
            await self._greet(update, context, cid)
        sent = await asyncio.to_thread(self.turns.send, cid, value, "telegram", message_id)
        return cid, sent.reply, sent.erased

    async def _turn(self, update: Update, context: ContextTypes.DEFAULT_TYPE, value: str, message_id: str) -> None:
        cid, reply, erased = await self._run(update, context, value, message_id)
        if reply is not None:
            await self._send_reply(update, context, cid, reply)
            if erased:
                await context.bot.send_message(update.effective_chat.id, text(reply.language, "history_yours"))

    # -- handlers --------------------------------------------------------------------------------
    async def on_start(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        cid = self._cid(update)
        if await asyncio.to_thread(self.turns.exists, cid):
            reply = await asyncio.to_thread(self.turns.start, cid, "telegram")
            await self._send_reply(update, context, cid, reply)
        else:
            await self._greet(update, context, cid)

    async def on_text(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        message = update.effective_message
        await self._turn(update, context, message.text, f"tgm-{message.message_id}")

    async def on_edited(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """An edited message is a correction of what was said, answered as a new turn (the reply to
        the original is not replayed); each edit is its own turn."""
        message = update.effective_message
        edit = int(message.edit_date.timestamp()) if message.edit_date else 0
        await self._turn(update, context, f"correction: {message.text}", f"tge-{message.message_id}-{edit}")

    async def on_other(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        cid = self._cid(update)
        lang = await asyncio.to_thread(self._language, cid, update)
        await context.bot.send_message(update.effective_chat.id, text(lang, "not_text"))

    async def on_callback(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        query = update.callback_query
        cid = self._cid(update)
        data = query.data or ""
        if data.startswith("f:"):
            await self._forget_answer(update, context, cid, data)
            return
        found = await asyncio.to_thread(self._quick_reply_value, cid, data)
        if found is None:
            lang = await asyncio.to_thread(self._language, cid, update)
            await query.answer(text(lang, "stale_button"), show_alert=False)
            if query.message is not None:
                await query.edit_message_reply_markup(reply_markup=None)
            return
        label, value, before = found
        await query.answer(label[:190])
        cid, reply, erased = await self._run(update, context, value, f"tgq-{query.id}")
        if reply is None:
            return
        messages = await self._messages(cid, reply)
        in_place = (before == reply.expecting == Expecting.skill_confirmation and query.message is not None
                    and len(messages) == 1 and messages[0].document is None)
        if in_place:
            # A skill removed from the list: the same message shows the shorter list and keyboard.
            await query.edit_message_text(messages[0].text, reply_markup=messages[0].keyboard)
            return
        if query.message is not None:
            await query.edit_message_reply_markup(reply_markup=None)
        await self._send(context, update.effective_chat.id, messages)
        if erased:
            await context.bot.send_message(update.effective_chat.id, text(reply.language, "history_yours"))

    def _quick_reply_value(self, cid: str, data: str) -> tuple[str, str, str] | None:
        """(label, value, what the question expected) of a button of the latest question; None for a
        button of another question, conversation or chat (its token does not match)."""
        parts = data.split(":")
        if len(parts) != 3 or parts[0] != "q" or not parts[2].isdigit():
            return None
        last = self.turns.transcripts.last(cid)
        if last is None or not hmac.compare_digest(parts[1], self._token(cid)):
            return None
        reply = AgentReply.model_validate(last.reply)
        index = int(parts[2])
        if index >= len(reply.quick_replies):
            return None
        return reply.quick_replies[index].label, reply.quick_replies[index].value, reply.expecting

    async def on_error(self, update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        """A turn failed: log the error's type (no message content) and tell the person plainly."""
        error = context.error
        log.error("telegram update failed: %s", type(error).__name__, exc_info=error)
        if not isinstance(update, Update) or update.effective_chat is None:
            return
        cid = self._cid(update)
        lang = await asyncio.to_thread(self._language, cid, update)
        failure = storage_failure(error) if isinstance(error, BaseException) else None
        message = failure.reason(lang) if failure is not None else text(lang, "failed")
        await context.bot.send_message(update.effective_chat.id, message)

    async def on_profile(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        cid = self._cid(update)
        profile = await asyncio.to_thread(self.services.profiles.get, cid)
        lang = await asyncio.to_thread(self._language, cid, update)
        summary = AgentReply(conversation_id=cid, text=profile_summary(profile, lang), language=lang, expecting="free")
        await self._send(context, update.effective_chat.id, render(summary, ""))

    async def on_export(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        cid = self._cid(update)
        lang = await asyncio.to_thread(self._language, cid, update)
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
        lang = await asyncio.to_thread(self._language, cid, update)
        token = await asyncio.to_thread(self._token, cid, "forget")
        buttons = InlineKeyboardMarkup([[InlineKeyboardButton(text(lang, "forget_yes"), callback_data=f"f:y:{token}"),
                                         InlineKeyboardButton(text(lang, "forget_no"), callback_data=f"f:n:{token}")]])
        await context.bot.send_message(update.effective_chat.id, text(lang, "forget_confirm"), reply_markup=buttons)

    async def _forget_answer(self, update: Update, context: ContextTypes.DEFAULT_TYPE, cid: str, data: str) -> None:
        """Erase only on the "yes" of a /forget asked in this chat since its last turn."""
        lang = await asyncio.to_thread(self._language, cid, update)
        query = update.callback_query
        parts = data.split(":")
        token = await asyncio.to_thread(self._token, cid, "forget")
        valid = len(parts) == 3 and parts[1] in ("y", "n") and hmac.compare_digest(parts[2], token)
        await query.answer(None if valid else text(lang, "stale_button"))
        if query.message is not None:
            await query.edit_message_reply_markup(reply_markup=None)
        if not valid:
            return
        if parts[1] == "y":
            await asyncio.to_thread(self.services.privacy.erase_all, cid)
            await context.bot.send_message(update.effective_chat.id, text(lang, "forget_done"))
            await context.bot.send_message(update.effective_chat.id, text(lang, "history_yours"))
        else:
            await context.bot.send_message(update.effective_chat.id, text(lang, "forget_kept"))


def attachments(reply: AgentReply, base_url: str = "") -> list[Attachment]:
    """Files that go with a turn: each consent receipt as a readable page (the signed JSON inside
    it, see ``receipt_page``), and the "export everything" data."""
    files: list[Attachment] = []
    lang = reply.language
    for card in reply.cards:
        receipt = card.data.get("receipt")
        if card.kind == "receipt" and isinstance(receipt, dict):
            # the name as the message says it (the card's title ends with it), else as the receipt records it
            said = card.title.split(" : ")[-1].split(": ")[-1].strip()
            name = said or str((receipt.get("recipient") or {}).get("name") or card.title)
            page = receipt_page.to_html(receipt, lang, embed_json=True, base_url=base_url)
            files.append(Attachment(filename=f"consent-receipt-{_slug(name)}.html", content=page.encode(),
                                    caption=text(lang, "receipt_caption", name=name), anchor=name))
        elif card.kind == "export" and isinstance(card.data.get("content"), dict):
            files.append(Attachment(filename="orient-my-data.json", caption=text(lang, "export_everything_caption"),
                                    content=json.dumps(card.data["content"], ensure_ascii=False, indent=2).encode()))
    return files


def _slug(name: str) -> str:
    slug = "".join(c.lower() if c.isalnum() else "-" for c in name).strip("-")
    return "-".join(p for p in slug.split("-") if p)[:40] or "recipient"


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
        lines.append(f"{level}{_colon(lang)}")
        lines.extend(f"• {label}" for label in labels)
    if profile.target is not None:
        lines.append("")
        lines.append(f"{text(lang, 'target')}{_colon(lang)} {profile.target.label}")
        if profile.gap is not None and profile.gap.coverage is not None:
            lines.append(text(lang, "coverage", p=round(profile.gap.coverage * 100)))
    return "\n".join(lines)


def _colon(lang: str) -> str:
    return "\u00a0:" if lang == "fr" else ":"
