"""Benchmark the dashboard against a minimal Streamlit app, side by side, in headless Chromium; write BENCHMARKS.md.

Run: make bench (python -m benchmarks.run). Not part of the test suite: figures depend on the machine.

What is measured, for each app started the same way (`streamlit run`, free loopback port):
- cold start: server process start -> first complete render of the landing page, in rounds (each app once per
  round, a fresh server and browser context each time; the median is reported). Complete = the first script run
  has finished and been painted (websocket probe, see tests/support/browser.py), the page's h1 is visible and, for the
  dashboard, the Overview's two Vega charts (counts and the city map) have drawn. The chart floor
  (benchmarks/chart_floor_app.py: pandas and one Vega-Lite chart from a dictionary) is measured here only;
- first visit to a settled server: the same landing page, but the browser navigates SETTLE_S seconds after the
  process started (and, for the dashboard, once its log says the warm start is done): what the first visitor
  after a deploy or restart waits for, navigation -> complete, in rounds of their own before the cold starts;
- interaction: add or remove a city in the sidebar's "Cities" multiselect -> the rerun it starts has finished and
  been painted (pointer-down on the option to the second animation frame after script_finished), over N changes.
  The apps stay open and take turns change by change, so a busy moment of the machine hits both; nothing
  observes the pages while they are timed (DevTools network events and websocket frame capture cost the page
  with more messages time of its own). The changes cycle through three filter sets, which the dashboard
  memoises after their first use; "first visit" times changes to filter sets nobody has used yet;
- page switch (dashboard): click a sidebar link -> the new page's run finished and painted, its h1 visible;
- bytes sent to the browser: HTTP responses (CDP Network.loadingFinished encodedDataLength) plus websocket frames
  (payload length; permessage-deflate, if negotiated, is not visible to CDP, so these are uncompressed bytes),
  counted in separate, untimed runs;
- map geometry: the display GeoJSON the Overview's map fetches (once; HTTP, encoded), and the deck.gl JSON the
  Map page receives with the GeoJSON features inside it;
- server memory: VmRSS of the server process after the first session and after 10 open sessions;
- concurrency: N browser contexts open the landing page at once (timed until each page's city filter is on
  screen), then change filters for a while; errors (exception boxes, page errors, console errors, a step of the
  driver exceeding STEP_TIMEOUT_MS, lost websockets, tracebacks in the server log) and the p95 of their
  re-render times. Requests to other hosts are aborted and listed separately.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import csv
import datetime as dt
import json
import os
import platform
import re
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import streamlit
from playwright.async_api import async_playwright
from playwright.sync_api import sync_playwright

from gdclusters.i18n import t
from gdclusters.maps import DISPLAY_SHAPES_URL
from tests.support.browser import (
    APP_IDLE,
    CHROMIUM_ARGS,
    CHROMIUM_PATH,
    INIT_SCRIPT,
    deck_specs,
    finished_count,
    is_local,
    launch_chromium,
    wait_for_rerun,
)
from tests.support.server import ROOT, Server

MINIMAL = "benchmarks/minimal_app.py"
FLOOR = "benchmarks/floor_app.py"
# Measured for the cold start only: pandas and one Vega-Lite chart from a dictionary (less than the floor).
CHART_FLOOR = "benchmarks/chart_floor_app.py"
DASHBOARD = "dashboard.py"
CITY_OPTIONS = ["Shenzhen", "Guangzhou"]
# Cities for filter sets not seen before (every city but the two above, in adcode order).
with (ROOT / "data" / "cities.csv").open(encoding="utf-8") as _handle:
    FRESH_CITY_OPTIONS = [row["name_en"] for row in csv.DictReader(_handle) if row["name_en"] not in CITY_OPTIONS]
SWITCH_PAGES = ["pages.map", "pages.tiers", "pages.targets", "pages.matrix", "pages.overview"]
VIEWPORT = {"width": 1400, "height": 1000}
# Patience of each step of the concurrent load driver (typing, the option showing, the click, the re-render), the
# same for every step: a step that takes longer counts as an error.
STEP_TIMEOUT_MS = 60_000
# Patience for each of the concurrent sessions to open the landing page, all at once, until its filter is usable.
LANDING_TIMEOUT_MS = 180_000
# How long a server has been up before the "first visit to a settled server" (the warm start needs ~1 s).
SETTLE_S = 5.0
TARGETS = {"cold_start_ratio": 1.5, "interaction_ratio": 3.0, "geometry_kb": 300.0}
OUTPUT = ROOT / "BENCHMARKS.md"
# Everything below this line in BENCHMARKS.md is hand-written (profiles, analysis) and kept when the table is rewritten.
NOTES_MARKER = "<!-- notes: kept by benchmarks/run.py -->"
# In-page: ms from the last pointer-down to the painting of the first complete run after n finished messages
# (false while that run has not finished).
# Deep-link base-path probes (404) and aborted external requests (reported as such) are not console errors.
BENIGN_CONSOLE = re.compile(r"status of 404|net::ERR_FAILED")
BARS_DRAWN = "document.querySelectorAll('[data-testid=stVegaLiteChart] .mark-rect path').length >= 1"
LANDING_MARKS_DRAWN = (
    BARS_DRAWN + " && document.querySelectorAll('[data-testid=stVegaLiteChart] .mark-shape path').length >= 21"
)
ELAPSED_SINCE_CLICK = (
    "n => { const p = window.__gdcProbe; const done = p.finished.slice(n).find(([, s, painted]) => "
    "painted !== null && s !== 2); return done ? done[2] - p.clicks[p.clicks.length - 1] : false; }"
)


@dataclass
class AppResult:
    """Everything measured for one app."""

    name: str
    cold_start_s: float = 0.0
    server_ready_s: float = 0.0
    landing_http_bytes: int = 0
    landing_ws_bytes: int = 0
    interaction_ms: list[float] = field(default_factory=list)
    page_switch_ms: list[float] = field(default_factory=list)
    rss_first_kib: int = 0
    rss_ten_kib: int = 0
    deck_json_bytes: int = 0
    geometry_bytes: int = 0
    map_ws_bytes: int = 0
    concurrent_ms: list[float] = field(default_factory=list)
    concurrent_changes: int = 0
    concurrent_errors: list[str] = field(default_factory=list)
    concurrent_typing_ms: list[float] = field(default_factory=list)
    concurrent_landing_ms: list[float] = field(default_factory=list)
    external_requests: list[str] = field(default_factory=list)
    interaction_ws_bytes: list[int] = field(default_factory=list)
    first_visit_ms: list[float] = field(default_factory=list)
    cold_start_samples: list[float] = field(default_factory=list)
    settled_visit_samples: list[float] = field(default_factory=list)
    display_geometry_bytes: int = 0


def percentile(values: list[float], share: float) -> float:
    """The share-th quantile (nearest rank) of values, or nan when empty."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered) + 0.5) - 1))]


