"""Small text helpers shared by the career and catalog tools: accent folding and word tokens (en/fr)."""

from __future__ import annotations

import re
import unicodedata

_WORD = re.compile(r"[a-z0-9+#]+")


def fold(text: str) -> str:
    """Lower-case, strip accents and typographic apostrophes."""
    text = unicodedata.normalize("NFKD", text.replace("’", "'").lower())
    return "".join(ch for ch in text if not unicodedata.combining(ch))


def fold_in_place(text: str) -> str:
    """:func:`fold` one character for one, so that offsets in the result are offsets in ``text``."""
    out = []
    for ch in text:
        low = ch.lower()
        low = low if len(low) == 1 else ch
        out.append("'" if low == "’" else unicodedata.normalize("NFD", low)[0])
    return "".join(out)


def words(text: str) -> list[str]:
    return _WORD.findall(fold(text))


def matches_stem(tokens: list[str], stem: str) -> bool:
    """True when a multi-word stem ("solv problem") matches consecutive token prefixes.

    A part ending in ``$`` must match a whole token ("plan$" matches "plan", not "planet").
    """
    parts = stem.split()
    n = len(parts)
    for i in range(len(tokens) - n + 1):
        if all(_part_matches(tokens[i + j], parts[j]) for j in range(n)):
            return True
    return False


def _part_matches(token: str, part: str) -> bool:
    if part.endswith("$"):
        return token == part[:-1]
    return token.startswith(part)


_FR_WORDS = {"le", "la", "les", "des", "du", "de", "et", "pour", "en", "au", "aux", "une", "un", "sur", "avec", "dans",
             "formation", "initiation", "gestion", "metier", "metiers"}
_EN_WORDS = {"the", "and", "of", "for", "to", "in", "with", "on", "an", "a", "introduction", "management", "course",
             "skills", "how", "your", "data", "learning"}


_ES_WORDS = {"y", "los", "las", "el", "del", "para", "con", "una", "por", "gestion", "introduccion", "finanzas",
             "personales", "datos", "seguridad", "como", "fundamentos", "aprendizaje", "programacion"}


def guess_language(text: str) -> str | None:
    """'fr', 'en' or 'es' from a title or a short text's function words and accents; None when unsure."""
    tokens = words(text)
    lower = text.lower()
    scores = {
        "fr": sum(t in _FR_WORDS for t in tokens) + 2 * sum(ch in "èêàçùôî" for ch in lower),
        "en": sum(t in _EN_WORDS for t in tokens),
        "es": sum(t in _ES_WORDS for t in tokens) + 2 * sum(ch in "ñ¿¡" for ch in lower),
    }
    best = max(scores, key=lambda k: scores[k])
    if scores[best] == 0 or list(scores.values()).count(scores[best]) > 1:
        return None
    return best
