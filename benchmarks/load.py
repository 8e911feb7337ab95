"""``orient bench load``: many concurrent scripted conversations against several API workers.

Starts ``--workers`` uvicorn processes over one shared backend (a fresh SQLite file in WAL mode, or
a fresh schema in PostgreSQL), then drives ``--conversations`` concurrent conversations through the
HTTP API on loopback. Turn ``t`` of conversation ``c`` goes to worker ``(c + t) % workers``, so every
conversation moves between workers from one turn to the next, as behind a load balancer without
sticky sessions. At the end each conversation's transcript is read back and compared with the
turns that were answered: a turn that got a reply but is missing is a *lost turn*.

    orient bench load --workers 2 --conversations 50 --out var/bench/load.json
    orient bench load --backend postgres --workers 3 --conversations 50
    orient bench load --url http://10.0.0.5:8000 --url http://10.0.0.6:8000 --conversations 50   # running workers

Reports turns/s, p50/p95/p99 turn latency, errors and lost turns, and writes them as JSON
(``p95_ms``, ``errors``, ``lost_turns``, ``turns_per_s``, ...). Messages are fixed scripted text:
nothing personal is sent or printed.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import shutil
import tempfile
import time
import uuid
from collections import Counter
from pathlib import Path

import httpx
import numpy as np
from pydantic import BaseModel, Field

from channels.settings import Settings

DEFAULT_POSTGRES_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"

# What the scripted person answers, by the agent's `expecting` kind (see ../shared/evals/README.md).
EXPERIENCES = [
    [
        "I worked two years as a waiter in a busy restaurant, taking orders and handling the till",
        "I coach the under-12 football team of my village every Saturday",
    ],
    [
        "I looked after my grandmother at home for three years: meals, medication, appointments",
        "I repaired bicycles for friends and sold a few on the internet",
    ],
    [
        "I was a warehouse operator: picking orders, driving a forklift and checking deliveries",
        "I play the guitar in a band and organise our concerts",
    ],
]
DETAILS = ["I also trained the new staff and planned the weekly schedule"]
NO_MORE = "no, that's all"


class TurnRecord(BaseModel):
    conversation: int
    turn: int
    worker: int
    status: int  # HTTP status, 0 for a transport error or a timeout
    latency_ms: float
    expecting: str | None = None


class LoadReport(BaseModel):
    workers: int
    backend: str
    conversations: int
    max_turns: int
    think_s: float
    turns: int = Field(description="turns answered with 2xx (start + messages)")
    errors: int
    error_kinds: dict[str, int]
    lost_turns: int
    duplicated_turns: int
    moved_turns: int = Field(description="answered turns served by another worker than the conversation's previous turn")
    finished_conversations: int
    turns_per_s: float
    p50_ms: float
    p95_ms: float
    p99_ms: float
    max_ms: float
    wall_s: float
    cpu_count: int
    startup_s: float = 0.0
    warmup_conversations: int = 0
    p95_ms_by_reply: dict[str, float] = Field(default_factory=dict,
                                              description="p95 latency by what the agent asked next (where time goes)")


def scripted_answer(reply: dict, conversation: int, state: dict) -> str:
    """The scripted person's next message for this agent reply."""
    expecting = reply.get("expecting")
    quick = [q["value"] for q in reply.get("quick_replies", [])]
    if expecting == "language":
        return "en"
    if expecting == "processing_consent":
        return "yes"
    if expecting == "experience":
        items = EXPERIENCES[conversation % len(EXPERIENCES)]
        index = state.setdefault("experience", 0)
        state["experience"] = index + 1
        return items[index] if index < len(items) else NO_MORE
    if expecting == "experience_detail":
        index = state.setdefault("detail", 0)
        state["detail"] = index + 1
        return DETAILS[index] if index < len(DETAILS) else NO_MORE
    if expecting == "skill_confirmation":
        accept = [v for v in quick if "all" in v.lower() or "yes" in v.lower() or "accept" in v.lower()]
        return accept[0] if accept else (quick[0] if quick else "yes")
    if expecting == "interests":
        return "I like helping people, working with my hands and being outdoors"
    if expecting == "preferences":
        return "full-time, near Lyon, open to a short training"
    if expecting == "target_choice":
        return quick[0] if quick else "the first one"
    if expecting == "share_consent":
        return "no"
    return NO_MORE


