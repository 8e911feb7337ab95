"""The person's skills profile: experiences, skills with evidence and validation level, interests,
preferences, chosen target, gap and plan.

These pydantic models are the contract between the agent (which fills the profile during the
dialogue), the store (which persists it as one JSON document), the exports (JSON, JSON-LD, HTML,
PDF) and the imports (JSON-LD from another provider, CV). Every other module reads and writes the
profile through them.

Validation levels are ordered: ``declared < inferred < validated_by_counsellor < evidenced <
certified``. A level is only ever raised (``ValidationLevel.raised`` / ``ProfileSkill.raise_level``);
nothing in the profile API lowers it.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from tools.storage.timestamps import utc_now


def new_id(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:12]}"


class ValidationLevel(StrEnum):
    """How strongly a skill is backed, weakest first."""

    declared = "declared"  # the person said so
    inferred = "inferred"  # the agent linked it from what the person said, and the person confirmed
    validated_by_counsellor = "validated_by_counsellor"  # a counsellor validated it
    evidenced = "evidenced"  # backed by an attached document or trace (xAPI statement, diploma)
    certified = "certified"  # issued by an organisation

    @property
    def rank(self) -> int:
        return _LEVEL_ORDER.index(self)

    def raised(self, other: ValidationLevel | str) -> ValidationLevel:
        """The higher of ``self`` and ``other``: a level is raised, never lowered."""
        other = ValidationLevel(other)
        return other if other.rank > self.rank else self

    def at_least(self, other: ValidationLevel | str) -> bool:
        return self.rank >= ValidationLevel(other).rank


_LEVEL_ORDER: list[ValidationLevel] = [
    ValidationLevel.declared,
    ValidationLevel.inferred,
    ValidationLevel.validated_by_counsellor,
    ValidationLevel.evidenced,
    ValidationLevel.certified,
]


class EvidenceSource(StrEnum):
    """Where a piece of evidence (or a skill) came from."""

    chat = "chat"
    cv = "cv"
    import_ = "import"
    organisation_trace = "organisation_trace"
    counsellor = "counsellor"


class ExperienceKind(StrEnum):
    paid = "paid"
    unpaid = "unpaid"
    volunteering = "volunteering"
    school = "school"
    family_care = "family_care"
    sport = "sport"
    music = "music"
    art = "art"
    hobby = "hobby"
    other = "other"


class ExperienceStatus(StrEnum):
    past = "past"
    ongoing = "ongoing"


class SkillState(StrEnum):
    """The person's answer about a proposed skill."""

    proposed = "proposed"  # suggested, not yet answered
    confirmed = "confirmed"
    rejected = "rejected"


class Persona(StrEnum):
    pupil = "pupil"  # high-school pupil choosing studies or a sector
    jobseeker = "jobseeker"
    employee = "employee"  # upskilling or reskilling inside an employer
    other = "other"


class _Model(BaseModel):
    model_config = ConfigDict(extra="ignore", use_enum_values=False, validate_assignment=True)


class Evidence(_Model):
    """A span of text (or a document / trace) that backs a skill."""

    text: str = Field(description="the words the skill was drawn from, or a short description of the document")
    source: EvidenceSource = EvidenceSource.chat
    experience_id: str | None = None
    start: int | None = Field(default=None, ge=0, description="start offset of the span in the experience text")
    end: int | None = Field(default=None, ge=0)
    provider: str = Field(default="orient", description="the service or organisation that recorded it")
    timestamp: datetime = Field(default_factory=utc_now)
    document_ref: str | None = Field(default=None, description="a URL or file name of an attached document")
    xapi_statement_id: str | None = None

    def same_as(self, other: Evidence) -> bool:
        """Two records of the same evidence (used to merge without duplicates)."""
        if self.xapi_statement_id and self.xapi_statement_id == other.xapi_statement_id:
            return True
        return (
            comparable_text(self.text) == comparable_text(other.text)
            and self.source == other.source
            and self.experience_id == other.experience_id
            and self.document_ref == other.document_ref
            and self.xapi_statement_id == other.xapi_statement_id
        )


