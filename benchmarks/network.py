"""First and repeat visits over an emulated real network, in headless Chromium; write a section of BENCHMARKS.md.

Run: make bench-network (python -m benchmarks.network [--rounds N]); `make bench` runs it after benchmarks/run.py.
Not part of the test suite: figures depend on the machine.

Network profiles, applied by Chromium's DevTools network emulation (Network.emulateNetworkConditions: the
latency is added to every request as its least time from sending to the response headers, i.e. one round trip;
the throughputs cap the page's downloads and uploads):
- "4 Mbit/s": 4 Mbit/s down, 1 Mbit/s up, 100 ms round trip;
- "1.6 Mbit/s": 1.6 Mbit/s down, 750 kbit/s up, 150 ms round trip (Lighthouse's mobile throttling figures).

Apps, each served once by `streamlit run` on a free loopback port for the whole run: the dashboard (dashboard.py,
an st.App with the compression middleware of serve/compression.py), the same dashboard with that middleware
switched off (GDC_HTTP_COMPRESSION=off: the "before"), the minimal app (benchmarks/minimal_app.py) and the stack
floor (benchmarks/floor_app.py); the last two are plain scripts, served without any middleware. All four read
.streamlit/config.toml, so websocket permessage-deflate applies to all. Before it is measured each server is
warmed by one unthrottled visit; the compressing dashboard then until its background recompression has finished
(its log names a request sent last): the visitors measured arrive at a server that has been serving.

In each round, for each profile, the apps take turns:
- first visit: a fresh browser context (empty HTTP cache, new connections), navigation -> landing page complete
  (benchmarks/run.py's landing_complete: first script run finished and painted, h1 visible, charts drawn);
- repeat visit: the same context navigates to the page again (HTTP cache warm: the hashed bundles come from it,
  index.html is revalidated).
Bytes, two ways, both counted from navigation until the network is idle after the landing page is complete
(the median over the rounds is reported):
- received, as DevTools sees it (benchmarks/run.py's ByteCounter): HTTP = the sum of Network.loadingFinished
  encodedDataLength (response headers and body as transferred: compressed where the server compressed; 0 for
  what the cache served), websocket = the payload of the frames received (Network.webSocketFrameReceived).
  Chromium has undone permessage-deflate before it reports a frame, so the websocket figure is the uncompressed
  payload: an upper bound of its bytes on the wire;
- on the wire: every app is reached through tests/support/wire.py's loopback relay, which counts the TCP payload
  the server sends (HTTP headers and bodies, websocket frames as compressed). The byte target is read on this.
The dashboard's "off" column switches off both the compression middleware and the font subsets
(serve/fonts.py): the dashboard as it was served before issue 14.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import os
import re
import statistics
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from playwright.sync_api import sync_playwright

from benchmarks.run import DASHBOARD, FLOOR, MINIMAL, OUTPUT, VIEWPORT, ByteCounter, landing_complete, machine
from serve import DISABLE_VARIABLE, fonts
from tests.support.browser import INIT_SCRIPT, is_local, launch_chromium
from tests.support.server import Server, wait_for_font_subsets
from tests.support.wire import WireTap

BEGIN_MARKER = "<!-- network: begin (written by benchmarks/network.py; kept by benchmarks/run.py) -->"
END_MARKER = "<!-- network: end -->"
# benchmarks/run.py rewrites BENCHMARKS.md above this line and keeps everything below it.
NOTES_MARKER = "<!-- notes: kept by benchmarks/run.py -->"
KIB = 1024
MIB = 1024 * 1024
TARGETS = {"first_visit_bytes": 1.2 * MIB, "first_visit_time_ratio": 0.75}
# The profile the time target is read on.
TARGET_PROFILE = "4 Mbit/s"
# How long the compressing dashboard may take to recompress what the warm-up visit fetched.
RECOMPRESSION_TIMEOUT_S = 300.0


@dataclass(frozen=True)
class Profile:
    """A network to emulate: throughputs in bits per second, round trip in ms."""

    name: str
    down_bps: int
    up_bps: int
    rtt_ms: int

    def conditions(self) -> dict:
        """Network.emulateNetworkConditions parameters (throughputs in bytes per second)."""
        return {
            "offline": False,
            "latency": self.rtt_ms,
            "downloadThroughput": self.down_bps / 8,
            "uploadThroughput": self.up_bps / 8,
        }

    def text(self) -> str:
        return f"{self.down_bps / 1e6:g} Mbit/s down, {self.up_bps / 1e3:g} kbit/s up, {self.rtt_ms} ms round trip"


PROFILES = [
    Profile("4 Mbit/s", down_bps=4_000_000, up_bps=1_000_000, rtt_ms=100),
    Profile("1.6 Mbit/s", down_bps=1_600_000, up_bps=750_000, rtt_ms=150),
]


@dataclass(frozen=True)
class Subject:
    """One column: an app script, started with or without the dashboard's compression."""

    key: str
    label: str
    app: str
    compression: bool = True


