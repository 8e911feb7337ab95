"""What the agent calls through its context (``agent.context.AgentContext``), as protocols.

Each port names exactly the calls nodes make; the real implementations (``knowledge.base``,
``tools.linking``, ``tools.profile``, ``tools.consent``, ``tools.sharing``, ``tools.disclosure``,
``tools.privacy``, ``agent.toolbox.CareerTools``, ``agent.llm``, ``agent.acts.reader``) satisfy
them structurally; the composition root (``channels.services.Services.agent``) is where mypy
checks it.
"""

from __future__ import annotations

import builtins
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from agent.acts.models import Act, ReadContext
    from agent.llm import ExperienceExtraction
    from agent.state import SkillProposal
    from knowledge.models import Occupation, Skill
    from tools.career.access_routes import AccessRoute
    from tools.career.advice_answers import OccupationOverview
    from tools.career.models import (
        CareerMove,
        HeldOccupation,
        JobMatch,
        LearningObjective,
        SkillsGap,
        TrainingRecommendation,
    )
    from tools.consent import Consent, ConsentPreferences, ConsentStatus, DataCategory, Recipient, RecipientKind
    from tools.disclosure import Disclosure
    from tools.linking.models import LinkedSkill
    from tools.privacy import ErasureReport
    from tools.profile import Profile


class Vocabulary(Protocol):
    """The ESCO vocabulary (``knowledge.base.KnowledgeBase``): skills, occupations, labels."""

    @property
    def skills(self) -> Mapping[str, Skill]: ...

    @property
    def occupations(self) -> Mapping[str, Occupation]: ...

    def label(self, uri: str, lang: str = "en") -> str: ...

    def skill_by_label(self, label: str) -> Skill | None: ...


class SkillLinking(Protocol):
    """Text to ESCO skills, each with its evidence span (``tools.linking.SkillLinker``)."""

    def link_skills(self, text: str, lang: str = "en", top_k: int = 10,
                    person: bool | None = None, job: str | None = None) -> builtins.list[LinkedSkill]: ...

    def named_occupations(self, text: str, lang: str = "en") -> builtins.list[str]: ...


class ProfileRepository(Protocol):
    """The person's stored profile (``tools.profile.ProfileStore``)."""

    def get(self, person_id: str) -> Profile | None: ...

    def get_or_new(self, person_id: str, language: str = "en") -> Profile: ...

    def update(self, person_id: str, change: Callable[[Profile], None], *, language: str = "en") -> Profile: ...

    def erase(self, person_id: str) -> int: ...


class RecipientDirectory(Protocol):
    """The recipients a person may share with (``tools.consent.recipients.RecipientRegistry``)."""

    def list(self, kind: RecipientKind | None = None) -> builtins.list[Recipient]: ...


class ConsentLedger(Protocol):
    """Consents and their receipts (``tools.consent.ConsentService``)."""

    @property
    def recipients(self) -> RecipientDirectory: ...

    def recipient(self, recipient_id: str) -> Recipient: ...

    def get(self, person_id: str, consent_id: str) -> Consent: ...

    def list(self, person_id: str, status: ConsentStatus | None = None) -> builtins.list[Consent]: ...

    def request(self, person_id: str, notice_id: str, *, language: str = "en") -> Consent: ...

    def give(self, person_id: str, notice_id: str, *, language: str = "en", single_use: bool = False) -> Consent: ...

    def refuse(self, person_id: str, consent_id: str) -> Consent: ...

    def revoke_all(self, person_id: str, recipient_id: str | None = None) -> builtins.list[Consent]: ...

    def latest_receipt(self, person_id: str, consent_id: str) -> dict[str, Any]: ...

    def export_person(self, person_id: str) -> dict[str, Any]: ...

    def erase(self, person_id: str) -> int: ...


class SharingRules(Protocol):
    """The person's standing sharing rules and the share log (``tools.sharing.Sharing``)."""

    @property
    def preferences(self) -> ConsentPreferences: ...

    def erase(self, person_id: str) -> int: ...


class Disclosing(Protocol):
    """The one disclosure path: checks a consent valid now, shares, logs (``tools.disclosure.Discloser``)."""

    def disclose(self, person_id: str, recipient_id: str, *, purposes: Iterable[str] | None = None,
                 wanted: Iterable[DataCategory | str] | None = None, channel: str = "api") -> Disclosure: ...


class Privacy(Protocol):
    """Every store holding personal data (``tools.privacy.ErasureRegistry``): export or erase it all."""

    def export_all(self, person_id: str) -> dict[str, Any]: ...

    def erase_all(self, person_id: str) -> ErasureReport: ...


class CareerAdvice(Protocol):
    """Career moves, gap, trainings, jobs and access routes (``agent.toolbox.CareerTools``)."""

    def moves(self, skill_uris: builtins.list[str], persona: str | None, interests: str, preferences: str, lang: str,
              top_k: int, current_occupations: builtins.list[str] | None = None) -> builtins.list[CareerMove]: ...

    def gap(self, skill_uris: builtins.list[str], target_uri: str, lang: str,
            held: builtins.list[HeldOccupation] | None = None) -> SkillsGap: ...

    def trainings(self, gap: SkillsGap, preferences: str, k: int, lang: str,
                  skill_uris: builtins.list[str] | None = None) -> builtins.list[TrainingRecommendation]: ...

    def learning_objectives(self, gap: SkillsGap) -> builtins.list[LearningObjective]: ...

    def jobs(self, skill_uris: builtins.list[str], target_uri: str | None, preferences: str, k: int,
             lang: str) -> builtins.list[JobMatch]: ...

    def access(self, target_uri: str, lang: str) -> AccessRoute | None: ...

    def explore(self, linker: SkillLinking, text: str, lang: str, skill_uris: builtins.list[str] | None = None,
                held: builtins.list[HeldOccupation] | None = None) -> OccupationOverview | None: ...


class Extraction(Protocol):
    """The optional LLM (``agent.llm.LLMClient``): an experience's facts and the skills it shows."""

    def extract_experience(self, text: str, lang: str) -> ExperienceExtraction | None: ...

    def grounded_skills(self, text: str, lang: str, proposals: builtins.list[SkillProposal], vocabulary: Vocabulary,
                        exclude: set[str], limit: int) -> builtins.list[SkillProposal]: ...


class ActReading(Protocol):
    """Reads a message into dialogue acts in the frame of what was just asked (``agent.acts.reader.ActReader``)."""

    def read(self, message: str | None, context: ReadContext) -> builtins.list[Act]: ...
