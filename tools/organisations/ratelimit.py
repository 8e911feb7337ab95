"""Per-API-key rate limits: an in-process token bucket.

Each key gets ``rate_per_minute`` tokens per minute with a burst of the same size. The buckets
live in the process, so with N API workers a key may get up to N times its rate in total; a
multi-worker deployment should move this to a shared store (e.g. Redis ``INCR`` with expiry) behind
the same ``allow(key_id, rate_per_minute)`` call.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass
class _Bucket:
    tokens: float
    updated: float


class TokenBucketLimiter:
    def __init__(self, clock: Callable[[], float] = time.monotonic):
        self._clock = clock
        self._buckets: dict[str, _Bucket] = {}
        self._lock = threading.Lock()

    def allow(self, key_id: str, rate_per_minute: int) -> tuple[bool, float]:
        """Take one token for ``key_id``. Returns (allowed, seconds to wait before retrying)."""
        if rate_per_minute <= 0:
            return False, 60.0
        capacity = float(rate_per_minute)
        per_second = rate_per_minute / 60.0
        now = self._clock()
        with self._lock:
            bucket = self._buckets.get(key_id)
            if bucket is None:
                bucket = self._buckets[key_id] = _Bucket(tokens=capacity, updated=now)
            bucket.tokens = min(capacity, bucket.tokens + (now - bucket.updated) * per_second)
            bucket.updated = now
            if bucket.tokens >= 1.0:
                bucket.tokens -= 1.0
                return True, 0.0
            return False, (1.0 - bucket.tokens) / per_second
