"""Per-knowledge-base caches of derived structures (built once, dropped with the knowledge base)."""

from __future__ import annotations

import threading
import weakref
from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")

_WEAK: weakref.WeakKeyDictionary[Any, dict[str, Any]] = weakref.WeakKeyDictionary()
_BY_ID: dict[int, tuple[Any, dict[str, Any]]] = {}
_LOCK = threading.RLock()


def cached_for_kb(kb: Any, key: str, build: Callable[[], T]) -> T:
    with _LOCK:
        try:
            slot = _WEAK.setdefault(kb, {})
        except TypeError:  # objects that can't be weakly referenced: keep them alive with the cache
            slot = _BY_ID.setdefault(id(kb), (kb, {}))[1]
        if key not in slot:
            slot[key] = build()
        return slot[key]
