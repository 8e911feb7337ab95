"""Label matrices and the embedding cache, with the real model on a handful of texts."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from knowledge.vectors import embed_cached, first_sentences, texts_key


def test_first_sentences_cuts_long_descriptions_at_a_sentence_end():
    short = "Accept payments. Give change."
    assert first_sentences(short) == short
    long = "Handle the till and take payments from customers in cash or by card. " + "Then more detail follows. " * 20
    cut = first_sentences(long)
    assert long.startswith(cut) and cut.endswith("follows.") and 60 < len(cut) <= 300
    assert first_sentences("x" * 400) == "x" * 300  # no sentence end: a hard cut


def test_rows_filter(tiny_kb):
    matrix = tiny_kb.vectors("occupations")
    french = matrix.rows(lang="fr")
    assert len(french) and all(matrix.langs[i] == "fr" for i in french)
    preferred = matrix.rows(fields=["label"])
    assert sorted({matrix.uris[i] for i in preferred}) == sorted(tiny_kb.occupations)


def test_cache_is_keyed_by_model_and_texts(tmp_path: Path, embedder):
    texts = [embedder.normalise(t) for t in ("Process payments", "use a till", "serve customers")]
    assert texts_key(embedder.name, texts) != texts_key(embedder.name + "-other", texts)
    first, info = embed_cached(texts, embedder, [tmp_path], tmp_path)
    assert info["encoded"] == 3 and first.shape == (3, embedder.dimension)
    again, info = embed_cached(texts, embedder, [tmp_path], tmp_path)
    assert info == {"key": info["key"], "cached": 3, "encoded": 0}
    assert np.array_equal(np.asarray(first), np.asarray(again))
    grown, info = embed_cached(texts + ["wait on shoppers"], embedder, [tmp_path], tmp_path)
    assert info["encoded"] == 1 and info["cached"] == 3
    assert np.allclose(np.asarray(grown[:3]), np.asarray(first))
    assert np.allclose(np.asarray(grown[3]), embedder.encode(["wait on shoppers"])[0], atol=1e-3)
