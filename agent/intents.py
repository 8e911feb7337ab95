"""Global intents the person may express at any point, recognised offline (en/fr, typos, no
accents, emojis): erase, export, "what do you know about me?", withdraw consent, correction, go
back, reject a skill, switch language, restart, help, prompt injection, off-topic questions, and
standing sharing rules ("never share with employers", :mod:`agent.consent_rules`).

``detect_intent`` returns ``None`` for an ordinary answer to the current question.

The router no longer calls it: each message is read into dialogue acts by :mod:`agent.acts`
(whose request rules reuse the pattern lists below, gated so that a request fires only when a
sentence IS that request). ``detect_intent`` stays for a yes/no confirmation that may repeat the
request ("erase everything" while an erase waits for its confirmation).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from agent.answers import is_no, is_no_more, is_yes
from agent.consent_rules import parse_rule
from agent.language import normalise


class IntentKind(StrEnum):
    """What a person may ask or tell besides answering the question, each handled by the graph node
    of that name: the graph is built from this list (``agent.graph``) and the router sends a turn to
    its members (``agent.nodes.router``). ``detect_intent`` recognises the requests up to
    ``consent_rule``; the last three are content acts the router reads (``agent.acts``)."""

    erase = "erase"
    export = "export"
    about_me = "about_me"
    revoke = "revoke"
    injection = "injection"
    correction = "correction"
    go_back = "go_back"
    reject_skill = "reject_skill"
    switch_language = "switch_language"
    restart = "restart"
    help = "help"
    off_topic = "off_topic"
    consent_rule = "consent_rule"
    advice = "advice"
    change_target = "change_target"
    new_experience = "new_experience"


@dataclass(frozen=True)
class Intent:
    kind: IntentKind
    payload: str = ""


_EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")
_URL = re.compile(r"https?://|www\.")

_INJECTION = [
    r"\bconsent to (everything|all|anything)\b", r"\bi (give|grant) (my )?(full )?consent\b", r"\bje consens a tout\b",
    r"\bj'?accepte tout\b.*\b(partag|envo)", r"\bignore (all |any |the |your |previous |prior |above |les |toutes? )*(instructions?|rules|consignes|regles)\b",
    r"\bdisregard (all |your |previous |the )*(instructions|rules)\b", r"\bsystem prompt\b", r"\bdeveloper mode\b",
    r"\bjailbreak\b", r"\byou are now\b", r"\btu es (maintenant|desormais)\b", r"\boublie (tes|les|toutes) (instructions|consignes|regles)\b",
    r"\b(pretend|act as|fais semblant)\b", r"\b(grant|give) (access|consent) to\b", r"\bbypass\b", r"\b(admin|root) mode\b",
    r"\b(send|share|forward|transfer|email|mail|envoie|envoyer|partage|partager|transmets|transmettre)\b.*\b(profile|profil|data|donnees|cv|everything|tout)\b.*\b(to|a|with|avec)\b",
]
_SHARE_WORDS = re.compile(r"\b(send|share|forward|transfer|email|mail|envoi|envoie|envoyer|partag\w*|transmet\w*|consent\w*|consens)\b")

_ERASE = [
    r"\b(delete|erase|remove|wipe|destroy|clear|forget|purge)\b.*\b(my|all|everything|every thing)\b.*\b(data|info|information|profile|account|details|history|conversation)\b",
    r"\b(delete|erase|wipe|remove) (everything|all|it all)\b", r"\bforget (about )?me\b", r"\bforget everything\b",
    r"\bright to be forgotten\b", r"\bdelete me\b", r"\berase me\b",
    r"\b(supprim|effac|detrui)\w*\b.*\b(mes|toutes|tout|mon|moi)\b.*\b(donnees|infos?|informations|profil|compte|historique|conversation)\b",
    r"\b(supprim|effac)\w* (tout|toutes mes|moi)\b", r"\b(tout|toutes mes donnees) (supprimer|effacer)\b", r"\boublie[zr]?[- ]moi\b",
    r"\bdroit a l'?oubli\b", r"^/forget\b",
]
_EXPORT = [
    r"\bexport\w*\b", r"\bdownload\b.*\b(my|data|profile)\b", r"\bcopy of (my|all my) data\b",
    r"\btelecharg\w*\b.*\b(mes|mon|donnees|profil)\b", r"\b(give|send) me (a copy|my data)\b", r"\bportabilit", r"^/export\b",
]
_ABOUT_ME = [
    r"\bwhat (do|did) you (know|have|keep|store|remember)\b.*\b(about|on) me\b", r"\bwhat do you know\b",
    r"\bwhat (data|information|info) do you (have|hold|keep)\b", r"\b(show|see|view|display) (me )?my (profile|data|skills)\b",
    r"\bmy profile\b\??$", r"\bque (sais|savez|connais|connaissez)[- ]?(tu|vous)? (de|sur) moi\b", r"\bqu'?est[- ]ce que (tu sais|vous savez)\b",
    r"\bque sais[- ]tu\b", r"\bque savez[- ]vous\b", r"\bquelles? (donnees|infos?|informations)\b.*\b(avez|as|gardez|detenez)\b",
    r"\b(montre|affiche|voir)[- ]?(moi )?(mon profil|mes donnees|mes competences)\b", r"^/profile\b", r"\bwhat'?s in my profile\b",
]
_REVOKE = [
    r"\b(withdraw|revoke|cancel|retract|take back)\b.*\b(consent|permission|sharing|authori[sz]ation)\b",
    r"\bstop sharing\b", r"\bdon'?t share (anymore|any more)\b", r"\bno longer share\b",
    r"\b(retir|revoqu|annul)\w*\b.*\b(consentement|accord|autorisation|partage)\b", r"\b(arrete[rz]?|stop) (de |le )?partag",
    r"\bne (partagez|partage) plus\b",
]
_CORRECTION = [
    r"^(actually|in fact|correction|to correct|sorry,? i meant|i meant|i mean,|oops|my mistake|wait,? (it|i)|no,? actually|not \d+)",
    r"^(en fait|en realite|correction|je voulais dire|pardon,? (c'?etait|je)|oups|erreur|non,? en fait|je me suis trompe|je rectifie|plutot)\b",
    r"\bit was actually\b", r"\bc'?etait en fait\b", r"\b(years?|months?|ans?|mois),? not \d+", r"\bpas \d+ (ans?|mois)\b.*\bmais\b",
]
_GO_BACK = [
    r"^(go |get |let'?s go )?back\b", r"\bgo back\b", r"\bprevious (question|step)\b", r"\bstep back\b", r"^undo\b",
    r"\b(revenir|retourner|retour) (en arriere|a la question precedente|a l'?etape precedente)\b", r"^retour\b",
    r"\bquestion precedente\b", r"\betape precedente\b", r"\ben arriere\b",
]
_REJECT_SKILL = [
    r"^(remove|delete|drop|take out|take off|untick|reject)\s+(the skill |skill )?[\"'«]?(?P<skill>.+)",
    r"^(i (don'?t|do not|can'?t|cannot) (have|know how to|really)|that'?s (wrong|not me|not true)[:,]?)\s*(?P<skill>.+)",
    r"^(retire[rz]?|enleve[rz]?|supprime[rz]?|rejette[rz]?)\s+(la competence )?[\"'«]?(?P<skill>.+)",
    r"^(je ne sais pas|je ne suis pas capable de|c'?est faux[:,]?)\s*(?P<skill>.+)",
]
_SWITCH_LANGUAGE = [
    (r"\b(in|speak|talk|switch to|en) english\b|\ben anglais\b|\bparle[rz]? anglais\b|\benglish please\b", "en"),
    (r"\b(in|speak|talk|switch to) french\b|\ben francais\b|\bparle[rz]? francais\b|\bfrench please\b", "fr"),
]
_RESTART = [r"^(start (again|over)|restart|recommencer|recommence|on recommence|reset)\b", r"^/start\b", r"\bfrom the (start|beginning)\b"]
_HELP = [r"^(help|aide|au secours|/help|\?+)$", r"\bwhat can you do\b", r"\bque (peux|pouvez)[- ](tu|vous) faire\b", r"\bhow does (this|it) work\b",
         r"\bcomment (ca|cela) (marche|fonctionne)\b"]
_OFF_TOPIC_SUBJECTS = [
    r"\bweather\b", r"\bmeteo\b", r"\bjoke\b", r"\bblague\b", r"\brecipe\b", r"\brecette\b", r"\bwho won\b", r"\bqui a gagne\b",
    r"\bcapital of\b", r"\bcapitale de\b", r"\bpresident\b", r"\belection\b", r"\bmovie\b", r"\bfilm ce soir\b", r"\bhoroscope\b",
    r"\bbitcoin\b", r"\blottery\b", r"\bloto\b", r"\bwhat time is it\b", r"\bquelle heure\b", r"\bmeaning of life\b", r"\bsens de la vie\b",
    r"\bpoem\b", r"\bpoeme\b", r"\bsing\b.*\bsong\b", r"\bchante\b.*\bchanson\b", r"\btell me about yourself\b",
    r"\bare you (a )?(human|robot|bot|ai|real)\b", r"\bes[- ]tu (un )?(humain|robot|ia)\b", r"\betes[- ]vous (un )?(humain|robot|ia)\b",
    r"\bwho are you\b", r"\bqui es[- ]tu\b", r"\bqui etes[- ]vous\b", r"\bwhat is esco\b", r"\bc'?est quoi esco\b", r"\besco\b.*\?",
]
_QUESTION_START = re.compile(
    r"^(what|what's|whats|why|how|who|where|when|which|can you|could you|do you|are you|is it|is there|will you|"
    r"pourquoi|comment|qui|ou est|quand|quel|quelle|quels|quelles|est[- ]ce|c'?est quoi|peux[- ]tu|pouvez[- ]vous|"
    r"tu peux|vous pouvez|sais[- ]tu|savez[- ]vous|as[- ]tu|avez[- ]vous)\b"
)


def _any(patterns: list[str], text: str) -> bool:
    return any(re.search(p, text) for p in patterns)


def is_injection(text: str) -> bool:
    t = normalise(text)
    if (_EMAIL.search(text) or _URL.search(text)) and _SHARE_WORDS.search(t):
        return True
    return _any(_INJECTION, t)


def is_question(text: str) -> bool:
    stripped = (text or "").strip()
    return stripped.endswith("?") or bool(_QUESTION_START.search(normalise(stripped)))


def detect_intent(text: str | None, phase: str = "", expecting: str = "") -> Intent | None:
    """The global intent in ``text``, or None for an ordinary answer to the current question."""
    if not text or not text.strip():
        return None
    t = normalise(text)
    if not t:
        return None
    if not (_EMAIL.search(text) or _URL.search(text)):
        rule = parse_rule(text, strict=phase in ("experiences", "experience_detail", "skills"))
        if rule is not None:
            return Intent(IntentKind.consent_rule, rule.payload)
    if is_injection(text):  # before erase: an injected text must never trigger a destructive action
        return Intent(IntentKind.injection)
    if _any(_ERASE, t):
        return Intent(IntentKind.erase)
    if _any(_REVOKE, t):
        return Intent(IntentKind.revoke)
    if _any(_EXPORT, t):
        return Intent(IntentKind.export)
    if _any(_ABOUT_ME, t):
        return Intent(IntentKind.about_me)
    for pattern, lang in _SWITCH_LANGUAGE:
        if re.search(pattern, t) and expecting != "language":
            return Intent(IntentKind.switch_language, lang)
    if _any(_RESTART, t):
        return Intent(IntentKind.restart)
    if _any(_GO_BACK, t) and len(t.split()) <= 8:
        return Intent(IntentKind.go_back)
    if _any(_CORRECTION, t):
        return Intent(IntentKind.correction, text)
    if phase not in ("skills",):
        for pattern in _REJECT_SKILL:
            match = re.search(pattern, t)
            if match and match.group("skill").strip():
                return Intent(IntentKind.reject_skill, match.group("skill").strip(" .!\"'»"))
    if _any(_HELP, t):
        return Intent(IntentKind.help)
    if _any(_OFF_TOPIC_SUBJECTS, t):
        return Intent(IntentKind.off_topic, text)
    if is_question(text) and not (is_yes(text) or is_no(text) or is_no_more(text)):
        # A question while the agent expects an answer: answer briefly, then back to the question.
        if expecting not in ("free", "end") or phase in ("plan", "ended", "wrapup"):
            return Intent(IntentKind.off_topic, text)
    return None
