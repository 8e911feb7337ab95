"""Fusing lexical, dense and description scores per window, then across windows.

Scores stay on their natural cosine scale (they are comparable: all in [0, 1] for the texts we
see), weighted; each skill keeps the window that gave its best fused score as its evidence.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class FusionWeights:
    dense: float = 1.0
    lexical: float = 0.5
    description: float = 0.3


def fuse(dense: np.ndarray, lexical: np.ndarray, description: np.ndarray | None, weights: FusionWeights) -> np.ndarray:
    """Per-window fused scores, shape (n_windows, n_concepts)."""
    fused = weights.dense * dense + weights.lexical * lexical
    if description is not None and weights.description:
        fused += weights.description * description
    return fused


def aggregate(fused: np.ndarray, local: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Best score over windows for each concept, and the window it came from.

    ``local`` marks the windows that are clauses (not the whole text); the evidence of a concept is
    its best local window when there is one, so that a long text still points at a short span.
    """
    score = fused.max(axis=0)
    if local is None or not local.any() or local.all():
        return score, fused.argmax(axis=0)
    local_idx = np.flatnonzero(local)
    best_local = local_idx[fused[local_idx].argmax(axis=0)]
    return score, best_local
