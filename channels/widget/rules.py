"""The widget rules file: for each organisation (a consent recipient), the purpose its widget runs
under, the sites allowed to embed it, and for each placement which recommendation kinds show."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, Field

DEFAULT_RULES = Path(__file__).resolve().parent / "rules.example.yaml"

RecommendationKind = Literal["course", "job", "move"]


class Placement(BaseModel):
    kinds: list[RecommendationKind] = Field(min_length=1)
    max: int = Field(default=3, ge=1, le=20)
    title: dict[str, str] = Field(default_factory=dict, description="heading per language")


class OrganisationRules(BaseModel):
    purpose: str
    # Origins allowed to embed the frame (Content-Security-Policy frame-ancestors); empty = any.
    origins: list[str] = Field(default_factory=list)
    placements: dict[str, Placement]


class WidgetRules(BaseModel):
    organisations: dict[str, OrganisationRules]

    def placement(self, organisation: str, placement: str) -> tuple[OrganisationRules, Placement] | None:
        org = self.organisations.get(organisation)
        if org is None or placement not in org.placements:
            return None
        return org, org.placements[placement]


def load_rules(path: Path | None) -> WidgetRules:
    with open(path or DEFAULT_RULES, encoding="utf-8") as handle:
        return WidgetRules.model_validate(yaml.safe_load(handle))
