"""How to get into a target job: the qualifications and certificates it asks for.

Two sources, as published:
- ROME's *accès au métier* (French) for each ROME code of the target (France Travail): "accessible
  avec un CAP/BEP à Bac…", "un CACES peut être requis", "Diplôme d'Etat d'Accompagnant Educatif et
  Social (DEAES)";
- ESCO's description of the occupation (English), the sentences that speak of a degree, diploma,
  licence, certificate or training.

The qualifications named in the French text are picked out (CAP, Bac pro, BTS, BUT, Licence,
Master, BPJEPS, DEAES, CQP, titre professionnel, CACES, permis...), each with its French national
level (3 = CAP … 8 = doctorate) and, for a pupil, the track that leads to it after their class.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel, Field

if TYPE_CHECKING:
    from knowledge.base import KnowledgeBase

QualificationKind = Literal["diploma", "certificate", "licence", "level"]


class Qualification(BaseModel):
    name: str
    kind: QualificationKind = "diploma"
    level: int | None = None  # French national qualification level (3 = CAP … 8 = doctorate)
    track: dict[str, str] = Field(default_factory=dict)  # en/fr: how a pupil gets there


class AccessRoute(BaseModel):
    """The way into one target: the texts as published and the qualifications they name."""

    target_uri: str
    target_label: str
    rome_codes: list[str] = Field(default_factory=list)
    text_fr: str = ""  # ROME accès au métier
    text_en: str = ""  # ESCO description sentences about qualifications
    qualifications: list[Qualification] = Field(default_factory=list)
    without_diploma: bool = False  # ROME says it is open without a particular diploma

    @property
    def is_empty(self) -> bool:
        return not (self.text_fr or self.text_en or self.qualifications)

    def summary(self, lang: str = "en", limit: int = 5) -> str:
        """One line for the plan: the qualifications named, or the published text's first sentence."""
        names = ", ".join(q.name for q in self.qualifications[:limit])
        if lang == "fr":
            head = f"Pour devenir {self.target_label} : "
            if names:
                text = head + names + "."
            else:
                text = head + (self.text_fr.split("\n")[0] if self.text_fr else self.text_en)
            if self.without_diploma:
                text += " Accessible aussi sans diplôme particulier, avec de l'expérience."
            return text
        head = f"To become {self.target_label}: "
        # French qualifications by their French names, with the European level that says what they are
        named = ", ".join(q.name + (f" ({_EQF_EN[q.level]})" if q.level in _EQF_EN else "") for q in self.qualifications[:limit])
        text = head + (named + "." if named else (self.text_en or "(French) " + self.text_fr.split("\n")[0]))
        if self.without_diploma:
            text += " Also open without a particular diploma, with experience."
        return text

    def tracks(self, lang: str = "en") -> list[str]:
        """For a pupil: the tracks that lead to the qualifications named, shortest first."""
        seen, out = set(), []
        for q in sorted(self.qualifications, key=lambda q: q.level or 99):
            text = q.track.get(lang) or q.track.get("en")
            if text and text not in seen:
                seen.add(text)
                out.append(text)
        return out


# a qualification's level (the French levels are those of the European Qualifications Framework) said to
# someone who does not know the French names
_EQF_EN = {3: "vocational certificate, EQF 3", 4: "upper-secondary, EQF 4", 5: "2 years of higher education, EQF 5",
           6: "bachelor's level, EQF 6", 7: "master's level, EQF 7", 8: "doctorate, EQF 8"}

