"""First visits through nginx with TLS, over HTTP/1.1 and over HTTP/2: what `--tls-cert` in deploy/replicas.py buys.

Run: python -m benchmarks.http2 [--rounds N] [--no-write]; `make bench` runs it last. It writes its own section of
BENCHMARKS.md (between its markers, kept by benchmarks/run.py's rewrites) with issue 14's first-visit time target read
where a shared link is served in production: behind this front, over HTTP/2. Not part of the test suite.

The minimal app and the dashboard are each served by `streamlit run` (as in benchmarks/network.py) behind their own
nginx, configured by deploy/replicas.py's nginx_config with one upstream (the production configuration) and a
throwaway self-signed certificate (Debian's openssl; Chromium is told to accept it). The HTTP/1.1 column is the same
configuration without the `http2` flag. Each first visit is a fresh browser context on the 4 Mbit/s profile of
benchmarks/network.py, timed from navigation to the landing page complete (benchmarks/run.py's landing_complete);
the apps and protocols take turns. A visit that fails is reported with the figures and does not end the run.
nginx does not compress (the dashboard compresses its own responses, the
minimal app sends them as Streamlit does).
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import math
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

from benchmarks.network import (
    PROFILES,
    TARGET_PROFILE,
    TARGETS,
    Profile,
    Subject,
    new_page,
    start_server,
    warm,
    write_section,
)
from benchmarks.run import DASHBOARD, MINIMAL, OUTPUT, landing_complete, machine
from deploy.replicas import Tls, answers, find_nginx, nginx_config
from tests.support.browser import CHROMIUM_ARGS, CHROMIUM_PATH
from tests.support.server import free_port
from tests.support.tls import self_signed_certificate

APPS = [Subject("minimal", "minimal app", MINIMAL), Subject("dashboard", "dashboard", DASHBOARD)]
PROTOCOLS = ["HTTP/1.1", "HTTP/2"]
# The protocol of the production front (README: Running in production), on which the time target is read here.
PRODUCTION = "HTTP/2"
BEGIN_MARKER = "<!-- http2: begin (written by benchmarks/http2.py; kept by benchmarks/run.py) -->"
END_MARKER = "<!-- http2: end -->"


def start_front(nginx: str, folder: Path, app_port: int, tls: Tls, http2: bool) -> tuple[subprocess.Popen, str]:
    """nginx on a free port in front of one app; its process and https URL."""
    folder.mkdir(parents=True)
    port = free_port()
    config = nginx_config(port, [app_port], folder, tls)
    if not http2:
        if " ssl http2;" not in config:
            raise RuntimeError("nginx_config's listen line has changed: cannot make the HTTP/1.1 variant")
        config = config.replace(" ssl http2;", " ssl;")
    path = folder / "nginx.conf"
    path.write_text(config, encoding="utf-8")
    command = [nginx, "-p", str(folder), "-c", str(path), "-e", "stderr", "-g", "daemon off;"]
    with (folder / "nginx.log").open("wb") as log:
        process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
    return process, f"https://127.0.0.1:{port}"


def wait_for_front(process: subprocess.Popen, url: str, timeout_s: float = 30.0) -> None:
    """Until nginx answers url's health check (through to its app); raise if nginx exits or time runs out."""
    deadline = time.monotonic() + timeout_s
    while not answers(f"{url}/_stcore/health"):
        if process.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError(f"nginx in front of {url} did not answer (exit status {process.poll()})")
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(timeout=0.2)


def median_text(samples: list[float]) -> str:
    """'4.48 s (4.98, failed, …)': the median, a failed visit counting as endless, then every sample."""
    if not samples:
        return "n/a"
    middle = statistics.median(samples)
    shown = ", ".join("failed" if math.isinf(t) else f"{t:.2f}" for t in samples)
    return f"{'failed' if math.isinf(middle) else f'{middle:.2f} s'} ({shown})"


