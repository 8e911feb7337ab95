"""Answers to questions about the advice, from the reasons the career tools computed (no new text
is invented): why this move, which gap skills a course covers, why this job offer, and what else
exists for an occupation the person names ("what about care work, like a carer?").
See /work/notes/advice_api.md for how the dialogue calls them."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, Field

from tools.career.access_routes import AccessRoute, access_route
from tools.career.gap import compute_gap
from tools.career.labels import label
from tools.career.models import CareerMove, HeldOccupation, JobMatch, SkillRef, SkillsGap, TrainingRecommendation
from tools.career.occupation_names import resolve_occupation
from tools.career.packs.models import PacksGiven
from tools.career.rome_facts import RomeFacts
from tools.career.skill_space import SkillSpace

if TYPE_CHECKING:
    from knowledge.base import KnowledgeBase

CLOSE_MOVES = 4


class OccupationOverview(BaseModel):
    """An occupation the person asked about: what it is, how to get in, their gap, and close jobs."""

    uri: str
    label: str
    score: float = 0.0  # the title matcher's score for the name said
    description: str = ""
    rome_codes: list[str] = Field(default_factory=list)
    access: AccessRoute | None = None
    gap: SkillsGap | None = None
    close_moves: list[SkillRef] = Field(default_factory=list)  # same ROME family, then usual moves from it

    def text(self, lang: str = "en") -> str:
        parts = []
        if lang == "fr":
            parts.append(f"{self.label} :" + (f" {self.description}" if self.description else ""))
            if self.gap is not None:
                parts.append(self.gap.summary.get("fr", ""))
            if self.access is not None and not self.access.is_empty:
                parts.append(self.access.summary("fr"))
            if self.close_moves:
                parts.append("Métiers proches : " + ", ".join(m.label for m in self.close_moves) + ".")
        else:
            parts.append(f"{self.label}:" + (f" {self.description}" if self.description else ""))
            if self.gap is not None:
                parts.append(self.gap.summary.get("en", ""))
            if self.access is not None and not self.access.is_empty:
                parts.append(self.access.summary("en"))
            if self.close_moves:
                parts.append("Close jobs: " + ", ".join(m.label for m in self.close_moves) + ".")
        return " ".join(p for p in parts if p)


def _first_sentence(text: str, limit: int = 240) -> str:
    head = (text or "").split(". ")[0].strip()
    head = head if head.endswith(".") else head + "." if head else ""
    return head if len(head) <= limit else head[: limit - 1] + "…"


def explore_occupation(kb: KnowledgeBase, linker: Any, text: str, lang: str = "en", skill_uris: Iterable[str] = (),
                       held: Iterable[HeldOccupation] = (), pack: PacksGiven = None) -> OccupationOverview | None:
    """The occupation ``text`` names, found with the title matcher, with the person's gap to it."""
    found = resolve_occupation(kb, linker, text, lang)
    if found is None:
        return None
    uri, score = found
    occupation = kb.occupations[uri]
    space = SkillSpace.for_kb(kb)
    facts = RomeFacts.for_kb(kb)
    i = space.occ_pos[uri]
    close: list[str] = []
    for code in facts.rome_codes[i]:
        close += [space.occ_uris[j] for j in facts.by_rome.get(code, []) if j != i]
    for code in facts.mobility_targets([i]):
        close += [space.occ_uris[j] for j in facts.by_rome.get(code, [])]
    close = [u for u in dict.fromkeys(close) if u != uri][:CLOSE_MOVES]
    skills = list(skill_uris)
    jobs = list(held)
    gap = compute_gap(kb, skills, uri, lang, pack=pack, held_occupations=jobs) if (skills or jobs) else None
    return OccupationOverview(
        uri=uri,
        label=label(kb, uri, lang),
        score=round(score, 4),
        description=_first_sentence((occupation.description or {}).get(lang) or (occupation.description or {}).get("en", "")),
        rome_codes=list(facts.rome_codes[i]),
        access=access_route(kb, uri, lang),
        gap=gap,
        close_moves=[SkillRef(uri=u, label=label(kb, u, lang)) for u in close],
    )


def why_move(move: dict[str, Any] | CareerMove, lang: str = "en") -> list[str]:
    """The reasons a move was offered (and any working condition against the person's wishes)."""
    move = move if isinstance(move, CareerMove) else CareerMove.model_validate(move)
    lines = [d.say(lang) for d in move.details if d.say(lang)]
    return lines or [move.explanation(lang)]


def why_training(training: dict[str, Any] | TrainingRecommendation, lang: str = "en") -> str:
    """Which gap skills the course covers, its language and whether it is demo data."""
    training = training if isinstance(training, TrainingRecommendation) else TrainingRecommendation.model_validate(training)
    return training.why.get(lang) or training.explanation


def why_job(job: dict[str, Any] | JobMatch, lang: str = "en") -> str:
    """Where the offer is, the person's skills it uses, and whether it is demo data."""
    job = job if isinstance(job, JobMatch) else JobMatch.model_validate(job)
    return job.why.get(lang) or job.why.get("en", "") or f"{job.title} ({job.place(lang)})"
