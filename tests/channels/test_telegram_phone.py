"""Telegram as a person on a phone meets it: short messages, each list once, keyboards a few buttons
wide and never taller than the screen, buttons bound to their question (a stale one from before
/forget never acts), the greeting in Telegram's language, the command menu, receipts as a readable
page right after the message that announces them, edits read as corrections; a whole conversation
in French and in English against the fake Bot API."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from channel_server import LiveServer, make_services, make_settings
from channel_user import ScriptedUser
from fake_bot_api import FakeTelegram, Sent

from agent.language_leaks import elision_errors, english_words
from agent.reply import AgentReply, Card, QuickReply
from channels.app import create_app
from channels.telegram.bot import attachments, conversation_id
from channels.telegram.rendering import MAX_ROWS, MESSAGE_TARGET, question_token, render

TOKEN = "123456:TEST-token"
SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"


def _rows(sent: Sent) -> list[list[dict]]:
    import json

    markup = sent.params.get("reply_markup")
    markup = json.loads(markup) if isinstance(markup, str) else markup
    return (markup or {}).get("inline_keyboard", [])


# -- rendering ---------------------------------------------------------------------------------------
def test_a_long_list_of_options_stays_a_small_keyboard():
    labels = ["✅ Keep all", "❌ None of these"] + [f"✗ {name}" for name in (
        "direct inward dialing and other telephone switchboard operations", "manage cash desk", "assist customers",
        "rotate stock", "train employees", "operate cash register", "process payments", "close the till",
        "coach young football players", "organise sport events")]
    reply = AgentReply(conversation_id="tg-1", text="Skills:\n" + "\n".join(f"{i}. {l}" for i, l in enumerate(labels)),
                       language="en", expecting="skill_confirmation",
                       quick_replies=[QuickReply(label=l, value=l) for l in labels])
    keyboard = render(reply, "abc")[-1].keyboard
    rows = keyboard.inline_keyboard
    assert len(rows) <= MAX_ROWS and all(len(row) <= 3 for row in rows)
    assert sum(len(row) for row in rows) == len(labels), "every option keeps its button"
    assert all(len(b.text) <= 22 for row in rows for b in row), "long labels are cut to fit a phone"
    assert all(len(b.callback_data.encode()) <= 64 for row in rows for b in row)


def test_plan_is_cut_into_short_messages_and_lists_are_sent_once():
    trainings = [f"Training number {i} on a long subject" for i in range(8)]
    lines = ["Good choice: shop manager. You already have 3/9 of its core skills.",
             "To get there, the skills to build are: " + ", ".join(f"skill {i}" for i in range(6)) + ".",
             "Trainings that close part of this gap:"]
    lines += [f"• {t} (Provider) — Covers 2 skill(s) of your gap: " + "x" * 120 for t in trainings]
    reply = AgentReply(conversation_id="tg-1", text="\n".join(lines), language="en", expecting="free",
                       cards=[Card(kind="course", title=t, data={"url": f"https://example.org/{i}", "provider": "P"})
                              for i, t in enumerate(trainings)],
                       quick_replies=[QuickReply(label="Continue", value="continue")])
    messages = render(reply, "t")
    assert len(messages) >= 2 and all(len(m.text) <= MESSAGE_TARGET for m in messages)
    whole = "\n".join(m.text for m in messages)
    for i, title in enumerate(trainings):
        assert whole.count(title) == 1, "each training appears once (no text list plus a card list)"
        assert f"https://example.org/{i}" in whole, "its link stays"
    assert messages[-1].keyboard is not None and all(m.keyboard is None for m in messages[:-1])


def test_a_receipt_comes_as_a_readable_page_right_after_the_message_that_announces_it():
    receipt = {"recipient": {"name": "Demo Coach", "demo": True}, "consent_status": "granted",
               "pii_categories": ["profile", "plan"], "proof": {"verification_method": "k1", "signature": "s--x"}}
    reply = AgentReply(conversation_id="tg-1", language="fr", expecting="share_consent",
                       text="C'est fait : partagé avec Demo Coach. Voici votre reçu signé.\n\n"
                            "Voulez-vous partager votre profil avec cet employeur ? (oui / non)",
                       cards=[Card(kind="receipt", title="Reçu de consentement : Demo Coach",
                                   data={"receipt": receipt, "consent_id": "c1"})],
                       quick_replies=[QuickReply(label="Oui", value="oui"), QuickReply(label="Non", value="non")])
    messages = render(reply, "t", attachments(reply))
    assert [("doc" if m.document else "text") for m in messages] == ["text", "doc", "text"]
    assert "partagé avec Demo Coach" in messages[0].text and messages[2].keyboard is not None
    page = messages[1].document.decode()
    assert messages[1].filename.endswith(".html") and "Reçu de consentement" in page and "vérifier" in page
    assert "votre profil" in page and "profile," not in page
    assert "Demo Coach" in messages[1].caption and "signature" in messages[1].caption


def test_a_question_token_belongs_to_one_conversation_and_one_question():
    first = question_token("secret", "tg-1", 3, "2026-01-01T10:00:00")
    assert first == question_token("secret", "tg-1", 3, "2026-01-01T10:00:00")
    assert first != question_token("secret", "tg-2", 3, "2026-01-01T10:00:00"), "another chat"
    assert first != question_token("secret", "tg-1", 4, "2026-01-01T10:00:00"), "another question"
    assert first != question_token("secret", "tg-1", 3, "2026-01-01T10:05:00"), "the same number after /forget"
    assert first != question_token("other", "tg-1", 3, "2026-01-01T10:00:00"), "another bot"


# -- a whole conversation against the fake Bot API -----------------------------------------------------
@pytest.fixture
def bot(request, tmp_path, data_dir, real_knowledge_dir, shared_services) -> Iterator[tuple[FakeTelegram, object]]:
    fake = FakeTelegram(TOKEN, language_code=request.param)
    with LiveServer(fake.app) as fake_server:
        settings = make_settings(tmp_path / "var", data_dir, real_knowledge_dir, telegram_token=TOKEN,
                                 telegram_base_url=fake_server.url)
        with LiveServer(create_app(settings, make_services(settings, shared_services))) as app_server:
            yield fake, app_server.app.state.services


FRENCH_PERSON = dict(
    language="fr",
    experiences=["J'ai travaillé deux ans comme caissière dans un supermarché : j'encaissais les clients, je fermais "
                 "la caisse le soir et j'aidais les clients à trouver les produits.",
                 "Le week-end, j'entraîne l'équipe de football des moins de 12 ans de mon club."],
    details=["J'ai aussi formé les nouvelles caissières et fait la rotation des stocks au rayon frais."],
)


def _cid(services, chat: int) -> str:
    """The bot's conversation for the fake person whose user id is the chat id (an opaque id)."""
    return conversation_id(services.telegram_id_secret, chat)


