"""Notes a counsellor writes about a person during or after a guided session (personal data:
exported and erased with the rest of the person's data)."""

from __future__ import annotations

from datetime import UTC, datetime

from pydantic import BaseModel
from sqlalchemy import DateTime, Integer, String, Text, delete, func, select
from sqlalchemy.orm import Mapped, mapped_column

from tools.storage.database import Base, Database


class CounsellorNoteRow(Base):
    __tablename__ = "counsellor_notes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    person_id: Mapped[str] = mapped_column(String(128), index=True)
    counsellor_id: Mapped[str] = mapped_column(String(64), index=True)
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class CounsellorNote(BaseModel):
    id: int
    person_id: str
    counsellor_id: str
    text: str
    created_at: datetime


class NoteBook:
    def __init__(self, database: Database):
        self.database = database

    def add(self, person_id: str, counsellor_id: str, text: str) -> CounsellorNote:
        row = CounsellorNoteRow(
            person_id=person_id, counsellor_id=counsellor_id, text=text, created_at=datetime.now(UTC)
        )
        with self.database.session() as session:
            session.add(row)
            session.flush()
            return CounsellorNote.model_validate(row, from_attributes=True)

    def for_person(self, person_id: str, counsellor_id: str | None = None) -> list[CounsellorNote]:
        query = select(CounsellorNoteRow).where(CounsellorNoteRow.person_id == person_id)
        if counsellor_id:
            query = query.where(CounsellorNoteRow.counsellor_id == counsellor_id)
        with self.database.session() as session:
            rows = session.scalars(query.order_by(CounsellorNoteRow.id))
            return [CounsellorNote.model_validate(row, from_attributes=True) for row in rows]

    def export_person(self, person_id: str) -> dict:
        return {"counsellor_notes": [note.model_dump(mode="json") for note in self.for_person(person_id)]}

    def count(self, person_id: str) -> int:
        with self.database.session() as session:
            return int(
                session.scalar(select(func.count()).select_from(CounsellorNoteRow).where(CounsellorNoteRow.person_id == person_id))
                or 0
            )

    def erase(self, person_id: str) -> int:
        with self.database.session() as session:
            return session.execute(delete(CounsellorNoteRow).where(CounsellorNoteRow.person_id == person_id)).rowcount or 0
