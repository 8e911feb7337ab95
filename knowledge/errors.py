"""Errors raised while importing or loading the knowledge base."""

from __future__ import annotations

from pathlib import Path


class KnowledgeSourceError(Exception):
    """A reference-data file is missing or corrupt. The message names the file and what is wrong."""

    def __init__(self, path: Path | str, problem: str):
        self.path = Path(path)
        self.problem = problem
        super().__init__(f"{self.path}: {problem}")


class KnowledgeBaseMissing(Exception):
    """No built knowledge base at the given folder (run `orient knowledge build`)."""
