"""ROME / O*NET translations of a gap skill, through ``tools.translation``."""

from __future__ import annotations

from typing import Any, Literal

from knowledge.kb_cache import cached_for_kb
from tools.career.models import SkillTranslation
from tools.translation import translate


def translate_skill(kb: Any, uri: str, limit: int = 2) -> list[SkillTranslation]:
    """ROME and O*NET translations of an ESCO skill (cached per knowledge base: gap skills recur)."""
    cache: dict[tuple[str, int], list[SkillTranslation]] = cached_for_kb(kb, "skill_translations", dict)
    key = (uri, limit)
    if key not in cache:
        cache[key] = _translate(kb, uri, limit)
    return [t.model_copy() for t in cache[key]]


def _translate(kb: Any, uri: str, limit: int) -> list[SkillTranslation]:
    out: list[SkillTranslation] = []
    systems: tuple[Literal["rome", "onet"], ...] = ("rome", "onet")
    for system in systems:
        try:
            result = translate(kb, uri, to=system)
        except ValueError:  # unknown concept, or a knowledge base without ROME/O*NET labels to match
            continue
        for match in result.matches[:limit]:
            if match.code:  # the method says how: the official crosswalk or a semantic fallback
                out.append(SkillTranslation(system=system, code=match.code, label=match.label,
                                            method=match.source or match.kind or "crosswalk"))
    return out
