"""The validated content of a knowledge pack (pydantic models).

manifest.yaml::

    id: acme-logistics            # lower-case letters, digits and dashes
    kind: employer                # employer | university | regional
    name: ACME Logistics (EXAMPLE)
    version: "1.0"
    example: true                 # shown as an example in the product
    languages: [en, fr]
    files:                        # data files, relative to the folder (YAML, JSON or CSV)
      skills: skills.yaml         # employer: own skills mapped to ESCO
      roles: roles.yaml           # employer: job architecture
      courses: courses.yaml       # employer learning content / university courses
      programmes: programmes.yaml # university: study programmes
      occupations: demand.csv     # regional: in-demand occupations with weights
      demand_skills: skills.csv   # regional: in-demand skills with weights
"""

from __future__ import annotations

import re
from typing import Literal, Protocol, TypeAlias

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

PackKind = Literal["employer", "university", "regional"]
_PACK_ID = re.compile(r"^[a-z0-9][a-z0-9\-]{1,62}$")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class PackFiles(_Strict):
    skills: str | None = None
    roles: str | None = None
    courses: str | None = None
    programmes: str | None = None
    occupations: str | None = None
    demand_skills: str | None = None


class PackManifest(_Strict):
    id: str
    kind: PackKind
    name: str = Field(min_length=1, max_length=200)
    version: str = "1"
    example: bool = False
    description: str = ""
    languages: list[str] = Field(default_factory=lambda: ["en"])
    region: str | None = None  # regional packs: the territory's name
    files: PackFiles = Field(default_factory=PackFiles)

    @field_validator("id")
    @classmethod
    def _id(cls, value: str) -> str:
        if not _PACK_ID.match(value):
            raise ValueError("id must be 2-63 characters: lower-case letters, digits and dashes")
        return value


class OwnSkill(_Strict):
    """An employer's own skill, mapped to one or more ESCO skills."""

    id: str
    label: str
    labels: dict[str, str] = Field(default_factory=dict)
    esco: list[str] = Field(default_factory=list)
    description: str = ""

    @field_validator("esco", mode="before")
    @classmethod
    def _listify(cls, value: object) -> object:
        return [value] if isinstance(value, str) else value


class Role(_Strict):
    """One role of an employer's job architecture."""

    id: str
    title: str
    titles: dict[str, str] = Field(default_factory=dict)
    family: str | None = None
    level: int | None = None
    esco_occupation: str | None = None
    skills: list[str] = Field(default_factory=list)  # own skill ids or ESCO skill URIs
    next_roles: list[str] = Field(default_factory=list)
    description: str = ""
    location: str | None = None


class PackCourse(_Strict):
    id: str
    title: str
    url: str | None = None
    description: str = ""
    skills: list[str] = Field(default_factory=list)  # own ids, ESCO URIs, or free text
    level: str | None = None
    duration: str | None = None
    schedule: str | None = None  # e.g. evening, weekend, online
    language: str | None = None


class Programme(_Strict):
    """A study programme (higher education, apprenticeship, vocational track)."""

    id: str
    title: str
    titles: dict[str, str] = Field(default_factory=dict)
    url: str | None = None
    level: str | None = None  # e.g. "bac+2", "bachelor", "master"
    duration_years: float | None = Field(default=None, ge=0, le=10)
    description: str = ""
    sectors: list[str] = Field(default_factory=list)  # ROME domain codes, e.g. "K21"
    occupations: list[str] = Field(default_factory=list)  # ESCO occupation URIs it leads to
    skills: list[str] = Field(default_factory=list)  # ESCO skill URIs it teaches
    riasec: str | None = None

    @field_validator("riasec")
    @classmethod
    def _riasec(cls, value: str | None) -> str | None:
        if value is not None and not set(value.upper()) <= set("RIASEC"):
            raise ValueError("riasec must use only the letters R, I, A, S, E, C")
        return value.upper() if value else value


class DemandOccupation(_Strict):
    """An in-demand occupation, named by ESCO URI, ROME code or ISCO code, with a weight in [0, 1]."""

    esco: str | None = None
    rome: str | None = None
    isco: str | None = None
    label: str | None = None
    weight: float = Field(ge=0.0, le=1.0)

    @model_validator(mode="after")
    def _one_key(self) -> DemandOccupation:
        if not (self.esco or self.rome or self.isco):
            raise ValueError("give an ESCO URI (esco), a ROME code (rome) or an ISCO code (isco)")
        return self


class DemandSkill(_Strict):
    esco: str
    label: str | None = None
    weight: float = Field(ge=0.0, le=1.0)


class Pack(_Strict):
    """A whole pack, validated: manifest plus content."""

    manifest: PackManifest
    skills: list[OwnSkill] = Field(default_factory=list)
    roles: list[Role] = Field(default_factory=list)
    courses: list[PackCourse] = Field(default_factory=list)
    programmes: list[Programme] = Field(default_factory=list)
    occupations: list[DemandOccupation] = Field(default_factory=list)
    demand_skills: list[DemandSkill] = Field(default_factory=list)

    @property
    def id(self) -> str:
        return self.manifest.id

    @property
    def kind(self) -> str:
        return self.manifest.kind

    @property
    def name(self) -> str:
        return self.manifest.name

    def own_skill_uris(self) -> dict[str, list[str]]:
        return {s.id: list(s.esco) for s in self.skills}

    def resolve_skills(self, refs: list[str]) -> list[str]:
        """Own skill ids and ESCO URIs → ESCO URIs (order kept, no duplicates)."""
        own = self.own_skill_uris()
        out: list[str] = []
        for ref in refs:
            for uri in own.get(ref, [ref] if ref.startswith("http") else []):
                if uri not in out:
                    out.append(uri)
        return out


class LoadedPacks(BaseModel):
    """The packs in force, by kind (what the rankers receive)."""

    packs: list[Pack] = Field(default_factory=list)

    def of_kind(self, kind: str) -> list[Pack]:
        return [p for p in self.packs if p.kind == kind]

    @property
    def employer(self) -> list[Pack]:
        return self.of_kind("employer")

    @property
    def university(self) -> list[Pack]:
        return self.of_kind("university")

    @property
    def regional(self) -> list[Pack]:
        return self.of_kind("regional")

    @classmethod
    def of(cls, value: PacksGiven) -> LoadedPacks:
        """Normalise ``None``, one pack, a list of packs, a LoadedPacks or a registry's packs in force."""
        if value is None:
            return cls()
        if isinstance(value, LoadedPacks):
            return value
        if isinstance(value, Pack):
            return cls(packs=[value])
        if isinstance(value, (list, tuple)):
            return cls(packs=[p for p in value if isinstance(p, Pack)])
        if hasattr(value, "active"):  # a PackRegistry: the packs in force now
            return value.active()
        raise TypeError(f"expected a Pack, a list of packs or LoadedPacks, got {type(value).__name__}")


class PacksInForce(Protocol):
    """What holds the packs in force now (``tools.career.packs.registry.PackRegistry``)."""

    def active(self) -> LoadedPacks: ...


# What the career rankers take as ``pack``: nothing, one pack, several, or the registry's packs in force
PacksGiven: TypeAlias = LoadedPacks | Pack | list[Pack] | tuple[Pack, ...] | PacksInForce | None
