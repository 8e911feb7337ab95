"""Language skills are proposed only for a language the person names, and the one they say they
use it for comes first.

ESCO holds a skill per language and activity (*write English*, *understand spoken Bihari*,
*interact verbally in German*) under its "language skills and knowledge" group (code ``L``), each
the narrower skill of the language itself (*English*). Their labels share a verb with what people
write about their work ("I also write the daily care notes" read as *write English*), so one of
them is only worth proposing when the statement names its language, in either language of the
labels ("I speak English, Spanish and some German", "je parle anglais").

"Je parle anglais avec les clients" shares only the language's name with *interagir verbalement en
anglais* (French ESCO labels have few alternatives): a statement that says speaking, writing or
reading a language it names (:meth:`LanguageSkills.said`) gets that skill for each language it names.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from knowledge.models import Skill, SkillGroup

LANGUAGE_GROUP_CODE = "L"  # ESCO's "language skills and knowledge"
_WORD = re.compile(r"[a-z]+")
# the words of the labels of using a language, in both languages ("understand spoken", "interagir verbalement en")
_USING_WORDS = frozenset(
    "understand spoken written write interact verbally in use speak read communicate with of and the a "
    "comprendre parle parlee ecrit ecrite ecrire interagir verbalement en utiliser parler lire communiquer l le la les de des d "
    "et un une".split()
)


# what a person says they do with a language -> the start of the English label of that skill
_ACTIVITIES = {
    "interact verbally in ": re.compile(r"\b(?:speak|speaks|spoke|spoken|speaking|talk|talks|talked|talking|parle|parles|parlons|parlez|"
                                        r"parlent|parlais|parlait|parlaient|parler)\b"),
    "write ": re.compile(r"\b(?:write|writes|wrote|written|writing|ecris|ecrit|ecrivons|ecrivez|ecrivais|ecrivait|ecrire|redige|rediges|"
                         r"redigeais|redigeait|rediger)\b"),
    "understand written ": re.compile(r"\b(?:read|reads|reading|lis|lit|lisais|lisait|lire)\b"),
}
# a language said for an activity is named within these many words after its verb
_ACTIVITY_REACH = 8
_CLAUSE_END = re.compile(r"[.;:!?\n]|\b(?:but|mais|because|parce|since|car|i|je|j|we|nous|on)\b")


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


class LanguageSkills:
    """Which skill is about which language, and the names a text can call each language by."""

    def __init__(self, language_of: np.ndarray, names: Mapping[str, int], specialised: Mapping[int, set[str]] | None = None,
                 activity_of: Mapping[int, str] | None = None):
        self.language_of = language_of  # per skill: its language's number, -1 for any other skill
        self._names = dict(names)
        self._specialised = dict(specialised or {})  # skill -> the words of its trade ("aviation")
        # (activity, language) -> the general skill of using that language so (*interact verbally in German*)
        self._skill_for = {(activity, int(language_of[i])): i for i, activity in (activity_of or {}).items()}
        alternatives = sorted(self._names, key=len, reverse=True)
        # French adjectives agree: "langue anglaise", "des cours d'espagnol", "notions d'allemand"
        self._pattern = (re.compile(r"\b(" + "|".join(re.escape(n) for n in alternatives) + r")(?:e|es|s)?\b")
                         if alternatives else None)

    @classmethod
    def from_hierarchy(cls, skills: Sequence[Skill], groups: Mapping[str, SkillGroup]) -> LanguageSkills:
        """The languages are the skills right under a group below "L" (*English* under *languages*);
        the skills right under a language (*write English*) are about it, as it is itself."""
        language_groups = {uri for uri, g in groups.items() if (g.code or "").upper().startswith(LANGUAGE_GROUP_CODE)}
        languages = {s.uri: n for n, s in enumerate(s for s in skills if set(s.broader) & language_groups)}
        language_of = np.full(len(skills), -1, dtype=np.int64)
        names: dict[str, int] = {}
        for i, skill in enumerate(skills):
            if skill.uri in languages:
                language_of[i] = languages[skill.uri]
                for lang in ("en", "fr"):
                    for name in [skill.labels.get(lang, ""), *skill.alt_labels.get(lang, [])]:
                        if name and len(name) >= 3:
                            names.setdefault(_fold(name), languages[skill.uri])
            else:
                about = [languages[b] for b in skill.broader if b in languages]
                if about:
                    language_of[i] = about[0]
        # a skill elsewhere in the hierarchy about using a language it names with its capital (*use
        # maritime English*; "polish furniture" names no Polish, *traditional Chinese medicine* is medicine)
        capitalised = {s.labels["en"]: n for s in skills if s.uri in languages and s.labels.get("en", "")[:1].isupper()
                       for n in [languages[s.uri]]}
        if capitalised:
            pattern = re.compile(r"^(?:use|speak|write|read|understand|interact|communicate)\b.*\b("
                                 + "|".join(re.escape(n) for n in sorted(capitalised, key=len, reverse=True)) + r")\b")
            for i, skill in enumerate(skills):
                found = pattern.search(skill.labels.get("en", "")) if language_of[i] < 0 else None
                if found:
                    language_of[i] = capitalised[found.group(1)]
        # a language for one trade (*aviation English*, *parler l'anglais maritime*): only when the
        # text also says that trade
        language_words = {w for name in names for w in _WORD.findall(name)}
        specialised: dict[int, set[str]] = {}
        for i, skill in enumerate(skills):
            if language_of[i] < 0:
                continue
            trade = set(_WORD.findall(_fold(skill.labels.get("en", "")))) - language_words - _USING_WORDS
            if trade:  # and the same trade in French ("aéronautique")
                specialised[i] = trade | (set(_WORD.findall(_fold(skill.labels.get("fr", "")))) - language_words - _USING_WORDS)
        activity_of = {i: activity for i, skill in enumerate(skills) if language_of[i] >= 0 and i not in specialised
                       for activity in _ACTIVITIES if skill.labels.get("en", "").startswith(activity)}
        return cls(language_of, names, specialised, activity_of)

    def named(self, text: str) -> set[int]:
        """The languages ``text`` names."""
        if self._pattern is None:
            return set()
        return {self._names[m.group(1)] for m in self._pattern.finditer(_fold(text))}

    def said(self, text: str) -> list[int]:
        """The skills of using a language that ``text`` says the person does: a verb of speaking, writing
        or reading, then the languages named in the same clause within a few words ("I speak English,
        Spanish and some German", "je parle anglais avec les clients")."""
        if self._pattern is None or not self._skill_for:
            return []
        folded = _fold(text)
        found: list[int] = []
        for activity, verb in _ACTIVITIES.items():
            for match in verb.finditer(folded):
                rest = folded[match.end():]
                end = _CLAUSE_END.search(rest)
                words = (rest[: end.start()] if end else rest).split()[:_ACTIVITY_REACH]
                for name in self._pattern.finditer(" ".join(words)):
                    skill = self._skill_for.get((activity, self._names[name.group(1)]))
                    if skill is not None and skill not in found:
                        found.append(skill)
        return found

    def unnamed(self, text: str) -> np.ndarray:
        """True for each skill about a language ``text`` does not name."""
        named = self.named(text)
        about = self.language_of >= 0
        if not named:
            return about
        unnamed = about & ~np.isin(self.language_of, sorted(named))
        if self._specialised:
            said = set(_WORD.findall(_fold(text)))
            for i, trade in self._specialised.items():
                if not trade & said:
                    unnamed[i] = True
        return unnamed