SUBJECTS = [
    Subject("minimal", "minimal app", MINIMAL),
    Subject("floor", "stack floor", FLOOR),
    Subject("dashboard", "dashboard", DASHBOARD),
    Subject("dashboard-off", "dashboard, compression off", DASHBOARD, compression=False),
]


@dataclass
class Visit:
    """One timed visit: seconds from navigation to landing page complete, and the bytes received."""

    seconds: float
    http_bytes: int
    websocket_bytes: int
    wire_bytes: int = 0

    @property
    def total_bytes(self) -> int:
        return self.http_bytes + self.websocket_bytes


@dataclass
class Samples:
    """Every visit of one subject on one profile, and the visits that failed."""

    first: list[Visit] = field(default_factory=list)
    repeat: list[Visit] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


@contextlib.contextmanager
def environment(name: str, value: str | None) -> Iterator[None]:
    """Set (or, with None, leave) one environment variable for the processes started inside."""
    previous = os.environ.get(name)
    if value is not None:
        os.environ[name] = value
    try:
        yield
    finally:
        if previous is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = previous


def start_server(subject: Subject, log_dir: Path) -> Server:
    """The subject's server, started (the compression switch is read by the server process at start)."""
    stem = Path(subject.app).stem + ("" if subject.compression else "-uncompressed")
    switch = None if subject.compression else "off"
    with environment(DISABLE_VARIABLE, switch), environment(fonts.DISABLE_VARIABLE, switch):
        return Server(subject.app, log_dir / f"network-{stem}.log").start()


def new_page(browser, external: list[str]):
    """A fresh context (empty cache) and page, probed; requests off loopback are recorded in external.

    Not aborted through Playwright's routing, as benchmarks/run.py does: routing switches the HTTP cache off,
    and the repeat visit measures that cache."""
    context = browser.new_context(viewport=VIEWPORT)
    context.add_init_script(INIT_SCRIPT)
    page = context.new_page()
    page.on("request", lambda request: external.append(request.url) if not is_local(request.url) else None)
    return context, page


def timed_visit(page, counter: ByteCounter, tap: WireTap, subject: Subject, url: str) -> Visit:
    """Navigate, wait for the landing page to be complete, then for the network to go idle; count what came."""
    counter.reset()
    tap.reset()
    started = time.perf_counter()
    # Not waiting for the load event: landing_complete waits for what the page needs, and nothing else.
    page.goto(url, wait_until="commit", timeout=180_000)
    landing_complete(page, subject.app)
    seconds = time.perf_counter() - started
    page.wait_for_load_state("networkidle", timeout=180_000)
    http_bytes, websocket_bytes = counter.reset()
    return Visit(seconds, http_bytes, websocket_bytes, tap.reset()[0])


