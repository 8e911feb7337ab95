"""A recipient's privacy notice in plain words, and answers to the questions people ask about it at a
consent step ("who sees it?", "how long?", "ok mais qui va voir mes données ?"): who receives,
which data, why, for how long, how to withdraw, whether it is a real organisation, how to reach
them. Every sentence comes from the message catalogue, in the person's language.

The recipient is the dict the sharing step keeps in ``share_current`` (:func:`recipient_facts`).
"""

from __future__ import annotations

import re
from enum import StrEnum

from agent.language import normalise
from agent.messages import MESSAGES, categories_text, duration_text, say
from agent.state import ShareQuestion
from tools.consent.models import Notice, Recipient

_DEMO_PREFIX = re.compile(r"^\s*(demo|d[ée]mo)\s*:\s*", re.IGNORECASE)
_TU = [("votre profil", "ton profil"), ("vos expériences", "tes expériences"), ("vos compétences", "tes compétences"),
       ("vos centres d'intérêt", "tes centres d'intérêt"), ("vos préférences", "tes préférences"),
       ("votre projet", "ton projet"), ("votre région", "ta région"), ("vos preuves", "tes preuves"),
       ("votre plan", "ton plan"), ("vos manques", "tes manques"), ("votre candidature", "ta candidature"),
       ("vos séances", "tes séances"), ("vous recontacter", "te recontacter"), ("vous aide", "t'aide"),
       ("vous proposer", "te proposer"), ("votre ", "ton "), ("vos ", "tes ")]


class NoticeTopic(StrEnum):
    who = "who"
    what = "what"
    why = "why"
    how_long = "how_long"
    withdraw = "withdraw"
    real = "real"
    contact = "contact"


_TOPICS: list[tuple[NoticeTopic, re.Pattern[str]]] = [
    (NoticeTopic.real, re.compile(r"\b(real|really exist|fake|demo|vrai|vraie|existe|reel|reelle|bidon|arnaque|scam|"
                                  r"humain|human|person|personne reelle|robot)\b")),
    (NoticeTopic.who, re.compile(r"\b(who|whom|qui|which (organisation|organization|company|person|people)|"
                                 r"quel(le)?s? (organisme|entreprise|personne|societe|structure)|c'?est qui|"
                                 r"what is (this|that|the) (coach|counsellor|counselor|employer|provider|company)|"
                                 r"c'?est quoi (ce|cet|cette) )")),
    (NoticeTopic.what, re.compile(r"\b(see|sees|seen|look at|read|reads|receive|receives|get|gets|access|voi[rt]|voient|"
                                  r"verr(a|ont)|lir[ea]|lisent|recoi\w*|recev\w*|acces|"
                                  r"(what|which|quell?e?s?|quoi) (data|donnees|infos?|information|informations)|"
                                  r"my (data|profile|info)|mes (donnees|infos?|informations)|mon profil|"
                                  r"what (exactly|do they|will they|would they)|quoi exactement)\b")),
    (NoticeTopic.why, re.compile(r"\b(why|what for|purpose|pourquoi|pour quoi faire|a quoi (ca|cela) (sert|servira)|"
                                 r"dans quel but|le but|quel but|for what|what do they do with|qu'?est[- ]ce qu'?ils en font|"
                                 r"ils en font quoi|what will they do|ca sert a quoi|use it for|utiliser? pour)\b")),
    (NoticeTopic.how_long, re.compile(r"\b(how long|combien de temps|duree|jusqu'?a quand|until when|for how long|"
                                      r"keep|kept|gard\w*|conserv\w*|expire\w*|retention|delete[ds]?|supprim\w*|"
                                      r"efface\w*|forever|toujours|pour toujours|how many (days|months))\b")),
    (NoticeTopic.withdraw, re.compile(r"\b(withdraw|revoke|cancel|take (it )?back|change my mind|undo|stop|"
                                      r"retir\w*|revoqu\w*|annul\w*|changer d'?avis|change d'?avis|arreter|arrete)\b")),
    (NoticeTopic.contact, re.compile(r"\b(contact|reach|email|e-mail|mail|address|adresse|joindre|telephone|phone|"
                                     r"where are they|ou sont[- ]ils|ou vont|where does it go|ou ca va)\b")),
]


def notice_topics(text: str | None) -> list[NoticeTopic]:
    """The parts of the notice a question is about (in notice order); empty when none is named."""
    t = normalise(text or "")
    if not t:
        return []
    found = {topic for topic, pattern in _TOPICS if pattern.search(t)}
    return [topic for topic in NoticeTopic if topic in found]


