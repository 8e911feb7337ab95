"""Checks that read ROME appellations as a person's words, while the product knows every ROME
appellation as a French title of its ESCO occupation (``knowledge.sources.rome.esco_titles``):
the linker they measure leaves out the very titles they read."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from knowledge.sources.rome import appellation_forms

if TYPE_CHECKING:
    from tools.linking import SkillLinker


def held_out_linker(linker: SkillLinker, titles: list[str]) -> SkillLinker:
    """A linker whose occupation index leaves out the ROME job titles (both forms) of ``titles``, so
    that each appellation is read as an unseen title: the other appellations, with the ESCO labels,
    are what finds its occupation."""
    from tools.linking import SkillLinker

    held = frozenset(form for title in titles for form in appellation_forms(title))
    return SkillLinker(linker.kb, linker.embedder, None, replace(linker.config, held_out_titles=held))
