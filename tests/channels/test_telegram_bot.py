"""The Telegram bot (python-telegram-bot, unchanged) against a local fake Bot API on loopback:
a whole conversation by polling, the commands, long-message splitting, and the webhook's secret."""

from __future__ import annotations

import json
from collections.abc import Iterator

import httpx
import pytest
from channel_server import LiveServer, make_services, make_settings
from channel_user import ScriptedUser
from fake_bot_api import FakeTelegram

from agent.reply import AgentReply, QuickReply
from channels.app import create_app
from channels.telegram.bot import conversation_id
from channels.telegram.rendering import TELEGRAM_LIMIT, render, split_text

TOKEN = "123456:TEST-token"
CHAT = 4242


@pytest.fixture
def fake_telegram() -> Iterator[tuple[FakeTelegram, LiveServer]]:
    fake = FakeTelegram(TOKEN)
    with LiveServer(fake.app) as server:
        yield fake, server


def _app_server(tmp_path, data_dir, real_knowledge_dir, shared, fake_url: str, **overrides) -> LiveServer:
    settings = make_settings(tmp_path / "var", data_dir, real_knowledge_dir, telegram_token=TOKEN,
                             telegram_base_url=fake_url, **overrides)
    return LiveServer(create_app(settings, make_services(settings, shared)))


def _start(fake) -> None:
    """/start, then wait until the bot's greeting has all arrived."""
    fake.send_text(CHAT, "/start")
    fake.wait_for(CHAT, 1)
    fake.wait_idle(CHAT)


def test_split_keeps_every_character_under_the_limit():
    paragraph = ("word " * 300).strip()
    body = "\n\n".join([paragraph] * 5) + "\n" + "x" * 5000
    parts = split_text(body)
    assert all(len(p) <= TELEGRAM_LIMIT for p in parts) and len(parts) >= 3
    assert "".join(parts).replace(" ", "").replace("\n", "") == body.replace(" ", "").replace("\n", "")


def test_render_puts_quick_replies_on_the_last_message_only():
    reply = AgentReply(conversation_id="tg-1", text="a" * 5000, language="en", expecting="language",
                       quick_replies=[QuickReply(label="English", value="en"), QuickReply(label="Français", value="fr")])
    messages = render(reply, "t0k3n")
    assert len(messages) >= 2 and all(m.keyboard is None for m in messages[:-1])
    data = [b.callback_data for row in messages[-1].keyboard.inline_keyboard for b in row]
    assert data == ["q:t0k3n:0", "q:t0k3n:1"]
    html = AgentReply(conversation_id="tg-1", text="<b>hi</b> & <script>", language="en", expecting="free")
    assert render(html, "x")[0].text == "<b>hi</b> & <script>"  # sent as plain text, no parse mode


def _cid(services) -> str:
    """The bot's (opaque) conversation for the fake person: user id = chat id."""
    return conversation_id(services.telegram_id_secret, CHAT)


def _answer(fake: FakeTelegram, services, user: ScriptedUser) -> None:
    cid = _cid(services)
    reply = services.transcripts.last(cid).reply
    text, index = user.answer(reply)
    last = fake.messages_to(CHAT)[-1]
    if index is not None and last.buttons:
        fake.tap(CHAT, last, last.buttons[index]["callback_data"])
    else:
        fake.send_text(CHAT, text)


def test_whole_conversation_by_polling(tmp_path, data_dir, real_knowledge_dir, shared_services, fake_telegram):
    fake, fake_server = fake_telegram
    with _app_server(tmp_path, data_dir, real_knowledge_dir, shared_services, fake_server.url) as app_server:
        services = app_server.app.state.services
        _start(fake)
        first = fake.messages_to(CHAT)[0]
        assert first.text and first.params.get("parse_mode") is None
        user = ScriptedUser()
        for _ in range(45):
            reply = services.transcripts.last(_cid(services)).reply
            if reply["finished"] or reply["expecting"] == "end":
                break
            before = len(fake.messages_to(CHAT))
            _answer(fake, services, user)
            fake.wait_for(CHAT, before + 1)
            fake.wait_idle(CHAT)
        else:
            raise AssertionError("the Telegram conversation did not end")
        sent = fake.messages_to(CHAT)
        assert any(s.buttons for s in sent), "quick replies should become inline keyboards"
        assert all(len(s.text) <= TELEGRAM_LIMIT for s in sent)
        assert "answerCallbackQuery" in fake.calls and "editMessageReplyMarkup" in fake.calls
        turns = services.transcripts.history(_cid(services))
        assert {t.channel for t in turns} == {"telegram"}
        profile = services.profiles.get(_cid(services))
        assert profile is not None and len(profile.confirmed_skills()) >= 3

        before = len(fake.messages_to(CHAT))
        fake.send_text(CHAT, "/profile")
        summary = fake.wait_for(CHAT, before + 1)[-1]
        assert profile.confirmed_skills()[0].label in summary.text

        before = len(fake.messages_to(CHAT))
        fake.send_text(CHAT, "/export")
        documents = [s for s in fake.wait_for(CHAT, before + 2)[before:] if s.method == "sendDocument"]
        files = {name: data for d in documents for name, data in d.files.items()}
        assert files["orient-profile.pdf"].startswith(b"%PDF")
        assert "@context" in json.loads(files["orient-profile.jsonld"])

        before = len(fake.messages_to(CHAT))
        fake.send_text(CHAT, "/forget")
        confirm = fake.wait_for(CHAT, before + 1)[-1]
        yes = next(b for b in confirm.buttons if b["callback_data"].startswith("f:y:"))
        fake.tap(CHAT, confirm, yes["callback_data"])
        fake.wait_for(CHAT, before + 2)
        assert services.profiles.get(_cid(services)) is None
        assert services.transcripts.count(_cid(services)) == 0
        assert all(v == 0 for v in services.privacy.remaining(_cid(services)).values())