# name pattern, display name, kind, level, track (en, fr)
_AFTER_3E = ("after year 10 (3e)", "après la 3e")
_AFTER_BAC = ("after the baccalauréat", "après le bac")
_QUALIFICATIONS: list[tuple[str, str, QualificationKind, int | None, tuple[str, str] | None]] = [
    (r"\bCAPA?\b(?!\s*/)", "CAP", "diploma", 3, ("CAP: 2 years in a vocational school or as an apprentice, " + _AFTER_3E[0],
                                               "CAP : 2 ans en lycée professionnel ou en apprentissage, " + _AFTER_3E[1])),
    (r"\bCAP\s*/\s*BEP\b", "CAP/BEP", "diploma", 3, ("CAP: 2 years in a vocational school or as an apprentice, " + _AFTER_3E[0],
                                                   "CAP : 2 ans en lycée professionnel ou en apprentissage, " + _AFTER_3E[1])),
    (r"\bBEP\b", "BEP", "diploma", 3, None),
    (r"\bBac(?:calaur[ée]at)?\s+pro(?:fessionnel)?\b", "Bac pro", "diploma", 4,
     ("Bac pro: 3 years in a vocational school (or apprenticeship), " + _AFTER_3E[0],
      "Bac pro : 3 ans en lycée professionnel (ou en apprentissage), " + _AFTER_3E[1])),
    (r"\bBac\b(?!\s*\+)(?!\s+pro)", "Bac", "diploma", 4,
     ("Baccalauréat (general, technological or vocational): 3 years " + _AFTER_3E[0],
      "Baccalauréat (général, technologique ou professionnel) : 3 ans " + _AFTER_3E[1])),
    (r"\bBP\b|\bBrevet professionnel\b", "Brevet professionnel", "diploma", 4,
     ("Brevet professionnel: 2 years of apprenticeship after a CAP", "Brevet professionnel : 2 ans en apprentissage après un CAP")),
    (r"\bMC\b|\bmention compl[ée]mentaire\b", "Mention complémentaire", "diploma", None,
     ("Mention complémentaire: 1 year after a CAP or a Bac pro", "Mention complémentaire : 1 an après un CAP ou un Bac pro")),
    (r"\bBTSA?\b", "BTS", "diploma", 5, ("BTS: 2 years " + _AFTER_BAC[0], "BTS : 2 ans " + _AFTER_BAC[1])),
    (r"\bDUT\b|\bBUT\b", "BUT", "diploma", 6, ("BUT: 3 years at a university institute of technology, " + _AFTER_BAC[0],
                                               "BUT : 3 ans en IUT, " + _AFTER_BAC[1])),
    (r"\bLicence professionnelle\b", "Licence professionnelle", "diploma", 6,
     ("Licence professionnelle: 1 year after a BTS or 2 years of university", "Licence professionnelle : 1 an après un BTS ou deux ans d'université")),
    (r"\bLicence\b(?!\s+professionnelle)", "Licence", "diploma", 6, ("Licence: 3 years at university " + _AFTER_BAC[0],
                                                                     "Licence : 3 ans à l'université " + _AFTER_BAC[1])),
    (r"\bMaster\b", "Master", "diploma", 7, ("Master: 5 years of higher education " + _AFTER_BAC[0],
                                             "Master : 5 ans d'études supérieures " + _AFTER_BAC[1])),
    (r"\bdipl[ôo]me d'ing[ée]nieur\b", "Diplôme d'ingénieur", "diploma", 7,
     ("Engineering degree: 5 years " + _AFTER_BAC[0], "Diplôme d'ingénieur : 5 ans " + _AFTER_BAC[1])),
    (r"\bDoctorat\b", "Doctorat", "diploma", 8, None),
    (r"\bBPJEPS\b", "BPJEPS", "diploma", 4, ("BPJEPS (sport coaching diploma): about 1 year, from 18, often as an apprentice",
                                            "BPJEPS : environ 1 an, dès 18 ans, souvent en apprentissage")),
    (r"\bDEJEPS\b", "DEJEPS", "diploma", 5, None),
    (r"\bDESJEPS\b", "DESJEPS", "diploma", 6, None),
    (r"\bDEAES\b", "DEAES", "diploma", 3, ("DEAES (care and support diploma): 12 to 24 months of training, from 17",
                                          "DEAES : 12 à 24 mois de formation, dès 17 ans")),
    (r"\bDEAS\b", "DEAS", "diploma", 4, ("DEAS (nursing assistant diploma): about 1 year of training", "DEAS : environ 1 an de formation")),
    (r"\bDEAP\b", "DEAP", "diploma", 4, None),
    (r"\bDipl[ôo]me d'[EÉ]tat\b(?: d'| de | du )?[\w' -]{0,40}?(?=[,.;)]|\s+\(|$)", "Diplôme d'État", "diploma", None, None),
    (r"\bCQP\b|\bCertificat de Qualification Professionnelle\b", "CQP", "certificate", None, None),
    (r"\b[Tt]itre professionnel\b|\btitre à finalité professionnelle\b", "Titre professionnel", "certificate", None, None),
    (r"\bCACES\b", "CACES", "licence", None, None),
    (r"\bFIMO\b", "FIMO", "licence", None, None),
    (r"\bhabilitations? [ée]lectriques?\b", "Habilitation électrique", "licence", None, None),
    (r"\bpermis (?:de conduire )?(?:[BCD]E?|poids lourd)\b", "Permis", "licence", None, None),
    (r"\bSST\b", "SST", "certificate", None, None),
    (r"\bBAFA\b", "BAFA", "certificate", None, ("BAFA: from 17, a few weeks in holidays", "BAFA : dès 17 ans, quelques semaines pendant les vacances")),
    (r"\bBNSSA\b", "BNSSA", "certificate", None, None),
]
_LEVELS = re.compile(r"\bBac\s*\+\s*(\d)\b")
_WITHOUT = re.compile(r"sans (?:diplôme|qualification|formation) particuli[eè]re?|sans diplôme", re.IGNORECASE)
_ESCO_WORDS = re.compile(
    r"\b(degree|diploma|licen[cs]e|certificat\w*|qualification\w*|apprenticeship|vocational|accredit\w*|"
    r"registered|training|bachelor|master)\b",
    re.IGNORECASE,
)


