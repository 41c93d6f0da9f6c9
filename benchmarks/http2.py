"""First visits through nginx with TLS, over HTTP/1.1 and over HTTP/2: what `--tls-cert` in deploy/replicas.py buys.

Run: python -m benchmarks.http2 [--rounds N]  (prints a table; not part of the test suite or of `make bench`)

The minimal app and the dashboard are each served by `streamlit run` (as in benchmarks/network.py) behind their own
nginx, configured by deploy/replicas.py's nginx_config with one upstream (the production configuration) and a
throwaway self-signed certificate (Debian's openssl; Chromium is told to accept it). The HTTP/1.1 column is the same
configuration without the `http2` flag. Each first visit is a fresh browser context on the 4 Mbit/s profile of
benchmarks/network.py, timed from navigation to the landing page complete (benchmarks/run.py's landing_complete);
the apps and protocols take turns. nginx does not compress (the dashboard compresses its own responses, the
minimal app sends them as Streamlit does).
"""

from __future__ import annotations

import argparse
import contextlib
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

from benchmarks.network import PROFILES, TARGET_PROFILE, Profile, Subject, new_page, start_server, warm
from benchmarks.run import DASHBOARD, MINIMAL, landing_complete
from deploy.replicas import Tls, answers, find_nginx, nginx_config
from tests.support.browser import CHROMIUM_ARGS, CHROMIUM_PATH
from tests.support.server import free_port
from tests.support.tls import self_signed_certificate

APPS = [Subject("minimal", "minimal app", MINIMAL), Subject("dashboard", "dashboard", DASHBOARD)]
PROTOCOLS = ["HTTP/1.1", "HTTP/2"]


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


def report(times: dict[tuple[str, str], list[float]], profile: Profile, rounds: int) -> None:
    """The Markdown table of medians and samples."""
    print(f"\nFirst visit, {profile.name} ({profile.text()}), median of {rounds} (samples):\n")
    print("| through nginx with TLS | minimal app | dashboard | dashboard / minimal |")
    print("| --- | ---: | ---: | ---: |")
    for protocol in PROTOCOLS:
        minimal = statistics.median(times["minimal", protocol])
        dashboard = statistics.median(times["dashboard", protocol])
        samples = {key: ", ".join(f"{t:.2f}" for t in times[key, protocol]) for key in ("minimal", "dashboard")}
        print(
            f"| {protocol} | {minimal:.2f} s ({samples['minimal']}) | {dashboard:.2f} s ({samples['dashboard']}) | "
            f"{dashboard / minimal:.2f}× |"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=4)
    args = parser.parse_args(argv)
    nginx = find_nginx()
    if nginx is None:
        print("nginx not found (apt-get install nginx)", file=sys.stderr)
        return 1
    profile = next(profile for profile in PROFILES if profile.name == TARGET_PROFILE)
    times: dict[tuple[str, str], list[float]] = {(app.key, protocol): [] for app in APPS for protocol in PROTOCOLS}
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
                external: list[str] = []
                for app in APPS:
                    warm(browser, servers[app.key], app, external)
                turns = [(app, protocol) for app in APPS for protocol in PROTOCOLS]
                for round_ in range(args.rounds):
                    shift = round_ % len(turns)
                    for app, protocol in turns[shift:] + turns[:shift]:
                        context, page = new_page(browser, external)
                        session = context.new_cdp_session(page)
                        session.send("Network.enable")
                        session.send("Network.emulateNetworkConditions", profile.conditions())
                        started = time.perf_counter()
                        page.goto(fronts[app.key, protocol][1], wait_until="commit", timeout=180_000)
                        landing_complete(page, app.app)
                        seconds = time.perf_counter() - started
                        hop = page.evaluate("performance.getEntriesByType('navigation')[0].nextHopProtocol")
                        context.close()
                        times[app.key, protocol].append(seconds)
                        print(f"{app.label}, {protocol} ({hop}): {seconds:.2f} s", flush=True)
                browser.close()
        finally:
            for process, _ in fronts.values():
                process.terminate()
                process.wait()
            for server in servers.values():
                server.stop()
    report(times, profile, args.rounds)
    return 0


if __name__ == "__main__":
    sys.exit(main())
