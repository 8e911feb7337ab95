"""The person's preferences (free text en/fr, a dict, or a model) → typed filters for the rankers.

"full time, close to Lyon, a short training is fine" → location Lyon, full time, short training.
"stay with my employer if possible, training in the evening" → stay with employer, evening.
"je veux faire des études courtes après le bac" → short studies.
"""

from __future__ import annotations

import re
from typing import Any, Literal, TypeAlias

from pydantic import BaseModel, Field

from tools.linking.text_normalisation import fold, matches_stem, words

Level = Literal["beginner", "intermediate", "advanced", "mixed"]


class CareerPreferences(BaseModel):
    text: str = ""
    location: str | None = None
    stay_with_employer: bool = False
    schedule: list[str] = Field(default_factory=list)  # full_time, part_time, evening, weekend
    remote: bool | None = None
    short_training: bool = False
    long_training_ok: bool = False
    max_training_weeks: float | None = None
    levels: list[Level] = Field(default_factory=list)
    short_studies: bool = False
    long_studies: bool = False
    avoid_sectors: list[str] = Field(default_factory=list)
    # working conditions (checked against ROME's work contexts, see tools.career.work_contexts)
    no_nights: bool = False
    days_only: bool = False
    no_weekends: bool = False
    stability: bool = False
    no_travel: bool = False
    indoors: bool = False
    no_heavy_work: bool = False
    little_training: bool = False  # "not too much training", "no training"


_SHORT = ["short train", "short course", "quick", "formation court", "etudes court", "court", "short", "rapid",
          "few week", "quelques semaine", "bac+2", "bac +2"]
_LONG = ["long studies", "etudes longu", "master", "university degree", "long train", "formation longu"]
_EMPLOYER = ["stay with my employer", "same company", "my company", "my employer", "internal", "rester chez",
             "mon employeur", "mon entreprise", "en interne"]
_EVENING = ["evening", "soir", "after work", "apres le travail", "night class", "cours du soir"]
_WEEKEND = ["weekend", "week end"]
_PART = ["part time", "part-time", "temps partiel", "mi temps", "mi-temps"]
_FULL = ["full time", "full-time", "temps plein", "temps complet"]
_REMOTE = ["remote", "from home", "teletravail", "a distance", "online", "en ligne"]
_BEGINNER = ["beginner", "debutant", "from scratch", "zero", "no experience", "sans experience"]
_ADVANCED = ["advanced", "avance", "expert"]
_INTERMEDIATE = ["intermediate", "intermediaire"]

_NEG = r"(?:no|not|never|without|avoid|don'?t (?:want|do|like)|nothing (?:at|on)|pas (?:de|d'|le|la|les)?|jamais|sans|plus de|eviter|aucun\w*|hate|rather not)"
_NO_NIGHTS = re.compile(rf"\b{_NEG}\s+(?:\w+\s+){{0,3}}?(?:nights?|night ?shifts?|nuits?|de nuit)\b")
_DAYS_ONLY = re.compile(r"\b(days? only|day ?shifts?( only)?|only (?:during the )?day(time|s)?|daytime|office hours|"
                        r"9 ?(?:to|-) ?5|en journee|que la journee|que de jour|horaires de jour|de jour uniquement|"
                        r"uniquement (?:de|en) jour(nee)?|horaires de bureau)\b")
_NO_WEEKENDS = re.compile(rf"\b(?:{_NEG}\s+(?:\w+\s+){{0,5}}?(?:week ?-?ends?|saturdays?|sundays?|samedis?|dimanches?)|"
                          r"week ?-?ends? (?:off|free)|free week ?-?ends?|week ?-?ends? libres?)\b")
_STABLE = re.compile(r"\b(stable|stability|steady|secure (?:job|work)|job security|permanent (?:job|contract|position)|"
                     r"long[- ]term (?:job|contract)|cdi|stabilite|emploi stable|securite de l'emploi)\b")
