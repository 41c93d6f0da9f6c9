"""tests/support/wire.py: the benchmark's byte-counting relay passes bytes through unchanged and counts them."""

from __future__ import annotations

import http.server
import socket
import threading

import pytest

from tests.support.wire import WireTap

BODY = bytes(range(256)) * 300


class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        self.send_response(200)
        self.send_header("Content-Length", str(len(BODY)))
        self.end_headers()
        self.wfile.write(BODY)

    def log_message(self, *args):
        pass


def exchange(port: int, request: bytes) -> bytes:
    """Send request on a new connection and read until the other side closes it."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as connection:
        connection.sendall(request)
        chunks = []
        while chunk := connection.recv(65536):
            chunks.append(chunk)
    return b"".join(chunks)


@pytest.fixture
def server():
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield httpd
    httpd.shutdown()


def test_the_relay_passes_the_body_unchanged_and_counts_headers_and_body(server):
    tap = WireTap(server.server_address[1]).start()
    request = b"GET /x HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n"
    try:
        received = exchange(tap.port, request)
        assert received.endswith(b"\r\n\r\n" + BODY)
        assert tap.reset() == (len(received), len(request))
        assert tap.reset() == (0, 0)
    finally:
        tap.stop()


def test_a_relay_to_a_closed_port_closes_the_connection_without_counting(server):
    tap = WireTap(1).start()
    try:
        assert exchange(tap.port, b"GET / HTTP/1.0\r\n\r\n") == b""
        assert tap.downstream == 0
    finally:
        tap.stop()
