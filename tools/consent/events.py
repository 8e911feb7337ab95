"""The append-only consent event log: one row per lifecycle change, never updated."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from tools.consent.models import ConsentEvent, ConsentStatus, EventType
from tools.consent.tables import ConsentEventRow
from tools.storage.timestamps import as_utc


def append_event(session: Session, *, consent_id: str, person_id: str, event_type: EventType,
                 state: ConsentStatus, at: datetime, actor: str, receipt_id: str | None) -> None:
    session.add(ConsentEventRow(consent_id=consent_id, person_id=person_id, event_type=event_type.value,
                                state=state.value, at=at, actor=actor, receipt_id=receipt_id))


def list_events(session: Session, person_id: str, consent_id: str | None = None) -> list[ConsentEvent]:
    query = select(ConsentEventRow).where(ConsentEventRow.person_id == person_id)
    if consent_id is not None:
        query = query.where(ConsentEventRow.consent_id == consent_id)
    rows = session.scalars(query.order_by(ConsentEventRow.seq))
    return [ConsentEvent(seq=r.seq, consent_id=r.consent_id, person_id=r.person_id,
                         event_type=EventType(r.event_type), state=ConsentStatus(r.state), at=as_utc(r.at),
                         actor=r.actor, receipt_id=r.receipt_id) for r in rows]
