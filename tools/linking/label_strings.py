"""The label strings of a set of concepts (preferred + alternative labels in one language),
grouped by concept so that string scores pool to concept scores with one ``reduceat``."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeAlias

import numpy as np

if TYPE_CHECKING:
    from knowledge.models import Occupation, Skill

    Concept: TypeAlias = Skill | Occupation  # an ESCO concept: labels, alt labels, description per language


@dataclass
class LabelStrings:
    texts: list[str]  # strings ordered by owner
    owner: np.ndarray  # concept index of each string (non-decreasing)
    preferred: np.ndarray  # bool: the string is the concept's preferred label
    n_concepts: int

    def __post_init__(self) -> None:
        if len(self.texts):
            self.starts = np.r_[0, np.flatnonzero(np.diff(self.owner)) + 1]
        else:
            self.starts = np.zeros(0, dtype=np.int64)
        self.start_owner = self.owner[self.starts] if len(self.texts) else self.starts

    @classmethod
    def build(cls, records: Sequence[Concept], lang: str, fallback: str | None = "en", alt: bool = True) -> LabelStrings:
        """``records``: objects with ``labels`` {lang: str} and ``alt_labels`` {lang: [str]}."""
        texts: list[str] = []
        owner: list[int] = []
        preferred: list[bool] = []
        for i, record in enumerate(records):
            label = record.labels.get(lang) or (record.labels.get(fallback) if fallback else None)
            if label:
                texts.append(label)
                owner.append(i)
                preferred.append(True)
            if alt:
                alts = record.alt_labels.get(lang) or []
                for a in alts:
                    if a and a != label:
                        texts.append(a)
                        owner.append(i)
                        preferred.append(False)
        return cls(texts, np.asarray(owner, dtype=np.int64), np.asarray(preferred, dtype=bool), len(records))

    def pool_max(self, string_scores: np.ndarray, fill: float = 0.0) -> np.ndarray:
        """(n_queries, n_strings) string scores -> (n_queries, n_concepts): each concept's best string."""
        n = string_scores.shape[0]
        out = np.full((n, self.n_concepts), fill, dtype=np.float32)
        if len(self.texts) == 0:
            return out
        out[:, self.start_owner] = np.maximum.reduceat(string_scores, self.starts, axis=1)
        return out

    def subset(self, keep: np.ndarray) -> LabelStrings:
        """The strings where ``keep`` is true, still grouped by concept."""
        return LabelStrings([t for t, k in zip(self.texts, keep) if k], self.owner[keep], self.preferred[keep], self.n_concepts)

    def distinct(self, vectors: np.ndarray, min_cosine: float) -> np.ndarray:
        """Which strings a dense scan needs: each concept's first string, then each further string
        whose vector has a cosine below ``min_cosine`` with every string kept before it in that
        concept ("manage a team" / "managing a team" / "team management" keep one or two of three).
        A concept's best score over its kept strings differs from the best over all of them by at
        most the distance from a left-out vector to the kept one it resembles."""
        keep = np.ones(len(self.texts), dtype=bool)
        if min_cosine >= 1.0 or not len(self.texts):
            return keep
        ends = np.r_[self.starts[1:], len(self.texts)]
        for start, end in zip(self.starts.tolist(), ends.tolist()):
            if end - start < 2:
                continue
            block = vectors[start:end]
            similar = block @ block.T >= min_cosine
            kept = [0]
            for i in range(1, end - start):
                if similar[i, kept].any():
                    keep[start + i] = False
                else:
                    kept.append(i)
        return keep
