"""Pydantic models returned by the career tools (moves, gap, trainings, jobs).

They are the embedding-friendly output format: plain JSON through ``model_dump(mode="json")``.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field


class SkillRef(BaseModel):
    """A skill (or occupation) named by its URI, with its label in the requested language."""

    uri: str
    label: str


HeldHow = Literal["title", "inferred"]


def de(name: str) -> str:
    """French 'de' before a name, elided before a vowel: 'de caissier', "d'aide-soignant"."""
    return f"d'{name}" if name[:1].lower() in "aeiouyhàâéèêîôû" else f"de {name}"


class HeldOccupation(BaseModel):
    """An ESCO occupation the person held: the job title they said ("I was a cashier for 5 years"),
    or the one their description suggests, counted once they confirmed skills that show it."""

    uri: str
    label: str
    how: HeldHow = "title"
    experience_id: str | None = None
    experience_title: str = ""  # what the person called the job
    months: int | None = None

    def phrase(self, lang: str = "en") -> str:
        """'your job as cashier' / 'votre emploi de caissier'."""
        return f"your job as {self.label}" if lang == "en" else f"votre emploi {de(self.label)}"


CreditVia = Literal["held", "occupation", "narrower", "equivalent"]


class SkillCredit(BaseModel):
    """Why a target skill counts as the person's: they hold it; it is an essential skill of a job
    they held; they hold a narrower skill of it (ESCO hierarchy); or a near-equivalent one."""

    via: CreditVia = "held"
    source: SkillRef | None = None  # the held skill (narrower, equivalent) or the occupation held
    similarity: float | None = None  # for a near-equivalent skill

    def text(self, lang: str = "en") -> str:
        name = self.source.label if self.source else ""
        if self.via == "occupation":
            return f"credited from your job as {name}" if lang == "en" else f"reconnue grâce à votre emploi {de(name)}"
        if self.via == "narrower":
            return f"shown by {name}" if lang == "en" else f"démontrée par {name}"
        if self.via == "equivalent":
            return f"same as {name}" if lang == "en" else f"équivalente à {name}"
        return "you have it" if lang == "en" else "vous l'avez"


class CoveredSkill(SkillRef):
    """A target skill the person has, and how it was counted."""

    relation: Literal["essential", "optional"] = "essential"
    credit: SkillCredit = Field(default_factory=SkillCredit)


MoveKind = Literal["occupation", "sector", "study_programme", "employer_role"]
ReasonKind = Literal[
    "skills", "own_job", "same_family", "step_up", "rome_mobility", "interests", "interest_led", "other_experience",
    "regional_demand",
    "conditions", "named", "sector", "study_track", "employer_role",
]


class MoveReason(BaseModel):
    """One reason a move was offered (or was ranked lower), as data a question about the advice can
    be answered from: "why this move?" → the reasons' texts, the skills and the job they build on."""

    kind: ReasonKind
    text: dict[str, str] = Field(default_factory=dict)  # en / fr
    skills: list[SkillRef] = Field(default_factory=list)  # the skills that carry over (kind "skills")
    source: SkillRef | None = None  # the job it builds on (own_job, same_family, step_up, rome_mobility)
    conditions: list[str] = Field(default_factory=list)  # working conditions against the person's wishes

    def say(self, lang: str = "en") -> str:
        return self.text.get(lang) or self.text.get("en", "")


class CareerMove(BaseModel):
    """One proposed move: an occupation, a sector (ROME domain), a study programme or an employer role."""

    kind: MoveKind = "occupation"
    uri: str
    label: str
    code: str | None = None
    rome_codes: list[str] = Field(default_factory=list)
    score: float
    skill_score: float = 0.0
    essential_coverage: float = 0.0  # weighted share of its essential skills the person has (ranking)
    essential_held: int = 0  # of its essential skills, how many the person has (what a person is shown)
    essential_total: int = 0
    carried_skills: list[SkillRef] = Field(default_factory=list)
    missing_essential: list[SkillRef] = Field(default_factory=list)
    why: dict[str, str] = Field(default_factory=dict)
    reasons: list[str] = Field(default_factory=list)
    sector: str | None = None
    riasec: str | None = None
    # What compute_gap takes as the target: the occupation itself; for a sector or a programme the
    # ESCO occupation it leads to; for an employer role the role (``pack:<id>:role:<id>``).
    target_uri: str | None = None
    examples: list[SkillRef] = Field(default_factory=list)
    source: str | None = None  # pack id when the move comes from a knowledge pack
    # How close a step it is: "own_job" (the same job elsewhere), "close" (same family, a step up, a
    # usual ROME move from a job held) or "change" (a bigger change).
    step: Literal["own_job", "close", "change"] = "change"
    details: list[MoveReason] = Field(default_factory=list)  # the reasons as data (see MoveReason)
    conditions: list[str] = Field(default_factory=list)  # ROME working conditions the person said they don't want

    def explanation(self, lang: str = "en") -> str:
        return self.why.get(lang) or self.why.get("en", "")


