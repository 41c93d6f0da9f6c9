"""Small rendering blocks shared by pages: plain-text tables, and charts and tables with their sources and downloads."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Literal

import pandas as pd
import streamlit as st

from gdclusters.analysis import source_year_span
from gdclusters.i18n import column_labels
from gdclusters.profiles import export_frame
from gdclusters.text import escape_markdown
from gdclusters.twins import twin_frame
from ui import vega
from ui.exports import chart_exports, table_exports
from ui.memo import per_object
from ui.shell import Context, source_caption

# The table twin of a chart is a static text table up to this many rows; a longer one is an st.dataframe (a canvas
# grid, but one that does not send every cell as Markdown on each rerun).
TWIN_TEXT_ROWS = 40
# The widget keys of lazy expanders end with this (tests open them all by it: tests/support/apptest.py).
OPEN_SUFFIX = "__open"


def _cell(value: object) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    return escape_markdown(value)


@per_object
def _escaped(frame: pd.DataFrame) -> pd.DataFrame:
    """Every cell and header of frame escaped for Markdown (once per frame object: views share theirs)."""
    shown = frame.map(_cell)
    shown.columns = [escape_markdown(c) for c in frame.columns]
    return shown


def text_table(frame: pd.DataFrame, caption: str | None = None) -> None:
    """A static table whose cells are real text for screen readers (not a canvas grid).

    st.table renders Markdown in cells and headers, and these carry text from the data (names,
    quotes), so every one is escaped.
    """
    st.table(_escaped(frame), hide_index=True, alt=caption)


def lazy_expander(label: str, key: str, render: Callable[[], None]) -> None:
    """An expander whose content is built, sent and drawn only while it is open.

    A closed st.expander still sends and draws its content: on a first visit to the Overview, the closed table twin
    and quote tables of one chart cost about 1 s (Streamlit renders every st.table cell as Markdown; BENCHMARKS.md,
    fifth session). Opening or closing this one reruns the page (Streamlit's state-tracking expander); its widget
    state is under key + OPEN_SUFFIX.

    Streamlit builds an expander's identity from its label too, so a new label ("Excluded figures (2)" after
    "(3)", or the other language) makes a new expander, closed again. So its state is written back under its key
    before it is drawn: a new expander takes a value set through the Session State API as its own, and the same
    expander keeps the value it has.
    """
    widget_key = key + OPEN_SUFFIX
    if widget_key in st.session_state:
        st.session_state[widget_key] = st.session_state[widget_key]
    box = st.expander(label, key=widget_key, on_change="rerun")
    if box.open:
        with box:
            render()


def table_twin(ctx: Context, data: pd.DataFrame, key: str) -> None:
    """The chart's data as a table, in an expander under the chart (its text alternative with the summary)."""

    def render() -> None:
        shown = _unique_columns(twin_frame(data, ctx.lang))
        if len(shown) > TWIN_TEXT_ROWS:
            st.dataframe(shown, hide_index=True)
        else:
            text_table(shown)

    lazy_expander(ctx.t("a11y.table_twin"), f"{key}_twin", render)


def _unique_columns(frame: pd.DataFrame) -> pd.DataFrame:
    """frame with repeated headers numbered ("Scope", "Scope (2)"): Arrow, and so Streamlit's tables, refuse repeats."""
    if frame.columns.is_unique:
        return frame
    seen: dict[str, int] = {}
    names = []
    for column in map(str, frame.columns):
        seen[column] = seen.get(column, 0) + 1
        names.append(column if seen[column] == 1 else f"{column} ({seen[column]})")
    return frame.set_axis(names, axis=1)


def sourced_chart(
    ctx: Context,
    chart: Any,
    data: pd.DataFrame,
    *,
    name: Sequence[str],
    key: str,
    source_ids: Sequence[str],
    period: str | None = None,
    note: str | None = None,
    width: Literal["stretch", "content"] = "stretch",
    title: str | None = None,
    export_chart: Any = None,
    cited_ids: Sequence[str] | None = None,
    summary: str | None = None,
) -> None:
    """An Altair chart, its source caption and its download menu (data as the CSV), in one call.

    The caption names source_ids and the period; the files cite the same sources (cited_ids instead, where a
    file must name more than the chart draws) and state the period or, for a chart without one, the years its
    sources were published. note is a caption between the chart and its source line. export_chart is what the
    files draw when it is not the chart on screen (a chart, or a function that builds it: then give title).
    summary is the chart's one-sentence takeaway, computed from its data: shown above the chart and given to it as
    its text alternative. Under the chart, its table twin: data in an expander.
    """
    if summary:
        st.markdown(escape_markdown(summary))
    vega.altair_chart(chart, width=width, key=f"{key}_chart", description=summary)
    table_twin(ctx, data, key)
    if note:
        st.caption(note)
    source_caption(ctx, source_ids, period)
    chart_exports(
        chart if export_chart is None else export_chart,
        data,
        name=name,
        key=key,
        lang=ctx.lang,
        citation=ctx.citation(source_ids if cited_ids is None else cited_ids),
        title=title,
        period=period or ctx.t("format.sources_published", span=source_year_span(ctx.ds, source_ids)),
    )


def sourced_table(
    ctx: Context,
    frame: pd.DataFrame,
    *,
    name: Sequence[str],
    key: str,
    source_ids: Sequence[str],
    section: str,
    columns: tuple[str, ...],
    period: str | None = None,
    link_column: str | None = None,
) -> None:
    """A table of facts (columns under their <section>.col_* headers), its source caption and its CSV download."""
    config: dict[str, Any] = column_labels(section, columns, ctx.lang)
    if link_column:
        config[link_column] = st.column_config.LinkColumn(config[link_column])
    st.dataframe(frame, hide_index=True, column_order=list(columns), column_config=config)
    source_caption(ctx, source_ids, period)
    table_exports(
        export_frame(frame, section, columns, ctx.lang),
        name=name,
        citation=ctx.citation(source_ids),
        key=key,
        lang=ctx.lang,
        period=period,
    )
