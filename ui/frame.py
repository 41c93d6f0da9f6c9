"""The frame of the multipage app: page config, language, data loading (with a readable error page), the
shared sidebar filters bound to the URL, navigation, the "Get this data" control and the footer (with the data
release). No data logic lives here.

dashboard.py calls main() on every script run.
"""

from __future__ import annotations

import logging
from datetime import timedelta

import streamlit as st

from gdclusters.dataset import DataError
from gdclusters.i18n import t
from gdclusters.sourcing import data_version
from gdclusters.text import escape_markdown
from ui import exports, loading, shell
from ui.get_data import get_data

SECTIONS = {
    "section_explore": ["overview", "map", "matrix", "tiers", "targets"],
    "section_profiles": ["city", "cluster"],
    "section_about": ["sources"],
}


@st.fragment(run_every=timedelta(hours=1))
def _rerun_after_reconnect() -> None:
    """An empty fragment with a timer, so that a browser that reconnects runs the page again from its URL.

    Streamlit's front end reruns after a reconnect only if the disconnect cut a run short (streamlit#9083). When
    a replica behind the load balancer dies, its visitors reconnect to another replica that has never seen their
    session: without a rerun they keep the old page on screen, and their next click acts on an empty session.
    With a timed fragment on the page the front end asks for a run once it is connected again, and the new
    replica draws the view from the URL (tests/browser/test_replicas.py). Its own run, once an hour, draws nothing.
    """


# Keyboard focus on links. Streamlit 1.67 marks a focused page link (in the sidebar's navigation and on a page)
# only by a faint background, about 1.1:1 against white, where its buttons get a 3 px ring: the same ring, in the
# theme's primary colour (WCAG 2.4.7, focus visible; tests/browser/test_journeys.py).
FOCUS_STYLE = """<style>
a[data-testid="stSidebarNavLink"]:focus-visible,
a[data-testid="stPageLink-NavLink"]:focus-visible {{
  outline: 3px solid {colour};
  outline-offset: 1px;
}}
</style>"""
COLOUR_OPTION = "theme.primaryColor"


def focus_style() -> None:
    """The link focus ring (a style-only st.html goes to the event container and takes no room on the page)."""
    st.html(FOCUS_STYLE.format(colour=st.get_option(COLOUR_OPTION) or "currentColor"))


def main() -> None:
    """Draw the frame around the page the URL selects, and run that page."""
    st.set_page_config(
        page_title="Guangdong clusters · 广东战略性产业集群", page_icon=str(shell.FAVICON), layout="wide"
    )
    focus_style()

    try:
        ds = loading.dataset()
    except DataError as error:
        shell.show_data_error(error.issues, shell.url_language())
        st.stop()

    notices = shell.sync_from_url(shell.filter_options(ds))
    lang = shell.language_switch()

    pages = {
        t(f"app.{section}", lang): [
            st.Page(
                f"pages/{slug}.py",
                title=t(f"pages.{slug}", lang),
                icon=shell.PAGE_ICONS[slug],
                url_path=slug,
                default=slug == "overview",
            )
            for slug in slugs
        ]
        for section, slugs in SECTIONS.items()
    }
    navigation = st.navigation(pages)

    filters = shell.sidebar_filters(ds, lang)
    shell.write_url(filters, lang)
    ctx = shell.Context(ds=ds, filters=filters, lang=lang)
    shell.set_context(ctx)
    shell.show_notices(notices, lang)

    exports.start_page(navigation.title, navigation.url_path)
    try:
        navigation.run()
    except Exception:
        logging.getLogger("gdclusters").exception("page %s failed", navigation.url_path)
        st.error(t("errors.unexpected", lang), icon=":material/error:")
    exports.bundle_button(lang)
    get_data(ctx, navigation.url_path)
    _rerun_after_reconnect()

    st.divider()
    st.caption(t("app.footer", lang, n_sources=len(ds.sources), version=escape_markdown(data_version(ds.descriptor))))
