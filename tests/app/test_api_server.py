"""The data API on a real server: `streamlit run dashboard.py` answers /api/v1/ beside the dashboard, compressed,
cacheable and open, refuses writes and traversal, and the control's pandas and R lines read it as copied."""

from __future__ import annotations

import gzip
import http.client
import json
import shutil
import subprocess
import urllib.error
import urllib.request

import brotli
import pytest

from gdclusters import api
from gdclusters.dataset import load_dataset
from tests.support.release import RELEASE
from tests.support.server import Server

pytestmark = pytest.mark.server


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    running = Server("dashboard.py", tmp_path_factory.mktemp("api-server") / "server.log").start()
    try:
        running.wait_ready()
        yield running
    finally:
        running.stop()


@pytest.fixture(scope="module")
def ds():
    return load_dataset()


def fetch(url: str, headers: dict[str, str] | None = None, method: str = "GET") -> tuple[int, dict[str, str], bytes]:
    """(status, headers with lower-case names, body as sent); urllib decodes nothing."""
    req = urllib.request.Request(url, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(req, timeout=60) as response:
            return response.status, {k.lower(): v for k, v in response.headers.items()}, response.read()
    except urllib.error.HTTPError as error:
        return error.code, {k.lower(): v for k, v in error.headers.items()}, error.read()


def raw_status(server: Server, target: str) -> tuple[int, bytes]:
    """Send a request line exactly as written (no client-side normalisation of .. or %2e)."""
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
    connection.putrequest("GET", target, skip_accept_encoding=True)
    connection.endheaders()
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response.status, body


def test_every_endpoint_is_served_compressed_cacheable_and_open(server, ds):
    names = ["datapackage.json", *(f"{t}.{f}" for t in api.table_names(ds) for f in api.FORMATS)]
    for name in names:
        status, headers, body = fetch(f"{server.url}/api/v1/{name}", {"Accept-Encoding": "gzip"})
        assert status == 200, (name, body[:200])
        assert headers["access-control-allow-origin"] == "*"
        assert headers["cache-control"] == "public, max-age=300"
        assert headers["etag"].startswith(f'W/"{RELEASE}-'), "an encoded variant carries a weak tag"
        assert headers.get("content-encoding") == "gzip", name
        assert gzip.decompress(body) == api.respond(ds, name, []).body, name
    assert "Traceback" not in server.log()


def test_brotli_304_and_filters_on_the_real_server(server, ds):
    url = f"{server.url}/api/v1/metrics.json?cluster=automobiles&city=440100"
    status, headers, body = fetch(url, {"Accept-Encoding": "br"})
    assert status == 200 and headers["content-encoding"] == "br"
    expected = api.respond(ds, "metrics.json", [("cluster", "automobiles"), ("city", "440100")]).body
    assert brotli.decompress(body) == expected
    again, again_headers, again_body = fetch(url, {"Accept-Encoding": "br", "If-None-Match": headers["etag"]})
    assert again == 304 and again_body == b"" and again_headers["access-control-allow-origin"] == "*"
    plain_status, plain_headers, plain_body = fetch(url)
    assert plain_status == 200 and "content-encoding" not in plain_headers and plain_body == expected


def test_the_real_server_refuses_writes_and_unknown_tables_in_json(server):
    for method in ("POST", "PUT", "DELETE"):
        status, headers, body = fetch(f"{server.url}/api/v1/metrics.csv", method=method)
        assert status == 405 and headers["allow"] == "GET, HEAD"
        assert json.loads(body)["error"]["status"] == 405
    status, headers, body = fetch(f"{server.url}/api/v1/README.csv")
    assert status == 404 and headers["content-type"] == "application/json"
    status, _, body = fetch(f"{server.url}/api/v1/metrics.csv?cluster=%3Cscript%3E")
    assert status == 400 and b"<script>" not in body and b"'cluster'" in body


@pytest.mark.parametrize(
    "target",
    [
        "/api/v1/../README.md",
        "/api/v1/../../pyproject.toml",
        "/api/v1/%2e%2e/%2e%2e/pyproject.toml",
        "/api/v1/..%2f..%2fpyproject.toml",
        "/api/v1/..%5c..%5cpyproject.toml",
        "/api/v1/..\\..\\pyproject.toml",
        "/api/v1//etc/passwd",
        "/api/v1/%2fetc%2fpasswd",
        "/api/v1/README.md",
        "/api/v1/IMPORT-2026-12.csv",
    ],
)
def test_no_request_reaches_a_file_outside_the_tables(server, target):
    status, body = raw_status(server, target)
    assert status in (400, 404), (target, status)
    for secret in (b"root:", b"[project]", b"# The cluster dataset", b"[figures-2026.csv"):
        assert secret not in body


def test_the_pandas_line_works_against_the_server(server, ds):
    csv_url = f"{server.url}/api/v1/cluster_cities.csv?cluster=automobiles&city=440300&city=440100"
    namespace: dict = {}
    exec(api.pandas_snippet(csv_url, api.text_id_columns(ds, "cluster_cities")), namespace)
    expected = api.select_rows(ds, "cluster_cities", ("automobiles",), ("440300", "440100"))
    assert list(namespace["df"]["adcode"]) == list(expected["adcode"]) and len(expected) > 0
    assert list(namespace["df"].columns) == list(expected.columns)


def test_the_r_line_works_against_the_server(server, ds, tmp_path):
    rscript = shutil.which("Rscript")
    if rscript is None:
        pytest.skip("Rscript is not installed (apt-get install r-base-core)")
    csv_url = f"{server.url}/api/v1/targets.csv?cluster=automobiles"
    out = tmp_path / "out.json"
    script = (
        f'{api.r_snippet(csv_url, api.text_id_columns(ds, "targets"))}; writeLines(as.character(nrow(df)), "{out}")'
    )
    subprocess.run([rscript, "-e", script], check=True, capture_output=True, timeout=120)
    assert int(out.read_text().strip()) == len(api.select_rows(ds, "targets", ("automobiles",), ())) > 0