def warm(browser, server: Server, subject: Subject, external: list[str]) -> None:
    """One unthrottled visit; for the compressing dashboard, then wait until its recompression is done."""
    if subject.app == DASHBOARD:
        server.wait_for_log("warm start", timeout=180)
        if subject.compression:
            wait_for_font_subsets(server.url, timeout_s=300)
    context, page = new_page(browser, external)
    try:
        page.goto(server.url, wait_until="commit", timeout=180_000)
        landing_complete(page, subject.app)
        page.wait_for_load_state("networkidle", timeout=180_000)
    finally:
        context.close()
    if subject.app == DASHBOARD and subject.compression:
        # A request the browser did not make, sent last: the main bundle as gzip (Chromium asks for br). Its body
        # is recompressed after every body of the warm-up visit (one background thread, first in first out), and
        # the log line that ends that batch names it.
        with urllib.request.urlopen(server.url + "/", timeout=60) as response:
            bundle = "/" + re.search(r'src="\.?/?(static/js/index\.[^"]+\.js)"', response.read().decode()).group(1)
        request = urllib.request.Request(server.url + bundle, headers={"Accept-Encoding": "gzip"})
        with urllib.request.urlopen(request, timeout=60) as response:
            response.read()
        pattern = r"compression: .*last: " + re.escape(f"{bundle} (gzip)")
        server.wait_for_log(pattern, timeout=RECOMPRESSION_TIMEOUT_S)


def visit_pair(
    browser, server: Server, tap: WireTap, subject: Subject, profile: Profile, external: list[str]
) -> tuple[Visit, Visit]:
    """A first visit (fresh context) and a repeat visit (same context) on the profile's network, through the tap."""
    context, page = new_page(browser, external)
    try:
        counter = ByteCounter(context, page)
        counter.session.send("Network.emulateNetworkConditions", profile.conditions())
        first = timed_visit(page, counter, tap, subject, tap.url)
        repeat = timed_visit(page, counter, tap, subject, tap.url)
    finally:
        context.close()
    return first, repeat


def measure(rounds: int, subjects: list[Subject], log_dir: Path) -> tuple[dict, list[str], str]:
    """{(subject label, profile name): Samples}, the off-loopback requests, and Chromium's version."""
    results = {(subject.label, profile.name): Samples() for subject in subjects for profile in PROFILES}
    external: list[str] = []
    servers: dict[str, Server] = {}
    taps: dict[str, WireTap] = {}
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        try:
            for subject in subjects:
                servers[subject.label] = start_server(subject, log_dir)
            for subject in subjects:
                servers[subject.label].wait_ready(timeout=180)
                taps[subject.label] = WireTap(servers[subject.label].port).start()
                print(f"warming {subject.label} …", flush=True)
                warm(browser, servers[subject.label], subject, external)
            for round_ in range(rounds):
                for profile in PROFILES:
                    # Each round and profile, a different app goes first.
                    shift = (round_ + PROFILES.index(profile)) % len(subjects)
                    for subject in subjects[shift:] + subjects[:shift]:
                        print(f"round {round_ + 1}/{rounds}, {profile.name}: {subject.label} …", flush=True)
                        samples = results[(subject.label, profile.name)]
                        try:
                            first, repeat = visit_pair(
                                browser, servers[subject.label], taps[subject.label], subject, profile, external
                            )
                        except Exception as error:
                            # One failed visit is reported with the figures; it does not end the run.
                            message = str(error).splitlines()[0] if str(error) else ""
                            samples.errors.append(f"round {round_ + 1}: {type(error).__name__}: {message}")
                            print(f"  failed: {samples.errors[-1]}", flush=True)
                            continue
                        samples.first.append(first)
                        samples.repeat.append(repeat)
            chromium = browser.version
        finally:
            browser.close()
            for tap in taps.values():
                tap.stop()
            for server in servers.values():
                server.stop()
    return results, list(dict.fromkeys(external)), chromium


def median_visit(visits: list[Visit]) -> Visit:
    """The median of each figure over the visits."""
    return Visit(
        statistics.median(visit.seconds for visit in visits),
        round(statistics.median(visit.http_bytes for visit in visits)),
        round(statistics.median(visit.websocket_bytes for visit in visits)),
        round(statistics.median(visit.wire_bytes for visit in visits)),
    )


