"""A rate limiter shared by every API worker: per-key request counters in the relational database.

The in-process token bucket (``tools.organisations.ratelimit``) lets a key make N times its rate
when N workers serve it. This limiter counts in fixed one-minute windows with one atomic upsert
per request (``INSERT .. ON CONFLICT DO UPDATE .. RETURNING``, on SQLite and PostgreSQL alike), so
every worker sees the same count. Same call as the token bucket: ``allow(key_id, rate_per_minute)``;
``peek`` tells whether a key is over its limit without counting (failed logins are counted only
when they fail, and checked before the password is).
"""

from __future__ import annotations

import time
from collections.abc import Callable

from sqlalchemy import BigInteger, Integer, String, delete
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Mapped, mapped_column

from tools.storage.database import Base, Database

WINDOW_S = 60


class RateLimitWindowRow(Base):
    __tablename__ = "rate_limit_windows"

    key_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    window_start: Mapped[int] = mapped_column(BigInteger, primary_key=True)  # unix seconds, multiple of 60
    count: Mapped[int] = mapped_column(Integer, default=0)


class DatabaseRateLimiter:
    def __init__(self, database: Database, clock: Callable[[], float] = time.time):
        self.database = database
        self._clock = clock
        self._insert = sqlite.insert if database.is_sqlite else postgresql.insert
        self._last_purge = 0

    def allow(self, key_id: str, rate_per_minute: int) -> tuple[bool, float]:
        """Count one request for ``key_id``. Returns (allowed, seconds to wait before retrying)."""
        now = self._clock()
        window = int(now // WINDOW_S) * WINDOW_S
        if rate_per_minute <= 0:
            return False, float(WINDOW_S)
        statement = (
            self._insert(RateLimitWindowRow)
            .values(key_id=key_id, window_start=window, count=1)
            .on_conflict_do_update(
                index_elements=[RateLimitWindowRow.key_id, RateLimitWindowRow.window_start],
                set_={"count": RateLimitWindowRow.count + 1},
            )
            .returning(RateLimitWindowRow.count)
        )
        with self.database.session() as session:
            count = session.execute(statement).scalar_one()
            if window != self._last_purge:  # at most once a minute per worker: forget old windows
                session.execute(delete(RateLimitWindowRow).where(RateLimitWindowRow.window_start < window - WINDOW_S))
                self._last_purge = window
        if count <= rate_per_minute:
            return True, 0.0
        return False, max(0.001, window + WINDOW_S - now)

    def peek(self, key_id: str, rate_per_minute: int) -> tuple[bool, float]:
        """Whether one more request for ``key_id`` would be allowed now, without counting it.
        Returns (allowed, seconds to wait before retrying)."""
        now = self._clock()
        window = int(now // WINDOW_S) * WINDOW_S
        if rate_per_minute <= 0:
            return False, float(WINDOW_S)
        with self.database.session() as session:
            row = session.get(RateLimitWindowRow, (key_id, window))
            count = row.count if row is not None else 0
        if count < rate_per_minute:
            return True, 0.0
        return False, max(0.001, window + WINDOW_S - now)
