"""The capacity benchmark's driver against real servers (benchmarks/capacity.py runs the same level, longer).

Two simulated users for a few seconds: every rerun must be a fresh, successful run, and where the app reads
`?city=` the run must show the city asked for. The last test is the "must not happen" side: asked to find the
city in an app that ignores the query, the same driver reports every rerun as an error instead of counting it.
"""

from __future__ import annotations

import asyncio
import csv

import pytest

from tests.support.load import LevelResult, LoadPlan, QueryCheck, run_level
from tests.support.proc_stats import cpu_sample
from tests.support.server import ROOT, Server

with (ROOT / "data" / "cities.csv").open(encoding="utf-8") as _handle:
    CITY_CODES = tuple(row["adcode"] for row in csv.DictReader(_handle))
PLAN = LoadPlan(users=2, seconds=5.0, values=CITY_CODES, think_s=0.5, ramp_s=1.0, rerun_timeout_s=30.0)


def drive(app: str, check: QueryCheck, log_path) -> tuple[LevelResult, str]:
    """One short level against a fresh server of the app; the result and the server's log."""
    server = Server(app, log_path).start()
    try:
        server.wait_ready(timeout=60)
        pids = [server.process.pid]

        def cpu() -> tuple[float, float]:
            sample = cpu_sample(pids)
            return sample.total_s, sample.main_threads_s

        result = asyncio.run(run_level(server.url, PLAN, check, app, cpu=cpu))
        return result, server.log()
    finally:
        server.stop()


@pytest.mark.server
def test_two_users_rerun_the_minimal_app_without_errors(tmp_path):
    result, log = drive("benchmarks/minimal_app.py", QueryCheck(), tmp_path / "minimal.log")
    assert result.errors == [], result.error_summary()
    # Each user reruns about every 0.5 s plus the run itself: far more than 4 in 5 s.
    assert result.reruns >= 4 and result.sessions_opened == 2
    assert result.server_cpu_s is not None and result.server_cpu_s > 0
    assert "Traceback" not in log, log


@pytest.mark.server
def test_the_floor_shows_the_city_each_rerun_asks_for(tmp_path):
    result, log = drive("benchmarks/floor_app.py", QueryCheck(marker="{value}"), tmp_path / "floor.log")
    assert result.errors == [], result.error_summary()
    assert result.reruns >= 4
    assert "Traceback" not in log, log


@pytest.mark.server
def test_a_rerun_that_ignores_the_query_is_an_error_not_a_measurement(tmp_path):
    """The minimal app does not read ?city=: checked for it, no rerun may count as a success."""
    result, _ = drive("benchmarks/minimal_app.py", QueryCheck(marker="city={value}"), tmp_path / "minimal.log")
    assert result.reruns == 0
    assert len(result.errors) >= 4 and all("query was not applied" in error for error in result.errors)
