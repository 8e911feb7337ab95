"""The linker's text structures (TF-IDF, phrases, coverage) are cached beside a built knowledge
base: the first start writes them, later starts read them, a damaged entry is rebuilt."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np

from knowledge.base import KnowledgeBase
from tools.linking import SkillLinker
from tools.linking.label_strings import LabelStrings
from tools.linking.text_structures import TextStructures, structures_key


def _strings(texts: list[str], owner: list[int]) -> LabelStrings:
    return LabelStrings(texts=texts, owner=np.asarray(owner, dtype=np.int64),
                        preferred=np.asarray([i == 0 or owner[i] != owner[i - 1] for i in range(len(owner))]),
                        n_concepts=max(owner) + 1)


def test_a_cached_entry_answers_like_a_fresh_build(tmp_path: Path):
    strings = _strings(["process payments", "take payments", "operate cash register", "train employees"], [0, 0, 1, 2])
    first = TextStructures.cached(strings, tmp_path)
    entries = list(tmp_path.glob("structures-*.pkl"))
    assert [p.name for p in entries] == [f"structures-{structures_key(strings)}.pkl"]
    again = TextStructures.cached(strings, tmp_path)
    assert again is not first
    query = ["took payments at the till"]
    assert np.allclose(again.lexical.scores(query), first.lexical.scores(query))
    assert again.phrases.table == first.phrases.table
    assert again.coverage.stems == first.coverage.stems


def test_other_strings_get_another_entry_and_a_damaged_entry_is_rebuilt(tmp_path: Path):
    strings = _strings(["process payments", "train employees"], [0, 1])
    other = _strings(["process payments", "train staff"], [0, 1])
    assert structures_key(strings) != structures_key(other)
    TextStructures.cached(strings, tmp_path)
    entry = tmp_path / f"structures-{structures_key(strings)}.pkl"
    entry.write_bytes(entry.read_bytes()[:100])  # truncated, as by a crash mid-write elsewhere
    rebuilt = TextStructures.cached(strings, tmp_path)
    assert rebuilt.lexical.scores(["train employees"])[0].argmax() == 1
    assert TextStructures.cached(strings, tmp_path).phrases.table == rebuilt.phrases.table  # rewritten whole


def test_a_second_linker_over_the_same_knowledge_base_reads_the_cache(tiny_knowledge_dir: Path, embedder, tmp_path: Path):
    folder = tmp_path / "knowledge"
    shutil.copytree(tiny_knowledge_dir, folder, ignore=shutil.ignore_patterns("linking-cache"))
    first = SkillLinker(KnowledgeBase.load(folder), embedder, None)
    first.warm_up()
    written = {p.name: p.stat().st_ino for p in (folder / "linking-cache").glob("structures-*.pkl")}
    assert len(written) == 4  # skills and occupations, English and French
    second = SkillLinker(KnowledgeBase.load(folder), embedder, None)
    second.warm_up()
    # read, not rebuilt: a rebuild replaces the file (a new inode), a read only touches it
    assert {p.name: p.stat().st_ino for p in (folder / "linking-cache").glob("structures-*.pkl")} == written
    text = "I took payments at the till, and I trained new staff"
    assert [s.uri for s in second.link_skills(text, top_k=3)] == [s.uri for s in first.link_skills(text, top_k=3)]
