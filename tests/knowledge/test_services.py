"""Services wiring of the knowledge base: built on first use when missing, loaded afterwards."""

from __future__ import annotations

from pathlib import Path

from channels.services import Services
from channels.settings import Settings
from knowledge.build import current_build
from knowledge_data import OCCUPATION, write_tiny_data


def test_knowledge_base_is_built_when_missing_then_loaded(tmp_path: Path, embedder):
    settings = Settings(data_dir=write_tiny_data(tmp_path / "data"), storage_dir=tmp_path / "var")
    services = Services(settings)
    services.embedder = embedder  # the session's model, injected
    kb = services.knowledge_base
    assert services.knowledge is kb
    assert kb.occupation_by_code("2422.10").uri == OCCUPATION["evaluation"]
    built_at = current_build(settings.knowledge_dir)["built_at"]

    later = Services(settings)  # a restart: unchanged data is loaded, not rebuilt, and no model is needed
    assert len(later.knowledge_base.skills) == 5
    assert "embedder" not in vars(later)
    assert current_build(settings.knowledge_dir)["built_at"] == built_at
    hits = later.label_index.query("skills", embedder.encode(["use a till"]), top_k=1)[0]
    assert hits[0]["text"] == "use a till"


def test_a_built_knowledge_base_is_used_without_the_reference_data(tmp_path: Path, tiny_knowledge_dir: Path):
    import shutil

    import pytest

    from knowledge.errors import KnowledgeSourceError

    storage = tmp_path / "var"
    shutil.copytree(tiny_knowledge_dir, storage / "knowledge")
    settings = Settings(data_dir=tmp_path / "no-data", storage_dir=storage)
    assert len(Services(settings).knowledge_base.occupations) == 4
    with pytest.raises(KnowledgeSourceError, match="file not found"):  # nothing built and no data: a clear error
        Services(Settings(data_dir=tmp_path / "no-data", storage_dir=tmp_path / "empty")).knowledge_base
