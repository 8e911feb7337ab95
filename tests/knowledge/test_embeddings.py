"""The embedder's worker processes: large jobs are split into balanced jobs and give the same
vectors, in the same order, as encoding in the calling process."""

from __future__ import annotations

import copy

import numpy as np

from knowledge.embeddings import _balanced_chunks


def test_jobs_keep_the_order_and_carry_about_equal_characters():
    lengths = [10] * 40 + [400] * 10  # sorted by length: the long texts come last
    order = list(range(len(lengths)))
    chunks = _balanced_chunks(order, lengths, processes=2)
    assert [i for chunk in chunks for i in chunk] == order
    sizes = [sum(lengths[i] for i in chunk) for chunk in chunks]
    assert len(chunks) >= 8
    # no job holds the long tail on its own: every job stays near the budget of total / 16
    assert max(sizes) <= 2 * sum(lengths) / 16 + 400


def test_worker_processes_encode_like_the_calling_process(embedder):
    texts = [embedder.normalise(t) for t in (
        "take payments at the till", "train new staff", "plan the weekly rota for the shop floor",
        "Les serveurs prennent les commandes et servent les plats.", "repair bicycles", "x",
    )]
    workers = copy.copy(embedder)
    workers.processes, workers.parallel_min_chars = 2, 1
    here = embedder.encode(texts)
    there = workers.encode(texts)
    assert there.shape == here.shape
    assert np.all(np.sum(here * there, axis=1) > 0.999)  # same text, same row


def test_linear_layers_kept_in_bfloat16_encode_as_autocast_does(embedder):
    import torch

    from knowledge.embeddings import _store_linear_layers_in_bfloat16

    texts = ["take payments at the till", "I managed a team of six people in the warehouse"]
    # both under bf16 autocast (emulated on a CPU without bf16): float32 layers cast at every call
    # against layers stored in bf16 once
    float_layers, stored = copy.copy(embedder), copy.copy(embedder)
    float_layers.bfloat16 = stored.bfloat16 = True
    float_layers.model, stored.model = copy.deepcopy(embedder.model), copy.deepcopy(embedder.model)
    for module in float_layers.model.modules():
        if isinstance(module, torch.nn.Linear):
            module.to(torch.float32)
    _store_linear_layers_in_bfloat16(stored.model)
    assert {p.dtype for m in stored.model.modules() if isinstance(m, torch.nn.Linear) for p in m.parameters()} == {torch.bfloat16}
    vectors, tokens = float_layers.encode_with_tokens(texts)
    again, again_tokens = stored.encode_with_tokens(texts)
    assert np.array_equal(vectors, again)
    assert all(np.array_equal(a, b) for a, b in zip(tokens, again_tokens))
