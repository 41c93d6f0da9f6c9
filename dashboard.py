"""Guangdong strategic industrial clusters: the entry point of the multipage app.

Run: streamlit run dashboard.py

This file plays two parts, told apart by __name__:
- Streamlit runs it as the app's main script (as "__main__") on every script run: it draws the frame
  (ui/frame.py) and the page the URL selects (pages/).
- `streamlit run` first reads it for an `st.App` and, finding `app` below, imports it as the module
  "dashboard" to serve it. That `app` is this same file with a lifespan hook that warms the server at start
  (ui/warmup.py: imports, dataset, landing views), so a visitor who arrives after it has finished (1-2 s after
  the start) does not wait for them.
"""

from __future__ import annotations

import streamlit as st

if __name__ == "__main__":
    from ui.frame import main

    main()
else:
    from ui.warmup import lifespan

    app = st.App(__file__, lifespan=lifespan)