def time_text(visits: list[Visit]) -> str:
    if not visits:
        return "n/a"
    samples = ", ".join(f"{visit.seconds:.2f}" for visit in visits)
    return f"{median_visit(visits).seconds:.2f} s ({samples})"


def bytes_text(visits: list[Visit]) -> str:
    if not visits:
        return "n/a"
    middle = median_visit(visits)
    return (
        f"{middle.total_bytes / KIB:,.1f} KiB (HTTP {middle.http_bytes / KIB:,.1f} + "
        f"websocket {middle.websocket_bytes / KIB:,.1f})"
    )


def wire_text(visits: list[Visit]) -> str:
    if not visits:
        return "n/a"
    samples = ", ".join(f"{visit.wire_bytes / KIB:,.1f}" for visit in visits)
    return f"{median_visit(visits).wire_bytes / KIB:,.1f} KiB ({samples})"


def report(results: dict, subjects: list[Subject], rounds: int, external: list[str], chromium: str, command: str):
    """The section of BENCHMARKS.md, between its markers."""
    info = machine()
    header = "| measure | " + " | ".join(subject.label for subject in subjects) + " |"
    lines = [
        BEGIN_MARKER,
        "",
        "## Real network: first and repeat visits",
        "",
        "Each app over an emulated network in headless Chromium (DevTools network emulation), the apps taking "
        "turns: a first visit with an empty browser cache and a repeat visit in the same browser context, from "
        "navigation to the landing page complete. The dashboard compresses its HTTP responses (serve/compression.py"
        ") and serves subsets of Streamlit's fonts (serve/fonts.py); the column with compression off is the same "
        "server with both switched off (GDC_HTTP_COMPRESSION=off, GDC_FONT_SUBSETS=off), the minimal app and the "
        "stack floor are plain `streamlit run` scripts (no middleware). Bytes received (DevTools): HTTP as "
        "transferred (headers and encoded bodies) plus websocket payload as decoded (permessage-deflate is on for "
        "all, and undone before DevTools counts: an upper bound). Bytes on the wire: the TCP payload the server "
        "sent, counted by a loopback relay (websocket frames as compressed). How each figure is measured: the "
        "docstring of `benchmarks/network.py`.",
        "",
        f"- Date: {dt.datetime.now().astimezone().strftime('%Y-%m-%d %H:%M %Z')}",
        f"- Command: `{command}`; median of {rounds} round(s), samples in brackets",
        f"- Machine: {info['nproc']} CPUs ({info['cpu']}); browser and servers share them",
        f"- Versions: Python {info['python']}, Streamlit {info['streamlit']}, Chromium {chromium}",
        *[f"- Profile {profile.name}: {profile.text()}" for profile in PROFILES],
        "",
        header,
        "| --- |" + " ---: |" * len(subjects),
    ]
    for profile in PROFILES:
        for name, attribute, text in [
            ("first visit: navigation → landing page complete", "first", time_text),
            ("first visit: bytes received (DevTools)", "first", bytes_text),
            ("first visit: bytes on the wire (TCP, server → browser)", "first", wire_text),
            ("repeat visit: navigation → landing page complete", "repeat", time_text),
            ("repeat visit: bytes received (DevTools)", "repeat", bytes_text),
            ("repeat visit: bytes on the wire (TCP, server → browser)", "repeat", wire_text),
        ]:
            cells = [text(getattr(results[(subject.label, profile.name)], attribute)) for subject in subjects]
            lines.append(f"| {profile.name}, {name} | " + " | ".join(cells) + " |")
    lines += ["", *targets(results, subjects), ""]
    for subject in subjects:
        for profile in PROFILES:
            errors = results[(subject.label, profile.name)].errors
            if errors:
                lines += [f"Failed visits, {subject.label}, {profile.name}:", "", *[f"- {e}" for e in errors], ""]
    if external:
        lines += ["Requests to hosts other than loopback:", "", *[f"- {url}" for url in external[:10]], ""]
    lines.append(END_MARKER)
    return "\n".join(lines)


