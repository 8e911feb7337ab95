"""``orient knowledge train-encoder``: pairs from the knowledge base, a few training steps on the tiny
fixture, the saved model loaded and used by the composition root (and the stock model otherwise)."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from channels.cli import main
from channels.services import Services
from channels.settings import Settings
from knowledge.embeddings import load_minilm, minilm_name, minilm_normaliser
from knowledge.finetune import (
    CARD_FILE,
    Pair,
    TrainingConfig,
    batches_without_duplicates,
    default_model_dir,
    description_windows,
    first_sentence,
    knowledge_pairs,
    resolve_encoder,
    sample_pairs,
    sentence_skill_pairs,
    train_encoder,
)
from knowledge_data import SKILL


def test_pairs_come_from_labels_descriptions_and_french(tiny_kb):
    by_kind = knowledge_pairs(tiny_kb)
    pairs = {(p.anchor, p.positive) for kind in by_kind.values() for p in kind}
    assert ("take payments", "process payments") in by_kind_pairs(by_kind, "skill_alt")
    assert ("help clients", tiny_kb.skills[SKILL["customer"]].labels["en"]) in by_kind_pairs(by_kind, "skill_hidden")
    assert ("traiter des paiements", "process payments") in by_kind_pairs(by_kind, "french")
    assert any(a.startswith("Administer payments") and p == "process payments" for a, p in by_kind_pairs(by_kind, "skill_description"))
    assert all(a.casefold() != p.casefold() for a, p in pairs)  # no pair of a text with itself
    with pytest.raises(ValueError, match="unknown pair kinds"):
        knowledge_pairs(tiny_kb, ["benchmark"])


def by_kind_pairs(by_kind: dict, kind: str) -> set[tuple[str, str]]:
    return {(p.anchor, p.positive) for p in by_kind[kind]}


def test_sampling_shares_kinds_and_is_reproducible(tiny_kb):
    by_kind = knowledge_pairs(tiny_kb)
    total = sum(len(v) for v in by_kind.values())
    assert len(sample_pairs(by_kind, 10_000, seed=1)) == total  # asks for more than there is: all
    few = sample_pairs(by_kind, 6, seed=1)
    assert len(few) == 6 and len({p.kind for p in few}) >= 3
    assert few == sample_pairs(by_kind, 6, seed=1) and few != sample_pairs(by_kind, total, seed=2)[:6]


def test_batches_hold_no_concept_twice():
    pairs = [Pair(f"a{i}", f"p{i % 3}", f"uri{i % 3}", "skill_alt") for i in range(9)]
    batches = batches_without_duplicates(pairs, batch_size=4)
    assert all(len({p.concept for p in batch}) == len(batch) for batch in batches)
    assert sorted(p.anchor for batch in batches for p in batch) == sorted(p.anchor for p in pairs)
    assert first_sentence("Administer payments. Handle refunds.") == "Administer payments"


def test_a_description_sentence_is_paired_with_the_essential_skill_it_says():
    description = (
        "Cashiers work at the till of a shop. They process payments in cash or by card and give change to customers. "
        "They keep the area clean."
    )
    skills = [("uri:pay", "process payments"), ("uri:cash", "handle cash"), ("uri:stock", "order supplies")]
    pairs = sentence_skill_pairs(description, skills)
    # the second sentence says "process payments" word for word; the first and last say no skill
    assert pairs == [("They process payments in cash or by card and give change to customers", "process payments", "uri:pay")]
    assert sentence_skill_pairs("", skills) == []
    # one word of a two-word label is not enough
    assert sentence_skill_pairs("They count the payments received by the shop every evening.", [("uri:x", "process payments")]) == []


def test_description_windows_are_eight_words_at_fixed_places():
    text = "Administer payments such as cash, credit cards and debit cards, handle refunds and keep the till balanced."
    windows = description_windows(text, "uri1")
    assert len(windows) == 2 and all(len(w.split(" ")) == 8 and w in text for w in windows)
    assert windows == description_windows(text, "uri1")  # the same on every run
    assert description_windows("Too short to cut.", "uri1") == []


def test_a_trained_encoder_is_saved_loaded_and_chosen(tiny_kb, tmp_path: Path):
    storage = tmp_path / "var"
    out = default_model_dir(storage)
    config = TrainingConfig(max_pairs=24, batch_size=8, epochs=1, seed=3, threads=1)
    report = train_encoder(tiny_kb, out, config, progress=False, log=lambda _m: None)
    card = json.loads((out / CARD_FILE).read_text())
    assert report.steps == card["steps"] >= 2 and card["pairs"] == 24 and card["config"]["seed"] == 3
    assert card["knowledge_inputs_hash"] == tiny_kb.meta["inputs_hash"] and len(card["pairs_sha256"]) == 64
    assert card["seconds"] > 0 and card["weights_sha256"]

    trained = load_minilm(threads=1, model_dir=out)
    assert trained.name == report.embedder_name == minilm_name(model_dir=out)
    assert trained.name != minilm_name() and card["weights_sha256"][:12] in trained.name
    vectors = trained.encode(["take payments at the till", "write Python code"])
    assert vectors.shape == (2, 384) and np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-3)
    assert minilm_normaliser(out)("Caissière  ") == "caissiere"

    # the composition root: "auto" takes the trained model of its storage dir, "stock" never does
    assert resolve_encoder("auto", storage) == out
    assert Services(Settings(storage_dir=storage)).embedder_name == trained.name
    assert Services(Settings(storage_dir=storage, encoder="stock")).embedder_name == minilm_name()
    assert Services(Settings(storage_dir=tmp_path / "other")).embedder_name == minilm_name()
    assert Services(Settings(storage_dir=tmp_path / "other", encoder=str(out))).embedder_name == trained.name
    with pytest.raises(FileNotFoundError, match="no trained encoder"):
        resolve_encoder(str(tmp_path / "missing"), storage)


def test_cli_trains_from_the_knowledge_base(tiny_knowledge_dir: Path, tmp_path: Path, capsys):
    storage = tmp_path / "var"
    args = ["--storage-dir", str(storage), "knowledge", "train-encoder", "--knowledge-dir", str(tiny_knowledge_dir),
            "--max-pairs", "16", "--batch-size", "8", "--quiet", "--json"]
    assert main(args) == 0
    card = json.loads(capsys.readouterr().out)
    assert card["pairs"] == 16 and card["name"] == "esco-minilm"
    assert (storage / "models" / "esco-minilm" / CARD_FILE).is_file()
    assert main(["--storage-dir", str(storage), "knowledge", "train-encoder", "--knowledge-dir", str(tmp_path / "none")]) == 1
    assert "no knowledge base" in capsys.readouterr().err
