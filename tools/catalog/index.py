"""Search structures over the catalog, rebuilt when the catalog changes: a TF-IDF index of course
texts (fallback when no course is linked to a gap skill) and a sparse job × skill matrix."""

from __future__ import annotations

import threading
from typing import Any

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer

from tools.catalog.records import CourseRecord, JobRecord

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
        self.binary = self.weighted.copy()  # which skills each offer asks for (1.0), and weighted by idf
        self.binary.data[:] = 1.0
        self.binary_idf = self.binary.multiply(self.idf).tocsr()
        self.position = {job.id: n for n, job in enumerate(jobs)}
        self.places: list[tuple[str | None, str | None]] = []  # (place, country) of each offer, set by tools.career.jobs


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


COURSES_COLLECTION = "catalog_courses"
QUERY_CACHE_SIZE = 2048
QUERY_CACHE_CHARS = 600
JOBS_COLLECTION = "catalog_jobs"


def course_text(course: CourseRecord) -> str:
    """What a course is about, as embedded: its title, its skills, the start of its description."""
    parts = [course.title]
    if course.skills_text:
        parts.append(", ".join(course.skills_text[:12]))
    if course.description:
        parts.append(course.description[:300])
    return ". ".join(parts)


def job_text(job: JobRecord) -> str:
    """What a job offer is, as embedded: its title (the occupation it names)."""
    return job.title


def _content_key(model: str, texts: list[str], ids: list[str]) -> str:
    import hashlib

    digest = hashlib.sha256(model.encode())
    for i, text in zip(ids, texts):
        digest.update(i.encode())
        digest.update(b"\0")
        digest.update(text.encode())
        digest.update(b"\1")
    return digest.hexdigest()[:32]


class CatalogRetrieval:
    """Courses and job offers found by meaning through the Chroma index (embedded under the
    knowledge folder, or a Chroma server when one is configured): each catalog is embedded once per
    content (its records' key is kept in the collection's metadata) and queried per plan."""

    def __init__(self, client: Any, embedder: Any, model_name: str = ""):
        self._client = client
        self._embedder = embedder
        self.model_name = model_name
        self._lock = threading.Lock()
        self._client_lock = threading.Lock()
        self._ready: dict[str, str] = {}
        self._queries: dict[str, np.ndarray] = {}
        self._by_list: dict[str, tuple[list[Any], int, Any]] = {}

    def client(self) -> Any:
        """The Chroma client, opened on first need by one thread (two opening one store at once fail)."""
        with self._client_lock:
            if callable(self._client) and not hasattr(self._client, "list_collections"):
                self._client = self._client()
            return self._client

    def embedder(self) -> Any:
        if callable(self._embedder) and not hasattr(self._embedder, "encode"):
            self._embedder = self._embedder()
        return self._embedder

    def _encode_records(self, texts: list[str]) -> np.ndarray:
        vectors = np.asarray(self.embedder().encode(list(texts)), dtype=np.float32)
        return vectors / np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-9)

    def encode(self, texts: list[str]) -> np.ndarray:
        """Unit vectors of ``texts``; short query texts are remembered (a plan is often drawn again)."""
        texts = list(texts)
        missing = [t for t in dict.fromkeys(texts) if t not in self._queries]
        if missing:
            vectors = np.asarray(self.embedder().encode(missing), dtype=np.float32)
            vectors = vectors / np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-9)
            with self._lock:
                for text, vector in zip(missing, vectors):
                    if len(text) <= QUERY_CACHE_CHARS:
                        self._queries[text] = vector
                        if len(self._queries) > QUERY_CACHE_SIZE:
                            self._queries.pop(next(iter(self._queries)))
            found = dict(zip(missing, vectors))
        else:
            found = {}
        dim = next(iter(found.values())).shape[0] if found else (next(iter(self._queries.values())).shape[0]
                                                                 if self._queries else 0)
        if not texts:
            return np.zeros((0, dim), np.float32)
        return np.stack([found[t] if t in found else self._queries[t] for t in texts])

    def _index(self, name: str, ids: list[str], texts: list[str], metadatas: list[dict]) -> Any:
        from knowledge.index import RecordIndex

        key = _content_key(self.model_name or type(self.embedder()).__name__, texts, ids)
        index = RecordIndex(self.client(), name)
        with self._lock:
            if self._ready.get(name) != key and index.content_key() != key:
                vectors = self._encode_records(texts) if texts else np.zeros((0, 1), np.float32)
                index.replace(ids, vectors, metadatas, key)
            self._ready[name] = key
        return index

    def _index_of(self, name: str, records: list[Any], build: Any) -> Any:
        """The index of ``records``, checked against its content once per list the catalog hands out
        (the store gives the same list until its records change; the list is kept so its id stays its own)."""
        known = self._by_list.get(name)
        if known is not None and known[0] is records and known[1] == len(records):
            return known[2]
        index = build()
        self._by_list[name] = (records, len(records), index)
        return index

    def courses(self, courses: list[CourseRecord]) -> Any:
        return self._index_of(COURSES_COLLECTION, courses, lambda: self._index(
            COURSES_COLLECTION, [c.id for c in courses], [course_text(c) for c in courses],
            [{"source": c.source, "language": c.language or ""} for c in courses]))

    def jobs(self, jobs: list[JobRecord]) -> Any:
        return self._index_of(JOBS_COLLECTION, jobs, lambda: self._index(
            JOBS_COLLECTION, [j.id for j in jobs], [job_text(j) for j in jobs], [{"source": j.source} for j in jobs]))

    def nearest(self, index: Any, vector: np.ndarray, top_k: int, min_score: float) -> dict[str, float]:
        """Record id → cosine similarity, for the ``top_k`` nearest at or above ``min_score``."""
        return {i: s for i, s in index.query(vector, top_k=top_k) if s >= min_score}

    def nearest_many(self, index: Any, vectors: np.ndarray, top_k: int, min_score: float) -> list[dict[str, float]]:
        """:meth:`nearest` for several query vectors, in one request."""
        return [{i: s for i, s in hits if s >= min_score} for hits in index.query_many(vectors, top_k=top_k)]
