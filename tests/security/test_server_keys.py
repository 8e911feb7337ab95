"""Server secrets (``tools.identity.load_key``): workers starting together all read one whole key."""

from __future__ import annotations

import multiprocessing
import stat
from pathlib import Path

from tools.identity import load_key


def _load(storage: str, queue) -> None:
    queue.put(load_key(Path(storage), "race.key"))


def test_workers_starting_together_read_one_whole_key(tmp_path):
    context = multiprocessing.get_context("fork")
    for attempt in range(5):  # a fresh folder each time: the race is on creating the key
        storage = tmp_path / f"run-{attempt}"
        queue = context.Queue()
        workers = [context.Process(target=_load, args=(str(storage), queue)) for _ in range(8)]
        for worker in workers:
            worker.start()
        keys = [queue.get(timeout=30) for _ in workers]
        for worker in workers:
            worker.join(timeout=30)
        assert len(set(keys)) == 1 and len(keys[0]) == 32, [len(k) for k in keys]
        path = storage / "keys" / "race.key"
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        assert [p.name for p in path.parent.iterdir()] == ["race.key"]  # no temporary file left
