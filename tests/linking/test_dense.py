import numpy as np

from tools.linking.dense import DenseIndex
from tools.linking.label_strings import LabelStrings


def _unit(rows: np.ndarray) -> np.ndarray:
    return (rows / np.linalg.norm(rows, axis=1, keepdims=True)).astype(np.float32)


def test_bfloat16_scores_match_float32_closely():
    rng = np.random.default_rng(0)
    items, queries = _unit(rng.normal(size=(500, 384))), _unit(rng.normal(size=(4, 384)))
    exact = DenseIndex(items, precision="float32").scores(queries)
    fast = DenseIndex(items).scores(queries)
    assert np.allclose(exact, queries @ items.T, atol=1e-5)
    assert np.abs(fast - exact).max() < 0.01
    assert fast.dtype == np.float32 and fast.shape == (4, 500)


def test_pool_max_takes_each_concepts_best_string():
    strings = LabelStrings(["a", "b", "c", "d"], np.array([0, 0, 2, 2]), np.array([True, False, True, False]), n_concepts=3)
    pooled = strings.pool_max(np.array([[0.1, 0.7, 0.3, 0.2]], dtype=np.float32))
    assert pooled.tolist() == [[np.float32(0.7), 0.0, np.float32(0.3)]]


def test_distinct_leaves_out_near_duplicate_strings_of_a_concept_only():
    rng = np.random.default_rng(1)
    base = _unit(rng.normal(size=(4, 384)))
    near = _unit(base[0:1] + 0.05 * _unit(rng.normal(size=(1, 384))))  # cosine ~0.999 with base[0]
    # concept 0: base0, its near copy, base1; concept 1: base0 again (another concept: kept); concept 2: base2, base3
    vectors = np.vstack([base[0], near[0], base[1], base[0], base[2], base[3]]).astype(np.float32)
    strings = LabelStrings(list("abcdef"), np.array([0, 0, 0, 1, 2, 2]), np.array([True, False, False, True, True, False]), n_concepts=3)
    keep = strings.distinct(vectors, 0.95)
    assert keep.tolist() == [True, False, True, True, True, True]
    assert strings.distinct(vectors, 1.0).all()
    kept = strings.subset(keep)
    assert kept.texts == ["a", "c", "d", "e", "f"] and kept.owner.tolist() == [0, 0, 1, 2, 2]
    queries = _unit(rng.normal(size=(8, 384)))
    every = strings.pool_max(queries @ vectors.T)
    scanned = kept.pool_max(queries @ vectors[keep].T)
    # a left-out string is within its twin's reach: the concept's best moves by at most their distance
    assert np.abs(every - scanned).max() <= np.linalg.norm(vectors[0] - vectors[1]) + 1e-6
    assert np.array_equal(every[:, 1:], scanned[:, 1:])
