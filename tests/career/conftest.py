"""Fixtures of the career tests: a small hand-made knowledge base (see career_kb.py)."""

from __future__ import annotations

import pytest
from career_kb import build_career_kb

from knowledge.base import KnowledgeBase


@pytest.fixture(scope="session")
def career_kb() -> KnowledgeBase:
    return build_career_kb()


@pytest.fixture(scope="session")
def career_chroma_server(tmp_path_factory):
    """A real ``chroma run`` server on loopback (the installed chromadb's), for the catalog index in server mode."""
    import os
    import socket
    import subprocess
    import sys
    import time
    from pathlib import Path

    import httpx

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    path = tmp_path_factory.mktemp("career-chroma")
    log = open(path / "server.log", "wb")  # noqa: SIM115  (closed below)
    process = subprocess.Popen([str(Path(sys.executable).parent / "chroma"), "run", "--path", str(path / "data"),
                                "--host", "127.0.0.1", "--port", str(port)], stdout=log, stderr=subprocess.STDOUT,
                               env={**os.environ, "ANONYMIZED_TELEMETRY": "False"})
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    try:
        while True:
            if process.poll() is not None:
                pytest.fail(f"chroma server exited: {(path / 'server.log').read_text()[-2000:]}")
            try:
                if httpx.get(f"{url}/api/v2/heartbeat", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                pytest.fail("chroma server did not answer within 60 s")
            time.sleep(0.2)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)
        log.close()
