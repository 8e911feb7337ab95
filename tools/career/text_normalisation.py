"""Small text helpers shared by the career tools: accent folding and word tokens (en/fr)."""

from __future__ import annotations

import re
import unicodedata

_WORD = re.compile(r"[a-z0-9+#]+")


def fold(text: str) -> str:
    """Lower-case, strip accents and typographic apostrophes."""
    text = unicodedata.normalize("NFKD", text.replace("’", "'").lower())
    return "".join(ch for ch in text if not unicodedata.combining(ch))


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


def guess_language(text: str) -> str | None:
    """'fr' or 'en' from a title or a short text's function words and accents; None when unsure."""
    tokens = words(text)
    fr = sum(t in _FR_WORDS for t in tokens) + 2 * sum(ch in "éèêàçùôî" for ch in text.lower())
    en = sum(t in _EN_WORDS for t in tokens)
    if fr > en:
        return "fr"
    if en > fr:
        return "en"
    return None
