"""Link the free-text skills of catalog records to ESCO at import time.

In order: an ESCO skill URI is kept as is; an exact preferred/alternative label (any language,
case-insensitive) through the knowledge base; else, for all remaining distinct texts of a file at
once, the nearest ESCO skill labels by embedding (the knowledge base's label vectors and the
injected embedder, one batch: a catalog of a thousand courses links in seconds); else, when only a
linking engine is given, ``SkillLinker.link_skills`` text by text. Each distinct text is linked once.

A course is also linked to the skills it is *about* (:meth:`SkillResolver.subjects`): the ESCO skills
whose preferred label is closest in meaning to the course's title, listed skills and description
(method ``subject``). Those links, with the ones above, are the one source of what a course covers:
the recommender and every check read them, nothing re-matches at run time.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

import numpy as np

from tools.catalog.index import course_text
from tools.catalog.records import CourseRecord, SkillLink
from tools.linking.skill_equivalence import SkillVectors

LINKER_TOP_K = 3
# Keep a second or third candidate only when it scores close to the first.
LINKER_RELATIVE_FLOOR = 0.92
# Cosine similarity (all-MiniLM-L6-v2) below which a label is not taken as the same skill.
DENSE_MIN_SCORE = 0.65
DENSE_CLOSE = 0.03
DENSE_MAX_LINKS = 2
# Cosine similarity of a course (its indexed text) to a skill's preferred label from which the course is
# about that skill, and how many such skills a course keeps at most (the closest first).
SUBJECT_MIN_SCORE = 0.5
SUBJECT_MAX_LINKS = 24


def _unit(vectors: Any) -> np.ndarray:
    vectors = np.asarray(vectors, dtype=np.float32)
    return vectors / np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-9)


def _materialise(value: Any, attribute: str) -> Any:
    """A service given as a factory (built on first need) or as itself."""
    if callable(value) and not hasattr(value, attribute):
        return value()
    return value


class SkillResolver:
    def __init__(self, kb: Any, linker: Any | Callable[[], Any] | None = None, lang: str = "en",
                 embedder: Any | Callable[[], Any] | None = None):
        self.kb = kb
        self._linker = linker
        self._embedder = embedder
        self.lang = lang
        self._cache: dict[str, list[SkillLink]] = {}
        self.used_linker = False

    @property
    def linker(self) -> Any | None:
        self._linker = _materialise(self._linker, "link_skills")
        return self._linker

    @property
    def embedder(self) -> Any | None:
        self._embedder = _materialise(self._embedder, "encode")
        return self._embedder

    def _loaded_embedder(self) -> Any:
        """The embedder, where the caller checked there is one."""
        embedder = self.embedder
        if embedder is None:
            raise RuntimeError("no embedder to encode skill texts with")
        return embedder

    def resolve(self, text: str) -> list[SkillLink]:
        key = text.strip()
        if not key:
            return []
        if key not in self._cache:
            self._cache[key] = self._exact(key)
            if not self._cache[key] and self._embedder is None:
                self._cache[key] = self._by_linker(key)
        return self._cache[key]

    def prefetch(self, texts: Iterable[str]) -> None:
        """Link many texts at once: exact labels first, then one embedding batch for the rest."""
        pending = []
        for text in dict.fromkeys(t.strip() for t in texts if t and t.strip()):
            if text in self._cache:
                continue
            self._cache[text] = self._exact(text)
            if not self._cache[text]:
                pending.append(text)
        if not pending:
            return
        if self._embedder is None:
            for text in pending:
                self._cache[text] = self._by_linker(text)
            return
        self._by_embedding(pending)

    def _exact(self, text: str) -> list[SkillLink]:
        kb = self.kb
        if text in kb.skills:
            return [SkillLink(text=text, uri=text, label=kb.label(text, self.lang), method="uri")]
        by_label = getattr(kb, "skills_by_label", None)
        if by_label is not None:
            found = by_label(text)
            if found:
                uri = found[0].uri
                return [SkillLink(text=text, uri=uri, label=kb.label(uri, self.lang), method="label")]
        return []

    def _by_embedding(self, texts: list[str]) -> None:
        embedder = self._loaded_embedder()
        matrix = self.kb.vectors("skills")
        rows = matrix.rows(fields=("label", "alt"))
        vectors = np.asarray(matrix.vectors[rows], dtype=np.float32)
        row_uris = [matrix.uris[i] for i in rows]
        self.used_linker = True
        queries = np.asarray(embedder.encode(texts), dtype=np.float32)
        for start in range(0, len(texts), 256):
            sims = queries[start:start + 256] @ vectors.T
            for offset, row in enumerate(sims):
                text = texts[start + offset]
                order = np.argsort(-row)[:20]
                best = float(row[order[0]])
                links: list[SkillLink] = []
                for j in order:
                    score = float(row[j])
                    if score < DENSE_MIN_SCORE or score < best - DENSE_CLOSE or len(links) >= DENSE_MAX_LINKS:
                        break
                    uri = row_uris[j]
                    if uri in self.kb.skills and all(l.uri != uri for l in links):
                        links.append(SkillLink(text=text, uri=uri, label=self.kb.label(uri, self.lang),
                                               score=round(score, 4), method="embedding"))
                self._cache[text] = links

    def _label_vectors(self, lang: str) -> SkillVectors:
        """The skills' preferred labels in ``lang``, as unit vectors (encoded here for a small
        knowledge base without a vector store)."""
        vectors = SkillVectors.for_kb(self.kb, lang)
        if vectors is None:
            uris = list(self.kb.skills)
            vectors = SkillVectors(uris, _unit(self._loaded_embedder().encode([self.kb.label(u, lang) or u for u in uris])))
        return vectors

    def subjects(self, texts: list[str], titles: list[str]) -> list[list[SkillLink]]:
        """For each course text, the skills it is about (at most :data:`SUBJECT_MAX_LINKS`, closest
        first), by its similarity to each skill's English or French preferred label (a course is
        written in one language); [] for all without an embedder."""
        if self._embedder is None or not texts:
            return [[] for _ in texts]
        by_lang = [self._label_vectors(lang) for lang in ("en", "fr")]
        uris = by_lang[0].uris
        fr = by_lang[1]
        fr_rows = np.asarray([fr.pos.get(u, -1) for u in uris])
        self.used_linker = True
        queries = _unit(self._loaded_embedder().encode(texts))
        out: list[list[SkillLink]] = []
        for start in range(0, len(texts), 256):
            sims = queries[start:start + 256] @ by_lang[0].vectors.T
            sims_fr = queries[start:start + 256] @ fr.vectors.T
            sims = np.maximum(sims, np.where(fr_rows >= 0, sims_fr[:, np.maximum(fr_rows, 0)], -1.0))
            for offset, row in enumerate(sims):
                order = np.argsort(-row)[:SUBJECT_MAX_LINKS]
                out.append([SkillLink(text=titles[start + offset], uri=uris[j],
                                      label=self.kb.label(uris[j], self.lang), score=round(float(row[j]), 4),
                                      method="subject")
                            for j in order if row[j] >= SUBJECT_MIN_SCORE])
        return out

    def _by_linker(self, text: str) -> list[SkillLink]:
        linker = self.linker
        if linker is None:
            return []
        self.used_linker = True
        results = linker.link_skills(text, lang=self.lang, top_k=LINKER_TOP_K)
        if not results:
            return []
        best = float(getattr(results[0], "score", 0.0) or 0.0)
        links: list[SkillLink] = []
        for item in results:
            score = float(getattr(item, "score", 0.0) or 0.0)
            if links and best > 0 and score < LINKER_RELATIVE_FLOOR * best:
                break
            uri = getattr(item, "uri", None)
            if uri and uri in self.kb.skills:
                links.append(SkillLink(text=text, uri=uri, label=self.kb.label(uri, self.lang), score=round(score, 4),
                                       method="linker"))
        return links


def with_subjects(resolver: SkillResolver, courses: list[CourseRecord]) -> list[CourseRecord]:
    """The courses with the skills each is about added to its links (in place, and returned)."""
    found = resolver.subjects([course_text(c) for c in courses], [c.title for c in courses])
    for course, links in zip(courses, found):
        known = set(course.skill_uris)
        course.skill_links = list(course.skill_links) + [l for l in links if l.uri not in known]
        course.skill_uris = list(course.skill_uris) + [l.uri for l in links if l.uri not in known]
    return courses