class Period(_Model):
    """When an experience happened: dates (month precision is fine) and/or a duration."""

    start: date | None = None
    end: date | None = None
    duration_months: int | None = Field(default=None, ge=0)

    @model_validator(mode="after")
    def _check_order(self) -> Period:
        if self.start and self.end and self.end < self.start:
            raise ValueError("period end is before its start")
        return self

    def months(self, today: date | None = None) -> int | None:
        """Duration in months: the explicit one, else from the dates (an open end counts up to today)."""
        if self.duration_months is not None:
            return self.duration_months
        if self.start is None:
            return None
        end = self.end or today or date.today()
        return max(0, (end.year - self.start.year) * 12 + end.month - self.start.month)


class Experience(_Model):
    id: str = Field(default_factory=lambda: new_id("exp"))
    kind: ExperienceKind = ExperienceKind.other
    title: str
    organisation: str | None = None
    period: Period = Field(default_factory=Period)
    status: ExperienceStatus = ExperienceStatus.past
    description: str = Field(default="", description="what the person said they did, in their words")
    details: list[str] = Field(default_factory=list, description="answers to follow-up questions")
    source: EvidenceSource = EvidenceSource.chat
    provider: str = "orient"

    def text(self) -> str:
        """Everything the person said about this experience, for linking."""
        parts = [self.title, self.description, *self.details]
        return "\n".join(p for p in parts if p)

    def statements(self) -> list[tuple[int, str]]:
        """What the person said (the description, then each detail), each with its offset in :meth:`text`."""
        out: list[tuple[int, str]] = []
        offset = len(self.title) + 1 if self.title else 0
        for part in [self.description, *self.details]:
            if part:
                out.append((offset, part))
                offset += len(part) + 1
        return out


class SkillTranslations(_Model):
    """The skill in other ontologies. ``method`` says how: the official crosswalk or a semantic fallback."""

    rome: list[str] = Field(default_factory=list, description="ROME codes (compétence or métier codes)")
    onet: list[str] = Field(default_factory=list, description="O*NET-SOC codes or element ids")
    method: Literal["crosswalk", "semantic", "human"] = "crosswalk"
    validated: bool = Field(default=False, description="a human checked the translation")


class ProfileSkill(_Model):
    uri: str = Field(description="ESCO skill URI")
    label: str = Field(description="label in the person's language")
    skill_type: str | None = Field(default=None, description="'skill/competence' or 'knowledge'")
    translations: SkillTranslations = Field(default_factory=SkillTranslations)
    evidence: list[Evidence] = Field(default_factory=list)
    level: ValidationLevel = ValidationLevel.declared
    source: EvidenceSource = EvidenceSource.chat
    state: SkillState = SkillState.proposed
    experience_ids: list[str] = Field(default_factory=list)
    score: float | None = Field(default=None, description="linking score when the agent proposed it")
    validated_by: str | None = Field(default=None, description="the counsellor or organisation that raised the level")

    @field_validator("uri")
    @classmethod
    def _esco_uri(cls, value: str) -> str:
        value = value.strip()
        if not value.startswith("http://data.europa.eu/esco/skill/"):
            raise ValueError(f"not an ESCO skill URI: {value!r}")
        return value

    @model_validator(mode="before")
    @classmethod
    def _experiences_from_evidence(cls, data):
        """Every experience an evidence span comes from is one of the skill's experiences."""
        if isinstance(data, dict) and data.get("evidence"):
            ids = list(data.get("experience_ids") or [])
            for ev in data["evidence"]:
                exp_id = ev.experience_id if isinstance(ev, Evidence) else (ev or {}).get("experience_id")
                if exp_id and exp_id not in ids:
                    ids.append(exp_id)
            data = {**data, "experience_ids": ids}
        return data

    @property
    def confirmed(self) -> bool:
        return self.state == SkillState.confirmed

    @property
    def rejected(self) -> bool:
        return self.state == SkillState.rejected

    def raise_level(self, level: ValidationLevel | str, by: str | None = None) -> bool:
        """Raise the validation level (never lowers it). Returns True when it changed."""
        new = self.level.raised(level)
        if new == self.level:
            return False
        self.level = new
        if by:
            self.validated_by = by
        return True

    def add_evidence(self, evidence: Evidence) -> bool:
        """Append evidence unless the same evidence is already there. Returns True when added."""
        if any(e.same_as(evidence) for e in self.evidence):
            return False
        self.evidence = [*self.evidence, evidence]
        if evidence.experience_id and evidence.experience_id not in self.experience_ids:
            self.experience_ids = [*self.experience_ids, evidence.experience_id]
        return True

    def merge(self, other: ProfileSkill) -> None:
        """Fold another record of the same skill into this one: evidence united, level raised,
        experiences united, translations united; a rejection by the person is kept."""
        if other.uri != self.uri:
            raise ValueError(f"cannot merge {other.uri} into {self.uri}")
        for evidence in other.evidence:
            self.add_evidence(evidence)
        for exp_id in other.experience_ids:
            if exp_id not in self.experience_ids:
                self.experience_ids = [*self.experience_ids, exp_id]
        self.raise_level(other.level, by=other.validated_by)
        self.translations = SkillTranslations(
            rome=_union(self.translations.rome, other.translations.rome),
            onet=_union(self.translations.onet, other.translations.onet),
            method=self.translations.method if self.translations.rome or self.translations.onet else other.translations.method,
            validated=self.translations.validated or other.translations.validated,
        )
        if self.skill_type is None:
            self.skill_type = other.skill_type
        if self.state == SkillState.proposed and other.state == SkillState.confirmed:
            self.state = SkillState.confirmed


