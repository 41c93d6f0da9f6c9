"""Speak Streamlit's browser WebSocket protocol without a browser (benchmarks/capacity.py and its smoke test use it).

What the front end of Streamlit 1.67 does, and so what StreamlitSession does (read from the shipped bundle,
static/js/index.*.js, and the server's web/server/starlette/starlette_websocket.py):
- before connecting it pings GET /_stcore/health, whose answer sets the `_streamlit_xsrf` cookie when XSRF
  protection is on;
- it opens ws(s)://HOST/BASE/_stcore/stream with the subprotocols ["streamlit", <xsrf cookie value, or
  "PLACEHOLDER_AUTH_TOKEN">, <last session id, on a reconnect>]; the browser adds the cookie and an Origin header;
- each script run is asked for with a BackMsg rerun_script (ClientState): the query string without its "?", the
  widget states, the page's script hash ("" and the page name from the URL path on the first run; the current
  page's hash afterwards), the hashes of the cacheable messages it keeps, and the context (time zone, locale, URL);
- the server answers with ForwardMsgs: new_session (tagged with the run's script_run_id), deltas, then
  script_finished (same script_run_id). Cacheable deltas the client said it keeps come back as ref_hash only;
  the client drops what it has not used for max_cached_message_age runs.

The one thing this client does not imitate is the widget manager: it sends no widget states (a browser sends the
values it holds), so a run sees the values the server kept from the previous run.
"""

from __future__ import annotations

import asyncio
import time
import urllib.request
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from urllib.parse import urlsplit, urlunsplit

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import WebSocketException

XSRF_COOKIE = "_streamlit_xsrf"
# What the front end sends in the token slot when it has no XSRF cookie (XSRF protection off).
PLACEHOLDER_TOKEN = "PLACEHOLDER_AUTH_TOKEN"
FINISHED_SUCCESSFULLY = ForwardMsg.ScriptFinishedStatus.FINISHED_SUCCESSFULLY
STATUS_NAMES = {value: name for name, value in ForwardMsg.ScriptFinishedStatus.items()}
# The server's default (global.maxCachedMessageAge) until a new_session says otherwise.
DEFAULT_MAX_CACHED_AGE = 2


def rerun_message(
    query_string: str,
    page_script_hash: str = "",
    page_name: str = "",
    cached_message_hashes: list[str] | tuple[str, ...] = (),
    url: str = "",
) -> bytes:
    """A serialised BackMsg rerun_script, as the front end sends it (query string without its leading '?')."""
    message = BackMsg()
    state = message.rerun_script
    state.query_string = query_string.removeprefix("?")
    state.page_script_hash = page_script_hash
    state.page_name = page_name
    state.is_auto_rerun = False
    state.cached_message_hashes.extend(cached_message_hashes)
    state.context_info.timezone = "Asia/Shanghai"
    state.context_info.timezone_offset = -480
    state.context_info.locale = "en-US"
    state.context_info.url = url
    state.context_info.is_embedded = False
    state.context_info.color_scheme = "light"
    # An empty WidgetStates, present as in every front-end rerun.
    state.widget_states.SetInParent()
    return message.SerializeToString()


@dataclass
class MessageCache:
    """The front end's ForwardMsg cache: cacheable messages by hash, dropped when unused for max_age runs."""

    max_age: int = DEFAULT_MAX_CACHED_AGE
    run_count: int = 0
    entries: dict[str, tuple[bytes, int]] = field(default_factory=dict)

    def hashes(self) -> list[str]:
        """What a rerun request says the client keeps."""
        return list(self.entries)

    def resolve(self, message: ForwardMsg, payload: bytes) -> tuple[ForwardMsg, bytes]:
        """Keep a cacheable message, or replace a ref_hash by the message it refers to (KeyError on a miss)."""
        if message.WhichOneof("type") == "ref_hash":
            cached, _ = self.entries[message.ref_hash]
            self.entries[message.ref_hash] = (cached, self.run_count)
            return ForwardMsg.FromString(cached), cached
        if message.metadata.cacheable and message.hash and message.hash not in self.entries:
            self.entries[message.hash] = (payload, self.run_count)
        return message, payload

    def finish_run(self) -> None:
        """Age every entry by one run and drop those older than max_age (the front end's rule)."""
        self.run_count += 1
        self.entries = {h: e for h, e in self.entries.items() if self.run_count - e[1] <= self.max_age}


