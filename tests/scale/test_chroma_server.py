"""The label index in client-server mode: a real ``chroma run`` server on loopback answers the same
nearest-label queries as the embedded index, for several clients at once."""

from __future__ import annotations

import numpy as np
import pytest

from knowledge.index import LabelIndex, open_client, write_collection
from knowledge.index_server import IndexNotPublished, check_published, publish_matrices, server_versions
from knowledge.vectors import LabelMatrix


def _matrix(name: str, rows: int, seed: int) -> LabelMatrix:
    rng = np.random.default_rng(seed)
    vectors = rng.normal(size=(rows, 32)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    return LabelMatrix(
        name=name,
        vectors=vectors,
        uris=[f"http://data.europa.eu/esco/{name}/{i // 3}" for i in range(rows)],
        langs=["en" if i % 2 else "fr" for i in range(rows)],
        fields=["label" if i % 3 == 0 else "alt" for i in range(rows)],
        texts=[f"{name} label {i}" for i in range(rows)],
    )


@pytest.fixture
def matrices() -> dict[str, LabelMatrix]:
    return {"skills": _matrix("skills", 600, 1), "occupations": _matrix("occupations", 300, 2)}


def _hits(index: LabelIndex, name: str, queries: np.ndarray, where=None) -> list[list[tuple[str, str]]]:
    return [[(h["uri"], h["text"]) for h in hits] for hits in index.query(name, queries, top_k=5, where=where)]


def test_server_answers_like_the_embedded_index(chroma_server: str, matrices, tmp_path) -> None:
    embedded = open_client(knowledge_dir=tmp_path)
    for matrix in matrices.values():
        write_collection(embedded, matrix)
    server = open_client(chroma_url=chroma_server)
    published, unchanged = publish_matrices(server, matrices, version="build-1", force=True)
    assert published == {"skill_labels": 600, "occupation_labels": 300} and unchanged == []

    local, remote = LabelIndex(embedded), LabelIndex(server)
    assert remote.count("skills") == 600 and remote.count("occupations") == 300
    queries = matrices["skills"].vectors[[3, 50, 599]] + 0.01
    assert _hits(remote, "skills", queries) == _hits(local, "skills", queries)
    assert _hits(remote, "skills", queries, where={"lang": "fr"}) == _hits(local, "skills", queries, where={"lang": "fr"})
    top = remote.query("occupations", matrices["occupations"].vectors[[7]], top_k=1)[0][0]
    assert top["row"] == 7 and top["score"] == pytest.approx(1.0, abs=1e-4)


def test_publishing_is_versioned(chroma_server: str, matrices) -> None:
    server = open_client(chroma_url=chroma_server)
    publish_matrices(server, matrices, version="build-a", force=True)
    published, unchanged = publish_matrices(server, matrices, version="build-a")
    assert published == {} and sorted(unchanged) == ["occupation_labels", "skill_labels"]
    check_published(server, "build-a", chroma_server)
    with pytest.raises(IndexNotPublished, match="orient index publish"):
        check_published(server, "build-b", chroma_server)
    smaller = {"skills": _matrix("skills", 100, 3)}
    published, _ = publish_matrices(server, smaller, version="build-b")
    assert published == {"skill_labels": 100}
    assert server_versions(server) == {"skills": "build-b", "occupations": "build-a"}
    assert LabelIndex(server).count("skills") == 100


def test_several_clients_share_one_server(chroma_server: str, matrices) -> None:
    """Each API worker opens its own client; all see the same index."""
    publish_matrices(open_client(chroma_url=chroma_server), matrices, version="shared", force=True)
    queries = matrices["skills"].vectors[:4]
    answers = [_hits(LabelIndex.open(None, chroma_server), "skills", queries) for _ in range(3)]
    assert answers[0] == answers[1] == answers[2]
    assert [hits[0][0] for hits in answers[0]] == matrices["skills"].uris[:4]
