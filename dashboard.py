"""Guangdong strategic industrial clusters: the entry point of the multipage app.

Run: streamlit run dashboard.py

This file plays two parts, told apart by __name__:
- Streamlit runs it as the app's main script (as "__main__") on every script run: it draws the frame
  (ui/frame.py) and the page the URL selects (pages/).
- `streamlit run` first reads it for an `st.App` and, finding `app` below, imports it as the module
  "dashboard" to serve it. That `app` is this same file with a lifespan hook that warms the server at start
  (ui/warmup.py: imports, dataset, landing views), so a visitor who arrives after it has finished (1-2 s after
  the start) does not wait for them, and compression middleware (serve/compression.py) for its HTTP responses.
"""

from __future__ import annotations

import streamlit as st

if __name__ == "__main__":
    from ui.frame import main

    main()
else:
    from streamlit.logger import get_logger

    from api import api_routes
    from serve import compression_middleware, font_subset_middleware
    from ui.warmup import lifespan

    # Brotli/gzip for everything the server sends over HTTP, front-end bundles included (serve/compression.py);
    # subsets of Streamlit's icon and text fonts, about 140 KiB instead of 530 (serve/fonts.py).
    # The read-only data API at /api/v1/ (api/routes.py).
    app = st.App(
        __file__,
        lifespan=lifespan,
        middleware=compression_middleware(get_logger("serve.compression"))
        + font_subset_middleware(get_logger("serve.fonts")),
        routes=api_routes(),
    )
