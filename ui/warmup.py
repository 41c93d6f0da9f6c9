"""Warm start: at server start, load what the landing page needs before the first visitor asks for it.

`streamlit run dashboard.py` serves dashboard.py through `st.App` (see its docstring), whose lifespan hook
is `lifespan` below: once per server process it starts one background thread and returns at once, so the
server answers while the thread imports pandas, pyarrow and Altair, loads and validates the dataset into the
`st.cache_resource` cache the pages read, and builds the Overview's views for the default filters in both
languages. A visitor who arrives earlier is not held up: their script run waits only for what it needs
(Python's import lock, the cache's per-key lock) and finds the rest done.

Nothing here changes what a page shows: every value comes from the functions the pages call. A failure (a
broken data folder, anything else) is logged and left for the pages to report as they always do.
"""

from __future__ import annotations

import threading
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from streamlit.logger import get_logger

from gdclusters.i18n import LANGUAGES

# Streamlit's logger set-up: the server log's format, at the [logger] level of .streamlit/config.toml.
LOG = get_logger("gdclusters.warmup")
THREAD_NAME = "gdclusters-warm-start"


def warm_up() -> float:
    """Import the libraries, load the dataset and build the landing page's views; return the seconds taken."""
    started = time.perf_counter()
    # Imported here, not at module level: the server must not wait for them before it answers.
    import streamlit.emojis  # noqa: F401  (compiles the large emoji pattern every widget label is checked with)

    from gdclusters import overview
    from gdclusters.state import Filters
    from ui import frame, loading  # noqa: F401  (frame: what every script run imports, Altair included)

    ds = loading.dataset()
    for lang in LANGUAGES:
        overview.headline_figures(ds, lang)
        # to_dict once: Altair's first validation builds its schema validators (~40 ms).
        overview.trillion_chart(ds, lang).to_dict()
        overview.trillion_view(ds, lang)
        # As the page asks for it on a desktop (phone=False): the memo is keyed by the arguments as passed.
        overview.count_map(ds, Filters(), lang, loading.boundaries(), False)
    overview.target_counts(ds, Filters())
    return time.perf_counter() - started


def run() -> None:
    """The thread's body: warm up, and log the outcome instead of raising (the pages report any problem)."""
    from gdclusters.dataset import DataError

    try:
        seconds = warm_up()
    except DataError as error:
        LOG.warning(
            "warm start: the data folder did not validate (%d problems); the pages will list them", len(error.issues)
        )
    except Exception:
        LOG.exception("warm start failed; the first visitor's page will load everything itself")
    else:
        LOG.info("warm start: dataset and landing views ready in %.2f s", seconds)


def start() -> None:
    """Start the warm start in a daemon thread (it never delays a shutdown)."""
    threading.Thread(target=run, name=THREAD_NAME, daemon=True).start()


@asynccontextmanager
async def lifespan(_app) -> AsyncIterator[None]:
    """st.App's lifespan hook: start the warm start and serve at once."""
    start()
    yield None
