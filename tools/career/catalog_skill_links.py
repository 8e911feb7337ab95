"""Link the free-text skills of catalog records to ESCO at import time.

In order: an ESCO skill URI is kept as is; an exact preferred/alternative label (any language,
case-insensitive) through the knowledge base; else the linking engine (``SkillLinker.link_skills``)
when one is given. Each distinct text is linked once per import.
"""

from __future__ import annotations

from typing import Any, Callable

from tools.career.catalog_records import SkillLink

LINKER_TOP_K = 3
# Keep a linker's second and third candidates only when they score close to the first.
LINKER_RELATIVE_FLOOR = 0.92


class SkillResolver:
    def __init__(self, kb: Any, linker: Any | Callable[[], Any] | None = None, lang: str = "en"):
        self.kb = kb
        self._linker = linker
        self.lang = lang
        self._cache: dict[str, list[SkillLink]] = {}
        self.used_linker = False

    @property
    def linker(self) -> Any | None:
        if callable(self._linker) and not hasattr(self._linker, "link_skills"):
            self._linker = self._linker()
        return self._linker

    def resolve(self, text: str) -> list[SkillLink]:
        key = text.strip()
        if not key:
            return []
        if key not in self._cache:
            self._cache[key] = self._resolve(key)
        return self._cache[key]

    def _resolve(self, text: str) -> list[SkillLink]:
        kb = self.kb
        if text in kb.skills:
            return [SkillLink(text=text, uri=text, label=kb.label(text, self.lang), method="uri")]
        by_label = getattr(kb, "skills_by_label", None)
        if by_label is not None:
            found = by_label(text)
            if found:
                skill = found[0]
                return [SkillLink(text=text, uri=skill.uri, label=kb.label(skill.uri, self.lang), method="label")]
        linker = self.linker
        if linker is None:
            return []
        self.used_linker = True
        results = linker.link_skills(text, lang=self.lang, top_k=LINKER_TOP_K)
        if not results:
            return []
        best = float(getattr(results[0], "score", 0.0) or 0.0)
        links = []
        for item in results:
            score = float(getattr(item, "score", 0.0) or 0.0)
            if links and best > 0 and score < LINKER_RELATIVE_FLOOR * best:
                break
            uri = getattr(item, "uri", None)
            if uri and uri in kb.skills:
                links.append(SkillLink(text=text, uri=uri, label=kb.label(uri, self.lang), score=round(score, 4), method="linker"))
        return links
