"""The loaded knowledge base: ESCO skills and occupations, ROME, O*NET and the crosswalks, in memory.

``KnowledgeBase.load(knowledge_dir)`` reads what ``knowledge.build.build_knowledge`` wrote. Lookups
that need an index (labels, occupations by skill) build it on first use.
"""

from __future__ import annotations

from functools import cached_property
from pathlib import Path
from typing import Any

from knowledge.errors import KnowledgeBaseMissing
from knowledge.models import (
    CrosswalkMatch,
    IscoGroup,
    Occupation,
    OnetOccupation,
    RomeOccupation,
    Skill,
    SkillGroup,
)
from knowledge.store import (
    STORE_FILE,
    STORE_VERSION,
    label_index,
    normalise_label,
    read_label_index,
    read_meta,
    read_store,
)
from knowledge.vectors import LabelMatrix, open_matrix


class KnowledgeBase:
    def __init__(
        self,
        *,
        skills: dict[str, Skill],
        occupations: dict[str, Occupation],
        skill_groups: dict[str, SkillGroup],
        isco_groups: dict[str, IscoGroup],
        rome: dict[str, RomeOccupation],
        onet: dict[str, OnetOccupation],
        esco_to_rome: dict[str, list[CrosswalkMatch]],
        rome_to_esco: dict[str, list[CrosswalkMatch]],
        esco_to_onet: dict[str, list[CrosswalkMatch]],
        onet_to_esco: dict[str, list[CrosswalkMatch]],
        meta: dict[str, Any] | None = None,
        directory: Path | None = None,
    ):
        self.skills = skills
        self.occupations = occupations
        self.skill_groups = skill_groups
        self.isco_groups = isco_groups
        self.rome = rome
        self.onet = onet
        self.esco_to_rome = esco_to_rome
        self.rome_to_esco = rome_to_esco
        self.esco_to_onet = esco_to_onet
        self.onet_to_esco = onet_to_esco
        self.meta = meta or {}
        self.directory = directory

    @classmethod
    def load(cls, knowledge_dir: Path | str) -> KnowledgeBase:
        directory = Path(knowledge_dir)
        store = directory / STORE_FILE
        if not store.is_file():
            raise KnowledgeBaseMissing(f"no knowledge base at {directory}: run `orient knowledge build`")
        version = read_meta(store).get("store_version")
        if version != STORE_VERSION:
            raise KnowledgeBaseMissing(
                f"the knowledge base at {directory} has store version {version}, this code reads {STORE_VERSION}: "
                "run `orient knowledge build`"
            )
        return cls(**read_store(store), directory=directory)

    # ---- labels -------------------------------------------------------------------------------

    def concept(self, uri_or_code: str) -> Any | None:
        """The record behind an ESCO URI, a ROME code or an O*NET code (None when unknown)."""
        for table in (self.skills, self.occupations, self.skill_groups, self.isco_groups, self.rome, self.onet):
            record = table.get(uri_or_code)
            if record is not None:
                return record
        return None

    def label(self, uri: str, lang: str = "en") -> str:
        """Preferred label of any concept in ``lang`` (falling back to English, then the id)."""
        record = self.concept(uri)
        if record is None:
            return uri
        if isinstance(record, RomeOccupation):
            return record.label
        if isinstance(record, OnetOccupation):
            return record.title
        return record.label(lang)

    @cached_property
    def _labels(self) -> dict[str, dict[str, list[str]]]:
        """kind -> normalised label -> URIs (preferred labels first): precomputed by the build."""
        if self.directory is not None:
            index = read_label_index(self.directory / STORE_FILE)
            if index:
                return index
        return label_index(self.skills, self.occupations, self.skill_groups)

    def skills_by_label(self, label: str) -> list[Skill]:
        """Skills whose preferred or alternative label, in any language, is ``label`` (case-insensitive)."""
        return [self.skills[u] for u in self._labels["skill"].get(normalise_label(label), [])]

    def skill_by_label(self, label: str) -> Skill | None:
        found = self.skills_by_label(label)
        return found[0] if found else None

    def occupations_by_label(self, label: str) -> list[Occupation]:
        return [self.occupations[u] for u in self._labels["occupation"].get(normalise_label(label), [])]

    def occupation_by_label(self, label: str) -> Occupation | None:
        found = self.occupations_by_label(label)
        return found[0] if found else None

    @cached_property
    def _occupation_codes(self) -> dict[str, str]:
        return {o.code: o.uri for o in self.occupations.values() if o.code}

    def occupation_by_code(self, code: str) -> Occupation | None:
        """ESCO occupation by its code, a string ('2422.10')."""
        uri = self._occupation_codes.get(code.strip())
        return self.occupations.get(uri) if uri else None

    @cached_property
    def _isco_codes(self) -> dict[str, IscoGroup]:
        return {g.code: g for g in self.isco_groups.values()}

    def isco_group(self, code: str) -> IscoGroup | None:
        """ISCO-08 group by code ('2422', '24', '2')."""
        return self._isco_codes.get(code.strip())

    # ---- structure ----------------------------------------------------------------------------

    def broader(self, uri: str) -> list[str]:
        """Direct broader concepts (skills, skill groups, occupations or ISCO groups)."""
        record = self.concept(uri)
        return list(getattr(record, "broader", []) or [])

    def ancestors(self, uri: str) -> list[str]:
        """All broader concepts, nearest first, each once."""
        seen: dict[str, None] = {}
        frontier = self.broader(uri)
        while frontier:
            following: list[str] = []
            for parent in frontier:
                if parent not in seen and parent != uri:
                    seen[parent] = None
                    following.extend(self.broader(parent))
            frontier = following
        return list(seen)

    def skill_groups_of(self, uri: str) -> list[SkillGroup]:
        """The skill groups above a skill, nearest first."""
        return [self.skill_groups[u] for u in self.ancestors(uri) if u in self.skill_groups]

    def isco_groups_of(self, uri: str) -> list[IscoGroup]:
        """The ISCO groups above an occupation, nearest (unit group) first."""
        return [self.isco_groups[u] for u in self.ancestors(uri) if u in self.isco_groups]

    @cached_property
    def _narrower(self) -> dict[str, list[str]]:
        children: dict[str, list[str]] = {}
        for table in (self.skills, self.skill_groups, self.occupations, self.isco_groups):
            for record in table.values():
                for parent in record.broader:
                    children.setdefault(parent, []).append(record.uri)
        return children

    def narrower(self, uri: str) -> list[str]:
        return list(self._narrower.get(uri, []))

    @cached_property
    def _skill_occupations(self) -> dict[str, list[tuple[str, str]]]:
        index: dict[str, list[tuple[str, str]]] = {}
        for occupation in self.occupations.values():
            for uri in occupation.essential_skills:
                index.setdefault(uri, []).append((occupation.uri, "essential"))
            for uri in occupation.optional_skills:
                index.setdefault(uri, []).append((occupation.uri, "optional"))
        return index

    def occupations_with_skill(self, uri: str, relation: str | None = None) -> list[str]:
        """URIs of occupations that list the skill (``relation``: 'essential', 'optional' or None for both)."""
        return [o for o, r in self._skill_occupations.get(uri, []) if relation is None or r == relation]

    # ---- embeddings ---------------------------------------------------------------------------

    def vectors(self, name: str) -> LabelMatrix:
        """The label embedding matrix ``name`` ('skills' or 'occupations'), memory-mapped."""
        if self.directory is None:
            raise KnowledgeBaseMissing("this knowledge base was not loaded from a folder: no vectors")
        return open_matrix(self.directory, name)

    def info(self) -> dict[str, Any]:
        return dict(self.meta)
