"""Near-equivalent skills: two ESCO skills whose labels mean nearly the same thing ("operate cash
register" / "operate cash point", "assist customers" / "help customers").

Each skill is one vector: its English preferred label's embedding from the knowledge base's label
matrix (built once by ``orient knowledge build``; nothing is encoded at run time). Two skills are
near-equivalent when their cosine similarity reaches :data:`EQUIVALENCE_THRESHOLD` (measured with
``orient bench gap``: above it, pairs are rewordings; below, neighbours such as "manage staff" /
"manage budgets" start to appear). A knowledge base without vectors (a hand-made test one) has no
equivalences: the gap then counts exact and hierarchy matches only.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy as np

from knowledge.errors import KnowledgeBaseMissing
from knowledge.kb_cache import cached_for_kb

EQUIVALENCE_THRESHOLD = 0.82


class SkillVectors:
    """One unit vector per skill URI (its preferred label), for similarity between skills."""

    def __init__(self, uris: list[str], vectors: np.ndarray):
        self.uris = uris
        self.pos = {u: i for i, u in enumerate(uris)}
        self.vectors = np.asarray(vectors, dtype=np.float32)

    @classmethod
    def from_kb(cls, kb: Any, lang: str = "en") -> SkillVectors | None:
        """The preferred-label vectors of the knowledge base's skills, or None when it has no vectors."""
        if not hasattr(kb, "vectors"):
            return None
        try:
            matrix = kb.vectors("skills")
        except (KnowledgeBaseMissing, FileNotFoundError):
            return None
        rows = [i for i, (l, f) in enumerate(zip(matrix.langs, matrix.fields)) if l == lang and f == "label"]
        uris, keep = [], []
        seen: set[str] = set()
        for i in rows:
            uri = matrix.uris[i]
            if uri in seen or uri not in kb.skills:
                continue
            seen.add(uri)
            uris.append(uri)
            keep.append(i)
        if not keep:
            return None
        return cls(uris, np.asarray(matrix.vectors[np.asarray(keep)], dtype=np.float32))

    @classmethod
    def for_kb(cls, kb: Any, lang: str = "en") -> SkillVectors | None:
        return cached_for_kb(kb, "skill_vectors" if lang == "en" else f"skill_vectors_{lang}", lambda: cls.from_kb(kb, lang))

    def equivalents(
        self, targets: Iterable[str], held: Iterable[str], threshold: float = EQUIVALENCE_THRESHOLD
    ) -> dict[str, tuple[str, float]]:
        """For each target skill with a held near-equivalent: (the closest held skill, similarity)."""
        t_uris = [u for u in dict.fromkeys(targets) if u in self.pos]
        h_uris = [u for u in dict.fromkeys(held) if u in self.pos]
        if not t_uris or not h_uris:
            return {}
        t = self.vectors[[self.pos[u] for u in t_uris]]
        h = self.vectors[[self.pos[u] for u in h_uris]]
        sims = t @ h.T
        best = sims.argmax(axis=1)
        out: dict[str, tuple[str, float]] = {}
        for row, uri in enumerate(t_uris):
            score = float(sims[row, best[row]])
            if score >= threshold and h_uris[best[row]] != uri:
                out[uri] = (h_uris[best[row]], round(score, 3))
        return out

    def similarity(self, a: str, b: str) -> float | None:
        if a not in self.pos or b not in self.pos:
            return None
        return float(self.vectors[self.pos[a]] @ self.vectors[self.pos[b]])
