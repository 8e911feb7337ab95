"""Field normalisation for catalog rows: column aliases, skill lists, durations, levels."""

from __future__ import annotations

import html
import json
import re
from typing import Any

from tools.linking.text_normalisation import fold

TITLE = ("title", "course", "name", "job_title", "jobtitle", "titre", "intitule", "libelle")
URL = ("url", "link", "href", "lien", "@id")
DESCRIPTION = ("description", "summary", "resume", "abstract")
PROVIDER = ("provider", "partner", "organization", "organisation", "organisme", "institution", "university")
EMPLOYER = ("employer", "company", "hiringorganization", "organization", "organisation", "entreprise", "employeur")
LOCATION = ("location", "joblocation", "city", "ville", "lieu", "region", "address")
LEVEL = ("level", "educationallevel", "niveau", "difficulty")
DURATION = ("duration", "timerequired", "duree", "length")
SCHEDULE = ("schedule", "courseschedule", "rythme", "horaires")
LANGUAGE = ("language", "inlanguage", "langue")
RATING = ("rating", "note", "aggregaterating")
SKILLS = ("skills", "skill_name", "skill_names", "teaches", "competences", "skills_text", "keywords")
SKILL_URIS = ("skill_uris", "esco_skills", "esco_uris")
WEIGHTS = ("skill_prob_avg", "skill_weights", "weights")
ID = ("id", "identifier", "course_id", "job_id", "offer_id", "ref", "reference", "__index_level_0__")
OCCUPATION = ("occupation_uri", "occupationalcategory", "esco_occupation", "occupation")


def _key(name: str) -> str:
    return re.sub(r"[^a-z0-9_@]", "", fold(name).replace(" ", "_"))


def normalised_keys(row: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for k, v in row.items():
        if k is None:
            continue
        out.setdefault(_key(str(k)), v)
    return out


def pick(row: dict[str, Any], names: tuple[str, ...]) -> Any:
    for name in names:
        value = row.get(name)
        if value not in (None, "", []):
            return value
    return None


def text_of(value: Any) -> str | None:
    """A display string from a plain value or a schema.org object (name / addressLocality / value)."""
    if value is None:
        return None
    if isinstance(value, dict):
        for key in ("name", "addressLocality", "value", "@value", "description"):
            if value.get(key):
                return text_of(value[key])
        address = value.get("address")
        if address:
            return text_of(address)
        parts = [value.get(k) for k in ("addressLocality", "addressRegion", "addressCountry") if value.get(k)]
        return ", ".join(str(p) for p in parts) if parts else None
    if isinstance(value, list):
        texts = [text_of(v) for v in value]
        return "; ".join(t for t in texts if t) or None
    text = html.unescape(str(value)).strip()  # "Color &amp; Concept" → "Color & Concept"
    return text or None


def skill_items(value: Any) -> list[str]:
    """Skills given as a JSON list string, a ';'/'|'/','-separated string, a list, or schema.org DefinedTerms."""
    if value is None:
        return []
    if isinstance(value, str):
        text = value.strip()
        if text.startswith("["):
            try:
                return skill_items(json.loads(text))
            except json.JSONDecodeError:
                text = text.strip("[]")
        sep = ";" if ";" in text else ("|" if "|" in text else ("\n" if "\n" in text else ","))
        return [s.strip().strip("'\"").strip() for s in text.split(sep) if s.strip().strip("'\"").strip()]
    if isinstance(value, dict):
        # schema.org DefinedTerm: prefer an ESCO URI, else the name.
        for key in ("url", "@id", "termCode", "sameAs"):
            ref = value.get(key)
            if isinstance(ref, str) and "data.europa.eu/esco/skill/" in ref:
                return [ref]
        name = value.get("name") or value.get("@value")
        return [str(name).strip()] if name else []
    if isinstance(value, (list, tuple)):
        out: list[str] = []
        for item in value:
            if isinstance(item, str):  # one list element is one skill, even with commas in it
                if item.strip():
                    out.append(item.strip())
            else:
                out.extend(skill_items(item))
        return out
    if hasattr(value, "tolist"):
        return skill_items(value.tolist())
    return [str(value).strip()] if str(value).strip() else []


def weights_of(value: Any) -> list[float]:
    if value is None:
        return []
    if hasattr(value, "tolist"):
        value = value.tolist()
    if isinstance(value, str):
        value = json.loads(value) if value.strip().startswith("[") else value.split(";")
    return [float(v) for v in value]


_ISO = re.compile(r"^P(?:(\d+(?:\.\d+)?)Y)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)W)?(?:(\d+(?:\.\d+)?)D)?"
                  r"(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$")
_UNITS = {
    "hour": 1 / 40, "heure": 1 / 40, "hr": 1 / 40, "h": 1 / 40,
    "day": 1 / 5, "jour": 1 / 5,
    "week": 1.0, "semaine": 1.0, "wk": 1.0,
    "month": 4.345, "mois": 4.345,
    "year": 52.0, "an": 52.0, "annee": 52.0,
}


def duration_weeks(value: Any) -> float | None:
    """'1 - 4 Weeks' → 4, '3 - 6 Months' → 26, 'Less Than 2 Hours' → 0.05, 'PT10H' → 0.25, '3 mois' → 13."""
    if value is None:
        return None
    if isinstance(value, (int, float)):
        return float(value)
    text = str(value).strip()
    if not text:
        return None
    iso = _ISO.match(text.upper())
    if iso and any(iso.groups()):
        y, mo, w, d, h, mi, s = (float(g) if g else 0.0 for g in iso.groups())
        return round(y * 52 + mo * 4.345 + w + d / 5 + h / 40 + mi / 2400 + s / 144000, 3)
    folded = fold(text)
    numbers = [float(n.replace(",", ".")) for n in re.findall(r"\d+(?:[.,]\d+)?", folded)]
    for unit, factor in sorted(_UNITS.items(), key=lambda x: -len(x[0])):
        if re.search(rf"\b{unit}s?\b", folded):
            if not numbers:
                return None
            return round(max(numbers) * factor, 3)
    return None


def level_of(value: Any) -> str | None:
    if value is None:
        return None
    text = fold(str(text_of(value) or "")).strip()
    if not text:
        return None
    for key, names in (
        ("beginner", ("beginner", "debutant", "introductory", "introduction", "novice", "basic", "entry")),
        ("intermediate", ("intermediate", "intermediaire")),
        ("advanced", ("advanced", "avance", "expert")),
        ("mixed", ("mixed", "all levels", "tous niveaux", "mixte")),
    ):
        if any(n in text for n in names):
            return key
    return text[:60]