def recipient_facts(kind: str, recipient: Recipient, notice: Notice) -> ShareQuestion:
    """What the sharing step keeps about the recipient it asks about (JSON-safe, checkpointed)."""
    return {
        "kind": kind,
        "recipient_id": recipient.id,
        "name": recipient.name,
        "demo": recipient.demo,
        "description": dict(recipient.description or {}),
        "notice_id": notice.id,
        "purpose": notice.purpose,
        "why": dict(notice.why),
        "categories": [str(c) for c in notice.data_categories if str(c) != "transcript"],
        "retention_days": notice.retention_days,
        "consent_duration_days": notice.consent_duration_days,
        "controller": notice.controller.model_dump(mode="json"),
    }


def display_name(name: str, kind: str, demo: bool, lang: str) -> str:
    """How a recipient is named to the person: a demo recipient by its name in their language
    (marked once as a demo), any other by its registered name."""
    key = f"demo_name_{kind}"
    return say(key, lang) if demo and key in MESSAGES else name


def name_of(current: ShareQuestion, lang: str) -> str:
    return display_name(current["name"], current["kind"], bool(current.get("demo")), lang)


def days_text(days: int, lang: str) -> str:
    """180 -> "6 months", 365 -> "1 year", 10 -> "10 days"."""
    if days >= 360 and days % 365 in (0, 1, 364):
        return duration_text(12 * round(days / 365), lang)
    if days >= 28:
        return duration_text(max(1, round(days / 30)), lang)
    return say("notice_days", lang, n=days)


def why_text(current: ShareQuestion, lang: str, persona: str | None = None) -> str:
    why = current["why"].get(lang) or current["why"].get("en", "")
    why = _DEMO_PREFIX.sub("", why).strip()
    why = why[:1].upper() + why[1:]
    return _in_register(why, lang, persona)


def _categories(current: ShareQuestion, lang: str, persona: str | None) -> str:
    return _in_register(categories_text(current["categories"], lang), lang, persona)


def _description(current: ShareQuestion, lang: str, persona: str | None) -> str:
    text = (current.get("description") or {}).get(lang) or (current.get("description") or {}).get("en", "")
    return _in_register(text, lang, persona)


def _in_register(text: str, lang: str, persona: str | None) -> str:
    """A notice's own words (written with "vous") said to a pupil ("tu")."""
    if lang != "fr" or persona != "high_school":
        return text
    for vous, tu in _TU:
        text = text.replace(vous, tu)
    return text


def plain_notice(current: ShareQuestion, lang: str, persona: str | None = None) -> str:
    """The notice in plain words: who, why, what they see and for how long, how to withdraw."""
    key = "notice_plain_tu" if lang == "fr" and persona == "high_school" else "notice_plain"
    return say(key, lang, name=name_of(current, lang), why=why_text(current, lang, persona),
               categories=_categories(current, lang, persona),
               duration=days_text(current["consent_duration_days"], lang),
               retention=days_text(current["retention_days"], lang))


MAIN_TOPICS = [NoticeTopic.who, NoticeTopic.what, NoticeTopic.why, NoticeTopic.how_long, NoticeTopic.withdraw]


def topics_asked(question: str | None) -> list[NoticeTopic]:
    """The parts of the notice a question is about; the main ones when it names none."""
    return notice_topics(question) or list(MAIN_TOPICS)


def answer_about_notice(question: str | None, current: ShareQuestion, lang: str, persona: str | None = None,
                        topics: list[NoticeTopic] | None = None) -> str:
    """The answer to a question about the recipient's notice, from the notice alone: the parts it
    asks about (``topics``, else read from the question; every main part when it names none)."""
    topics = topics if topics is not None else topics_asked(question)
    controller = current.get("controller") or {}
    name = name_of(current, lang)
    parts: list[str] = []
    for topic in topics:
        if topic == NoticeTopic.who:
            if current.get("demo"):
                parts.append(say("notice_who_demo", lang, name=name))
            else:
                parts.append(say("notice_who", lang, name=name, controller=controller.get("name", name)))
            description = _description(current, lang, persona)
            if description:
                parts.append(description)
        elif topic == NoticeTopic.what:
            parts.append(say("notice_what", lang, categories=_categories(current, lang, persona)))
        elif topic == NoticeTopic.why:
            parts.append(say("notice_why", lang, why=why_text(current, lang, persona)))
        elif topic == NoticeTopic.how_long:
            parts.append(say("notice_how_long", lang, duration=days_text(current["consent_duration_days"], lang),
                             retention=days_text(current["retention_days"], lang)))
        elif topic == NoticeTopic.withdraw:
            parts.append(say("notice_withdraw", lang, name=name))
        elif topic == NoticeTopic.real and not (current.get("demo") and NoticeTopic.who in topics):
            key = "notice_demo" if current.get("demo") else "notice_real"
            parts.append(say(key, lang, name=name, controller=controller.get("name", name)))
        elif topic == NoticeTopic.contact and controller.get("contact"):
            parts.append(say("notice_contact", lang, contact=controller["contact"]))
    return " ".join(p for p in parts if p)
