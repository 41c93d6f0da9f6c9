"""ASGI middleware that compresses the server's HTTP responses with Brotli or gzip, reusing encoded bodies.

Installed by dashboard.py through `st.App(middleware=...)`, so it wraps Streamlit's own middleware. Streamlit
gzips some responses itself but never its front-end bundles (/static/...) nor the root document, the bulk of
a first visit (about 5 MB); this middleware takes over all of it:

- negotiation: br, then gzip, then identity, by the client's Accept-Encoding (q values, q=0 refuses); the
  request reaches Streamlit without Accept-Encoding, so nothing is compressed twice;
- what: 200 responses of a compressible type (text, JavaScript, JSON, SVG, ...; see negotiation.py) of at
  least minimum_size bytes that carry no Content-Encoding and no `Cache-Control: no-transform`. Images, woff2
  fonts and other compressed formats, 206 partial responses and every request with a Range header are sent as
  they are;
- reuse: a response with a strong ETag and a known length of 16 KiB to 8 MiB (the hashed bundles, the display
  geometry) is encoded once per encoding and served from EncodedBodyCache afterwards (see encoded_cache.py);
  anything else (index.html, /_stcore/* JSON, media) is encoded on the fly at ON_THE_FLY levels, streamed
  bodies piece by piece;
- headers: Content-Encoding, Content-Length of the encoded body (left out when streaming, or for a HEAD whose
  encoded length is not known yet), `Vary: Accept-Encoding` on every response that could be encoded, the ETag
  made weak on an encoded variant (so If-None-Match still matches it; a strong ETag names exact bytes) and on
  a 304 answering such a weak tag; Cache-Control is left as it is;
- WebSocket and lifespan traffic passes untouched.
"""

from __future__ import annotations

import logging
import os

import anyio.to_thread
from starlette.datastructures import Headers, MutableHeaders
from starlette.middleware import Middleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from serve.codecs import ON_THE_FLY, Levels, StreamEncoder, encode
from serve.encoded_cache import CacheKey, EncodedBodyCache
from serve.negotiation import choose_encoding, is_compressible, weak_etag

# Set to "off" to serve without this middleware (benchmarks measure the difference).
DISABLE_VARIABLE = "GDC_HTTP_COMPRESSION"
# Encoding a larger piece than this on the event loop would hold up every other request: use a worker thread.
THREAD_MINIMUM_BYTES = 128 * 1024


def compression_middleware(logger: logging.Logger | None = None) -> list[Middleware]:
    """The middleware list for st.App: compression, unless GDC_HTTP_COMPRESSION=off."""
    if os.environ.get(DISABLE_VARIABLE, "").strip().lower() == "off":
        return []
    return [Middleware(CompressionMiddleware, cache=EncodedBodyCache(logger=logger))]


class CompressionMiddleware:
    """Brotli/gzip for every compressible HTTP response; validated bodies are encoded once (see module doc)."""

    def __init__(
        self,
        app: ASGIApp,
        *,
        minimum_size: int = 1000,
        cache: EncodedBodyCache | None = None,
        levels: Levels = ON_THE_FLY,
    ) -> None:
        self.app = app
        self.minimum_size = minimum_size
        self.cache = cache if cache is not None else EncodedBodyCache()
        self.levels = levels

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request = Headers(scope=scope)
        encoding = None if "range" in request else choose_encoding(request.get("accept-encoding", ""))
        inner_scope = dict(scope)
        inner_scope["headers"] = [(name, value) for name, value in scope["headers"] if name != b"accept-encoding"]
        responder = _Responder(self, scope, request, encoding, send)
        await self.app(inner_scope, receive, responder.send)


