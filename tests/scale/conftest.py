"""Fixtures for the scale-out tests: a real Chroma server on loopback."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from chroma_server import running_chroma_server


@pytest.fixture(scope="session")
def chroma_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """``chroma run`` (the installed chromadb's) on 127.0.0.1; yields its URL."""
    with running_chroma_server(tmp_path_factory.mktemp("chroma-server")) as url:
        yield url