def cjk_free_label(app: str) -> str:
    """The city multiselect's label in each app (both are English)."""
    return t("filters.cities", "en") if app == DASHBOARD else "Cities"


def city_multiselect(page, app: str):
    """The multiselect whose label is 'Cities' (sidebar in the dashboard, main area in the minimal app)."""
    label = page.get_by_test_id("stWidgetLabel").get_by_text(cjk_free_label(app), exact=True)
    return page.get_by_test_id("stMultiSelect").filter(has=label)


def toggle_city(page, app: str, option: str, add: bool) -> float:
    """Add or remove a city and wait for the rerun; return pointer-down -> painted in ms (in-page clock)."""
    multiselect = city_multiselect(page, app)
    if add:
        multiselect.locator("input").fill(option)
        target = page.get_by_role("option", name=option, exact=True)
    else:
        target = multiselect.get_by_role("button", name=f"Remove {option}")
    target.wait_for(state="visible")
    before = finished_count(page)
    target.click()
    wait_for_rerun(page, before)
    if add:
        page.keyboard.press("Escape")
    return page.evaluate(ELAPSED_SINCE_CLICK, before)


def landing_complete(page, app: str) -> None:
    """Wait until the landing page counts as completely rendered (see the module docstring)."""
    wait_for_rerun(page, 0, timeout_ms=120_000)
    page.locator("h1").first.wait_for(state="visible", timeout=60_000)
    if app in (FLOOR, CHART_FLOOR):
        page.wait_for_function(BARS_DRAWN, timeout=60_000)
    if app == DASHBOARD:
        # The Overview's two Vega charts have drawn their marks: the trillion-cluster bars, and the 21 cities of
        # the map (which first fetches its shapes).
        page.wait_for_function(LANDING_MARKS_DRAWN, timeout=60_000)
    page.locator(APP_IDLE).wait_for(timeout=60_000)


class ByteCounter:
    """Sums what the browser receives, through the Chrome DevTools Protocol."""

    def __init__(self, context, page):
        self.http = 0
        self.websocket = 0
        self.by_url: dict[str, int] = {}
        self._urls: dict[str, str] = {}
        self.session = context.new_cdp_session(page)
        self.session.send("Network.enable")
        self.session.on("Network.responseReceived", self._response)
        self.session.on("Network.loadingFinished", self._finished)
        self.session.on("Network.webSocketFrameReceived", self._frame)

    def _response(self, event) -> None:
        self._urls[event["requestId"]] = event["response"]["url"]

    def _finished(self, event) -> None:
        size = int(event.get("encodedDataLength", 0))
        self.http += size
        url = self._urls.get(event["requestId"])
        if url:
            self.by_url[url] = size

    def pause(self) -> None:
        """Stop observing (DevTools events cost the page time: timed runs are measured without them)."""
        self.session.send("Network.disable")

    def resume(self) -> None:
        """Observe again, from zero."""
        self.session.send("Network.enable")
        self.reset()

    def _frame(self, event) -> None:
        response = event["response"]
        payload = response.get("payloadData", "")
        # Binary frames (opcode 2) arrive base64-encoded.
        self.websocket += len(base64.b64decode(payload)) if response.get("opcode") == 2 else len(payload.encode())

    def reset(self) -> tuple[int, int]:
        """Return (http, websocket) so far and start again from zero."""
        counts = (self.http, self.websocket)
        self.http = self.websocket = 0
        return counts


