"""Publishing the label index to a Chroma server, for several API workers (or machines) sharing it.

``orient knowledge build`` always writes the embedded index under the knowledge folder. With
``ORIENT_CHROMA_URL`` set, the workers read the index from a Chroma server instead
(``LabelIndex.open(knowledge_dir, chroma_url)``); ``publish_index`` copies the build's label
matrices there once per build. Each collection records the build's ``vectors_key`` in its
metadata, so publishing again the same build does nothing, and a new build replaces it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from pydantic import BaseModel

from knowledge.index import COLLECTIONS, KINDS, open_client, write_collection
from knowledge.vectors import LabelMatrix, open_matrix


class PublishReport(BaseModel):
    chroma_url: str
    version: str
    published: dict[str, int]  # collection -> records written
    unchanged: list[str]  # collections already at this version


class IndexNotPublished(LookupError):
    """The Chroma server does not hold the index of this knowledge base."""


def server_versions(client) -> dict[str, str | None]:
    """The ``vectors_key`` of each label collection on the server (None when absent)."""
    present = {c.name if hasattr(c, "name") else c for c in client.list_collections()}
    versions: dict[str, str | None] = {}
    for name, collection_name in COLLECTIONS.items():
        if collection_name in present:
            metadata = client.get_collection(collection_name, embedding_function=None).metadata or {}
            versions[name] = metadata.get("vectors_key")
        else:
            versions[name] = None
    return versions


def publish_matrices(
    client,
    matrices: dict[str, LabelMatrix],
    version: str,
    force: bool = False,
    on_batch: Callable[[int], None] | None = None,
) -> tuple[dict[str, int], list[str]]:
    """Write each matrix whose collection on the server is not at ``version``."""
    current = server_versions(client)
    published: dict[str, int] = {}
    unchanged: list[str] = []
    for name, matrix in matrices.items():
        if not force and current.get(name) == version:
            unchanged.append(COLLECTIONS[name])
            continue
        collection = write_collection(client, matrix, on_batch=on_batch)
        collection.modify(metadata={"kind": KINDS[name], "vectors_key": version})
        published[COLLECTIONS[name]] = len(matrix)
    return published, unchanged


def publish_index(knowledge_dir: Path, chroma_url: str, version: str, force: bool = False,
                  on_batch: Callable[[int], None] | None = None) -> PublishReport:
    """Publish the label matrices of the knowledge base in ``knowledge_dir`` to ``chroma_url``."""
    client = open_client(chroma_url=chroma_url)
    matrices = {name: open_matrix(knowledge_dir, name) for name in COLLECTIONS}
    published, unchanged = publish_matrices(client, matrices, version, force=force, on_batch=on_batch)
    return PublishReport(chroma_url=chroma_url, version=version, published=published, unchanged=unchanged)


def check_published(client, version: str, chroma_url: str) -> None:
    """Raise ``IndexNotPublished`` with the command to run when the server lacks this build's index."""
    stale = [name for name, found in server_versions(client).items() if found != version]
    if stale:
        raise IndexNotPublished(
            f"the Chroma server at {chroma_url} does not hold this knowledge base's index ({', '.join(stale)}): "
            "run `orient index publish`"
        )
