"""Dense retrieval: cosine similarity between query embeddings and label (or description)
embeddings, all L2-normalised so a matrix product is the cosine.

The label matrix is held in bfloat16 by default and multiplied with torch (threads as set for
the embedder): on CPUs with bf16 support this is 2-3x faster than float32 BLAS and halves the
memory, for a rounding error of a few thousandths on cosines.
"""

from __future__ import annotations

import numpy as np
import torch

PRECISIONS = {"bfloat16": torch.bfloat16, "float32": torch.float32}


class DenseIndex:
    def __init__(self, vectors: np.ndarray, precision: str = "bfloat16"):
        array = np.ascontiguousarray(vectors, dtype=np.float32)
        self.dtype = PRECISIONS[precision]
        self._matrix = torch.from_numpy(array).to(self.dtype) if array.shape[0] else None

    def scores(self, query_vectors: np.ndarray) -> np.ndarray:
        """(n_queries, dim) x (n_items, dim) -> (n_queries, n_items) cosine similarities, float32."""
        if self._matrix is None:
            return np.zeros((query_vectors.shape[0], 0), dtype=np.float32)
        q = torch.from_numpy(np.ascontiguousarray(query_vectors, dtype=np.float32)).to(self.dtype)
        with torch.inference_mode():
            return (q @ self._matrix.T).float().numpy()
