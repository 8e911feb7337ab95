"""Several API worker processes (``channels.workers``) on loopback ports over one shared backend, as
behind a load balancer: the load benchmark and the fault tests start, kill and restart them."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

import httpx

from channels.settings import Settings
from channels.workers import settings_environment


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket() as sock:
        sock.bind((host, 0))
        return sock.getsockname()[1]


class WorkerStartError(RuntimeError):
    """A worker process exited, or did not answer its health check, while starting."""


@dataclass
class Worker:
    index: int
    port: int
    log_path: Path
    process: subprocess.Popen | None = None
    _log: IO[bytes] | None = field(default=None, repr=False)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None


class WorkerPool:
    """``count`` uvicorn processes on loopback, all built from the same settings."""

    DEFAULT_UVICORN_ARGS = ("--log-level", "warning", "--no-access-log")

    def __init__(self, settings: Settings, count: int, log_dir: Path, extra_env: dict[str, str] | None = None,
                 uvicorn_args: list[str] | tuple[str, ...] = DEFAULT_UVICORN_ARGS, database_ready: bool = False):
        """``uvicorn_args`` replace the default logging options (e.g. ``["--log-config", "logging.json"]``);
        ``database_ready``: the database is already migrated and holds its catalogs."""
        self.uvicorn_args = list(uvicorn_args)
        self.database_ready = database_ready
        if count < 1:
            raise ValueError("a pool needs at least one worker")
        self.settings = settings
        self.log_dir = Path(log_dir)
        self.log_dir.mkdir(parents=True, exist_ok=True)
        self.env = {**os.environ, **settings_environment(settings), **(extra_env or {})}
        self.env.setdefault("HF_HUB_OFFLINE", "1")
        self.env.setdefault("TRANSFORMERS_OFFLINE", "1")
        self.env.setdefault("ANONYMIZED_TELEMETRY", "False")
        self.workers = [Worker(i, free_port(), self.log_dir / f"worker-{i}.log") for i in range(count)]

    @property
    def urls(self) -> list[str]:
        return [w.url for w in self.workers]

    def __enter__(self) -> WorkerPool:
        self.start()
        return self

    def __exit__(self, *_exc) -> None:
        self.stop()

    def start(self, timeout_s: float = 600) -> None:
        """Starts worker 0 first: on an empty database it migrates the schema and imports the default
        catalogs once; the other workers then start together on a ready database. On a database
        already ready (``database_ready``) every worker starts at once."""
        first = self.workers if self.database_ready else self.workers[:1]
        for worker in first:
            self.launch(worker.index)
        for worker in first:
            self.wait_ready(worker.index, timeout_s)
        rest = self.workers[len(first):]
        for worker in rest:
            self.launch(worker.index)
        for worker in rest:
            self.wait_ready(worker.index, timeout_s)

    def launch(self, index: int) -> Worker:
        worker = self.workers[index]
        if worker.alive():
            raise WorkerStartError(f"worker {index} is already running")
        worker._log = open(worker.log_path, "ab")  # noqa: SIM115  (closed in stop/kill)
        command = [
            sys.executable, "-m", "uvicorn", "channels.workers:app_from_environment", "--factory",
            "--host", "127.0.0.1", "--port", str(worker.port), *self.uvicorn_args,
        ]
        worker.process = subprocess.Popen(command, stdout=worker._log, stderr=subprocess.STDOUT, env=self.env)
        return worker

    def wait_ready(self, index: int, timeout_s: float = 600) -> None:
        worker = self.workers[index]
        deadline = time.monotonic() + timeout_s
        while True:
            if not worker.alive():
                raise WorkerStartError(f"worker {index} exited at start-up; see {worker.log_path}:\n{self.log_tail(index)}")
            try:
                if httpx.get(f"{worker.url}/api/health", timeout=2).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                raise WorkerStartError(f"worker {index} not ready after {timeout_s:.0f} s; see {worker.log_path}")
            time.sleep(0.25)

    def kill(self, index: int, sig: int = signal.SIGKILL) -> None:
        """Ends a worker at once (SIGKILL: no clean-up, as a crash or an OOM kill)."""
        worker = self.workers[index]
        if worker.process is not None:
            worker.process.send_signal(sig)
            worker.process.wait(timeout=30)
        if worker._log is not None:
            worker._log.close()
            worker._log = None

    def restart(self, index: int, timeout_s: float = 600) -> None:
        if self.workers[index].alive():
            self.kill(index, signal.SIGTERM)
        self.launch(index)
        self.wait_ready(index, timeout_s)

    def stop(self) -> None:
        for worker in self.workers:
            if worker.alive():
                worker.process.send_signal(signal.SIGTERM)
        for worker in self.workers:
            if worker.process is not None:
                try:
                    worker.process.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    worker.process.kill()
                    worker.process.wait(timeout=10)
            if worker._log is not None:
                worker._log.close()
                worker._log = None

    def log_tail(self, index: int, chars: int = 4000) -> str:
        path = self.workers[index].log_path
        return path.read_text(errors="replace")[-chars:] if path.exists() else ""

    def logs(self) -> str:
        return "\n".join(w.log_path.read_text(errors="replace") for w in self.workers if w.log_path.exists())
