"""Late interaction: each word piece of a label looks for its best match among the word pieces of a
window of the text (contextual token vectors of the same all-MiniLM-L6-v2 pass that embeds the
window), and the label scores the mean of those best matches, in its best window (MaxSim, as in
ColBERT, here with the stock model's token vectors). The mean weighs each piece by a power of its
inverse document frequency over the label strings (as BERTScore's idf weighting), so that the
piece "hydraulic" counts more than "systems" or "of": with the square root of idf (and weight 1.25
instead of 1.0), RP@5 rose from 62.1 to 66.2 on HOUSE and moved from 77.2 to 76.3 on TECH, MRR from
64.4 to 64.3 and from 77.5 to 79.3 (dev sets, README).

A pooled sentence vector blurs a window into one point; token matching keeps which words the label
finds, in context: for "Can you communicate quantitative analyzes in a simple understandable way?"
"communicate analytical insights" rises from 6th to 1st, for "Have experience with people
management" "personnel management" from 6th to 2nd. Reranking the 30 best fused candidates with it
took RP@5 from 55.5 to 62.1 on HOUSE and from 72.9 to 77.2 on TECH (dev sets, README).

The preferred labels' token vectors and their pieces' weights are computed once per knowledge base
and language and cached beside it (``<knowledge>/linking-cache/tokens-<key>.npy``,
``weights-<key>.npy``), keyed by the model and the texts.
"""

from __future__ import annotations

import hashlib
import logging
import os
from pathlib import Path

import numpy as np

from knowledge.cache_files import digest_texts, prune_oldest, write_atomically
from knowledge.embeddings import TokenVectors, WordPieces

log = logging.getLogger(__name__)


