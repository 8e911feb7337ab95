"""Run-time dependencies of the graph, injected per call (LangGraph ``context_schema``).

Nothing here is built by the agent: the composition root (``channels.services.Services``) or a
test builds each service and passes it in. Nodes reach them through ``runtime.context``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class AgentContext:
    kb: Any  # knowledge.base.KnowledgeBase: labels, occupations, skills
    linker: Any  # tools.linking.SkillLinker: link_skills / infer_occupations / link_titles
    profiles: Any  # tools.profile.ProfileStore
    consents: Any | None = None  # tools.consent.ConsentService (None: no sharing step)
    sharing: Any | None = None  # tools.sharing.Sharing: consent-checked, logged shares
    career: Any | None = None  # agent.toolbox.CareerTools: moves, gap, trainings, jobs
    llm: Any | None = None  # agent.llm.LLMClient (None: fully offline)
    reader: Any | None = None  # agent.acts.reader.ActReader (None: rules only, built on first use)
    privacy: Any | None = None  # tools.privacy registry: summary / export / erase across every store
    languages: tuple[str, ...] = ("en", "fr")
    default_language: str = "en"
    max_message_chars: int = 4000
    skills_per_experience: int = 8
    moves_to_offer: int = 5
    trainings_to_offer: int = 5
    jobs_to_offer: int = 3
    extra: dict[str, Any] = field(default_factory=dict)