def ratio_text(minimal: list[float], dashboard: list[float]) -> str:
    if not (minimal and dashboard) or math.isinf(statistics.median(minimal) + statistics.median(dashboard)):
        return "n/a"
    return f"{statistics.median(dashboard) / statistics.median(minimal):.2f}×"


def target_lines(times: dict[tuple[str, str], list[float]]) -> list[str]:
    """The time target read behind the production front; not evaluated when a median is of failed visits."""
    minimal, dashboard = times["minimal", PRODUCTION], times["dashboard", PRODUCTION]
    if ratio_text(minimal, dashboard) == "n/a":
        return ["Target: not evaluated (failed visits, listed below)."]
    ratio = statistics.median(dashboard) / statistics.median(minimal)
    limit = TARGETS["first_visit_time_ratio"]
    result = "met" if ratio <= limit else "**missed**"
    return [
        "| target (dashboard) | value | result |",
        "| --- | ---: | --- |",
        f"| first visit on {TARGET_PROFILE} ≤ {limit}× the minimal app's time, both behind the production front "
        f"({PRODUCTION}) | {statistics.median(dashboard):.2f} / {statistics.median(minimal):.2f} s = {ratio:.3f}× "
        f"| {result} |",
    ]


def report(
    times: dict[tuple[str, str], list[float]],
    errors: list[str],
    profile: Profile,
    rounds: int,
    chromium: str,
    command: str,
) -> str:
    """The section of BENCHMARKS.md, between its markers."""
    info = machine()
    lines = [
        BEGIN_MARKER,
        "",
        "## Behind the production front: first visits through nginx with TLS, HTTP/1.1 and HTTP/2",
        "",
        "The minimal app and the dashboard, each served by `streamlit run` behind its own nginx configured as in "
        "production (deploy/replicas.py, one upstream, TLS with a throwaway certificate); the HTTP/1.1 row is the "
        "same configuration without `http2`. A fresh browser context per visit, navigation → landing page "
        "complete; the apps and protocols take turns; a failed visit counts as an endless one in the median. nginx does not compress: the dashboard compresses its own "
        "responses, the minimal app sends them as Streamlit does. How each figure is measured: the docstring of "
        "`benchmarks/http2.py`.",
        "",
        f"- Date: {dt.datetime.now().astimezone().strftime('%Y-%m-%d %H:%M %Z')}",
        f"- Command: `{command}`; median of {rounds} round(s), samples in brackets",
        f"- Machine: {info['nproc']} CPUs ({info['cpu']}); browser, nginx and servers share them",
        f"- Versions: Python {info['python']}, Streamlit {info['streamlit']}, Chromium {chromium}",
        f"- Profile {profile.name}: {profile.text()}",
        "",
        "| first visit, through nginx with TLS | minimal app | dashboard | dashboard / minimal |",
        "| --- | ---: | ---: | ---: |",
    ]
    for protocol in PROTOCOLS:
        minimal, dashboard = times["minimal", protocol], times["dashboard", protocol]
        ratio = ratio_text(minimal, dashboard)
        lines.append(f"| {protocol} | {median_text(minimal)} | {median_text(dashboard)} | {ratio} |")
    lines += ["", *target_lines(times), ""]
    if errors:
        lines += ["Failed visits:", "", *[f"- {error}" for error in errors], ""]
    lines.append(END_MARKER)
    return "\n".join(lines)


def timed_visit(browser, url: str, app: Subject, profile: Profile, external: list[str]) -> tuple[float, str]:
    """One first visit in a fresh context on the profile's network: seconds to landing page complete, protocol."""
    context, page = new_page(browser, external)
    try:
        session = context.new_cdp_session(page)
        session.send("Network.enable")
        session.send("Network.emulateNetworkConditions", profile.conditions())
        started = time.perf_counter()
        page.goto(url, wait_until="commit", timeout=180_000)
        landing_complete(page, app.app)
        seconds = time.perf_counter() - started
        return seconds, page.evaluate("performance.getEntriesByType('navigation')[0].nextHopProtocol")
    finally:
        context.close()