_NO_TRAVEL = re.compile(rf"\b{_NEG}\s+(?:\w+\s+){{0,2}}?(?:travel\w*|deplacements?|trips?)\b")
_INDOORS = re.compile(r"\b(indoors?|inside|a l'interieur|en interieur)\b|" + rf"\b{_NEG}\s+(?:\w+\s+){{0,2}}?(?:outdoors?|outside|exterieur|dehors)\b")
_NO_HEAVY = re.compile(rf"\b{_NEG}\s+(?:\w+\s+){{0,3}}?(?:heavy|lifting|charges? lourdes?|porter)\b|\bbad back\b|mal au dos")
_LITTLE_TRAINING = re.compile(rf"\b(?:{_NEG}|little|minimal|not (?:too )?much|pas trop de|peu de)\s+(?:\w+\s+){{0,1}}?"
                              r"(?:training|studying|studies|formations?|etudes?|school)\b")

_LOCATION = re.compile(
    r"(?:close to|near|near to|around|in|based in|pr[eè]s de|proche de|autour de|à|a|sur|dans la r[eé]gion de|r[eé]gion)\s+"
    r"([A-Z][\w\-']+(?:[ \-][A-Z][\w\-']+)*)"
)


def _any(folded: str, tokens: list[str], phrases: list[str]) -> bool:
    return any((phrase in folded) if " " in phrase or "-" in phrase or "+" in phrase else matches_stem(tokens, phrase)
               for phrase in phrases)



# Preferences as the rankers take them: free text, a list of words, a mapping (its "text" read too) or parsed
PreferencesGiven: TypeAlias = CareerPreferences | BaseModel | dict[str, Any] | list[str] | tuple[str, ...] | str | None

def parse_preferences(value: PreferencesGiven) -> CareerPreferences:
    if value is None:
        return CareerPreferences()
    if isinstance(value, CareerPreferences):
        return value
    if isinstance(value, BaseModel):
        value = value.model_dump()
    if isinstance(value, dict):
        known = {k: v for k, v in value.items() if k in CareerPreferences.model_fields and v is not None}
        parsed = parse_preferences(str(value.get("text") or "")) if value.get("text") else CareerPreferences()
        return parsed.model_copy(update=known)
    if isinstance(value, (list, tuple)):
        value = ", ".join(str(v) for v in value)
    text = str(value).strip()
    folded = fold(text)
    tokens = words(text)
    prefs = CareerPreferences(text=text)
    prefs.stay_with_employer = _any(folded, tokens, _EMPLOYER)
    flat = folded.replace("’", "'")
    prefs.no_nights = bool(_NO_NIGHTS.search(flat))
    prefs.days_only = bool(_DAYS_ONLY.search(flat))
    prefs.no_weekends = bool(_NO_WEEKENDS.search(flat))
    prefs.stability = bool(_STABLE.search(flat))
    prefs.no_travel = bool(_NO_TRAVEL.search(flat))
    prefs.indoors = bool(_INDOORS.search(flat))
    prefs.no_heavy_work = bool(_NO_HEAVY.search(flat))
    prefs.little_training = bool(_LITTLE_TRAINING.search(flat))
    if _any(folded, tokens, _EVENING) and not prefs.no_nights:
        prefs.schedule.append("evening")
    if _any(folded, tokens, _WEEKEND) and not prefs.no_weekends:
        prefs.schedule.append("weekend")
    if _any(folded, tokens, _PART):
        prefs.schedule.append("part_time")
    if _any(folded, tokens, _FULL):
        prefs.schedule.append("full_time")
    if _any(folded, tokens, _REMOTE):
        prefs.remote = True
    studies = "etude" in folded or "studies" in folded or "study" in folded
    if _any(folded, tokens, _SHORT):
        prefs.short_training = True
        prefs.max_training_weeks = 12.0
        prefs.short_studies = studies
    if _any(folded, tokens, _LONG):
        prefs.long_training_ok = True
        prefs.long_studies = studies
    if _any(folded, tokens, _BEGINNER):
        prefs.levels.append("beginner")
    if _any(folded, tokens, _INTERMEDIATE):
        prefs.levels.append("intermediate")
    if _any(folded, tokens, _ADVANCED):
        prefs.levels.append("advanced")
    match = _LOCATION.search(text.replace("’", "'"))
    if match:
        prefs.location = match.group(1).strip()
    return prefs
