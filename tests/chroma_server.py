"""A real ``chroma run`` server (the installed chromadb's) on a free loopback port, for the tests of
the Chroma server mode (the knowledge index in tests/scale, the catalog index in tests/career)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

import httpx
import pytest


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def running_chroma_server(folder: Path) -> Iterator[str]:
    """Start ``chroma run`` with its data and log under ``folder``; yields its URL, stops it after."""
    port = free_port()
    chroma = Path(sys.executable).parent / "chroma"
    log = open(folder / "server.log", "wb")  # noqa: SIM115  (closed below)
    process = subprocess.Popen(
        [str(chroma), "run", "--path", str(folder / "data"), "--host", "127.0.0.1", "--port", str(port)],
        stdout=log,
        stderr=subprocess.STDOUT,
        env={**os.environ, "ANONYMIZED_TELEMETRY": "False"},
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    try:
        while True:
            if process.poll() is not None:
                pytest.fail(f"chroma server exited with {process.returncode}: {(folder / 'server.log').read_text()[-2000:]}")
            with suppress(httpx.TransportError):  # not listening yet
                if httpx.get(f"{url}/api/v2/heartbeat", timeout=1).status_code == 200:
                    break
            if time.monotonic() > deadline:
                pytest.fail("chroma server did not answer within 60 s")
            time.sleep(0.2)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)
        log.close()
