"""Link the free-text skills of catalog records to ESCO at import time.

In order: an ESCO skill URI is kept as is; an exact preferred/alternative label (any language,
case-insensitive) through the knowledge base; else, for all remaining distinct texts of a file at
once, the nearest ESCO skill labels by embedding (the knowledge base's label vectors and the
injected embedder, one batch: a catalog of a thousand courses links in seconds); else, when only a
linking engine is given, ``SkillLinker.link_skills`` text by text. Each distinct text is linked once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

import numpy as np

from tools.career.catalog_records import SkillLink

LINKER_TOP_K = 3
# Keep a second or third candidate only when it scores close to the first.
LINKER_RELATIVE_FLOOR = 0.92
# Cosine similarity (all-MiniLM-L6-v2) below which a label is not taken as the same skill.
DENSE_MIN_SCORE = 0.65
DENSE_CLOSE = 0.03
DENSE_MAX_LINKS = 2


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
        embedder = self.embedder
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

    def _by_linker(self, text: str) -> list[SkillLink]:
        linker = self.linker
        if linker is None:
            return []
        self.used_linker = True
        results = linker.link_skills(text, lang=self.lang, top_k=LINKER_TOP_K)
        if not results:
            return []
        best = float(getattr(results[0], "score", 0.0) or 0.0)
        links = []
        for item in results:
            score = float(getattr(item, "score", 0.0) or 0.0)
            if links and best > 0 and score < LINKER_RELATIVE_FLOOR * best:
                break
            uri = getattr(item, "uri", None)
            if uri and uri in self.kb.skills:
                links.append(SkillLink(text=text, uri=uri, label=self.kb.label(uri, self.lang), score=round(score, 4),
                                       method="linker"))
        return links
