"""Start a Streamlit app as a real `streamlit run` server, the same way for the tests and the benchmark.

The browser tests, the warm-start test (tests/app/test_warmup.py) and benchmarks/run.py all use Server; it
lives with the tests so they import nothing from benchmarks/.
"""

from __future__ import annotations

import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    """A TCP port nobody listens on right now (the OS picks it)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Server:
    """One `streamlit run` process on a free port, its log in a file."""

    app: str
    log_path: Path
    port: int = field(default_factory=free_port)
    process: subprocess.Popen | None = None
    started_at: float = 0.0

    @property
    def url(self) -> str:
        """The base URL, always on loopback."""
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> Server:
        """Launch the server process (returns at once; call wait_ready next)."""
        command = [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            self.app,
            "--server.port",
            str(self.port),
            "--server.address",
            "127.0.0.1",
            "--server.headless",
            "true",
            "--browser.gatherUsageStats",
            "false",
        ]
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        log = self.log_path.open("wb")
        self.started_at = time.perf_counter()
        self.process = subprocess.Popen(command, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
        log.close()
        return self

    def _poll(self, check, timeout: float, failure: str):
        """Call check() until it returns something other than None; raise with the log if the process exits first
        or the timeout passes (failure: what did not happen, for the message)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"streamlit exited with {self.process.returncode}:\n{self.log()}")
            found = check()
            if found is not None:
                return found
            # A short back-off between polls of a process that is still starting; not a test wait.
            time.sleep(0.1)
        raise TimeoutError(f"{failure} within {timeout:.0f} s:\n{self.log()}")

    def wait_ready(self, timeout: float = 60.0) -> float:
        """Poll /_stcore/health until it answers ok; return seconds since start. Raises with the log on failure."""

        def answered() -> float | None:
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2) as response:
                    if response.status == 200:
                        return time.perf_counter() - self.started_at
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            return None

        return self._poll(answered, timeout, f"streamlit did not answer on {self.url}")

    def wait_for_log(self, pattern: str, timeout: float = 60.0) -> str:
        """Poll the log until a line matches the regular expression; return that line. Raises with the log."""

        def logged() -> str | None:
            match = re.search(f"^.*(?:{pattern}).*$", self.log(), re.MULTILINE)
            return match.group(0) if match else None

        return self._poll(logged, timeout, f"no log line matching {pattern!r}")

    def log(self) -> str:
        """Everything the server wrote so far."""
        return self.log_path.read_text(encoding="utf-8", errors="replace") if self.log_path.exists() else ""

    def rss_kib(self) -> int:
        """Resident memory of the server process (VmRSS from /proc), in KiB."""
        status = Path(f"/proc/{self.process.pid}/status").read_text()
        return int(re.search(r"^VmRSS:\s+(\d+) kB", status, re.MULTILINE).group(1))

    def stop(self) -> None:
        """Terminate, then kill if it does not exit within 10 s."""
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)


def wait_for_font_subsets(base: str, timeout_s: float = 180) -> None:
    """Wait until the dashboard at base serves every font subset (serve/fonts.py: made in the background at its
    start, or read from the cache). A subset's ETag names its font; Streamlit's own does not."""
    from serve import fonts

    deadline = time.monotonic() + timeout_s
    for plan in fonts.plans(fonts.streamlit_static_dir()):
        name = plan.font_path.name
        while True:
            head = urllib.request.Request(f"{base}/static/media/{name}", method="HEAD")
            with urllib.request.urlopen(head, timeout=30) as response:
                if response.headers.get("ETag", "").startswith('"' + name.split(".")[0] + "-"):
                    break
            if time.monotonic() > deadline:
                raise TimeoutError(f"{name}: no subset served after {timeout_s:.0f} s")
            time.sleep(0.5)
