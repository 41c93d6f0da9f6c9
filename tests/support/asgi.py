"""One HTTP request through an ASGI app, in process, the way uvicorn hands it over (no httpx needed).

The target is what a client puts on the request line: the path is percent-decoded into scope["path"] as
uvicorn does, the raw bytes kept in raw_path, the query left as sent. The reply is the bytes as sent.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from urllib.parse import unquote

import anyio
from starlette.datastructures import Headers


def run_async(func, *args) -> None:
    """anyio.run(func, *args) in a thread of its own.

    In the full suite the browser tests' session-wide Playwright (sync API) keeps an event loop running in the
    main thread until the session ends, and anyio refuses to start a second one there.
    """
    with ThreadPoolExecutor(max_workers=1) as pool:
        pool.submit(anyio.run, func, *args).result()


@dataclass
class Reply:
    """What the app sent for one request."""

    status: int
    headers: Headers
    body: bytes


def request(app, target: str, method: str = "GET", headers: dict[str, str] | None = None) -> Reply:
    """Send one request (target: '/path?query' as on the wire) and collect the response."""
    path, _, query = target.partition("?")
    scope = {
        "type": "http",
        "asgi": {"version": "3.0", "spec_version": "2.4"},
        "http_version": "1.1",
        "method": method,
        "scheme": "http",
        "path": unquote(path),
        "raw_path": path.encode("latin-1"),
        "query_string": query.encode("latin-1"),
        "root_path": "",
        "headers": [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in (headers or {}).items()],
        "client": ("127.0.0.1", 50000),
        "server": ("testserver", 80),
        "extensions": {},
        "state": {},
    }
    messages: list[dict] = []
    received = False

    async def receive() -> dict:
        nonlocal received
        if not received:
            received = True
            return {"type": "http.request", "body": b"", "more_body": False}
        await anyio.sleep_forever()
        raise AssertionError("unreachable")

    async def send(message: dict) -> None:
        messages.append(message)

    run_async(app, scope, receive, send)
    start = messages[0]
    assert start["type"] == "http.response.start", start
    body = b"".join(m.get("body", b"") for m in messages[1:] if m["type"] == "http.response.body")
    return Reply(start["status"], Headers(raw=start["headers"]), body)
