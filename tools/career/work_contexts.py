"""Working conditions of each occupation, from ROME's *contextes de travail* (France Travail) and the
occupation's own ESCO labels, checked against what the person said they want.

ROME lists, per job family, the conditions its jobs may come with: hours (travail de nuit, posté,
week-ends et jours fériés, astreinte, horaires décalés), contracts (saisonnier, intérim,
intermittent), places (déplacements, en extérieur). A family that *may* involve night work is
penalised for someone who wants no nights, and the move says so; an occupation whose very name is
night work ("night auditor", "veilleur de nuit") is left out.
"""

from __future__ import annotations

import re
from typing import Any

import numpy as np

from knowledge.kb_cache import cached_for_kb
from tools.career.preferences import CareerPreferences
from tools.career.skill_space import SkillSpace

# condition -> ROME context labels (as published, folded to lower case)
CONDITIONS: dict[str, tuple[str, ...]] = {
    "night": ("travail de nuit",),
    "shifts": ("travail posté (2x8, 3x8, 5x8, etc.)", "travail en horaires décalés", "travail par roulement"),
    "weekend": ("travail les week-ends et jours fériés", "travail le samedi", "travail le dimanche"),
    "on_call": ("travail en astreinte", "mobilisable en urgence"),
    "irregular": ("travail selon un rythme irrégulier et des pics d'activité", "travail en horaires fractionnés"),
    "seasonal": ("travail saisonnier", "contrat travail saisonnier", "contrat intermittent", "intérim"),
    "travel": ("déplacements professionnels", "zone nationale", "zone européenne", "zone internationale"),
    "remote": ("possibilité de télétravail",),
    "outdoor": ("en extérieur", "en environnement climatique difficile"),
    "heavy_loads": ("port et manipulation de charges lourdes ou encombrantes",),
}
# An occupation named for the condition itself: left out, not just penalised.
NAMED = {
    "night": re.compile(r"\bnight\b|\bnuit\b|\bnocturne\b", re.IGNORECASE),
    "seasonal": re.compile(r"\bseasonal\b|\bsaisonnier", re.IGNORECASE),
}
# How much a move keeps of its score when ROME says its family may come with an unwanted condition.
PENALTY = {"night": 0.55, "shifts": 0.7, "weekend": 0.7, "on_call": 0.75, "irregular": 0.8, "seasonal": 0.6,
           "travel": 0.75, "outdoor": 0.8, "heavy_loads": 0.8}
TEXTS = {
    "night": ("may involve night work", "peut comporter du travail de nuit"),
    "shifts": ("may involve shifts or staggered hours", "peut comporter des horaires postés ou décalés"),
    "weekend": ("may involve weekends or bank holidays", "peut comporter du travail le week-end ou les jours fériés"),
    "on_call": ("may involve on-call duty", "peut comporter des astreintes"),
    "irregular": ("may involve irregular or split hours", "peut comporter des horaires irréguliers ou fractionnés"),
    "seasonal": ("often seasonal or temporary work", "souvent saisonnier ou en intérim"),
    "travel": ("involves travel", "comporte des déplacements"),
    "outdoor": ("mostly outdoors", "surtout en extérieur"),
    "heavy_loads": ("carrying heavy loads", "port de charges lourdes"),
    "remote": ("remote work possible", "télétravail possible"),
}


def unwanted(prefs: CareerPreferences) -> set[str]:
    """The conditions the person does not want."""
    out: set[str] = set()
    if prefs.no_nights or prefs.days_only:
        out.add("night")
    if prefs.days_only:
        out |= {"shifts", "irregular", "on_call"}
    if prefs.no_weekends:
        out.add("weekend")
    if prefs.stability:
        out.add("seasonal")
    if prefs.no_travel:
        out.add("travel")
    if prefs.indoors:
        out.add("outdoor")
    if prefs.no_heavy_work:
        out.add("heavy_loads")
    return out


class WorkContexts:
    """Per occupation (SkillSpace order), the set of conditions its ROME families list."""

    def __init__(self, kb: Any):
        space = SkillSpace.for_kb(kb)
        rome = getattr(kb, "rome", None) or {}
        by_label = {label: key for key, labels in CONDITIONS.items() for label in labels}
        family: dict[str, set[str]] = {}
        for code, record in rome.items():
            contexts: set[str] = set()
            for context in getattr(record, "work_contexts", None) or []:
                key = by_label.get(str(context).strip().lower())
                if key:
                    contexts.add(key)
            family[code] = contexts
        self.of_family = family
        self.conditions: list[set[str]] = []
        self.named: list[set[str]] = []
        for uri in space.occ_uris:
            occupation = kb.occupations[uri]
            found: set[str] = set()
            for code in getattr(occupation, "rome_codes", None) or []:
                found |= family.get(code, set())
            self.conditions.append(found)
            names = " ".join((occupation.labels or {}).values())
            self.named.append({key for key, pattern in NAMED.items() if pattern.search(names)})

    @classmethod
    def for_kb(cls, kb: Any) -> WorkContexts:
        return cached_for_kb(kb, "work_contexts", lambda: cls(kb))

    def apply(self, final: np.ndarray, prefs: CareerPreferences) -> tuple[np.ndarray, dict[int, list[str]]]:
        """Scores with unwanted conditions penalised (named ones left out), and per occupation the
        conditions that went against it (for the move's explanation)."""
        avoid = unwanted(prefs)
        out = final.copy()
        clashes: dict[int, list[str]] = {}
        if prefs.remote:
            for i, found in enumerate(self.conditions):
                if "remote" in found:
                    out[i] *= 1.1
        if not avoid:
            return out, clashes
        for index in np.flatnonzero(out > 0):
            i = int(index)
            if self.named[i] & avoid:
                out[i] = 0.0
                clashes[i] = sorted(self.named[i] & avoid)
                continue
            hit = sorted(self.conditions[i] & avoid)
            if hit:
                out[i] *= float(np.prod([PENALTY[h] for h in hit]))
                clashes[i] = hit
        return out, clashes


def clash_text(conditions: list[str], lang: str = "en") -> str:
    """'May involve night work (ROME).' / 'Peut comporter du travail de nuit (ROME).'"""
    if not conditions:
        return ""
    k = 0 if lang == "en" else 1
    parts = [TEXTS[c][k] for c in conditions if c in TEXTS]
    text = ("; " if lang == "en" else " ; ").join(parts)
    text = text[:1].upper() + text[1:]
    return f"{text} (ROME), against what you said you want." if lang == "en" else \
        f"{text} (ROME), contrairement à ce que vous souhaitez."
