"""The "Get this data" control under every page: a button opening a dialog with the API's addresses for the
filters in force, and one line of pandas and one of R that read them.

The addresses and snippets come from gdclusters.api (links.py); this module only draws them. Every address
and snippet is shown with st.code (text, never Markdown); data in captions goes through escape_markdown.

Session-state keys owned here: get_data_table_<page> (the table picked on that page), get_data_table_open
(the button).
"""

from __future__ import annotations

import streamlit as st
from streamlit import config

from gdclusters import api
from gdclusters.i18n import LANGUAGES, t
from gdclusters.sourcing import data_version
from gdclusters.text import escape_markdown
from ui.shell import Context

KEY_PREFIX = "get_data_table_"


def fallback_address() -> str:
    """The app's address when the browser's is unknown (AppTest, a script run without a page URL)."""
    base = (config.get_option("server.baseUrlPath") or "").strip("/")
    return f"http://localhost:{config.get_option('server.port')}/{base}"


def _licences(ctx: Context) -> str:
    """The dataset's licence names, as datapackage.json states them."""
    return ", ".join(licence.get("name", "") for licence in ctx.ds.descriptor.get("licenses", []))


def _content(ctx: Context, page_slug: str) -> None:
    """The dialog's body: the table to fetch, its addresses under the filters in force, and the snippets."""
    page = page_slug or "overview"
    tables = list(api.table_names(ctx.ds))
    titles = {r["name"]: r.get("title", r["name"]) for r in ctx.ds.descriptor["resources"]}
    default = api.PAGE_TABLES.get(page, api.DEFAULT_TABLE)
    st.caption(
        ctx.t(
            "get_data.intro",
            version=escape_markdown(data_version(ctx.ds.descriptor)),
            licence=escape_markdown(_licences(ctx)),
        )
    )
    table = st.selectbox(
        ctx.t("get_data.table"),
        tables,
        index=tables.index(default) if default in tables else 0,
        format_func=lambda name: f"{titles[name]} ({name})",
        key=KEY_PREFIX + page,
    )
    ids = api.filter_ids(ctx.ds, ctx.filters)
    if ids.selects_nothing():
        st.caption(ctx.t("get_data.nothing_selected"))
        return
    unapplied = api.unapplied_filters(ctx.ds, table, ids)
    if unapplied:
        params = ctx.t("get_data.param_joiner").join(ctx.t(f"get_data.param_{p}") for p in unapplied)
        st.caption(ctx.t("get_data.not_filtered", params=params))
    root = api.api_root(st.context.url, page_slug, fallback_address())
    csv_url = api.table_url(root, ctx.ds, table, "csv", ids)
    text_columns = api.text_id_columns(ctx.ds, table)
    for label, text, language in (
        ("get_data.csv", csv_url, None),
        ("get_data.json", api.table_url(root, ctx.ds, table, "json", ids), None),
        ("get_data.pandas", api.pandas_snippet(csv_url, text_columns), "python"),
        ("get_data.r", api.r_snippet(csv_url, text_columns), "r"),
        ("get_data.package", api.descriptor_url(root), None),
    ):
        st.caption(ctx.t(label))
        st.code(text, language=language, wrap_lines=True)


# One dialog per language (a dialog's title is fixed when it is made).
_DIALOGS = {lang: st.dialog(t("get_data.title", lang), width="large")(_content) for lang in LANGUAGES}


def get_data(ctx: Context, page_slug: str) -> None:
    """Draw the control for the page page_slug ('' for the default page) under the current filters.

    A button that opens a dialog: the addresses and snippets are drawn only when asked for, so a page's reruns
    do not send them, and a first visit does not load the code blocks' syntax highlighter (~450 KB compressed).
    Changing the table inside the dialog reruns only the dialog.
    """
    if st.button(ctx.t("get_data.title"), icon=":material/dataset:", key=f"{KEY_PREFIX}open"):
        _DIALOGS[ctx.lang](ctx, page_slug)
