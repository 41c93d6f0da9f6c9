"""The frame every page shares: language, sidebar filters kept in the URL, notices, error page.

The URL is synced by hand rather than with widgets' bind="query-params": bound widgets write their
display label into the URL, which would make links language-dependent and non-canonical. Instead:
sync_from_url() copies a new URL into the widget state before the widgets are drawn, and
write_url() writes the canonical parameters (cluster=<cluster_id>, city=<adcode>, ...) after.

The filter state lives in STATE_KEY, a plain session key: Streamlit resets widget values on page
switches (the language control in particular), so each widget is seeded from that state before
it is drawn and writes back through on_change. Pages change filters with set_filter().

Session-state keys owned here: STATE_KEY, the filter widgets (cluster, city, category, tier,
region, lang), find, LAST_QUERY_KEY and CONTEXT_KEY.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import pandas as pd
import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

from gdclusters.analysis import memoised_per_args
from gdclusters.dataset import Dataset
from gdclusters.i18n import DEFAULT_LANGUAGE, LANGUAGES, t
from gdclusters.search import build_entries, search
from gdclusters.sourcing import source_labels, source_line
from gdclusters.state import GLOBAL_PARAMS, PAGE_PARAMS, FilterOptions, Filters, Notice, parse_query, to_query
from gdclusters.text import escape_markdown
from ui.memo import per_object

CONTEXT_KEY = "_page_context"
LAST_QUERY_KEY = "_last_query"
STATE_KEY = "_filter_state"
FILTER_WIDGET_KEYS = ("cluster", "city", "category", "tier", "region", "lang")
# A filter's state: the values picked (the category control picks one, or None); lang is added beside them.
EMPTY_STATE: dict[str, list[str] | str | None] = {"cluster": [], "city": [], "category": None, "tier": [], "region": []}
LOG = logging.getLogger("gdclusters.ui")
LANGUAGE_NAMES = {"en": "English", "zh": "简体中文"}
# A local file: a Material icon as page_icon makes browsers fetch the favicon from Google's font host.
FAVICON = Path(__file__).resolve().parent / "favicon.png"
# Material icons inside the page ship with Streamlit's front end, so they render without an emoji font.
PAGE_ICONS = {
    "overview": ":material/home:",
    "map": ":material/map:",
    "matrix": ":material/grid_on:",
    "tiers": ":material/bar_chart:",
    "targets": ":material/flag:",
    "city": ":material/location_city:",
    "cluster": ":material/hub:",
    "sources": ":material/menu_book:",
}


@per_object
def _dataset_source_labels(sources: pd.DataFrame) -> dict[str, dict[str, str]]:
    """Every source's caption label in each language, built once per dataset (shared: read only)."""
    return {lang: source_labels(sources, lang) for lang in LANGUAGES}


@dataclass
class Context:
    """What a page needs: the dataset, the filters in force and the language."""

    ds: Dataset
    filters: Filters
    lang: str

    def t(self, key: str, **values: object) -> str:
        """Translate key in this context's language."""
        return t(key, self.lang, **values)

    def cluster_name(self, cluster_id: str) -> str:
        """A cluster's name in this language (the id itself for an unknown one)."""
        return _filter_names(self.ds, self.lang)[0].get(cluster_id, cluster_id)

    def city_name(self, adcode: str) -> str:
        """A city's name in this language (the adcode itself for an unknown one)."""
        return _filter_names(self.ds, self.lang)[1].get(adcode, adcode)

    @cached_property
    def _source_labels(self) -> dict[str, str]:
        """Every source's caption label in this language, built once per dataset (shared: read only)."""
        return _dataset_source_labels(self.ds.sources)[self.lang]

    def source_label(self, source_id: str) -> str:
        """'Publisher (year)' for a source id, for captions."""
        return self._source_labels.get(source_id, source_id)

    def citation(self, source_ids: Iterable[str]) -> str:
        """'Source: …' naming each distinct source once (captions and export citations)."""
        return source_line((self.source_label(s) for s in source_ids if s), self.lang)


def url_language() -> str:
    """The language to use before the widgets exist: the session's choice, else the URL's, else English."""
    value = st.session_state.get(STATE_KEY, {}).get("lang")
    if value in LANGUAGES:
        return value
    raw = st.query_params.get_all("lang")
    return raw[0] if raw and raw[0] in LANGUAGES else DEFAULT_LANGUAGE


def user_agent() -> str | None:
    """The browser's User-Agent header for this session (None where there is no request, as in AppTest)."""
    return st.context.headers.get("User-Agent")


def filter_options(ds: Dataset) -> FilterOptions:
    """The values each URL parameter accepts for this dataset."""
    return FilterOptions(clusters=tuple(ds.clusters["cluster_id"]), cities=tuple(ds.cities["adcode"]))


