"""Simulated users over Streamlit's WebSocket protocol: one load level, its reruns, latencies and errors.

Each user opens a session on the landing page with `?<param>=<value>`, then, after a think time with jitter,
asks for a run with the next value (cycling through the values, every user from its own starting point), and
so on until the level ends. A rerun's latency runs from sending its BackMsg to receiving its script_finished.
A rerun counts as an error when it did not finish successfully (status, exception element, lost socket,
timeout), when it was not a fresh run (tests/support/st_protocol.py: Run.problem), or when the app's QueryCheck
says it did not draw the new value. benchmarks/capacity.py runs the levels; tests/app/test_capacity_smoke.py
runs a short one.
"""

from __future__ import annotations

import asyncio
import contextlib
import math
import random
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from tests.support.st_protocol import SessionLost, StreamlitSession, Timed


def percentile(values: Sequence[float], share: float) -> float:
    """The share-th quantile (nearest rank) of values, or nan when empty."""
    if not values:
        return math.nan
    ordered = sorted(values)
    rank = math.ceil(share * len(ordered))
    return ordered[min(len(ordered), max(1, rank)) - 1]


@dataclass(frozen=True)
class QueryCheck:
    """How to tell that a run drew the value it was asked for.

    marker: text the run's elements carry for a value ("city={value}" in the dashboard's page links), or None
    for an app that ignores the query (then only the protocol's checks apply); after a change, the previous
    value's marker must be gone. error_texts: texts the app shows instead of a traceback when something failed.
    """

    marker: str | None = None
    error_texts: tuple[str, ...] = ()

    def problem(self, timed: Timed, value: str, previous: str | None) -> str | None:
        """What is wrong with this run for this value, or None."""
        run = timed.run
        for text in self.error_texts:
            if run.contains(text):
                return f"the app showed its error message {text[:60]!r}"
        if self.marker is None:
            return None
        if not run.contains(self.marker.format(value=value)):
            return f"the run does not show {self.marker.format(value=value)!r}: the query was not applied"
        if previous is not None and previous != value and run.contains(self.marker.format(value=previous)):
            return f"the run still shows {self.marker.format(value=previous)!r}"
        return None


@dataclass(frozen=True)
class LoadPlan:
    """One load level: how many users, for how long, how they pause, and the query values they cycle through."""

    users: int
    seconds: float
    values: tuple[str, ...]
    param: str = "city"
    think_s: float = 4.0
    jitter: float = 0.25
    ramp_s: float = 5.0
    rerun_timeout_s: float = 60.0
    seed: int = 0

    def think(self, rng: random.Random) -> float:
        """A think time: think_s give or take jitter (a share of it), uniformly."""
        return self.think_s * rng.uniform(1 - self.jitter, 1 + self.jitter)


@dataclass(frozen=True)
class Outcome:
    """One request of one user: when it finished, how long it took, whether it opened the session, any problem."""

    finished_at: float
    latency_s: float
    opening: bool
    problem: str | None = None


@dataclass
class LevelResult:
    """What one app did at one load level (the window is the measured stretch after the ramp-up)."""

    app: str
    users: int
    window_s: float
    latencies_s: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    sessions_opened: int = 0
    server_cpu_s: float | None = None
    server_main_thread_cpu_s: float | None = None
    rss_kib: int | None = None
    driver_cpu_s: float = 0.0

    @property
    def reruns(self) -> int:
        """Successful reruns that finished inside the window."""
        return len(self.latencies_s)

    @property
    def reruns_per_s(self) -> float:
        """Successful reruns per second of window."""
        return self.reruns / self.window_s if self.window_s > 0 else math.nan

    def latency_ms(self, share: float) -> float:
        """A latency percentile in milliseconds."""
        return percentile(self.latencies_s, share) * 1000

    def per_rerun_ms(self, seconds: float | None) -> float:
        """CPU seconds spread over the window's reruns, in milliseconds per rerun (nan when unknown)."""
        if seconds is None or not self.reruns:
            return math.nan
        return seconds / self.reruns * 1000

    def error_summary(self, limit: int = 3) -> str:
        """The most frequent errors with their counts."""
        counts = Counter(self.errors)
        return "; ".join(f"{count}× {text}" for text, count in counts.most_common(limit))


Sampler = Callable[[], tuple[float, float] | None]


