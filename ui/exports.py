"""Download controls for charts, maps and tables, and the page's "download this view" ZIP.

Files are generated only when a button is clicked (download_button with a callable, on_click="ignore": the
click does not rerun the page). Each control also records its item in a per-run registry
(session-state key REGISTRY_KEY, owned here): dashboard.py calls start_page() before the page runs and
bundle_button() after it, which offers every registered item in one ZIP.

Setting the environment variable GDCLUSTERS_EXPORT_CONTROLS=0 leaves every control out (used to measure
what the controls cost a rerun).
"""

from __future__ import annotations

import os
import urllib.parse
from collections.abc import Sequence
from typing import Literal

import pandas as pd
import streamlit as st

from gdclusters import export
from gdclusters.i18n import t
from gdclusters.sourcing import data_version, file_name_parts, versioned_citation
from gdclusters.state import Filters
from ui import shell

REGISTRY_KEY = "_export_registry"
PAGE_KEY = "_export_page"
CONTROLS_ENV = "GDCLUSTERS_EXPORT_CONTROLS"
# Material icons ship with Streamlit's front end (no emoji font needed, nothing downloaded).
FORMAT_ICONS = {
    "png": ":material/image:",
    "svg": ":material/shape_line:",
    "pdf": ":material/picture_as_pdf:",
    "json": ":material/data_object:",
    "csv": ":material/table_view:",
    "html": ":material/map:",
}


def controls_enabled() -> bool:
    """False when GDCLUSTERS_EXPORT_CONTROLS switches the controls off."""
    return os.environ.get(CONTROLS_ENV, "1").strip().lower() not in ("0", "off", "false", "no")


def start_page(page_title: str = "", page_slug: str = "") -> None:
    """Empty the export registry at the start of a run (and remember which page is running)."""
    st.session_state[REGISTRY_KEY] = {}
    st.session_state[PAGE_KEY] = (page_title, page_slug)


def registered_items() -> list[export.ExportItem]:
    """The items the current run's controls registered, in page order."""
    return list(st.session_state.get(REGISTRY_KEY, {}).values())


def _register(key: str, item: export.ExportItem) -> None:
    """Record an item; keyed by the control's key so a page drawn twice does not list it twice."""
    st.session_state.setdefault(REGISTRY_KEY, {})[key] = item


def _page() -> tuple[str, str]:
    """(title, slug) of the running page as start_page() recorded them."""
    return st.session_state.get(PAGE_KEY, ("", ""))


def _filters_line(lang: str) -> str:
    """The filters in force, in words, from the page context (empty outside the dashboard)."""
    if shell.CONTEXT_KEY not in st.session_state:
        return ""
    ctx = shell.context()
    return export.describe_filters(ctx.filters, lang, ctx.cluster_name, ctx.city_name)


def _data_version() -> str:
    """The data release of the dataset the page shows ('' outside the dashboard)."""
    if shell.CONTEXT_KEY not in st.session_state:
        return ""
    return data_version(shell.context().ds.descriptor)


def _chart_title(chart) -> str:
    """The chart's own title as one line, if it has one."""
    if chart is None:
        return ""
    return export.title_parts(chart._get("title"))[0]


def _item(
    name: Sequence[str],
    data: pd.DataFrame,
    citation: str,
    lang: str,
    title: str | None,
    period: str | None,
    chart=None,
    deck=None,
) -> export.ExportItem:
    """An export item with the decoration lines the images and the HTML map carry; its citation names the data
    release, so every file (CSV line, image footer, HTML map, ZIP README) says which release it comes from."""
    if title is None:
        title = _chart_title(chart) or _page()[0] or " · ".join(map(str, name))
    return export.ExportItem(
        name=tuple(str(part) for part in name),
        data=data,
        citation=versioned_citation(citation, _data_version(), lang),
        title=title,
        filters_line=_filters_line(lang),
        period_line=t("export.period_line", lang, period=period) if period else "",
        chart=chart,
        deck=deck,
        lang=lang,
    )


