"""The transcript of every conversation turn, whatever the channel: what the person sent and what the
agent replied, in order.

It makes delivery safe: a client that retries a message with the same ``client_message_id`` gets the
stored reply instead of a second agent turn (nothing is lost, nothing is doubled), and it lets the
person (and, under consent, a counsellor) see the conversation. It holds personal data: ``erase``
and ``export`` cover it.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from pydantic import BaseModel
from sqlalchemy import JSON, DateTime, Integer, String, Text, UniqueConstraint, delete, func, select
from sqlalchemy.orm import Mapped, mapped_column

from tools.storage.database import Base, Database


class TranscriptTurnRow(Base):
    __tablename__ = "transcript_turns"
    __table_args__ = (
        UniqueConstraint("conversation_id", "seq", name="uq_transcript_seq"),
        UniqueConstraint("conversation_id", "client_message_id", name="uq_transcript_client_message"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    conversation_id: Mapped[str] = mapped_column(String(128), index=True)
    seq: Mapped[int] = mapped_column(Integer)
    client_message_id: Mapped[str | None] = mapped_column(String(128), nullable=True)
    channel: Mapped[str] = mapped_column(String(32))
    author: Mapped[str] = mapped_column(String(32))  # person | counsellor
    user_text: Mapped[str | None] = mapped_column(Text, nullable=True)
    reply: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class TranscriptTurn(BaseModel):
    seq: int
    channel: str
    author: str
    user_text: str | None
    reply: dict[str, Any]
    created_at: datetime
    client_message_id: str | None = None


def _turn(row: TranscriptTurnRow) -> TranscriptTurn:
    return TranscriptTurn(
        seq=row.seq,
        channel=row.channel,
        author=row.author,
        user_text=row.user_text,
        reply=row.reply,
        created_at=row.created_at,
        client_message_id=row.client_message_id,
    )


class TranscriptStore:
    def __init__(self, database: Database):
        self.database = database

    def exists(self, conversation_id: str) -> bool:
        with self.database.session() as session:
            found = session.scalar(
                select(TranscriptTurnRow.id).where(TranscriptTurnRow.conversation_id == conversation_id).limit(1)
            )
        return found is not None

    def find(self, conversation_id: str, client_message_id: str) -> TranscriptTurn | None:
        with self.database.session() as session:
            row = session.scalar(
                select(TranscriptTurnRow).where(
                    TranscriptTurnRow.conversation_id == conversation_id,
                    TranscriptTurnRow.client_message_id == client_message_id,
                )
            )
            return _turn(row) if row else None

    def conversations_with(self, client_message_id: str) -> list[str]:
        """Conversations that have a turn with this client message id (e.g. a guided-session marker)."""
        with self.database.session() as session:
            rows = session.scalars(
                select(TranscriptTurnRow.conversation_id)
                .where(TranscriptTurnRow.client_message_id == client_message_id)
                .order_by(TranscriptTurnRow.created_at.desc())
            )
            return list(rows)

    def append(
        self,
        conversation_id: str,
        user_text: str | None,
        reply: BaseModel | dict[str, Any],
        channel: str,
        author: str = "person",
        client_message_id: str | None = None,
    ) -> TranscriptTurn:
        """Record a turn; ``reply`` (the agent's reply model, or its JSON) is stored as JSON."""
        if isinstance(reply, BaseModel):
            reply = reply.model_dump(mode="json")
        with self.database.session() as session:
            last = session.scalar(
                select(func.max(TranscriptTurnRow.seq)).where(TranscriptTurnRow.conversation_id == conversation_id)
            )
            row = TranscriptTurnRow(
                conversation_id=conversation_id,
                seq=(last or 0) + 1,
                client_message_id=client_message_id,
                channel=channel,
                author=author,
                user_text=user_text,
                reply=reply,
                created_at=datetime.now(UTC),
            )
            session.add(row)
            session.flush()
            return _turn(row)

    def history(self, conversation_id: str, limit: int | None = None) -> list[TranscriptTurn]:
        with self.database.session() as session:
            query = (
                select(TranscriptTurnRow)
                .where(TranscriptTurnRow.conversation_id == conversation_id)
                .order_by(TranscriptTurnRow.seq.desc())
            )
            if limit:
                query = query.limit(limit)
            rows = list(session.scalars(query))
        return [_turn(row) for row in reversed(rows)]

    def first(self, conversation_id: str) -> TranscriptTurn | None:
        with self.database.session() as session:
            row = session.scalar(
                select(TranscriptTurnRow)
                .where(TranscriptTurnRow.conversation_id == conversation_id)
                .order_by(TranscriptTurnRow.seq)
                .limit(1)
            )
            return _turn(row) if row else None

    def last(self, conversation_id: str) -> TranscriptTurn | None:
        turns = self.history(conversation_id, limit=1)
        return turns[0] if turns else None

    def export_person(self, person_id: str) -> dict[str, Any]:
        """Everything this store holds about the person (the conversation id is the person id)."""
        return {"transcript": [turn.model_dump(mode="json") for turn in self.history(person_id)]}

    def count(self, person_id: str) -> int:
        with self.database.session() as session:
            return int(
                session.scalar(
                    select(func.count()).select_from(TranscriptTurnRow).where(TranscriptTurnRow.conversation_id == person_id)
                )
                or 0
            )

    def erase(self, person_id: str) -> int:
        """Erase the person's transcript; returns the number of rows removed."""
        with self.database.session() as session:
            result = session.execute(delete(TranscriptTurnRow).where(TranscriptTurnRow.conversation_id == person_id))
            return result.rowcount or 0
