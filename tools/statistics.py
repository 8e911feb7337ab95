"""Territory statistics: skills and target occupations counted by region and period, only from people
who consented to statistics, published only for groups of at least ``k`` people (default 10).

A contribution is a share to a recipient of kind ``statistics`` (it goes through ``Sharing.share``,
so it needs a valid consent and is logged). Aggregation re-checks every contributor's consent at
query time: a revoked or expired consent takes the person out of every later figure.

Disclosure control, per (region, period) group:

- a group with fewer than ``k`` contributors is not published at all;
- a skill cell (people with that skill) is suppressed when it is below ``k`` or when the people
  *without* that skill are between 1 and ``k - 1`` (the complement would single them out);
- target occupations partition the group (one target per person, plus "no target yet"): cells
  below ``k`` are suppressed, then complementary suppression adds the smallest other cells until
  at least two cells are suppressed and their total is at least ``k``, so the published total
  minus the published cells never reveals a small cell;
- suppressed cells are left out (not even their names appear); each group says how many cells it
  suppressed.
"""

from __future__ import annotations

import csv
import io
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any

from pydantic import BaseModel, Field
from sqlalchemy import delete, func, select

from tools.consent.models import DataCategory, RecipientKind
from tools.consent.recipients import PURPOSE_STATISTICS
from tools.contributions import ContributionRow
from tools.sharing import Sharing
from tools.storage.timestamps import as_utc

K_MIN = 10
NO_TARGET = "none"


class Cell(BaseModel):
    uri: str
    label: str | None = None
    count: int


class GroupStatistics(BaseModel):
    region: str
    period: str
    contributors: int
    skills: list[Cell] = Field(default_factory=list)
    targets: list[Cell] = Field(default_factory=list)
    suppressed_skill_cells: int = 0
    suppressed_target_cells: int = 0


class TerritoryStatistics(BaseModel):
    k: int
    generated_at: datetime
    region: str | None = None
    period: str | None = None
    groups: list[GroupStatistics]
    suppressed_groups: int


