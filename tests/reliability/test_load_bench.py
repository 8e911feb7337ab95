"""`orient bench load` end to end, small and bounded: the session's two workers over one SQLite
database (``--url``: the bench drives running workers; starting them is the cluster's own
``WorkerPool``, the one the bench starts without ``--url``), conversations moving between workers
every turn, no error and no lost turn, JSON written."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = [pytest.mark.integration, pytest.mark.cluster_backend("sqlite")]


def test_bench_load_small_run(live_cluster, data_dir, tmp_path) -> None:
    out = tmp_path / "load.json"
    orient = Path(sys.executable).parent / "orient"
    urls = [arg for url in live_cluster.urls for arg in ("--url", url)]
    done = subprocess.run(
        [str(orient), "--data-dir", str(data_dir), "bench", "load", *urls,
         "--conversations", "6", "--turns", "6", "--think-s", "0.2", "--warmup", "0", "--out", str(out)],
        capture_output=True, text=True, timeout=900,
    )
    assert done.returncode == 0, done.stdout + done.stderr[-3000:]
    report = json.loads(out.read_text())
    assert report["errors"] == 0 and report["lost_turns"] == 0 and report["duplicated_turns"] == 0
    assert report["turns"] >= 6 * 4  # every conversation got past the welcome steps
    assert report["moved_turns"] == report["turns"] - 6  # every turn on the other worker than the one before
    assert 0 < report["p50_ms"] <= report["p95_ms"] <= report["p99_ms"] <= report["max_ms"]
    assert report["turns_per_s"] > 0 and report["workers"] == 2
    assert "turns/s" in done.stdout
