"""The database rate limiter: one count per key across every worker process, on SQLite and PostgreSQL."""

from __future__ import annotations

import multiprocessing

from tools.storage.database import Database
from tools.storage.rate_limits import DatabaseRateLimiter


class Clock:
    def __init__(self, now: float):
        self.now = now

    def __call__(self) -> float:
        return self.now


def test_window_limit_and_retry_after(database: Database) -> None:
    clock = Clock(1_000_040.0)  # 20 s into the window that starts at 1_000_020
    limiter = DatabaseRateLimiter(database, clock=clock)
    assert [limiter.allow("k1", 3)[0] for _ in range(5)] == [True, True, True, False, False]
    allowed, wait = limiter.allow("k1", 3)
    assert not allowed and wait == 40.0
    assert limiter.allow("k2", 3) == (True, 0.0)  # keys are counted apart
    clock.now += 40.0  # next window
    assert limiter.allow("k1", 3) == (True, 0.0)


def _hammer(url: str, attempts: int, out) -> None:
    limiter = DatabaseRateLimiter(Database(url))
    out.put(sum(1 for _ in range(attempts) if limiter.allow("shared-key", 25)[0]))


def test_processes_share_one_count(database: Database, database_url: str) -> None:
    """Four workers each try 20 requests of one key limited to 25 a minute: 25 pass in all, not 80."""
    context = multiprocessing.get_context("spawn")
    out = context.Queue()
    workers = [context.Process(target=_hammer, args=(database_url, 20, out)) for _ in range(4)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=120)
    assert [w.exitcode for w in workers] == [0, 0, 0, 0]
    passed = sum(out.get(timeout=5) for _ in workers)
    # the four processes may straddle a minute boundary: then each window allows 25
    assert passed in (25, 50)
