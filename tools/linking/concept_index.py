"""Per-language search structures over one kind of concept (skills or occupations): the label
strings, their embeddings, a TF-IDF index, exact phrases and label coverage.

Embeddings come from the knowledge base's label matrix (``kb.vectors(name)``, built and cached by
``orient knowledge build``); when a knowledge base has none (small test bases built in memory),
the labels are encoded here with the injected embedder. The TF-IDF index, phrases and coverage
(``TextStructures``) of a built knowledge base are cached in its ``linking-cache`` folder.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from knowledge.embeddings import gives_token_vectors, gives_word_pieces
from knowledge.vectors import LINKING_CACHE
from tools.linking.dense import DenseIndex
from tools.linking.label_strings import LabelStrings
from tools.linking.late_interaction import LabelTokens
from tools.linking.phrases import head_words
from tools.linking.text_structures import TextStructures

if TYPE_CHECKING:
    from knowledge.base import KnowledgeBase
    from knowledge.embeddings import Embedder
    from knowledge.vectors import LabelMatrix
    from tools.linking.label_strings import Concept

log = logging.getLogger(__name__)

LABEL_FIELDS = ("label", "alt", "rome")  # preferred and alt labels; for occupations also their ROME job titles (French)
# vector entries kept in the linking cache: skill descriptions (one set for both languages), occupation descriptions
# en and fr, and the occupations' O*NET titles (crosswalk_titles.py), for this build and the one before
VECTOR_ENTRIES_KEPT = 8


def linking_cache(directory: Path) -> Path:
    """The knowledge folder's linking cache: a link into the machine cache (knowledge/build.py), or
    a folder of its own. A link that leads nowhere (the folder was copied to another machine) is
    replaced by an empty folder: the linker encodes there once."""
    folder = directory / LINKING_CACHE
    if folder.is_symlink() and not folder.exists():
        folder.unlink(missing_ok=True)
        folder.mkdir(exist_ok=True)
    return folder


class ConceptIndex:
    def __init__(self, records: Sequence[Concept], lang: str, strings: LabelStrings, vectors: np.ndarray, descriptions: np.ndarray | None,
                 structures: TextStructures | None = None, label_tokens: LabelTokens | None = None, distinct_cosine: float = 1.0):
        self.records = records
        self.lang = lang
        self.strings = strings
        self.vectors = np.asarray(vectors, dtype=np.float32)  # every string's vector: exact per-row lookups
        # the dense scan leaves out strings nearly identical to another of the same concept
        # (LinkerConfig.dense_distinct_cosine): a third fewer rows for the skills at 0.95
        keep = strings.distinct(self.vectors, distinct_cosine)
        self.dense_strings = strings.subset(keep)
        self.dense = DenseIndex(self.vectors[keep])
        self.descriptions = DenseIndex(descriptions) if descriptions is not None else None
        structures = structures or TextStructures.build(strings)
        self.lexical = structures.lexical
        self.phrases = structures.phrases
        self.coverage = structures.coverage
        self.label_tokens = label_tokens  # the preferred labels' token vectors (late interaction), when built

    @cached_property
    def head_words(self) -> frozenset[str]:
        """The words that head the names of several concepts (for occupations: "worker", "manager")."""
        return head_words(self.strings.texts, self.lang)

    @cached_property
    def preferred_vectors(self) -> np.ndarray:
        """One vector per concept: its first (preferred) label's, zeros when it has none."""
        out = np.zeros((len(self.records), self.vectors.shape[1]), dtype=np.float32)
        if len(self.strings.texts):
            out[self.strings.start_owner] = self.vectors[self.strings.starts]
        return out

    @property
    def size(self) -> int:
        return len(self.records)

    @classmethod
    def build(cls, kb: KnowledgeBase, matrix_name: str, records: Sequence[Concept], lang: str, embedder: Embedder,
              with_descriptions: bool,
              with_tokens: bool = False, distinct_cosine: float = 1.0, token_idf_power: float = 0.0,
              held_out: frozenset[str] = frozenset()) -> ConceptIndex:
        """``held_out``: ROME job titles left out (a check that reads those titles as a person's words)."""
        position = {r.uri: i for i, r in enumerate(records)}
        matrix = _open_matrix(kb, matrix_name)
        cache = linking_cache(kb.directory) if matrix is not None and kb.directory is not None else None
        if matrix is not None and cache is not None:  # a matrix is read from a built knowledge base's folder
            strings, vectors = _from_matrix(matrix, position, records, lang, held_out)
            descriptions = _encode_descriptions(records, embedder, lang, cache) if with_descriptions else None
            structures = TextStructures.cached(strings, cache)
        else:
            strings = LabelStrings.build(records, lang)
            vectors = embedder.encode(strings.texts) if strings.texts else np.zeros((0, embedder.dimension), np.float32)
            descriptions = None
            if with_descriptions:
                texts = [_description(r, lang) for r in records]
                descriptions = np.zeros((len(records), embedder.dimension), dtype=np.float32)
                have = [i for i, t in enumerate(texts) if t]
                if have:
                    descriptions[have] = embedder.encode([texts[i][:300] for i in have])
            structures = None
        label_tokens = None
        if with_tokens and gives_token_vectors(embedder):  # with_tokens: the linker found the embedder gives them
            preferred = _preferred_texts(strings)
            label_tokens = LabelTokens.cached(preferred, embedder, cache)
            if token_idf_power and gives_word_pieces(embedder):
                label_tokens.weigh_pieces_cached(embedder, preferred, strings.texts, token_idf_power, cache)
        return cls(records, lang, strings, vectors, descriptions, structures, label_tokens, distinct_cosine)


