"""One turn at a time per conversation across processes: PostgreSQL advisory locks and SQLite
lock files, each held by separate ``ConversationLocks`` (as two workers would)."""

from __future__ import annotations

import threading
import time
import uuid

import pytest

from tools.storage.conversation_locks import ConversationBusy, ConversationLocks, lock_key
from tools.storage.database import Database


@pytest.fixture
def two_workers(database_url):
    """Two lock holders over one database, each with its own engine, as two worker processes."""
    first, second = Database(database_url), Database(database_url)
    yield ConversationLocks(first, timeout_s=5), ConversationLocks(second, timeout_s=0.3)
    first.engine.dispose()
    second.engine.dispose()


@pytest.fixture
def ids():
    """Conversation ids of this test only (advisory locks are server-wide)."""
    tag = uuid.uuid4().hex[:8]
    return f"web-x-{tag}", f"web-y-{tag}"


def test_lock_keys_are_stable_and_distinct():
    assert lock_key("web-a") == lock_key("web-a") != lock_key("web-b")
    assert -(2**63) <= lock_key("web-a") < 2**63


def test_a_second_worker_waits_for_the_turn(two_workers, ids):
    first, second = two_workers
    x, _ = ids
    events: list[str] = []
    inside = threading.Event()

    def long_turn():
        with first.hold(x):
            events.append("first in")
            inside.set()
            time.sleep(0.2)
            events.append("first out")

    thread = threading.Thread(target=long_turn)
    thread.start()
    inside.wait(5)
    with second.hold(x):  # waits (0.2 s) within its 0.3 s limit
        events.append("second in")
    thread.join()
    assert events == ["first in", "first out", "second in"]


def test_other_conversations_do_not_wait(two_workers, ids):
    first, second = two_workers
    x, y = ids
    with first.hold(x):
        started = time.monotonic()
        with second.hold(y):
            pass
        assert time.monotonic() - started < 0.25


def test_busy_past_the_limit(two_workers, ids):
    first, second = two_workers
    x, _ = ids
    with first.hold(x):
        with pytest.raises(ConversationBusy):
            with second.hold(x):
                pass
    with second.hold(x):  # released: free again
        pass
