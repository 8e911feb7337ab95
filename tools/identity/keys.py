"""Server secrets kept under the storage folder (``keys/``), created once with mode 0600."""

from __future__ import annotations

import os
import secrets
from pathlib import Path


def load_key(storage_dir: Path, name: str, size: int = 32) -> bytes:
    """The secret ``storage_dir/keys/<name>``; created with ``size`` random bytes on first use."""
    path = Path(storage_dir) / "keys" / name
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:  # another worker created it first
            return path.read_bytes()
        with os.fdopen(fd, "wb") as handle:
            handle.write(secrets.token_bytes(size))
    return path.read_bytes()
