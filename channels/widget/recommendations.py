"""What a widget placement may show: the person's recommendations of the kinds the rules allow,
read from their profile (chosen move, plan trainings and jobs)."""

from __future__ import annotations

from pydantic import BaseModel, Field

from channels.widget.rules import Placement
from tools.profile import Profile


class Recommendation(BaseModel):
    kind: str  # course | job | move
    title: str
    url: str | None = None
    subtitle: str = ""
    details: list[str] = Field(default_factory=list)


def recommendations(profile: Profile | None, placement: Placement) -> list[Recommendation]:
    """Up to ``placement.max`` items, taking the allowed kinds in turn so that each kind shows."""
    if profile is None:
        return []
    per_kind = [_of_kind(profile, kind) for kind in placement.kinds]
    items: list[Recommendation] = []
    for rank in range(max((len(k) for k in per_kind), default=0)):
        items.extend(k[rank] for k in per_kind if rank < len(k))
    return items[: placement.max]


def _of_kind(profile: Profile, kind: str) -> list[Recommendation]:
    if kind == "move":
        if profile.target is None:
            return []
        covered = None
        if profile.gap is not None and profile.gap.coverage is not None:
            covered = f"{round(profile.gap.coverage * 100)}%"
        return [Recommendation(kind="move", title=profile.target.label, subtitle=profile.target.code or "",
                               details=[covered] if covered else [])]
    if profile.plan is None:
        return []
    if kind == "course":
        return [Recommendation(kind="course", title=c.title, url=c.url, subtitle=c.provider or "", details=c.new_skills[:4])
                for c in profile.plan.trainings]
    return [Recommendation(kind="job", title=j.title, url=j.url, subtitle=j.location or "", details=j.matching_skills[:4])
            for j in profile.plan.jobs]
