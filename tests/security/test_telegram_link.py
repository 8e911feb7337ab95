"""Attack: guess a Telegram person's conversation id (``tg-<chat id>`` once) and read it over REST.
Played through the real bot (webhook mode, the local fake Bot API): the conversation is bound to
the Telegram user, its id is opaque, and it opens over REST only with the code /link gives."""

from __future__ import annotations

import re
import time

import httpx
from security_app import WEBHOOK_SECRET, LiveApp, app_factory, shared_tiny  # noqa: F401  (fixtures)

from channels.telegram.bot import conversation_id

TOKEN = "654321:LINK-test"
USER = 777001
GROUP = -100777


def _message(fake, chat: dict, text: str) -> dict:
    update = fake.message_update(USER, text)
    update["message"]["chat"] = chat
    return update


def _post(http: httpx.Client, fake, update: dict) -> None:
    response = http.post("/telegram/webhook", json=fake.update(update),
                         headers={"X-Telegram-Bot-Api-Secret-Token": WEBHOOK_SECRET})
    assert response.status_code == 204, response.text


def test_a_telegram_conversation_is_the_users_and_opens_over_rest_only_with_link(app_factory):  # noqa: F811
    from fake_bot_api import FakeTelegram

    fake = FakeTelegram(TOKEN)
    bot_api = LiveApp(fake.app).start()
    try:
        live = app_factory(telegram_token=TOKEN, telegram_base_url=bot_api.url, telegram_mode="webhook",
                           telegram_webhook_secret=WEBHOOK_SECRET)
        services = live.services
        cid = conversation_id(services.telegram_id_secret, USER)
        assert cid != f"tg-{USER}" and str(USER) not in cid
        with httpx.Client(base_url=live.url, timeout=60) as http:
            _post(http, fake, fake.message_update(USER, "/start"))
            fake.wait_for(USER, 1)
            # the same person writing from a group: the same conversation (bound to the user, not the chat)
            _post(http, fake, _message(fake, {"id": GROUP, "type": "group", "title": "family"}, "I was a cashier"))
            fake.wait_for(GROUP, 1)
            deadline = time.monotonic() + 30
            while services.transcripts.count(cid) < 2 and time.monotonic() < deadline:
                time.sleep(0.1)
            assert services.transcripts.count(cid) == 2
            assert not services.transcripts.exists(f"tg-{USER}") and not services.transcripts.exists(f"tg-{GROUP}")

            for guess in (f"tg-{USER}", f"tg-{GROUP}", cid):
                assert http.get(f"/api/conversations/{guess}").status_code == 401
                assert http.get(f"/api/conversations/{guess}/privacy/export").status_code == 401

            before = len(fake.messages_to(USER))
            _post(http, fake, fake.message_update(USER, "/link"))
            answer = fake.wait_for(USER, before + 1)[-1].text
            code = re.search(r"\b[0-9A-Z]{4}(?:-[0-9A-Z]{4}){4}\b", answer)
            assert code, answer
            resumed = http.post("/api/resume", json={"code": code.group(0)})
            assert resumed.status_code == 200, resumed.text
            assert resumed.json()["conversation_id"] == cid
            state = http.get(f"/api/conversations/{cid}", headers={"Authorization": f"Bearer {resumed.json()['token']}"})
            assert state.status_code == 200
            assert [t["user_text"] for t in state.json()["turns"]][-1] == "I was a cashier"
            # a second /link replaces the code: the first one no longer opens anything
            _post(http, fake, fake.message_update(USER, "/link"))
            fake.wait_for(USER, before + 2)
            assert http.post("/api/resume", json={"code": code.group(0)}).status_code == 401
    finally:
        bot_api.stop()
