"""``orient serve``: the HTTP app (web chat, console, API, widget, Telegram webhook) under uvicorn.

Builds the knowledge base first (with progress) when it is missing, so ``make run`` works on a
fresh machine; with the knowledge base built, the server answers within a few seconds.
"""

from __future__ import annotations

import argparse
import os
import sys
import time

from channels.settings import Settings


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("serve", help="serve the web chat, console, API and Telegram webhook")
    parser.add_argument("--host", help="interface to listen on (default: $ORIENT_HOST or 127.0.0.1)")
    parser.add_argument("--port", type=int, help="port (default: $ORIENT_PORT or 8000)")
    parser.add_argument("--workers", type=int, default=1, help="uvicorn worker processes over the shared stores")
    parser.add_argument("--log-level", default="info", choices=["critical", "error", "warning", "info", "debug"])
    parser.add_argument("--warm-before-serving", action="store_true",
                        help="load the models before accepting requests (default: serve at once, warm up in the background)")
    parser.set_defaults(func=run)


def knowledge_missing(settings: Settings) -> bool:
    """No complete knowledge base yet (checking it is cheap: no hashing of the reference data)."""
    from knowledge.build import current_build

    return current_build(settings.knowledge_dir) is None


def build_knowledge_first(settings: Settings) -> None:
    """Build the knowledge base (progress bars on stderr) before serving."""
    from channels.services import Services
    from knowledge.build import build_knowledge

    print(f"Knowledge base not found in {settings.knowledge_dir}: building it from {settings.data_dir} …", file=sys.stderr)
    report = build_knowledge(settings.data_dir, settings.knowledge_dir, Services(settings).embedder, progress=True,
                             cache_dir=settings.machine_cache)
    print(f"Knowledge base built in {report.total_s:.0f} s.", file=sys.stderr)


def run(args: argparse.Namespace, settings: Settings) -> int:
    import uvicorn

    started = time.monotonic()
    updates = {k: v for k, v in (("host", args.host), ("port", args.port)) if v is not None}
    updates["warm_up_before_serving"] = bool(args.warm_before_serving)
    settings = settings.model_copy(update=updates)
    if knowledge_missing(settings):
        build_knowledge_first(settings)
    url = f"http://{settings.host}:{settings.port}"
    if args.workers > 1:
        from channels.workers import settings_environment

        os.environ.update(settings_environment(settings))
        print(f"Orient: {args.workers} workers on {url}", file=sys.stderr)
        uvicorn.run("channels.workers:app_from_environment", factory=True, host=settings.host, port=settings.port,
                    workers=args.workers, log_level=args.log_level)
        return 0

    from channels.app import create_app

    app = create_app(settings)
    def announce(event: str) -> None:
        elapsed = time.monotonic() - started
        if event == "listening":
            print(f"Orient is serving on {url} (web chat {url}/, console {url}/console, API docs {url}/docs) "
                  f"— started in {elapsed:.1f} s", file=sys.stderr, flush=True)
            if settings.demo:
                print("DEMO mode (ORIENT_DEMO=true): demo recipients and the demo counsellor "
                      "(demo-counsellor / demo-password) are on; not for real use.", file=sys.stderr, flush=True)
        else:
            print(f"Orient is warm (knowledge base, models, agent loaded) after {elapsed:.1f} s", file=sys.stderr, flush=True)

    app.state.announce = announce
    uvicorn.run(app, host=settings.host, port=settings.port, log_level=args.log_level)
    return 0
