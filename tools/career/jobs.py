"""Job offers ranked by skill match with a profile (and the chosen target, when there is one).

score = harmonic mean of coverage (IDF- and offer-weighted share of the offer's skills the person has)
        and use (IDF-weighted share of the person's skills the offer asks for), so that neither a
        two-skill offer nor a catch-all offer wins by itself
      [+ 0.3 × share of the target occupation's essential skills the offer asks for, when a target is given]
      [× 1.2 when the offer's location matches the preferred one].
"""

from __future__ import annotations

from typing import Any, Iterable

import numpy as np

from tools.career.catalog_index import job_matrix
from tools.career.catalog_records import JobRecord
from tools.career.models import JobMatch, SkillRef
from tools.career.preferences import parse_preferences
from tools.career.text_normalisation import fold

MAX_LISTED = 8


def _jobs_of(catalog: Any) -> list[JobRecord]:
    if isinstance(catalog, (list, tuple)):
        return list(catalog)
    return catalog.jobs()


def match_jobs(
    catalog: Any,
    skill_uris: Iterable[str],
    kb: Any = None,
    target_uri: str | None = None,
    preferences: object = None,
    k: int = 10,
    lang: str = "en",
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
    binary = m.weighted.copy()
    binary.data[:] = 1.0
    used = np.asarray(binary.multiply(m.idf) @ person).ravel() / max(float(m.idf[idx].sum()), 1e-6)
    score = 2.0 * coverage * used / np.maximum(coverage + used, 1e-6)
    if target_uri and kb is not None and target_uri in getattr(kb, "occupations", {}):
        target = np.zeros_like(person)
        t_idx = [m.vocab[u] for u in kb.occupations[target_uri].essential_skills if u in m.vocab]
        if t_idx:
            target[t_idx] = 1.0
            score = score + 0.3 * np.asarray(binary @ target).ravel() / len(t_idx)
    if prefs.location:
        wanted = fold(prefs.location)
        boost = np.fromiter((1.2 if j.location and wanted in fold(j.location) else 1.0 for j in jobs), np.float32, count=len(jobs))
        score = score * boost
    order = np.argsort(-score, kind="stable")[:k]
    held_set = set(held)

    def name(uri: str) -> str:
        return kb.label(uri, lang) if kb is not None else uri

    out = []
    for i in order:
        if score[i] <= 0:
            break
        job = jobs[int(i)]
        weights = job.skill_weights if len(job.skill_weights) == len(job.skill_uris) else [1.0] * len(job.skill_uris)
        ranked = sorted(zip(job.skill_uris, weights), key=lambda x: -x[1])
        matching = [SkillRef(uri=u, label=name(u)) for u, _ in ranked if u in held_set][:MAX_LISTED]
        missing = [SkillRef(uri=u, label=name(u)) for u, _ in ranked if u not in held_set][:MAX_LISTED]
        out.append(JobMatch(id=job.id, url=job.url, title=job.title, location=job.location, score=round(float(score[i]), 4),
                            matching_skills=matching, missing_skills=missing, employer=job.employer, source=job.source))
    return out
