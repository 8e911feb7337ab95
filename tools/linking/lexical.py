"""Lexical retrieval: character n-gram TF-IDF (scikit-learn) over label strings.

Character n-grams within word boundaries are robust to inflection ("managing" ~ "manage"), typos
and compound words, and work the same for English and French.
"""

from __future__ import annotations

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer


class LexicalIndex:
    def __init__(self, texts: list[str], ngram_range: tuple[int, int] = (3, 5)):
        self.vectorizer = TfidfVectorizer(
            analyzer="char_wb", ngram_range=ngram_range, sublinear_tf=True, lowercase=True, dtype=np.float32
        )
        # (vocabulary x strings), CSR: a query row times this gives cosine scores against every string.
        self.matrix = self.vectorizer.fit_transform(texts).T.tocsr() if texts else None

    def scores(self, queries: list[str]) -> np.ndarray:
        """Cosine similarity of each query to each string, shape (n_queries, n_strings)."""
        if self.matrix is None:
            return np.zeros((len(queries), 0), dtype=np.float32)
        q = self.vectorizer.transform(queries)
        scores: np.ndarray = (q @ self.matrix).toarray().astype(np.float32, copy=False)
        return scores