class LabelTokens:
    """Token vectors of one label per concept: a flat ``(total_tokens, dim)`` float16 matrix, each
    concept's row range (``offsets[i]:offsets[i + 1]``; empty for a concept with no label) and each
    row's weight in the label's mean (all 1 until :meth:`weigh_pieces`)."""

    def __init__(self, matrix: np.ndarray, offsets: np.ndarray):
        self.matrix = matrix
        self.offsets = offsets
        self.weights = np.ones(len(matrix), dtype=np.float32)

    def weigh_pieces(self, label_ids: list[list[int]], corpus_ids: list[list[int]], power: float) -> None:
        """Weigh each label piece by ``idf ** power``, its inverse document frequency over
        ``corpus_ids`` (the word-piece ids of every label string of the language), ``label_ids``
        being the ids of each concept's label in the order of its rows; a concept whose ids do not
        line up with its rows keeps equal weights."""
        df: dict[int, int] = {}
        for ids in corpus_ids:
            for piece in set(ids):
                df[piece] = df.get(piece, 0) + 1
        n = len(corpus_ids)
        weights = np.ones(len(self.matrix), dtype=np.float32)
        for concept, ids in enumerate(label_ids):
            start, stop = int(self.offsets[concept]), int(self.offsets[concept + 1])
            if ids and len(ids) == stop - start:
                idf = np.log((n + 1) / (np.array([df.get(p, 0) for p in ids], dtype=np.float64) + 1))
                weights[start:stop] = np.maximum(idf, 1e-3) ** power
        self.weights = weights

    def weigh_pieces_cached(self, embedder: WordPieces, labels: list[str], corpus: list[str], power: float, cache_dir: Path | None) -> None:
        """:meth:`weigh_pieces` over the word pieces of ``labels`` (one per concept, in row order)
        and of ``corpus``, the weights read from ``cache_dir`` when they were computed there for the
        same model, texts and power: tokenizing the corpus took 3-4 s of every start."""
        path = Path(cache_dir) / f"weights-{texts_key('weights', embedder.name, [str(power)], labels, corpus)}.npy" if cache_dir is not None else None
        if path is not None and path.is_file():
            try:
                weights = np.load(path)
                if weights.shape == (len(self.matrix),):
                    os.utime(path)  # recently used: kept by the pruning below
                    self.weights = weights.astype(np.float32, copy=False)
                    return
                log.warning("linking cache entry %s does not fit its labels: weighing them again", path.name)
            except (OSError, ValueError) as error:
                log.warning("linking cache entry %s unreadable (%s): weighing again", path.name, type(error).__name__)
        self.weigh_pieces(embedder.token_ids(labels), embedder.token_ids(corpus), power)
        if path is not None:
            try:
                write_atomically(path, lambda target: np.save(target, self.weights))
                prune_oldest(path.parent, "weights-*.npy", KEEP)
            except OSError as error:
                log.warning("linking cache not written (%s)", error)

    @classmethod
    def from_arrays(cls, arrays: list[np.ndarray], dimension: int) -> LabelTokens:
        offsets = np.zeros(len(arrays) + 1, dtype=np.int64)
        offsets[1:] = np.cumsum([len(a) for a in arrays])
        matrix = np.concatenate(arrays).astype(np.float16) if offsets[-1] else np.zeros((0, dimension), np.float16)
        return cls(matrix, offsets)

    @classmethod
    def cached(cls, texts: list[str], embedder: TokenVectors, cache_dir: Path | None) -> LabelTokens:
        """Token vectors of ``texts`` (one per concept, "" for none) from ``cache_dir``, else encoded
        (and written there)."""
        if cache_dir is not None:
            base = Path(cache_dir) / f"tokens-{tokens_key(embedder.name, texts)}"
            found = None
            if Path(f"{base}.npy").is_file():  # else not cached yet
                try:
                    found = cls(np.load(f"{base}.npy", mmap_mode="r"), np.load(f"{base}.offsets.npy"))
                except (OSError, ValueError) as error:  # a truncated or foreign file: encode again, never fail a start
                    log.warning("linking cache entry %s unreadable (%s): encoding again", base.name, type(error).__name__)
            if found is not None:
                if len(found.offsets) == len(texts) + 1 and found.offsets[-1] == len(found.matrix):
                    os.utime(f"{base}.offsets.npy")  # recently used: kept by the pruning below
                    return found
                log.warning("linking cache entry %s does not fit its texts: encoding them again", base.name)
        have = [i for i, t in enumerate(texts) if t]
        log.info("encoding the word pieces of %d labels once%s", len(have), f" (cached in {cache_dir})" if cache_dir else "")
        arrays = [np.zeros((0, embedder.dimension), np.float32)] * len(texts)
        if have:
            _, tokens = embedder.encode_with_tokens([texts[i] for i in have], progress=len(have) > 1000)
            for i, t in zip(have, tokens):
                arrays[i] = t
        built = cls.from_arrays(arrays, embedder.dimension)
        if cache_dir is not None:
            try:
                _write(base, built)
                _prune(Path(cache_dir))
            except OSError as error:
                log.warning("linking cache not written (%s)", error)
        return built

    def scores(self, concepts: np.ndarray, window_tokens: list[np.ndarray]) -> np.ndarray:
        """For each concept, the best over the windows of the weighted mean, over its label's pieces,
        of the piece's best cosine in the window; 0 for a concept with no label or no window."""
        concepts = np.asarray(concepts, dtype=np.int64)
        out = np.zeros(len(concepts), dtype=np.float32)
        windows = [w for w in window_tokens if len(w)]
        starts, stops = self.offsets[concepts], self.offsets[concepts + 1]
        present = np.flatnonzero(stops > starts)
        if not windows or not len(present):
            return out
        rows = np.concatenate([np.arange(starts[i], stops[i]) for i in present])
        labels = np.asarray(self.matrix[rows], dtype=np.float32)
        text = np.concatenate(windows).astype(np.float32, copy=False)
        cosine = labels @ text.T  # (label pieces, text pieces)
        window_starts = np.r_[0, np.cumsum([len(w) for w in windows])[:-1]]
        best_in_window = np.maximum.reduceat(cosine, window_starts, axis=1)  # (label pieces, windows)
        lengths = (stops - starts)[present]
        label_starts = np.r_[0, np.cumsum(lengths)[:-1]]
        weights = self.weights[rows]
        weighted = np.add.reduceat(best_in_window * weights[:, None], label_starts, axis=0)
        mean_in_window = weighted / np.add.reduceat(weights, label_starts)[:, None]
        out[present] = mean_in_window.max(axis=1)
        return out


def tokens_key(model_name: str, texts: list[str]) -> str:
    return texts_key("tokens", model_name, texts)


def texts_key(what: str, model_name: str, *text_lists: list[str]) -> str:
    """A content key of cached data derived from lists of texts by one model."""
    digest = hashlib.sha256(f"{what}:1\n{model_name}\n".encode())
    for position, texts in enumerate(text_lists):
        if position:
            digest.update(b"\x01")  # where one list ends: ["a"], ["b"] is not ["a", "b"], []
        digest_texts(digest, texts)
    return digest.hexdigest()


def _write(base: Path, tokens: LabelTokens) -> None:
    # the offsets first, the matrix last: the matrix's presence marks a whole entry
    write_atomically(Path(f"{base}.offsets.npy"), lambda target: np.save(target, np.asarray(tokens.offsets)))
    write_atomically(Path(f"{base}.npy"), lambda target: np.save(target, np.asarray(tokens.matrix)))


KEEP = 8  # cached entries kept: skills and occupations in 2 languages, for this build and the one before


def _prune(folder: Path) -> None:
    prune_oldest(folder, "tokens-*.offsets.npy", KEEP,
                 companions=lambda offsets: [offsets.with_name(offsets.name.replace(".offsets.npy", ".npy"))])