async def _conversation(
    index: int,
    clients: list[httpx.AsyncClient],
    max_turns: int,
    think_s: float,
    records: list[TurnRecord],
    sent: dict[str, list[str]],
    rng: random.Random,
    tokens: dict[str, str],
) -> tuple[str | None, bool]:
    """One scripted conversation; returns its id (None if it could not start) and whether it finished."""
    workers = len(clients)
    state: dict = {}
    await asyncio.sleep(rng.uniform(0, think_s))  # people do not all arrive in the same millisecond
    worker = index % workers
    started = time.perf_counter()
    try:
        response = await clients[worker].post("/api/conversations", json={"channel": "api"})
        status = response.status_code
    except httpx.HTTPError:
        status = 0
    records.append(TurnRecord(conversation=index, turn=0, worker=worker, status=status,
                              latency_ms=(time.perf_counter() - started) * 1000))
    if status != 201:
        return None, False
    body = response.json()
    conversation_id = body["conversation_id"]
    tokens[conversation_id] = body["token"]  # the person's key: every later call of this conversation sends it
    auth = {"Authorization": f"Bearer {body['token']}"}
    reply = body["reply"]
    records[-1].expecting = reply.get("expecting")
    sent[conversation_id] = []
    for turn in range(1, max_turns + 1):
        if reply.get("finished") or reply.get("expecting") == "end":
            return conversation_id, True
        text = scripted_answer(reply, index, state)
        await asyncio.sleep(think_s * rng.uniform(0.5, 1.5))
        worker = (index + turn) % workers
        started = time.perf_counter()
        try:
            response = await clients[worker].post(
                f"/api/conversations/{conversation_id}/messages",
                json={"text": text, "client_message_id": f"load-{index}-{turn}"}, headers=auth,
            )
            status = response.status_code
        except httpx.HTTPError:
            status = 0
        record = TurnRecord(conversation=index, turn=turn, worker=worker, status=status,
                            latency_ms=(time.perf_counter() - started) * 1000)
        records.append(record)
        if status != 200:
            return conversation_id, False
        sent[conversation_id].append(text)
        reply = response.json()["reply"]
        record.expecting = reply.get("expecting")
    return conversation_id, bool(reply.get("finished"))


async def drive(urls: list[str], conversations: int, max_turns: int, think_s: float, seed: int = 7,
                request_timeout_s: float = 60) -> tuple[list[TurnRecord], dict[str, list[str]], dict[str, list[str | None]], int, float]:
    """Runs the conversations; returns turn records, sent texts, transcripts read back, finished count, wall time."""
    limits = httpx.Limits(max_connections=conversations + 10, max_keepalive_connections=conversations + 10)
    clients = [httpx.AsyncClient(base_url=url, timeout=request_timeout_s, limits=limits) for url in urls]
    records: list[TurnRecord] = []
    sent: dict[str, list[str]] = {}
    tokens: dict[str, str] = {}
    rng = random.Random(seed)
    try:
        started = time.perf_counter()
        outcomes = await asyncio.gather(*[
            _conversation(i, clients, max_turns, think_s, records, sent, random.Random(rng.random()), tokens)
            for i in range(conversations)
        ])
        wall = time.perf_counter() - started
        finished = sum(1 for _, done in outcomes if done)
        transcripts: dict[str, list[str | None]] = {}
        for n, conversation_id in enumerate(sent):
            response = await clients[n % len(clients)].get(f"/api/conversations/{conversation_id}",
                                                             headers={"Authorization": f"Bearer {tokens[conversation_id]}"})
            if response.status_code == 200:
                transcripts[conversation_id] = [t["user_text"] for t in response.json()["turns"]]
            else:
                transcripts[conversation_id] = []
    finally:
        for client in clients:
            await client.aclose()
    return records, sent, transcripts, finished, wall


