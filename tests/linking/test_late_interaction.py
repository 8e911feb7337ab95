"""Late interaction: label word pieces against each window's word pieces (MaxSim), and the cache
of the labels' token vectors beside a built knowledge base."""

from __future__ import annotations

import copy
from pathlib import Path

import numpy as np

from tools.linking.late_interaction import LabelTokens, tokens_key


def _unit(*rows: list[float]) -> np.ndarray:
    array = np.asarray(rows, dtype=np.float32)
    return array / np.linalg.norm(array, axis=1, keepdims=True)


def test_a_label_scores_the_mean_of_its_pieces_best_matches_in_its_best_window():
    x, y, z = _unit([1, 0, 0]), _unit([0, 1, 0]), _unit([0, 0, 1])
    labels = LabelTokens.from_arrays([np.vstack([x, y]), z, np.zeros((0, 3), np.float32)], dimension=3)
    both = np.vstack([x, y])  # a window with both pieces of label 0
    half = np.vstack([x, _unit([0, 0.6, 0.8])])  # one piece exact, the other at cosine 0.6
    scores = labels.scores(np.array([0, 1, 2]), [half, both])
    assert np.allclose(scores, [1.0, 0.8, 0.0], atol=2e-3)  # float16 storage
    # pieces found in different windows do not add up: the best single window counts
    split = labels.scores(np.array([0]), [x, y])
    assert np.allclose(split, [0.5], atol=2e-3)
    assert np.allclose(labels.scores(np.array([0, 1]), []), [0.0, 0.0])


def test_token_vectors_come_from_the_same_pass_as_the_sentence_vectors(embedder):
    texts = ["take payments at the till", "I trained new staff and planned the rota", "x"]
    vectors, tokens = embedder.encode_with_tokens(texts)
    assert np.allclose(vectors, embedder.encode(texts), atol=1e-6)
    assert [len(t) for t in tokens] == [5, 9, 1]  # word pieces, [CLS] and [SEP] left out ("rota" is two)
    assert all(np.allclose(np.linalg.norm(t, axis=1), 1.0, atol=1e-4) for t in tokens)
    workers = copy.copy(embedder)
    workers.processes, workers.parallel_min_chars = 2, 1
    far_vectors, far_tokens = workers.encode_with_tokens(texts)
    assert np.allclose(far_vectors, vectors, atol=1e-3)
    assert all(a.shape == b.shape and np.allclose(a, b, atol=1e-2) for a, b in zip(far_tokens, tokens))


def test_label_tokens_are_cached_by_model_and_texts(tmp_path: Path, embedder):
    texts = ["process payments", "", "train employees"]
    first = LabelTokens.cached(texts, embedder, tmp_path)
    entry = tmp_path / f"tokens-{tokens_key(embedder.name, texts)}.npy"
    assert entry.is_file() and list(first.offsets[1:] - first.offsets[:-1])[1] == 0  # no label: no pieces
    inode = entry.stat().st_ino
    again = LabelTokens.cached(texts, embedder, tmp_path)
    assert entry.stat().st_ino == inode  # read, not encoded and written again
    assert np.array_equal(np.asarray(again.matrix), np.asarray(first.matrix))
    np.save(tmp_path / f"tokens-{tokens_key(embedder.name, texts)}.offsets.npy", np.array([0, 1]))  # damaged
    rebuilt = LabelTokens.cached(texts, embedder, tmp_path)
    assert len(rebuilt.offsets) == 4 and np.array_equal(rebuilt.offsets, first.offsets)
    assert tokens_key(embedder.name, texts) != tokens_key(embedder.name + "-other", texts)


def test_old_label_token_entries_are_pruned(tmp_path: Path, embedder):
    for i in range(10):  # ten knowledge-base versions in turn, the oldest first
        LabelTokens.cached([f"skill number {i}"], embedder, tmp_path)
    kept = sorted(tmp_path.glob("tokens-*.offsets.npy"))
    assert len(kept) == 8 and len(list(tmp_path.glob("tokens-*.npy"))) == 16  # matrix + offsets each
    newest = tmp_path / f"tokens-{tokens_key(embedder.name, ['skill number 9'])}.offsets.npy"
    oldest = tmp_path / f"tokens-{tokens_key(embedder.name, ['skill number 1'])}.offsets.npy"
    assert newest.is_file() and not oldest.is_file()


