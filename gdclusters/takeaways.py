"""One-sentence takeaways of the Revenue tiers and Overview charts, computed from the frames the charts draw.

Each sentence is shown above its chart and given to it as its text alternative (the Vega-Lite description), so
it follows the filters and the language like the chart does. Pure functions of frames, plus memoised views per
(dataset, filters, language) for the pages.
"""

from __future__ import annotations

import pandas as pd

from gdclusters import analysis, periods, tiers
from gdclusters.analysis import memoised_per_args
from gdclusters.dataset import Dataset
from gdclusters.domain import TIER_ORDER
from gdclusters.i18n import t
from gdclusters.state import Filters


def _and_list(values: list[str], lang: str) -> str:
    """'a, b and c' / 'a、b、c'."""
    if len(values) < 2:
        return "".join(values)
    return t("takeaway.list_sep", lang).join(values[:-1]) + t("takeaway.list_last", lang) + values[-1]


def tier_takeaway(latest: pd.DataFrame, lang: str) -> str:
    """How many clusters are in the top tier present, and for how many a whole-cluster figure is published.

    latest is tiers.latest_figures; '' when it has no row.
    """
    if latest.empty:
        return ""
    top = min(latest["tier_bn_yuan"], key=TIER_ORDER.index)
    tier = t(f"tier.t{top}", lang)
    with_figure = int(latest["has_figure"].sum())
    if len(latest) == 1:
        row = latest.iloc[0]
        if not row["has_figure"]:
            return t("takeaway.tiers_one_none", lang, cluster=row["cluster"], tier=tier)
        period = periods.with_basis(row["period"], row["period_basis_id"], row["published"], lang)
        figure = t("charts.latest_label", lang, measure=row["measure"], period=period, value=row["value_text"])
        return t("takeaway.tiers_one", lang, cluster=row["cluster"], tier=tier, figure=figure)
    key = "takeaway.tiers" if with_figure else "takeaway.tiers_none"
    in_top = int((latest["tier_bn_yuan"] == top).sum())
    return t(key, lang, k=in_top, n=len(latest), tier=tier, m=with_figure)


def tier_count_takeaway(tier_rows: pd.DataFrame, lang: str) -> str:
    """The clusters per tier as a sentence, biggest tier first, noting when the top tier is one category alone.

    tier_rows is tiers.tier_frame; '' when it has no row.
    """
    if tier_rows.empty:
        return ""
    if len(tier_rows) == 1:
        row = tier_rows.iloc[0]
        return t("takeaway.counts_one", lang, cluster=row["cluster"], tier=t(f"tier.t{row['tier_bn_yuan']}", lang))
    counts = tier_rows["tier_bn_yuan"].value_counts()
    present = [tier for tier in TIER_ORDER if tier in counts.index]
    parts = _and_list(
        [t("takeaway.count_part", lang, n=int(counts[tier]), tier=t(f"tier.t{tier}", lang)) for tier in present], lang
    )
    top_categories = set(tier_rows.loc[tier_rows["tier_bn_yuan"] == present[0], "category"])
    if len(present) > 1 and len(top_categories) == 1 and tier_rows["category"].nunique() > 1:
        (category,) = top_categories
        return t(
            "takeaway.counts_top_single",
            lang,
            n=len(tier_rows),
            parts=parts,
            k=int(counts[present[0]]),
            category=t(f"takeaway.category_{category}", lang),
        )
    return t("takeaway.counts", lang, n=len(tier_rows), parts=parts)


def series_takeaway(points: pd.DataFrame, lang: str) -> str:
    """How many series (one cluster, one measure) have two or more full years, and which one runs longest.

    points is tiers.series_points; '' when it has no row. The longest series has the most full years, then the
    latest last year.
    """
    if points.empty:
        return ""
    n_series = points["series"].nunique()
    full = points[points["kind"] == "full_year"]
    years = full.groupby("series")["period"].agg(["size", "min", "max"])
    long = years[years["size"] >= 2]
    if long.empty:
        return t("takeaway.series_none", lang, n=n_series)
    best_key = long.sort_values(["size", "max", "min"], ascending=[False, False, True]).index[0]
    best = points[points["series"] == best_key].iloc[0]
    values = {
        "n": n_series,
        "multi": len(long),
        "cluster": best["cluster"],
        "measure": best["measure"],
        "count": int(long.loc[best_key, "size"]),
        "first": long.loc[best_key, "min"],
        "last": long.loc[best_key, "max"],
    }
    return t("takeaway.series_one" if len(long) == 1 else "takeaway.series", lang, **values)


def city_count_takeaway(summary: pd.DataFrame, clusters_shown: int, lang: str, cluster: str = "") -> str:
    """Which city is named for the most clusters under the filters, and how many cities are named for any.

    summary is analysis.city_summary (its in_filter rows count); cluster names the one cluster shown, if only one
    is (the sentence then lists its cities); '' when no city is named for a cluster.
    """
    shown = summary[summary["in_filter"]]
    most = int(shown["n_clusters"].max()) if not shown.empty else 0
    if most == 0:
        return ""
    leaders = shown.loc[shown["n_clusters"] == most, tiers.name_column(lang)].tolist()
    hosts = shown.loc[shown["n_clusters"] > 0, tiers.name_column(lang)].tolist()
    if len(shown) == 1:
        return t("takeaway.city_counts_one_city", lang, cities=leaders[0], k=most, total=clusters_shown)
    if clusters_shown == 1 and cluster:
        return t(
            "takeaway.city_counts_one_cluster",
            lang,
            hosting=len(hosts),
            n=len(shown),
            cluster=cluster,
            cities=_and_list(hosts, lang),
        )
    return t(
        "takeaway.city_counts",
        lang,
        cities=_and_list(leaders, lang),
        k=most,
        total=clusters_shown,
        hosting=len(hosts),
        n=len(shown),
    )


@memoised_per_args
def tiers_page(ds: Dataset, filters: Filters, lang: str) -> tuple[str, str, str]:
    """The Revenue tiers page's three takeaways (tier chart, count chart, figures over time) for the filters."""
    return (
        tier_takeaway(tiers.latest_figures(ds, filters, lang), lang),
        tier_count_takeaway(tiers.tier_frame(ds, filters, lang), lang),
        series_takeaway(tiers.series_points(tiers.revenue_figures(ds, filters, lang)), lang),
    )


@memoised_per_args
def count_map(ds: Dataset, filters: Filters, lang: str) -> str:
    """The Overview map's takeaway: the city named for the most of the filtered clusters."""
    shown = ds.clusters.loc[analysis.cluster_mask(ds, filters), tiers.name_column(lang)]
    cluster = shown.iloc[0] if len(shown) == 1 else ""
    return city_count_takeaway(analysis.city_summary(ds, filters), len(shown), lang, cluster)
