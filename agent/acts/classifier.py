"""A small act classifier over sentence embeddings (the MiniLM embedder the services inject):
multinomial logistic regression on the training utterances of ``data/training.yaml``, trained in
numpy in about a second. The weights are cached under ``<storage>/acts/`` keyed by the training
file and the embedder, never committed: ``orient knowledge build`` trains them, and a missing or
stale file is retrained on first use."""

from __future__ import annotations

import hashlib
import json
import logging
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import yaml

from agent.acts.spelling import tidy
from agent.language import normalise

if TYPE_CHECKING:
    from knowledge.embeddings import Embedder

log = logging.getLogger(__name__)

TRAINING_FILE = Path(__file__).parent / "data" / "training.yaml"
VERSION = 1


def training_examples(path: Path = TRAINING_FILE) -> list[tuple[str, str]]:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return [(str(text), str(label)) for label, texts in data.items() for text in texts or []]


def model_key(embedder_name: str, path: Path = TRAINING_FILE) -> str:
    digest = hashlib.sha256(f"v{VERSION}\n{embedder_name}\n".encode() + path.read_bytes()).hexdigest()
    return digest[:16]


def _features(embedder: Embedder, texts: list[str]) -> np.ndarray:
    vectors = np.asarray(embedder.encode([tidy(normalise(t)) or t for t in texts]), dtype=np.float32)
    return vectors


class ActClassifier:
    """``predict(text) -> (label, probability)``; ``probabilities`` for every label."""

    def __init__(self, embedder: Embedder, labels: list[str], weights: np.ndarray, bias: np.ndarray):
        self.embedder = embedder
        self.labels = labels
        self.weights = weights
        self.bias = bias

    @classmethod
    def train(cls, embedder: Embedder, examples: list[tuple[str, str]] | None = None, epochs: int = 300,
              rate: float = 2.0, l2: float = 1e-4) -> ActClassifier:
        examples = examples or training_examples()
        labels = sorted({label for _, label in examples})
        x = _features(embedder, [t for t, _ in examples])
        y = np.array([labels.index(label) for _, label in examples])
        onehot = np.eye(len(labels), dtype=np.float32)[y]
        rng = np.random.default_rng(0)
        w = rng.normal(0, 0.01, (x.shape[1], len(labels))).astype(np.float32)
        b = np.zeros(len(labels), dtype=np.float32)
        scale = 8.0  # embeddings are unit vectors: a fixed temperature makes the logits usable
        for _ in range(epochs):
            logits = scale * x @ w + b
            logits -= logits.max(axis=1, keepdims=True)
            p = np.exp(logits)
            p /= p.sum(axis=1, keepdims=True)
            grad = (p - onehot) / len(x)
            w -= rate * (scale * x.T @ grad + l2 * w)
            b -= rate * grad.sum(axis=0)
        return cls(embedder, labels, w * scale, b)

    def probabilities(self, texts: list[str]) -> np.ndarray:
        x = _features(self.embedder, texts)
        logits = x @ self.weights + self.bias
        logits -= logits.max(axis=1, keepdims=True)
        p = np.exp(logits)
        probabilities: np.ndarray = p / p.sum(axis=1, keepdims=True)
        return probabilities

    def predict(self, text: str) -> tuple[str, float]:
        p = self.probabilities([text])[0]
        best = int(p.argmax())
        return self.labels[best], float(p[best])

    def save(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp.npz")
        np.savez(tmp, weights=self.weights, bias=self.bias, labels=np.array(json.dumps(self.labels)))
        tmp.replace(path)

    @classmethod
    def load(cls, embedder: Embedder, path: Path) -> ActClassifier:
        data = np.load(path)
        return cls(embedder, json.loads(str(data["labels"])), data["weights"], data["bias"])


def classifier_path(storage_dir: Path, embedder_name: str) -> Path:
    return Path(storage_dir) / "acts" / f"classifier-{model_key(embedder_name)}.npz"


def ensure_classifier(embedder: Embedder, storage_dir: Path, embedder_name: str | None = None) -> tuple[ActClassifier, bool]:
    """The cached classifier for this embedder and training file, trained and saved when missing.
    Returns (classifier, trained_now)."""
    name = embedder_name or str(getattr(embedder, "name", "embedder"))
    path = classifier_path(storage_dir, name)
    if path.exists():
        try:
            return ActClassifier.load(embedder, path), False
        except (OSError, ValueError, KeyError) as error:  # a damaged file: trained again below
            log.warning("act classifier at %s unreadable (%s): training it again", path, error)
    classifier = ActClassifier.train(embedder)
    classifier.save(path)
    for old in path.parent.glob("classifier-*.npz"):
        if old != path:
            old.unlink(missing_ok=True)
    return classifier, True
