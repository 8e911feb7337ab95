"""``orient bench erasure``: how long "erase everything about me" takes, and whether it leaves the
person's words anywhere on disk.

In a throw-away storage folder (SQLite, the default) or on a PostgreSQL database (``--url``, the
checkpoints in it too), ``--people`` people each get a profile, ``--turns`` transcript turns and as
many LangGraph checkpoints, every one carrying a word only that person says. Then each person is
erased through the privacy registry (one transaction per database, then the SQLite write-ahead
logs checkpointed and truncated). Reports the erase latency (p50/p95 ms), the rows removed per
person, and for SQLite the files still holding an erased person's word (0 expected) and the size of
the write-ahead logs before and after.

    orient bench erasure --people 50 --turns 20 --out var/bench/erasure.json
    orient bench erasure --url postgresql+psycopg://postgres@127.0.0.1:5432/test
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
import time
import uuid
from pathlib import Path

from tqdm import tqdm

from benchmarks._report import percentile, save_report
from channels.settings import Settings


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("erasure", help="latency of erasing a person, and what is left on disk")
    parser.add_argument("--people", type=int, default=50, help="people to create and erase (default 50)")
    parser.add_argument("--turns", type=int, default=20, help="transcript turns and checkpoints per person (default 20)")
    parser.add_argument("--url", help="PostgreSQL URL (default: SQLite files in a temporary folder)")
    parser.add_argument("--out", type=Path, help="write the report as JSON here")
    parser.set_defaults(func=run)


def _words(person: int) -> str:
    return f"zqx{person:05d}marker"


def _fill(services, person_id: str, word: str, turns: int) -> None:
    from langgraph.checkpoint.base import empty_checkpoint
    from langgraph.checkpoint.base.id import uuid6

    from tools.profile.models import Experience, Profile

    services.profiles.save(Profile(person_id=person_id, language="en",
                                   experiences=[Experience(title=f"{word} cashier", description=f"I trained {word} staff")]))
    saver = services.checkpointer
    config = {"configurable": {"thread_id": person_id, "checkpoint_ns": ""}}
    said: list[str] = []
    for step in range(turns):
        text = f"turn {step}: I worked at the {word} market and served customers"
        services.transcripts.append(person_id, text, {"text": f"You said {word}; noted."}, channel="web")
        said.append(text)
        checkpoint = empty_checkpoint()
        checkpoint["id"] = str(uuid6(clock_seq=step))
        checkpoint["channel_values"] = {"turns": list(said)}
        checkpoint["channel_versions"] = {"turns": f"{step + 1:032d}"}
        config = saver.put(config, checkpoint, {"source": "loop", "step": step, "parents": {}},
                           {"turns": f"{step + 1:032d}"})


def _files_holding(folder: Path, needles: list[str]) -> int:
    count = 0
    for root, _dirs, files in os.walk(folder):
        for name in files:
            data = Path(root, name).read_bytes()
            count += sum(1 for needle in needles if needle.encode() in data)
    return count


def _wal_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.glob("*-wal"))


def run_benchmark(services, people: int, turns: int) -> dict:
    run = uuid.uuid4().hex[:8]
    ids = [f"bench-erase-{run}-{i}" for i in range(people)]
    for i, person_id in enumerate(tqdm(ids, desc="fill", leave=False)):
        _fill(services, person_id, _words(i), turns)
    registry = services.privacy
    storage = services.settings.storage_dir
    report: dict = {"people": people, "turns_per_person": turns, "stores": registry.names}
    if services.database.is_sqlite:
        report["wal_bytes_before"] = _wal_bytes(storage)
        report["files_holding_words_before"] = _files_holding(storage, [_words(i) for i in range(people)])
    times, removed = [], []
    for person_id in tqdm(ids, desc="erase", leave=False):
        t0 = time.perf_counter()
        erased = registry.erase_all(person_id)
        times.append((time.perf_counter() - t0) * 1000)
        assert erased.complete, erased.remaining
        removed.append(sum(erased.removed.values()))
    report["erase_p50_ms"] = round(percentile(times, 0.5), 1)
    report["erase_p95_ms"] = round(percentile(times, 0.95), 1)
    report["rows_removed_per_person"] = round(sum(removed) / len(removed), 1)
    if services.database.is_sqlite:
        report["wal_bytes_after"] = _wal_bytes(storage)
        report["files_holding_words_after"] = _files_holding(storage, [_words(i) for i in range(people)])
    return report


def run(args: argparse.Namespace, settings: Settings) -> int:
    from channels.services import Services

    with tempfile.TemporaryDirectory(prefix="orient-bench-erasure-") as folder:
        update: dict = {"storage_dir": Path(folder), "database_url": args.url or "", "checkpoint_url": ""}
        services = Services(settings.model_copy(update=update))
        report = run_benchmark(services, max(1, args.people), max(1, args.turns))
        report["backend"] = services.database.engine.dialect.name
        services.database.dispose()
    print(json.dumps({k: v for k, v in report.items() if k != "stores"}, indent=2))
    save_report(report, args.out)
    return 0
