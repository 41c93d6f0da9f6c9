"""The API over HTTP (api/routes.py), through its Starlette routes in process: every endpoint in both formats,
the headers (CORS, ETag, Cache-Control), conditional and HEAD requests, and everything that must be refused."""

import gzip
import hashlib
import json
import shutil
from pathlib import Path
from urllib.parse import quote

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from starlette.applications import Starlette

from api import api_routes
from gdclusters import api
from gdclusters.dataset import load_dataset
from gdclusters.paths import DATA_DIR, REPO_ROOT
from serve import compression_middleware
from tests.support.asgi import request
from tests.support.release import RELEASE

TABLES = [r["name"] for r in json.loads((DATA_DIR / "datapackage.json").read_text(encoding="utf-8"))["resources"]]
ENDPOINTS = ["datapackage.json", *(f"{table}.{fmt}" for table in TABLES for fmt in ("csv", "json"))]


@pytest.fixture(scope="module")
def ds():
    return load_dataset()


@pytest.fixture(scope="module")
def app(ds):
    return Starlette(routes=api_routes(lambda: ds, ""))


def data_state() -> str:
    """A digest of every file in data/: proves a request wrote nothing."""
    digest = hashlib.sha256()
    for path in sorted(DATA_DIR.iterdir()):
        digest.update(path.name.encode() + path.read_bytes())
    return digest.hexdigest()


def assert_open_and_typed(reply, media_type: str) -> None:
    assert reply.headers["access-control-allow-origin"] == "*"
    assert reply.headers["x-content-type-options"] == "nosniff"
    assert reply.headers["content-type"] == media_type


def error_of(reply) -> dict:
    assert_open_and_typed(reply, "application/json")
    assert reply.headers["cache-control"] == "no-store"
    return json.loads(reply.body)["error"]


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_every_endpoint_answers_get_with_cacheable_open_bytes(app, ds, endpoint):
    reply = request(app, f"/api/v1/{endpoint}")
    assert reply.status == 200
    expected = api.respond(ds, endpoint, [])
    assert reply.body == expected.body
    assert_open_and_typed(reply, expected.media_type)
    assert reply.headers["cache-control"] == "public, max-age=300"
    assert reply.headers["etag"] == api.prepare(ds, endpoint, []).etag
    assert reply.headers["etag"].startswith(f'"{RELEASE}-'), "the tag names the data release"
    assert int(reply.headers["content-length"]) == len(reply.body)


def test_filters_in_the_query_reach_the_rows(app, ds):
    reply = request(app, "/api/v1/cluster_cities.json?cluster=automobiles&city=440300&city=440100")
    rows = json.loads(reply.body)["data"]
    expected = api.select_rows(ds, "cluster_cities", ("automobiles",), ("440300", "440100"))
    assert reply.status == 200 and len(rows) == len(expected) > 0
    assert {(r["cluster_id"], r["adcode"]) for r in rows} == set(
        zip(expected["cluster_id"], expected["adcode"], strict=True)
    )
    assert {r["adcode"] for r in rows} <= {"440300", "440100"}


def test_head_sends_the_headers_of_get_without_a_body(app):
    got = request(app, "/api/v1/metrics.csv?cluster=automobiles")
    head = request(app, "/api/v1/metrics.csv?cluster=automobiles", method="HEAD")
    assert head.status == 200 and head.body == b""
    for name in ("etag", "content-type", "content-length", "cache-control", "access-control-allow-origin"):
        assert head.headers[name] == got.headers[name], name


@pytest.mark.parametrize("form", ["{tag}", "W/{tag}", '"other", {tag}', "*"])
def test_a_matching_if_none_match_gets_an_empty_304(app, form):
    tag = request(app, "/api/v1/targets.json").headers["etag"]
    reply = request(app, "/api/v1/targets.json", headers={"If-None-Match": form.format(tag=tag)})
    assert reply.status == 304 and reply.body == b""
    assert reply.headers["etag"] == tag and reply.headers["access-control-allow-origin"] == "*"