@dataclass
class Running:
    """One app's server, browser context and landing page, kept open across the measurement phases."""

    app: str
    result: AppResult
    server: Server
    context: Any
    page: Any
    counter: ByteCounter
    sockets: list = field(default_factory=list)


def new_page(browser, result: AppResult):
    """A fresh browser context (its own cache: nothing carries over between the apps) and page, probed, with
    requests off loopback aborted and recorded in result. Returns (context, page)."""
    context = browser.new_context(viewport=VIEWPORT)
    context.add_init_script(INIT_SCRIPT)
    context.route(lambda url: not is_local(url), lambda route: route.abort())
    page = context.new_page()
    page.on(
        "request", lambda request: result.external_requests.append(request.url) if not is_local(request.url) else None
    )
    return context, page


def start_app(app: str, browser, log_dir: Path) -> Running:
    """Start the app's server and open its landing page: cold start, landing bytes, memory after one session."""
    result = AppResult(name=app)
    context, page = new_page(browser, result)
    running = Running(
        app, result, Server(app, log_dir / f"{Path(app).stem}.log"), context, page, ByteCounter(context, page)
    )
    page.on("websocket", lambda socket: running.sockets.append(socket))
    running.server.start()
    result.server_ready_s = running.server.wait_ready(timeout=120)
    page.goto(running.server.url, timeout=120_000)
    landing_complete(page, app)
    result.cold_start_s = time.perf_counter() - running.server.started_at
    # Let in-flight responses (fonts, lazy chunks) finish counting: wait for the network to go idle.
    page.wait_for_load_state("networkidle")
    result.landing_http_bytes, result.landing_ws_bytes = running.counter.reset()
    result.display_geometry_bytes = sum(
        size for url, size in running.counter.by_url.items() if url.endswith(DISPLAY_SHAPES_URL)
    )
    result.rss_first_kib = running.server.rss_kib()
    running.counter.pause()
    return running


def settled_visit(app: str, browser, log_dir: Path) -> AppResult:
    """Start the app, let it settle (SETTLE_S after the process start), then time navigation -> landing complete."""
    result = AppResult(name=app)
    server = Server(app, log_dir / f"{Path(app).stem}-settled.log").start()
    context, page = new_page(browser, result)
    try:
        server.wait_ready(timeout=120)
        if app == DASHBOARD:
            line = server.wait_for_log("warm start", timeout=120)
            if "ready in" not in line:
                result.concurrent_errors.append(f"settled visit: {line}")
        # The benchmark's protocol, not a wait for a condition: a server that has been up for SETTLE_S seconds.
        time.sleep(max(0.0, SETTLE_S - (time.perf_counter() - server.started_at)))
        started = time.perf_counter()
        page.goto(server.url, timeout=120_000)
        landing_complete(page, app)
        result.settled_visit_samples.append(time.perf_counter() - started)
    finally:
        context.close()
        server.stop()
    result.concurrent_errors += server_errors(server)
    return result