class _Level:
    """The shared state of one level's users."""

    def __init__(self, base_url: str, plan: LoadPlan, check: QueryCheck):
        self.base_url = base_url
        self.plan = plan
        self.check = check
        self.stop = asyncio.Event()
        self.outcomes: list[Outcome] = []
        self.sessions_opened = 0
        self.landed = 0
        self.all_landed = asyncio.Event()

    async def pause(self, seconds: float) -> None:
        """Sleep, or return early when the level ends."""
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(seconds):
                await self.stop.wait()

    def land(self) -> None:
        """Count a user whose first request has been answered (or has failed)."""
        self.landed += 1
        if self.landed == self.plan.users:
            self.all_landed.set()

    async def user(self, index: int) -> None:
        """One simulated user, until the level ends."""
        plan = self.plan
        rng = random.Random(f"{plan.seed}-{plan.users}-{index}")
        await self.pause(index * plan.ramp_s / plan.users)
        position = index * 7 % len(plan.values)
        session: StreamlitSession | None = None
        previous: str | None = None
        landed = False
        while not self.stop.is_set():
            value = plan.values[position % len(plan.values)]
            opening = session is None
            started = time.perf_counter()
            try:
                if session is None:
                    session = await StreamlitSession.open(self.base_url, plan.rerun_timeout_s)
                    self.sessions_opened += 1
                    previous = None
                timed = await session.rerun(f"{plan.param}={value}", plan.rerun_timeout_s)
                problem = timed.problem or self.check.problem(timed, value, previous)
                self.outcomes.append(Outcome(time.perf_counter(), timed.latency_s, opening, problem))
                previous = value
            except Exception as error:  # counted as this request's error; the user then starts a new session
                problem = failure(error, session is not None, plan.rerun_timeout_s)
                self.outcomes.append(Outcome(time.perf_counter(), time.perf_counter() - started, opening, problem))
                if session is not None:
                    # A late answer would be read as the next run's: start a new session, as a browser reconnects.
                    await _close_quietly(session)
                    session = None
            if not landed:
                landed = True
                self.land()
            position += 1
            await self.pause(plan.think(rng))
        if session is not None:
            await _close_quietly(session)


def failure(error: Exception, session_open: bool, timeout_s: float) -> str:
    """An error message for a request that raised."""
    if not session_open:
        return f"session open failed: {error!r}"
    if isinstance(error, TimeoutError):
        return f"no script_finished within {timeout_s:.0f} s"
    if isinstance(error, SessionLost | OSError):
        return f"session lost: {error}"
    # Not expected from a server that speaks the protocol (an undecodable message, ...).
    return f"unexpected {type(error).__name__}: {error}"


async def _close_quietly(session: StreamlitSession) -> None:
    """Close a session that may already be broken (the error that broke it has been counted)."""
    with contextlib.suppress(OSError, SessionLost):
        await asyncio.wait_for(session.close(), 10)


async def run_level(
    base_url: str,
    plan: LoadPlan,
    check: QueryCheck,
    app: str,
    cpu: Sampler | None = None,
    rss: Callable[[], int] | None = None,
) -> LevelResult:
    """Run one level against a server; CPU (total and main thread, seconds) and RSS are read by the callables."""
    level = _Level(base_url, plan, check)
    users = [asyncio.create_task(level.user(index)) for index in range(plan.users)]
    await asyncio.sleep(plan.ramp_s)
    # The window opens once every user has landed (the first runs of a session cost more than reruns and, under
    # load, queue up behind each other), or after one rerun timeout at most.
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(level.all_landed.wait(), plan.rerun_timeout_s)
    window_start = time.perf_counter()
    cpu_before = cpu() if cpu else None
    driver_before = time.process_time()
    await asyncio.sleep(plan.seconds)
    window_end = time.perf_counter()
    cpu_after = cpu() if cpu else None
    driver_after = time.process_time()
    rss_end = rss() if rss else None
    level.stop.set()
    await asyncio.gather(*users)
    result = LevelResult(
        app=app,
        users=plan.users,
        window_s=window_end - window_start,
        sessions_opened=level.sessions_opened,
        rss_kib=rss_end,
        driver_cpu_s=driver_after - driver_before,
    )
    if cpu_before is not None and cpu_after is not None:
        result.server_cpu_s = cpu_after[0] - cpu_before[0]
        result.server_main_thread_cpu_s = cpu_after[1] - cpu_before[1]
    for outcome in level.outcomes:
        if outcome.problem:
            result.errors.append(outcome.problem)
        elif not outcome.opening and window_start <= outcome.finished_at <= window_end:
            result.latencies_s.append(outcome.latency_s)
    return result