def _state() -> dict:
    """The canonical filter state of this session (a plain key that Streamlit never resets)."""
    if STATE_KEY not in st.session_state:
        st.session_state[STATE_KEY] = dict(EMPTY_STATE, lang=DEFAULT_LANGUAGE)
    return st.session_state[STATE_KEY]


def set_filter(name: str, value: object) -> None:
    """Change one global filter (or 'lang'); safe in callbacks. The widgets follow on the next run."""
    _state()[name] = value


def _commit(name: str) -> None:
    """on_change callback: copy a widget's new value into the canonical state."""
    _state()[name] = st.session_state[name]


def _seed(name: str) -> None:
    """Set a widget's value from the canonical state before it is drawn."""
    st.session_state[name] = _state()[name]


def sync_from_url(options: FilterOptions) -> list[Notice]:
    """Copy a new URL's filters into the canonical state; return notices for every value dropped.

    A URL counts as new on the session's first run or when its global parameters differ from the
    ones this session last wrote. A URL without any global parameter after the first run is a page
    switch (navigation drops parameters): the state is kept and write_url() puts it back.
    """
    raw = {key: st.query_params.get_all(key) for key in st.query_params}
    parsed = parse_query(raw, options)
    incoming = to_query(parsed.filters(), parsed.lang)
    last = st.session_state.get(LAST_QUERY_KEY)
    carries_state = any(key in raw for key in GLOBAL_PARAMS)
    if last is None or (carries_state and incoming != last):
        filters = parsed.filters()
        state = _state()
        state.update(
            cluster=list(filters.clusters),
            city=list(filters.cities),
            category=filters.categories[0] if filters.categories else None,
            tier=[str(v) for v in filters.tiers],
            region=list(filters.regions),
            lang=parsed.lang or state.get("lang") or DEFAULT_LANGUAGE,
        )
    return parsed.notices


def write_url(filters: Filters, lang: str) -> None:
    """Write the canonical query parameters for the current state (default language omitted)."""
    query = to_query(filters, None if lang == DEFAULT_LANGUAGE else lang)
    for key, allowed in PAGE_PARAMS.items():
        values = [v for v in st.query_params.get_all(key) if v in allowed][:1]
        if values:
            query[key] = values
    current = {key: st.query_params.get_all(key) for key in st.query_params}
    if current != query:
        st.query_params.from_dict(query)
    st.session_state[LAST_QUERY_KEY] = to_query(filters, None if lang == DEFAULT_LANGUAGE else lang)


@memoised_per_args
def _filter_names(ds: Dataset, lang: str) -> tuple[dict[str, str], dict[str, str]]:
    """Cluster names (pillar clusters first, largest first) and city names for the filters, once per language.

    Shared between sessions: read them, never change them.
    """
    clusters = ds.clusters.sort_values(["category", "output_floor_2023_bn_yuan"], ascending=[False, False])
    name = "name_zh" if lang == "zh" else "name_en"
    return (
        dict(zip(clusters["cluster_id"], clusters[name], strict=True)),
        dict(zip(ds.cities["adcode"], ds.cities[name], strict=True)),
    )


def sidebar_filters(ds: Dataset, lang: str) -> Filters:
    """Draw the global filters from the canonical state; return their values."""
    options = filter_options(ds)
    cluster_names, city_names = _filter_names(ds, lang)
    for name in FILTER_WIDGET_KEYS[:-1]:
        _seed(name)
    with st.sidebar:
        st.header(t("filters.header", lang), help=t("filters.help", lang))
        quick_find(ds, lang)
        picked_clusters = st.multiselect(
            t("filters.clusters", lang),
            list(cluster_names),
            format_func=lambda c: cluster_names[c],
            key="cluster",
            placeholder=t("filters.all", lang),
            on_change=_commit,
            args=("cluster",),
        )
        picked_cities = st.multiselect(
            t("filters.cities", lang),
            list(city_names),
            format_func=lambda c: city_names[c],
            key="city",
            placeholder=t("filters.all", lang),
            on_change=_commit,
            args=("city",),
        )
        category = st.segmented_control(
            t("filters.category", lang),
            list(options.categories),
            format_func=lambda c: t(f"category.{c}", lang),
            key="category",
            on_change=_commit,
            args=("category",),
        )
        tiers = st.multiselect(
            t("filters.tier", lang),
            list(options.allowed("tier")),
            format_func=lambda v: t(f"tier.t{v}", lang),
            key="tier",
            placeholder=t("filters.all", lang),
            on_change=_commit,
            args=("tier",),
        )
        regions = st.multiselect(
            t("filters.region", lang),
            list(options.regions),
            format_func=lambda r: t(f"region.{r}", lang),
            key="region",
            placeholder=t("filters.all", lang),
            on_change=_commit,
            args=("region",),
        )
        st.button(t("filters.clear", lang), on_click=_clear_filters, key="clear_filters")
    return Filters(
        clusters=tuple(picked_clusters),
        cities=tuple(picked_cities),
        categories=(category,) if category else (),
        tiers=tuple(int(v) for v in tiers),
        regions=tuple(regions),
    )