def _format_buttons(
    item: export.ExportItem, key: str, lang: str, width: Literal["stretch", "content"] = "stretch"
) -> None:
    """One download button per file of item, generated on click."""
    for name, make in item.files().items():
        fmt = name.rpartition(".")[2]
        st.download_button(
            t(f"export.{fmt}", lang),
            make,
            name,
            mime=export.MIME_TYPES[fmt],
            key=f"{key}_{fmt}",
            on_click="ignore",
            icon=FORMAT_ICONS[fmt],
            width=width,
        )


def _popover(item: export.ExportItem, key: str, lang: str) -> None:
    """The compact download menu: one popover with the format buttons inside."""
    with st.popover(t("export.download", lang), key=f"{key}_export", help=t("export.download_help", lang)):
        if item.chart is not None and not export.cjk_font_status().found:
            st.caption(t("export.no_cjk_font", lang))
        _format_buttons(item, key, lang)


def chart_exports(
    chart,
    data: pd.DataFrame,
    *,
    name: Sequence[str],
    citation: str,
    key: str,
    lang: str,
    title: str | None = None,
    period: str | None = None,
) -> None:
    """Download menu for one Altair chart: PNG (2x), SVG, PDF, Vega-Lite JSON and the CSV of its data."""
    if not controls_enabled():
        return
    item = _item(name, data, citation, lang, title, period, chart=chart)
    _register(key, item)
    _popover(item, key, lang)


def map_exports(
    deck,
    static_chart,
    data: pd.DataFrame,
    *,
    name: Sequence[str],
    citation: str,
    key: str,
    lang: str,
    title: str | None = None,
    period: str | None = None,
) -> None:
    """Download menu for a map: its static twin as PNG/SVG/PDF/JSON, the offline HTML map and the CSV."""
    if not controls_enabled():
        return
    item = _item(name, data, citation, lang, title, period, chart=static_chart, deck=deck)
    _register(key, item)
    _popover(item, key, lang)


def table_exports(
    data: pd.DataFrame,
    *,
    name: Sequence[str],
    citation: str,
    key: str,
    lang: str,
    title: str | None = None,
    period: str | None = None,
) -> None:
    """Download button for a table as formula-safe CSV with its citation."""
    if not controls_enabled():
        return
    item = _item(name, data, citation, lang, title, period)
    _register(key, item)
    _format_buttons(item, key, lang, width="content")


def _readme_text(lang: str, page_title: str, page_slug: str) -> str:
    """The top of the bundle README: what the view is and how to get it back."""
    pairs = [(param, value) for param in st.query_params for value in st.query_params.get_all(param)]
    query = f"/{page_slug}" + (f"?{urllib.parse.urlencode(pairs)}" if pairs else "")
    lines = [t("export.readme_title", lang), ""]
    if page_title:
        lines.append(t("export.readme_page", lang, page=page_title))
    lines.append(t("export.readme_link", lang, query=query))
    lines.append(t("export.readme_language", lang))
    filters_line = _filters_line(lang)
    if filters_line:
        lines.append(filters_line)
    return "\n".join(lines)


def bundle_button(lang: str, *, page_title: str | None = None, page_slug: str | None = None) -> None:
    """Offer every chart, map and table the page registered as one ZIP, built on click."""
    items = registered_items()
    if not controls_enabled() or not items:
        return
    recorded_title, recorded_slug = _page()
    page_title = recorded_title if page_title is None else page_title
    page_slug = (recorded_slug if page_slug is None else page_slug) or items[0].name[0]
    filters = shell.context().filters if shell.CONTEXT_KEY in st.session_state else Filters()
    readme = _readme_text(lang, page_title, page_slug)
    st.download_button(
        t("export.bundle", lang),
        lambda: export.bundle_zip(items, readme, lang, _data_version()),
        export.file_name(page_slug, "view", *file_name_parts(filters), lang, ext="zip"),
        mime=export.MIME_TYPES["zip"],
        key="export_bundle",
        on_click="ignore",
        help=t("export.bundle_help", lang),
        icon=":material/folder_zip:",
    )
