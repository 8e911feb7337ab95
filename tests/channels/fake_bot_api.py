"""A local fake of the Telegram Bot API (the subset the bot uses), served over real HTTP on
loopback, so python-telegram-bot runs unchanged with its ``base_url`` pointed here.

Tests push updates (messages, commands, button taps) into it and read what the bot sent back.
"""

from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass, field
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

BOT_USER = {"id": 777000, "is_bot": True, "first_name": "Orient", "username": "orient_test_bot",
            "can_join_groups": False, "can_read_all_group_messages": False, "supports_inline_queries": False}


@dataclass
class Sent:
    method: str
    chat_id: int | None
    params: dict[str, Any]
    message_id: int | None = None
    files: dict[str, bytes] = field(default_factory=dict)

    @property
    def text(self) -> str:
        return str(self.params.get("text", ""))

    @property
    def buttons(self) -> list[dict[str, Any]]:
        markup = self.params.get("reply_markup")
        if isinstance(markup, str):
            markup = json.loads(markup)
        rows = (markup or {}).get("inline_keyboard", [])
        return [button for row in rows for button in row]


class FakeTelegram:
    """State of the fake server: pending updates, and every call the bot made."""

    def __init__(self, token: str, language_code: str = "en"):
        self.token = token
        self.language_code = language_code  # what Telegram says the test person's app language is
        self.commands: dict[str, list[dict[str, Any]]] = {}  # setMyCommands, by language_code ("" = default)
        self.lock = threading.Condition()
        self.updates: list[dict[str, Any]] = []
        self.next_update_id = 1
        self.next_message_id = 1000
        self.sent: list[Sent] = []
        self.calls: list[str] = []
        self.webhook: dict[str, Any] = {}
        self.app = self._build()

    # -- what tests do -----------------------------------------------------------------------------
    def _chat(self, chat_id: int) -> dict[str, Any]:
        return {"id": chat_id, "type": "private", "first_name": "Test", "username": f"user{chat_id}"}

    def _user(self, chat_id: int) -> dict[str, Any]:
        return {"id": chat_id, "is_bot": False, "first_name": "Test", "language_code": self.language_code}

    def update(self, payload: dict[str, Any]) -> dict[str, Any]:
        with self.lock:
            update = {"update_id": self.next_update_id, **payload}
            self.next_update_id += 1
            self.updates.append(update)
            self.lock.notify_all()
        return update

    def message_update(self, chat_id: int, text: str) -> dict[str, Any]:
        with self.lock:
            self.next_message_id += 1
            message_id = self.next_message_id
        message: dict[str, Any] = {"message_id": message_id, "date": int(time.time()), "chat": self._chat(chat_id),
                                   "from": self._user(chat_id), "text": text}
        if text.startswith("/"):
            command = text.split()[0]
            message["entities"] = [{"type": "bot_command", "offset": 0, "length": len(command)}]
        return {"message": message}

    def send_text(self, chat_id: int, text: str) -> dict[str, Any]:
        return self.update(self.message_update(chat_id, text))

    def edit_text(self, chat_id: int, sent_update: dict[str, Any], text: str) -> dict[str, Any]:
        """The person edits a message they sent earlier (an ``edited_message`` update)."""
        message = {**sent_update["message"], "text": text, "edit_date": int(time.time()) + 1}
        return self.update({"edited_message": message})

    def tap(self, chat_id: int, sent: Sent, data: str) -> dict[str, Any]:
        message = {"message_id": sent.message_id, "date": int(time.time()), "chat": self._chat(chat_id),
                   "from": BOT_USER, "text": sent.text}
        return self.update({"callback_query": {"id": f"cb{self.next_update_id}", "from": self._user(chat_id),
                                               "chat_instance": f"ci{chat_id}", "message": message, "data": data}})

    def messages_to(self, chat_id: int) -> list[Sent]:
        with self.lock:
            return [s for s in self.sent if s.chat_id == chat_id and s.method in ("sendMessage", "sendDocument")]

    def wait_for(self, chat_id: int, count: int, timeout: float = 30.0) -> list[Sent]:
        """Waits until the bot has sent at least ``count`` messages/documents to the chat in all."""
        deadline = time.monotonic() + timeout
        with self.lock:
            while True:
                found = [s for s in self.sent if s.chat_id == chat_id and s.method in ("sendMessage", "sendDocument")]
                if len(found) >= count:
                    return found
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise TimeoutError(f"bot sent {len(found)} message(s) to {chat_id}, expected {count}: "
                                       f"{[s.text[:80] for s in found]}")
                self.lock.wait(remaining)

    def wait_idle(self, chat_id: int, quiet: float = 0.8, timeout: float = 60.0) -> list[Sent]:
        """Waits until the bot has stopped sending to the chat for ``quiet`` seconds."""
        deadline = time.monotonic() + timeout
        last = -1
        last_change = time.monotonic()
        while time.monotonic() < deadline:
            n = len(self.messages_to(chat_id))
            if n != last:
                last, last_change = n, time.monotonic()
            elif time.monotonic() - last_change >= quiet and not self._pending():
                return self.messages_to(chat_id)
            time.sleep(0.05)
        raise TimeoutError("the bot kept sending")

    def _pending(self) -> bool:
        with self.lock:
            return bool(self.updates)

    # -- the HTTP side ---------------------------------------------------------------------------
    def _build(self) -> FastAPI:
        app = FastAPI()

        @app.post("/bot{token}/{method}")
        async def call(token: str, method: str, request: Request) -> JSONResponse:
            if token != self.token:
                return JSONResponse({"ok": False, "error_code": 401, "description": "Unauthorized"}, status_code=401)
            params, files = await _params(request)
            handler = getattr(self, f"_m_{method}", None)
            with self.lock:
                self.calls.append(method)
            if handler is None:
                return JSONResponse({"ok": False, "error_code": 404, "description": f"Not Found: method {method}"},
                                    status_code=404)
            result = await handler(params, files) if method == "getUpdates" else handler(params, files)
            return JSONResponse({"ok": True, "result": result})

        return app

    def _record(self, method: str, params: dict[str, Any], files: dict[str, bytes] | None = None) -> dict[str, Any]:
        chat_id = int(params["chat_id"]) if "chat_id" in params else None
        with self.lock:
            self.next_message_id += 1
            message_id = self.next_message_id
            self.sent.append(Sent(method, chat_id, params, message_id, files or {}))
            self.lock.notify_all()
        return {"message_id": message_id, "date": int(time.time()), "chat": self._chat(chat_id or 0), "from": BOT_USER}

    def _m_getMe(self, params, files):
        return BOT_USER

    def _m_deleteWebhook(self, params, files):
        self.webhook = {}
        return True

    def _m_setWebhook(self, params, files):
        self.webhook = dict(params)
        return True

    def _m_getWebhookInfo(self, params, files):
        return {"url": self.webhook.get("url", ""), "has_custom_certificate": False, "pending_update_count": 0}

    async def _m_getUpdates(self, params, files):
        import asyncio

        offset = int(params.get("offset", 0) or 0)
        timeout = min(float(params.get("timeout", 0) or 0), 2.0)
        deadline = time.monotonic() + timeout
        while True:
            with self.lock:
                self.updates = [u for u in self.updates if u["update_id"] >= offset]
                ready = list(self.updates)
            if ready or time.monotonic() >= deadline:
                return ready
            await asyncio.sleep(0.02)

    def _m_sendMessage(self, params, files):
        message = self._record("sendMessage", params)
        message["text"] = params.get("text", "")
        return message

    def _m_sendDocument(self, params, files):
        message = self._record("sendDocument", params, files)
        name = next(iter(files), "document")
        message["document"] = {"file_id": f"f{message['message_id']}", "file_unique_id": f"u{message['message_id']}",
                               "file_name": name}
        return message

    def _m_sendChatAction(self, params, files):
        return True

    def _m_answerCallbackQuery(self, params, files):
        self._record("answerCallbackQuery", params)
        return True

    def _m_editMessageReplyMarkup(self, params, files):
        self._record("editMessageReplyMarkup", params)
        return True

    def _m_editMessageText(self, params, files):
        """Edits a message the bot sent: its text and keyboard change in place."""
        self._record("editMessageText", params)
        with self.lock:
            for sent in self.sent:
                if sent.message_id == int(params.get("message_id", 0)) and sent.method == "sendMessage":
                    sent.params = {**sent.params, "text": params.get("text", ""),
                                   "reply_markup": params.get("reply_markup")}
        return {"message_id": int(params.get("message_id", 0)), "date": int(time.time()),
                "chat": self._chat(int(params.get("chat_id", 0))), "from": BOT_USER, "text": params.get("text", "")}

    def _m_setMyCommands(self, params, files):
        commands = params.get("commands", [])
        if isinstance(commands, str):
            commands = json.loads(commands)
        with self.lock:
            self.commands[str(params.get("language_code") or "")] = commands
        return True


async def _params(request: Request) -> tuple[dict[str, Any], dict[str, bytes]]:
    content_type = request.headers.get("content-type", "")
    files: dict[str, bytes] = {}
    if content_type.startswith("application/json"):
        return await request.json(), files
    form = await request.form()
    params: dict[str, Any] = {}
    for key, value in form.multi_items():
        if hasattr(value, "read"):
            files[value.filename or key] = await value.read()
            params[key] = value.filename or key
        else:
            params[key] = value
    return params, files
