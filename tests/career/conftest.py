"""Fixtures of the career tests: a small hand-made knowledge base (see career_kb.py)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from career_kb import build_career_kb

from chroma_server import running_chroma_server
from knowledge.base import KnowledgeBase


@pytest.fixture(scope="session")
def career_kb() -> KnowledgeBase:
    return build_career_kb()


@pytest.fixture(scope="session")
def career_chroma_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real ``chroma run`` server on loopback (the installed chromadb's), for the catalog index in server mode."""
    with running_chroma_server(tmp_path_factory.mktemp("career-chroma")) as url:
        yield url
