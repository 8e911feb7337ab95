"""Free-text interests (en/fr) → RIASEC letters and ROME "centres d'intérêt", offline.

"numbers, computers, solving problems" → I, C; "j'aime la création et m'occuper des enfants" → A, S
plus the centres d'intérêt "Je suis un / une artiste", "Je souhaite m'occuper d'enfants".
A keyword lexicon (word-prefix stems, accents folded) maps the text to the 30 ROME centres
d'intérêt and directly to RIASEC letters.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any, TypeAlias

from pydantic import BaseModel, Field

from tools.linking.text_normalisation import matches_stem, words

RIASEC = "RIASEC"

RIASEC_NAMES = {
    "en": {"R": "hands-on", "I": "investigative", "A": "artistic", "S": "social", "E": "enterprising", "C": "organised"},
    "fr": {"R": "concret", "I": "curieux", "A": "artistique", "S": "social", "E": "entreprenant", "C": "méthodique"},
}

# Direct RIASEC keywords (stems, accents folded; en and fr).
_RIASEC_STEMS: dict[str, list[str]] = {
    "R": ["hand", "manual", "build", "repair", "fix", "machin", "tool", "mechanic", "outdoor", "garden", "drive",
          "vehicle", "construct", "craft", "bricol", "repar", "construi", "mecani", "outil", "dehors", "plein air",
          "conduir", "manuel", "sport", "physical", "physique", "nature", "animal", "animaux", "cook", "cuisin"],
    "I": ["scien", "research", "recherch", "analy", "solv", "problem", "puzzle", "math", "comput", "ordinateur",
          "informati", "data", "donnee", "logic", "logiq", "understand", "comprendr", "experiment", "discover",
          "decouvr", "technolog", "code", "coding", "program"],
    "A": ["creat", "crea", "art$", "arts$", "artist", "music", "musiq", "design", "draw", "dessin", "paint", "peint", "writ", "ecri",
          "video", "photo", "film", "cinema", "theat", "danc", "dans", "fashion", "imagin", "jouer avec les mots",
          "story", "histoire"],
    "S": ["people", "gens", "help", "aider", "aide", "child", "kid", "enfant", "teach", "enseign", "transmet", "care",
          "soin", "soign", "occuper", "health", "sante", "communit", "social", "listen", "ecout", "coach", "team",
          "equipe", "contact", "person", "autres", "youth", "jeune", "elderly", "agee", "patient"],
    "E": ["sell", "sale", "vend", "vent", "lead", "dirig", "chef", "manag", "business", "affair", "entrepr",
          "persua", "convain", "negoti", "negoci", "commerc", "market", "organis event", "boss", "argent", "money"],
    "C": ["number", "chiffr", "figure", "account", "compta", "organi", "plan$", "planning", "planif", "order", "ordre", "rang", "admin",
          "spreadsheet", "tableur", "excel", "detail", "classif", "class", "budget", "gestion", "record",
          "rule", "regle", "calcul"],
}

# ROME 4.0 centres d'intérêt (unix_centre_interet): code → label (the knowledge base may keep either).
CENTRE_LABELS: dict[str, str] = {
    "1": "J'ai envie de créer, construire, rénover",
    "2": "J'ai l'âme d'un chef / d'une cheffe",
    "3": "J'ai le sens des affaires",
    "4": "J'ai le sens du contact",
    "5": "J'ai le sens du service public",
    "6": "J'ai le souci du détail",
    "7": "J'ai un bon coup de crayon",
    "8": "J'aime communiquer, convaincre",
    "9": "J'aime être au contact de la nature",
    "10": "J'aime faire des découvertes",
    "11": "J'aime faire respecter la loi, les règles",
    "12": "J'aime jouer avec les mots",
    "13": "J'aime l'activité physique",
    "14": "J'aime le travail manuel",
    "15": "J'aime manier les chiffres",
    "16": "J'aime me déplacer et voyager",
    "17": "J'aime m'occuper des animaux",
    "18": "J'aime organiser, planifier",
    "19": "J'aime piloter, conduire",
    "20": "Je souhaite contribuer à la protection de l'environnement",
    "21": "Je souhaite m'occuper d'enfants",
    "22": "Je souhaite prendre soin des autres",
    "23": "Je souhaite protéger et secourir",
    "24": "Je souhaite transmettre",
    "25": "Je suis amateur / amatrice de sensations fortes",
    "26": "Je suis attiré / attirée par l'envers du décor",
    "27": "Je suis passionné / passionnée par la cuisine",
    "28": "Je suis passionné / passionnée par les autres cultures",
    "29": "Je suis passionné / passionnée par les nouvelles technologies",
    "30": "Je suis un / une artiste",
}
CENTRE_CODES: dict[str, str] = {label: code for code, label in CENTRE_LABELS.items()}

# ROME centres d'intérêt (codes of unix_centre_interet) → stems that express them (en and fr).
CENTRE_STEMS: dict[str, list[str]] = {
    "1": ["creer", "create", "build", "construi", "renov", "batir"],
    "2": ["lead", "chef", "dirig", "manag", "boss", "encadr"],
    "3": ["business", "affair", "sell", "vend", "commerc", "entrepr", "money", "argent"],
    "4": ["contact", "people", "gens", "meet", "rencontr", "relation", "client", "customer"],
    "5": ["public service", "service public", "citizen", "citoyen", "state", "etat"],
    "6": ["detail", "precis", "meticul", "minutie"],
    "7": ["draw", "dessin", "crayon", "sketch", "illustr", "paint", "peint"],
    "8": ["communic", "convinc", "convain", "persua", "argument", "debat"],
    "9": ["nature", "outdoor", "plein air", "dehors", "forest", "foret", "plant", "jardin", "garden"],
    "10": ["discover", "decouv", "scien", "research", "recherch", "curio", "explor", "experiment"],
    "11": ["law", "loi", "rule", "regle", "justice", "police", "legal", "droit"],
    "12": ["word", "mots", "writ", "ecri", "read", "lire", "lectur", "languag", "langu", "story", "histoir", "journal"],
    "13": ["sport", "physical", "physiq", "fitness", "footbal", "running", "athlet", "gym"],
    "14": ["manual", "manuel", "hands", "craft", "artisan", "bricol", "repair", "repar", "fix", "wood", "bois"],
    "15": ["number", "chiffr", "math", "figure", "calcul", "account", "compta", "statist", "data", "donnee", "budget",
           "excel", "spreadsheet"],
    "16": ["travel", "voyag", "deplac", "trip", "abroad", "etranger"],
    "17": ["animal", "animaux", "pets", "dog", "chien", "horse", "cheval"],
    "18": ["organi", "plan$", "planning", "planif", "schedul", "coordin", "logist"],
    "19": ["driv", "conduir", "conduit", "pilot", "vehicle", "vehicul", "truck", "camion", "cars$", "car$", "voitur"],
    "20": ["environment", "environn", "ecolog", "climat", "planet", "green", "recycl", "sustainab", "durable"],
    "21": ["child", "kid", "enfant", "baby", "bebe", "babysit", "nanny", "youth", "jeune"],
    "22": ["care", "soin", "soign", "help", "aider", "aide", "health", "sante", "elderly", "agee", "patient", "nurs"],
    "23": ["protect", "proteg", "rescue", "secour", "safety", "securit", "firefight", "pompier", "emergenc", "urgen"],
    "24": ["teach", "enseign", "transmet", "train", "explain", "expliqu", "coach", "tutor", "mentor"],
    "25": ["thrill", "sensation", "adrenal", "extreme", "risk", "risqu"],
    "26": ["behind the scene", "coulisse", "envers du decor", "backstage"],
    "27": ["cook", "cuisin", "food", "pastry", "patiss", "chef cuisin", "bak", "boulang"],
    "28": ["culture", "cultur", "foreign", "etrang", "languag", "langu", "international"],
    "29": ["comput", "ordinateur", "informati", "technolog", "digital", "numeriq", "internet", "code", "coding",
           "program", "video game", "jeux video", "tech", "robot"],
    "30": ["art$", "arts$", "artist", "music", "musiq", "creat", "creation", "video", "film", "photo", "theat", "danc",
           "design", "fashion", "paint", "peint"],
}


class InterestProfile(BaseModel):
    """Interests resolved from the person's words."""

    text: str = ""
    riasec: dict[str, float] = Field(default_factory=dict)  # letter → weight in [0, 1]
    centres: list[str] = Field(default_factory=list)  # ROME centre d'intérêt codes

    @property
    def letters(self) -> str:
        return "".join(sorted((k for k, v in self.riasec.items() if v > 0), key=lambda k: -self.riasec[k]))

    @property
    def is_empty(self) -> bool:
        return not self.riasec and not self.centres