class _Responder:
    """One response's way through the middleware: passed on, buffered and encoded, streamed, or from the cache."""

    def __init__(
        self, middleware: CompressionMiddleware, scope: Scope, request: Headers, encoding: str | None, send: Send
    ) -> None:
        self.middleware = middleware
        self.scope = scope
        self.request = request
        self.encoding = encoding
        self.downstream = send
        # "start" (no message yet), "pass", "buffer", "stream", "done" (answered from the cache).
        self.mode = "start"
        self.start: Message = {}
        self.pieces: list[bytes] = []
        self.key: CacheKey | None = None
        self.stream: StreamEncoder | None = None

    async def send(self, message: Message) -> None:
        kind = message["type"]
        if kind == "http.response.start":
            await self._start(message)
        elif self.mode == "done":
            return
        elif kind == "http.response.body" and self.mode == "buffer":
            await self._buffer(message)
        elif kind == "http.response.body" and self.mode == "stream":
            await self._stream(message)
        elif self.mode in ("buffer", "stream") and kind != "http.response.early_hint":
            # A body we cannot encode (e.g. http.response.pathsend): send the response as it was.
            self.mode = "pass"
            await self.downstream(self.start)
            await self.downstream(message)
        else:
            await self.downstream(message)

    async def _start(self, message: Message) -> None:
        message.setdefault("headers", [])
        self.start = message
        headers = MutableHeaders(scope=message)
        status = message["status"]
        if status == 304:
            self._not_modified(headers)
            self.mode = "pass"
            await self.downstream(message)
            return
        if status != 200 or not is_compressible(headers.get("content-type", "")):
            self.mode = "pass"
            await self.downstream(message)
            return
        _vary_on_accept_encoding(headers)
        length = int(headers["content-length"]) if "content-length" in headers else None
        if (
            self.encoding is None
            or "content-encoding" in headers
            or "no-transform" in headers.get("cache-control", "").lower()
            or message.get("trailers", False)
            or (length is not None and length < self.middleware.minimum_size)
        ):
            self.mode = "pass"
            await self.downstream(message)
            return
        self.key = self._cache_key(headers, length)
        cached = self.middleware.cache.get(self.key) if self.key else None
        if self.scope["method"] == "HEAD":
            self._encoded_headers(headers, len(cached) if cached is not None else None)
            self.mode = "pass"
            await self.downstream(message)
        elif cached is not None:
            self._encoded_headers(headers, len(cached))
            self.mode = "done"
            await self.downstream(message)
            await self.downstream({"type": "http.response.body", "body": cached, "more_body": False})
        elif length is not None and length <= self.middleware.cache.max_entry_bytes:
            self.mode = "buffer"
        else:
            self.mode = "stream"

    def _not_modified(self, headers: MutableHeaders) -> None:
        """A 304 answers the tag the client holds: weak again if it cached our encoded variant."""
        _vary_on_accept_encoding(headers)
        etag = headers.get("etag", "")
        if (
            self.encoding
            and etag
            and not etag.startswith("W/")
            and weak_etag(etag) in self.request.get("if-none-match", "")
        ):
            headers["etag"] = weak_etag(etag)

    def _cache_key(self, headers: MutableHeaders, length: int | None) -> CacheKey | None:
        """The key of a body worth reusing: a GET or HEAD with a strong ETag, a length within the cache's
        bounds, storable. The query string is not part of it (the validators identify the bytes)."""
        etag = headers.get("etag", "")
        cache_control = headers.get("cache-control", "").lower()
        if (
            self.scope["method"] not in ("GET", "HEAD")
            or not etag
            or etag.startswith("W/")
            or length is None
            or not self.middleware.cache.min_entry_bytes <= length <= self.middleware.cache.max_entry_bytes
            or "no-store" in cache_control
            or "private" in cache_control
        ):
            return None
        target = self.scope.get("root_path", "") + self.scope["path"]
        assert self.encoding is not None
        return CacheKey(target, etag, headers.get("last-modified", ""), length, self.encoding)

    def _encoded_headers(self, headers: MutableHeaders, length: int | None) -> None:
        """Headers of the encoded variant: its coding and length (None: unknown, left out), a weak ETag."""
        assert self.encoding is not None
        headers["content-encoding"] = self.encoding
        if length is None:
            del headers["content-length"]
        else:
            headers["content-length"] = str(length)
        if "etag" in headers:
            headers["etag"] = weak_etag(headers["etag"])

    async def _buffer(self, message: Message) -> None:
        self.pieces.append(message.get("body", b""))
        if message.get("more_body", False):
            return
        raw = b"".join(self.pieces)
        self.pieces = []
        assert self.encoding is not None
        if self.key is not None:
            body = await anyio.to_thread.run_sync(self.middleware.cache.encode, self.key, raw)
        elif len(raw) >= THREAD_MINIMUM_BYTES:
            body = await anyio.to_thread.run_sync(encode, raw, self.encoding, self.middleware.levels)
        else:
            body = encode(raw, self.encoding, self.middleware.levels)
        self.mode = "done"
        if len(body) >= len(raw):
            # Text that does not compress (already packed data): the original is the smaller answer.
            await self.downstream(self.start)
            await self.downstream({"type": "http.response.body", "body": raw, "more_body": False})
            return
        self._encoded_headers(MutableHeaders(scope=self.start), len(body))
        await self.downstream(self.start)
        await self.downstream({"type": "http.response.body", "body": body, "more_body": False})

    async def _stream(self, message: Message) -> None:
        piece = message.get("body", b"")
        last = not message.get("more_body", False)
        if self.stream is None:
            if last and len(piece) < self.middleware.minimum_size:
                # The whole body in one small piece: not worth encoding.
                self.mode = "pass"
                await self.downstream(self.start)
                await self.downstream(message)
                return
            assert self.encoding is not None
            self.stream = StreamEncoder(self.encoding, self.middleware.levels)
            self._encoded_headers(MutableHeaders(scope=self.start), None)
            await self.downstream(self.start)
        stream = self.stream
        if len(piece) >= THREAD_MINIMUM_BYTES:
            encoded = await anyio.to_thread.run_sync(lambda: stream.chunk(piece, last=last))
        else:
            encoded = stream.chunk(piece, last=last)
        await self.downstream({"type": "http.response.body", "body": encoded, "more_body": not last})


def _vary_on_accept_encoding(headers: MutableHeaders) -> None:
    """Add Accept-Encoding to Vary once (Streamlit's own gzip layer may have added it already)."""
    present = [token.strip().lower() for token in headers.get("vary", "").split(",") if token.strip()]
    if "accept-encoding" not in present and "*" not in present:
        headers.add_vary_header("Accept-Encoding")
