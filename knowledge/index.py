"""The Chroma index of label embeddings: one collection per label matrix.

Collections ``skill_labels`` and ``occupation_labels`` (collection metadata ``kind``) hold one
record per matrix row (id = row number), with metadata ``uri``, ``lang``, ``field``
('label'|'alt'|'hidden'|'description') and ``text``. The label text is metadata, not a Chroma
document: documents get a full-text index this search never uses, which costs a sixth of the
build. Vectors come from the build's matrices, so the index never calls a model. Embedded
(persistent) by default, or a Chroma server by URL (``orient index publish``).

The linker ranks from the matrices, not from this index, so the build does not write it: the
embedded index is written into the knowledge folder the first time it is opened (about 55 s for
the 165,198 ESCO labels on 2 cores), into a temporary folder renamed into place, under a lock, so
that processes opening it together write it once. A new build is a new knowledge folder, whose
index is written again on its first open.
"""

from __future__ import annotations

import fcntl
import shutil
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import numpy as np

from knowledge.vectors import LabelMatrix, open_matrix

CHROMA_DIR = "chroma"
COLLECTIONS = {"skills": "skill_labels", "occupations": "occupation_labels"}
KINDS = {"skills": "skill", "occupations": "occupation"}
# ef_construction 40: a quarter less build CPU than 64 for recall@10 0.97 against exact search
# (60k skill labels, 200 noisy queries); the linker ranks from the matrices, not from this index.
HNSW = {"space": "cosine", "ef_construction": 40, "max_neighbors": 16, "ef_search": 100}


def _client_settings():
    from chromadb.config import Settings

    return Settings(anonymized_telemetry=False, allow_reset=False)


def open_client(knowledge_dir: Path | None = None, chroma_url: str = "", folder: str = CHROMA_DIR):
    """A Chroma client: a server when ``chroma_url`` is set, else the embedded store in the knowledge dir."""
    import chromadb

    if chroma_url:
        parsed = urlparse(chroma_url)
        return chromadb.HttpClient(
            host=parsed.hostname or "127.0.0.1",
            port=parsed.port or 8000,
            ssl=parsed.scheme == "https",
            settings=_client_settings(),
        )
    if knowledge_dir is None:
        raise ValueError("an embedded Chroma index needs the knowledge folder")
    return chromadb.PersistentClient(path=str(Path(knowledge_dir) / folder), settings=_client_settings())


def write_collection(
    client,
    matrix: LabelMatrix,
    batch_size: int = 5000,
    on_batch: Callable[[int], None] | None = None,
):
    """(Re)create the collection of ``matrix`` and add every row, in batches."""
    name = COLLECTIONS[matrix.name]
    existing = {c.name if hasattr(c, "name") else c for c in client.list_collections()}
    if name in existing:
        client.delete_collection(name)
    collection = client.create_collection(
        name=name,
        embedding_function=None,
        configuration={"hnsw": dict(HNSW)},
        metadata={"kind": KINDS[matrix.name]},
    )
    limit = min(batch_size, int(getattr(client, "get_max_batch_size", lambda: batch_size)()))
    for start in range(0, len(matrix), limit):
        stop = min(start + limit, len(matrix))
        collection.add(
            ids=[str(i) for i in range(start, stop)],
            embeddings=np.asarray(matrix.vectors[start:stop], dtype=np.float32),
            metadatas=[
                {"uri": matrix.uris[i], "lang": matrix.langs[i], "field": matrix.fields[i], "text": matrix.texts[i]}
                for i in range(start, stop)
            ],
        )
        if on_batch:
            on_batch(stop - start)
    return collection


class LabelIndex:
    """Nearest-label search over the Chroma collections."""

    def __init__(self, client):
        self.client = client
        self._collections: dict[str, Any] = {}

    @classmethod
    def open(cls, knowledge_dir: Path | None, chroma_url: str = "", progress: bool = False) -> LabelIndex:
        """The index of a Chroma server, or the knowledge folder's embedded one (written on first open)."""
        if not chroma_url and knowledge_dir is not None:
            write_embedded_index(Path(knowledge_dir), progress)
        return cls(open_client(knowledge_dir, chroma_url))

    def collection(self, name: str):
        """``name``: 'skills' or 'occupations'."""
        if name not in self._collections:
            self._collections[name] = self.client.get_collection(COLLECTIONS[name], embedding_function=None)
        return self._collections[name]

    def count(self, name: str) -> int:
        return self.collection(name).count()

    def query(
        self,
        name: str,
        vectors: np.ndarray,
        top_k: int = 10,
        where: dict | None = None,
    ) -> list[list[dict[str, Any]]]:
        """For each query vector, the ``top_k`` nearest labels: dicts with uri, lang, field, text, score (cosine)."""
        vectors = np.atleast_2d(np.asarray(vectors, dtype=np.float32))
        result = self.collection(name).query(
            query_embeddings=vectors,
            n_results=top_k,
            where=where,
            include=["metadatas", "distances"],
        )
        hits: list[list[dict[str, Any]]] = []
        for ids, metas, distances in zip(result["ids"], result["metadatas"], result["distances"]):
            hits.append(
                [
                    {
                        "row": int(i),
                        "uri": m["uri"],
                        "lang": m["lang"],
                        "field": m["field"],
                        "text": m.get("text", ""),
                        "score": 1.0 - float(dist),
                    }
                    for i, m, dist in zip(ids, metas, distances)
                ]
            )
        return hits


