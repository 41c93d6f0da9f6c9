"""Fixtures for the real-browser journeys: one dashboard server per session, a fresh browser context per test.

The server is `streamlit run dashboard.py` on a free loopback port; when a test fails, the server log (and
what the browser reported) is appended to its report. Without Debian's Chromium the journeys skip with a
reason, except in CI (CI=true), where a missing browser fails them.
"""

from __future__ import annotations

import importlib.util
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.support.browser import (
    CHROMIUM_PATH,
    INIT_SCRIPT,
    chromium_available,
    is_local,
    launch_chromium,
    wait_for_rerun,
)
from tests.support.server import Server

# Console errors that do not come from the dashboard's code, each with the reason it is ignored. A message
# is benign when its text matches the first pattern and the URL it reports matches the second.
BENIGN_CONSOLE_ERRORS = [
    # Opened on a page URL (/map, /tiers …), Streamlit's front end looks for its server under that path first
    # (<page>/_stcore/health, <page>/_stcore/host-config), gets a 404, then uses the site root.
    (r"status of 404", r"/[^/]+/_stcore/(health|host-config)$", "Streamlit probing for its base path on a deep link"),
    # SwiftShader (software WebGL) notes slow pixel readbacks when a screenshot reads the deck.gl canvas.
    (r"GPU stall due to ReadPixels", r".*", "software WebGL performance notice, headless only"),
    # A request this fixture aborted (external host); the request itself is recorded and fails the test.
    (r"net::ERR_FAILED", r"^(?!https?://(127\.0\.0\.1|localhost)[:/])", "aborted external request"),
]
# Uncaught page errors of Streamlit's own front end that this app cannot prevent: (message pattern, why).
KNOWN_UPSTREAM_PAGE_ERRORS = [
    # Vega's view is asked for a dataset while vega-embed is still building it, when an Altair chart is drawn
    # during a rerun with sidebar widgets on the page: streamlit/streamlit#11906 (and #11342, #9616). Seen in
    # test_hostile_data's map test in three full `make test` runs on 2026-12-02 (never alone: 0 of 5, nor with
    # the focus style switched off, which was the one change of that day on the Map page); the chart draws on its
    # next render.
    (r"^Unrecognized data set: [0-9a-f]{32}$", "streamlit#11906: Vega dataset race during a rerun"),
]
VIEWPORT = {"width": 1400, "height": 1000}
# Condition waits, not sleeps: generous because the first deck.gl map loads a large script chunk on a slow box.
EXPECT_TIMEOUT_MS = 20_000


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """Attach the server log and the browser's console to the report of a failed browser test."""
    outcome = yield
    report = outcome.get_result()
    if not report.failed or "browser" not in item.keywords:
        return
    servers = getattr(item.config, "_gdc_servers", {})
    for fixture_name in ("dashboard", "fresh_dashboard"):
        server = servers.get(getattr(item, "funcargs", {}).get(fixture_name))
        if server is not None:
            report.sections.append((f"server log ({fixture_name})", server.log()[-20_000:]))
    watch = getattr(item, "_gdc_watch", None)
    if watch is not None:
        report.sections.append(("browser console", "\n".join(watch.console) or "(nothing)"))


@pytest.fixture(scope="session", autouse=True)
def _expect_timeout():
    """Give Playwright's expect() the same patience on every journey."""
    try:
        from playwright.sync_api import expect
    except ImportError:
        return
    expect.set_options(timeout=EXPECT_TIMEOUT_MS)


def _require_browser() -> None:
    """Skip (locally) or fail (CI) when Chromium or Playwright is missing."""
    reason = None
    if not chromium_available():
        reason = f"Chromium not found at {CHROMIUM_PATH} (apt-get install chromium fonts-noto-cjk)"
    else:
        if importlib.util.find_spec("playwright") is None:
            reason = "playwright is not installed (make setup)"
    if reason is None:
        return
    if os.environ.get("CI") == "true":
        pytest.fail(f"browser tests cannot run in CI: {reason}")
    pytest.skip(reason)


