"""Catalog records (courses and job offers) and import reports, as pydantic models."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, Field

CatalogKind = Literal["courses", "jobs"]
# The samples bundled with the product (see store.DEFAULT_CATALOGS): demo data, said so wherever shown.
DEMO_SOURCES = frozenset({"coursera-sample", "vacancies-sample"})


def _stripped_title(value: str) -> str:
    value = value.strip()
    if not value:
        raise ValueError("empty title")
    return value


RecordTitle = Annotated[str, Field(min_length=1, max_length=500), AfterValidator(_stripped_title)]


class SkillLink(BaseModel):
    """How a free-text skill of a record was linked to ESCO (the record keeps both)."""

    text: str
    uri: str
    label: str = ""
    score: float = 1.0
    method: str = "label"  # uri | label | embedding | linker | subject (what a course is about)


class CourseRecord(BaseModel):
    id: str
    source: str
    title: RecordTitle
    url: str | None = None
    description: str = ""
    provider: str | None = None
    level: str | None = None  # beginner | intermediate | advanced | mixed | free text
    duration: str | None = None
    duration_weeks: float | None = Field(default=None, ge=0)
    schedule: str | None = None
    language: str | None = None
    rating: float | None = None
    skills_text: list[str] = Field(default_factory=list)
    skill_uris: list[str] = Field(default_factory=list)
    skill_links: list[SkillLink] = Field(default_factory=list)
    extra: dict = Field(default_factory=dict)


class JobRecord(BaseModel):
    id: str
    source: str
    title: RecordTitle
    url: str | None = None
    description: str = ""
    employer: str | None = None
    location: str | None = None
    occupation_uri: str | None = None
    skills_text: list[str] = Field(default_factory=list)
    skill_uris: list[str] = Field(default_factory=list)
    skill_weights: list[float] = Field(default_factory=list)  # aligned with skill_uris (1.0 when unknown)
    skill_links: list[SkillLink] = Field(default_factory=list)
    extra: dict = Field(default_factory=dict)


class BadRow(BaseModel):
    file: str
    line: int
    reason: str


class ImportReport(BaseModel):
    source: str
    kind: CatalogKind
    file: str
    imported: int = 0
    replaced: int = 0
    bad_rows: list[BadRow] = Field(default_factory=list)
    linked_skills: int = 0
    unlinked_skills: list[str] = Field(default_factory=list)

    def summary(self) -> str:
        text = f"{self.source}: {self.imported} {self.kind} imported from {self.file}"
        if self.replaced:
            text += f" (replacing {self.replaced})"
        if self.bad_rows:
            text += f", {len(self.bad_rows)} bad rows skipped"
        return text


class CatalogImportError(ValueError):
    """The whole file is unusable (unknown format, unreadable, no valid row): nothing was replaced."""

    def __init__(self, message: str, bad_rows: list[BadRow] | None = None):
        super().__init__(message)
        self.bad_rows = bad_rows or []
