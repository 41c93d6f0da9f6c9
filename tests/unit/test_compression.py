"""serve/: Accept-Encoding negotiation, the compression middleware's headers and bodies, and the encoded-body cache.

The middleware wraps a small Starlette app shaped like Streamlit's server: a StaticFiles mount with hashed,
immutable assets (ETag, 304, Range), dynamic JSON, a streamed body, an image, and Starlette's GZipMiddleware
inside (Streamlit's own gzip layer). Requests are ASGI calls made here (starlette.testclient needs httpx2, which
the project does not install), so the tests see the bytes exactly as the server would send them.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import anyio
import brotli
import pytest
from starlette.applications import Starlette
from starlette.datastructures import Headers
from starlette.middleware import Middleware
from starlette.middleware.gzip import GZipMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse
from starlette.routing import Mount, Route, WebSocketRoute
from starlette.staticfiles import StaticFiles
from starlette.websockets import WebSocket

from serve import (
    BEST,
    DISABLE_VARIABLE,
    ON_THE_FLY,
    CacheKey,
    CompressionMiddleware,
    EncodedBodyCache,
    Levels,
    StreamEncoder,
    choose_encoding,
    compression_middleware,
    encode,
    is_compressible,
)
from tests.support.asgi import run_async

IMMUTABLE = "public, immutable, max-age=31536000"
BOTH = {"Accept-Encoding": "br, gzip"}


def bundle_text(seed: str = "a") -> bytes:
    """About 60 KB of JavaScript-like text: compressible, not trivially so."""
    lines = [
        f"export const v{seed}{i} = function(x) {{ return x * {i} + {hashlib.md5(bytes(i)).hexdigest()!r}; }};"
        for i in range(600)
    ]
    return "\n".join(lines).encode()


class ImmutableStatic(StaticFiles):
    """Streamlit's static handler in small: hashed bundles are cached for a year."""

    async def get_response(self, path, scope):
        response = await super().get_response(path, scope)
        if response.status_code == 200:
            response.headers["Cache-Control"] = IMMUTABLE
        return response


def big_json(request: Request) -> JSONResponse:
    return JSONResponse({"rows": [{"city": "Shenzhen", "value": i} for i in range(2000)]})


def small_json(request: Request) -> JSONResponse:
    return JSONResponse({"ok": True})


def packed_text(request: Request) -> Response:
    """Bytes no encoder can shrink, labelled as text (as packed data served with a text type would be)."""
    return Response(os.urandom(3000), media_type="text/plain")


def picture(request: Request) -> Response:
    return Response(os.urandom(20_000), media_type="image/png")


def no_transform(request: Request) -> Response:
    return Response(b"x" * 5000, media_type="text/plain", headers={"Cache-Control": "no-transform"})


def streamed(request: Request) -> StreamingResponse:
    async def pieces():
        for index in range(5):
            yield (f"event {index}: " + "data " * 400 + "\n").encode()

    return StreamingResponse(pieces(), media_type="text/plain")


def seen_headers(request: Request) -> JSONResponse:
    return JSONResponse({"accept_encoding": request.headers.get("accept-encoding"), "pad": "p" * 2000})


async def echo(websocket: WebSocket) -> None:
    await websocket.accept()
    await websocket.send_text(await websocket.receive_text())
    await websocket.close()


@pytest.fixture
def static_dir(tmp_path):
    folder = tmp_path / "static"
    folder.mkdir()
    (folder / "index.abc123.js").write_bytes(bundle_text())
    (folder / "small.def456.css").write_bytes(b".cluster { color: #08306b; }\n" * 200)
    return folder


@pytest.fixture
def cache():
    return EncodedBodyCache()


@pytest.fixture
def app(static_dir, cache):
    routes = [
        Route("/big.json", big_json),
        Route("/small.json", small_json),
        Route("/picture.png", picture),
        Route("/packed.txt", packed_text),
        Route("/no-transform", no_transform),
        Route("/stream", streamed),
        Route("/headers", seen_headers),
        WebSocketRoute("/ws", echo),
        Mount("/static", ImmutableStatic(directory=static_dir)),
    ]
    # Outermost first, as st.App orders them: ours, then Streamlit's gzip layer.
    return Starlette(
        routes=routes,
        middleware=[Middleware(CompressionMiddleware, cache=cache), Middleware(GZipMiddleware, minimum_size=500)],
    )


@dataclass
class Reply:
    """What the server sent for one request."""

    status_code: int
    headers: Headers
    body_messages: list[bytes]

    @property
    def body(self) -> bytes:
        return b"".join(self.body_messages)