def summarise(records: list[TurnRecord], sent: dict[str, list[str]], transcripts: dict[str, list[str | None]],
              finished: int, wall_s: float, workers: int, backend: str, conversations: int, max_turns: int,
              think_s: float) -> LoadReport:
    ok = [r for r in records if 200 <= r.status < 300]
    errors = [r for r in records if not 200 <= r.status < 300]
    latencies = np.array([r.latency_ms for r in ok]) if ok else np.array([0.0])
    lost = duplicated = 0
    for conversation_id, texts in sent.items():
        stored = Counter(t for t in transcripts.get(conversation_id, []) if t is not None)
        expected = Counter(texts)
        lost += sum((expected - stored).values())
        duplicated += sum((stored - expected).values())
        # the start turn (user_text None) must be there too
        if None not in transcripts.get(conversation_id, []):
            lost += 1
    by_conversation: dict[int, list[TurnRecord]] = {}
    for record in sorted(ok, key=lambda r: (r.conversation, r.turn)):
        by_conversation.setdefault(record.conversation, []).append(record)
    moved = sum(1 for turns in by_conversation.values() for a, b in zip(turns, turns[1:]) if a.worker != b.worker)
    by_reply: dict[str, list[float]] = {}
    for record in ok:
        by_reply.setdefault(record.expecting or "unknown", []).append(record.latency_ms)
    return LoadReport(
        workers=workers,
        backend=backend,
        conversations=conversations,
        max_turns=max_turns,
        think_s=think_s,
        turns=len(ok),
        errors=len(errors),
        error_kinds=dict(Counter("timeout_or_transport" if r.status == 0 else f"http_{r.status}" for r in errors)),
        lost_turns=lost,
        duplicated_turns=duplicated,
        moved_turns=moved,
        finished_conversations=finished,
        turns_per_s=round(len(ok) / wall_s, 2) if wall_s else 0.0,
        p50_ms=round(float(np.percentile(latencies, 50)), 1),
        p95_ms=round(float(np.percentile(latencies, 95)), 1),
        p99_ms=round(float(np.percentile(latencies, 99)), 1),
        max_ms=round(float(latencies.max()), 1),
        wall_s=round(wall_s, 2),
        cpu_count=os.cpu_count() or 0,
        p95_ms_by_reply={k: round(float(np.percentile(v, 95)), 1) for k, v in sorted(by_reply.items())},
    )


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("load", help="concurrent scripted conversations against several API workers")
    parser.add_argument("--workers", type=int, default=2, help="API worker processes (default 2)")
    parser.add_argument("--conversations", type=int, default=50, help="concurrent conversations (default 50)")
    parser.add_argument("--turns", type=int, default=12, help="most messages per conversation (default 12)")
    parser.add_argument("--think-s", type=float, default=1.0,
                        help="mean pause between a reply and the next message, as a person reads and types (default 1.0)")
    parser.add_argument("--backend", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--database-url", default="",
                        help=f"PostgreSQL server for --backend postgres (default {DEFAULT_POSTGRES_URL}; a fresh schema "
                             "is made in it), or an existing SQLite database for --backend sqlite (default: a fresh one)")
    parser.add_argument("--torch-threads", type=int, default=1, help="torch threads per worker (default 1)")
    parser.add_argument("--warmup", type=int, default=None,
                        help="unmeasured conversations first, to warm every worker's caches (default: one per worker)")
    parser.add_argument("--url", action="append", default=[],
                        help="drive workers already running at this base URL instead of starting them (once per "
                             "worker, e.g. a deployment behind no balancer); --workers, --backend and --database-url "
                             "are then theirs, not the benchmark's")
    parser.add_argument("--out", type=Path, help="write the report as JSON here")
    parser.add_argument("--keep", action="store_true", help="keep the benchmark's database and worker logs")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace, settings: Settings) -> int:
    if args.url:
        report, work_dir = drive_running(args.url, args.conversations, args.turns, args.think_s,
                                         args.warmup if args.warmup is not None else len(args.url)), None
    else:
        report, work_dir = run_benchmark(
        settings,
        workers=args.workers,
        conversations=args.conversations,
        max_turns=args.turns,
        think_s=args.think_s,
        backend=args.backend,
        database_url=args.database_url or (DEFAULT_POSTGRES_URL if args.backend == "postgres" else ""),
        torch_threads=args.torch_threads,
        keep=args.keep,
        warmup_conversations=args.warmup if args.warmup is not None else args.workers,
    )
    print(
        f"{report.conversations} conversations on {report.workers} workers ({report.backend}): "
        f"{report.turns} turns in {report.wall_s:.1f} s = {report.turns_per_s:.1f} turns/s; "
        f"latency p50 {report.p50_ms:.0f} ms, p95 {report.p95_ms:.0f} ms, p99 {report.p99_ms:.0f} ms; "
        f"errors {report.errors}, lost turns {report.lost_turns}, turns that moved worker {report.moved_turns}"
    )
    if work_dir is not None:
        print(f"kept database and worker logs in {work_dir}")
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(report.model_dump(), indent=2) + "\n")
        print(f"wrote {args.out}")
    return 0 if report.errors == 0 and report.lost_turns == 0 else 1