GapStatus = Literal["missing", "almost"]


class SkillTranslation(BaseModel):
    system: Literal["rome", "onet"]
    code: str
    label: str | None = None
    method: str = "crosswalk"


class GapSkill(BaseModel):
    uri: str
    label: str
    relation: Literal["essential", "optional"]
    status: GapStatus = "missing"
    close_to: list[SkillRef] = Field(default_factory=list)
    skill_type: str | None = None
    group_uri: str | None = None
    group_label: str | None = None
    translations: list[SkillTranslation] = Field(default_factory=list)


class GapGroup(BaseModel):
    """Profile vs target for one skill group: the picture's row."""

    uri: str
    label: str
    covered: list[SkillRef] = Field(default_factory=list)
    almost: list[SkillRef] = Field(default_factory=list)
    missing: list[SkillRef] = Field(default_factory=list)

    @property
    def total(self) -> int:
        return len(self.covered) + len(self.almost) + len(self.missing)


class SkillsGap(BaseModel):
    target_uri: str
    target_label: str
    target_code: str | None = None
    target_rome_codes: list[str] = Field(default_factory=list)
    lang: str = "en"
    essential_coverage: float = 0.0
    essential_total: int = 0
    essential_held: int = 0  # essential skills the person has, however they were credited
    covered: list[CoveredSkill] = Field(default_factory=list)  # essential first, then optional
    held_occupations: list[HeldOccupation] = Field(default_factory=list)  # the jobs that were credited
    skills: list[GapSkill] = Field(default_factory=list)  # essential first, then optional
    groups: list[GapGroup] = Field(default_factory=list)
    summary: dict[str, str] = Field(default_factory=dict)

    @property
    def missing_essential(self) -> list[GapSkill]:
        return [s for s in self.skills if s.relation == "essential"]

    @property
    def missing_optional(self) -> list[GapSkill]:
        return [s for s in self.skills if s.relation == "optional"]

    @property
    def is_empty(self) -> bool:
        return not self.skills


class TrainingRecommendation(BaseModel):
    id: str
    url: str | None = None
    title: str
    description: str = ""
    explanation: str = ""
    new_skills: list[SkillRef] = Field(default_factory=list)  # the gap skills it covers (same as ``covers``)
    existing_skills: list[SkillRef] = Field(default_factory=list)
    score: float = 0.0
    provider: str | None = None
    level: str | None = None
    duration: str | None = None
    source: str | None = None
    covers: list[SkillRef] = Field(default_factory=list)  # gap skills it covers: by the catalog's skill links or by meaning
    covers_by_link: list[str] = Field(default_factory=list)  # of those, the URIs the catalog links it to
    relevance: float = 0.0  # cosine similarity of the course to the target and its gap
    language: str | None = None  # the course's language ("en"), when the catalog says or it is known
    other_language: bool = False  # not in the person's language (said in the explanation)
    demo: bool = False  # from a bundled demo catalog (said in the explanation)
    location: str | None = None  # where it is given, when the catalog says (LHÉO: postcode and town)
    why: dict[str, str] = Field(default_factory=dict)  # en / fr


class LearningObjective(BaseModel):
    """What to learn when the catalog has no good course for it: a gap skill, said as an objective."""

    skill: SkillRef
    essential: bool = True
    text: dict[str, str] = Field(default_factory=dict)


class JobMatch(BaseModel):
    id: str
    url: str | None = None
    title: str
    location: str | None = None  # where the job is, as the offer says ("Westlake, OH"); None when it doesn't
    country: str | None = None  # ISO code when the place tells it
    score: float = 0.0
    matching_skills: list[SkillRef] = Field(default_factory=list)
    missing_skills: list[SkillRef] = Field(default_factory=list)
    employer: str | None = None
    source: str | None = None
    relevance: float = 0.0  # how close the offer's title is to the target occupation
    demo: bool = False
    why: dict[str, str] = Field(default_factory=dict)

    def place(self, lang: str = "en") -> str:
        if self.location:
            return self.location
        return "place not given" if lang == "en" else "lieu non précisé"