def targets(results: dict, subjects: list[Subject]) -> list[str]:
    """The targets table, when the dashboard and the minimal app were both measured."""
    labels = {subject.label for subject in subjects}
    if not {"dashboard", "minimal app"} <= labels:
        return []
    if not (results[("dashboard", TARGET_PROFILE)].first and results[("minimal app", TARGET_PROFILE)].first):
        return ["Targets: not evaluated (failed visits, listed below)."]
    mark = {True: "met", False: "**missed**"}
    dashboard = median_visit(results[("dashboard", TARGET_PROFILE)].first)
    minimal = median_visit(results[("minimal app", TARGET_PROFILE)].first)
    ratio = dashboard.seconds / minimal.seconds
    return [
        "| target (dashboard) | value | result |",
        "| --- | ---: | --- |",
        f"| first visit ≤ {TARGETS['first_visit_bytes'] / MIB:.1f} MiB on the wire ({TARGET_PROFILE}) | "
        f"{dashboard.wire_bytes / MIB:.2f} MiB | {mark[dashboard.wire_bytes <= TARGETS['first_visit_bytes']]} |",
        f"| (the same, DevTools' upper bound: websocket counted uncompressed) | "
        f"{dashboard.total_bytes / MIB:.2f} MiB | {mark[dashboard.total_bytes <= TARGETS['first_visit_bytes']]} |",
        f"| first visit on {TARGET_PROFILE} ≤ {TARGETS['first_visit_time_ratio']}× the minimal app's time, both "
        "served directly (for the reading behind the production front: benchmarks/http2.py's section) | "
        f"{dashboard.seconds:.2f} / {minimal.seconds:.2f} s = {ratio:.2f}× | "
        f"{mark[ratio <= TARGETS['first_visit_time_ratio']]} |",
    ]


def write_section(path: Path, section: str, begin: str = BEGIN_MARKER, end: str = END_MARKER) -> None:
    """Put the section (which starts with `begin` and ends with `end`) in place of the previous one, or just below
    benchmarks/run.py's notes marker (so its rewrites keep it); everything else in the file stays as it is."""
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    if begin in text and end in text:
        before, _, rest = text.partition(begin)
        after = rest.partition(end)[2]
        text = before + section + after
    elif NOTES_MARKER in text:
        before, _, after = text.partition(NOTES_MARKER)
        text = before + NOTES_MARKER + "\n\n" + section + "\n" + after
    else:
        text = text + ("\n" if text else "") + NOTES_MARKER + "\n\n" + section + "\n"
    path.write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    """Measure every subject on every profile and write the section."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3, help="rounds; the median is reported (default 3)")
    parser.add_argument(
        "--apps",
        nargs="+",
        choices=[subject.key for subject in SUBJECTS],
        default=[subject.key for subject in SUBJECTS],
        help="columns to measure (default: all four)",
    )
    parser.add_argument("--output", type=Path, default=OUTPUT, help="file to write the section into")
    parser.add_argument("--no-write", action="store_true", help="print the section only")
    args = parser.parse_args(argv)
    if args.rounds < 1:
        parser.error("--rounds must be at least 1")
    subjects = [subject for subject in SUBJECTS if subject.key in args.apps]
    command = (
        "make bench-network"
        if argv is None and len(sys.argv) == 1
        else "python -m benchmarks.network " + " ".join(sys.argv[1:] if argv is None else argv)
    )
    log_dir = Path(tempfile.mkdtemp(prefix="gdc-bench-network-"))
    results, external, chromium = measure(args.rounds, subjects, log_dir)
    section = report(results, subjects, args.rounds, external, chromium, command)
    print(section)
    if not args.no_write:
        write_section(args.output, section)
    print(f"server logs: {log_dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