def start_server(request, log_dir: Path) -> Server:
    """Start the dashboard on a free port and wait until it answers; fail with its log if it does not."""
    server = Server("dashboard.py", log_dir / "streamlit.log").start()
    if not hasattr(request.config, "_gdc_servers"):
        request.config._gdc_servers = {}
    request.config._gdc_servers[server.url] = server
    try:
        server.wait_ready(timeout=60)
    except (RuntimeError, TimeoutError) as error:
        server.stop()
        pytest.fail(str(error))
    return server


@pytest.fixture(scope="session")
def dashboard(request, tmp_path_factory, browser) -> str:
    """Base URL of a dashboard server started for this session (stopped afterwards).

    One visit to the landing page first: a fresh server treats deep links differently until dashboard.py has
    run once (test_deep_link_on_a_fresh_server covers that case with its own server), and the journeys must
    not depend on which of them runs first.
    """
    server = start_server(request, tmp_path_factory.mktemp("server"))
    warm_up = browser.new_page()
    warm_up.add_init_script(INIT_SCRIPT)
    warm_up.goto(server.url)
    wait_for_rerun(warm_up, 0)
    warm_up.close()
    yield server.url
    server.stop()


@pytest.fixture
def fresh_dashboard(request, tmp_path, browser) -> str:
    """Base URL of a dashboard server nobody has visited yet (for the first-visit-is-a-deep-link journey)."""
    server = start_server(request, tmp_path)
    yield server.url
    server.stop()


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the session."""
    _require_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = launch_chromium(playwright)
        yield chromium
        chromium.close()


@dataclass
class Watch:
    """What must not happen in a journey: console errors, uncaught page errors, requests to other hosts."""

    console: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    external_requests: list[str] = field(default_factory=list)

    def on_console(self, message) -> None:
        """Record every console line; keep errors that are not known browser noise."""
        url = message.location.get("url", "")
        self.console.append(f"{message.type}: {message.text} ({url})")
        if message.type == "error" and not any(
            re.search(text, message.text) and re.search(where, url) for text, where, _ in BENIGN_CONSOLE_ERRORS
        ):
            self.errors.append(f"{message.text} ({url})")

    def on_page_error(self, error) -> None:
        """Record an uncaught page error; keep it as a failure unless it is a known upstream race."""
        text = str(error)
        self.console.append(f"uncaught: {text}")
        if not any(re.search(pattern, text) for pattern, _ in KNOWN_UPSTREAM_PAGE_ERRORS):
            self.errors.append(f"uncaught: {text}")

    def on_request(self, request) -> None:
        """Record requests to any host but loopback."""
        if not is_local(request.url):
            self.external_requests.append(request.url)

    def on_websocket(self, websocket) -> None:
        """Websockets to other hosts count as external requests too."""
        if not is_local(websocket.url):
            self.external_requests.append(websocket.url)

    def assert_clean(self) -> None:
        """Fail on any console error, uncaught exception or request that left the machine."""
        assert not self.external_requests, f"requests to external hosts: {self.external_requests}"
        assert not self.errors, f"console errors: {self.errors}"


@pytest.fixture
def context(browser, request):
    """A fresh browser context with the websocket probe installed and external hosts blocked."""
    browser_context = browser.new_context(viewport=VIEWPORT, locale="en-US", accept_downloads=True)
    browser_context.add_init_script(INIT_SCRIPT)
    browser_context.route(lambda url: not is_local(url), lambda route: route.abort())
    browser_context.set_default_timeout(30_000)
    yield browser_context
    browser_context.close()


@pytest.fixture
def watch(request) -> Watch:
    """The must-not-happen recorder for this test's page (attached to the report on failure)."""
    recorder = Watch()
    request.node._gdc_watch = recorder
    return recorder


@pytest.fixture
def page(context, watch):
    """A page whose console, errors and requests are watched."""
    browser_page = context.new_page()
    browser_page.on("console", watch.on_console)
    browser_page.on("pageerror", watch.on_page_error)
    browser_page.on("request", watch.on_request)
    browser_page.on("websocket", watch.on_websocket)
    return browser_page
