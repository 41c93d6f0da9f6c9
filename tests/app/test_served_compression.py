"""What the real server sends: `streamlit run dashboard.py` compresses its HTTP responses (serve/compression.py)
and negotiates permessage-deflate on the websocket (.streamlit/config.toml); a plain script gets neither
middleware (that is what the benchmark's minimal app relies on)."""

from __future__ import annotations

import base64
import gzip
import os
import re
import socket
import urllib.request

import brotli
import pytest

from tests.support.server import Server

pytestmark = pytest.mark.server

BOTH = {"Accept-Encoding": "br, gzip"}


def fetch(url: str, headers: dict[str, str]) -> tuple[dict[str, str], bytes]:
    """(headers with lower-case names, body as sent: urllib decodes nothing)."""
    with urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=30) as response:
        return {name.lower(): value for name, value in response.headers.items()}, response.read()


def decoded(headers: dict[str, str], body: bytes) -> bytes:
    encoding = headers.get("content-encoding")
    if encoding == "br":
        return brotli.decompress(body)
    if encoding == "gzip":
        return gzip.decompress(body)
    assert encoding is None, encoding
    return body


def websocket_handshake(server: Server) -> str:
    """The 101 response's header block for a handshake that offers permessage-deflate, as Chromium does."""
    key = base64.b64encode(os.urandom(16)).decode()
    request = (
        "GET /_stcore/stream HTTP/1.1\r\n"
        f"Host: 127.0.0.1:{server.port}\r\n"
        "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
        f"Sec-WebSocket-Key: {key}\r\n"
        "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n"
        "Sec-WebSocket-Protocol: streamlit\r\n"
        f"Origin: {server.url}\r\n\r\n"
    )
    with socket.create_connection(("127.0.0.1", server.port), timeout=10) as connection:
        connection.sendall(request.encode())
        received = b""
        while b"\r\n\r\n" not in received:
            chunk = connection.recv(4096)
            if not chunk:
                break
            received += chunk
    return received.partition(b"\r\n\r\n")[0].decode("latin-1")


@pytest.fixture(scope="module")
def dashboard(tmp_path_factory):
    server = Server("dashboard.py", tmp_path_factory.mktemp("compression") / "streamlit.log").start()
    try:
        server.wait_ready(timeout=120)
        yield server
    finally:
        server.stop()


def test_root_document_and_a_frontend_bundle_arrive_brotli_encoded_and_decode_to_the_same_bytes(dashboard):
    index_headers, index_body = fetch(dashboard.url + "/", BOTH)
    plain_headers, plain_index = fetch(dashboard.url + "/", {"Accept-Encoding": "identity"})
    assert index_headers["content-encoding"] == "br"
    assert decoded(index_headers, index_body) == plain_index
    assert index_headers["cache-control"] == plain_headers["cache-control"] == "no-cache"
    assert "content-encoding" not in plain_headers

    bundle = re.search(r'src="\.?/?(static/js/[^"]+\.js)"', plain_index.decode()).group(1)
    headers, body = fetch(f"{dashboard.url}/{bundle}", BOTH)
    plain_bundle_headers, plain_bundle = fetch(f"{dashboard.url}/{bundle}", {"Accept-Encoding": "identity"})
    assert headers["content-encoding"] == "br"
    assert int(headers["content-length"]) == len(body) < len(plain_bundle) // 2
    assert decoded(headers, body) == plain_bundle
    assert "immutable" in headers["cache-control"] == plain_bundle_headers["cache-control"]
    assert headers["etag"] == "W/" + plain_bundle_headers["etag"]
    assert "accept-encoding" in headers["vary"].lower()


def test_websocket_offers_permessage_deflate(dashboard):
    handshake = websocket_handshake(dashboard)
    assert handshake.startswith("HTTP/1.1 101")
    assert re.search(r"^sec-websocket-extensions: permessage-deflate", handshake, re.IGNORECASE | re.MULTILINE)


def test_a_plain_script_is_served_without_the_dashboards_middleware(tmp_path):
    script = tmp_path / "plain_app.py"
    script.write_text('import streamlit as st\n\nst.title("Plain")\n', encoding="utf-8")
    server = Server(str(script), tmp_path / "streamlit.log").start()
    try:
        server.wait_ready(timeout=120)
        plain_index = fetch(server.url + "/", {"Accept-Encoding": "identity"})[1]
        bundle = re.search(r'src="\.?/?(static/js/[^"]+\.js)"', plain_index.decode()).group(1)
        headers, _ = fetch(f"{server.url}/{bundle}", BOTH)
    finally:
        server.stop()
    assert "content-encoding" not in headers
    assert not headers["etag"].startswith("W/")