def test_erase_asked_in_the_chat_erases_everything_and_says_the_chat_stays_on_the_phone(
        tmp_path, data_dir, real_knowledge_dir, shared_services, fake_telegram):
    fake, fake_server = fake_telegram
    with _app_server(tmp_path, data_dir, real_knowledge_dir, shared_services, fake_server.url) as app_server:
        services = app_server.app.state.services
        _start(fake)
        for text in ("en", "yes", "delete all my data"):  # the language, the consent, then the request
            before = len(fake.messages_to(CHAT))
            fake.send_text(CHAT, text)
            fake.wait_for(CHAT, before + 1)
            fake.wait_idle(CHAT)
        assert services.transcripts.last(_cid(services)).reply["expecting_context"] == {"about": "erase"}
        before = len(fake.messages_to(CHAT))
        fake.send_text(CHAT, "yes")
        after = fake.wait_for(CHAT, before + 2)[before:]
        assert any("stay on your phone" in s.text for s in after), "the turn that erased says the chat is the person's"
        assert services.transcripts.count(_cid(services)) == 0, "the erasing turn is not written back"
        assert all(v == 0 for v in services.privacy.remaining(_cid(services)).values())


def test_stale_buttons_and_oversized_messages(tmp_path, data_dir, real_knowledge_dir, shared_services, fake_telegram):
    fake, fake_server = fake_telegram
    with _app_server(tmp_path, data_dir, real_knowledge_dir, shared_services, fake_server.url,
                     max_message_chars=50) as app_server:
        services = app_server.app.state.services
        _start(fake)
        turns_before = services.transcripts.count(_cid(services))
        fake.tap(CHAT, fake.messages_to(CHAT)[-1], "q:0123456789abcdef:0")
        fake.wait_idle(CHAT)
        answers = [s for s in fake.sent if s.method == "answerCallbackQuery"]
        assert answers and "older message" in answers[-1].params.get("text", "")
        before = len(fake.messages_to(CHAT))
        fake.send_text(CHAT, "x" * 51)
        refusal = fake.wait_for(CHAT, before + 1)[-1]
        assert "too long" in refusal.text
        assert services.transcripts.count(_cid(services)) == turns_before


def test_webhook_checks_the_secret_token(tmp_path, data_dir, real_knowledge_dir, shared_services, fake_telegram):
    fake, fake_server = fake_telegram
    with _app_server(tmp_path, data_dir, real_knowledge_dir, shared_services, fake_server.url,
                     telegram_mode="webhook", telegram_webhook_secret="s3cret-Token_1",
                     telegram_webhook_url="https://orient.example/telegram/webhook") as app_server:
        assert fake.webhook["url"] == "https://orient.example/telegram/webhook"
        assert fake.webhook["secret_token"] == "s3cret-Token_1"
        update = {"update_id": 1, **fake.message_update(CHAT, "/start")}
        with httpx.Client(base_url=app_server.url, timeout=60) as http:
            missing = http.post("/telegram/webhook", json=update)
            assert missing.status_code == 403 and missing.json()["error"] == "bad_secret_token"
            wrong = http.post("/telegram/webhook", json=update, headers={"X-Telegram-Bot-Api-Secret-Token": "nope"})
            assert wrong.status_code == 403
            assert fake.messages_to(CHAT) == []
            ok = http.post("/telegram/webhook", json=update, headers={"X-Telegram-Bot-Api-Secret-Token": "s3cret-Token_1"})
            assert ok.status_code == 204
            assert fake.messages_to(CHAT) and fake.messages_to(CHAT)[0].text
            bad = http.post("/telegram/webhook", json={"hello": 1}, headers={"X-Telegram-Bot-Api-Secret-Token": "s3cret-Token_1"})
            assert bad.status_code == 422


def test_webhook_is_off_without_telegram(client: httpx.Client):
    response = client.post("/telegram/webhook", json={"update_id": 1})
    assert response.status_code == 404 and response.json()["error"] == "webhook_disabled"
