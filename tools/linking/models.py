"""What the linking engine returns: pydantic records with scores and evidence."""

from __future__ import annotations

from pydantic import BaseModel, Field


class LinkedSkill(BaseModel):
    """An ESCO skill linked to a piece of text, with the span of the text it comes from."""

    uri: str
    label: str
    score: float
    skill_type: str = ""
    reuse_level: str = ""
    evidence: str = ""
    evidence_start: int = 0
    evidence_end: int = 0
    matched_label: str = Field(default="", description="the ESCO label or alt label closest to the evidence")


class LinkedOccupation(BaseModel):
    """An ESCO occupation suggested by a text, with its ROME codes from the official crosswalk."""

    uri: str
    label: str
    code: str = ""
    score: float
    rome_codes: list[str] = Field(default_factory=list)
    matched_label: str = ""


class LinkResult(BaseModel):
    """What one text links to: skills (with evidence) and the occupations it suggests."""

    skills: list[LinkedSkill] = Field(default_factory=list)
    occupations: list[LinkedOccupation] = Field(default_factory=list)
