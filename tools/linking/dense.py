"""Dense retrieval: cosine similarity between query embeddings and label (or description)
embeddings, all L2-normalised float32 so a matrix product is the cosine."""

from __future__ import annotations

import numpy as np


class DenseIndex:
    def __init__(self, vectors: np.ndarray):
        self.vectors = np.ascontiguousarray(vectors, dtype=np.float32)

    def scores(self, query_vectors: np.ndarray) -> np.ndarray:
        """(n_queries, dim) x (n_items, dim) -> (n_queries, n_items) cosine similarities."""
        if self.vectors.shape[0] == 0:
            return np.zeros((query_vectors.shape[0], 0), dtype=np.float32)
        return query_vectors.astype(np.float32, copy=False) @ self.vectors.T
