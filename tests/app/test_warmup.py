"""The warm start (ui/warmup.py): what `streamlit run dashboard.py` loads before the first visitor.

What the warm start loads, that the pages then reuse it, that a failure never escapes its thread, and that the
real server (`streamlit run dashboard.py`) runs it at start, before anyone visits.
"""

from __future__ import annotations

import asyncio
import logging
import shutil
import subprocess
import sys
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from streamlit.web.server.app_discovery import discover_asgi_app

from gdclusters.i18n import LANGUAGES
from gdclusters.paths import DATA_DIR
from gdclusters.state import Filters
from tests.support.apptest import ROOT, assert_healthy, open_page
from tests.support.server import Server
from ui import loading, warmup


class Records(logging.Handler):
    """Keeps the records the warm start's logger emits (it does not propagate to the root logger)."""

    def __init__(self):
        super().__init__(level=logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record):
        self.records.append(record)


@pytest.fixture
def records():
    handler = Records()
    warmup.LOG.addHandler(handler)
    yield handler.records
    warmup.LOG.removeHandler(handler)


@pytest.fixture
def data_copy(tmp_path, monkeypatch) -> Path:
    """A copy of data/ the dashboard reads (a new folder: the dataset cache has no entry for it yet)."""
    folder = tmp_path / "data"
    shutil.copytree(DATA_DIR, folder)
    monkeypatch.setenv("GDC_DATA_DIR", str(folder))
    return folder


@pytest.fixture
def dataset_loads(monkeypatch) -> list[str]:
    """Every folder loading.py loads a dataset from (a cache miss), in order."""
    calls: list[str] = []
    original = loading.load_dataset

    def counting(folder):
        calls.append(str(folder))
        return original(folder)

    monkeypatch.setattr(loading, "load_dataset", counting)
    return calls


def test_warm_up_loads_the_dataset_and_the_landing_views_once(data_copy, dataset_loads):
    warmup.warm_up()
    assert dataset_loads == [str(data_copy)]
    ds = loading.dataset()
    assert dataset_loads == [str(data_copy)], "the pages' loader found the warm start's dataset"
    count_maps = ds.derived["gdclusters.overview.landing.count_map"]
    assert {(args[0], args[1]) for args in count_maps} == {(Filters(), lang) for lang in LANGUAGES}
    headlines = ds.derived["gdclusters.overview.headline.headline_figures"]
    assert set(headlines) == {(lang,) for lang in LANGUAGES}


def test_landing_page_after_a_warm_start_loads_nothing_again(data_copy, dataset_loads):
    warmup.warm_up()
    count_maps = loading.dataset().derived["gdclusters.overview.landing.count_map"]
    warmed = set(count_maps)
    at = open_page("overview")
    assert_healthy(at)
    assert dataset_loads == [str(data_copy)]
    # The page asks for the map with the same arguments as the warm start (a desktop's legend beside it), so the
    # first visitor finds it built.
    assert set(count_maps) == warmed


def test_broken_data_folder_is_logged_and_left_to_the_pages(data_copy, records):
    (data_copy / "sources.csv").write_text("not,the,columns\n1,2,3\n", encoding="utf-8")
    warmup.run()
    [record] = records
    assert record.levelno == logging.WARNING
    assert "did not validate" in record.getMessage()


def test_unexpected_failure_is_logged_not_raised(monkeypatch, records):
    def broken():
        raise RuntimeError("disk gone")

    monkeypatch.setattr(warmup, "warm_up", broken)
    warmup.run()
    [record] = records
    assert record.levelno == logging.ERROR
    assert "warm start failed" in record.getMessage()
    assert "disk gone" in str(record.exc_info[1])


def test_success_is_logged_with_the_time_taken(data_copy, records):
    warmup.run()
    [record] = records
    assert record.levelno == logging.INFO
    assert record.getMessage().startswith("warm start: dataset and landing views ready in ")


def test_lifespan_starts_the_warm_start_in_a_daemon_thread_and_serves_at_once(monkeypatch):
    started, release, finished = threading.Event(), threading.Event(), threading.Event()
    threads: list[threading.Thread] = []

    def blocked_run():
        threads.append(threading.current_thread())
        started.set()
        release.wait(30)
        finished.set()

    monkeypatch.setattr(warmup, "run", blocked_run)

    async def serve() -> bool:
        async with warmup.lifespan(None):
            # The server serves while the warm start is still running: it does not wait for it to finish.
            return started.wait(30) and not finished.is_set()

    # In a thread of its own: Playwright's sync API may have left an event loop running in this one.
    with ThreadPoolExecutor(max_workers=1) as pool:
        assert pool.submit(asyncio.run, serve()).result(timeout=60)
    release.set()
    assert finished.wait(30)
    [thread] = threads
    assert thread.name == warmup.THREAD_NAME
    assert thread.daemon


def test_streamlit_run_serves_dashboard_py_as_an_app_with_the_warm_start():
    found = discover_asgi_app(ROOT / "dashboard.py")
    assert found.is_asgi_app
    assert found.import_string == "dashboard:app"


@pytest.mark.server
def test_real_server_warms_up_before_anyone_visits(tmp_path):
    """`streamlit run dashboard.py` serves the st.App in dashboard.py; its lifespan hook runs the warm start."""
    server = Server("dashboard.py", tmp_path / "streamlit.log").start()
    try:
        server.wait_ready(timeout=60)
        line = server.wait_for_log(r"warm start", timeout=120)
        log = server.log()
    finally:
        server.stop()
    assert "dataset and landing views ready in" in line, log
    assert "Traceback" not in log, log


def test_importing_dashboard_as_the_server_does_is_light():
    """The server imports dashboard.py before it answers: that must not pull in pandas or the dataset."""
    probe = (
        "import sys, dashboard; print(type(dashboard.app).__name__, 'pandas' in sys.modules, 'ui.frame' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["App", "False", "False"]
