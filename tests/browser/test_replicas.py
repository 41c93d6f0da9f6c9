"""Two replicas behind nginx (deploy/replicas.py, as `make serve-replicas` runs it) survive the death of one.

The launcher runs as a subprocess on free ports. Each browser session is its own context, so it has its own
route cookie; a session's replica is the last address in nginx's X-Upstream header on a request carrying that
cookie. The first session takes the cookie nginx gives it; the second is given a cookie that nginx hashes to the
other replica (found by asking nginx for fresh cookies), so both replicas are covered without opening browser
sessions at random. Then the first session's replica gets SIGKILL.

Streamlit's front end (since 1.37, streamlit/streamlit#9083) reruns after a reconnect only when the disconnect
cut a run short: a session moved to the other replica keeps showing its last view, but its server-side session is
new and empty until a run, so its next click acts on defaults (a page switch drops the filters, a filter change is
replaced by the URL's). test_a_moved_session_reruns_at_once records that gap; a reload recovers the session.
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import threading
import urllib.error
import urllib.request
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from deploy.replicas import find_nginx
from gdclusters.i18n import t
from tests.browser.conftest import VIEWPORT
from tests.browser.test_journeys import CITY, pick, query, selected_tag, sidebar_multiselect
from tests.support.browser import INIT_SCRIPT, finished_count, is_local, wait_for_rerun
from tests.support.journeys import EXCEPTION, ROOT
from tests.support.server import free_port
from tests.support.tls import openssl, self_signed_certificate

pytestmark = [pytest.mark.browser, pytest.mark.server]

START_TIMEOUT_S = 90
ROUTE_COOKIE = "gdc_route"
# Counts the page's websockets that opened and closed (a reconnect opens a second one).
SOCKET_PROBE = """(() => {
  const sockets = {opened: 0, closed: 0};
  window.__gdcSockets = sockets;
  const Base = window.WebSocket;
  window.WebSocket = class extends Base {
    constructor(...args) {
      super(...args);
      this.addEventListener('open', () => { sockets.opened += 1; });
      this.addEventListener('close', () => { sockets.closed += 1; });
    }
  };
})();"""
CONNECTED = '[data-testid="stApp"][data-test-connection-state="CONNECTED"]'


@dataclass
class Replicas:
    """The launcher's process and what its state.json says: nginx's URL, the replicas' addresses and pids."""

    launcher: subprocess.Popen
    url: str
    pids: dict[str, int]
    nginx_pid: int
    access_log: Path


def free_ports(count: int) -> list[int]:
    """count distinct free loopback ports."""
    ports: list[int] = []
    while len(ports) < count:
        port = free_port()
        if port not in ports:
            ports.append(port)
    return ports


def require(program: str, found: str | None) -> str:
    """found, or skip (locally) / fail (CI) naming the Debian package to install."""
    if found is None:
        reason = f"{program} not found on PATH or in /usr/sbin (apt-get install {program})"
        if os.environ.get("CI") == "true":
            pytest.fail(f"the replica tests cannot run in CI: {reason}")
        pytest.skip(reason)
    return found


def launch(tmp_path: Path, count: int, tls: list[str] | None = None) -> Replicas:
    """Start `python -m deploy.replicas` with count replicas (and --tls-cert/--tls-key options) and wait for its
    state.json; the caller stops it (stop_launcher)."""
    require("nginx", find_nginx())
    listen, *replica_ports = free_ports(count + 1)
    run_dir = tmp_path / "run"
    log_path = tmp_path / "launcher.log"
    command = [sys.executable, "-m", "deploy.replicas", "--replicas", str(count), "--port", str(listen)]
    command += ["--replica-ports", ",".join(map(str, replica_ports)), "--run-dir", str(run_dir), *(tls or [])]
    launcher = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    ended = threading.Event()  # the launcher said "ready" (after writing state.json), or its output ended

    def tee() -> None:
        """Copy the launcher's output to its log as it comes, and mark the line that says it is ready."""
        assert launcher.stdout is not None
        with log_path.open("wb") as log:
            for line in launcher.stdout:
                log.write(line)
                log.flush()
                if line.startswith(b"ready: "):
                    ended.set()
        ended.set()

    threading.Thread(target=tee, name="launcher-log", daemon=True).start()
    ended.wait(START_TIMEOUT_S)
    state_path = run_dir / "state.json"
    if not state_path.exists():
        launcher.kill()
        launcher.wait()
        pytest.fail(f"the launcher did not get ready:\n{log_path.read_text(errors='replace')}")
    state = json.loads(state_path.read_text())
    print(f"launcher log, nginx and replica logs: {tmp_path}")  # shown when the test fails
    return Replicas(
        launcher=launcher,
        url=state["url"],
        pids={f"127.0.0.1:{replica['port']}": replica["pid"] for replica in state["replicas"]},
        nginx_pid=state["nginx"]["pid"],
        access_log=Path(state["access_log"]),
    )


