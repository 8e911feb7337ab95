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
    if profile is None:
        return []
    items: list[Recommendation] = []
    for kind in placement.kinds:
        if kind == "move" and profile.target is not None:
            covered = None
            if profile.gap is not None and profile.gap.coverage is not None:
                covered = f"{round(profile.gap.coverage * 100)}%"
            items.append(Recommendation(kind="move", title=profile.target.label,
                                        subtitle=profile.target.code or "", details=[covered] if covered else []))
        elif kind == "course" and profile.plan is not None:
            for course in profile.plan.trainings:
                items.append(Recommendation(kind="course", title=course.title, url=course.url,
                                            subtitle=course.provider or "", details=course.new_skills[:4]))
        elif kind == "job" and profile.plan is not None:
            for job in profile.plan.jobs:
                items.append(Recommendation(kind="job", title=job.title, url=job.url,
                                            subtitle=job.location or "", details=job.matching_skills[:4]))
    return items[: placement.max]
