"""Access-log lines that name no one: no conversation id, token or widget token.

uvicorn's access log writes each request's path and query string. ``redact_path`` keeps the shape
of a path (``/api/conversations/…/messages``) and drops what identifies a person or grants access:
every path segment that is not a plain lower-case word (ids and tokens carry digits, capitals or
are long), and the whole query string. ``install`` puts the filter on uvicorn's access logger, for
every way the app is served (``orient serve``, several workers, or uvicorn run by hand).
"""

from __future__ import annotations

import logging
import re

ACCESS_LOGGER = "uvicorn.access"
REDACTED = "…"
_PLAIN_WORD = re.compile(r"^[a-z][a-z._-]{0,39}$")


def redact_path(path: str) -> str:
    """``/api/conversations/web-Xy12/messages?token=abc`` → ``/api/conversations/…/messages?…``."""
    path, has_query, _ = path.partition("?")
    segments = [s if not s or _PLAIN_WORD.match(s) else REDACTED for s in path.split("/")]
    return "/".join(segments) + ("?" + REDACTED if has_query else "")


class RedactingFilter(logging.Filter):
    """Rewrites the path argument of uvicorn's access records: (client, method, path, version, status)."""

    def filter(self, record: logging.LogRecord) -> bool:
        args = record.args
        if isinstance(args, tuple) and len(args) >= 3 and isinstance(args[2], str):
            record.args = (*args[:2], redact_path(args[2]), *args[3:])
        return True


def install(logger_name: str = ACCESS_LOGGER) -> None:
    logger = logging.getLogger(logger_name)
    if not any(isinstance(f, RedactingFilter) for f in logger.filters):
        logger.addFilter(RedactingFilter())