def quick_find(ds: Dataset, lang: str) -> None:
    """A search box that understands 中文, English and pinyin; each match adds itself to the filters."""
    query = st.text_input(
        t("filters.find", lang), key="find", max_chars=50, placeholder=t("filters.find_placeholder", lang)
    )
    if not query.strip():
        return
    matches = search(build_entries(ds.cities, ds.clusters), query)
    if not matches:
        st.caption(escape_markdown(t("filters.find_none", lang, query=query)))
    for match in matches:
        entry = match.entry
        name = entry.name_zh if lang == "zh" else entry.name_en
        label = t(f"filters.find_add_{entry.kind}", lang, name=name)
        st.button(
            label,
            key=f"find_{entry.kind}_{entry.key}",
            on_click=_add_to_filter,
            args=("city" if entry.kind == "city" else "cluster", entry.key),
        )


def _add_to_filter(name: str, value: str) -> None:
    """Add one value to a filter and clear the search box (button callback)."""
    current = list(_state()[name] or [])
    if value not in current:
        set_filter(name, [*current, value])
    st.session_state["find"] = ""


def _clear_filters() -> None:
    """Reset every global filter, keeping the language (callback of the clear button)."""
    _state().update(EMPTY_STATE)


def language_switch() -> str:
    """Draw the language switch (kept in the URL as ?lang=zh) and return the chosen language."""
    _seed("lang")
    with st.sidebar:
        choice = st.segmented_control(
            "Language / 语言",
            list(LANGUAGES),
            format_func=lambda code: LANGUAGE_NAMES[code],
            key="lang",
            on_change=_commit,
            args=("lang",),
        )
    if not choice:  # clicking the selected option deselects it; keep the language instead
        choice = _state()["lang"] or DEFAULT_LANGUAGE
    return choice


def show_notices(notices: list[Notice], lang: str) -> None:
    """One warning listing every ignored URL value (escaped: values come from the address bar)."""
    if not notices:
        return
    lines = []
    for n in notices:
        reason = t(f"notices.{n.reason}", lang, limit=n.limit)
        lines.append(
            "- " + escape_markdown(t("notices.ignored_param", lang, param=n.param, value=n.value, reason=reason))
        )
    st.warning("\n".join(lines), icon=":material/warning:")


def show_data_error(issues: list, lang: str, limit: int = 50) -> None:
    """A readable error page for a data folder that fails validation (no traceback)."""
    st.error(t("errors.data_title", lang), icon=":material/error:")
    st.markdown(escape_markdown(t("errors.data_intro", lang, n=len(issues))).replace("\\`", "`"))
    st.markdown("\n".join("- " + escape_markdown(str(issue)) for issue in issues[:limit]))
    if len(issues) > limit:
        st.markdown(escape_markdown(t("errors.data_more", lang, n=len(issues) - limit)))


def set_context(ctx: Context) -> None:
    """Store this run's context for the page script."""
    st.session_state[CONTEXT_KEY] = ctx


def context() -> Context:
    """The context dashboard.py built for this run.

    Streamlit fixes a server's multipage mode when its first session starts: with a folder named
    pages/ beside the entrypoint, a first visit by deep link (e.g. /tiers) runs the page script
    alone, without dashboard.py. st.navigation would switch the server to the current mode for
    good, so do exactly that and rerun, this time through dashboard.py.
    """
    ctx = st.session_state.get(CONTEXT_KEY)
    if ctx is None:
        PagesManager.uses_pages_directory = False
        st.rerun()
    return ctx


def source_caption(ctx: Context, source_ids: Iterable[str], period: str | None = None) -> None:
    """The one-line source (and period) caption every chart carries."""
    text = ctx.citation(source_ids)
    if period:
        text += " · " + ctx.t("format.period", period=period)
    st.caption(escape_markdown(text))


def page_param(name: str) -> str | None:
    """A page parameter's accepted value in the URL (state.PAGE_PARAMS), None when absent or not allowed."""
    values = [v for v in st.query_params.get_all(name) if v in PAGE_PARAMS[name]]
    return values[0] if values else None


def set_page_param(name: str, value: str | None) -> None:
    """Write (or, for None, remove) a page parameter in the URL; safe in callbacks."""
    if value is None:
        st.query_params.pop(name, None)
    else:
        st.query_params[name] = value
