"""Fixtures of the career tests: a small hand-made knowledge base (see career_kb.py)."""

from __future__ import annotations

import pytest
from career_kb import build_career_kb

from knowledge.base import KnowledgeBase


@pytest.fixture(scope="session")
def career_kb() -> KnowledgeBase:
    return build_career_kb()
