"""``orient bench consent``: latency of the consent ledger and of consent-checked shares.

On the configured database (or ``--url``), in a throw-away set of person ids: ``give`` (request +
grant, two signed receipts), ``share`` allowed and refused (lock, decide, log in one transaction),
``revoke``, and ``verify_receipt``. Reports p50/p95 ms per operation.

    orient bench consent --n 200 --out var/bench/consent.json
    orient bench consent --url postgresql+psycopg://postgres@127.0.0.1:5432/test
"""

from __future__ import annotations

import argparse
import json
import time
import uuid
from pathlib import Path

from tqdm import tqdm

from benchmarks._report import save_report
from channels.settings import Settings

NOTICE = "demo-coach:career_coaching:v1"


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("consent", help="latency of consent give/revoke, checked shares and receipt verification")
    parser.add_argument("--n", type=int, default=200, help="operations of each kind (default 200)")
    parser.add_argument("--url", help="database URL (default: the configured one)")
    parser.add_argument("--out", type=Path, help="write the report as JSON here")
    parser.set_defaults(func=run)


def _timed(label: str, fn, n: int) -> dict:
    times = []
    for i in tqdm(range(n), desc=label, leave=False):
        t0 = time.perf_counter()
        fn(i)
        times.append((time.perf_counter() - t0) * 1000)
    times.sort()
    return {"p50_ms": round(times[len(times) // 2], 2), "p95_ms": round(times[min(len(times) - 1, int(len(times) * 0.95))], 2)}


def run_benchmark(consents, sharing, n: int) -> dict:
    from tools.consent import verify_receipt

    run = uuid.uuid4().hex[:8]
    person = [f"bench-{run}-{i}" for i in range(n)]
    ids: list[str] = []
    report = {"n": n}
    report["give"] = _timed("give", lambda i: ids.append(consents.give(person[i], NOTICE, ["plan"]).id), n)
    report["share_allowed"] = _timed(
        "share allowed", lambda i: sharing.share(person[i], "demo-coach", "career_coaching", ["plan"], {"plan": {}}), n)
    report["share_refused"] = _timed(
        "share refused", lambda i: sharing.share(f"{person[i]}-none", "demo-coach", "career_coaching", ["plan"], {}), n)
    report["revoke"] = _timed("revoke", lambda i: consents.revoke(person[i], ids[i]), n)
    receipt = consents.latest_receipt(person[0], ids[0])
    pem = consents.public_key_pem()
    report["verify_receipt"] = _timed("verify", lambda i: verify_receipt(receipt, pem), n)
    for p in person:  # leave nothing behind
        consents.erase(p)
        sharing.erase(p)
        sharing.erase(f"{p}-none")
    return report


def run(args: argparse.Namespace, settings: Settings) -> int:
    from channels.services import Services

    if args.url:
        settings = settings.model_copy(update={"database_url": args.url})
    services = Services(settings.model_copy(update={"demo": True}))  # it shares with the demo coach
    report = run_benchmark(services.consents, services.sharing, max(1, args.n))
    report["backend"] = services.database.engine.dialect.name
    text = json.dumps(report, indent=2)
    print(text)
    save_report(report, args.out)
    return 0
