"""A bounded, thread-safe cache of encoded response bodies, recompressed at the best level in the background.

A body is cached under what identifies its bytes (path, ETag, Last-Modified, length) and the encoding; the
query string is left out, so that made-up queries cannot fill the cache with copies of one file. The first request for it is answered at once with a fast encoding (ON_THE_FLY), which the cache
keeps; a single low-priority background thread then encodes the same bytes at the best level (BEST: Brotli
11 takes seconds for a 3 MB bundle) and swaps it in. Concurrent first requests share one fast encoding. Memory
is bounded twice: encoded bodies by max_bytes (least recently used out first), raw bodies waiting for the
background thread by max_pending_bytes (past it, a body keeps its fast encoding).
"""

from __future__ import annotations

import logging
import os
import queue
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass
from typing import NamedTuple

from serve.codecs import BEST, ON_THE_FLY, Levels, encode

MIB = 1024 * 1024


class CacheKey(NamedTuple):
    """What identifies one encoded body: the response's validators and the content coding."""

    target: str
    etag: str
    last_modified: str
    length: int
    encoding: str


@dataclass
class _Entry:
    body: bytes
    best: bool


@dataclass(frozen=True)
class CacheStats:
    """Counters since the cache was made, and its size now."""

    hits: int
    fast_encodes: int
    best_encodes: int
    entries: int
    encoded_bytes: int
    pending: int


class EncodedBodyCache:
    """Encoded bodies by CacheKey, within max_bytes; upgraded to the best level by one background thread."""

    def __init__(
        self,
        *,
        max_bytes: int = 32 * MIB,
        min_entry_bytes: int = 16 * 1024,
        max_entry_bytes: int = 8 * MIB,
        max_pending_bytes: int = 64 * MIB,
        fast: Levels = ON_THE_FLY,
        best: Levels = BEST,
        logger: logging.Logger | None = None,
    ) -> None:
        self.max_bytes = max_bytes
        # Raw bodies outside these bounds are not cached: smaller ones cost less than a millisecond to encode
        # (and SPA paths that all answer index.html must not crowd the bundles out), larger ones are streamed.
        self.min_entry_bytes = min_entry_bytes
        self.max_entry_bytes = max_entry_bytes
        self.max_pending_bytes = max_pending_bytes
        self.fast = fast
        self.best = best
        self.log = logger or logging.getLogger(__name__)
        self._entries: OrderedDict[CacheKey, _Entry] = OrderedDict()
        self._encoded_bytes = 0
        self._lock = threading.Lock()
        self._idle = threading.Condition(self._lock)
        self._encoding_locks: dict[CacheKey, threading.Lock] = {}
        self._queue: queue.SimpleQueue[tuple[CacheKey, bytes]] = queue.SimpleQueue()
        self._pending: set[CacheKey] = set()
        self._pending_bytes = 0
        self._worker: threading.Thread | None = None
        self._hits = self._fast_encodes = self._best_encodes = 0
        # Totals of the current background batch, for its log line.
        self._batch = {"bodies": 0, "raw": 0, "encoded": 0, "seconds": 0.0}

    def get(self, key: CacheKey) -> bytes | None:
        """The cached body for key, or None."""
        with self._lock:
            entry = self._entries.get(key)
            if entry is None:
                return None
            self._entries.move_to_end(key)
            self._hits += 1
            return entry.body

    def encode(self, key: CacheKey, raw: bytes) -> bytes:
        """The encoded body for key, encoding raw (fast) if nobody has yet. Blocks: call it in a worker thread."""
        cached = self.get(key)
        if cached is not None:
            return cached
        with self._lock:
            key_lock = self._encoding_locks.setdefault(key, threading.Lock())
        with key_lock:
            cached = self.get(key)
            if cached is None:
                cached = encode(raw, key.encoding, self.fast)
                with self._lock:
                    self._fast_encodes += 1
                self._store(key, cached, best=False)
                self._schedule(key, raw)
        with self._lock:
            self._encoding_locks.pop(key, None)
        return cached

    def stats(self) -> CacheStats:
        """A snapshot of the counters and the size."""
        with self._lock:
            return CacheStats(
                hits=self._hits,
                fast_encodes=self._fast_encodes,
                best_encodes=self._best_encodes,
                entries=len(self._entries),
                encoded_bytes=self._encoded_bytes,
                pending=len(self._pending),
            )

    def wait_idle(self, timeout: float) -> bool:
        """Wait until the background thread has nothing left to do; False if timeout seconds pass first."""
        with self._idle:
            return self._idle.wait_for(lambda: not self._pending, timeout)

    def _store(self, key: CacheKey, body: bytes, *, best: bool) -> None:
        with self._lock:
            if len(body) > self.max_bytes:
                return
            previous = self._entries.pop(key, None)
            if previous is not None:
                self._encoded_bytes -= len(previous.body)
            self._entries[key] = _Entry(body, best)
            self._encoded_bytes += len(body)
            while self._encoded_bytes > self.max_bytes:
                _, evicted = self._entries.popitem(last=False)
                self._encoded_bytes -= len(evicted.body)

    def _schedule(self, key: CacheKey, raw: bytes) -> None:
        """Queue raw for the best-level encoding, within max_pending_bytes."""
        if self.best == self.fast:
            return
        with self._lock:
            if key in self._pending or self._pending_bytes + len(raw) > self.max_pending_bytes:
                return
            self._pending.add(key)
            self._pending_bytes += len(raw)
            if self._worker is None:
                self._worker = threading.Thread(target=self._work, name="serve-compression", daemon=True)
                self._worker.start()
        self._queue.put((key, raw))

    def _work(self) -> None:
        """The background thread: best-level encodings, one at a time, at a lower CPU priority."""
        try:
            # Linux applies a thread id's nice value to that thread only: script runs and requests come first.
            os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 10)
        except (AttributeError, OSError) as error:
            self.log.debug("compression: background priority unchanged (%s)", error)
        while True:
            key, raw = self._queue.get()
            started = time.perf_counter()
            try:
                body = encode(raw, key.encoding, self.best)
            except Exception:
                self.log.exception("compression: best-level %s encoding of %s failed", key.encoding, key.target)
                body = b""
            if body:
                self._store(key, body, best=True)
            self._finished(key, raw, body, time.perf_counter() - started)

    def _finished(self, key: CacheKey, raw: bytes, body: bytes, seconds: float) -> None:
        with self._lock:
            self._pending.discard(key)
            self._pending_bytes -= len(raw)
            if body:
                self._best_encodes += 1
                self._batch["bodies"] += 1
                self._batch["raw"] += len(raw)
                self._batch["encoded"] += len(body)
            self._batch["seconds"] += seconds
            if self._pending:
                return
            # The queue is first in, first out: the last body done names the request that closed the batch.
            last = f"{key.target} ({key.encoding})"
            batch, self._batch = self._batch, {"bodies": 0, "raw": 0, "encoded": 0, "seconds": 0.0}
            entries, encoded_bytes = len(self._entries), self._encoded_bytes
            self._idle.notify_all()
        self.log.info(
            "compression: %d bodies recompressed at the best level (%.0f KiB to %.0f KiB) in %.1f s; "
            "cache holds %d bodies, %.0f KiB; last: %s",
            batch["bodies"],
            batch["raw"] / 1024,
            batch["encoded"] / 1024,
            batch["seconds"],
            entries,
            encoded_bytes / 1024,
            last,
        )
