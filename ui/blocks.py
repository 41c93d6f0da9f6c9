"""Small rendering blocks shared by pages."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from gdclusters.text import escape_markdown


def _cell(value: object) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    return escape_markdown(value)


def text_table(frame: pd.DataFrame, caption: str | None = None) -> None:
    """A static table whose cells are real text for screen readers (not a canvas grid).

    st.table renders Markdown in cells and headers, and these carry text from the data (names,
    quotes), so every one is escaped.
    """
    shown = frame.map(_cell)
    shown.columns = [escape_markdown(c) for c in frame.columns]
    st.table(shown, hide_index=True, alt=caption)
