"""Run the whole suite as two pytest processes at once, one per core: the tests that start servers or browsers, and
the fast tests.

`make test` runs this (the README's test command). The first half (Chromium against dashboard servers, a few
servers driven over HTTP: much of it waiting on pages) and the fast half (AppTest, units, contracts: CPU) take
about as long as each other, so side by side on two cores the suite takes a little more than the longer half
instead of their sum (2026-12-01, this machine: 11.5 min against 17 min in one process). Each process has its own temporary folder (tmp/pytest/<group>/, wiped at its start) and its own log
(tmp/pytest/<group>.log). Both logs are printed in full once both have finished; the exit status is 0 only if
both passed.

Run: python -m tests.parallel [pytest options given to both, e.g. -x or --durations=20]
For one file or one test, call pytest directly.
"""

from __future__ import annotations

import argparse
import contextlib
import queue
import re
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUTPUT = ROOT / "tmp" / "pytest"
# A line of progress this often while the halves run (their output goes to their logs until the end).
PROGRESS_EVERY_S = 60.0
# How long each stop signal has to work before the next (stop()).
STOP_GRACE_S = 30.0
PROGRESS_LINE = re.compile(r"^([.FEsxX]+)(?:\s+\[\s*\d+%\])?$", re.MULTILINE)


@dataclass(frozen=True)
class Group:
    """One pytest process: a name (for its log and temp folder) and the command that runs it."""

    name: str
    command: tuple[str, ...]


def suite_groups(extra: list[str], output: Path = OUTPUT) -> list[Group]:
    """The two halves of the suite (together: every test, each once), with extra pytest options for both."""
    groups = []
    for name, marker in (("servers", "browser or server"), ("fast", "not browser and not server")):
        command = (sys.executable, "-m", "pytest", "-m", marker, f"--basetemp={output / name}", *extra)
        groups.append(Group(name, command))
    return groups


def stop(processes: list[subprocess.Popen]) -> None:
    """Stop the halves as Ctrl+C would: SIGINT first (pytest then tears its fixtures down, servers included),
    SIGTERM after STOP_GRACE_S, SIGKILL after as long again."""
    for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGKILL):
        alive = [process for process in processes if process.poll() is None]
        for process in alive:
            process.send_signal(signum)
        deadline = time.monotonic() + STOP_GRACE_S
        for process in alive:
            with contextlib.suppress(subprocess.TimeoutExpired):
                process.wait(timeout=max(0.0, deadline - time.monotonic()))


def _interrupt(signum, _frame) -> None:
    """SIGTERM (a cancelled CI job) stops the halves the way Ctrl+C does."""
    raise KeyboardInterrupt


def progress(output: Path, group: Group) -> str:
    """The group's name and how many tests its log reports done so far ("servers: 45 done"): one character per
    test on pytest's progress lines (". F E s x X", each line closed by its percentage)."""
    text = (output / f"{group.name}.log").read_text(encoding="utf-8", errors="replace")
    done = sum(len(match.group(1)) for match in PROGRESS_LINE.finditer(text))
    return f"{group.name}: {done} done"


def run_groups(groups: list[Group], output: Path = OUTPUT, cwd: Path = ROOT) -> int:
    """Run the groups at once, each into its log; print each log when all are done; 0 only if all exited 0.

    A group that collects nothing (pytest's status 5) counts as a failure: every group here has tests."""
    output.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    running = []
    try:
        for group in groups:
            log = (output / f"{group.name}.log").open("w", encoding="utf-8")
            process = subprocess.Popen(group.command, cwd=cwd, stdout=log, stderr=subprocess.STDOUT)
            running.append((group, process, log))
            print(f"[{group.name}] started: {' '.join(group.command[1:])}", flush=True)
        # One waiting thread per half puts (index, exit status) here when its process ends.
        exits: queue.Queue[tuple[int, int]] = queue.Queue()
        for index, (_, process, _) in enumerate(running):
            threading.Thread(target=lambda i=index, p=process: exits.put((i, p.wait())), daemon=True).start()
        statuses: dict[str, int] = {}
        while len(statuses) < len(running):
            try:
                index, status = exits.get(timeout=PROGRESS_EVERY_S)
            except queue.Empty:
                unfinished = [group for group, _, _ in running if group.name not in statuses]
                print("still running: " + ", ".join(progress(output, group) for group in unfinished), flush=True)
                continue
            group, _, log = running[index]
            statuses[group.name] = status
            log.close()
            print(f"[{group.name}] exited {status} after {time.monotonic() - started:.0f} s", flush=True)
    except KeyboardInterrupt:
        stop([process for _, process, _ in running])
        for _, _, log in running:
            log.close()
        print("interrupted: both pytest processes stopped", file=sys.stderr)
        return 130
    for group in groups:
        print(f"\n===== {group.name}: {output / f'{group.name}.log'} =====", flush=True)
        sys.stdout.write((output / f"{group.name}.log").read_text(encoding="utf-8", errors="replace"))
    # In the groups' order, as the logs above, whichever finished first.
    ordered = [(group.name, statuses[group.name]) for group in groups]
    failed = [name for name, status in ordered if status != 0]
    summary = ", ".join(f"{name} {'passed' if status == 0 else f'FAILED (exit {status})'}" for name, status in ordered)
    print(f"\nsuite: {summary}; {time.monotonic() - started:.0f} s in all", flush=True)
    return 1 if failed else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    _, extra = parser.parse_known_args(argv)
    signal.signal(signal.SIGTERM, _interrupt)
    return run_groups(suite_groups(extra))


if __name__ == "__main__":
    sys.exit(main())
