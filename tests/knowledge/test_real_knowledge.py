"""Integration: the knowledge base built from the real reference data (../shared/data).

Built once into var/knowledge (`make run`'s) and reused across sessions while the data is unchanged
(see the fixtures in tests/conftest.py).
"""

from __future__ import annotations

import time
from pathlib import Path

import numpy as np
import pytest

from knowledge.base import KnowledgeBase
from knowledge.build import build_knowledge

pytestmark = pytest.mark.integration

CASHIER = "http://data.europa.eu/esco/occupation/2b871272-bd61-4206-bd1a-0b96d7023098"
CASH_REGISTER = "http://data.europa.eu/esco/skill/0cb013af-6dd9-4fb2-b34e-63dda1a5cf82"
PAYMENTS = "http://data.europa.eu/esco/skill/bdcac0c8-b77a-4640-9eaf-c0cf3efd1e23"


def test_counts(real_kb: KnowledgeBase):
    counts = real_kb.meta["counts"]
    assert (len(real_kb.skills), len(real_kb.occupations)) == (13896, 3007)
    assert len(real_kb.rome) == 1584 and len(real_kb.onet) == 1016
    assert counts["occupation_skill_relations"] > 120_000
    assert counts["esco_rome_pairs"] == 11118
    assert sum(1 for s in real_kb.skills.values() if "digital" in s.collections) == 1201
    # every transversal skill has its French label, the ones added since v1.0 too (from the v1.1.1 collections)
    assert all("fr" in s.labels for s in real_kb.skills.values() if "transversal" in s.collections)
    assert sum(1 for s in real_kb.skills.values() if "fr" in s.labels) > 13650
    assert not [s.labels["fr"] for s in real_kb.skills.values() if "  " in s.labels.get("fr", "")]
    assert sum(1 for s in real_kb.skills.values() if "de" in s.labels) > 12000
    assert all(s.broader for s in real_kb.skills.values())


def test_real_records(real_kb: KnowledgeBase):
    assert real_kb.occupation_by_code("2422.10").label("en") == "monitoring and evaluation officer"
    assert real_kb.occupation_by_code("2422.1") is None or real_kb.occupation_by_code("2422.1").code == "2422.1"
    cashier = real_kb.occupations[CASHIER]
    assert cashier.code == "5230.1" and "D1505" in cashier.rome_codes and "41-2011.00" in cashier.onet_codes
    assert PAYMENTS in cashier.essential_skills
    assert CASHIER in real_kb.occupations_with_skill(PAYMENTS, relation="essential")
    assert real_kb.occupation_by_label("shop assistant").uri in real_kb.occupations_with_skill(CASH_REGISTER)
    assert real_kb.skill_by_label("Utiliser une caisse enregistreuse").uri == CASH_REGISTER
    assert real_kb.skill_by_label("Registrierkasse bedienen").uri == CASH_REGISTER
    assert real_kb.skill_groups_of(CASH_REGISTER), "every skill sits in the skills hierarchy"
    rome = real_kb.rome["D1505"]
    assert rome.riasec_major == "C" and rome.domain == "D15" and rome.mobility and rome.competences and rome.savoirs
    assert CASHIER in rome.esco_uris
    assert [g.code for g in real_kb.isco_groups_of(CASHIER)][:1] == ["5230"]


def test_dense_label_search_finds_the_till_skills(real_kb: KnowledgeBase, embedder):
    matrix = real_kb.vectors("skills")
    scores = np.asarray(matrix.vectors @ embedder.encode(["took payments at the till"])[0])
    top: list[str] = []
    for row in np.argsort(-scores):
        if matrix.uris[row] not in top:
            top.append(matrix.uris[row])
        if len(top) == 5:
            break
    assert {PAYMENTS, CASH_REGISTER} & set(top), [real_kb.label(u) for u in top]


def test_unchanged_data_is_reused_and_loads_quickly(data_dir: Path, real_knowledge_dir: Path, embedder):
    report = build_knowledge(data_dir, real_knowledge_dir, embedder, progress=False)
    assert report.reused
    started = time.perf_counter()
    kb = KnowledgeBase.load(real_knowledge_dir)
    elapsed = time.perf_counter() - started
    assert len(kb.skills) == 13896
    print(f"cached rebuild check {report.total_s:.2f} s, load {elapsed:.2f} s")
