"""Other classifications' titles for an ESCO occupation, through the official crosswalks: the O*NET
title of each exact or close ESCO–O*NET match ("Software Developers" for *software developer*,
"Retail Salespersons" for *sales assistant*). A job title that also reads like an occupation's
O*NET title adds a little to that occupation's title score: +0.5 MRR on the English dev titles
(README). O*NET titles are English, so English titles only.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from tools.linking.concept_index import encode_cached

if TYPE_CHECKING:
    from knowledge.base import KnowledgeBase
    from knowledge.embeddings import Embedder
    from tools.linking.label_strings import Concept

RELATIONS = ("exactMatch", "closeMatch")


class CrosswalkTitles:
    """Vectors of the distinct crosswalk titles and, per (title, occupation) pair, which is which."""

    def __init__(self, vectors: np.ndarray, title_of_pair: np.ndarray, owner_of_pair: np.ndarray, n_concepts: int):
        self.vectors = np.asarray(vectors, dtype=np.float32)
        self.title_of_pair = title_of_pair
        self.owner_of_pair = owner_of_pair
        self.n_concepts = n_concepts

    @classmethod
    def build(cls, kb: KnowledgeBase, records: Sequence[Concept], embedder: Embedder, cache_dir: Path | None) -> CrosswalkTitles:
        position = {r.uri: i for i, r in enumerate(records)}
        titles: dict[str, int] = {}
        pairs: set[tuple[int, int]] = set()
        for uri, matches in getattr(kb, "esco_to_onet", {}).items():
            owner = position.get(uri)
            if owner is None:
                continue
            for match in matches:
                onet = kb.onet.get(match.code) if match.relation in RELATIONS else None
                if onet is not None and onet.title.strip():
                    pairs.add((titles.setdefault(onet.title.strip(), len(titles)), owner))
        ordered = sorted(pairs)
        texts = list(titles)
        return cls(
            _encode(texts, embedder, cache_dir),
            np.array([t for t, _ in ordered], dtype=np.int64),
            np.array([o for _, o in ordered], dtype=np.int64),
            len(records),
        )

    def scores(self, queries: np.ndarray) -> np.ndarray:
        """Each occupation's best cosine between the queries and its crosswalk titles, 0 for an
        occupation with none; shape ``(n_queries, n_concepts)``."""
        out = np.zeros((len(queries), self.n_concepts), dtype=np.float32)
        if len(self.title_of_pair) and len(queries):
            cosine = np.asarray(queries, dtype=np.float32) @ self.vectors.T
            np.maximum.at(out.T, self.owner_of_pair, np.maximum(cosine[:, self.title_of_pair].T, 0.0))
        return out


def _encode(texts: list[str], embedder: Embedder, cache_dir: Path | None) -> np.ndarray:
    """The titles' vectors, cached beside the knowledge base (content-keyed) when there is one."""
    if cache_dir is not None:
        return encode_cached(texts, embedder, cache_dir, "O*NET titles")
    return embedder.encode(texts) if texts else np.zeros((0, embedder.dimension), dtype=np.float32)
