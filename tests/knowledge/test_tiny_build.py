"""The build and the KnowledgeBase API on the tiny fixture data (tests/knowledge_data.py)."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest

from knowledge.base import KnowledgeBase
from knowledge.build import build_knowledge, current_build
from knowledge.embeddings import LazyEmbedder, minilm_normaliser
from knowledge.errors import KnowledgeBaseMissing, KnowledgeSourceError
from knowledge.index import CHROMA_DIR, LabelIndex, write_embedded_index
from knowledge_data import GROUP, ISCO, OCCUPATION, SKILL, write_tiny_data
from tools.linking.concept_index import linking_cache


def test_records(tiny_kb: KnowledgeBase):
    payments = tiny_kb.skills[SKILL["payments"]]
    assert payments.labels == {"en": "process payments", "fr": "traiter des paiements", "es": "tramitar pagos", "de": "Zahlungen abwickeln"}
    assert payments.alt_labels["en"] == ["take payments", "handle payments", "accept payments"]
    assert payments.alt_labels["fr"] == ["encaisser des paiements"]
    assert payments.skill_type == "skill/competence" and payments.reuse_level == "cross-sector"
    assert payments.description["en"].startswith("Administer payments")
    assert tiny_kb.skills[SKILL["python"]].skill_type == "knowledge"
    assert tiny_kb.skills[SKILL["python"]].collections == {"digital", "research", "digcomp"}
    assert tiny_kb.skills[SKILL["customer"]].hidden_labels == {"en": ["help clients"]}
    assert tiny_kb.skills[SKILL["till"]].related_essential == [SKILL["payments"]]
    # a skill the v1.0 French export lacks takes its French texts from the v1.1.1 collections ...
    train = tiny_kb.skills[SKILL["train"]]
    assert train.labels["fr"] == "former des employés"
    assert train.alt_labels["fr"] == ["former le personnel", "coacher des salariés"]
    assert train.description["fr"].startswith("Guider les employés")
    # ... and never replaces what the full export gives
    assert tiny_kb.skills[SKILL["python"]].labels["fr"] == "Python (programmation informatique)"

    cashier = tiny_kb.occupations[OCCUPATION["cashier"]]
    assert (cashier.code, cashier.isco_group) == ("5230.1", "5230")
    assert cashier.labels["fr"] == "caissier/caissière"
    assert cashier.essential_skills == [SKILL["payments"], SKILL["till"], SKILL["customer"]]
    assert cashier.optional_skills == [SKILL["train"]]
    assert cashier.rome_codes == ["D1505"] and cashier.onet_codes == ["41-2011.00"]
    # a relation to a skill missing from the export is dropped
    assert tiny_kb.occupations[OCCUPATION["developer"]].essential_skills == [SKILL["python"]]


def test_codes_are_strings(tiny_kb: KnowledgeBase):
    assert tiny_kb.occupation_by_code("2422.10").uri == OCCUPATION["evaluation"]
    assert tiny_kb.occupation_by_code("2422.1").uri == OCCUPATION["policy"]
    assert tiny_kb.isco_group("2422").uri == ISCO["2422"]


def test_label_lookups(tiny_kb: KnowledgeBase):
    assert tiny_kb.label(SKILL["payments"], "fr") == "traiter des paiements"
    assert tiny_kb.label(SKILL["python"], "de") == "Python (computer programming)"  # falls back to English
    assert tiny_kb.label("D1505") == "Hôte / Hôtesse de caisse"
    assert tiny_kb.label("41-2011.00") == "Cashiers"
    assert tiny_kb.skill_by_label("TAKE  Payments").uri == SKILL["payments"]
    assert tiny_kb.skill_by_label("Tenir la caisse").uri == SKILL["till"]
    assert tiny_kb.skill_by_label("Zahlungen abwickeln").uri == SKILL["payments"]
    assert tiny_kb.skill_by_label("juggling") is None
    assert tiny_kb.occupation_by_label("Hôte de caisse").uri == OCCUPATION["cashier"]


def test_structure(tiny_kb: KnowledgeBase):
    assert tiny_kb.broader(SKILL["till"]) == [SKILL["payments"]]
    assert tiny_kb.ancestors(SKILL["till"]) == [SKILL["payments"], GROUP["selling"], GROUP["top"]]
    assert [g.uri for g in tiny_kb.skill_groups_of(SKILL["till"])] == [GROUP["selling"], GROUP["top"]]
    assert tiny_kb.skill_groups[GROUP["selling"]].level == 1
    assert tiny_kb.skill_groups[GROUP["selling"]].labels["fr"] == "vendre des biens et des services"
    assert [g.code for g in tiny_kb.isco_groups_of(OCCUPATION["evaluation"])] == ["2422", "242", "24", "2"]
    assert set(tiny_kb.narrower(GROUP["selling"])) == {SKILL["payments"], SKILL["customer"]}
    assert tiny_kb.occupations_with_skill(SKILL["train"]) == [OCCUPATION["cashier"], OCCUPATION["developer"]]
    assert tiny_kb.occupations_with_skill(SKILL["train"], relation="essential") == []


def test_rome_onet_and_crosswalks(tiny_kb: KnowledgeBase):
    rome = tiny_kb.rome["D1505"]
    assert rome.riasec == "CR" and rome.domain == "D15" and rome.grand_domain == "D"
    assert [a.label for a in rome.appellations] == ["Caissier / Caissière", "Hôte / Hôtesse de caisse"]
    assert [(c.label, c.kind, c.core) for c in rome.competences] == [("Encaisser le montant d'une vente", "savoir-faire", True), ("Sens du service", "savoir-être", False)]
    assert [s.label for s in rome.savoirs] == ["Logiciels de caisse"]
    assert rome.centres_interet == ["J'ai le sens du contact"]
    assert rome.mobility == ["D1505", "M1805"]  # in the repository's order
    assert rome.definition == "L'hôte de caisse accueille les clients.\nTient la caisse."
    assert rome.work_contexts == ["Travail en horaires décalés"]
    assert rome.sectors == ["Commerce et distribution", "Commerce de détail"]  # the main sector first
    assert rome.esco_uris == [OCCUPATION["cashier"]]
    assert [t.example for t in tiny_kb.onet["15-1252.00"].technology] == ["Python"]
    assert tiny_kb.onet["15-1252.00"].technology[0].hot

    to_rome = tiny_kb.esco_to_rome[OCCUPATION["cashier"]]
    assert [(m.code, m.relation, m.appellation) for m in to_rome] == [("D1505", "exactMatch", "11001"), ("D1505", "closeMatch", "11002")]
    assert [m.code for m in tiny_kb.rome_to_esco["M1805"]] == [OCCUPATION["developer"]]
    assert [(m.code, m.relation) for m in tiny_kb.esco_to_onet[OCCUPATION["cashier"]]] == [("41-2011.00", "exactMatch")]
    # the reverse O*NET file is keyed by ESCO code: '2422.10' must not be read as '2422.1'
    assert [m.code for m in tiny_kb.onet_to_esco["13-1111.00"]] == [OCCUPATION["evaluation"]]
    assert tiny_kb.esco_to_onet[OCCUPATION["evaluation"]][0].relation == "unspecified"


def test_label_vectors_and_index(tiny_kb: KnowledgeBase, tiny_knowledge_dir: Path, embedder):
    matrix = tiny_kb.vectors("skills")
    assert isinstance(matrix.vectors, np.memmap) and matrix.vectors.shape == (len(matrix), embedder.dimension)
    assert np.allclose(np.linalg.norm(matrix.vectors, axis=1), 1.0, atol=1e-3)
    assert set(matrix.fields) == {"label", "alt", "hidden"}
    assert {"en", "fr"} == set(matrix.langs)
    query = embedder.encode(["took payments at the till"])
    best = matrix.uris[int(np.argmax(matrix.vectors @ query[0]))]
    assert best in {SKILL["payments"], SKILL["till"]}

    # the build leaves the Chroma index out (the linker ranks from the matrices): written on first open, once
    assert not (tiny_knowledge_dir / CHROMA_DIR).exists() or not write_embedded_index(tiny_knowledge_dir)
    index = LabelIndex.open(tiny_knowledge_dir)
    assert (tiny_knowledge_dir / CHROMA_DIR).is_dir() and not write_embedded_index(tiny_knowledge_dir)
    assert [p.name for p in tiny_knowledge_dir.iterdir() if p.name.startswith(".chroma.") and p.name != ".chroma.lock"] == []
    assert index.count("skills") == len(matrix)
    assert index.count("occupations") == len(tiny_kb.vectors("occupations"))
    hits = index.query("occupations", embedder.encode(["checkout operator"]), top_k=3)[0]
    assert hits[0]["uri"] == OCCUPATION["cashier"] and hits[0]["score"] > 0.99
    french = index.query("skills", query, top_k=5, where={"lang": "fr"})[0]
    assert french and all(h["lang"] == "fr" for h in french)


def _build(data: Path, target: Path, embedder, **kwargs):
    return build_knowledge(data, target, embedder, progress=False, **kwargs)


def test_second_build_reuses_and_changed_data_reencodes_only_new_texts(tmp_path: Path, embedder):
    data = write_tiny_data(tmp_path / "data")
    target = tmp_path / "var" / "knowledge"
    first = _build(data, target, embedder)
    assert not first.reused and first.texts_encoded > 0
    def no_model():
        raise AssertionError("a build with nothing to encode must not load the model")

    again = _build(data, target, LazyEmbedder(embedder.name, no_model))
    assert again.reused and again.inputs_hash == first.inputs_hash and again.total_s < 5

    # a crosswalk change rebuilds the store but encodes nothing (same labels), and so never loads the model
    walk = data / "crosswalks" / "crosswalk_esco_onet_reverse.csv"
    walk.write_text(walk.read_text() + "2512.4,software developer,15-1252.00,Software Developers\n", encoding="utf-8")
    (target / "linking-cache").mkdir()
    (target / "linking-cache" / "kept.npy").write_bytes(b"content-keyed")
    changed = _build(data, target, LazyEmbedder(embedder.name, no_model, normaliser=minilm_normaliser()))
    assert (target / "linking-cache" / "kept.npy").read_bytes() == b"content-keyed"  # other components' caches move along
    assert not changed.reused and changed.texts_encoded == 0 and changed.inputs_hash != first.inputs_hash
    assert [m.code for m in KnowledgeBase.load(target).esco_to_onet[OCCUPATION["developer"]]] == ["15-1252.00"]

    # one new alt label: only that text is encoded
    skills = data / "esco-v1.1.1" / "en" / "skills_en.csv"
    skills.write_text(skills.read_text(encoding="utf-8").replace("handle payments", "handle payments\nwait on shoppers"), encoding="utf-8")
    grown = _build(data, target, embedder)
    assert grown.texts_encoded == 1
    assert KnowledgeBase.load(target).skill_by_label("wait on shoppers").uri == SKILL["payments"]
    forced = _build(data, target, embedder, force=True)
    assert not forced.reused and forced.texts_encoded == 0
    assert [p.name for p in target.parent.iterdir() if ".build-" in p.name or ".old-" in p.name] == []


def test_a_second_storage_folder_builds_from_the_machine_cache(tmp_path: Path, embedder):
    data = write_tiny_data(tmp_path / "data")
    machine = tmp_path / "machine-cache"
    first = _build(data, tmp_path / "one" / "knowledge", embedder, cache_dir=machine)
    assert first.texts_encoded > 0
    linked = tmp_path / "one" / "knowledge" / "linking-cache"
    assert linked.is_symlink() and linked.resolve() == (machine / "linking").resolve()

    def no_model():
        raise AssertionError("everything is in the machine cache: the model must not load")

    other = tmp_path / "two" / "knowledge"
    second = _build(data, other, LazyEmbedder(embedder.name, no_model, normaliser=minilm_normaliser()), cache_dir=machine)
    assert not second.reused and second.texts_encoded == 0 and second.inputs_hash == first.inputs_hash
    # what the linker writes in one folder's cache is there for the other
    (linked / "written-by-one.npy").write_bytes(b"content-keyed")
    assert (other / "linking-cache" / "written-by-one.npy").read_bytes() == b"content-keyed"
    assert not (tmp_path / "two" / ".knowledge.embedding-cache").exists()

    # the folder copied to a machine without that cache: its link leads nowhere and becomes a folder of its own
    copied = tmp_path / "elsewhere" / "knowledge"
    shutil.copytree(other, copied, symlinks=True)
    shutil.rmtree(machine / "linking")
    assert linking_cache(copied).is_dir() and not (copied / "linking-cache").is_symlink()
    (machine / "linking").mkdir()

    # a knowledge base built without the machine cache hands its linker's entries over at its next build
    alone = tmp_path / "three" / "knowledge"
    _build(data, alone, embedder)
    (alone / "linking-cache").mkdir()
    (alone / "linking-cache" / "written-alone.npy").write_bytes(b"alone")
    _build(data, alone, LazyEmbedder(embedder.name, no_model, normaliser=minilm_normaliser()), force=True, cache_dir=machine)
    assert (alone / "linking-cache").is_symlink() and (machine / "linking" / "written-alone.npy").read_bytes() == b"alone"


@pytest.mark.parametrize(
    "relative, damage, message",
    [
        ("esco-v1.1.1/relations/occupationSkillRelations.csv", None, "file not found"),
        ("esco-v1.1.1/en/skills_en.csv", b'conceptType,conceptUri\nKnowledgeSkillCompetence,"http://cut', "malformed CSV"),
        ("rome-v460/unix_referentiel_code_rome_v460_utf8.csv", b"\x00\xff\xfe garbage", "not valid UTF-8"),
        ("crosswalks/FR_20230607_mapping_esco_rome.csv", b"Mapping project name,ESCO - ROME\n", "no header row"),
    ],
)
def test_bad_input_stops_the_build_and_keeps_the_previous_knowledge_base(tmp_path: Path, embedder, relative, damage, message):
    data = write_tiny_data(tmp_path / "data")
    target = tmp_path / "var" / "knowledge"
    good = _build(data, target, embedder)
    before = sorted(p.relative_to(target) for p in target.rglob("*"))
    if damage is None:
        (data / relative).unlink()
    else:
        (data / relative).write_bytes(damage)
    with pytest.raises(KnowledgeSourceError, match=message) as caught:
        _build(data, target, embedder)
    assert caught.value.path.name == Path(relative).name
    # the previous knowledge base is intact and current, nothing half-written is left next to it
    assert current_build(target)["inputs_hash"] == good.inputs_hash
    assert sorted(p.relative_to(target) for p in target.rglob("*")) == before
    assert KnowledgeBase.load(target).skill_by_label("take payments").uri == SKILL["payments"]
    assert [p.name for p in target.parent.iterdir() if ".build-" in p.name] == []


def test_first_build_with_missing_data_leaves_nothing(tmp_path: Path, embedder):
    data = write_tiny_data(tmp_path / "data")
    shutil.rmtree(data / "onet")
    target = tmp_path / "var" / "knowledge"
    with pytest.raises(KnowledgeSourceError, match="Occupation Data.txt: file not found"):
        _build(data, target, embedder)
    assert not target.exists()


def test_a_store_from_another_version_is_not_loaded(tmp_path: Path, tiny_knowledge_dir: Path):
    import sqlite3

    copy = tmp_path / "knowledge"
    shutil.copytree(tiny_knowledge_dir, copy)
    with sqlite3.connect(copy / "kb.sqlite3") as connection:
        connection.execute("UPDATE meta SET value = '\"0\"' WHERE key = 'store_version'")
    with pytest.raises(KnowledgeBaseMissing, match="store version 0"):
        KnowledgeBase.load(copy)
    with pytest.raises(KnowledgeBaseMissing, match="no knowledge base"):
        KnowledgeBase.load(tmp_path / "nowhere")