def scope_for(kind: str, target: str, headers: dict[str, str], method: str = "GET") -> dict:
    path, _, query = target.partition("?")
    return {
        "type": kind,
        "asgi": {"version": "3.0", "spec_version": "2.4"},
        "http_version": "1.1",
        "method": method,
        "scheme": "http" if kind == "http" else "ws",
        "path": path,
        "raw_path": path.encode(),
        "query_string": query.encode(),
        "root_path": "",
        "headers": [(name.lower().encode("latin-1"), value.encode("latin-1")) for name, value in headers.items()],
        "client": ("127.0.0.1", 50000),
        "server": ("testserver", 80),
        "extensions": {},
    }


def raw_get(app, path: str, headers: dict[str, str], method: str = "GET") -> Reply:
    """One HTTP request through the app; the reply as sent (nothing decoded)."""
    messages: list[dict] = []

    async def receive() -> dict:
        if not messages and not getattr(receive, "done", False):
            receive.done = True  # type: ignore[attr-defined]
            return {"type": "http.request", "body": b"", "more_body": False}
        await anyio.sleep_forever()
        raise AssertionError("unreachable")

    async def send(message: dict) -> None:
        messages.append(message)

    run_async(app, scope_for("http", path, headers, method), receive, send)
    start = messages[0]
    assert start["type"] == "http.response.start"
    bodies = [message.get("body", b"") for message in messages[1:] if message["type"] == "http.response.body"]
    assert messages[-1].get("more_body", False) is False
    return Reply(start["status"], Headers(raw=start["headers"]), bodies)


def decode(body: bytes, encoding: str | None) -> bytes:
    if encoding == "br":
        return brotli.decompress(body)
    if encoding == "gzip":
        return gzip.decompress(body)
    return body


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("br, gzip", "br"),
        ("gzip, deflate, br, zstd", "br"),
        ("gzip", "gzip"),
        ("GZip", "gzip"),
        ("x-gzip", "gzip"),
        ("gzip;q=1.0, br;q=0.5", "gzip"),
        ("br;q=0, gzip", "gzip"),
        ("br; q=0.0, gzip;q=0", None),
        ("*", "br"),
        ("*;q=0", None),
        ("br;q=0, *", "gzip"),
        ("identity", None),
        ("deflate", None),
        ("", None),
        ("br;q=abc, gzip", "gzip"),
    ],
)
def test_choose_encoding_follows_the_clients_q_values_then_br_before_gzip(header, expected):
    assert choose_encoding(header) == expected


@pytest.mark.parametrize(
    ("content_type", "expected"),
    [
        ("application/javascript", True),
        ("text/html; charset=utf-8", True),
        ("application/geo+json", True),
        ("image/svg+xml", True),
        ("text/event-stream", False),
        ("image/png", False),
        ("font/woff2", False),
        ("application/octet-stream", False),
        ("", False),
    ],
)
def test_only_text_like_types_are_compressible(content_type, expected):
    assert is_compressible(content_type) is expected


def test_static_bundle_is_sent_as_brotli_with_a_weak_etag_and_its_cache_control_kept(app, static_dir):
    original = (static_dir / "index.abc123.js").read_bytes()
    identity = raw_get(app, "/static/index.abc123.js", {"Accept-Encoding": "identity"})
    response = raw_get(app, "/static/index.abc123.js", BOTH)
    assert response.status_code == 200
    assert response.headers["content-encoding"] == "br"
    assert int(response.headers["content-length"]) == len(response.body) < len(original) // 3
    assert decode(response.body, "br") == original == identity.body
    assert response.headers["etag"] == f"W/{identity.headers['etag']}"
    assert response.headers["cache-control"] == IMMUTABLE == identity.headers["cache-control"]
    assert response.headers["vary"] == "Accept-Encoding"
    # Must not happen: the identity variant claims an encoding or loses its strong ETag.
    assert "content-encoding" not in identity.headers
    assert not identity.headers["etag"].startswith("W/")
    assert identity.headers["vary"] == "Accept-Encoding"


def test_gzip_only_client_gets_gzip(app, static_dir):
    response = raw_get(app, "/static/index.abc123.js", {"Accept-Encoding": "gzip"})
    assert response.headers["content-encoding"] == "gzip"
    assert int(response.headers["content-length"]) == len(response.body)
    assert decode(response.body, "gzip") == (static_dir / "index.abc123.js").read_bytes()


