"""One API worker process, built from ``ORIENT_*`` variables: several of them behind a load
balancer serve the same conversations.

Each worker is a ``uvicorn`` process built by ``app_from_environment`` (settings are read once, in
the worker). All workers share the same relational database (SQLite in WAL mode or PostgreSQL), the
same checkpoint store and the same knowledge folder; none keeps conversation state in memory, so any
worker can serve any turn. ``orient serve --workers N`` starts them; the load benchmark and the fault
tests start, kill and restart them with ``benchmarks._worker_pool.WorkerPool``.
"""

from __future__ import annotations

import json
from pathlib import Path

from channels.settings import Settings


def app_from_environment():
    """The uvicorn factory of one worker: ``uvicorn channels.workers:app_from_environment --factory``."""
    from channels.app import create_app

    return create_app(Settings())


def settings_environment(settings: Settings) -> dict[str, str]:
    """``ORIENT_*`` variables that rebuild ``settings`` in another process."""
    env: dict[str, str] = {}
    for name, value in settings.model_dump().items():
        key = f"ORIENT_{name.upper()}"
        if isinstance(value, Path):
            env[key] = str(value.resolve())
        elif isinstance(value, (list, dict)):
            env[key] = json.dumps(value)
        elif value is None:
            continue
        else:
            env[key] = str(value)
    return env
