"""Concurrency on SQLite and PostgreSQL: a single-use consent lets exactly one of many simultaneous
shares through, and a revocation stops every share that starts after it returns."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime

from tools.consent import ConsentService
from tools.sharing import Sharing

NOTICE = "demo-coach:career_coaching:v1"


def test_single_use_consent_is_used_once_under_concurrency(consents: ConsentService):
    sharing = Sharing(consents)
    consents.give("p-once", NOTICE, ["plan"], single_use=True)
    barrier = threading.Barrier(6)

    def attempt(_):
        barrier.wait()
        return sharing.share("p-once", "demo-coach", "career_coaching", ["plan"], {"plan": {}}).allowed

    with ThreadPoolExecutor(6) as pool:
        results = list(pool.map(attempt, range(6)))
    assert results.count(True) == 1
    assert sharing.violations("p-once") == []


def test_revocation_takes_effect_at_once(consents: ConsentService):
    sharing = Sharing(consents)
    c = consents.give("p-now", NOTICE, ["plan"])
    stop = threading.Event()
    revoked_at: list[datetime] = []

    def keep_sharing():
        outcomes = []
        while not stop.is_set():
            started = datetime.now(UTC)
            r = sharing.share("p-now", "demo-coach", "career_coaching", ["plan"], {"plan": {}})
            outcomes.append((started, r.allowed))
        return outcomes

    with ThreadPoolExecutor(2) as pool:
        futures = [pool.submit(keep_sharing) for _ in range(2)]
        while len(sharing.log_for_person("p-now")) < 6:
            pass
        consents.revoke("p-now", c.id)
        revoked_at.append(datetime.now(UTC))
        while sum(1 for e in sharing.log_for_person("p-now") if e.at > revoked_at[0]) < 4:
            pass
        stop.set()
        outcomes = [o for f in futures for o in f.result()]
    assert any(allowed for _, allowed in outcomes)
    after = [allowed for started, allowed in outcomes if started > revoked_at[0]]
    assert after and not any(after)
    assert sharing.violations("p-now") == []


def test_workers_starting_together_seed_the_demo_recipients_once(database, tmp_path):
    from tools.consent import ReceiptSigner

    barrier = threading.Barrier(4)

    def start(i):
        barrier.wait()
        signer = ReceiptSigner.from_key_dir(tmp_path / "keys")  # one key pair, however many workers
        return ConsentService(database, signer).signer.key_id

    with ThreadPoolExecutor(4) as pool:
        key_ids = set(pool.map(start, range(4)))
    assert len(key_ids) == 1
    assert len(ConsentService(database, ReceiptSigner.from_key_dir(tmp_path / "keys")).recipients.list()) == 5
