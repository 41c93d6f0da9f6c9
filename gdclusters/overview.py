"""Data behind the Overview page: the headline figures, the count of trillion-yuan clusters, and the links on.

Every figure is read from metrics.csv by (scope, metric, period) and keeps its unit, qualifier ('nearly 3
trillion yuan') and sources. Where several sources give the same figure, the most reliable one is shown
and every source that agrees is cited; tier-D sources are never used for a figure shown as fact.
"""

from __future__ import annotations

from dataclasses import dataclass

import altair as alt
import pandas as pd

from gdclusters import analysis, maps
from gdclusters.analysis import memoised_per_args
from gdclusters.dataset import Dataset
from gdclusters.i18n import DEFAULT_LANGUAGE, format_value, t
from gdclusters.state import Filters, to_query
from gdclusters.tiers import source_labels

# (key of the label in the [overview] catalogue section, scope, metric, period), in display order.
HEADLINES = (
    ("pillar_revenue_2019", "pillar_10", "operating_revenue", "2019"),
    ("emerging_revenue_2019", "emerging_10", "operating_revenue", "2019"),
    ("emerging_revenue_2023", "emerging_10", "operating_revenue", "2023"),
    ("all_added_value_2021", "all_20", "added_value", "2021"),
    ("all_share_of_gdp_2023", "all_20", "share_of_gdp_pct", "2023"),
    ("all_added_value_growth_2023", "all_20", "added_value_growth_pct", "2023"),
)
TRILLION_SCOPE = "all_20"
TRILLION_METRIC = "trillion_clusters_count"
RELIABILITY_ORDER = {"A": 0, "B": 1, "C": 2}
BAR_COLOUR = "#2171b5"
# Pages the Overview points to, in the order a first-time reader would use them.
NEXT_PAGES = ("map", "matrix", "tiers", "targets", "city", "cluster", "sources")


@dataclass(frozen=True)
class Figure:
    """One headline figure with everything the reader needs to check it."""

    key: str
    label: str
    value_text: str
    period: str
    unit: str
    source_ids: tuple[str, ...]
    quote: str
    note: str


def _ranked(ds: Dataset, scopes: set[str]) -> pd.DataFrame:
    """Province-wide figures of the scopes from sources good enough to show as fact, best source first."""
    metrics = ds.metrics
    rows = metrics[metrics["scope"].isin(scopes) & (metrics["adcode"] == "")]
    rows = rows.merge(ds.sources[["source_id", "reliability", "published"]], on="source_id", how="left")
    rows = rows[rows["reliability"].isin(list(RELIABILITY_ORDER))]
    rows = rows.assign(rank=rows["reliability"].map(RELIABILITY_ORDER))
    # The most reliable first; among equals the most recent publication.
    return rows.sort_values(["rank", "published"], ascending=[True, False], kind="stable")


def _agreeing_sources(rows: pd.DataFrame, best: pd.Series) -> tuple[str, ...]:
    """Ids of the sources that give the same value and qualifier as the best row."""
    same = rows[(rows["value"] == best["value"]) & (rows["qualifier"] == best["qualifier"])]
    return tuple(dict.fromkeys(same["source_id"]))


@memoised_per_args
def headline_figures(ds: Dataset, lang: str) -> list[Figure]:
    """The headline figures present in the data, each formatted for lang with its period, unit and sources."""
    ranked = _ranked(ds, {scope for _, scope, _, _ in HEADLINES})
    out = []
    for key, scope, metric, period in HEADLINES:
        rows = ranked[(ranked["scope"] == scope) & (ranked["metric"] == metric) & (ranked["period"] == period)]
        if rows.empty:
            continue
        best = rows.iloc[0]
        out.append(Figure(
            key=key, label=t(f"overview.figure_{key}", lang),
            value_text=format_value(float(best["value"]), best["unit"], lang, best["qualifier"]),
            period=period, unit=best["unit"], source_ids=_agreeing_sources(rows, best),
            quote=best["quote"], note=best["note"]))
    return out


