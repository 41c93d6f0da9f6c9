"""The frame of the multipage app: page config, language, data loading (with a readable error page), the
shared sidebar filters bound to the URL, navigation and footer. No data logic lives here.

dashboard.py calls main() on every script run.
"""

from __future__ import annotations

import logging

import streamlit as st

from gdclusters.dataset import DataError
from gdclusters.i18n import t
from ui import exports, loading, shell

SECTIONS = {
    "section_explore": ["overview", "map", "matrix", "tiers", "targets"],
    "section_profiles": ["city", "cluster"],
    "section_about": ["sources"],
}


def main() -> None:
    """Draw the frame around the page the URL selects, and run that page."""
    st.set_page_config(
        page_title="Guangdong clusters · 广东战略性产业集群", page_icon=str(shell.FAVICON), layout="wide"
    )

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
    shell.set_context(shell.Context(ds=ds, filters=filters, lang=lang))
    shell.show_notices(notices, lang)

    exports.start_page(navigation.title, navigation.url_path)
    try:
        navigation.run()
    except Exception:
        logging.getLogger("gdclusters").exception("page %s failed", navigation.url_path)
        st.error(t("errors.unexpected", lang), icon=":material/error:")
    exports.bundle_button(lang)

    st.divider()
    st.caption(t("app.footer", lang, n_sources=len(ds.sources)))
