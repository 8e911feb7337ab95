"""Label embedding matrices: which strings are embedded, the content-hash cache, and reading them back.

A matrix (``skills``, ``occupations``) has one row per (concept, language, field, text) entry:
``vectors/<name>.npy`` (float32, L2-normalised, memory-mapped on read) and ``vectors/<name>.rows.json``.
Texts are embedded once per distinct form the model sees (the model is uncased, so case variants
share a vector), cached under ``vectors/cache/`` keyed by sha256 of the model name and texts.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from knowledge.cache_files import digest_texts, prune_oldest, write_atomically
from knowledge.models import Occupation, Skill

VECTORS_DIR = "vectors"
CACHE_DIR = "cache"
LINKING_CACHE = "linking-cache"  # the linker's vectors in a knowledge folder (tools.linking.concept_index)
# Descriptions are not embedded by default: they are long (about a third of all tokens) and the
# build must stay within minutes on 2 cores; lexical search covers them.
# languages whose labels are embedded (the model is English; French labels still help lexical-ish matching)
EMBEDDED_LANGUAGES = ("en", "fr")


@dataclass(slots=True)
class LabelEntry:
    uri: str
    lang: str
    field: str  # 'label' (preferred) | 'alt' | 'hidden' | 'rome' (a French job title of the ROME, occupations)
    text: str


@dataclass
class LabelMatrix:
    """Rows of label embeddings with what each row is."""

    name: str
    vectors: np.ndarray  # (n, d) float32, L2-normalised; memory-mapped when read from disk
    uris: list[str]
    langs: list[str]
    fields: list[str]
    texts: list[str]

    def __len__(self) -> int:
        return len(self.uris)

    def rows(self, *, lang: str | None = None, fields: Iterable[str] | None = None) -> np.ndarray:
        """Indices of the rows in ``lang`` and/or with a field in ``fields``."""
        wanted = set(fields) if fields is not None else None
        return np.array(
            [i for i, (l, f) in enumerate(zip(self.langs, self.fields)) if (lang is None or l == lang) and (wanted is None or f in wanted)],
            dtype=np.int64,
        )


def first_sentences(text: str, max_chars: int = 300) -> str:
    """The start of a description, cut at a sentence end where possible (descriptions are long)."""
    text = " ".join(text.split())
    if len(text) <= max_chars:
        return text
    cut = text.rfind(". ", 0, max_chars)
    return text[: cut + 1] if cut > 60 else text[:max_chars]


def skill_entries(skills: dict[str, Skill]) -> list[LabelEntry]:
    entries: list[LabelEntry] = []
    for skill in skills.values():
        entries.extend(_concept_entries(skill, include_hidden=True))
    return entries


def occupation_entries(occupations: dict[str, Occupation], rome_titles: dict[str, list[str]] | None = None) -> list[LabelEntry]:
    """Every occupation's labels, then (field 'rome', French) the ROME job titles the crosswalk pairs
    with it (``knowledge.sources.rome.esco_titles``) that are not already one of its labels."""
    entries: list[LabelEntry] = []
    for occupation in occupations.values():
        own = list(_concept_entries(occupation, include_hidden=True))
        entries.extend(own)
        known = {e.text.lower() for e in own}
        for title in (rome_titles or {}).get(occupation.uri, []):
            if title.lower() not in known:
                known.add(title.lower())
                entries.append(LabelEntry(occupation.uri, "fr", "rome", title))
    return entries


VECTORS_VERSION = 3  # which matrices a build writes (2: occupation profiles, 3: ROME titles): a new version rebuilds
PROFILE_MATRIX = "occupation_profiles"
PROFILE_SKILLS = 12  # essential skills named in an occupation's profile sentence


def occupation_profile_text(label: str, skill_labels: Iterable[str]) -> str:
    """An occupation said with its own skills ("line cook: prepare ingredients, ..."): what a
    course about that job is close to (tools.career.trainings queries with it)."""
    return f"{label}: " + ", ".join(x for x in skill_labels if x)


def profile_entries(occupations: dict[str, Occupation], skills: dict[str, Skill]) -> list[LabelEntry]:
    """Each occupation's profile sentence in each embedded language: its label and its first
    :data:`PROFILE_SKILLS` essential skills (labels falling back to English, as ``KnowledgeBase.label``)."""
    entries: list[LabelEntry] = []
    for occupation in occupations.values():
        essential = [skills[u] for u in occupation.essential_skills[:PROFILE_SKILLS] if u in skills]
        for lang in EMBEDDED_LANGUAGES:
            text = occupation_profile_text(occupation.label(lang), (s.label(lang) for s in essential))
            entries.append(LabelEntry(occupation.uri, lang, "profile", text))
    return entries


def _concept_entries(concept: Skill | Occupation, include_hidden: bool) -> Iterable[LabelEntry]:
    for lang in EMBEDDED_LANGUAGES:
        label = concept.labels.get(lang)
        if label:
            yield LabelEntry(concept.uri, lang, "label", label)
        for alt in concept.alt_labels.get(lang, []):
            yield LabelEntry(concept.uri, lang, "alt", alt)
        if include_hidden:
            for hidden in concept.hidden_labels.get(lang, []):
                yield LabelEntry(concept.uri, lang, "hidden", hidden)


def texts_key(model_name: str, texts: list[str]) -> str:
    digest = hashlib.sha256(model_name.encode())
    digest_texts(digest, texts)
    return digest.hexdigest()


def _save_npy(path: Path, array: np.ndarray) -> None:
    write_atomically(path, lambda target: np.save(target, array))


def embed_cached(
    texts: list[str],
    embedder,
    cache_dirs: list[Path],
    write_dir: Path,
    progress: bool = False,
    on_encode: Callable[[int], None] | None = None,
) -> tuple[np.ndarray, dict]:
    """Vectors for distinct ``texts`` (already in the model's normal form), from cache or encoded.

    Looks for an exact cache entry in ``cache_dirs``; else reuses the rows of any earlier entry of
    the same model and encodes only the rest (sorted by length to waste no padding). Writes the
    result to ``write_dir`` as ``<key>.npy`` + ``<key>.texts.json``.
    """
    key = texts_key(embedder.name, texts)
    write_dir.mkdir(parents=True, exist_ok=True)
    target = write_dir / f"{key}.npy"
    for folder in cache_dirs:
        found = folder / f"{key}.npy"
        if found.is_file():
            if found.resolve() != target.resolve():
                _link_or_copy(found, target)
                _link_or_copy(folder / f"{key}.texts.json", write_dir / f"{key}.texts.json")
            (write_dir / f"{key}.texts.json").touch()
            return np.load(target, mmap_mode="r"), {"key": key, "cached": len(texts), "encoded": 0}

    vectors: np.ndarray | None = None  # sized from a cache entry when there is one (no model load)
    done = np.zeros(len(texts), dtype=bool)
    position = {text: i for i, text in enumerate(texts)}
    for folder in cache_dirs:
        for texts_file in sorted(folder.glob("*.texts.json")):
            try:
                meta = json.loads(texts_file.read_text())
            except (OSError, ValueError):
                continue
            if meta.get("model") != embedder.name:
                continue
            old = np.load(folder / texts_file.name.replace(".texts.json", ".npy"), mmap_mode="r")
            if vectors is None:
                vectors = np.zeros((len(texts), old.shape[1]), dtype=np.float32)
            for j, text in enumerate(meta["texts"]):
                i = position.get(text)
                if i is not None and not done[i]:
                    vectors[i] = old[j]
                    done[i] = True
    if vectors is None:
        vectors = np.zeros((len(texts), embedder.dimension), dtype=np.float32)
    todo = [i for i in np.flatnonzero(~done)]
    todo.sort(key=lambda i: len(texts[i]))
    if todo:
        encoded = embedder.encode([texts[i] for i in todo], progress=progress)
        vectors[np.array(todo, dtype=np.int64)] = encoded
        if on_encode:
            on_encode(len(todo))
    _save_npy(target, vectors)
    (write_dir / f"{key}.texts.json").write_text(json.dumps({"model": embedder.name, "texts": texts}, ensure_ascii=False))
    return np.load(target, mmap_mode="r"), {"key": key, "cached": len(texts) - len(todo), "encoded": len(todo)}


def link_cache_entry(source_dir: Path, target_dir: Path, key: str) -> None:
    target_dir.mkdir(parents=True, exist_ok=True)
    for suffix in (".npy", ".texts.json"):
        _link_or_copy(source_dir / f"{key}{suffix}", target_dir / f"{key}{suffix}")


def prune_cache(cache_dir: Path, keep: int = 2) -> None:
    """Keep the ``keep`` most recently used cache entries."""
    prune_oldest(cache_dir, "*.texts.json", keep,
                 companions=lambda texts_file: [texts_file.with_name(texts_file.name.replace(".texts.json", ".npy"))])


def _link_or_copy(source: Path, target: Path) -> None:
    if target.exists():
        return
    try:
        os.link(source, target)
    except OSError:
        import shutil

        shutil.copyfile(source, target)


def write_matrix(directory: Path, name: str, entries: list[LabelEntry], vectors: np.ndarray) -> None:
    folder = directory / VECTORS_DIR
    folder.mkdir(parents=True, exist_ok=True)
    _save_npy(folder / f"{name}.npy", np.ascontiguousarray(vectors, dtype=np.float32))
    rows = {
        "uris": [e.uri for e in entries],
        "langs": [e.lang for e in entries],
        "fields": [e.field for e in entries],
        "texts": [e.text for e in entries],
    }
    (folder / f"{name}.rows.json").write_text(json.dumps(rows, ensure_ascii=False))


def open_matrix(directory: Path, name: str) -> LabelMatrix:
    folder = Path(directory) / VECTORS_DIR
    path = folder / f"{name}.npy"
    if not path.is_file():
        raise FileNotFoundError(f"no label matrix {name!r} in {folder}: run `orient knowledge build`")
    rows = json.loads((folder / f"{name}.rows.json").read_text())
    return LabelMatrix(
        name=name,
        vectors=np.load(path, mmap_mode="r"),
        uris=rows["uris"],
        langs=rows["langs"],
        fields=rows["fields"],
        texts=rows["texts"],
    )
