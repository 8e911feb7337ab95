"""Turns an ``AgentReply`` into Telegram messages: plain text (no parse mode, so nothing a person
typed can become markup), short messages (a list is sent once, and a long turn is cut into messages
of at most ``MESSAGE_TARGET`` characters at line boundaries), and quick replies as an inline keyboard
on the last message, a few buttons a row and never taller than a phone screen.

Every button's callback data is ``q:<token>:<index>``: the token binds it to the conversation and
to the question it answers (see ``question_token``), so a stale or foreign button never acts."""

from __future__ import annotations

import hashlib
import hmac
from typing import Any

from pydantic import BaseModel
from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from agent.messages import label_of
from agent.reply import AgentReply, Card
from channels.telegram.texts import text

TELEGRAM_LIMIT = 4096
MESSAGE_TARGET = 1000  # a message a person reads on a phone without scrolling back
MAX_ROWS = 7  # a keyboard no taller than a phone screen
MAX_BUTTONS = 21


class Outgoing(BaseModel):
    """One message: a text (with the question's keyboard on the last one), or a document with a caption."""

    model_config = {"arbitrary_types_allowed": True}

    text: str = ""
    keyboard: InlineKeyboardMarkup | None = None
    document: bytes | None = None
    filename: str = ""
    caption: str = ""


class Attachment(BaseModel):
    """A file that goes with a turn, sent right after the paragraph that names ``anchor``."""

    filename: str
    content: bytes
    caption: str
    anchor: str = ""


def question_token(secret: str, conversation_id: str, seq: int, asked_at: str) -> str:
    """A short keyed digest of the conversation, the turn number and the moment the question was
    asked: it differs between conversations and between questions, and a question asked after
    /forget (the numbering starts again) gets a new one."""
    message = f"{conversation_id}\x1f{seq}\x1f{asked_at}".encode()
    return hmac.new(secret.encode() or b"orient", message, hashlib.sha256).hexdigest()[:16]


def split_text(body: str, limit: int = TELEGRAM_LIMIT) -> list[str]:
    """Split at paragraph, then line, then word boundaries; hard-cut only a single over-long word."""
    body = body.strip() or "…"
    parts: list[str] = []
    while len(body) > limit:
        cut = -1
        for separator in ("\n\n", "\n", " "):
            cut = body.rfind(separator, 0, limit + 1)
            if cut > limit // 4:
                break
        if cut <= 0:
            cut = limit
        parts.append(body[:cut].rstrip())
        body = body[cut:].lstrip()
    parts.append(body)
    return [p for p in parts if p]


def _localized(value: Any, lang: str) -> str:
    if isinstance(value, dict):
        return str(value.get(lang) or value.get("en") or next(iter(value.values()), ""))
    return "" if value is None else str(value)


def _names(items: Any, lang: str) -> str:
    names = [label_of("category_", i, lang) if isinstance(i, str) else str(i.get("label") or i.get("title") or "")
             for i in items or [] if i]
    return ", ".join(n for n in names if n)


def _url(data: dict[str, Any]) -> str | None:
    url = data.get("url")
    return url if isinstance(url, str) and url.startswith(("https://", "http://")) else None


def card_text(card: Card, lang: str) -> str:
    data = card.data or {}
    lines: list[str] = []
    if card.kind == "course":
        lines.append(f"📚 {card.title}")
        details = [str(data[k]) for k in ("provider", "duration", "location") if data.get(k)]
        if details:
            lines.append("   " + " · ".join(details))
    elif card.kind == "job":
        lines.append(f"💼 {card.title}" + (f" ({data['location']})" if data.get("location") else ""))
    elif card.kind == "move":
        lines.append(f"🧭 {card.title}")
        why = data.get("why") or data.get("explanation") or data.get("reason")
        if why:
            lines.append(f"   {_localized(why, lang)}")
    elif card.kind == "notice":
        notice = data.get("notice", data)
        lines.append(f"🔒 {text(lang, 'notice')}: {card.title}")
        why = _localized(notice.get("why") or notice.get("text"), lang)
        if why:
            lines.append(f"   {why}")
        if notice.get("data_categories"):
            lines.append(f"   {text(lang, 'data')}: {_names(notice['data_categories'], lang)}")
    elif card.kind == "receipt":
        lines.append(f"🧾 {text(lang, 'receipt')}: {card.title}")
    elif card.kind == "skill":
        lines.append(f"• {card.title}")
    else:
        lines.append(f"▪ {card.title}")
    url = _url(data)
    if url:
        lines.append(f"   🔗 {url}")
    return "\n".join(lines)