@memoised_per_args
def trillion_cluster_counts(ds: Dataset) -> pd.DataFrame:
    """How many clusters passed 1 trillion yuan of annual output, one row per period, with sources and quotes."""
    rows = _ranked(ds, {TRILLION_SCOPE})
    rows = rows[rows["metric"] == TRILLION_METRIC]
    labels = source_labels(ds.sources)
    records = []
    for period, group in rows.groupby("period", sort=True):
        best = group.iloc[0]
        ids = _agreeing_sources(group, best)
        records.append({
            "period": period, "clusters": int(best["value"]),
            "source": "; ".join(labels.get(s, s) for s in ids), "source_ids": "; ".join(ids),
            "quote": best["quote"], "note": best["note"]})
    return pd.DataFrame(records, columns=["period", "clusters", "source", "source_ids", "quote", "note"])


def trillion_count_chart(counts: pd.DataFrame, lang: str) -> alt.LayerChart:
    """Bars: clusters with over 1 trillion yuan of annual output, by the year the sources give."""
    base = alt.Chart(counts).encode(
        x=alt.X("period:O", title=t("overview.axis_period", lang), axis=alt.Axis(labelAngle=0)),
        y=alt.Y("clusters:Q", title=t("overview.axis_trillion", lang), axis=alt.Axis(tickMinStep=1),
                scale=alt.Scale(domain=[0, 20])),
    )
    bars = base.mark_bar(color=BAR_COLOUR, size=38).encode(tooltip=[
        alt.Tooltip("period:O", title=t("overview.axis_period", lang)),
        alt.Tooltip("clusters:Q", title=t("overview.axis_trillion", lang)),
        alt.Tooltip("source:N", title=t("overview.col_source", lang)),
    ])
    labels = base.mark_text(dy=-8, fontSize=13, fontWeight="bold").encode(text="clusters:Q")
    return alt.layer(bars, labels).properties(
        width="container", height=220,
        title=alt.TitleParams(t("overview.trillion_title", lang), subtitle=t("overview.trillion_subtitle", lang),
                              anchor="start"))


@memoised_per_args
def trillion_chart(ds: Dataset, lang: str) -> alt.LayerChart:
    """The trillion-cluster chart in lang (it does not depend on the filters: built once per language)."""
    return trillion_count_chart(trillion_cluster_counts(ds), lang)


@dataclass(frozen=True, eq=False)
class CountMap:
    """The Overview's map for one filter set: per-city styles, legend, the on-screen chart and its sources.

    Shared between reruns and sessions (memoised): read it, never change it.
    """

    styles: pd.DataFrame
    legend: tuple[maps.LegendEntry, ...]
    legend_title: str
    chart: alt.LayerChart
    source_ids: tuple[str, ...]


@memoised_per_args
def count_map(ds: Dataset, filters: Filters, lang: str, boundaries: maps.Boundaries) -> CountMap | None:
    """How many clusters each city is named for, under the filters (None when no link matches them).

    On screen the chart fetches the display shapes (maps.DISPLAY_SHAPES_URL); region-level mentions are
    not counted (they are listed in each city's tooltip).
    """
    links = maps.link_table(ds, filters, lang)
    if links.empty:
        return None
    summary = analysis.city_summary(ds, filters)
    styles = maps.count_styles(summary, "n_clusters", lang)
    outside = len(maps.cities_in_filter(ds, filters)) < len(ds.cities)
    legend = tuple(maps.count_legend(maps.count_scale_max(summary), lang, outside))
    legend_title = t("map.legend_title_n_clusters", lang)
    chart = maps.static_map_chart(boundaries.features, styles, legend, title="", legend_title=legend_title,
                                  lang=lang, tooltips=True, shapes_url=maps.DISPLAY_SHAPES_URL)
    return CountMap(styles, legend, legend_title, chart, tuple(maps.link_source_ids(links)))


def link_query(filters: Filters, lang: str) -> dict[str, list[str]]:
    """The canonical query parameters a link to another page carries, so the view keeps its filters."""
    return to_query(filters, None if lang == DEFAULT_LANGUAGE else lang)
