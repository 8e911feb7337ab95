"""Job offers ranked by skill match with a profile (and the chosen target, when there is one).

Toward a target, an offer must be about that job: its title close to the target occupation's
labels (:data:`MIN_TITLE_RELEVANCE` through the Chroma index of the catalog when one is given), or
the offer linked to the target occupation. Each offer shows its place (from the record, or the
title's trailing "City, ST" part); with a place wanted, an offer elsewhere in another country is
left out. Bundled sample offers are demo data and say so.

score = harmonic mean of coverage (IDF- and offer-weighted share of the offer's skills the person has)
        and use (IDF-weighted share of the person's skills the offer asks for), so that neither a
        two-skill offer nor a catch-all offer wins by itself
      [+ 0.3 × share of the target occupation's essential skills the offer asks for, when a target is given]
      [× 1.2 when the offer's location matches the preferred one].
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import numpy as np

from knowledge.errors import KnowledgeBaseMissing
from knowledge.kb_cache import cached_for_kb
from tools.career.models import JobMatch, SkillRef
from tools.career.preferences import PreferencesGiven, parse_preferences
from tools.catalog.index import job_matrix
from tools.catalog.records import DEMO_SOURCES, JobRecord
from tools.linking.text_normalisation import fold

if TYPE_CHECKING:
    from knowledge.base import KnowledgeBase

MAX_LISTED = 8
MIN_TITLE_RELEVANCE = 0.6  # cosine of an offer's title to the target occupation's label
_US_PLACE = re.compile(r"(?:^|\s[-–|,]\s*|\()([A-Z][A-Za-z.']*(?: [A-Z][A-Za-z.']*){0,3},\s*[A-Z]{2})\)?\s*$")
_US_STATES = set("AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND "
                 "OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY DC".split())
_COUNTRY_WORDS = {"france": "FR", "french": "FR", "belgique": "BE", "belgium": "BE", "suisse": "CH", "switzerland": "CH",
                  "uk": "GB", "united kingdom": "GB", "england": "GB", "usa": "US", "united states": "US",
                  "canada": "CA", "quebec": "CA", "germany": "DE", "allemagne": "DE", "spain": "ES", "espagne": "ES"}


def job_place(job: JobRecord) -> tuple[str | None, str | None]:
    """(place, ISO country) of an offer: its location, else a trailing "City, ST" in its title."""
    place = job.location
    if not place:
        match = _US_PLACE.search(job.title)
        if match:
            place = match.group(1).strip()
    if not place:
        return None, None
    tail = place.rsplit(",", 1)[-1].strip()
    country = "US" if tail in _US_STATES else None
    folded = fold(place)
    for word, code in _COUNTRY_WORDS.items():
        if word in folded:
            country = code
    return place, country


def person_country(preferences: Any, lang: str) -> str | None:
    """The country the person wants to work in: named in their preferences, else France for French."""
    text = fold(str(getattr(preferences, "text", "") or preferences or ""))
    for word, code in _COUNTRY_WORDS.items():
        if re.search(rf"\b{re.escape(word)}\b", text):
            return code
    return "FR" if lang == "fr" else None


def _jobs_of(catalog: Any) -> list[JobRecord]:
    if isinstance(catalog, (list, tuple)):
        return list(catalog)
    jobs: list[JobRecord] = catalog.jobs()
    return jobs


def match_jobs(
    catalog: Any,
    skill_uris: Iterable[str],
    kb: KnowledgeBase | None = None,
    target_uri: str | None = None,
    preferences: PreferencesGiven = None,
    k: int = 10,
    lang: str = "en",
    retrieval: Any = None,
) -> list[JobMatch]:
    jobs = _jobs_of(catalog)
    held = list(dict.fromkeys(skill_uris))
    if not jobs or not held or k <= 0:
        return []
    kb = kb if kb is not None else getattr(catalog, "kb", None)
    prefs = parse_preferences(preferences)
    m = job_matrix(catalog, jobs)
    person = np.zeros(m.weighted.shape[1], np.float32)
    idx = [m.vocab[u] for u in held if u in m.vocab]
    if not idx:
        return []
    person[idx] = 1.0
    matched = np.asarray(m.weighted @ person).ravel()
    coverage = matched / np.maximum(m.row_total, 1e-6)
    binary = m.binary
    used = np.asarray(m.binary_idf @ person).ravel() / max(float(m.idf[idx].sum()), 1e-6)
    score = 2.0 * coverage * used / np.maximum(coverage + used, 1e-6)
    if target_uri and kb is not None and target_uri in getattr(kb, "occupations", {}):
        target = np.zeros_like(person)
        t_idx = [m.vocab[u] for u in kb.occupations[target_uri].essential_skills if u in m.vocab]
        if t_idx:
            target[t_idx] = 1.0
            score = score + 0.3 * np.asarray(binary @ target).ravel() / len(t_idx)
    if len(m.places) != len(jobs):  # read once per catalog, kept with its matrix
        m.places = [job_place(j) for j in jobs]
    places = m.places
    if prefs.location:
        wanted = fold(prefs.location)
        boost = np.fromiter((1.2 if p and wanted in fold(p) else 1.0 for p, _ in places), np.float32, count=len(jobs))
        score = score * boost
    country = person_country(prefs, lang)
    if country or prefs.location:  # an offer in another country than the one wanted is no match
        keep = np.fromiter((c is None or c == (country or c) for _, c in places), bool, count=len(jobs))
        score = np.where(keep, score, 0.0)
    relevance = np.zeros(len(jobs), np.float32)
    if target_uri and kb is not None and target_uri in getattr(kb, "occupations", {}):
        relevance = _title_relevance(kb, jobs, target_uri, retrieval, lang, m.position)
        linked = np.fromiter((j.occupation_uri == target_uri for j in jobs), bool, count=len(jobs))
        about = linked | (relevance >= MIN_TITLE_RELEVANCE) if retrieval is not None else linked | (relevance > 0)
        score = np.where(about, score * (0.5 + relevance), 0.0)
    order = np.argsort(-score, kind="stable")[:k]
    held_set = set(held)

    def name(uri: str) -> str:
        return kb.label(uri, lang) if kb is not None else uri

    def name_in(uri: str, lg: str) -> str:
        return kb.label(uri, lg) if kb is not None else uri

    out = []
    for i in order:
        if score[i] <= 0:
            break
        job = jobs[int(i)]
        weights = job.skill_weights if len(job.skill_weights) == len(job.skill_uris) else [1.0] * len(job.skill_uris)
        ranked = sorted(zip(job.skill_uris, weights), key=lambda x: -x[1])
        matching = [SkillRef(uri=u, label=name(u)) for u, _ in ranked if u in held_set][:MAX_LISTED]
        missing = [SkillRef(uri=u, label=name(u)) for u, _ in ranked if u not in held_set][:MAX_LISTED]
        place, job_country = places[int(i)]
        demo = job.source in DEMO_SOURCES
        why = {}
        for lg in ("en", "fr"):
            names = ", ".join(s.label for s in matching[:4]) if lg == lang else \
                ", ".join(name_in(s.uri, lg) for s in matching[:4])
            where = place or ("place not given" if lg == "en" else "lieu non précisé")
            why[lg] = (f"{where}. Uses your skills: {names}." if lg == "en" else f"{where}. Utilise vos compétences : {names}.")
            if demo:
                why[lg] += " (Demo offer.)" if lg == "en" else " (Offre de démonstration.)"
        out.append(JobMatch(id=job.id, url=job.url, title=job.title, location=place, country=job_country,
                            score=round(float(score[i]), 4), matching_skills=matching, missing_skills=missing,
                            employer=job.employer, source=job.source, relevance=round(float(relevance[int(i)]), 4),
                            demo=demo, why=why))
    return out


def _occupation_rows(kb: Any) -> tuple[Any, dict[str, list[int]]] | None:
    """The knowledge base's occupation label matrix and, per occupation, its label rows (en, fr)."""
    def build() -> tuple[Any, dict[str, list[int]]] | None:
        try:
            matrix = kb.vectors("occupations")
        except (KnowledgeBaseMissing, FileNotFoundError):
            return None
        rows: dict[str, list[int]] = {}
        for i, (uri, lg, field) in enumerate(zip(matrix.uris, matrix.langs, matrix.fields)):
            if lg in ("en", "fr") and field in ("label", "alt"):
                rows.setdefault(uri, []).append(i)
        return matrix, rows

    if not hasattr(kb, "vectors"):
        return None
    return cached_for_kb(kb, "occupation_label_rows", build)


