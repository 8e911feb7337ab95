"""SQL tables of the training and job catalogs (declared on the shared ``Base``)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, DateTime, Float, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from tools.storage.database import Base
from tools.storage.timestamps import utc_now


class CatalogSourceRow(Base):
    """One imported catalog file (a source): replaced as a whole by a new import."""

    __tablename__ = "catalog_sources"

    name: Mapped[str] = mapped_column(String(120), primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))  # courses | jobs
    file: Mapped[str] = mapped_column(String(500), default="")
    owner: Mapped[str | None] = mapped_column(String(120), nullable=True)  # organisation id, pack id
    rows_ok: Mapped[int] = mapped_column(Integer, default=0)
    rows_bad: Mapped[int] = mapped_column(Integer, default=0)
    version: Mapped[int] = mapped_column(Integer, default=1)
    linking: Mapped[str] = mapped_column(String(16), default="label")  # label | linker | subjects: how skills were linked
    imported_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)


class CatalogCourseRow(Base):
    __tablename__ = "catalog_courses"

    id: Mapped[str] = mapped_column(String(300), primary_key=True)
    source: Mapped[str] = mapped_column(String(120), index=True)
    title: Mapped[str] = mapped_column(String(500))
    url: Mapped[str | None] = mapped_column(String(1000), nullable=True)
    description: Mapped[str] = mapped_column(Text, default="")
    provider: Mapped[str | None] = mapped_column(String(300), nullable=True)
    level: Mapped[str | None] = mapped_column(String(60), nullable=True)
    duration: Mapped[str | None] = mapped_column(String(120), nullable=True)
    duration_weeks: Mapped[float | None] = mapped_column(Float, nullable=True)
    schedule: Mapped[str | None] = mapped_column(String(120), nullable=True)
    language: Mapped[str | None] = mapped_column(String(16), nullable=True)
    rating: Mapped[float | None] = mapped_column(Float, nullable=True)
    skills_text: Mapped[list] = mapped_column(JSON, default=list)
    skill_uris: Mapped[list] = mapped_column(JSON, default=list)
    skill_links: Mapped[list] = mapped_column(JSON, default=list)
    extra: Mapped[dict] = mapped_column(JSON, default=dict)


class CatalogJobRow(Base):
    __tablename__ = "catalog_jobs"

    id: Mapped[str] = mapped_column(String(300), primary_key=True)
    source: Mapped[str] = mapped_column(String(120), index=True)
    title: Mapped[str] = mapped_column(String(500))
    url: Mapped[str | None] = mapped_column(String(1000), nullable=True)
    description: Mapped[str] = mapped_column(Text, default="")
    employer: Mapped[str | None] = mapped_column(String(300), nullable=True)
    location: Mapped[str | None] = mapped_column(String(300), nullable=True)
    occupation_uri: Mapped[str | None] = mapped_column(String(300), nullable=True)
    skills_text: Mapped[list] = mapped_column(JSON, default=list)
    skill_uris: Mapped[list] = mapped_column(JSON, default=list)
    skill_weights: Mapped[list] = mapped_column(JSON, default=list)
    skill_links: Mapped[list] = mapped_column(JSON, default=list)
    extra: Mapped[dict] = mapped_column(JSON, default=dict)
