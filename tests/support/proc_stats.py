"""CPU time and memory of server processes, read from Linux's /proc (no psutil needed).

benchmarks/capacity.py reads the server's own CPU time before and after a load level: user + system time of the
process, its descendants and the children it has waited for, and separately that of its main thread, where
`streamlit run` serves the event loop (WebSocket I/O, sending the runs' messages); the scripts run in threads of
their own.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

PROC = Path("/proc")
TICKS_PER_SECOND = os.sysconf("SC_CLK_TCK")
# /proc/net/tcp* state of a listening socket.
LISTEN = "0A"


@dataclass(frozen=True)
class Stat:
    """The fields of /proc/<pid>/stat that matter here (times in clock ticks)."""

    pid: int
    ppid: int
    utime: int
    stime: int
    cutime: int
    cstime: int

    @property
    def own_ticks(self) -> int:
        """User + system time of the process (or thread) itself."""
        return self.utime + self.stime

    @property
    def total_ticks(self) -> int:
        """Its own time plus that of the children it has waited for."""
        return self.utime + self.stime + self.cutime + self.cstime


def parse_stat(text: str) -> Stat:
    """Parse one /proc/<pid>/stat line; the command name in parentheses may hold spaces and parentheses."""
    head, _, rest = text.rpartition(")")
    pid = int(head.split("(", 1)[0])
    # After the name: state(3) ppid(4) pgrp session tty_nr tpgid flags minflt cminflt majflt cmajflt
    # utime(14) stime(15) cutime(16) cstime(17); rest[0] is field 3.
    fields = rest.split()
    return Stat(
        pid=pid,
        ppid=int(fields[1]),
        utime=int(fields[11]),
        stime=int(fields[12]),
        cutime=int(fields[13]),
        cstime=int(fields[14]),
    )


def _stat(path: Path) -> Stat | None:
    try:
        return parse_stat(path.read_text())
    except (FileNotFoundError, ProcessLookupError, PermissionError):
        return None


def descendants(pids: list[int]) -> list[int]:
    """The processes and every live process below them (each once)."""
    children: dict[int, list[int]] = {}
    for entry in PROC.iterdir():
        if entry.name.isdigit() and (stat := _stat(entry / "stat")) is not None:
            children.setdefault(stat.ppid, []).append(stat.pid)
    found: list[int] = []
    pending = list(pids)
    while pending:
        pid = pending.pop()
        if pid not in found:
            found.append(pid)
            pending.extend(children.get(pid, []))
    return found


@dataclass(frozen=True)
class CpuSample:
    """CPU seconds used so far: all the processes, and their main threads alone."""

    total_s: float
    main_threads_s: float


def cpu_sample(pids: list[int]) -> CpuSample:
    """CPU seconds of the processes and their descendants, and of those processes' main threads."""
    total = main = 0
    for pid in descendants(pids):
        stat = _stat(PROC / str(pid) / "stat")
        thread = _stat(PROC / str(pid) / "task" / str(pid) / "stat")
        if stat is not None:
            total += stat.total_ticks
        if thread is not None:
            main += thread.own_ticks
    return CpuSample(total / TICKS_PER_SECOND, main / TICKS_PER_SECOND)


def rss_kib(pids: list[int]) -> int:
    """Resident memory (VmRSS) of the processes and their descendants, in KiB."""
    total = 0
    for pid in descendants(pids):
        try:
            status = (PROC / str(pid) / "status").read_text()
        except (FileNotFoundError, ProcessLookupError, PermissionError):
            continue
        match = re.search(r"^VmRSS:\s+(\d+) kB", status, re.MULTILINE)
        total += int(match.group(1)) if match else 0
    return total


def listening_inodes(port: int, tables: list[str]) -> set[str]:
    """Socket inodes listening on a TCP port, from the text of /proc/net/tcp and tcp6."""
    inodes = set()
    for table in tables:
        for line in table.splitlines()[1:]:
            fields = line.split()
            if len(fields) > 9 and fields[3] == LISTEN and int(fields[1].rsplit(":", 1)[1], 16) == port:
                inodes.add(fields[9])
    return inodes


def listening_pids(port: int) -> list[int]:
    """The processes (of this user) that hold a socket listening on the port."""
    tables = [(PROC / "net" / name).read_text() for name in ("tcp", "tcp6") if (PROC / "net" / name).exists()]
    targets = {f"socket:[{inode}]" for inode in listening_inodes(port, tables)}
    found = []
    for entry in PROC.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            descriptors = list((entry / "fd").iterdir())
        except (FileNotFoundError, ProcessLookupError, PermissionError, NotADirectoryError):
            continue
        if any(_link(descriptor) in targets for descriptor in descriptors):
            found.append(int(entry.name))
    return sorted(found)


def _link(descriptor: Path) -> str | None:
    """What a file descriptor points to, or None when it has closed meanwhile (the listing's own one does)."""
    try:
        return os.readlink(descriptor)
    except (FileNotFoundError, ProcessLookupError, PermissionError):
        return None