def stop_launcher(replicas: Replicas) -> None:
    if replicas.launcher.poll() is None:
        replicas.launcher.kill()  # its children follow (PR_SET_PDEATHSIG)
        replicas.launcher.wait()


@pytest.fixture
def replicas(tmp_path):
    """Two replicas behind nginx, as `make serve-replicas` starts them; killed after the test."""
    started = launch(tmp_path, 2)
    yield started
    stop_launcher(started)


def upstream(x_upstream: str) -> str:
    """The replica that answered: the last address nginx tried (X-Upstream reads "a, b" after a failover)."""
    return x_upstream.split(",")[-1].strip()


def replica_of(context: BrowserContext, base: str) -> str:
    """The replica nginx routes this browser context to now (a request with the context's cookies)."""
    return upstream(context.request.get(f"{base}/_stcore/health").headers["x-upstream"])


def route_cookie_for(base: str, replica: str) -> str:
    """A fresh route cookie that nginx hashes to replica (each cookieless request is given a new random one)."""
    for _ in range(100):
        with urllib.request.urlopen(f"{base}/_stcore/health", timeout=5) as response:
            cookie = re.search(rf"{ROUTE_COOKIE}=([0-9a-f]+)", " ".join(response.headers.get_all("Set-Cookie")))
            if cookie and upstream(response.headers["X-Upstream"]) == replica:
                return cookie.group(1)
    raise AssertionError(f"100 fresh cookies and none hashed to {replica}")


def route_of(context: BrowserContext) -> str:
    """The route cookie nginx gave (or the test set in) a browser context."""
    return next(cookie["value"] for cookie in context.cookies() if cookie["name"] == ROUTE_COOKIE)


def new_session(browser, watch, base: str, route: str | None = None) -> tuple[BrowserContext, Page]:
    """A browser context (own cookies) set up like the journeys' one, its page watched; route presets the cookie."""
    context = browser.new_context(viewport=VIEWPORT, locale="en-US", accept_downloads=True)
    context.add_init_script(INIT_SCRIPT)
    context.add_init_script(SOCKET_PROBE)
    context.route(lambda url: not is_local(url), lambda request: request.abort())
    context.set_default_timeout(30_000)
    if route is not None:
        context.add_cookies([{"name": ROUTE_COOKIE, "value": route, "url": base}])
    page = context.new_page()
    page.on("console", watch.on_console)
    page.on("pageerror", lambda error: watch.errors.append(f"uncaught: {error}"))
    page.on("request", watch.on_request)
    return context, page


def open_city(page: Page, base: str, adcode: str) -> str:
    """Open the City profile of one city by URL, wait for the run to be painted; return the answering replica."""
    response = page.goto(f"{base}/city?city={adcode}")
    wait_for_rerun(page, 0)
    expect_view(page, [adcode])
    return upstream(response.headers["x-upstream"])