def test_a_bundle_is_encoded_once_then_served_from_the_cache(app, cache, static_dir):
    bodies = [raw_get(app, "/static/index.abc123.js", BOTH).body for _ in range(3)]
    stats = cache.stats()
    assert (stats.fast_encodes, stats.hits) == (1, 2)
    assert bodies[0] == bodies[1] == bodies[2]
    # The background thread encodes the same bytes once more at the best level; later requests get that.
    assert cache.wait_idle(timeout=30)
    best = raw_get(app, "/static/index.abc123.js", BOTH)
    stats = cache.stats()
    assert (stats.fast_encodes, stats.best_encodes, stats.entries) == (1, 1, 1)
    assert len(best.body) < len(bodies[0])
    assert int(best.headers["content-length"]) == len(best.body)
    assert brotli.decompress(best.body) == (static_dir / "index.abc123.js").read_bytes()


def test_made_up_query_strings_share_the_files_entry(app, cache, static_dir):
    replies = [raw_get(app, f"/static/index.abc123.js?v={index}", BOTH) for index in range(3)]
    assert {reply.status_code for reply in replies} == {200}
    # One fast encoding for all three queries: they share the file's entry. Its bytes may already be the background
    # thread's best-level encoding by the second request (a race on a busy machine), so compare what they decode to.
    assert (cache.stats().fast_encodes, cache.stats().entries) == (1, 1)
    raw = (static_dir / "index.abc123.js").read_bytes()
    assert all(brotli.decompress(reply.body) == raw for reply in replies)


def test_small_files_are_encoded_on_the_fly_and_never_cached(app, cache, static_dir):
    response = raw_get(app, "/static/small.def456.css", BOTH)
    assert response.headers["content-encoding"] == "br"
    assert brotli.decompress(response.body) == (static_dir / "small.def456.css").read_bytes()
    assert cache.stats().entries == 0


def test_a_changed_file_is_encoded_again_not_served_stale(app, cache, static_dir):
    first = raw_get(app, "/static/index.abc123.js", BOTH)
    changed = bundle_text("b")
    (static_dir / "index.abc123.js").write_bytes(changed)
    os.utime(static_dir / "index.abc123.js", (1, 1))
    second = raw_get(app, "/static/index.abc123.js", BOTH)
    assert brotli.decompress(second.body) == changed
    assert brotli.decompress(first.body) != changed
    assert cache.stats().fast_encodes == 2


def test_head_has_the_headers_of_get_and_no_body(app):
    # Before any GET the encoded length is unknown: no Content-Length rather than the raw file's length.
    head = raw_get(app, "/static/index.abc123.js", BOTH, method="HEAD")
    assert head.headers["content-encoding"] == "br"
    assert "content-length" not in head.headers
    assert head.body == b""
    get = raw_get(app, "/static/index.abc123.js", BOTH)
    head = raw_get(app, "/static/index.abc123.js", BOTH, method="HEAD")
    assert head.status_code == 200
    assert head.body == b""
    for name in ("content-encoding", "content-length", "etag", "cache-control", "vary"):
        assert head.headers[name] == get.headers[name], name
    assert int(head.headers["content-length"]) == len(get.body)


def test_revalidating_the_encoded_variant_gets_304_with_its_weak_etag(app):
    weak = raw_get(app, "/static/index.abc123.js", BOTH).headers["etag"]
    revalidated = raw_get(app, "/static/index.abc123.js", {**BOTH, "If-None-Match": weak})
    assert revalidated.status_code == 304
    assert revalidated.body == b""
    assert revalidated.headers["etag"] == weak
    assert revalidated.headers["vary"] == "Accept-Encoding"
    assert "content-encoding" not in revalidated.headers


def test_range_requests_get_the_exact_identity_bytes(app, static_dir):
    original = (static_dir / "index.abc123.js").read_bytes()
    response = raw_get(app, "/static/index.abc123.js", {**BOTH, "Range": "bytes=100-299"})
    assert response.status_code == 206
    assert "content-encoding" not in response.headers
    assert response.body == original[100:300]
    assert response.headers["content-range"] == f"bytes 100-299/{len(original)}"


def test_a_range_request_answered_in_full_is_sent_as_it_is(app):
    """A Range header means the client wants identity bytes, even where the server answers 200 in full."""
    response = raw_get(app, "/big.json", {**BOTH, "Range": "bytes=0-99"})
    assert response.status_code == 200
    assert "content-encoding" not in response.headers
    assert len(json.loads(response.body)["rows"]) == 2000


def test_dynamic_json_is_compressed_on_the_fly_and_not_cached(app, cache):
    response = raw_get(app, "/big.json", BOTH)
    assert response.headers["content-encoding"] == "br"
    assert int(response.headers["content-length"]) == len(response.body)
    assert len(json.loads(brotli.decompress(response.body))["rows"]) == 2000
    assert cache.stats().entries == 0