def _check_message(sent: Sent) -> None:
    if sent.method == "sendMessage":
        assert len(sent.text) <= MESSAGE_TARGET, f"message of {len(sent.text)} characters"
    rows = _rows(sent)
    assert len(rows) <= MAX_ROWS and all(len(row) <= 3 for row in rows), "keyboard too tall or too wide"


def _talk_to_the_end(fake: FakeTelegram, services, chat: int, user: ScriptedUser) -> None:
    fake.send_text(chat, "/start")
    fake.wait_for(chat, 2)
    fake.wait_idle(chat)
    for _ in range(50):
        reply = services.transcripts.last(_cid(services, chat)).reply
        if reply["finished"] or reply["expecting"] == "end":
            return
        text, index = user.answer(reply)
        with_buttons = [s for s in fake.messages_to(chat) if s.buttons]
        before = len(fake.messages_to(chat))
        if index is not None and with_buttons:
            fake.tap(chat, with_buttons[-1], with_buttons[-1].buttons[index]["callback_data"])
        else:
            fake.send_text(chat, text)
        fake.wait_for(chat, before + 1)
        fake.wait_idle(chat)
    raise AssertionError("the Telegram conversation did not end")


@pytest.mark.parametrize("bot", ["fr", "en"], indirect=True)
def test_a_whole_conversation_in_the_persons_language(bot):
    fake, services = bot
    lang = fake.language_code
    chat = 5100 if lang == "fr" else 5200
    user = ScriptedUser(**{k: (list(v) if isinstance(v, list) else v) for k, v in FRENCH_PERSON.items()}) if lang == "fr" else ScriptedUser()
    _talk_to_the_end(fake, services, chat, user)
    sent = fake.messages_to(chat)
    _keep_transcript(sent, f"telegram-{lang}")
    greeting = [s for s in sent if s.method == "sendMessage"][:2]
    assert ("/profile" in greeting[0].text and "/forget" in greeting[0].text), "the commands are told at the start"
    assert ("Bonjour" in greeting[1].text) == (lang == "fr"), "greeted in Telegram's language"
    for message in sent:
        _check_message(message)
    assert fake.commands.get("fr") and fake.commands.get("en"), "a command menu in each language"
    assert {c["command"] for c in fake.commands["fr"]} >= {"profile", "export", "forget"}
    if lang == "fr":
        names = _data_names(services, chat)
        for message in sent:
            if message.method == "sendMessage":
                body = re.sub(r"/\w+", " ", message.text)  # the commands keep their names
                assert not english_words(body, names), (english_words(body, names), message.text[:300])
                assert not elision_errors(body, names), (elision_errors(body, names), message.text[:300])
    documents = [s for s in sent if s.method == "sendDocument"]
    receipts = [d for d in documents if any(n.startswith("consent-receipt") for n in d.files)]
    assert receipts and all(name.endswith(".html") for d in receipts for name in d.files)
    index = sent.index(receipts[0])
    assert sent[index - 1].method == "sendMessage" and not _rows(sent[index - 1]), \
        "the receipt follows the message that gives it, not the next question"

    # /profile, /export and /forget answer in the person's language
    before = len(fake.messages_to(chat))
    fake.send_text(chat, "/profile")
    summary = fake.wait_for(chat, before + 1)[-1]
    assert ("Votre profil de compétences" if lang == "fr" else "Your skills profile") in summary.text
    before = len(fake.messages_to(chat))
    fake.send_text(chat, "/export")
    exported = fake.wait_for(chat, before + 2)[before:]
    assert all(("Votre profil" if lang == "fr" else "Your profile") in d.params.get("caption", "") for d in exported)
    stale = [s for s in sent if s.buttons][-1]
    before = len(fake.messages_to(chat))
    fake.send_text(chat, "/forget")
    confirm = fake.wait_for(chat, before + 1)[-1]
    assert ("Effacer" if lang == "fr" else "Erase") in confirm.text
    fake.tap(chat, confirm, next(b["callback_data"] for b in confirm.buttons if b["callback_data"].startswith("f:y:")))
    after_forget = fake.wait_for(chat, before + 3)[before + 1:]
    assert services.profiles.get(_cid(services, chat)) is None
    assert any(("téléphone" if lang == "fr" else "phone") in s.text for s in after_forget), \
        "the bot says the chat history on the phone is the person's to clear"

    # a new conversation; a button from before /forget never acts in it
    fake.send_text(chat, "/start")
    fake.wait_for(chat, len(fake.messages_to(chat)) + 1)
    fake.wait_idle(chat)
    turns = services.transcripts.count(_cid(services, chat))
    for button in stale.buttons:
        fake.tap(chat, stale, button["callback_data"])
    fake.wait_idle(chat)
    assert services.transcripts.count(_cid(services, chat)) == turns, "a stale button acted in the new conversation"
    refused = [s for s in fake.sent if s.method == "answerCallbackQuery"][-1]
    assert refused.params.get("text")


