"""Cache files (the build's embedding cache, the linker's ``<knowledge>/linking-cache``): written
whole or not at all, and only the most recently used entries kept."""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterable
from pathlib import Path


def write_atomically(path: Path, write: Callable[[Path], None]) -> None:
    """``write`` into a temporary file beside ``path``, then rename it over ``path``: a reader never
    sees half a file, and processes starting together each write their own before renaming."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.tmp{path.suffix}")
    try:
        write(tmp)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def prune_oldest(folder: Path, pattern: str, keep: int, companions: Callable[[Path], list[Path]] = lambda p: []) -> None:
    """Delete the entries matching ``pattern`` beyond the ``keep`` most recently used (by mtime:
    readers touch what they use), with each one's ``companions``."""
    entries = sorted(folder.glob(pattern), key=lambda p: p.stat().st_mtime, reverse=True)
    for stale in entries[keep:]:
        for path in [*companions(stale), stale]:
            path.unlink(missing_ok=True)


def digest_texts(digest, texts: Iterable[str]) -> None:
    """Feed ``texts`` to a hashlib ``digest``, each after a NUL byte: the content part of a cache key."""
    for text in texts:
        digest.update(b"\x00")
        digest.update(text.encode())