def test_the_inner_gzip_layer_never_sees_accept_encoding_so_nothing_is_compressed_twice(app):
    response = raw_get(app, "/headers", BOTH)
    assert response.headers["content-encoding"] == "br"
    assert json.loads(brotli.decompress(response.body))["accept_encoding"] is None
    # Streamlit's gzip layer adds Vary too: it must not be listed twice.
    assert response.headers["vary"] == "Accept-Encoding"


@pytest.mark.parametrize("path", ["/small.json", "/picture.png", "/no-transform", "/packed.txt"])
def test_small_binary_and_no_transform_responses_are_sent_as_they_are(app, path):
    response = raw_get(app, path, BOTH)
    assert response.status_code == 200
    assert "content-encoding" not in response.headers
    assert int(response.headers["content-length"]) == len(response.body)
    if path not in ("/picture.png", "/packed.txt"):  # random bytes: new ones per request
        assert response.body == raw_get(app, path, {"Accept-Encoding": "identity"}).body


def test_streamed_bodies_are_encoded_piece_by_piece_without_a_content_length(app):
    expected = b"".join((f"event {index}: " + "data " * 400 + "\n").encode() for index in range(5))
    response = raw_get(app, "/stream", BOTH)
    assert response.headers["content-encoding"] == "br"
    assert "content-length" not in response.headers
    assert len(response.body_messages) > 2
    assert brotli.decompress(response.body) == expected
    assert len(response.body) < len(expected) // 5


def test_websocket_traffic_passes_untouched(app):
    incoming = [
        {"type": "websocket.connect"},
        {"type": "websocket.receive", "text": "hello"},
        {"type": "websocket.disconnect", "code": 1000},
    ]
    sent: list[dict] = []

    async def receive() -> dict:
        return incoming.pop(0)

    async def send(message: dict) -> None:
        sent.append(message)

    run_async(app, scope_for("websocket", "/ws", BOTH), receive, send)
    assert [message["type"] for message in sent] == ["websocket.accept", "websocket.send", "websocket.close"]
    assert sent[1]["text"] == "hello"


def test_stream_encoder_pieces_decode_to_the_whole_body():
    pieces = [b"alpha " * 300, b"", b"beta " * 300, b"gamma"]
    for encoding, decompress in (("br", brotli.decompress), ("gzip", gzip.decompress)):
        encoder = StreamEncoder(encoding, ON_THE_FLY)
        out = b"".join(encoder.chunk(piece, last=index == len(pieces) - 1) for index, piece in enumerate(pieces))
        assert decompress(out) == b"".join(pieces)
    with pytest.raises(ValueError, match="unsupported content coding 'zstd'"):
        encode(b"x", "zstd", BEST)


def test_cache_keeps_within_its_byte_bound_evicting_the_least_recently_used():
    cache = EncodedBodyCache(max_bytes=3200, fast=Levels(0, 1), best=Levels(0, 1))
    keys = [CacheKey(f"/static/{index}.js", f'"{index}"', "", 4000, "gzip") for index in range(4)]
    for key in keys[:3]:
        cache.encode(key, os.urandom(1000))
    assert cache.get(keys[0]) is not None  # now the most recently used
    cache.encode(keys[3], os.urandom(1000))
    stats = cache.stats()
    assert stats.encoded_bytes <= 3200
    assert cache.get(keys[1]) is None
    assert cache.get(keys[0]) is not None and cache.get(keys[3]) is not None


def test_concurrent_first_requests_share_one_encoding():
    cache = EncodedBodyCache(best=ON_THE_FLY)
    key = CacheKey("/static/big.js", '"big"', "", 0, "br")
    raw = bundle_text() * 20
    start = threading.Barrier(8)

    def first_request() -> bytes:
        start.wait()
        return cache.encode(key, raw)

    with ThreadPoolExecutor(max_workers=8) as pool:
        bodies = list(pool.map(lambda _: first_request(), range(8)))
    assert cache.stats().fast_encodes == 1
    assert len(set(bodies)) == 1
    assert brotli.decompress(bodies[0]) == raw


def test_compression_is_installed_unless_switched_off(monkeypatch):
    monkeypatch.delenv(DISABLE_VARIABLE, raising=False)
    assert [entry.cls for entry in compression_middleware()] == [CompressionMiddleware]
    monkeypatch.setenv(DISABLE_VARIABLE, "off")
    assert compression_middleware() == []
