"""Drive headless Chromium the same way for the browser tests and the benchmark (benchmarks/run.py imports it).

Holds the page instrumentation both use: an init script that timestamps every script_finished
message on Streamlit's websocket (the DOM's data-test-script-state attribute misses short reruns because
React batches the running/notRunning updates), plus helpers to read the deck.gl map spec from the
websocket frames and to project a longitude/latitude onto the map canvas.
"""

from __future__ import annotations

import json
import math
import os
import re
from pathlib import Path
from urllib.parse import urlsplit

CHROMIUM_PATH = Path(os.environ.get("GDC_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    # deck.gl needs WebGL; without a GPU, SwiftShader provides it.
    "--enable-unsafe-swiftshader",
    "--use-angle=swiftshader",
]
LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1", "[::1]"}
APP_IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'

# Runs before Streamlit's own scripts. Decodes only the top level of each ForwardMsg (protobuf): field 6
# is script_finished (a varint status; 0 = finished, 2 = stopped early for a rerun).
INIT_SCRIPT = r"""
(() => {
  const probe = {finished: [], clicks: [], bytesReceived: 0, framesReceived: 0};
  window.__gdcProbe = probe;
  document.addEventListener('pointerdown', () => probe.clicks.push(performance.now()), true);
  const scriptFinishedStatus = (bytes) => {
    let i = 0;
    const varint = () => {
      let result = 0, shift = 0, b;
      do { b = bytes[i++]; result += (b & 0x7f) * 2 ** shift; shift += 7; } while (b & 0x80 && i < bytes.length);
      return result;
    };
    while (i < bytes.length) {
      const tag = varint(), fieldNumber = Math.floor(tag / 8), wireType = tag & 7;
      if (wireType === 0) { const value = varint(); if (fieldNumber === 6) return value; }
      else if (wireType === 1) i += 8;
      else if (wireType === 2) { const length = varint(); i += length; }
      else if (wireType === 5) i += 4;
      else return null;
    }
    return null;
  };
  const NativeWebSocket = window.WebSocket;
  class ProbedWebSocket extends NativeWebSocket {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', (event) => {
        if (!(event.data instanceof ArrayBuffer)) return;
        probe.bytesReceived += event.data.byteLength;
        probe.framesReceived += 1;
        const status = scriptFinishedStatus(new Uint8Array(event.data));
        if (status === null) return;
        // [received, status, painted]: painted is the end of the second animation frame after the message,
        // i.e. once the front end has committed and painted what the finished run drew.
        const entry = [performance.now(), status, null];
        probe.finished.push(entry);
        requestAnimationFrame(() => requestAnimationFrame(() => { entry[2] = performance.now(); }));
      });
    }
  }
  window.WebSocket = ProbedWebSocket;
})();
"""


def chromium_available() -> bool:
    """Whether the Debian Chromium binary the tests drive is installed."""
    return CHROMIUM_PATH.is_file() and os.access(CHROMIUM_PATH, os.X_OK)


def is_local(url: str) -> bool:
    """True for URLs served by this machine's loopback (and for data:/blob: URLs, which need no host)."""
    parts = urlsplit(url)
    if parts.scheme in {"data", "blob", "about", "chrome-error"}:
        return True
    return (parts.hostname or "") in LOCAL_HOSTS


def launch_chromium(playwright):
    """Headless Debian Chromium with the flags this machine needs (Playwright cannot download browsers here)."""
    return playwright.chromium.launch(executable_path=str(CHROMIUM_PATH), args=CHROMIUM_ARGS)


def finished_count(page) -> int:
    """How many script_finished messages this page has received so far."""
    return page.evaluate("window.__gdcProbe.finished.length")


def wait_for_rerun(page, previous_count: int, timeout_ms: float = 60_000) -> None:
    """Wait until a script run that was not cut short by a rerun finishes (and is painted) after previous_count."""
    page.wait_for_function(
        "n => window.__gdcProbe.finished.slice(n).some(([, status, painted]) => painted !== null && status !== 2)",
        arg=previous_count,
        timeout=timeout_ms,
        polling=10,
    )


def deck_specs(frames: list[bytes]) -> list[dict]:
    """Every deck.gl JSON spec found in the websocket frames (pydeck charts travel as a JSON string)."""
    decoder = json.JSONDecoder()
    specs = []
    for frame in frames:
        text = frame.decode("utf-8", errors="replace") if isinstance(frame, bytes) else frame
        for match in re.finditer(r'\{"initialViewState"|\{"layers"|\{"mapStyle"|\{"mapProvider"', text):
            try:
                spec, _ = decoder.raw_decode(text, match.start())
            except json.JSONDecodeError:
                continue
            if isinstance(spec, dict) and "layers" in spec:
                specs.append(spec)
    return specs


def mercator_pixel(view_state: dict, width: float, height: float, longitude: float, latitude: float):
    """Where (longitude, latitude) lands on a width x height deck.gl canvas (Web Mercator, no pitch/bearing)."""
    world = 512 * 2 ** view_state["zoom"]

    def project(lon: float, lat: float) -> tuple[float, float]:
        x = (lon + 180) / 360 * world
        y = (1 - math.log(math.tan(math.pi / 4 + math.radians(lat) / 2)) / math.pi) / 2 * world
        return x, y

    center_x, center_y = project(view_state["longitude"], view_state["latitude"])
    x, y = project(longitude, latitude)
    return width / 2 + (x - center_x), height / 2 + (y - center_y)
