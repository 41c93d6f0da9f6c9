"""The Cluster profile's index: every cluster the filters keep, with its tier, host cities and latest figure.

The page opens on it when no cluster is chosen. Each row links to that cluster's profile (?cluster=<id>, with
the other filters and the language carried). The latest figure is one published row, never a mix: the cluster's
latest figure of its size (revenue, output or added value, from a source whose figures are shown as facts),
else its latest figure of any measure; its value, unit, measure, period and source come from that one row.
"""

from __future__ import annotations

from dataclasses import replace
from urllib.parse import urlencode

import pandas as pd

from gdclusters import periods
from gdclusters.analysis import cluster_mask, matrix, memoised_per_args
from gdclusters.dataset import Dataset
from gdclusters.domain import CATEGORY_ORDER, NAMED_ROLES, RELIABILITY_RANK, TIER_ORDER
from gdclusters.i18n import DEFAULT_LANGUAGE, t
from gdclusters.profiles.common import tier_label
from gdclusters.profiles.observations import cluster_observations
from gdclusters.state import Filters, to_query
from gdclusters.tiers import name_column

# Measure families that say how big a cluster is, preferred in this order for the index's figure.
SIZE_FAMILIES = ("revenue", "output", "added_value")
PROFILE_PAGE = "cluster"
INDEX_COLUMNS = (
    "cluster_id",
    "cluster",
    "category",
    "tier",
    "tier_bn_yuan",
    "host_cities",
    "core_cities",
    "region_cities",
    "has_figure",
    "latest_value",
    "latest_measure",
    "latest_period",
    "latest_period_basis",
    "latest_published",
    "latest_source",
    "latest_source_id",
    "link",
)


def profile_query(filters: Filters, cluster_id: str, lang: str) -> dict[str, list[str]]:
    """The query of a link to one cluster's profile: that cluster, the other filters in force, the language."""
    return to_query(replace(filters, clusters=(cluster_id,)), None if lang == DEFAULT_LANGUAGE else lang)


def profile_link(filters: Filters, cluster_id: str, lang: str) -> str:
    """The profile's address relative to the app ('cluster?cluster=<id>&lang=zh'), for tables and files."""
    return f"{PROFILE_PAGE}?{urlencode(profile_query(filters, cluster_id, lang), doseq=True)}"


def latest_figure(observations: pd.DataFrame, families: dict[str, str]) -> dict | None:
    """The one published row the index shows for a cluster (cluster_observations rows; families: metric -> family).

    Charted rows only; size measures before any other; then the latest period (a full year before a part of the
    same year that ends in December), the best source, then the metric and source ids so that the choice is stable.
    """
    rows = observations[observations["charted"]]
    if rows.empty:
        return None
    ranked = rows.assign(
        _family=rows["metric"].map(
            lambda m: SIZE_FAMILIES.index(families[m]) if families.get(m) in SIZE_FAMILIES else len(SIZE_FAMILIES)
        ),
        _period=rows["period"].map(periods.order),
        _source=rows["reliability"].map(lambda r: RELIABILITY_RANK.get(r, len(RELIABILITY_RANK))),
    )
    # Any size measure beats any other; among them the latest period wins, whichever size measure it is.
    ranked["_size"] = ranked["_family"] < len(SIZE_FAMILIES)
    ranked["_neg_period"] = ranked["_period"].map(lambda p: tuple(-v for v in p))
    # Ties fall to ids, not labels, so that both languages show the same row.
    best = ranked.sort_values(
        ["_size", "_neg_period", "_source", "metric", "source_id"], ascending=[False, True, True, True, True]
    )
    return best.iloc[0].to_dict()


@memoised_per_args
def cluster_index(ds: Dataset, filters: Filters, lang: str) -> pd.DataFrame:
    """One row per cluster the cluster, category and tier filters keep (pillar first, biggest tier first): tier,
    named host cities, the latest figure (empty when none is published) and the link to its profile."""
    kept = ds.clusters[cluster_mask(ds, filters)].copy()
    kept["_category"] = kept["category"].map(CATEGORY_ORDER.index)
    kept["_tier"] = kept["output_floor_2023_bn_yuan"].map(lambda v: TIER_ORDER.index(int(v)))
    kept = kept.sort_values(["_category", "_tier"], kind="stable")
    # The roles the maps draw: a city a source names for the cluster, or one only inside a region it names.
    roles = matrix(ds, Filters())
    families = dict(zip(ds.metric_definitions["metric"], ds.metric_definitions["family"], strict=True))
    rows = []
    for cluster in kept.to_dict("records"):
        cluster_id = cluster["cluster_id"]
        cells = roles[roles["cluster_id"] == cluster_id]
        latest = latest_figure(cluster_observations(ds, cluster_id, lang), families)
        rows.append(
            {
                "cluster_id": cluster_id,
                "cluster": cluster[name_column(lang)],
                "category": t(f"category.{cluster['category']}", lang),
                "tier": tier_label(cluster["output_floor_2023_bn_yuan"], lang),
                "tier_bn_yuan": int(cluster["output_floor_2023_bn_yuan"]),
                "host_cities": int(cells["role"].isin(NAMED_ROLES).sum()),
                "core_cities": int((cells["role"] == "core").sum()),
                "region_cities": int((cells["role"] == "region").sum()),
                "has_figure": latest is not None,
                "latest_value": latest["value_text"] if latest else "",
                "latest_measure": latest["measure"] if latest else "",
                "latest_period": latest["period"] if latest else "",
                "latest_period_basis": latest["period_basis_id"] if latest else "",
                "latest_published": latest["published"] if latest else "",
                "latest_source": latest["source"] if latest else "",
                "latest_source_id": latest["source_id"] if latest else "",
                "link": profile_link(filters, cluster_id, lang),
            }
        )
    return pd.DataFrame(rows, columns=list(INDEX_COLUMNS))


def figure_line(row: dict, lang: str) -> str:
    """'Operating revenue, 2024: over 1 trillion yuan' or 'No published figure' for one index row."""
    if not row["has_figure"]:
        return t("cluster.index_no_figure", lang)
    return t(
        "cluster.index_figure",
        lang,
        measure=row["latest_measure"],
        period=periods.with_basis(row["latest_period"], row["latest_period_basis"], row["latest_published"], lang),
        value=row["latest_value"],
    )


def hosts_line(row: dict, lang: str) -> str:
    """'6 named host cities (3 core)', with the cities only inside a region a source names when there are any."""
    text = t("cluster.index_hosts", lang, n=row["host_cities"], core=row["core_cities"])
    if row["region_cities"]:
        text += t("cluster.index_region_cities", lang, n=row["region_cities"])
    return text


def index_summary(index: pd.DataFrame, lang: str) -> str:
    """One sentence over the index: how many clusters, how many with a published figure."""
    return t("cluster.index_summary", lang, n=len(index), with_figure=int(index["has_figure"].sum()))
