"""Skill and occupation linking: free text -> ESCO skills with evidence, occupations, job titles."""

from tools.linking.linker import LinkerConfig, SkillLinker
from tools.linking.models import LinkedOccupation, LinkedSkill, LinkResult

__all__ = ["LinkResult", "LinkedOccupation", "LinkedSkill", "LinkerConfig", "SkillLinker"]
