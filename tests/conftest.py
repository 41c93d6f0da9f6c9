"""Shared test setup.

AppTest in Streamlit 1.67 resets PagesManager.uses_pages_directory before every run and, because
this app keeps its pages in a folder named pages/, recomputes it as True: reruns and switch_page()
then execute only the page script (the legacy multipage path), never dashboard.py. The real server
sets the flag to False as soon as st.navigation runs. This fixture restores that real behaviour for
AppTest; tests/app/test_app_smoke.py would fail without it (no sidebar after a rerun).
"""

import os

import pytest
from hypothesis import settings
from streamlit.runtime.pages_manager import PagesManager

_original_init = PagesManager.__init__


def _init_as_navigation_app(self, *args, **kwargs):
    _original_init(self, *args, **kwargs)
    PagesManager.uses_pages_directory = False


@pytest.fixture(autouse=True)
def navigation_app_in_apptest(monkeypatch):
    """Make AppTest treat dashboard.py as the st.navigation app it is."""
    monkeypatch.setattr(PagesManager, "__init__", _init_as_navigation_app)


# Hypothesis: in CI (CI=true) a derandomised profile, so a failure is reproducible from the log and a run never
# depends on chance; locally the default profile keeps exploring. The seed is printed on any failure either way.
settings.register_profile("ci", derandomize=True, print_blob=True, deadline=None, max_examples=100)
settings.register_profile("dev", print_blob=True)
settings.load_profile("ci" if os.environ.get("CI") == "true" else "dev")