@dataclass
class Run:
    """One script run as the client saw it: from the new_session that opened it to its script_finished."""

    script_run_id: str = ""
    page_script_hash: str = ""
    status: int | None = None
    finished_run_id: str = ""
    deltas: int = 0
    reference_deltas: int = 0
    exceptions: list[str] = field(default_factory=list)
    texts: list[bytes] = field(default_factory=list)

    def contains(self, marker: str) -> bool:
        """Whether any delta of the run carries this text (UTF-8 bytes of the serialised element)."""
        needle = marker.encode("utf-8")
        return any(needle in text for text in self.texts)

    def problem(self, previous_run_ids: set[str]) -> str | None:
        """Why this is not a complete, fresh, successful run, or None when it is."""
        if not self.script_run_id:
            return "no new_session: the server did not start a run"
        if self.script_run_id in previous_run_ids:
            return f"run {self.script_run_id} was reported before: not a fresh run"
        if self.status is None:
            return "no script_finished"
        if self.status != FINISHED_SUCCESSFULLY:
            return f"script_finished {STATUS_NAMES.get(self.status, self.status)}"
        if self.finished_run_id and self.finished_run_id != self.script_run_id:
            return f"script_finished for run {self.finished_run_id}, started {self.script_run_id}"
        if self.exceptions:
            return "exception: " + self.exceptions[0][:200]
        if self.deltas == 0:
            return "the run drew nothing"
        return None


class RunReader:
    """Folds the ForwardMsgs of one rerun into a Run; says when the run has finished."""

    def __init__(self, cache: MessageCache):
        self.cache = cache
        self.run = Run()
        self.navigation_hash = ""

    def feed(self, payload: bytes) -> bool:
        """Read one ForwardMsg; True once the run's script_finished has arrived. Raises KeyError on a cache miss."""
        message = ForwardMsg.FromString(payload)
        run = self.run
        kind = message.WhichOneof("type")
        if kind == "new_session":
            # A new_session starts the run this request asked for; anything before it belongs to an earlier run.
            self.run = Run(
                script_run_id=message.metadata.run.script_run_id,
                page_script_hash=message.new_session.page_script_hash,
            )
            config_age = message.new_session.config.max_cached_message_age
            self.cache.max_age = config_age if config_age > 0 else DEFAULT_MAX_CACHED_AGE
            return False
        if not run.script_run_id:
            return False
        if kind in ("delta", "ref_hash"):
            run.deltas += 1
            run.reference_deltas += kind == "ref_hash"
            message, payload = self.cache.resolve(message, payload)
            run.texts.append(payload)
            element = message.delta.new_element
            if message.delta.WhichOneof("type") == "new_element" and element.WhichOneof("type") == "exception":
                run.exceptions.append(f"{element.exception.type}: {element.exception.message}")
        elif kind == "navigation":
            self.navigation_hash = message.navigation.page_script_hash
        elif kind == "script_finished":
            run.status = message.script_finished
            run.finished_run_id = message.metadata.run.script_run_id
            # The front end ages its cache on every finished run except one cut short by a newer request.
            if run.status != ForwardMsg.ScriptFinishedStatus.FINISHED_EARLY_FOR_RERUN:
                self.cache.finish_run()
            return True
        return False


def stream_url(base_url: str) -> str:
    """The WebSocket URL of a Streamlit server's base URL (http -> ws, https -> wss, base path kept)."""
    parts = urlsplit(base_url)
    scheme = {"http": "ws", "https": "wss"}[parts.scheme]
    return urlunsplit((scheme, parts.netloc, parts.path.rstrip("/") + "/_stcore/stream", "", ""))