class StatisticsService:
    def __init__(self, sharing: Sharing, k: int = K_MIN):
        if k < 2:
            raise ValueError("the minimum group size k must be at least 2")
        self.sharing = sharing
        self.consents = sharing.consents
        self.database = sharing.database
        self.k = k

    def contribute(self, person_id: str, region: str | None, skill_uris: Iterable[str], target_uri: str | None,
                   now: datetime | None = None) -> list[str]:
        """Count the person in the statistics of every statistics recipient they consented to.
        Returns the recipient ids that received the contribution (empty without a valid consent)."""
        now = now or self.consents.clock()
        if not region:
            return []
        skills = sorted(set(skill_uris))
        done = []
        for recipient in self.consents.recipients.list(RecipientKind.statistics):
            cats = None
            for wanted in ([DataCategory.region, DataCategory.skills, DataCategory.plan],
                           [DataCategory.region, DataCategory.skills], [DataCategory.region, DataCategory.plan]):
                if self.consents.is_valid(person_id, recipient.id, PURPOSE_STATISTICS, wanted, at=now):
                    cats = wanted
                    break
            if cats is None:
                continue
            payload = {"region": region, "skills": skills, "plan": target_uri}
            result = self.sharing.share(person_id, recipient.id, PURPOSE_STATISTICS, cats, payload,
                                        channel="statistics", now=now)
            if result.allowed:  # the share itself recorded the contribution (record_contribution)
                done.append(recipient.id)
        return done

    def contribute_profile(self, profile: Any, now: datetime | None = None) -> list[str]:
        """Contribute a ``tools.profile.Profile`` (its region, confirmed skills and target)."""
        target = profile.target.uri if getattr(profile, "target", None) else None
        return self.contribute(profile.person_id, profile.region, profile.skill_uris(), target, now)

    def aggregate(self, region: str | None = None, period: str | None = None, recipient_id: str | None = None,
                  label: Callable[[str], str | None] | None = None, now: datetime | None = None) -> TerritoryStatistics:
        now = now or self.consents.clock()
        with self.database.session() as s:
            query = select(ContributionRow)
            if region is not None:
                query = query.where(ContributionRow.region == region)
            if period is not None:
                query = query.where(ContributionRow.period == period)
            if recipient_id is not None:
                query = query.where(ContributionRow.recipient_id == recipient_id)
            rows = list(s.scalars(query))
        # keep only contributors whose consent is valid now (one set per statistics recipient)
        valid: dict[str, set[str]] = {}
        for rid in {r.recipient_id for r in rows}:
            valid[rid] = set(self.consents.people_with_valid_consent(rid, PURPOSE_STATISTICS, at=now))
        per_group: dict[tuple[str, str], dict[str, ContributionRow]] = defaultdict(dict)
        for r in rows:
            if r.person_id in valid.get(r.recipient_id, set()):
                per_group[(r.region, r.period)].setdefault(r.person_id, r)  # count a person once per group
        groups: list[GroupStatistics] = []
        suppressed_groups = 0
        for (reg, per), people in sorted(per_group.items()):
            n = len(people)
            if n < self.k:
                suppressed_groups += 1
                continue
            skill_people = [p for p in people.values() if p.skill_uris is not None]
            skill_counts = Counter(u for p in skill_people for u in set(p.skill_uris or []))
            skills, hidden_skills = _skill_cells(skill_counts, len(skill_people), self.k)
            target_people = [p for p in people.values() if p.has_plan]
            target_counts = Counter(p.target_uri or NO_TARGET for p in target_people)
            targets, hidden_targets = _partition_cells(target_counts, self.k)
            groups.append(GroupStatistics(
                region=reg, period=per, contributors=n,
                skills=[Cell(uri=u, label=label(u) if label else None, count=c) for u, c in skills],
                targets=[Cell(uri=u, label=(label(u) if label and u != NO_TARGET else None), count=c) for u, c in targets],
                suppressed_skill_cells=hidden_skills, suppressed_target_cells=hidden_targets,
            ))
        return TerritoryStatistics(k=self.k, generated_at=now, region=region, period=period, groups=groups,
                                   suppressed_groups=suppressed_groups)

    # -- privacy ----------------------------------------------------------------------------
    def export_person(self, person_id: str) -> dict[str, Any]:
        with self.database.session() as s:
            rows = s.scalars(select(ContributionRow).where(ContributionRow.person_id == person_id))
            return {"contributions": [
                {"recipient_id": r.recipient_id, "region": r.region, "period": r.period, "skill_uris": r.skill_uris,
                 "target_uri": r.target_uri, "contributed_at": as_utc(r.contributed_at).isoformat()} for r in rows]}

    def count(self, person_id: str) -> int:
        with self.database.session() as s:
            return int(s.scalar(select(func.count()).select_from(ContributionRow)
                                .where(ContributionRow.person_id == person_id)) or 0)

    def erase(self, person_id: str) -> int:
        with self.database.session() as s:
            return int(s.execute(delete(ContributionRow).where(ContributionRow.person_id == person_id)).rowcount or 0)


def _skill_cells(counts: Counter, n: int, k: int) -> tuple[list[tuple[str, int]], int]:
    """Skills are not additive (a person has many): suppress small cells and small complements."""
    shown, hidden = [], 0
    for uri, c in counts.items():
        if c < k or 0 < n - c < k:
            hidden += 1
        else:
            shown.append((uri, c))
    shown.sort(key=lambda x: (-x[1], x[0]))
    return shown, hidden


def _partition_cells(counts: Counter, k: int) -> tuple[list[tuple[str, int]], int]:
    """Cells that add up to the group total: primary plus complementary suppression."""
    suppressed = {u for u, c in counts.items() if 0 < c < k}
    if suppressed:
        remaining = sorted(((c, u) for u, c in counts.items() if u not in suppressed and c > 0))
        while remaining and (len(suppressed) < 2 or sum(counts[u] for u in suppressed) < k):
            suppressed.add(remaining.pop(0)[1])
    shown = sorted(((u, c) for u, c in counts.items() if u not in suppressed and c > 0), key=lambda x: (-x[1], x[0]))
    return shown, len(suppressed)


def to_rows(stats: TerritoryStatistics) -> list[dict[str, Any]]:
    rows = []
    for g in stats.groups:
        for dimension, cells in (("skill", g.skills), ("target_occupation", g.targets)):
            for cell in cells:
                rows.append({"region": g.region, "period": g.period, "contributors": g.contributors,
                             "dimension": dimension, "uri": cell.uri, "label": cell.label or "", "count": cell.count})
    return rows


def to_csv(stats: TerritoryStatistics) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=["region", "period", "contributors", "dimension", "uri", "label", "count"])
    writer.writeheader()
    writer.writerows(to_rows(stats))
    return out.getvalue()