def test_another_tag_or_another_filter_gets_the_full_body(app):
    tag = request(app, "/api/v1/targets.json").headers["etag"]
    assert request(app, "/api/v1/targets.json", headers={"If-None-Match": '"2026.12.0-0"'}).status == 200
    filtered = request(app, "/api/v1/targets.json?cluster=automobiles", headers={"If-None-Match": tag})
    assert filtered.status == 200 and filtered.headers["etag"] != tag


@pytest.mark.parametrize("method", ["POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE", "PROPFIND"])
@pytest.mark.parametrize("path", ["/api/v1/metrics.csv", "/api/v1/datapackage.json", "/api/v1/new_table.json"])
def test_nothing_can_be_written(app, method, path):
    before = data_state()
    reply = request(app, path, method=method)
    assert reply.status == 405 and reply.headers["allow"] == "GET, HEAD"
    assert error_of(reply)["status"] == 405
    assert data_state() == before


@pytest.mark.parametrize(
    "target",
    [
        "/api/v1/README.md",
        "/api/v1/README.csv",
        "/api/v1/IMPORT-2026-12.json",
        "/api/v1/CHANGELOG.md",
        "/api/v1/../README.md",
        "/api/v1/../../pyproject.toml",
        "/api/v1/%2e%2e/README.md",
        "/api/v1/%2e%2e%2f%2e%2e%2fpyproject.toml",
        "/api/v1/..%2f..%2fetc%2fpasswd",
        "/api/v1/..%5c..%5cpyproject.toml",
        "/api/v1/..\\..\\pyproject.toml",
        "/api/v1//etc/passwd",
        "/api/v1/%2fetc%2fpasswd",
        "/api/v1/C:%5cWindows%5cwin.ini",
        "/api/v1/metrics.csv%00.md",
        "/api/v1/data/metrics.csv",
        "/api/v1/metrics.csv/",
        "/api/v1/",
        "/api/v1",
    ],
)
def test_no_path_reaches_a_file(app, target):
    reply = request(app, target)
    assert reply.status == 404
    assert error_of(reply)["status"] == 404
    for secret in (b"root:", b"[project]", b"# The cluster dataset", b"[figures-2026.csv"):
        assert secret not in reply.body


@pytest.mark.parametrize("target", ["/api/v2/metrics.csv", "/api/metrics.csv", "/api/", "/api", "/api/v0/x/y.json"])
def test_an_address_under_api_outside_v1_is_a_json_404_pointing_at_v1(app, target):
    # Not the app's HTML page with a 200, which pandas would try to parse as CSV.
    error = error_of(request(app, target))
    assert error["status"] == 404 and "/api/v1/datapackage.json" in error["message"]


def test_a_script_on_another_site_may_read_the_etag(app):
    reply = request(app, "/api/v1/clusters.json")
    assert "etag" in {h.strip().lower() for h in reply.headers["access-control-expose-headers"].split(",")}


def test_an_unknown_table_is_a_json_404_and_a_bad_id_a_json_400_that_names_the_parameter(app):
    missing = error_of(request(app, "/api/v1/no_such_table.csv"))
    assert missing["status"] == 404 and "metrics" in missing["message"]
    bad = request(app, "/api/v1/metrics.json?city=" + quote("<img src=x onerror=alert(1)>"))
    assert bad.status == 400
    error = error_of(bad)
    assert "'city'" in error["message"] and "<img" in error["message"], "the value is quoted, as text"
    assert b"<img" not in bad.body and b"<" not in bad.body, "never raw markup in the body"
    unknown = error_of(request(app, "/api/v1/metrics.json?cluster=automobiles&format=xml"))
    assert unknown["status"] == 400 and "'format'" in unknown["message"]


