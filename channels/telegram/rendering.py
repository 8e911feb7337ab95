"""Turns an ``AgentReply`` into Telegram messages: plain text (no parse mode, so nothing a person
typed can become markup), cards as text blocks, quick replies as an inline keyboard on the last
message, and long texts split under Telegram's 4096-character limit."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel
from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from agent.reply import AgentReply, Card
from channels.telegram.texts import text

TELEGRAM_LIMIT = 4096


class Outgoing(BaseModel):
    model_config = {"arbitrary_types_allowed": True}

    text: str
    keyboard: InlineKeyboardMarkup | None = None


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


def _names(items: Any) -> str:
    names = [i if isinstance(i, str) else (i.get("label") or i.get("title") or "") for i in items or [] if i]
    return ", ".join(n for n in names if n)


def card_text(card: Card, lang: str) -> str:
    data = card.data or {}
    lines: list[str] = []
    if card.kind == "course":
        lines.append(f"📚 {text(lang, 'training')}: {card.title}")
        for key in ("provider", "duration", "location"):
            if data.get(key):
                lines.append(f"   {data[key]}")
        if data.get("explanation") or data.get("why"):
            lines.append(f"   {text(lang, 'why')}: {data.get('explanation') or data.get('why')}")
    elif card.kind == "job":
        lines.append(f"💼 {text(lang, 'job')}: {card.title}")
        if data.get("location"):
            lines.append(f"   {data['location']}")
    elif card.kind == "move":
        lines.append(f"🧭 {text(lang, 'move')}: {card.title}")
        why = data.get("why") or data.get("explanation") or data.get("reason")
        if why:
            lines.append(f"   {text(lang, 'why')}: {_localized(why, lang)}")
    elif card.kind == "notice":
        notice = data.get("notice", data)
        lines.append(f"🔒 {text(lang, 'notice')}: {card.title}")
        why = _localized(notice.get("why") or notice.get("text"), lang)
        if why:
            lines.append(f"   {why}")
        if notice.get("data_categories"):
            lines.append(f"   {text(lang, 'data')}: {_names(notice['data_categories'])}")
        if notice.get("retention_days"):
            lines.append(f"   {text(lang, 'retention', d=notice['retention_days'])}")
    elif card.kind == "receipt":
        lines.append(f"🧾 {text(lang, 'receipt')}: {card.title}")
    elif card.kind == "skill":
        evidence = data.get("evidence")
        if isinstance(evidence, list):
            evidence = "; ".join(e.get("text", "") if isinstance(e, dict) else str(e) for e in evidence[:2])
        lines.append(f"• {card.title}" + (f" — “{evidence}”" if evidence else ""))
    elif card.kind in ("profile", "gap", "export"):
        lines.append(f"▪ {card.title}")
    else:
        lines.append(f"▪ {card.title}")
    url = data.get("url")
    if isinstance(url, str) and url.startswith(("https://", "http://")):
        lines.append(f"   {text(lang, 'link')}: {url}")
    return "\n".join(lines)


def keyboard(reply: AgentReply, seq: int) -> InlineKeyboardMarkup | None:
    """One button per quick reply; callback data ``qr:<turn seq>:<index>`` (values can exceed 64 bytes)."""
    if not reply.quick_replies:
        return None
    buttons = [InlineKeyboardButton(qr.label[:60], callback_data=f"qr:{seq}:{i}") for i, qr in enumerate(reply.quick_replies)]
    short = all(len(qr.label) <= 14 for qr in reply.quick_replies)
    width = 3 if short else 1
    rows = [buttons[i : i + width] for i in range(0, len(buttons), width)]
    return InlineKeyboardMarkup(rows)


def render(reply: AgentReply, seq: int) -> list[Outgoing]:
    blocks = [reply.text.strip()] + [card_text(card, reply.language) for card in reply.cards]
    body = "\n\n".join(b for b in blocks if b)
    chunks = split_text(body)
    messages = [Outgoing(text=chunk) for chunk in chunks]
    messages[-1].keyboard = keyboard(reply, seq)
    return messages
