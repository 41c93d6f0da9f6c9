"""Capacity at the protocol level: how many simulated users one server process carries, dashboard against floor.

Run: make capacity (python -m benchmarks.capacity). Not part of the test suite: figures depend on the machine.
Options: --apps floor,dashboard  --users 10,20,50,100  --seconds 60 (measured per level)  --think 4 (seconds
between a run's end and the user's next request, ± --jitter 0.25 of it)  --ramp 5 (seconds over which a level's
users arrive)  --url URL (drive a server that is already running, e.g. behind nginx; one app)  --pid 1,2 or
--server-ports 8501,8502 (the processes whose CPU and memory to read for --url; default: whoever listens on the
URL's port)  --no-write (print only).

No browser: every simulated user speaks Streamlit's WebSocket protocol itself (tests/support/st_protocol.py) and
behaves as tests/support/load.py describes: it lands on the app with `?city=<adcode>`, then asks for a rerun with
the next of the 21 Guangdong cities (data/cities.csv) about every --think seconds. Each run is checked: a fresh
run (new script_run_id) that finished successfully, drew something, showed no exception and, for the apps that
read the filter, shows the new city and no longer the previous one (the dashboard: its page links carry
`city=<adcode>`; the floor: its filtered frame holds the adcode).

Each app gets its own `streamlit run` server on a free loopback port, started once and kept for all levels; before
the first level one user runs through every city once (untimed: the dashboard memoises per filter set, so the
levels measure a warm server). The apps take turns level by level, so a busy moment of the machine hits both.
Per level and app: successful reruns per second and their p50 and p95 latency (BackMsg sent -> script_finished),
over a window of --seconds that starts after the ramp-up; errors over the whole level; the server's CPU time over
the window (user + system of the process and its children, /proc) per successful rerun, and the share of it spent
in the server's main thread (the event loop: WebSocket I/O, sending the messages; the rest is the script threads:
the run itself and the garbage collection after it); the server's RSS at the end of the window with the level's
sessions still open; and the driver's own CPU per rerun (it shares the machine).
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import datetime as dt
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from benchmarks.run import NOTES_MARKER, machine
from gdclusters.i18n import t
from tests.support import proc_stats
from tests.support.capacity_report import error_lines, markdown_table, replace_section
from tests.support.load import LevelResult, LoadPlan, QueryCheck, run_level
from tests.support.server import ROOT, Server
from tests.support.st_protocol import SessionLost, StreamlitSession

OUTPUT = ROOT / "BENCHMARKS.md"
HEADING = "## Capacity (protocol level): `make capacity`"
with (ROOT / "data" / "cities.csv").open(encoding="utf-8") as _handle:
    CITY_CODES = tuple(row["adcode"] for row in csv.DictReader(_handle))
# Patience for a server's first answer, and for the dashboard's warm start (its log line) after it.
START_TIMEOUT_S = 120.0
# A pause between two apps' turns, so that one level's closing sessions are not the next one's load.
SETTLE_S = 3.0
# How long an idle server's CPU use is sampled after the warm-up (it is part of every level's figure).
IDLE_S = 5.0


@dataclass(frozen=True)
class App:
    """An app to drive: its script, how its runs are checked, and the log line that says it has warmed up."""

    name: str
    script: str
    check: QueryCheck
    ready_log: str | None = None


APPS = {
    "floor": App("floor", "benchmarks/floor_app.py", QueryCheck(marker="{value}")),
    "dashboard": App(
        "dashboard",
        "dashboard.py",
        QueryCheck(marker="city={value}", error_texts=(t("errors.unexpected", "en"),)),
        ready_log="warm start",
    ),
    # Reads no filter, so only the protocol's checks apply: a baseline of what Streamlit alone costs per rerun.
    "minimal": App("minimal", "benchmarks/minimal_app.py", QueryCheck(marker=None)),
}


@dataclass
class Target:
    """A server to drive: its base URL and the processes whose CPU time and memory are read (may be none)."""

    app: App
    url: str
    pids: list[int]
    server: Server | None = None
    log_read: int = 0

    def new_tracebacks(self) -> int:
        """Tracebacks the server has logged since the last call (none known for a --url target)."""
        if self.server is None:
            return 0
        log = self.server.log()
        count = log[self.log_read :].count("Traceback (most recent call last)")
        self.log_read = len(log)
        return count

    def cpu(self) -> tuple[float, float] | None:
        """CPU seconds so far: all server processes, and their main threads."""
        if not self.pids:
            return None
        sample = proc_stats.cpu_sample(self.pids)
        return sample.total_s, sample.main_threads_s

    def rss(self) -> int | None:
        """Resident memory of the server processes, KiB."""
        return proc_stats.rss_kib(self.pids) if self.pids else None


def integers(text: str) -> list[int]:
    """A comma-separated list of integers."""
    return [int(part) for part in text.split(",") if part.strip()]


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """The command line (see the module docstring)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--apps", default="floor,dashboard", help="comma-separated, from: " + ", ".join(APPS))
    parser.add_argument("--users", type=integers, default=[10, 20, 50, 100], help="levels, e.g. 10,20,50,100")
    parser.add_argument("--seconds", type=float, default=60.0, help="measured seconds per level and app")
    parser.add_argument("--think", type=float, default=4.0, help="seconds between a run's end and the next request")
    parser.add_argument("--jitter", type=float, default=0.25, help="think time varies by this share, uniformly")
    parser.add_argument("--ramp", type=float, default=5.0, help="seconds over which a level's users arrive")
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds a rerun may take before it is an error")
    parser.add_argument("--url", help="drive this running server instead of starting one (one app in --apps)")
    parser.add_argument("--pid", type=integers, default=[], help="with --url: server process ids to read CPU from")
    parser.add_argument("--server-ports", type=integers, default=[], help="with --url: find the pids listening here")
    parser.add_argument("--no-write", action="store_true", help=f"print only; do not update {OUTPUT.name}")
    parser.add_argument("--output", type=Path, default=OUTPUT, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    args.apps = [name.strip() for name in args.apps.split(",") if name.strip()]
    unknown = [name for name in args.apps if name not in APPS]
    if unknown or not args.apps:
        parser.error(f"--apps: unknown {unknown}; choose from {', '.join(APPS)}")
    if args.url and len(args.apps) != 1:
        parser.error("--url drives one server: name its app alone in --apps (floor or dashboard)")
    if not args.users or min(args.users) < 1:
        parser.error("--users: give positive numbers, e.g. 10,20,50,100")
    return args


def url_pids(url: str, pids: list[int], ports: list[int]) -> list[int]:
    """The server processes of a --url target: the given pids, else those listening on the ports (or URL's port)."""
    if pids:
        return pids
    parts = urlsplit(url)
    ports = ports or [parts.port or (443 if parts.scheme == "https" else 80)]
    return sorted({pid for port in ports for pid in proc_stats.listening_pids(port)})


def start_target(app: App, logs: Path) -> Target:
    """Start the app's server (as the tests and benchmarks/run.py do) and wait until it has warmed up."""
    server = Server(app.script, logs / f"{app.name}.log").start()
    server.wait_ready(timeout=START_TIMEOUT_S)
    if app.ready_log:
        server.wait_for_log(app.ready_log, timeout=START_TIMEOUT_S)
    return Target(app=app, url=server.url, pids=[server.process.pid], server=server)


async def warm_up(target: Target, timeout: float) -> None:
    """One user through every city once (untimed); stop with the reason if a run fails its checks."""
    session = await StreamlitSession.open(target.url, timeout)
    previous = None
    try:
        for code in CITY_CODES:
            timed = await session.rerun(f"city={code}", timeout)
            problem = timed.problem or target.app.check.problem(timed, code, previous)
            if problem:
                raise SystemExit(f"{target.app.name} at {target.url}, warm-up run with city={code}: {problem}")
            previous = code
    finally:
        await session.close()


def level_line(result: LevelResult) -> str:
    """A progress line for the terminal."""
    cpu = result.per_rerun_ms(result.server_cpu_s)
    return (
        f"{result.users:>4} users  {result.app:<10} {result.reruns_per_s:6.2f} reruns/s  "
        f"p50 {result.latency_ms(0.5):6.0f} ms  p95 {result.latency_ms(0.95):6.0f} ms  "
        f"errors {len(result.errors)}  server CPU {cpu:.1f} ms/rerun"
    )


async def idle_cpu(target: Target) -> float | None:
    """The server's CPU use with nobody on it, in ms per second (over IDLE_S)."""
    before = target.cpu()
    await asyncio.sleep(IDLE_S)
    after = target.cpu()
    return None if before is None or after is None else (after[0] - before[0]) / IDLE_S * 1000


async def measure(targets: list[Target], args: argparse.Namespace) -> tuple[list[LevelResult], dict[str, float]]:
    """Every level, the apps taking turns within it; and each server's idle CPU use (ms/s) after its warm-up."""
    idle = {}
    for target in targets:
        print(f"warming up {target.app.name} at {target.url} …", file=sys.stderr)
        await warm_up(target, args.timeout)
        target.new_tracebacks()
        if (rate := await idle_cpu(target)) is not None:
            idle[target.app.name] = rate
    results = []
    for users in args.users:
        for target in targets:
            plan = LoadPlan(
                users=users,
                seconds=args.seconds,
                values=CITY_CODES,
                think_s=args.think,
                jitter=args.jitter,
                ramp_s=args.ramp,
                rerun_timeout_s=args.timeout,
            )
            result = await run_level(target.url, plan, target.app.check, target.app.name, target.cpu, target.rss)
            result.errors += ["traceback in the server log"] * target.new_tracebacks()
            results.append(result)
            print(level_line(result), file=sys.stderr)
            if result.errors:
                print(f"      {result.error_summary()}", file=sys.stderr)
            await asyncio.sleep(SETTLE_S)
    return results, idle


def section(results: list[LevelResult], idle: dict[str, float], args: argparse.Namespace, targets: list[Target]) -> str:
    """The BENCHMARKS.md section: what was run where, the table, the errors."""
    info = machine()
    where = (
        f"`{args.url}` (already running; CPU and memory of pids {', '.join(map(str, targets[0].pids)) or 'unknown'})"
        if args.url
        else "one `streamlit run` server per app on loopback, started by the benchmark"
    )
    command = "make capacity" if sys.argv[1:] == [] else "python -m benchmarks.capacity " + " ".join(sys.argv[1:])
    lines = [
        HEADING,
        "",
        "Simulated users speak Streamlit's WebSocket protocol directly (no browser: the load is the server's alone). "
        "Each user lands on the app with `?city=<adcode>`, then asks for a rerun with the next of the "
        f"21 cities about every {args.think:g} s (± {args.jitter:.0%}, from the end of its previous run). Every run is "
        "checked (fresh, finished successfully, no exception, shows the new city). Latency: rerun request sent → "
        "script_finished received. Server CPU: user + system time of the server process over the measured window, "
        "per successful rerun; *event-loop thread* is the share of it spent outside the script threads (WebSocket "
        "I/O, sending the messages). RSS at the end of the window, the level's sessions still open (closed sessions "
        "are kept for `server.disconnectedSessionTTL`, 120 s). How each figure is measured: the docstring of "
        "`benchmarks/capacity.py`. One server process uses one core whatever the machine has (README: *Running in "
        "production*).",
        "",
        f"- Date: {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC",
        f"- Command: `{command}`",
        f"- Target: {where}",
        f"- Levels: {args.seconds:g} s measured after a {args.ramp:g} s ramp-up; apps take turns level by level; "
        "one untimed pass through the 21 cities per app before the first level",
        "- Idle servers (CPU with no session open, included in the per-rerun figures): "
        + (", ".join(f"{name} {rate:.1f} ms/s" for name, rate in idle.items()) or "not measured"),
        f"- Machine: {info['nproc']} CPUs ({info['cpu']}), {info['ram']} RAM; driver and servers share the CPUs",
        f"- Versions: Python {info['python']}, Streamlit {info['streamlit']}",
        "",
        markdown_table(results),
    ]
    errors = error_lines(results)
    if errors:
        lines += ["", "Errors (most frequent first):", "", *errors]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> None:
    """Run the levels against each app, print the table and (unless --no-write) update BENCHMARKS.md."""
    args = parse_args(argv)
    apps = [APPS[name] for name in args.apps]
    targets: list[Target] = []
    with tempfile.TemporaryDirectory(prefix="capacity-") as logs:
        try:
            if args.url:
                pids = url_pids(args.url, args.pid, args.server_ports)
                if not pids:
                    print("no server process found: CPU and memory are not reported (give --pid)", file=sys.stderr)
                targets.append(Target(app=apps[0], url=args.url.rstrip("/"), pids=pids))
            else:
                for app in apps:
                    started = time.perf_counter()
                    targets.append(start_target(app, Path(logs)))
                    print(f"{app.name} ready in {time.perf_counter() - started:.1f} s", file=sys.stderr)
            results, idle = asyncio.run(measure(targets, args))
        finally:
            for target in targets:
                if target.server is not None:
                    target.server.stop()
    text = section(results, idle, args, targets)
    print(text)
    if not args.no_write:
        previous = args.output.read_text(encoding="utf-8") if args.output.exists() else "# Benchmarks\n"
        args.output.write_text(replace_section(previous, text, NOTES_MARKER), encoding="utf-8")
        print(f"wrote the capacity section of {args.output}", file=sys.stderr)


if __name__ == "__main__":
    try:
        main()
    except SessionLost as error:
        raise SystemExit(f"could not reach the server: {error}") from error
