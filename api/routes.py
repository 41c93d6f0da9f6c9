"""The read-only data API over HTTP: Starlette routes that dashboard.py mounts with `st.App(routes=...)`.

GET or HEAD <app>/api/v1/datapackage.json, <app>/api/v1/<table>.csv and <app>/api/v1/<table>.json (README,
"Open data"). The answers come from gdclusters.api; this module adds what is HTTP: GET and HEAD only (405
otherwise), a strong ETag with If-None-Match (304), Cache-Control, an open CORS header, a 503 naming the
problems when the data folder does not validate, and a JSON body for every error. Responses are plain
Starlette responses with a known length, so the compression middleware (serve/) encodes and caches them.

Nothing heavy is imported until the first request: the server imports dashboard.py, and this module, before
it answers anyone.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route
from starlette.types import Receive, Scope, Send
from streamlit.logger import get_logger

if TYPE_CHECKING:
    from gdclusters.dataset import Dataset

API_VERSION = "/v1"
API_PREFIX = "/api" + API_VERSION
ALLOWED_METHODS = ("GET", "HEAD")
# Five minutes: the data change rarely, and a client can always revalidate with If-None-Match (304).
CACHE_CONTROL = "public, max-age=300"
# Public data: any site may read it. nosniff: a body is never taken for another type (HTML) by a browser.
COMMON_HEADERS = {
    "Access-Control-Allow-Origin": "*",
    # A script on another site may read the ETag, to revalidate with If-None-Match.
    "Access-Control-Expose-Headers": "ETag",
    "X-Content-Type-Options": "nosniff",
}
# At most this many validation problems are listed in a 503 (the server log and `make validate` list all).
LISTED_PROBLEMS = 20
LOG = get_logger("gdclusters.api")

Loader = Callable[[], "Dataset"]


def dashboard_dataset() -> Dataset:
    """The dataset the pages read: ui/loading.py's cache, filled by the warm start, reloaded when files change."""
    from ui import loading

    return loading.dataset()


def api_prefix(base_url_path: str | None = None) -> str:
    """/api/v1 under the server's base URL path (server.baseUrlPath, read from Streamlit's config when None)."""
    if base_url_path is None:
        from streamlit import config

        base_url_path = config.get_option("server.baseUrlPath") or ""
    base = base_url_path.strip("/")
    return f"/{base}{API_PREFIX}" if base else API_PREFIX


def api_routes(load: Loader | None = None, base_url_path: str | None = None) -> list[BaseRoute]:
    """The API's routes: the endpoints, then a JSON 404 for any other path under the prefix, and one for any
    path under /api/ outside it (/api/v2/…, /api/metrics.csv), so that a client never gets the app's HTML page
    with a 200 for a mistyped API address.

    Each endpoint is an ASGI app, not a function, so that Starlette routes every method to it (a function
    endpoint would get Starlette's plain-text 405) and the handler answers with a JSON 405 itself.
    """
    prefix = api_prefix(base_url_path)
    api_root = prefix.removesuffix(API_VERSION)
    handler = _Handler(load or dashboard_dataset, prefix)
    return [
        Route(f"{prefix}/{{name}}", _Endpoint(handler.answer)),
        Route(f"{prefix}/{{rest:path}}", _Endpoint(handler.not_found)),
        Route(prefix, _Endpoint(handler.not_found)),
        Route(f"{api_root}/{{rest:path}}", _Endpoint(handler.no_such_version)),
        Route(api_root, _Endpoint(handler.no_such_version)),
    ]


class _Endpoint:
    """An ASGI app around a blocking handler: it runs in the thread pool (loading the dataset can take a second)."""

    def __init__(self, handle: Callable[[Request], Response]):
        self.handle = handle

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        response = await run_in_threadpool(self.handle, Request(scope, receive))
        await response(scope, receive, send)


def _json(status: int, body: bytes, headers: dict[str, str] | None = None) -> Response:
    """An error response: the JSON body, never cached, readable from any origin."""
    return Response(
        body,
        status_code=status,
        media_type="application/json",
        headers={**COMMON_HEADERS, "Cache-Control": "no-store", **(headers or {})},
    )


def _error(status: int, message: str, headers: dict[str, str] | None = None, **details: object) -> Response:
    """An error response with {"error": {"status", "message", ...details}}."""
    from gdclusters.api import error_reply

    return _json(status, error_reply(status, message, **details).body, headers)


def _matches(if_none_match: str, etag: str) -> bool:
    """Whether an If-None-Match header names this ETag (weak comparison, RFC 9110 13.1.2) or is '*'."""
    tags = [tag.strip() for tag in if_none_match.split(",")]
    return "*" in tags or etag.removeprefix("W/") in {tag.removeprefix("W/") for tag in tags}


class _Handler:
    """The endpoints, bound to the function that loads the dataset."""

    def __init__(self, load: Loader, prefix: str = API_PREFIX):
        self.load = load
        self.prefix = prefix

    def not_found(self, request: Request) -> Response:
        """Any other path under the prefix."""
        if request.method not in ALLOWED_METHODS:
            return self._not_allowed()
        return _error(404, "No such endpoint. Start from datapackage.json, which lists every table.")

    def no_such_version(self, request: Request) -> Response:
        """A path under /api/ that is not under the prefix: another version, or a missing one."""
        if request.method not in ALLOWED_METHODS:
            return self._not_allowed()
        return _error(
            404, f"No such API address. The API is {self.prefix}/; start from {self.prefix}/datapackage.json."
        )

    def answer(self, request: Request) -> Response:
        """One endpoint: the descriptor, or a table as CSV or JSON."""
        if request.method not in ALLOWED_METHODS:
            return self._not_allowed()
        try:
            return self._answer(request)
        except Exception:
            LOG.exception("api: %s failed", request.url.path)
            return _error(500, "The server could not answer this request; its log has the details.")

    def _answer(self, request: Request) -> Response:
        from gdclusters.api import ApiError, prepare
        from gdclusters.dataset import DataError

        try:
            ds = self.load()
        except DataError as error:
            problems = [str(issue) for issue in error.issues[:LISTED_PROBLEMS]]
            LOG.warning("api: the data folder did not validate (%d problems)", len(error.issues))
            return _error(
                503,
                f"The data folder did not validate ({len(error.issues)} problems); the API is back once it does.",
                problems=problems,
            )
        try:
            prepared = prepare(ds, request.path_params["name"], request.query_params.multi_items())
        except ApiError as error:
            return _error(error.status, error.message)
        headers = {**COMMON_HEADERS, "ETag": prepared.etag, "Cache-Control": CACHE_CONTROL}
        if _matches(request.headers.get("if-none-match", ""), prepared.etag):
            return Response(status_code=304, headers=headers)
        reply = prepared.reply()
        if request.method == "HEAD":
            headers["Content-Length"] = str(len(reply.body))
            return Response(b"", media_type=reply.media_type, headers=headers)
        return Response(reply.body, media_type=reply.media_type, headers=headers)

    @staticmethod
    def _not_allowed() -> Response:
        return _error(405, "This API is read-only: use GET or HEAD.", headers={"Allow": ", ".join(ALLOWED_METHODS)})