def _open_matrix(kb: KnowledgeBase, name: str) -> LabelMatrix | None:
    if getattr(kb, "directory", None) is None:
        return None
    try:
        return kb.vectors(name)
    except FileNotFoundError:
        log.warning("no %s label matrix in the knowledge base: encoding labels at start-up", name)
        return None


def _from_matrix(matrix: LabelMatrix, position: dict[str, int], records: Sequence[Concept], lang: str,
                 held_out: frozenset[str] = frozenset()) -> tuple[LabelStrings, np.ndarray]:
    """Rows of ``lang`` labels; concepts with no label in ``lang`` fall back to their English rows."""
    chosen: list[tuple[int, int, bool]] = []  # (owner, row, preferred)
    has_lang = np.zeros(len(records), dtype=bool)
    fallback: list[tuple[int, int, bool]] = []
    seen: set[tuple[int, str]] = set()
    for row, (uri, row_lang, field, text) in enumerate(zip(matrix.uris, matrix.langs, matrix.fields, matrix.texts)):
        if field not in LABEL_FIELDS or (field == "rome" and text in held_out):
            continue
        owner = position.get(uri)
        if owner is None or (owner, text) in seen:
            continue
        if row_lang == lang:
            seen.add((owner, text))
            chosen.append((owner, row, field == "label"))
            has_lang[owner] = True
        elif row_lang == "en":
            fallback.append((owner, row, field == "label"))
    chosen.extend(item for item in fallback if not has_lang[item[0]])
    chosen.sort(key=lambda item: (item[0], not item[2]))
    rows = np.array([r for _, r, _ in chosen], dtype=np.int64)
    strings = LabelStrings(
        texts=[matrix.texts[r] for r in rows],
        owner=np.array([o for o, _, _ in chosen], dtype=np.int64),
        preferred=np.array([p for _, _, p in chosen], dtype=bool),
        n_concepts=len(records),
    )
    vectors = np.asarray(matrix.vectors[rows], dtype=np.float32) if len(rows) else np.zeros((0, matrix.vectors.shape[1]), np.float32)
    return strings, vectors


def _preferred_texts(strings: LabelStrings) -> list[str]:
    """Each concept's first string (its preferred label, or its first alt label), "" for none."""
    texts = [""] * strings.n_concepts
    for owner, row in zip(strings.start_owner.tolist(), strings.starts.tolist()):
        texts[owner] = strings.texts[row]
    return texts


def _description(record: Concept, lang: str) -> str:
    """The concept's description in ``lang``, else the English one (ESCO skills have English only)."""
    return record.description.get(lang) or record.description.get("en", "")


def _encode_descriptions(records: Sequence[Concept], embedder: Embedder, lang: str, cache: Path) -> np.ndarray:
    """Descriptions (first sentences; in ``lang`` where the concept has one, else English) encoded
    once and cached beside the knowledge base, keyed by the model and the texts' content hash."""
    from knowledge.vectors import first_sentences

    texts = [first_sentences(_description(r, lang)) for r in records]
    return encode_cached(texts, embedder, cache, "descriptions")


def encode_cached(texts: list[str], embedder: Embedder, cache_dir: Path, what: str) -> np.ndarray:
    """One vector per text (zeros for an empty one): each distinct text, in the model's normal form,
    encoded once and cached in ``cache_dir`` (content-keyed; the oldest entries pruned)."""
    from knowledge.vectors import embed_cached, prune_cache

    normalise = getattr(embedder, "normalise", lambda t: t)
    normal = [normalise(t) for t in texts]
    have = [i for i, t in enumerate(normal) if t]
    out = np.zeros((len(texts), embedder.dimension), dtype=np.float32)
    if not have:
        return out
    distinct = sorted({normal[i] for i in have})
    log.info("encoding %d %s once (cached in %s)", len(distinct), what, cache_dir)
    vectors, _ = embed_cached(distinct, embedder, [cache_dir], cache_dir, progress=len(distinct) > 1000)
    prune_cache(cache_dir, keep=VECTOR_ENTRIES_KEPT)
    row = {t: j for j, t in enumerate(distinct)}
    out[have] = np.asarray(vectors)[[row[normal[i]] for i in have]]
    return out
