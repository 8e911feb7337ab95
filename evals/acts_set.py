"""The labelled dialogue-act set (``evals/acts/*.yaml``): each message with the agent state it
answers and the acts it carries, split dev / test by a hash of the message; and the scoring of an
act reader on it (act accuracy: the kinds right; exact match: kinds and what they point at)."""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from agent.acts.models import ReadContext

ACTS_DIR = Path(__file__).parent / "acts"


@dataclass(frozen=True)
class LabelledMessage:
    lang: str
    message: str
    expected: tuple[str, ...]  # act signatures, sorted
    context: ReadContext
    lost_check: bool = False  # content with request words: must never be read as a request alone
    fresh: bool = False  # written after the reader was tuned, scored before any change (a fresh check)

    @property
    def split(self) -> str:
        digest = hashlib.sha256(f"{self.lang}\n{self.message}".encode()).digest()
        return "test" if digest[0] % 2 else "dev"


def load_set(folder: Path = ACTS_DIR) -> list[LabelledMessage]:
    out: list[LabelledMessage] = []
    for path in sorted(folder.glob("*.yaml")):
        for group in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
            lang = group["lang"]
            context = ReadContext(language=lang, **(group.get("context") or {}))
            for item in group["items"]:
                message, _, expected = str(item).rpartition(" => ")
                if not message:
                    raise ValueError(f"{path}: an item is 'message => acts': {item!r}")
                acts = tuple(sorted(a.strip() for a in expected.split(";") if a.strip()))
                out.append(LabelledMessage(lang, message.strip(), acts, context, bool(group.get("lost_check")),
                                           bool(group.get("fresh"))))
    return out


def kinds(signatures: tuple[str, ...] | list[str]) -> tuple[str, ...]:
    return tuple(sorted(s.split(":", 1)[0] for s in signatures))


@dataclass
class Score:
    n: int = 0
    exact: int = 0
    kinds_right: int = 0
    errors: list[dict[str, Any]] = field(default_factory=list)

    def add(self, item: LabelledMessage, got: tuple[str, ...]) -> None:
        self.n += 1
        exact = got == item.expected
        self.exact += exact
        self.kinds_right += kinds(got) == kinds(item.expected)
        if not exact:
            self.errors.append({"message": item.message, "expecting": item.context.expecting,
                                "expected": list(item.expected), "got": list(got)})

    def figures(self) -> dict[str, Any]:
        return {"n": self.n, "act_accuracy": round(100 * self.kinds_right / max(self.n, 1), 1),
                "exact_match": round(100 * self.exact / max(self.n, 1), 1)}


def score_reader(reader: Any, items: list[LabelledMessage]) -> tuple[dict[str, Score], list[float]]:
    """Scores by ``<lang>/<split>`` and the read time of each message in ms."""
    scores: dict[str, Score] = {}
    times: list[float] = []
    for item in items:
        started = time.perf_counter()
        acts = reader.read(item.message, item.context)
        times.append((time.perf_counter() - started) * 1000)
        got = tuple(sorted(a.signature() for a in acts))
        keys = [f"{item.lang}/{item.split}", f"all/{item.split}"] + ([f"{item.lang}/fresh"] if item.fresh else [])
        for key in keys:
            scores.setdefault(key, Score()).add(item, got)
    return scores, times
