"""How a course's duration and level read in the person's language: catalogs say "1 - 3 Months" and
"Intermediate"; a French page says "1 à 3 mois" and "intermédiaire"."""

from __future__ import annotations

import re

from tools.catalog.fields import level_of

_LEVELS = {
    "beginner": {"en": "beginner", "fr": "débutant"},
    "intermediate": {"en": "intermediate", "fr": "intermédiaire"},
    "advanced": {"en": "advanced", "fr": "avancé"},
    "mixed": {"en": "all levels", "fr": "tous niveaux"},
}
_UNITS = {
    "hour": {"en": ("hour", "hours"), "fr": ("heure", "heures")},
    "day": {"en": ("day", "days"), "fr": ("jour", "jours")},
    "week": {"en": ("week", "weeks"), "fr": ("semaine", "semaines")},
    "month": {"en": ("month", "months"), "fr": ("mois", "mois")},
    "year": {"en": ("year", "years"), "fr": ("an", "ans")},
}
_UNIT_WORDS = {
    "hour": ("hour", "hours", "heure", "heures", "h"), "day": ("day", "days", "jour", "jours"),
    "week": ("week", "weeks", "semaine", "semaines"), "month": ("month", "months", "mois"),
    "year": ("year", "years", "an", "ans", "annee", "annees", "année", "années"),
}
_RANGE = re.compile(r"^(?P<a>\d+(?:[.,]\d+)?)\s*(?:-|–|to|à|a)\s*(?P<b>\d+(?:[.,]\d+)?)\s*(?P<unit>[a-zéè]+)$", re.I)
_LESS = re.compile(r"^(?:less than|under|moins de)\s*(?P<a>\d+(?:[.,]\d+)?)\s*(?P<unit>[a-zéè]+)$", re.I)
_ONE = re.compile(r"^(?P<a>\d+(?:[.,]\d+)?)\s*(?P<unit>[a-zéè]+)$", re.I)


def _unit(word: str) -> str | None:
    word = word.lower()
    return next((unit for unit, words in _UNIT_WORDS.items() if word in words), None)


def _words(unit: str, n: float, lang: str) -> str:
    one, many = _UNITS[unit].get(lang, _UNITS[unit]["en"])
    return one if n <= 1 else many


def duration_words(raw: str | None, lang: str) -> str | None:
    """'1 - 3 Months' → '1 to 3 months' / '1 à 3 mois'; 'Less Than 2 Hours' → 'less than 2 hours' /
    'moins de 2 heures'. A duration in another shape is returned as it is (trimmed)."""
    if not raw or not str(raw).strip():
        return None
    text = " ".join(str(raw).split())
    for pattern, shape in ((_RANGE, "range"), (_LESS, "less"), (_ONE, "one")):
        match = pattern.match(text)
        unit = _unit(match.group("unit")) if match else None
        if match is None or unit is None:
            continue
        a = match.group("a")
        if shape == "range":
            b = match.group("b")
            words = _words(unit, float(b.replace(",", ".")), lang)
            return f"{a} à {b} {words}" if lang == "fr" else f"{a} to {b} {words}"
        words = _words(unit, float(a.replace(",", ".")), lang)
        if shape == "less":
            return f"moins de {a} {words}" if lang == "fr" else f"less than {a} {words}"
        return f"{a} {words}"
    return text


def level_words(raw: str | None, lang: str) -> str | None:
    """'Intermediate ' → 'intermediate' / 'intermédiaire'; a level the catalog names otherwise is kept."""
    key = level_of(raw) if raw else None
    if not key:
        return None
    words = _LEVELS.get(key)
    return words.get(lang, words["en"]) if words else key