def xsrf_cookie(base_url: str, timeout: float = 30.0) -> str | None:
    """GET /_stcore/health, as the front end does before connecting; the XSRF cookie it sets, if any."""
    with urllib.request.urlopen(base_url.rstrip("/") + "/_stcore/health", timeout=timeout) as response:
        headers = response.headers.get_all("Set-Cookie") or []
    for header in headers:
        cookie = SimpleCookie()
        # The value has '|' in it, which SimpleCookie keeps; the attributes after ';' are dropped.
        cookie.load(header.split(";", 1)[0])
        if XSRF_COOKIE in cookie:
            return cookie[XSRF_COOKIE].value
    return None


class SessionLost(Exception):
    """The WebSocket closed or failed while a run was expected."""


@dataclass
class Timed:
    """A run, how long it took from sending the request to its script_finished, and what was wrong with it."""

    run: Run
    latency_s: float
    problem: str | None = None


class StreamlitSession:
    """One simulated browser tab: a WebSocket session that asks for script runs by query string."""

    def __init__(self, base_url: str, connection: ClientConnection, cache: MessageCache):
        self.base_url = base_url.rstrip("/")
        self.connection = connection
        self.cache = cache
        self.page_script_hash = ""
        self.run_ids: set[str] = set()

    @classmethod
    async def open(cls, base_url: str, open_timeout: float = 60.0) -> StreamlitSession:
        """Ping health for the XSRF cookie, then open the WebSocket as the front end does."""
        token = await asyncio.to_thread(xsrf_cookie, base_url, open_timeout)
        parts = urlsplit(base_url)
        headers = {"Cookie": f"{XSRF_COOKIE}={token}"} if token else {}
        try:
            connection = await connect(
                stream_url(base_url),
                subprotocols=["streamlit", token or PLACEHOLDER_TOKEN],
                origin=f"{parts.scheme}://{parts.netloc}",
                additional_headers=headers,
                open_timeout=open_timeout,
                # Browsers send no pings; a client ping unanswered under load would close a session a browser keeps.
                ping_interval=None,
                max_size=None,
            )
        except WebSocketException as error:
            raise SessionLost(f"handshake failed: {error}") from error
        return cls(base_url, connection, MessageCache())

    async def rerun(self, query_string: str, timeout: float = 60.0) -> Timed:
        """Ask for a run with this query string; wait for its script_finished. Raises SessionLost or TimeoutError."""
        # The page name is the URL path below the base; the landing page's is "" (and once the session knows
        # its page's hash, the front end sends that and an empty name).
        request = rerun_message(
            query_string,
            page_script_hash=self.page_script_hash,
            page_name="",
            cached_message_hashes=self.cache.hashes(),
            url=f"{self.base_url}/?{query_string}" if query_string else f"{self.base_url}/",
        )
        reader = RunReader(self.cache)
        sent_at = time.perf_counter()
        try:
            await self.connection.send(request)
            async with asyncio.timeout(timeout):
                while not reader.feed(await self.connection.recv()):
                    pass
        except TimeoutError:
            raise
        except (OSError, WebSocketException) as error:
            raise SessionLost(f"{type(error).__name__}: {error}") from error
        except KeyError as error:
            # The front end cannot draw a page whose cached element it lost either ("Cached ForwardMsg MISS").
            raise SessionLost(f"ref_hash {error} is not in the client's cache") from error
        latency = time.perf_counter() - sent_at
        run = reader.run
        problem = run.problem(self.run_ids)
        self.run_ids.add(run.script_run_id)
        self.page_script_hash = reader.navigation_hash or run.page_script_hash or self.page_script_hash
        return Timed(run=run, latency_s=latency, problem=problem)

    async def close(self) -> None:
        """Close the WebSocket (the server keeps the session for server.disconnectedSessionTTL)."""
        await self.connection.close()