def write_embedded_index(knowledge_dir: Path, progress: bool = False) -> bool:
    """Write the embedded index of the knowledge folder's label matrices unless it is there;
    True when it was written now."""
    target = knowledge_dir / CHROMA_DIR
    if target.is_dir():
        return False
    from chromadb.api.client import SharedSystemClient
    from tqdm import tqdm

    with (knowledge_dir / f".{CHROMA_DIR}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if target.is_dir():  # another process wrote it meanwhile
            return False
        work = knowledge_dir / f".{CHROMA_DIR}.{uuid.uuid4().hex[:8]}"
        try:
            matrices = [open_matrix(knowledge_dir, name) for name in COLLECTIONS]
            client = open_client(work.parent, "", folder=work.name)
            with tqdm(total=sum(len(m) for m in matrices), desc="index labels in Chroma (once per build)",
                      disable=not progress, unit="label") as bar:
                for matrix in matrices:
                    write_collection(client, matrix, on_batch=bar.update)
            SharedSystemClient.clear_system_cache()  # every file closed before the rename
            work.rename(target)
        finally:
            shutil.rmtree(work, ignore_errors=True)
    return True


class RecordIndex:
    """A Chroma collection of records other than labels (catalog courses and job offers), by id,
    kept in step with a content key: the records are written again only when the key changes.
    Works the same on the embedded store and on a Chroma server."""

    def __init__(self, client, name: str):
        self.client = client
        self.name = name
        self._collection = None

    def _existing(self):
        names = {c.name if hasattr(c, "name") else c for c in self.client.list_collections()}
        if self.name not in names:
            return None
        return self.client.get_collection(self.name, embedding_function=None)

    def content_key(self) -> str | None:
        collection = self._collection or self._existing()
        if collection is None:
            return None
        self._collection = collection
        return (collection.metadata or {}).get("content_key")

    def replace(self, ids: list[str], vectors: np.ndarray, metadatas: list[dict[str, Any]], content_key: str,
                batch_size: int = 2000) -> None:
        """(Re)create the collection with these records."""
        if self._existing() is not None:
            self.client.delete_collection(self.name)
        collection = self.client.create_collection(
            name=self.name, embedding_function=None, configuration={"hnsw": dict(HNSW)},
            metadata={"kind": "records", "content_key": content_key},
        )
        limit = min(batch_size, int(getattr(self.client, "get_max_batch_size", lambda: batch_size)()))
        vectors = np.asarray(vectors, dtype=np.float32)
        for start in range(0, len(ids), limit):
            stop = min(start + limit, len(ids))
            collection.add(ids=ids[start:stop], embeddings=vectors[start:stop], metadatas=metadatas[start:stop])
        self._collection = collection

    def query(self, vector: np.ndarray, top_k: int = 50, where: dict | None = None) -> list[tuple[str, float]]:
        """The ``top_k`` nearest records: (id, cosine similarity), best first."""
        found = self.query_many(np.atleast_2d(np.asarray(vector, np.float32)), top_k, where)
        return found[0] if found else []

    def query_many(self, vectors: np.ndarray, top_k: int = 50, where: dict | None = None) -> list[list[tuple[str, float]]]:
        """For each query vector (one request for all), the ``top_k`` nearest records, best first.
        When another process wrote the collection again since it was opened (workers starting
        together each check the catalog's index), it is opened again by name, once."""
        from chromadb.errors import NotFoundError

        vectors = np.atleast_2d(np.asarray(vectors, np.float32))
        try:
            return self._query_many(vectors, top_k, where)
        except NotFoundError:
            self._collection = None
            return self._query_many(vectors, top_k, where)

    def _query_many(self, vectors: np.ndarray, top_k: int, where: dict | None) -> list[list[tuple[str, float]]]:
        collection = self._collection or self._existing()
        if collection is None or not len(vectors):
            return [[] for _ in range(len(vectors))]
        self._collection = collection
        n = collection.count()
        if not n:
            return [[] for _ in range(len(vectors))]
        result = collection.query(query_embeddings=vectors, n_results=min(top_k, n), where=where, include=["distances"])
        return [[(i, 1.0 - float(d)) for i, d in zip(ids, distances)]
                for ids, distances in zip(result["ids"], result["distances"])]