def test_an_empty_text_has_no_word_pieces(embedder):
    _, tokens = embedder.encode_with_tokens(["", "repair bicycles"])
    assert tokens[0].shape == (0, embedder.dimension) and len(tokens[1]) >= 2


def test_rare_pieces_weigh_more_in_a_labels_mean():
    x, y = _unit([1, 0, 0]), _unit([0, 1, 0])
    labels = LabelTokens.from_arrays([np.vstack([x, y]), np.vstack([x, y])], dimension=3)
    # piece 7 ("hydraulic") in 1 of 4 label strings, piece 3 ("of") in all 4; concept 1's ids do
    # not line up with its two rows, so it keeps equal weights
    corpus = [[7, 3], [3], [3, 5], [3]]
    labels.weigh_pieces([[7, 3], [7]], corpus, power=1.0)
    idf_rare, idf_common = np.log(5 / 2), np.log(5 / 5)
    assert np.isclose(labels.weights[0], idf_rare) and np.isclose(labels.weights[1], 1e-3)  # idf 0: floored, never 0
    assert np.allclose(labels.weights[2:], 1.0)
    assert idf_common == 0.0
    only_rare = labels.scores(np.array([0, 1]), [x])  # the window has the rare piece only
    assert only_rare[0] > 0.99 and np.isclose(only_rare[1], 0.5, atol=2e-3)
    only_common = labels.scores(np.array([0]), [y])
    assert only_common[0] < 0.01
    labels.weigh_pieces([[7, 3], [7]], corpus, power=0.0)  # power 0: the plain mean again
    assert np.allclose(labels.scores(np.array([0]), [x]), [0.5], atol=2e-3)


def test_token_ids_line_up_with_the_token_vectors(embedder):
    texts = ["operate hydraulic systems", "", "I trained new staff and planned the rota"]
    _, tokens = embedder.encode_with_tokens(texts)
    ids = embedder.token_ids(texts)
    assert [len(i) for i in ids] == [len(t) for t in tokens]  # no padding, no [CLS]/[SEP]
    assert ids[0][0] == embedder.token_ids(["operate"])[0][0]


def test_piece_weights_are_cached_beside_the_token_vectors(tmp_path: Path, embedder):
    labels_text = ["operate hydraulic systems", "manage staff"]
    corpus = labels_text + ["operate a forklift", "manage a budget", "use hydraulic tools"]
    first = LabelTokens.cached(labels_text, embedder, tmp_path)
    first.weigh_pieces_cached(embedder, labels_text, corpus, 0.5, tmp_path)
    plain = LabelTokens.cached(labels_text, embedder, None)
    plain.weigh_pieces(embedder.token_ids(labels_text), embedder.token_ids(corpus), 0.5)
    assert np.allclose(first.weights, plain.weights) and not np.allclose(first.weights, 1.0)
    (entry,) = tmp_path.glob("weights-*.npy")
    np.save(entry, np.full(len(first.matrix), 0.25, dtype=np.float32))  # what a later start finds there
    again = LabelTokens.cached(labels_text, embedder, tmp_path)
    again.weigh_pieces_cached(embedder, labels_text, corpus, 0.5, tmp_path)
    assert np.allclose(again.weights, 0.25)  # read, not tokenized again
    other = LabelTokens.cached(labels_text, embedder, tmp_path)
    other.weigh_pieces_cached(embedder, labels_text, corpus, 1.0, tmp_path)  # another power: another entry
    assert len(list(tmp_path.glob("weights-*.npy"))) == 2 and not np.allclose(other.weights, 0.25)
    entry.write_bytes(b"not an array")  # a damaged entry is weighed again, never fails a start
    damaged = LabelTokens.cached(labels_text, embedder, tmp_path)
    damaged.weigh_pieces_cached(embedder, labels_text, corpus, 0.5, tmp_path)
    assert np.allclose(damaged.weights, plain.weights)
