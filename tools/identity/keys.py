"""Server secrets kept under the storage folder (``keys/``), created once with mode 0600."""

from __future__ import annotations

import contextlib
import os
import secrets
import tempfile
from pathlib import Path


def load_key(storage_dir: Path, name: str, size: int = 32) -> bytes:
    """The secret ``storage_dir/keys/<name>``; created with ``size`` random bytes on first use.
    Workers starting together race to create it: each writes a whole key to a temporary file and
    links it into place, which succeeds for one of them only, so nobody ever reads a key that is
    still being written (an empty key stopped a second worker at start-up)."""
    path = Path(storage_dir) / "keys" / name
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{name}.")  # mode 0600
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(secrets.token_bytes(size))
                handle.flush()
                os.fsync(handle.fileno())
            with contextlib.suppress(FileExistsError):  # another worker's key is in place: it is the one
                os.link(temporary, path)
        finally:
            os.unlink(temporary)
    return path.read_bytes()