def _shown_in_text(card: Card, body: str) -> bool:
    return bool(card.title) and card.title in body


def body_text(reply: AgentReply) -> str:
    """The reply's text and the cards it does not already say, each list once: a card whose title is
    in the text adds only its link (on the line that names it); receipts and exports travel as files."""
    lines = reply.text.strip().split("\n")
    extra: list[str] = []
    for card in reply.cards:
        if card.kind in ("receipt", "export", "profile", "gap"):
            continue  # files (receipt, export) and pictures (profile, gap) are not text
        if _shown_in_text(card, reply.text):
            url = _url(card.data or {})
            if url:
                at = next((i for i, line in enumerate(lines) if card.title in line), None)
                if at is not None:
                    lines.insert(at + 1, f"   🔗 {url}")
            continue
        extra.append(card_text(card, reply.language))
    return "\n\n".join(b for b in ["\n".join(lines).strip(), *extra] if b)


def concise(body: str, target: int = MESSAGE_TARGET) -> list[str]:
    """Cut a turn into messages of at most ``target`` characters, at paragraph then line boundaries
    (a list item and its link stay together)."""
    messages: list[str] = []
    current = ""
    for paragraph in [p for p in body.split("\n\n") if p.strip()]:
        candidate = f"{current}\n\n{paragraph}" if current else paragraph
        if len(candidate) <= target:
            current = candidate
            continue
        if current:
            messages.append(current)
            current = ""
        if len(paragraph) <= target:
            current = paragraph
            continue
        for line in _items(paragraph):
            candidate = f"{current}\n{line}" if current else line
            if len(candidate) <= target:
                current = candidate
            else:
                if current:
                    messages.append(current)
                current = line if len(line) <= target else ""
                if len(line) > target:
                    messages.extend(split_text(line, target))
    if current:
        messages.append(current)
    return messages or ["…"]


def _items(paragraph: str) -> list[str]:
    """Lines, with a link line kept under the item it belongs to."""
    items: list[str] = []
    for line in paragraph.split("\n"):
        if line.strip().startswith("🔗") and items:
            items[-1] += "\n" + line
        else:
            items.append(line)
    return items


def _short(label: str, limit: int) -> str:
    label = " ".join(label.split())
    return label if len(label) <= limit else label[: limit - 1].rstrip() + "…"


def keyboard(reply: AgentReply, token: str) -> InlineKeyboardMarkup | None:
    """The quick replies as buttons, callback data ``q:<token>:<index>``; three short buttons a row,
    otherwise two with labels cut to fit, and at most ``MAX_ROWS`` rows (labels cut shorter and
    three a row when there are many)."""
    quick = reply.quick_replies[:MAX_BUTTONS]
    if not quick:
        return None
    longest = max(len(q.label) for q in quick)
    if longest <= 12:
        width, limit = 3, 12
    elif len(quick) <= 2 and longest <= 28:
        width, limit = 1, 40
    else:
        width, limit = 2, 22
    if -(-len(quick) // width) > MAX_ROWS:
        width, limit = 3, 13
    buttons = [InlineKeyboardButton(_short(q.label, limit), callback_data=f"q:{token}:{i}") for i, q in enumerate(quick)]
    rows = [buttons[i : i + width] for i in range(0, len(buttons), width)]
    return InlineKeyboardMarkup(rows)


def render(reply: AgentReply, token: str, files: list[Attachment] | None = None) -> list[Outgoing]:
    """The turn's messages in reading order: text, each file right after the paragraph that names it
    (a receipt after "Done: shared with ..."), then the rest; the keyboard on the last text."""
    paragraphs = [p for p in body_text(reply).split("\n\n") if p.strip()] or ["…"]
    after: dict[int, list[Attachment]] = {}
    for attachment in files or []:
        # after the paragraph naming it; else after the first (a turn's news comes before its question)
        at = next((i for i, p in enumerate(paragraphs) if attachment.anchor and attachment.anchor in p),
                  0 if len(paragraphs) > 1 else len(paragraphs) - 1)
        after.setdefault(at, []).append(attachment)
    messages: list[Outgoing] = []
    start = 0
    for cut in sorted(after):
        messages += [Outgoing(text=c) for c in concise("\n\n".join(paragraphs[start : cut + 1]))]
        messages += [Outgoing(document=a.content, filename=a.filename, caption=a.caption) for a in after[cut]]
        start = cut + 1
    if start < len(paragraphs):
        messages += [Outgoing(text=c) for c in concise("\n\n".join(paragraphs[start:]))]
    texts = [m for m in messages if m.document is None]
    if texts:
        texts[-1].keyboard = keyboard(reply, token)
    return messages
