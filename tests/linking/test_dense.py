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