def drive_running(urls: list[str], conversations: int, max_turns: int, think_s: float,
                  warmup_conversations: int = 0, backend: str = "running") -> LoadReport:
    """The conversations against workers serving at ``urls`` (every turn to the next one); with
    ``--url`` the backend is theirs, reported as ``running``."""
    if warmup_conversations:  # first uses fill per-process caches (rankers, catalogs): not measured
        asyncio.run(drive(urls, warmup_conversations, max_turns, 0.0, seed=1))
    records, sent, transcripts, finished, wall = asyncio.run(drive(urls, conversations, max_turns, think_s))
    report = summarise(records, sent, transcripts, finished, wall, len(urls), backend, conversations, max_turns, think_s)
    report.warmup_conversations = warmup_conversations
    return report


def run_benchmark(settings: Settings, workers: int, conversations: int, max_turns: int, think_s: float,
                  backend: str = "sqlite", database_url: str = DEFAULT_POSTGRES_URL, torch_threads: int = 1,
                  keep: bool = False, warmup_conversations: int = 0) -> tuple[LoadReport, Path | None]:
    from benchmarks._worker_pool import WorkerPool

    work = Path(tempfile.mkdtemp(prefix="orient-load-"))
    schema = None
    existing = backend == "sqlite" and database_url.startswith("sqlite")
    if backend == "postgres":
        schema = f"load_{uuid.uuid4().hex[:10]}"
        _postgres_schema(database_url, schema, create=True)
        sep = "&" if "?" in database_url else "?"
        url = f"{database_url}{sep}options=-csearch_path%3D{schema}"
        overrides = {"database_url": url, "checkpoint_url": ""}
    elif existing:  # an existing SQLite database, its catalogs imported: the workers start together
        overrides = {"database_url": database_url, "checkpoint_url": str(work / "checkpoints.sqlite3")}
    else:
        overrides = {"database_url": f"sqlite:///{work / 'orient.sqlite3'}",
                     "checkpoint_url": str(work / "checkpoints.sqlite3")}
    overrides["torch_threads"] = torch_threads
    overrides["warm_up_before_serving"] = True
    # every scripted conversation comes from this one address: no per-client limit in the way
    overrides["conversation_starts_per_minute"] = overrides["messages_per_minute"] = 1_000_000
    bench_settings = settings.model_copy(update={k: v for k, v in overrides.items() if k in Settings.model_fields})
    try:
        pool = WorkerPool(bench_settings, workers, work / "logs", database_ready=existing)
        started = time.perf_counter()
        with pool:
            startup = time.perf_counter() - started
            report = drive_running(pool.urls, conversations, max_turns, think_s, warmup_conversations, backend)
        report.startup_s = round(startup, 1)
    finally:
        if schema is not None and not keep:
            _postgres_schema(database_url, schema, create=False)
        if not keep:
            shutil.rmtree(work, ignore_errors=True)
    return report, (work if keep else None)


def _postgres_schema(url: str, schema: str, create: bool) -> None:
    from sqlalchemy import create_engine, text

    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"' if create else f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
    engine.dispose()