RIASEC_LETTERS = "RIASEC"


class Interests(_Model):
    """RIASEC interest letters (Realistic, Investigative, Artistic, Social, Enterprising, Conventional)
    in order of strength, plus what the person said."""

    riasec: list[str] = Field(default_factory=list)
    text: str = ""

    @field_validator("riasec", mode="before")
    @classmethod
    def _letters(cls, value):
        if isinstance(value, str):
            value = list(value.replace(",", "").replace(" ", ""))
        letters: list[str] = []
        for item in value or []:
            letter = str(item).strip().upper()[:1]
            if letter not in RIASEC_LETTERS:
                raise ValueError(f"not a RIASEC letter: {item!r}")
            if letter not in letters:
                letters.append(letter)
        return letters


class Preferences(_Model):
    location: str | None = Field(default=None, description="where the person wants to work or study")
    mobility_km: int | None = Field(default=None, ge=0)
    time: str | None = Field(default=None, description="full time, part time, evenings, ...")
    remote: bool | None = None
    training_appetite: str | None = Field(default=None, description="none, short, long: how much training the person accepts")
    max_training_months: int | None = Field(default=None, ge=0)
    text: str = ""


class Target(_Model):
    uri: str = Field(max_length=300, description="ESCO occupation URI")
    label: str
    code: str | None = Field(default=None, description="ESCO occupation code, e.g. 2422.10")
    rome_codes: list[str] = Field(default_factory=list)
    onet_codes: list[str] = Field(default_factory=list)
    chosen_at: datetime = Field(default_factory=utc_now)


class GapSkill(_Model):
    uri: str
    label: str
    essential: bool = True
    status: Literal["covered", "almost", "missing"] = "missing"
    close_to: list[str] = Field(default_factory=list, description="profile skill URIs close to this one ('almost there')")
    group: str | None = Field(default=None, description="skill group label, for the gap picture")
    credited: str | None = Field(default=None, description="how a covered skill was counted ('credited from your job as cashier')")
    rome: list[str] = Field(default_factory=list)
    onet: list[str] = Field(default_factory=list)


class GapSummary(_Model):
    """The gap between the profile and the target, as stored in the profile."""

    target_uri: str | None = None
    skills: list[GapSkill] = Field(default_factory=list)
    coverage: float | None = Field(default=None, ge=0, le=1, description="share of essential skills covered")
    summary: str = ""
    picture_svg: str | None = Field(default=None, description="profile vs target picture, an SVG document")
    computed_at: datetime = Field(default_factory=utc_now)

    def by_status(self, status: str) -> list[GapSkill]:
        return [s for s in self.skills if s.status == status]


class PlanTraining(_Model):
    id: str
    title: str
    url: str | None = None
    description: str = ""
    explanation: str = ""
    new_skills: list[str] = Field(default_factory=list)
    existing_skills: list[str] = Field(default_factory=list)
    score: float | None = None
    provider: str | None = None


class PlanJob(_Model):
    id: str
    title: str
    url: str | None = None
    location: str | None = None
    score: float | None = None
    matching_skills: list[str] = Field(default_factory=list)
    missing_skills: list[str] = Field(default_factory=list)


