"""Skill → a readable skill group for pictures (ESCO hierarchy, second level where it exists)."""

from __future__ import annotations

from typing import Any

from knowledge.kb_cache import cached_for_kb


def _broader(kb: Any, uri: str) -> list[str]:
    helper = getattr(kb, "broader", None)
    if helper is not None:
        try:
            found = helper(uri)
        except KeyError:
            found = None
        if found:
            return list(found)
    for table in (getattr(kb, "skills", {}), getattr(kb, "skill_groups", {})):
        item = table.get(uri)
        if item is not None:
            value = getattr(item, "broader", None) or (item.get("broader") if isinstance(item, dict) else None)
            if value:
                return list(value)
    return []


class GroupResolver:
    """Picks, for each skill, the ancestor group at depth 2 (depth 1 = a root such as 'skills' or 'knowledge')."""

    def __init__(self, kb: Any):
        self.kb = kb
        self._depth: dict[str, int] = {}
        self._memo: dict[str, str | None] = {}
        self.groups = getattr(kb, "skill_groups", {}) or {}

    def _chain(self, uri: str) -> list[str]:
        chain: list[str] = []
        seen, current = {uri}, uri
        while True:
            parents = _broader(self.kb, current)
            parents = [p for p in parents if p not in seen]
            if not parents:
                return chain
            # Prefer a parent that is a skill group over a broader skill.
            groups = [p for p in parents if p in self.groups]
            current = (groups or parents)[0]
            seen.add(current)
            chain.append(current)

    def group_of(self, skill_uri: str) -> str | None:
        if skill_uri in self._memo:
            return self._memo[skill_uri]
        chain = [u for u in self._chain(skill_uri) if u in self.groups] or self._chain(skill_uri)
        if not chain:
            result = None
        elif len(chain) >= 3:
            result = chain[-3]  # root = chain[-1]; depth 2 under it
        else:
            result = chain[0]
        self._memo[skill_uri] = result
        return result

    @classmethod
    def for_kb(cls, kb: Any) -> GroupResolver:
        return cached_for_kb(kb, "group_resolver", lambda: cls(kb))
