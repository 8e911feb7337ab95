"""Fixtures of the agent tests: the local fake OpenAI-compatible server."""

from __future__ import annotations

import pytest

from fake_openai import FakeOpenAI


@pytest.fixture(scope="session")
def fake_openai():
    with FakeOpenAI() as server:
        yield server