def _keep_transcript(sent: list[Sent], name: str) -> None:
    """What the person saw, as a test artefact (var/screenshots/<name>.txt): each message, its
    keyboard as rows of buttons, each document with its caption."""
    lines = []
    for s in sent:
        if s.method == "sendDocument":
            lines.append(f"[document {', '.join(s.files)}] {s.params.get('caption', '')}")
        else:
            lines.append(s.text)
        for row in _rows(s):
            lines.append("   " + " | ".join(f"[{b['text']}]" for b in row))
        lines.append("-" * 40)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    (SCREENSHOTS / f"{name}.txt").write_text("\n".join(lines), encoding="utf-8")


def _data_names(services, chat: int) -> list[str]:
    """Names that are data, not the bot's words: the titles, providers and places of every card the
    conversation showed (a catalog's English course title is not a leak)."""
    names = []
    for turn in services.transcripts.history(_cid(services, chat)):
        for card in turn.reply.get("cards") or []:
            names.append(str(card.get("title") or ""))
            data = card.get("data") or {}
            names += [str(data.get(k) or "") for k in ("provider", "employer", "location")]
    return [n for n in names if n]


@pytest.mark.parametrize("bot", ["en"], indirect=True)
def test_removing_a_skill_edits_the_list_in_place_and_an_edit_is_a_correction(bot):
    fake, services = bot
    chat = 5300
    fake.send_text(chat, "/start")
    fake.wait_for(chat, 2)
    fake.wait_idle(chat)
    user = ScriptedUser()
    for _ in range(12):
        reply = services.transcripts.last(_cid(services, chat)).reply
        if reply["expecting"] == "skill_confirmation":
            break
        text, index = user.answer(reply)
        before = len(fake.messages_to(chat))
        with_buttons = [s for s in fake.messages_to(chat) if s.buttons]
        if index is not None and with_buttons:
            fake.tap(chat, with_buttons[-1], with_buttons[-1].buttons[index]["callback_data"])
        else:
            fake.send_text(chat, text)
        fake.wait_for(chat, before + 1)
        fake.wait_idle(chat)
    else:
        raise AssertionError("no skills were proposed")
    listing = [s for s in fake.messages_to(chat) if s.buttons][-1]
    remove = next(b for b in listing.buttons if b["text"].startswith("✗"))
    before = len(fake.messages_to(chat))
    fake.tap(chat, listing, remove["callback_data"])
    fake.wait_idle(chat)
    assert "editMessageText" in fake.calls, "the list is edited in place"
    assert len(fake.messages_to(chat)) == before, "the list is not sent again"
    assert remove["callback_data"] not in [b["callback_data"] for b in listing.buttons]
    assert len(listing.buttons) >= 2

    # a stale copy of the old button does nothing
    turns = services.transcripts.count(_cid(services, chat))
    fake.tap(chat, listing, remove["callback_data"])
    fake.wait_idle(chat)
    assert services.transcripts.count(_cid(services, chat)) == turns

    # an edited message is a new turn (a correction), not the replay of the first answer
    first = fake.send_text(chat, "I worked 2 years as a cashier")
    fake.wait_for(chat, before + 1)
    fake.wait_idle(chat)
    turns = services.transcripts.count(_cid(services, chat))
    before = len(fake.messages_to(chat))
    fake.edit_text(chat, first, "I worked 3 years as a cashier")
    fake.wait_for(chat, before + 1)
    fake.wait_idle(chat)
    assert services.transcripts.count(_cid(services, chat)) == turns + 1
    assert services.transcripts.last(_cid(services, chat)).user_text.startswith("correction:")