class Plan(_Model):
    gap_summary: str = ""
    trainings: list[PlanTraining] = Field(default_factory=list)
    jobs: list[PlanJob] = Field(default_factory=list)
    next_steps: list[str] = Field(default_factory=list)
    updated_at: datetime = Field(default_factory=utc_now)


class ImportRecord(_Model):
    """Provenance of something merged into the profile from outside (another provider, a CV)."""

    id: str = Field(default_factory=lambda: new_id("imp"))
    kind: Literal["jsonld", "json", "cv"]
    provider: str = Field(description="who produced the imported document")
    source: str | None = Field(default=None, description="file name or URL of the imported document")
    imported_at: datetime = Field(default_factory=utc_now)
    skills_added: int = 0
    skills_merged: int = 0
    experiences_added: int = 0


class Profile(_Model):
    person_id: str = Field(min_length=1, max_length=200)
    language: str = Field(default="en", min_length=2, max_length=16)
    persona: Persona | None = None
    region: str | None = Field(default=None, max_length=120, description="territory for consented aggregate statistics")
    experiences: list[Experience] = Field(default_factory=list)
    skills: list[ProfileSkill] = Field(default_factory=list)
    interests: Interests = Field(default_factory=Interests)
    preferences: Preferences = Field(default_factory=Preferences)
    target: Target | None = None
    gap: GapSummary | None = None
    plan: Plan | None = None
    provenance: list[ImportRecord] = Field(default_factory=list)
    created_at: datetime = Field(default_factory=utc_now)
    updated_at: datetime = Field(default_factory=utc_now)
    version: int = Field(default=0, ge=0, description="store version, for optimistic concurrency; 0 = never saved")

    # -- reading ---------------------------------------------------------------------------------
    def skill(self, uri: str) -> ProfileSkill | None:
        return next((s for s in self.skills if s.uri == uri), None)

    def experience(self, experience_id: str) -> Experience | None:
        return next((e for e in self.experiences if e.id == experience_id), None)

    def confirmed_skills(self) -> list[ProfileSkill]:
        return [s for s in self.skills if s.state == SkillState.confirmed]

    def skill_uris(self, confirmed_only: bool = True) -> list[str]:
        """URIs of the skills to plan with: confirmed ones (default) or every non-rejected one."""
        if confirmed_only:
            return [s.uri for s in self.skills if s.state == SkillState.confirmed]
        return [s.uri for s in self.skills if s.state != SkillState.rejected]

    def is_empty(self) -> bool:
        return not (self.experiences or self.skills or self.target or self.interests.riasec)

    # -- writing ---------------------------------------------------------------------------------
    def add_experience(self, experience: Experience) -> Experience:
        if self.experience(experience.id) is not None:
            raise ValueError(f"experience {experience.id} already in the profile")
        self.experiences = [*self.experiences, experience]
        return experience

    def remove_experience(self, experience_id: str) -> None:
        """Remove an experience and the evidence drawn from it; skills left with no evidence and no
        other experience are removed unless the person confirmed them directly."""
        self.experiences = [e for e in self.experiences if e.id != experience_id]
        kept: list[ProfileSkill] = []
        for skill in self.skills:
            if experience_id in skill.experience_ids:
                skill.experience_ids = [i for i in skill.experience_ids if i != experience_id]
                skill.evidence = [e for e in skill.evidence if e.experience_id != experience_id]
                if not skill.experience_ids and not skill.evidence:
                    continue
            kept.append(skill)
        self.skills = kept

    def upsert_skill(self, skill: ProfileSkill) -> ProfileSkill:
        """Add a skill, or merge it into the existing one with the same ESCO URI (no duplicates)."""
        existing = self.skill(skill.uri)
        if existing is None:
            self.skills = [*self.skills, skill]
            return skill
        existing.merge(skill)
        return existing

    def set_skill_state(self, uri: str, state: SkillState | str) -> ProfileSkill:
        skill = self.skill(uri)
        if skill is None:
            raise KeyError(f"skill {uri} not in the profile")
        skill.state = SkillState(state)
        return skill

    def touch(self) -> None:
        self.updated_at = utc_now()


def comparable_text(text: str) -> str:
    """Text as compared when merging: lower case, runs of whitespace made one space."""
    return " ".join(text.lower().split())


def _union(a: list[str], b: list[str]) -> list[str]:
    return a + [x for x in b if x not in a]