def expect_view(page: Page, adcodes: list[str], page_key: str = "pages.city") -> None:
    """The page shows its heading with these cities selected in the sidebar and in the URL, and no exception."""
    main = page.get_by_test_id("stMain")
    expect(main.get_by_role("heading", name=t(page_key), level=1)).to_be_visible()
    cities = sidebar_multiselect(page, t("filters.cities"))
    for adcode in adcodes:
        expect(selected_tag(cities, CITY[adcode])).to_be_visible()
    expect(cities.locator("[data-tag]")).to_have_count(len(adcodes))
    if page_key == "pages.city":
        codes = main.get_by_text(re.compile(r"administrative code \d{6}"))
        expect(codes).to_have_text([re.compile(f"administrative code {adcode}") for adcode in adcodes])
    assert query(page).get("city") == adcodes
    expect(page.locator(EXCEPTION)).to_have_count(0)


def wait_for_reconnect(page: Page) -> None:
    """Wait until the page's first websocket has closed and a second one is open and in use."""
    page.wait_for_function("() => window.__gdcSockets.closed >= 1 && window.__gdcSockets.opened >= 2")
    expect(page.locator(CONNECTED)).to_have_count(1)


def sockets_opened(page: Page) -> int:
    """How many websockets the page has opened."""
    return page.evaluate("window.__gdcSockets.opened")


def download_csv(page: Page) -> bytes:
    """Click the first table's CSV button: the file is made on the session's replica and fetched from /media/."""
    button = page.get_by_test_id("stMain").get_by_role("button", name=re.compile(re.escape(t("export.csv")))).first
    with page.expect_download(timeout=30_000) as info:
        button.click()
    return Path(info.value.path()).read_bytes()


def routed_requests(access_log: Path) -> dict[str, list[tuple[str, str]]]:
    """route cookie -> [(request line, replica that answered)], from nginx's access log."""
    pattern = re.compile(r'"(?P<request>[^"]*)" \d+ \d+ route=(?P<route>\S+) upstream="(?P<upstream>[^"]*)"')
    routes: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for line in access_log.read_text().splitlines():
        match = pattern.search(line)
        if match:
            routes[match["route"]].append((match["request"], upstream(match["upstream"])))
    return routes


