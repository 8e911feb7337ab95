"""Building the knowledge base: import every source, write the SQLite store, embed the labels.

The build is content-addressed: the sha256 of every input file (and of the store layout and the
embedding model) is recorded; a second run with unchanged inputs reuses what exists and takes
seconds, and unchanged label texts are never re-encoded. Everything is written into a temporary
folder next to the target and swapped in with a rename, so a failed build (a missing or corrupt
file raises :class:`KnowledgeSourceError`) never leaves a half-written knowledge base behind.

With a machine cache folder (``Settings.cache_dir``, by default ``~/.cache/orient``), what only
depends on the model and the texts is kept there for every storage folder of the machine, as pip
and Hugging Face keep theirs: the label vectors (``label-vectors/``) and the linker's vectors (the
knowledge folder's ``linking-cache`` is a link to ``linking/``). A second checkout or a
``--storage-dir`` of its own then builds in seconds.

The Chroma label index is not part of the build: the linker ranks from the label matrices, and the
index (nearest-label search, ``knowledge.index.LabelIndex``) is written from them the first time it
is opened (about 55 s on 2 cores that every build used to spend).
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import logging
import os
import shutil
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
from pydantic import BaseModel, Field
from tqdm import tqdm

from knowledge.assemble import SOURCE_FILES, import_sources
from knowledge.errors import KnowledgeSourceError
from knowledge.sources.rome import esco_titles
from knowledge.store import STORE_FILE, STORE_VERSION, read_meta, write_store
from knowledge.vectors import (
    CACHE_DIR,
    LINKING_CACHE,
    PROFILE_MATRIX,
    VECTORS_DIR,
    VECTORS_VERSION,
    LabelEntry,
    embed_cached,
    link_cache_entry,
    occupation_entries,
    profile_entries,
    prune_cache,
    skill_entries,
    write_matrix,
)

log = logging.getLogger(__name__)

FINGERPRINTS_FILE = "inputs.json"  # (size, mtime, sha256) per input: skips re-reading unchanged files


class BuildReport(BaseModel):
    knowledge_dir: str
    reused: bool = Field(description="True when nothing changed and the existing knowledge base was kept")
    inputs_hash: str
    embedder: str
    counts: dict[str, int] = Field(default_factory=dict)
    timings_s: dict[str, float] = Field(default_factory=dict)
    texts_encoded: int = 0
    texts_cached: int = 0
    total_s: float = 0.0


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def input_fingerprints(data_dir: Path, known: dict[str, dict] | None = None) -> dict[str, dict]:
    """size, mtime and sha256 of every input file; a file whose size and mtime match ``known`` is not re-read."""
    known = known or {}
    result: dict[str, dict] = {}
    for relative in SOURCE_FILES:
        path = data_dir / relative
        if not path.is_file():
            raise KnowledgeSourceError(path, "file not found (is the data dir right? set --data-dir or ORIENT_DATA_DIR)")
        stat = path.stat()
        previous = known.get(relative)
        if previous and previous.get("size") == stat.st_size and previous.get("mtime_ns") == stat.st_mtime_ns:
            result[relative] = previous
        else:
            result[relative] = {"size": stat.st_size, "mtime_ns": stat.st_mtime_ns, "sha256": _sha256(path)}
    return result


def inputs_hash(fingerprints: dict[str, dict], embedder_name: str) -> str:
    digest = hashlib.sha256(
        f"store:{STORE_VERSION}\nvectors:{VECTORS_VERSION}\nembedder:{embedder_name}\n".encode())
    for relative in sorted(fingerprints):
        digest.update(f"{relative}:{fingerprints[relative]['sha256']}\n".encode())
    return digest.hexdigest()


def _known_fingerprints(knowledge_dir: Path) -> dict[str, dict]:
    path = knowledge_dir / FINGERPRINTS_FILE
    try:
        return json.loads(path.read_text())["files"]
    except (OSError, ValueError, KeyError):
        return {}


def current_build(knowledge_dir: Path) -> dict | None:
    """The metadata of the knowledge base in ``knowledge_dir`` if it is complete, else None."""
    store = knowledge_dir / STORE_FILE
    if not store.is_file():
        return None
    try:
        meta = read_meta(store)
    except Exception as error:  # a damaged store is rebuilt, never trusted
        log.warning("knowledge store %s unreadable (%s): it will be rebuilt", store, error)
        return None
    return meta if meta.get("complete") else None


def is_up_to_date(data_dir: Path, knowledge_dir: Path, embedder_name: str) -> bool:
    meta = current_build(Path(knowledge_dir))
    if meta is None:
        return False
    fingerprints = input_fingerprints(Path(data_dir), _known_fingerprints(Path(knowledge_dir)))
    return meta.get("inputs_hash") == inputs_hash(fingerprints, embedder_name)


@contextmanager
def _build_lock(knowledge_dir: Path) -> Iterator[None]:
    knowledge_dir.parent.mkdir(parents=True, exist_ok=True)
    lock_path = knowledge_dir.parent / f".{knowledge_dir.name}.lock"
    with lock_path.open("w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def build_knowledge(
    data_dir: Path | str,
    knowledge_dir: Path | str,
    embedder,
    progress: bool = True,
    force: bool = False,
    cache_dir: Path | str | None = None,
) -> BuildReport:
    """Build (or reuse) the knowledge base of ``data_dir`` into ``knowledge_dir``; ``cache_dir`` is
    the machine cache (None: the caches stay beside the knowledge folder)."""
    started = time.perf_counter()
    data_dir, knowledge_dir = Path(data_dir), Path(knowledge_dir)
    with _build_lock(knowledge_dir):
        timings: dict[str, float] = {}
        step = time.perf_counter()
        fingerprints = input_fingerprints(data_dir, _known_fingerprints(knowledge_dir))
        digest = inputs_hash(fingerprints, embedder.name)
        timings["hash_inputs"] = time.perf_counter() - step
        existing = current_build(knowledge_dir)
        if not force and existing is not None and existing.get("inputs_hash") == digest:
            return BuildReport(
                knowledge_dir=str(knowledge_dir),
                reused=True,
                inputs_hash=digest,
                embedder=embedder.name,
                counts=existing.get("counts", {}),
                timings_s={k: round(v, 3) for k, v in timings.items()},
                total_s=round(time.perf_counter() - started, 3),
            )
        work = knowledge_dir.parent / f".{knowledge_dir.name}.build-{uuid.uuid4().hex[:8]}"
        work.mkdir(parents=True)
        try:
            report = _build_into(work, data_dir, knowledge_dir, embedder, fingerprints, digest, timings, progress,
                                 Path(cache_dir) if cache_dir is not None else None)
            _swap_in(work, knowledge_dir)
        except BaseException:
            shutil.rmtree(work, ignore_errors=True)
            raise
        report.total_s = round(time.perf_counter() - started, 3)
        return report


def _build_into(
    work: Path,
    data_dir: Path,
    knowledge_dir: Path,
    embedder,
    fingerprints: dict[str, dict],
    digest: str,
    timings: dict[str, float],
    progress: bool,
    cache_dir: Path | None,
) -> BuildReport:
    step = time.perf_counter()
    with tqdm(total=1, desc="import ESCO, ROME, O*NET, crosswalks", disable=not progress, unit="step") as bar:
        imported = import_sources(data_dir)
        bar.update(1)
    timings["import"] = time.perf_counter() - step

    # label entries and the distinct texts the model sees
    step = time.perf_counter()
    matrices: dict[str, list[LabelEntry]] = {
        "skills": skill_entries(imported.skills),
        "occupations": occupation_entries(imported.occupations, esco_titles(imported.rome, imported.crosswalks["esco_to_rome"])),
    }
    normal: dict[str, int] = {}
    rows: dict[str, list[int]] = {}
    for name, entries in matrices.items():
        indices = []
        for entry in entries:
            form = embedder.normalise(entry.text)
            indices.append(normal.setdefault(form, len(normal)))
        rows[name] = indices
    texts = list(normal)
    timings["prepare_texts"] = time.perf_counter() - step

    step = time.perf_counter()
    # encoded vectors go to a cache beside the knowledge folder first, so a later failure keeps them
    if cache_dir is not None:
        shared_cache = cache_dir / "label-vectors"
        _link_linking_cache(work, knowledge_dir, cache_dir / "linking")
    else:
        shared_cache = knowledge_dir.parent / f".{knowledge_dir.name}.embedding-cache"

    def embed(distinct: list[str]) -> tuple[np.ndarray, dict]:
        """Vectors of ``distinct`` texts from the caches (or encoded), the entry linked into the new folder."""
        found, info = embed_cached(distinct, embedder, [shared_cache, knowledge_dir / VECTORS_DIR / CACHE_DIR],
                                   shared_cache, progress=progress)
        link_cache_entry(shared_cache, work / VECTORS_DIR / CACHE_DIR, info["key"])
        return found, info

    if progress:
        print(f"embedding {len(texts)} distinct label texts with {embedder.name} (cached texts are reused)", flush=True)
    vectors, cache_info = embed(texts)
    timings["embed"] = time.perf_counter() - step

    # each occupation's profile sentence (its label and essential skills), apart: not in the label
    # index, and its own cache entry, so that the label vectors' key (and their index) stay as they are
    step = time.perf_counter()
    profiles = profile_entries(imported.occupations, imported.skills)
    profile_forms = [embedder.normalise(entry.text) for entry in profiles]
    distinct = list(dict.fromkeys(profile_forms))
    if progress:
        print(f"embedding {len(distinct)} occupation profiles (an occupation and its essential skills)", flush=True)
    profile_vectors, profile_info = embed(distinct)
    prune_cache(shared_cache, keep=4)
    position = {form: i for i, form in enumerate(distinct)}
    write_matrix(work, PROFILE_MATRIX, profiles, profile_vectors[[position[f] for f in profile_forms]])
    timings["embed_profiles"] = time.perf_counter() - step

    step = time.perf_counter()
    for name, entries in matrices.items():
        write_matrix(work, name, entries, vectors[rows[name]])
    timings["write_matrices"] = time.perf_counter() - step

    step = time.perf_counter()
    counts = dict(imported.counts)
    counts.update({f"{name}_label_rows": len(entries) for name, entries in matrices.items()})
    counts["distinct_texts"] = len(texts)
    counts["occupation_profiles"] = len(profiles)
    meta = {
        "complete": True,
        "inputs_hash": digest,
        "store_version": STORE_VERSION,
        "embedder": embedder.name,
        "dimension": int(vectors.shape[1]),
        "vectors_key": cache_info["key"],
        "data_dir": str(data_dir.resolve()),
        "built_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "counts": counts,
        "input_sha256": {k: v["sha256"] for k, v in fingerprints.items()},
        "timings_s": {k: round(v, 3) for k, v in timings.items()},
    }
    write_store(
        work / STORE_FILE,
        skills=imported.skills,
        occupations=imported.occupations,
        skill_groups=imported.skill_groups,
        isco_groups=imported.isco_groups,
        rome=imported.rome,
        onet=imported.onet,
        crosswalks=imported.crosswalks,
        meta=meta,
    )
    (work / FINGERPRINTS_FILE).write_text(json.dumps({"files": fingerprints}, indent=1))
    timings["store"] = time.perf_counter() - step
    return BuildReport(
        knowledge_dir=str(knowledge_dir),
        reused=False,
        inputs_hash=digest,
        embedder=embedder.name,
        counts=counts,
        timings_s={k: round(v, 3) for k, v in timings.items()},
        texts_encoded=cache_info["encoded"] + profile_info["encoded"],
        texts_cached=cache_info["cached"] + profile_info["cached"],
    )


def _link_linking_cache(work: Path, knowledge_dir: Path, machine_folder: Path) -> None:
    """The new knowledge folder's ``linking-cache`` is a link to the machine cache; the entries of
    a folder of its own (a knowledge base built without the machine cache) move there first."""
    machine_folder.mkdir(parents=True, exist_ok=True)
    own = knowledge_dir / LINKING_CACHE
    if own.is_dir() and not own.is_symlink():
        for entry in own.iterdir():
            if entry.is_file() and not (machine_folder / entry.name).exists():
                shutil.move(entry, machine_folder / entry.name)
    os.symlink(machine_folder.resolve(), work / LINKING_CACHE, target_is_directory=True)


def _swap_in(work: Path, knowledge_dir: Path) -> None:
    """Replace ``knowledge_dir`` by ``work`` with renames (never a half-written folder in place)."""
    old = None
    if knowledge_dir.exists():
        # caches that other components keep in the knowledge folder (``*-cache``, content-keyed) move along
        for entry in knowledge_dir.iterdir():
            if entry.is_dir() and entry.name.endswith("-cache") and not (work / entry.name).exists():
                os.rename(entry, work / entry.name)
        old = knowledge_dir.parent / f".{knowledge_dir.name}.old-{uuid.uuid4().hex[:8]}"
        os.rename(knowledge_dir, old)
    os.rename(work, knowledge_dir)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
