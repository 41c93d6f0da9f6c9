"""Guangdong strategic industrial clusters: the frame of the multipage app.

Page config, language, data loading (with a readable error page), the shared sidebar filters
bound to the URL, navigation and footer. No data logic lives here.

Run: streamlit run dashboard.py
"""

from __future__ import annotations

import logging

import streamlit as st

from gdclusters.dataset import DataError
from gdclusters.i18n import t
from ui import exports, loading, shell

st.set_page_config(page_title="Guangdong clusters · 广东战略性产业集群", page_icon="🏭", layout="wide")

try:
    ds = loading.dataset()
except DataError as error:
    shell.show_data_error(error.issues, shell.url_language())
    st.stop()

notices = shell.sync_from_url(shell.filter_options(ds))
lang = shell.language_switch()

PAGES = {
    "section_explore": [
        st.Page("pages/overview.py", title=t("pages.overview", lang), icon="🏠", url_path="overview", default=True),
        st.Page("pages/map.py", title=t("pages.map", lang), icon="🗺️", url_path="map"),
        st.Page("pages/matrix.py", title=t("pages.matrix", lang), icon="🔢", url_path="matrix"),
        st.Page("pages/tiers.py", title=t("pages.tiers", lang), icon="📊", url_path="tiers"),
        st.Page("pages/targets.py", title=t("pages.targets", lang), icon="🎯", url_path="targets"),
    ],
    "section_profiles": [
        st.Page("pages/city.py", title=t("pages.city", lang), icon="🏙️", url_path="city"),
        st.Page("pages/cluster.py", title=t("pages.cluster", lang), icon="🧩", url_path="cluster"),
    ],
    "section_about": [
        st.Page("pages/sources.py", title=t("pages.sources", lang), icon="📚", url_path="sources"),
    ],
}
navigation = st.navigation({t(f"app.{section}", lang): pages for section, pages in PAGES.items()})

filters = shell.sidebar_filters(ds, lang)
shell.write_url(filters, lang)
shell.set_context(shell.Context(ds=ds, filters=filters, lang=lang, notices=notices))
shell.show_notices(notices, lang)

exports.start_page(navigation.title, navigation.url_path)
try:
    navigation.run()
except Exception:
    logging.getLogger("gdclusters").exception("page %s failed", navigation.url_path)
    st.error(t("errors.unexpected", lang), icon="🛑")
exports.bundle_button(lang)

st.divider()
st.caption(t("app.footer", lang, n_sources=len(ds.sources)))
