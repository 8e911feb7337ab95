"""Standing sharing rules a person types in the chat (en/fr, accents optional):

    "never share anything with employers"            → never, [employer]
    "ne partagez jamais mes données avec mon employeur" → never, [employer]
    "ask me every time before sharing with a coach"  → ask, [coach]
    "always share with my counsellor"                → always, [counsellor]
    "don't share with anyone"                        → never, every kind

``parse_rule`` returns None when the text sets no rule (an ordinary answer, a question).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from agent.language import normalise
from tools.consent.models import PreferenceRule, RecipientKind

_KIND_WORDS: list[tuple[RecipientKind, str]] = [
    (RecipientKind.employer, r"employers?|employeurs?|employeuses?|my (company|boss|manager)|mon (entreprise|patron|manager|chef)|"
                             r"ma (boite|societe|direction)|recruiters?|recruteurs?|entreprises?|companies"),
    (RecipientKind.coach, r"coach(es|s)?|job coach"),
    (RecipientKind.counsellor, r"counsell?ors?|advisers?|advisors?|conseill(er|ere|ers|eres)|conseiller d'?orientation|"
                               r"france travail|pole emploi|mission locale"),
    (RecipientKind.training_provider, r"training (providers?|centres?|centers?|organi[sz]ations?)|trainers?|schools?|"
                                      r"universit(y|ies)|organismes? de formation|centres? de formation|formateurs?|ecoles?"),
    (RecipientKind.statistics, r"statistics?|stats?|statistiques?"),
]
_EVERYONE = r"any ?one|any ?body|every ?one|every ?body|no ?one|no ?body|personne|tout le monde|qui que ce soit|third part(y|ies)|tiers"
# present and imperative forms only: "I never shared the accounts with my boss" tells a story, it sets no rule
_SHARE = r"share|sharing|send|sending|give|giving|pass on|forward|forwarding|partage[rz]?|partagiez|partages|envoye[rz]|envoie[sz]?|transmet\w*|donne[rz]?|donniez|communique[rz]?"
_PAST = re.compile(r"\b(ai|as|a|avons|avez|ont|j'ai|n'ai|n'a)\b( \w+)? (partage|envoye|transmis|donne|communique)\b")
_STARTS_AS_RULE = re.compile(r"^(please )?(never|don'?t|do not|dont|no sharing|always|ask me|check with me|ne |n'|jamais|toujours|demande|pas de partage|je ne veux pas)")

_NEVER = [
    rf"\b(never|don'?t ever|do not ever|don'?t|do not|dont|i don'?t want (you )?to|no)\b.*\b({_SHARE})\b",
    rf"\bne\b.*\b({_SHARE})\b.*\b(jamais|pas|plus|rien|personne)\b",
    r"\b(jamais|pas) de partage\b", r"\bno sharing\b", rf"\bje ne veux pas (que vous|que tu|qu'on)\b.*\b({_SHARE})\b",
    rf"\b({_SHARE})\b.*\b(jamais)\b",
]
_ASK = [
    r"\b(ask|check with) me (first|before|each time|every time|everytime|always)\b",
    r"\b(ask|check with) me\b.*\b(each|every|before)\b", r"\bdemande[rz]?[- ]moi\b.*\b(chaque|avant|a chaque|toujours)\b",
    r"\b(each|every) time\b.*\bask\b", r"\ba chaque fois\b.*\bdemand",
]
_ALWAYS = [
    rf"\b(always|automatically|without asking)\b.*\b({_SHARE})\b", rf"\b({_SHARE})\b.*\b(always|automatically|without asking)\b",
    rf"\b(toujours|automatiquement|sans me demander)\b.*\b({_SHARE})\b", rf"\b({_SHARE})\b.*\b(toujours|automatiquement|sans me demander)\b",
]


@dataclass(frozen=True)
class TypedRule:
    rule: PreferenceRule
    kinds: tuple[RecipientKind, ...]

    @property
    def payload(self) -> str:
        return f"{self.rule.value}:{','.join(k.value for k in self.kinds)}"

    @classmethod
    def from_payload(cls, payload: str) -> TypedRule:
        rule, kinds = payload.split(":", 1)
        return cls(PreferenceRule(rule), tuple(RecipientKind(k) for k in kinds.split(",") if k))


def _kinds(text: str) -> tuple[RecipientKind, ...]:
    found = [kind for kind, words in _KIND_WORDS if re.search(rf"\b({words})\b", text)]
    if not found and re.search(rf"\b({_EVERYONE})\b", text):
        return tuple(RecipientKind)
    return tuple(found)


def parse_rule(text: str | None, strict: bool = False) -> TypedRule | None:
    """The standing rule ``text`` sets, or None. ``strict``: only a text that starts as a rule
    counts (while the person tells their experiences, a rule must be unmistakable)."""
    t = normalise(text or "")
    if not t or len(t.split()) > 30 or not re.search(rf"\b({_SHARE}|ask|demand\w*)\b", t) or _PAST.search(t):
        return None
    if strict and not _STARTS_AS_RULE.search(t):
        return None
    kinds = _kinds(t)
    if not kinds:
        return None
    if any(re.search(p, t) for p in _ASK):
        return TypedRule(PreferenceRule.ask, kinds)
    if any(re.search(p, t) for p in _ALWAYS) and not re.search(r"\b(never|jamais|don'?t|do not|ne)\b", t):
        return TypedRule(PreferenceRule.always, kinds)
    if any(re.search(p, t) for p in _NEVER):
        return TypedRule(PreferenceRule.never, kinds)
    return None