def timed_interactions(runs: list[Running], changes: int) -> None:
    """Filter changes, the apps taking turns change by change (so all see the same machine), unobserved."""
    for index in range(changes):
        option = CITY_OPTIONS[(index // 2) % len(CITY_OPTIONS)]
        # Each change, a different app goes first.
        for running in runs[index % len(runs) :] + runs[: index % len(runs)]:
            running.result.interaction_ms.append(toggle_city(running.page, running.app, option, add=index % 2 == 0))


def bytes_per_change(running: Running, changes: int = 4) -> None:
    """Websocket bytes of a few filter changes (observed, so not timed)."""
    running.counter.resume()
    for index in range(changes):
        option = CITY_OPTIONS[(index // 2) % len(CITY_OPTIONS)]
        running.counter.reset()
        toggle_city(running.page, running.app, option, add=index % 2 == 0)
        running.result.interaction_ws_bytes.append(running.counter.reset()[1])
    running.counter.pause()


def first_visits(running: Running, cities: int) -> None:
    """Filter sets no session has used yet (the dashboard memoises per filter set): add a new city, then remove it."""
    for name in FRESH_CITY_OPTIONS[:cities]:
        running.result.first_visit_ms.append(toggle_city(running.page, running.app, name, add=True))
        toggle_city(running.page, running.app, name, add=False)


def page_switches(running: Running) -> None:
    """Timed switches through the sidebar (unobserved), then one observed switch to the Map page for its payload."""
    page, result = running.page, running.result

    def switch(page_key: str) -> float:
        link = page.get_by_test_id("stSidebarNav").get_by_role("link", name=t(page_key, "en"), exact=True)
        before = finished_count(page)
        link.click()
        wait_for_rerun(page, before, timeout_ms=120_000)
        page.get_by_role("heading", name=t(page_key, "en"), level=1).wait_for(timeout=60_000)
        return page.evaluate(ELAPSED_SINCE_CLICK, before)

    for page_key in SWITCH_PAGES * 2:
        result.page_switch_ms.append(switch(page_key))
    frames: list = []

    def record(payload) -> None:
        frames.append(payload)

    for socket in running.sockets:
        socket.on("framereceived", record)
    running.counter.resume()
    switch("pages.map")
    page.get_by_test_id("stDeckGlJsonChart").first.wait_for(timeout=60_000)
    page.wait_for_load_state("networkidle")
    measure_map_payload(result, frames, running.counter)
    running.counter.pause()
    for socket in running.sockets:
        socket.remove_listener("framereceived", record)


def memory_after_sessions(running: Running, sessions: int) -> None:
    """Server RSS with `sessions` landing pages open."""
    extra = []
    for _ in range(sessions - 1):
        other = running.context.new_page()
        other.goto(running.server.url, timeout=120_000)
        landing_complete(other, running.app)
        extra.append(other)
    running.result.rss_ten_kib = running.server.rss_kib()
    for other in extra:
        other.close()


def stop_app(running: Running) -> None:
    """Close the app's browser context and stop its server, keeping the server log's errors."""
    running.context.close()
    running.server.stop()
    running.result.concurrent_errors += server_errors(running.server)


def measure_apps(
    playwright, log_dir: Path, changes: int, sessions: int, fresh: int, cold_starts: int
) -> dict[str, AppResult]:
    """Every single-session measurement for every app; cold starts in rounds, interactions interleaved."""
    apps = (MINIMAL, FLOOR, DASHBOARD)
    cold_only = (CHART_FLOOR,)
    browser = launch_chromium(playwright)
    runs: list[Running] = []
    earlier: dict[str, list[AppResult]] = {app: [] for app in (*apps, *cold_only)}
    settled: dict[str, list[AppResult]] = {app: [] for app in apps}
    try:
        for round_ in range(cold_starts):
            for app in apps:
                print(f"first visit to a settled server {round_ + 1}/{cold_starts} of {app} …", flush=True)
                settled[app].append(settled_visit(app, browser, log_dir))
        # One sample of a cold start is at the mercy of the moment: rounds of all the apps, the median counts.
        for round_ in range(cold_starts):
            for app in (*apps, *cold_only):
                print(f"cold start {round_ + 1}/{cold_starts} of {app} …", flush=True)
                running = start_app(app, browser, log_dir)
                if round_ < cold_starts - 1 or app in cold_only:
                    stop_app(running)
                    earlier[app].append(running.result)
                else:
                    runs.append(running)
        for running in runs:
            fold_samples(running.result, [*earlier[running.app], running.result], settled[running.app])
        print("interactions …", flush=True)
        timed_interactions(runs, changes)
        for running in runs:
            bytes_per_change(running)
        dashboard = runs[-1]
        first_visits(dashboard, fresh)
        page_switches(dashboard)
        for running in runs:
            memory_after_sessions(running, sessions)
    finally:
        for running in runs:
            stop_app(running)
        browser.close()
    results = {running.app: running.result for running in runs}
    for app in cold_only:
        results[app] = fold_samples(AppResult(name=app), earlier[app], [])
    return results


def fold_samples(result: AppResult, rounds: list[AppResult], settled: list[AppResult]) -> AppResult:
    """Fold one app's cold-start rounds (result may be one of them) and settled visits into result; return it.

    The cold start and server-ready times become the medians over the rounds; the settled visits are listed; the
    errors and off-loopback requests of every other round and visit are added to result's own."""
    result.cold_start_samples = [sample.cold_start_s for sample in rounds]
    result.cold_start_s = statistics.median(result.cold_start_samples)
    result.server_ready_s = statistics.median(sample.server_ready_s for sample in rounds)
    result.settled_visit_samples = [value for sample in settled for value in sample.settled_visit_samples]
    for sample in [*rounds, *settled]:
        if sample is not result:
            result.concurrent_errors += sample.concurrent_errors
            result.external_requests += sample.external_requests
    return result


def measure_map_payload(result: AppResult, frames: list, counter: ByteCounter) -> None:
    """Size of the deck JSON on the Map page and of the city GeoJSON inside it."""
    specs = deck_specs(frames)
    if not specs:
        return
    spec = specs[-1]
    result.deck_json_bytes = len(json.dumps(spec, separators=(",", ":"), ensure_ascii=False).encode())
    geometry = [layer.get("data") for layer in spec["layers"] if layer.get("@@type") == "GeoJsonLayer"]
    result.geometry_bytes = sum(
        len(json.dumps(data, separators=(",", ":"), ensure_ascii=False).encode()) for data in geometry if data
    )
    result.map_ws_bytes = counter.reset()[1]


def server_errors(server: Server) -> list[str]:
    """Tracebacks and errors in a server log."""
    return [
        f"server log: {line.strip()}"
        for line in server.log().splitlines()
        if re.search(r"Traceback|Error|Exception", line) and "DeprecationWarning" not in line
    ]


async def concurrent_sessions(app: str, log_dir: Path, sessions: int, seconds: float) -> AppResult:
    """N contexts in one Chromium, each adding and removing cities in a loop for `seconds`."""
    result = AppResult(name=app)
    server = Server(app, log_dir / f"{Path(app).stem}-concurrent.log").start()
    server.wait_ready(timeout=120)
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=str(CHROMIUM_PATH), args=CHROMIUM_ARGS)
        try:
            pages = []
            for _ in range(sessions):
                context = await browser.new_context(viewport=VIEWPORT)
                await context.add_init_script(INIT_SCRIPT)
                await context.route(lambda url: not is_local(url), lambda route: route.abort())
                page = await context.new_page()
                page.on("pageerror", lambda error: result.concurrent_errors.append(f"page error: {error}"))
                page.on(
                    "console",
                    lambda message: (
                        result.concurrent_errors.append(f"console: {message.text}")
                        if message.type == "error" and not BENIGN_CONSOLE.search(message.text)
                        else None
                    ),
                )
                page.on(
                    "request",
                    lambda request: result.external_requests.append(request.url) if not is_local(request.url) else None,
                )
                pages.append(page)
            opened = await asyncio.gather(
                *(open_landing(page, server.url, app, result, index) for index, page in enumerate(pages))
            )
            deadline = time.monotonic() + seconds
            await asyncio.gather(
                *(
                    change_filters(page, app, deadline, result, index)
                    for index, page in enumerate(pages)
                    if opened[index]
                )
            )
            for page in pages:
                if await page.locator('[data-testid="stException"]').count():
                    result.concurrent_errors.append("exception box on a page")
        finally:
            await browser.close()
            server.stop()
    result.concurrent_errors += server_errors(server)
    return result


async def open_landing(page, url: str, app: str, result: AppResult, index: int) -> bool:
    """Load the landing page and wait until it can be used: first run finished and the city filter drawn.

    With 20 pages loading at once on 2 CPUs, the first run's messages arrive long before each page has loaded
    the front-end chunks of its widgets (up to ~40 s measured): the filter is not on screen until then, and
    typing into it earlier is not what a visitor can do. A page that is not usable within LANDING_TIMEOUT_MS is an
    error of the run (and changes no filter); returns whether the page opened.
    """
    started = time.monotonic()
    try:
        await page.goto(url, timeout=LANDING_TIMEOUT_MS)
        await page.wait_for_function(
            "() => window.__gdcProbe.finished.some(([, s, painted]) => painted !== null && s !== 2)",
            timeout=LANDING_TIMEOUT_MS,
            polling=50,
        )
        await city_multiselect(page, app).locator("input").wait_for(state="visible", timeout=LANDING_TIMEOUT_MS)
    except Exception as error:
        result.concurrent_errors.append(
            f"session {index} opening the page: {type(error).__name__}: "
            f"{str(error).splitlines()[0]} ({await page_state(page)})"
        )
        return False
    result.concurrent_landing_ms.append((time.monotonic() - started) * 1000)
    return True


async def change_filters(page, app: str, deadline: float, result: AppResult, index: int) -> None:
    """Add and remove a city until the deadline; record each change's re-render time or its failure."""
    option = CITY_OPTIONS[index % len(CITY_OPTIONS)]
    multiselect = city_multiselect(page, app)
    add = True
    while time.monotonic() < deadline:
        try:
            if add:
                typing = time.monotonic()
                await multiselect.locator("input").fill(option, timeout=STEP_TIMEOUT_MS)
                result.concurrent_typing_ms.append((time.monotonic() - typing) * 1000)
                target = page.get_by_role("option", name=option, exact=True)
            else:
                target = multiselect.get_by_role("button", name=f"Remove {option}")
            await target.wait_for(state="visible", timeout=STEP_TIMEOUT_MS)
            before = await page.evaluate("window.__gdcProbe.finished.length")
            await target.click(timeout=STEP_TIMEOUT_MS)
            elapsed = await page.wait_for_function(ELAPSED_SINCE_CLICK, arg=before, timeout=STEP_TIMEOUT_MS, polling=20)
            result.concurrent_ms.append(await elapsed.json_value())
            result.concurrent_changes += 1
            if add:
                await page.keyboard.press("Escape")
            add = not add
        except Exception as error:
            result.concurrent_errors.append(
                f"session {index}: {type(error).__name__}: {str(error).splitlines()[0]} ({await page_state(page)})"
            )
            return
    if await page.locator('[data-test-connection-state="CONNECTED"]').count() == 0:
        result.concurrent_errors.append(f"session {index}: websocket not connected at the end")


async def page_state(page) -> str:
    """What the page was doing when a step failed: script and connection state, time since the last finished run."""
    try:
        state = await page.evaluate(
            "() => { const app = document.querySelector('[data-testid=stApp]'); const p = window.__gdcProbe;"
            " const last = p.finished.length ? p.finished[p.finished.length - 1][0] : null;"
            " return [app && app.getAttribute('data-test-script-state'),"
            " app && app.getAttribute('data-test-connection-state'),"
            " last === null ? null : Math.round(performance.now() - last), p.finished.length]; }"
        )
    except Exception as error:
        return f"page state unreadable: {type(error).__name__}"
    script, connection, since_ms, runs = state
    return f"script {script}, connection {connection}, last run finished {since_ms} ms ago, {runs} runs"


def machine() -> dict[str, str]:
    """nproc, RAM, CPU model and versions."""
    cpu = "unknown"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        match = re.search(r"^model name\s*:\s*(.+)$", cpuinfo.read_text(), re.MULTILINE)
        cpu = match.group(1).strip() if match else cpu
    memory = "unknown"
    meminfo = Path("/proc/meminfo")
    if meminfo.exists():
        kib = int(re.search(r"MemTotal:\s+(\d+)", meminfo.read_text()).group(1))
        memory = f"{kib / 1024 / 1024:.1f} GiB"
    return {
        "nproc": str(os.cpu_count()),
        "ram": memory,
        "cpu": cpu,
        "python": platform.python_version(),
        "streamlit": streamlit.__version__,
    }


def kib(value: int) -> str:
    """Bytes as KiB with one decimal."""
    return f"{value / 1024:,.1f} KiB"


def mib(value_kib: int) -> str:
    """KiB as MiB with one decimal."""
    return f"{value_kib / 1024:,.1f} MiB"


def ms(values: list[float]) -> str:
    """median / p95 of a list of milliseconds."""
    if not values:
        return "n/a"
    return f"{statistics.median(values):,.0f} / {percentile(values, 0.95):,.0f} ms (n={len(values)})"


def seconds_text(result: AppResult) -> str:
    """The median cold start and, in brackets, every sample."""
    samples = ", ".join(f"{value:.2f}" for value in result.cold_start_samples)
    return f"{result.cold_start_s:.2f} s ({samples})"


def settled_text(result: AppResult) -> str:
    """The median first visit to a settled server and, in brackets, every sample."""
    samples = ", ".join(f"{value:.2f}" for value in result.settled_visit_samples)
    return f"{statistics.median(result.settled_visit_samples):.2f} s ({samples})"


def landing_text(result: AppResult) -> str:
    """Median and slowest time the concurrent sessions took to open the landing page."""
    values = result.concurrent_landing_ms
    return f"{statistics.median(values) / 1000:.1f} / {max(values) / 1000:.1f} s" if values else "n/a"


def typing_text(result: AppResult) -> str:
    """Median and slowest time the load driver took to type into the filter."""
    values = result.concurrent_typing_ms
    if not values:
        return "n/a"
    return f"{statistics.median(values):,.0f} / {max(values):,.0f} ms (n={len(values)})"


def settled_ratio(app: AppResult, minimal: AppResult) -> float:
    """An app's median first visit to a settled server over the minimal app's."""
    return statistics.median(app.settled_visit_samples) / statistics.median(minimal.settled_visit_samples)


def report(
    minimal: AppResult,
    floor: AppResult,
    dashboard: AppResult,
    minimal_load: AppResult,
    dashboard_load: AppResult,
    chart_floor: AppResult,
    info: dict[str, str],
    chromium: str,
    command: str,
    sessions: int,
    seconds: float,
    ten: int,
) -> str:
    """BENCHMARKS.md: the machine, the table, the targets."""
    cold_ratio = dashboard.cold_start_s / minimal.cold_start_s
    interaction_ratio = statistics.median(dashboard.interaction_ms) / statistics.median(minimal.interaction_ms)
    geometry_kb = max(dashboard.geometry_bytes, dashboard.display_geometry_bytes) / 1000
    verdict = {
        "cold": cold_ratio <= TARGETS["cold_start_ratio"],
        "interaction": interaction_ratio <= TARGETS["interaction_ratio"],
        "geometry": 0 < geometry_kb <= TARGETS["geometry_kb"],
        "errors": not dashboard_load.concurrent_errors,
    }
    mark = {True: "met", False: "**missed**"}
    na = "n/a"
    rows = [
        (
            f"Cold start: process start → landing page complete (median of {len(dashboard.cold_start_samples)})",
            seconds_text(minimal),
            seconds_text(floor),
            seconds_text(dashboard),
        ),
        (
            "… of which server answering /_stcore/health (median)",
            f"{minimal.server_ready_s:.2f} s",
            f"{floor.server_ready_s:.2f} s",
            f"{dashboard.server_ready_s:.2f} s",
        ),
        (
            f"First visit to a server up for {SETTLE_S:.0f} s: navigation → landing page complete "
            f"(median of {len(dashboard.settled_visit_samples)})",
            settled_text(minimal),
            settled_text(floor),
            settled_text(dashboard),
        ),
        (
            "Interaction: city filter change → re-rendered (median / p95)",
            ms(minimal.interaction_ms),
            ms(floor.interaction_ms),
            ms(dashboard.interaction_ms),
        ),
        (
            "Interaction, filter set not seen before (median / p95)",
            "n/a (nothing memoised)",
            na,
            ms(dashboard.first_visit_ms),
        ),
        (
            "Websocket bytes per filter change (median)",
            kib(statistics.median(minimal.interaction_ws_bytes)),
            kib(statistics.median(floor.interaction_ws_bytes)),
            kib(statistics.median(dashboard.interaction_ws_bytes)),
        ),
        ("Page switch → new page rendered (median / p95)", "n/a (one page)", na, ms(dashboard.page_switch_ms)),
        (
            "Landing page bytes: HTTP (encoded)",
            kib(minimal.landing_http_bytes),
            kib(floor.landing_http_bytes),
            kib(dashboard.landing_http_bytes),
        ),
        (
            "Landing page bytes: websocket (uncompressed payload)",
            kib(minimal.landing_ws_bytes),
            kib(floor.landing_ws_bytes),
            kib(dashboard.landing_ws_bytes),
        ),
        ("Overview map: display GeoJSON, fetched once (HTTP, encoded)", na, na, kib(dashboard.display_geometry_bytes)),
        (
            "Map page: deck.gl JSON / GeoJSON features in it",
            na,
            na,
            f"{kib(dashboard.deck_json_bytes)} / {kib(dashboard.geometry_bytes)}",
        ),
        ("Map page: websocket bytes for the page switch", na, na, kib(dashboard.map_ws_bytes)),
        (
            "Server RSS after 1 session",
            mib(minimal.rss_first_kib),
            mib(floor.rss_first_kib),
            mib(dashboard.rss_first_kib),
        ),
        (
            f"Server RSS after {ten} sessions",
            mib(minimal.rss_ten_kib),
            mib(floor.rss_ten_kib),
            mib(dashboard.rss_ten_kib),
        ),
        (
            f"{sessions} concurrent sessions × {seconds:.0f} s: changes / errors",
            f"{minimal_load.concurrent_changes} / {len(minimal_load.concurrent_errors)}",
            na,
            f"{dashboard_load.concurrent_changes} / {len(dashboard_load.concurrent_errors)}",
        ),
        (
            "Requests to hosts other than loopback (all runs; aborted; the floor column includes the chart floor)",
            str(len(minimal.external_requests) + len(minimal_load.external_requests)),
            str(len(floor.external_requests) + len(chart_floor.external_requests)),
            str(len(dashboard.external_requests) + len(dashboard_load.external_requests)),
        ),
        (
            f"{sessions} sessions opening the landing page at once: until the city filter is usable, median / max",
            landing_text(minimal_load),
            na,
            landing_text(dashboard_load),
        ),
        (
            f"{sessions} concurrent sessions: re-render median / p95",
            ms(minimal_load.concurrent_ms),
            na,
            ms(dashboard_load.concurrent_ms),
        ),
        (
            f"{sessions} concurrent sessions: typing a city into the filter, median / max (step limit "
            f"{STEP_TIMEOUT_MS / 1000:.0f} s)",
            typing_text(minimal_load),
            na,
            typing_text(dashboard_load),
        ),
    ]
    lines = [
        "# Benchmarks",
        "",
        "The dashboard against a minimal Streamlit app (`benchmarks/minimal_app.py`: a title, one line of text and "
        "one multiselect to trigger reruns), both started with `streamlit run` on loopback and driven by headless "
        "Chromium. The middle column, for reference, is the stack's floor (`benchmarks/floor_app.py`: the minimal "
        "app plus pandas, Altair, one Altair chart and one st.dataframe), what the fixed stack costs before any "
        "dashboard logic. How each figure is measured: the docstring of `benchmarks/run.py`. Figures depend on the "
        "machine; compare the columns, not runs on different machines.",
        "",
        f"- Date: {dt.datetime.now().astimezone().strftime('%Y-%m-%d %H:%M %Z')}",
        f"- Command: `{command}`",
        f"- Machine: {info['nproc']} CPUs ({info['cpu']}), {info['ram']} RAM; browser and server share the CPUs",
        f"- Versions: Python {info['python']}, Streamlit {info['streamlit']}, Chromium {chromium}",
        "",
        "| measure | minimal app | stack floor | dashboard |",
        "| --- | ---: | ---: | ---: |",
        *[f"| {name} | {left} | {middle} | {right} |" for name, left, middle, right in rows],
        "",
        "## Targets",
        "",
        "| target | value | result |",
        "| --- | ---: | --- |",
        f"| cold start ≤ {TARGETS['cold_start_ratio']}× the minimal app | {cold_ratio:.2f}× | "
        f"{mark[verdict['cold']]} |",
        f"| median interaction ≤ {TARGETS['interaction_ratio']:.0f}× the minimal app's rerun | "
        f"{interaction_ratio:.2f}× | {mark[verdict['interaction']]} |",
        f"| map geometry payload ≤ {TARGETS['geometry_kb']:.0f} KB (the larger of the two maps) | "
        f"{geometry_kb:.0f} KB | "
        f"{mark[verdict['geometry']]} |",
        f"| no errors under {sessions} concurrent sessions (changes start once each page's filter is on screen, "
        f"at most {LANDING_TIMEOUT_MS / 1000:.0f} s after opening) | {len(dashboard_load.concurrent_errors)} | "
        f"{mark[verdict['errors']]} |",
        "",
        f"For reference, the stack floor against the minimal app: cold start "
        f"{floor.cold_start_s / minimal.cold_start_s:.2f}×, interaction "
        f"{statistics.median(floor.interaction_ms) / statistics.median(minimal.interaction_ms):.2f}×. "
        f"First visit to a settled server (no target): dashboard {settled_ratio(dashboard, minimal):.2f}×, "
        f"stack floor {settled_ratio(floor, minimal):.2f}× the minimal app.",
        "",
        f"Less than the floor, for the cold start only: pandas and one Vega-Lite chart built as a plain dictionary, "
        f"no Altair, no dataframe, no data (`benchmarks/chart_floor_app.py`): {seconds_text(chart_floor)}, "
        f"{chart_floor.cold_start_s / minimal.cold_start_s:.2f}× the minimal app.",
        "",
    ]
    for title, errors in [
        ("Dashboard, concurrent run", dashboard_load.concurrent_errors),
        ("Dashboard, single session", dashboard.concurrent_errors),
        ("Minimal app, concurrent run", minimal_load.concurrent_errors),
        ("Minimal app, single session", minimal.concurrent_errors),
        ("Stack floor, single session", floor.concurrent_errors),
        ("Chart floor, cold starts", chart_floor.concurrent_errors),
    ]:
        if errors:
            distinct = list(dict.fromkeys(errors))
            lines += [
                f"{title}: {len(errors)} error(s), {len(distinct)} distinct (first 10):",
                "",
                *[f"- {error}" for error in distinct[:10]],
                "",
            ]
    external = list(
        dict.fromkeys(
            dashboard.external_requests
            + dashboard_load.external_requests
            + minimal.external_requests
            + minimal_load.external_requests
            + floor.external_requests
            + chart_floor.external_requests
        )
    )
    if external:
        lines += [
            "Requests to other hosts (aborted by the benchmark; the dashboard must work offline):",
            "",
            *[f"- {url}" for url in external[:10]],
            "",
        ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Run every measurement and write BENCHMARKS.md."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--changes", type=int, default=24, help="filter changes per app (default 24)")
    parser.add_argument(
        "--cold-starts", type=int, default=3, help="cold starts per app, in rounds; the median is reported (default 3)"
    )
    parser.add_argument(
        "--first-visits", type=int, default=10, help="changes to filter sets not seen before (dashboard; default 10)"
    )
    parser.add_argument("--sessions", type=int, default=10, help="sessions for the memory figure (default 10)")
    parser.add_argument("--concurrent", type=int, default=20, help="concurrent sessions (default 20)")
    parser.add_argument("--seconds", type=float, default=60, help="length of the concurrent run (default 60)")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)
    if min(args.cold_starts, args.changes) < 1:
        parser.error("--cold-starts and --changes must be at least 1")
    command = (
        "make bench"
        if argv is None and len(sys.argv) == 1
        else "python -m benchmarks.run " + " ".join(sys.argv[1:] if argv is None else argv)
    )
    log_dir = Path(tempfile.mkdtemp(prefix="gdc-bench-"))
    with sync_playwright() as playwright:
        probe = launch_chromium(playwright)
        chromium = probe.version
        probe.close()
        results = measure_apps(playwright, log_dir, args.changes, args.sessions, args.first_visits, args.cold_starts)
    load = {}
    for app in (MINIMAL, DASHBOARD):
        print(f"{args.concurrent} concurrent sessions on {app} for {args.seconds:.0f} s …", flush=True)
        load[app] = asyncio.run(concurrent_sessions(app, log_dir, args.concurrent, args.seconds))
    text = report(
        results[MINIMAL],
        results[FLOOR],
        results[DASHBOARD],
        load[MINIMAL],
        load[DASHBOARD],
        results[CHART_FLOOR],
        machine(),
        chromium,
        command,
        args.concurrent,
        args.seconds,
        args.sessions,
    )
    previous = args.output.read_text(encoding="utf-8") if args.output.exists() else ""
    notes = previous.partition(NOTES_MARKER)[2]
    args.output.write_text(text + "\n" + NOTES_MARKER + (notes or "\n"), encoding="utf-8")
    print(text)
    print(f"server logs: {log_dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