def qualifications_in(text: str) -> list[Qualification]:
    """The qualifications a French *accès au métier* text names, in the order they first appear."""
    found: list[tuple[int, Qualification]] = []
    names: set[str] = set()
    for pattern, name, kind, level, track in _QUALIFICATIONS:
        match = re.search(pattern, text)
        if match and name not in names:
            if name == "Diplôme d'État" and re.search(r"\bDE[A-Z]{2,4}\b|\bD[EÉ]S?JEPS\b", text):
                continue
            display = match.group(0).strip() if name == "Diplôme d'État" else name
            names.add(name)
            found.append((match.start(), Qualification(
                name=display, kind=kind, level=level,
                track={"en": track[0], "fr": track[1]} if track else {})))
    for match in _LEVELS.finditer(text):
        years = int(match.group(1))
        name = f"Bac+{years}"
        if name not in names and 1 <= years <= 8:
            names.add(name)
            level = {2: 5, 3: 6, 4: 6, 5: 7}.get(years, 8 if years >= 6 else None)
            found.append((match.start(), Qualification(
                name=name, kind="level", level=level,
                track={"en": f"{years} years of higher education " + _AFTER_BAC[0],
                       "fr": f"{years} ans d'études supérieures " + _AFTER_BAC[1]})))
    if "CAP/BEP" in names:  # said together in one text, apart in another: once
        found = [(pos, q) for pos, q in found if q.name not in ("CAP", "BEP")]
    return [q for _, q in sorted(found, key=lambda x: x[0])]


def _esco_sentences(description: str, limit: int = 2) -> str:
    sentences = re.split(r"(?<=[.!?])\s+", description or "")
    return " ".join([s for s in sentences if _ESCO_WORDS.search(s)][:limit])


def access_route(kb: KnowledgeBase, target_uri: str, lang: str = "en") -> AccessRoute | None:
    """The way into an ESCO occupation (or None when the URI is not one)."""
    occupation = getattr(kb, "occupations", {}).get(target_uri)
    if occupation is None:
        return None
    rome = getattr(kb, "rome", None) or {}
    codes = [c for c in (getattr(occupation, "rome_codes", None) or []) if c in rome]
    texts = list(dict.fromkeys(rome[c].access for c in codes if getattr(rome[c], "access", "")))
    text_fr = "\n".join(texts)
    labels = getattr(occupation, "labels", {}) or {}
    return AccessRoute(
        target_uri=target_uri,
        target_label=labels.get(lang) or labels.get("en") or target_uri,
        rome_codes=codes,
        text_fr=text_fr,
        text_en=_esco_sentences((getattr(occupation, "description", {}) or {}).get("en", "")),
        qualifications=qualifications_in(text_fr),
        without_diploma=bool(_WITHOUT.search(text_fr)),
    )
