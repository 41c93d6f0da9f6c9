"""Memoise a conversion per input object: for values the memoised views share between reruns and sessions.

The views in gdclusters (analysis.memoised_per_args) hand out one shared object per dataset, filter set and
language: an Altair chart, a frozen dataclass and the frames inside it. What the page does to such an object
before Streamlit gets it (a chart's Vega-Lite dictionary, a table's escaped cells) is then the same on every
rerun, so it is done once per object. Objects are keyed by identity (charts and frames are not hashable) and
held weakly: an entry goes when its object is garbage collected, and an id reused by a new object never
returns the old result.
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

R = TypeVar("R")


def per_object(convert: Callable[[Any], R]) -> Callable[[Any], R]:
    """convert(obj), computed once per live object; the result is shared, so callers must not change it."""
    results: dict[int, tuple[weakref.ref, R]] = {}
    lock = threading.Lock()

    def forget(key: int, ref: weakref.ref) -> None:
        with lock:
            entry = results.get(key)
            if entry is not None and entry[0] is ref:
                del results[key]

    @wraps(convert)
    def cached(obj: Any) -> R:
        key = id(obj)
        with lock:
            entry = results.get(key)
        if entry is not None and entry[0]() is obj:
            return entry[1]
        value = convert(obj)

        def on_collect(dead: weakref.ref) -> None:
            forget(key, dead)

        ref = weakref.ref(obj, on_collect)
        with lock:
            results[key] = (ref, value)
        return value

    cached.cache_size = lambda: len(results)  # type: ignore[attr-defined]
    return cached
