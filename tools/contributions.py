"""A person's contribution to territory statistics: one row per person, statistics recipient and
period, written by ``Sharing.share`` (``record_contribution``, inside the share's transaction) for
every allowed share to a statistics recipient, and read by ``tools.statistics``.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, DateTime, Integer, String, UniqueConstraint, delete
from sqlalchemy.orm import Mapped, mapped_column

from tools.storage.database import Base


class ContributionRow(Base):
    __tablename__ = "statistics_contributions"
    __table_args__ = (UniqueConstraint("person_id", "recipient_id", "period", name="uq_statistics_person_period"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    person_id: Mapped[str] = mapped_column(String(200), index=True)
    recipient_id: Mapped[str] = mapped_column(String(64), index=True)
    region: Mapped[str] = mapped_column(String(120), index=True)
    period: Mapped[str] = mapped_column(String(16), index=True)
    skill_uris: Mapped[list | None] = mapped_column(JSON, nullable=True)  # None: skills not consented
    target_uri: Mapped[str | None] = mapped_column(String(300), nullable=True)
    has_plan: Mapped[int] = mapped_column(Integer, default=0)  # 1: targets consented
    contributed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


def period_of(when: datetime) -> str:
    """The calendar quarter, e.g. ``2026-Q4``."""
    return f"{when.year}-Q{(when.month - 1) // 3 + 1}"


def _skill_uris(value: Any) -> list[str]:
    """Skill URIs from a payload: a list of URIs, or of profile skills (confirmed ones only)."""
    out = []
    for item in value or []:
        if isinstance(item, str):
            out.append(item)
        elif isinstance(item, dict) and item.get("uri") and item.get("state", "confirmed") == "confirmed":
            out.append(item["uri"])
    return sorted(set(out))


def _target_uri(value: Any) -> str | None:
    """The target occupation from a payload: a URI, or a plan dict holding ``target.uri``."""
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        target = value.get("target")
        if isinstance(target, dict):
            return target.get("uri")
        if isinstance(target, str):
            return target
    return None


def record_contribution(session, person_id: str, recipient_id: str, categories: list[str],
                        payload: Mapping[str, Any], at: datetime) -> bool:
    """Called by ``Sharing.share`` inside its transaction for every allowed share to a statistics
    recipient: the person's latest figures for this period replace their earlier ones. Needs a region."""
    region = payload.get("region") if "region" in categories else None
    if not isinstance(region, str) or not region.strip():
        return False
    period = period_of(at)
    session.execute(delete(ContributionRow).where(ContributionRow.person_id == person_id,
                                                  ContributionRow.recipient_id == recipient_id,
                                                  ContributionRow.period == period))
    has_plan = "plan" in categories
    session.add(ContributionRow(
        person_id=person_id, recipient_id=recipient_id, region=region.strip()[:120], period=period,
        skill_uris=_skill_uris(payload.get("skills")) if "skills" in categories else None,
        target_uri=_target_uri(payload.get("plan")) if has_plan else None,
        has_plan=1 if has_plan else 0, contributed_at=at))
    return True
