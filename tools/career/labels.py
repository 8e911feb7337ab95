"""Labels in the person's language, falling back to English then to the URI."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from tools.career.models import SkillRef


def label(kb: Any, uri: str, lang: str = "en") -> str:
    helper = getattr(kb, "label", None)
    if helper is not None:
        text: str | None
        try:
            text = helper(uri, lang)
        except KeyError:
            text = None
        if text and text != uri:
            return text
        if lang != "en":
            try:
                text = helper(uri, "en")
            except KeyError:
                text = None
            if text:
                return text
    for table in (getattr(kb, "skills", {}), getattr(kb, "occupations", {}), getattr(kb, "skill_groups", {})):
        item = table.get(uri) if hasattr(table, "get") else None
        if item is not None:
            labels = getattr(item, "labels", None) or {}
            return labels.get(lang) or labels.get("en") or next(iter(labels.values()), uri)
    return uri


def refs(kb: Any, uris: Iterable[str], lang: str = "en") -> list[SkillRef]:
    return [SkillRef(uri=u, label=label(kb, u, lang)) for u in uris]


def join_labels(items: list[SkillRef], limit: int = 4, lang: str = "en") -> str:
    names = [s.label for s in items[:limit]]
    rest = len(items) - len(names)
    text = ", ".join(names)
    if rest > 0:
        text += f" (+{rest} {'more' if lang == 'en' else 'autres'})"
    return text