def test_more_than_25_values_is_a_400(app):
    query = "&".join(["cluster=automobiles"] * 26)
    error = error_of(request(app, f"/api/v1/metrics.csv?{query}"))
    assert error["status"] == 400 and "'cluster'" in error["message"] and "25" in error["message"]
    assert request(app, "/api/v1/metrics.csv?" + "&".join(["cluster=automobiles"] * 25)).status == 200


@settings(max_examples=60, deadline=None)
@given(query=st.lists(st.tuples(st.text(max_size=12), st.text(max_size=30)), max_size=4))
def test_any_query_is_answered_or_refused_in_json_never_with_a_500(app, query):
    target = "/api/v1/clusters.json?" + "&".join(f"{quote(k, safe='')}={quote(v, safe='')}" for k, v in query)
    reply = request(app, target)
    assert reply.status in (200, 400), reply.body
    body = json.loads(reply.body)
    assert ("data" in body) == (reply.status == 200)
    assert b"<" not in reply.body and b">" not in reply.body


def test_the_routes_sit_under_the_server_base_path(ds):
    app = Starlette(routes=api_routes(lambda: ds, "/clusters/"))
    assert request(app, "/clusters/api/v1/clusters.csv").status == 200
    assert request(app, "/api/v1/clusters.csv").status == 404
    assert "/clusters/api/v1/" in error_of(request(app, "/clusters/api/v2/clusters.csv"))["message"]


@pytest.fixture
def broken_copy(tmp_path) -> Path:
    folder = tmp_path / "data"
    shutil.copytree(DATA_DIR, folder)
    (folder / "metrics.csv").unlink()
    return folder


def test_a_broken_data_folder_is_a_503_naming_the_problem_not_a_traceback(broken_copy):
    app = Starlette(routes=api_routes(lambda: load_dataset(broken_copy), ""))
    reply = request(app, "/api/v1/clusters.json")
    assert reply.status == 503
    error = error_of(reply)
    assert any(problem.startswith("metrics.csv") and "missing" in problem for problem in error["problems"])
    assert "Traceback" not in reply.body.decode()


def test_the_default_loader_is_the_dashboard_cache_and_follows_the_data_folder(broken_copy, monkeypatch):
    app = Starlette(routes=api_routes(base_url_path=""))
    monkeypatch.setenv("GDC_DATA_DIR", str(broken_copy))
    assert request(app, "/api/v1/clusters.json").status == 503
    shutil.copy(DATA_DIR / "metrics.csv", broken_copy / "metrics.csv")
    reply = request(app, "/api/v1/metrics.json?cluster=automobiles")
    assert reply.status == 200, "the repaired folder is read again (the cache is keyed on the files)"
    assert json.loads(reply.body)["version"] == RELEASE


def test_an_unexpected_failure_is_a_json_500_without_details():
    def explode():
        raise RuntimeError("disk on fire")

    app = Starlette(routes=api_routes(explode, ""))
    reply = request(app, "/api/v1/clusters.json")
    assert reply.status == 500 and "disk on fire" not in reply.body.decode()
    assert error_of(reply)["status"] == 500


def test_the_compression_middleware_encodes_and_revalidates_the_api(ds):
    app = Starlette(routes=api_routes(lambda: ds, ""), middleware=compression_middleware())
    plain = request(app, "/api/v1/metrics.csv")
    packed = request(app, "/api/v1/metrics.csv", headers={"Accept-Encoding": "gzip"})
    assert packed.headers["content-encoding"] == "gzip" and "content-encoding" not in plain.headers
    assert gzip.decompress(packed.body) == plain.body and len(packed.body) < len(plain.body) / 3
    assert packed.headers["etag"] == "W/" + plain.headers["etag"]
    again = request(
        app, "/api/v1/metrics.csv", headers={"Accept-Encoding": "gzip", "If-None-Match": packed.headers["etag"]}
    )
    assert again.status == 304


def test_dashboard_py_mounts_the_routes_in_its_st_app():
    source = (REPO_ROOT / "dashboard.py").read_text(encoding="utf-8")
    assert "routes=api_routes()" in source and "from api import api_routes" in source
