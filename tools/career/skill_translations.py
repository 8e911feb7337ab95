"""ROME / O*NET translations of a gap skill, through H2's ``tools.translation`` when it is installed."""

from __future__ import annotations

from typing import Any

from knowledge.kb_cache import cached_for_kb
from tools.career.models import SkillTranslation

try:
    from tools import translation as _translation
except ImportError:  # the translation tool is optional: gaps are still computed without it
    _translation = None


def _as_list(result: Any) -> list[Any]:
    if result is None:
        return []
    if isinstance(result, (list, tuple)):
        return list(result)
    for name in ("targets", "results", "matches", "items"):
        value = getattr(result, name, None)
        if isinstance(value, list):
            return value
    return [result]


def _get(item: Any, *names: str) -> Any:
    for name in names:
        value = item.get(name) if isinstance(item, dict) else getattr(item, name, None)
        if value is not None:
            return value
    return None


def translate_skill(kb: Any, uri: str, limit: int = 2) -> list[SkillTranslation]:
    """ROME and O*NET translations of an ESCO skill (cached per knowledge base: gap skills recur)."""
    if _translation is None or not hasattr(_translation, "translate"):
        return []
    cache = cached_for_kb(kb, "skill_translations", dict)
    key = (uri, limit)
    if key not in cache:
        cache[key] = _translate(kb, uri, limit)
    return [t.model_copy() for t in cache[key]]


def _translate(kb: Any, uri: str, limit: int) -> list[SkillTranslation]:
    out: list[SkillTranslation] = []
    for system in ("rome", "onet"):
        try:
            result = _translation.translate(kb, uri, to=system)
        except ValueError:  # unknown concept, or a knowledge base without ROME/O*NET labels to match
            continue
        for item in _as_list(result)[:limit]:
            code = _get(item, "code", "uri", "target", "id")
            if not code:
                continue
            method = _get(item, "method", "source", "kind") or "crosswalk"
            if _get(item, "semantic", "is_semantic") is True:
                method = "semantic"
            out.append(SkillTranslation(system=system, code=str(code), label=_get(item, "label", "name"), method=str(method)))
    return out
