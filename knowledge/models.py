"""The knowledge base's records: plain slotted dataclasses (fast to build at load time).

Labels are keyed by language code ('en', 'fr', 'de', 'es'). ESCO occupation codes are strings
('2422.10' is not '2422.1').
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(slots=True)
class Skill:
    uri: str
    labels: dict[str, str] = field(default_factory=dict)
    alt_labels: dict[str, list[str]] = field(default_factory=dict)
    description: dict[str, str] = field(default_factory=dict)
    skill_type: str = ""  # 'skill/competence' | 'knowledge' ('' for a handful of ESCO skills)
    reuse_level: str = ""  # 'transversal' | 'cross-sector' | 'sector-specific' | 'occupation-specific'
    broader: list[str] = field(default_factory=list)  # broader skills or skill groups
    collections: set[str] = field(default_factory=set)  # digital, green, transversal, language, research, digcomp
    hidden_labels: dict[str, list[str]] = field(default_factory=dict)
    related_essential: list[str] = field(default_factory=list)  # skill-skill relations: this skill needs these (essential)
    related_optional: list[str] = field(default_factory=list)  # skill-skill relations (optional)

    def label(self, lang: str = "en") -> str:
        return self.labels.get(lang) or self.labels.get("en") or next(iter(self.labels.values()), self.uri)


@dataclass(slots=True)
class SkillGroup:
    uri: str
    code: str = ""
    labels: dict[str, str] = field(default_factory=dict)
    alt_labels: dict[str, list[str]] = field(default_factory=dict)
    description: dict[str, str] = field(default_factory=dict)
    broader: list[str] = field(default_factory=list)
    level: int | None = None  # depth in the skills hierarchy (0 = top)

    def label(self, lang: str = "en") -> str:
        return self.labels.get(lang) or self.labels.get("en") or self.uri


@dataclass(slots=True)
class IscoGroup:
    uri: str
    code: str
    labels: dict[str, str] = field(default_factory=dict)
    description: dict[str, str] = field(default_factory=dict)
    broader: list[str] = field(default_factory=list)

    def label(self, lang: str = "en") -> str:
        return self.labels.get(lang) or self.labels.get("en") or self.code


@dataclass(slots=True)
class CrosswalkMatch:
    """One official crosswalk pair, seen from the source side: ``code`` is the target's id."""

    code: str  # ESCO URI, ROME code (e.g. 'K2111') or O*NET-SOC code (e.g. '15-1252.00')
    relation: str  # exactMatch | closeMatch | broadMatch | narrowMatch | exactISCO
    label: str = ""  # the target's label as given by the crosswalk
    appellation: str = ""  # ROME appellation code (ESCO<->ROME pairs are made at appellation level)


@dataclass(slots=True)
class Occupation:
    uri: str
    code: str = ""  # ESCO code, a string: '2422.10'
    isco_group: str = ""  # ISCO-08 unit group code, a string: '2422'
    labels: dict[str, str] = field(default_factory=dict)
    alt_labels: dict[str, list[str]] = field(default_factory=dict)
    description: dict[str, str] = field(default_factory=dict)
    essential_skills: list[str] = field(default_factory=list)
    optional_skills: list[str] = field(default_factory=list)
    rome_codes: list[str] = field(default_factory=list)
    onet_codes: list[str] = field(default_factory=list)
    broader: list[str] = field(default_factory=list)  # broader occupation or ISCO group URIs
    hidden_labels: dict[str, list[str]] = field(default_factory=dict)
    collections: set[str] = field(default_factory=set)  # research

    def label(self, lang: str = "en") -> str:
        return self.labels.get(lang) or self.labels.get("en") or next(iter(self.labels.values()), self.uri)


@dataclass(slots=True)
class RomeAppellation:
    code: str  # code OGR of the appellation
    label: str  # long label, e.g. 'Caissier / Caissière'
    short_label: str = ""


@dataclass(slots=True)
class RomeItem:
    """A ROME savoir-faire, savoir-être or savoir attached to a ROME code."""

    code: str  # code OGR
    label: str
    kind: str  # 'savoir-faire' | 'savoir-être' | 'savoir'
    category: str = ""
    core: bool = False  # 'coeur de métier'


@dataclass(slots=True)
class RomeOccupation:
    code: str  # e.g. 'D1505'
    label: str
    appellations: list[RomeAppellation] = field(default_factory=list)
    riasec_major: str = ""
    riasec_minor: str = ""
    domain: str = ""  # domaine professionnel code, e.g. 'D15'
    domain_label: str = ""
    grand_domain: str = ""  # e.g. 'D'
    grand_domain_label: str = ""
    competences: list[RomeItem] = field(default_factory=list)  # savoir-faire and savoir-être
    savoirs: list[RomeItem] = field(default_factory=list)
    centres_interet: list[str] = field(default_factory=list)
    mobility: list[str] = field(default_factory=list)  # target ROME codes, in the repository's order
    work_contexts: list[str] = field(default_factory=list)
    sectors: list[str] = field(default_factory=list)  # secteurs d'activité, the main one first
    definition: str = ""
    access: str = ""  # 'accès au métier' text
    esco_uris: list[str] = field(default_factory=list)

    @property
    def riasec(self) -> str:
        return self.riasec_major + self.riasec_minor


@dataclass(slots=True)
class OnetTechnology:
    example: str
    commodity: str
    hot: bool = False
    in_demand: bool = False


@dataclass(slots=True)
class OnetOccupation:
    code: str  # O*NET-SOC code, e.g. '15-1252.00'
    title: str
    description: str = ""
    technology: list[OnetTechnology] = field(default_factory=list)
    esco_uris: list[str] = field(default_factory=list)
