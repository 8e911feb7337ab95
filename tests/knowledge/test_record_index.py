"""The Chroma collections of catalog records, as several worker processes use them."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from knowledge.index import RecordIndex, open_client


def _vectors(n: int, seed: int) -> np.ndarray:
    vectors = np.random.default_rng(seed).normal(size=(n, 8)).astype(np.float32)
    return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)


def test_a_collection_written_again_by_another_worker_is_opened_again(tmp_path: Path) -> None:
    """Two workers starting together each check the catalog's index: when the second writes it
    again, the first one's open collection is gone, and its next query opens the new one by name
    instead of failing the person's plan."""
    client = open_client(tmp_path)
    vectors = _vectors(5, 1)
    ids = [f"course-{i}" for i in range(5)]
    first = RecordIndex(client, "courses")
    first.replace(ids, vectors, [{"source": "demo"}] * 5, content_key="k1")
    assert first.query(vectors[2], top_k=1)[0][0] == "course-2"

    RecordIndex(client, "courses").replace(ids, vectors, [{"source": "demo"}] * 5, content_key="k1")

    best = first.query_many(vectors[[3, 4]], top_k=1)
    assert [hits[0][0] for hits in best] == ["course-3", "course-4"]