def visit_in_turns(
    browser, fronts: dict[tuple[str, str], tuple[subprocess.Popen, str]], profile: Profile, rounds: int
) -> tuple[dict[tuple[str, str], list[float]], list[str]]:
    """{(app key, protocol): seconds of each first visit} and the failed visits, the apps and protocols taking turns."""
    times: dict[tuple[str, str], list[float]] = {(app.key, protocol): [] for app in APPS for protocol in PROTOCOLS}
    errors: list[str] = []
    external: list[str] = []
    turns = [(app, protocol) for app in APPS for protocol in PROTOCOLS]
    for round_ in range(rounds):
        shift = round_ % len(turns)
        for app, protocol in turns[shift:] + turns[:shift]:
            try:
                seconds, hop = timed_visit(browser, fronts[app.key, protocol][1], app, profile, external)
                if hop != ("h2" if protocol == "HTTP/2" else "http/1.1"):
                    raise RuntimeError(f"{protocol} was asked for, the page came over {hop}")
            except Exception as error:
                # A failed visit counts as an endless one in the median (it does not flatter the app that failed),
                # is listed with the figures, and does not end the run.
                message = str(error).splitlines()[0] if str(error) else ""
                errors.append(f"round {round_ + 1}, {app.label}, {protocol}: {type(error).__name__}: {message}")
                print(f"  failed: {errors[-1]}", flush=True)
                times[app.key, protocol].append(math.inf)
                continue
            times[app.key, protocol].append(seconds)
            print(f"{app.label}, {protocol} ({hop}): {seconds:.2f} s", flush=True)
    if external:
        raise RuntimeError(f"requests left loopback: {external[:5]}")
    return times, errors


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=4, help="rounds; the median is reported (default 4)")
    parser.add_argument("--output", type=Path, default=OUTPUT, help="file to write the section into")
    parser.add_argument("--no-write", action="store_true", help="print the section only")
    args = parser.parse_args(argv)
    if args.rounds < 1:
        parser.error("--rounds must be at least 1")
    command = "python -m benchmarks.http2 " + " ".join(sys.argv[1:] if argv is None else argv)
    nginx = find_nginx()
    if nginx is None:
        print("nginx not found (apt-get install nginx)", file=sys.stderr)
        return 1
    profile = next(profile for profile in PROFILES if profile.name == TARGET_PROFILE)
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        tls = self_signed_certificate(folder)
        servers = {app.key: start_server(app, folder) for app in APPS}
        fronts: dict[tuple[str, str], tuple[subprocess.Popen, str]] = {}
        try:
            for app in APPS:
                servers[app.key].wait_ready(timeout=180)
                for protocol in PROTOCOLS:
                    where = folder / f"{app.key}-{protocol[-1]}"
                    fronts[app.key, protocol] = start_front(
                        nginx, where, servers[app.key].port, tls, protocol == "HTTP/2"
                    )
            for process, url in fronts.values():
                wait_for_front(process, url)
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(
                    executable_path=str(CHROMIUM_PATH), args=[*CHROMIUM_ARGS, "--ignore-certificate-errors"]
                )
                try:
                    for app in APPS:
                        warm(browser, servers[app.key], app, [])
                    times, errors = visit_in_turns(browser, fronts, profile, args.rounds)
                    chromium = browser.version
                finally:
                    browser.close()
        finally:
            for process, _ in fronts.values():
                process.terminate()
                process.wait()
            for server in servers.values():
                server.stop()
    section = report(times, errors, profile, args.rounds, chromium, command)
    print(section)
    if not args.no_write:
        write_section(args.output, section, BEGIN_MARKER, END_MARKER)
    return 0


if __name__ == "__main__":
    sys.exit(main())