def _label_vectors(kb: Any, uri: str, lang: str) -> np.ndarray | None:
    """The target occupation's label vectors from the knowledge base (preferred labels first; nothing encoded)."""
    found = _occupation_rows(kb)
    if found is None or uri not in found[1]:
        return None
    matrix, rows = found
    ordered = sorted(rows[uri], key=lambda i: (matrix.fields[i] != "label", matrix.langs[i] not in ("en", lang)))[:8]
    return np.asarray(matrix.vectors[np.asarray(ordered)], dtype=np.float32)


def _title_relevance(kb: Any, jobs: list[JobRecord], target_uri: str, retrieval: Any, lang: str,
                     position: dict[str, int]) -> np.ndarray:
    """Per offer, how close its title is to the target occupation: cosine through the Chroma index
    (the target's preferred and alternative labels, best of), else shared title words."""
    occupation = kb.occupations[target_uri]
    labels = [occupation.labels.get(lg) for lg in ("en", lang) if occupation.labels.get(lg)]
    labels += list((occupation.alt_labels or {}).get("en", []))[:4]
    labels = list(dict.fromkeys(labels))
    out = np.zeros(len(jobs), np.float32)
    if retrieval is not None:
        index = retrieval.jobs(jobs)
        pos = position
        vectors = _label_vectors(kb, target_uri, lang)
        if vectors is None:
            vectors = retrieval.encode(labels)
        for hits in retrieval.nearest_many(index, vectors, 200, MIN_TITLE_RELEVANCE):
            for job_id, sim in hits.items():
                n = pos.get(job_id)
                if n is not None:
                    out[n] = max(out[n], sim)
        return out
    wanted = [set(fold(x).split()) for x in labels]
    for n, job in enumerate(jobs):
        title = set(fold(job.title).replace("-", " ").split())
        share = max((len(title & w) / len(w) for w in wanted if w), default=0.0)
        out[n] = share if share >= 0.5 else 0.0
    return out
