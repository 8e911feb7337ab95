"""Search structures over the catalog, rebuilt when the catalog changes: a TF-IDF index of course
texts (fallback when no course is linked to a gap skill) and a sparse job × skill matrix."""

from __future__ import annotations

import threading
from typing import Any

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer

from tools.career.catalog_records import CourseRecord, JobRecord

_LOCK = threading.Lock()


class CourseTextIndex:
    def __init__(self, courses: list[CourseRecord]):
        self.courses = courses
        texts = [" ".join([c.title, " ".join(c.skills_text), c.description or ""]) for c in courses]
        self.vectorizer = TfidfVectorizer(ngram_range=(1, 2), min_df=1, sublinear_tf=True, strip_accents="unicode")
        self.matrix = self.vectorizer.fit_transform(texts) if texts else None

    def similar(self, query: str) -> np.ndarray:
        if self.matrix is None or not query.strip():
            return np.zeros(len(self.courses), np.float32)
        q = self.vectorizer.transform([query])
        return np.asarray((self.matrix @ q.T).todense()).ravel().astype(np.float32)


class JobSkillMatrix:
    def __init__(self, jobs: list[JobRecord]):
        self.jobs = jobs
        vocab: dict[str, int] = {}
        rows, cols, vals = [], [], []
        for i, job in enumerate(jobs):
            weights = job.skill_weights if len(job.skill_weights) == len(job.skill_uris) else [1.0] * len(job.skill_uris)
            for uri, w in zip(job.skill_uris, weights):
                j = vocab.setdefault(uri, len(vocab))
                rows.append(i)
                cols.append(j)
                vals.append(float(w) or 1.0)
        self.vocab = vocab
        self.uris = list(vocab)
        shape = (len(jobs), max(len(vocab), 1))
        self.weights = sparse.csr_matrix((np.asarray(vals, np.float32), (rows, cols)), shape=shape)
        self.weights.sum_duplicates()
        df = np.asarray((self.weights > 0).sum(axis=0)).ravel()
        self.idf = (np.log((len(jobs) + 1.0) / (df + 1.0)) + 1.0).astype(np.float32)
        self.weighted = self.weights.multiply(self.idf).tocsr()
        self.row_total = np.asarray(self.weighted.sum(axis=1)).ravel()


def _cache(catalog: Any) -> dict:
    """The catalog store's cache slot (a plain list of records gets a fresh one each call)."""
    if isinstance(catalog, (list, tuple)):
        return {}
    cache = getattr(catalog, "_search_cache", None)
    if cache is None:
        cache = {}
        catalog._search_cache = cache
    return cache


def course_index(catalog: Any, courses: list[CourseRecord]) -> CourseTextIndex:
    with _LOCK:
        cache = _cache(catalog)
        key = ("courses", id(courses), len(courses))
        if cache.get("course_key") != key:
            cache["course_index"] = CourseTextIndex(courses)
            cache["course_key"] = key
        return cache["course_index"]


def job_matrix(catalog: Any, jobs: list[JobRecord]) -> JobSkillMatrix:
    with _LOCK:
        cache = _cache(catalog)
        key = ("jobs", id(jobs), len(jobs))
        if cache.get("job_key") != key:
            cache["job_matrix"] = JobSkillMatrix(jobs)
            cache["job_key"] = key
        return cache["job_matrix"]