def _stem_hits(tokens: list[str], stems: list[str]) -> int:
    return sum(1 for stem in stems if matches_stem(tokens, stem))



# Interests as the rankers take them: free text or RIASEC letters, words, a mapping (its "text") or parsed
InterestsGiven: TypeAlias = InterestProfile | dict[str, Any] | list[str] | tuple[str, ...] | set[str] | str | None

def parse_interests(value: InterestsGiven, centre_riasec: dict[str, dict[str, float]] | None = None) -> InterestProfile:
    """Interests given as free text, a list of words or RIASEC letters, or an InterestProfile.

    ``centre_riasec`` (centre code → RIASEC distribution of its ROME occupations, from the knowledge
    base) lets a matched centre d'intérêt add its letters too.
    """
    if value is None:
        return InterestProfile()
    if isinstance(value, InterestProfile):
        return value
    if isinstance(value, dict):
        value = value.get("text") or " ".join(str(v) for v in value.values())
    if isinstance(value, (list, tuple, set)):
        value = ", ".join(str(v) for v in value)
    text = str(value).strip()
    if not text:
        return InterestProfile()
    # Bare RIASEC code such as "SAE" or "I, C".
    compact = text.replace(",", "").replace(" ", "")
    if 0 < len(compact) <= 6 and compact.isupper() and set(compact) <= set(RIASEC):
        return InterestProfile(text=text, riasec={letter: 1.0 - 0.15 * i for i, letter in enumerate(compact)})

    tokens = words(text)
    scores: defaultdict[str, float] = defaultdict(float)
    for letter, stems in _RIASEC_STEMS.items():
        hits = _stem_hits(tokens, stems)
        if hits:
            scores[letter] += hits
    centres = [code for code, stems in CENTRE_STEMS.items() if _stem_hits(tokens, stems)]
    if centre_riasec:
        for code in centres:
            for letter, weight in centre_riasec.get(code, {}).items():
                scores[letter] += 0.5 * weight
    top = max(scores.values(), default=0)
    riasec = {letter: round(score / top, 3) for letter, score in scores.items() if top and score > 0}
    return InterestProfile(text=text, riasec=riasec, centres=centres)


def riasec_affinity(interests: InterestProfile, major: str | None, minor: str | None) -> float:
    """How well an occupation's RIASEC code (major, minor letter) fits the interests, in [0, 1]."""
    if not interests.riasec or not major:
        return 0.0
    value = interests.riasec.get(major, 0.0)
    if minor:
        value = max(value, 0.6 * interests.riasec.get(minor, 0.0)) + 0.2 * interests.riasec.get(minor, 0.0)
    return min(1.0, value)
