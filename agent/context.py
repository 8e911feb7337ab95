"""Run-time dependencies of the graph, injected per call (LangGraph ``context_schema``).

Nothing here is built by the agent: the composition root (``channels.services.Services``) or a
test builds each service and passes it in. Nodes reach them through ``runtime.context``.
"""

from __future__ import annotations

from dataclasses import dataclass

from agent.ports import (
    ActReading,
    CareerAdvice,
    ConsentLedger,
    Disclosing,
    Extraction,
    Privacy,
    ProfileRepository,
    SharingRules,
    SkillLinking,
    Vocabulary,
)


@dataclass
class AgentContext:
    kb: Vocabulary  # knowledge.base.KnowledgeBase: labels, occupations, skills
    linker: SkillLinking  # tools.linking.SkillLinker: link_skills
    profiles: ProfileRepository  # tools.profile.ProfileStore
    consents: ConsentLedger | None = None  # tools.consent.ConsentService (None: no sharing step)
    sharing: SharingRules | None = None  # tools.sharing.Sharing: standing rules, the share log
    disclosure: Disclosing | None = None  # tools.disclosure.Discloser: consent-checked, logged shares
    career: CareerAdvice | None = None  # agent.toolbox.CareerTools: moves, gap, trainings, jobs
    llm: Extraction | None = None  # agent.llm.LLMClient (None: fully offline)
    reader: ActReading | None = None  # agent.acts.reader.ActReader (None: rules only, built on first use)
    privacy: Privacy | None = None  # tools.privacy registry: summary / export / erase across every store
    languages: tuple[str, ...] = ("en", "fr")
    default_language: str = "en"
    max_message_chars: int = 4000
    skills_per_experience: int = 8
    moves_to_offer: int = 5
    trainings_to_offer: int = 5
    jobs_to_offer: int = 3