def alive(pid: int) -> bool:
    """Whether a process with this id still exists (the launcher reaps its children, so no zombies)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def test_sessions_survive_the_death_of_a_replica(replicas, browser, watch):
    """Kill one replica: its sessions move to the other, which serves them from their URLs; the others never notice."""
    base = replicas.url
    doomed_context, doomed = new_session(browser, watch, base)
    doomed_replica = open_city(doomed, base, "440300")
    assert doomed_replica in replicas.pids, f"X-Upstream {doomed_replica} is none of {sorted(replicas.pids)}"
    assert replica_of(doomed_context, base) == doomed_replica, "the route cookie did not keep the session's replica"
    (survivor_replica,) = set(replicas.pids) - {doomed_replica}
    survivor_context, survivor = new_session(browser, watch, base, route_cookie_for(base, survivor_replica))
    assert open_city(survivor, base, "440200") == survivor_replica
    newcomer_route = route_cookie_for(base, doomed_replica)

    os.kill(replicas.pids[doomed_replica], signal.SIGKILL)

    # The survivor's session keeps its websocket and reruns on a filter change.
    pick(survivor, t("filters.cities"), CITY["440100"])
    expect_view(survivor, ["440200", "440100"])
    assert sockets_opened(survivor) == 1, "the surviving replica's session lost its websocket"
    assert replica_of(survivor_context, base) == survivor_replica

    # The dead replica's session reconnects through nginx to the survivor and still shows its view. Reloaded, it
    # is rebuilt there from its URL, and its media files come from there too.
    wait_for_reconnect(doomed)
    expect_view(doomed, ["440300"])
    expect(doomed.get_by_role("dialog")).to_have_count(0)
    assert replica_of(doomed_context, base) == survivor_replica
    response = doomed.reload()
    wait_for_rerun(doomed, 0)
    assert upstream(response.headers["x-upstream"]) == survivor_replica
    expect_view(doomed, ["440300"])
    assert download_csv(doomed).decode("utf-8-sig").splitlines()[-1].startswith("# ")

    # A new visitor whose cookie hashes to the dead replica is served by the survivor.
    newcomer_context, newcomer = new_session(browser, watch, base, newcomer_route)
    assert open_city(newcomer, base, "441400") == survivor_replica
    survivor_route, doomed_route = route_of(survivor_context), route_of(doomed_context)
    for context in (doomed_context, survivor_context, newcomer_context):
        context.close()
    watch.assert_clean()

    # SIGTERM stops nginx and the live replica; the launcher exits 0 and leaves no process behind.
    replicas.launcher.send_signal(signal.SIGTERM)
    assert replicas.launcher.wait(timeout=30) == 0
    left = [pid for pid in (replicas.nginx_pid, *replicas.pids.values()) if alive(pid)]
    assert not left, f"processes left running: {left}"

    # Every request of the survivor's session, its websocket included, reached its replica; the doomed session's
    # websocket reached its own replica, then the survivor, which also made and served its CSV.
    routes = routed_requests(replicas.access_log)
    served = routes[survivor_route]
    assert [replica for request, replica in served if "/_stcore/stream" in request] == [survivor_replica], served
    assert {replica for _, replica in served} == {survivor_replica}, served
    doomed_streams = [replica for request, replica in routes[doomed_route] if "/_stcore/stream" in request]
    assert doomed_streams == [doomed_replica, survivor_replica, survivor_replica], routes[doomed_route]
    doomed_downloads = [replica for request, replica in routes[doomed_route] if re.search(r"/media/\S+\.csv", request)]
    assert doomed_downloads and set(doomed_downloads) == {survivor_replica}, routes[doomed_route]


def test_a_moved_session_reruns_at_once(replicas, browser, watch):
    """A session whose replica dies is rerun by the other replica from its URL at once, and carries on from there."""
    context, page = new_session(browser, watch, replicas.url)
    replica = open_city(page, replicas.url, "440300")
    before = finished_count(page)
    os.kill(replicas.pids[replica], signal.SIGKILL)
    wait_for_reconnect(page)
    wait_for_rerun(page, before, timeout_ms=10_000)
    expect_view(page, ["440300"])
    pick(page, t("filters.cities"), CITY["440100"])
    expect_view(page, ["440300", "440100"])
    context.close()
    watch.assert_clean()


def certificate_options(folder: Path) -> list[str]:
    """The launcher's --tls-* options for a throwaway certificate (tests/support/tls.py)."""
    require("openssl", openssl())
    tls = self_signed_certificate(folder)
    return ["--tls-cert", str(tls.cert), "--tls-key", str(tls.key)]


def test_with_a_certificate_nginx_serves_https_over_http2_and_the_websocket_works(tmp_path, browser, watch):
    """--tls-cert/--tls-key: the page, its files and the websocket go through TLS, the page over HTTP/2."""
    front = launch(tmp_path, 1, tls=certificate_options(tmp_path))
    context = None
    try:
        assert front.url.startswith("https://127.0.0.1:")
        context = browser.new_context(viewport=VIEWPORT, locale="en-US", ignore_https_errors=True)
        context.add_init_script(INIT_SCRIPT)
        context.route(lambda url: not is_local(url), lambda request: request.abort())
        page = context.new_page()
        page.on("console", watch.on_console)
        page.on("pageerror", lambda error: watch.errors.append(f"uncaught: {error}"))
        page.on("request", watch.on_request)
        # A script run finishing is a round trip over the websocket (wss://, through nginx).
        open_city(page, front.url, "440300")
        navigation = page.evaluate("performance.getEntriesByType('navigation')[0].nextHopProtocol")
        scripts = page.evaluate(
            "[...new Set(performance.getEntriesByType('resource').filter(e => e.name.endsWith('.js'))"
            ".map(e => e.nextHopProtocol))]"
        )
        assert navigation == "h2", f"the page came over {navigation!r}, not HTTP/2"
        assert scripts == ["h2"], f"the front end's files came over {scripts}"
        # The port speaks TLS only: nginx answers a plain HTTP request with an error status.
        with pytest.raises(urllib.error.HTTPError, match="400"):
            urllib.request.urlopen(front.url.replace("https:", "http:") + "/_stcore/health", timeout=5).read()
        watch.assert_clean()
    finally:
        if context is not None:
            context.close()
        stop_launcher(front)
