"""The Cluster profile's tables about one cluster: its facts, every city's role, its targets and its sources.

The cluster's figures over time (observations.py), its role map (role_map.py) and its history across plans
(history.py) are separate modules.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from gdclusters import analysis, growth, maps, periods
from gdclusters.analysis import cluster_mask
from gdclusters.dataset import Dataset
from gdclusters.domain import CATEGORY_ORDER, ROLE_ORDER, TIER_ORDER
from gdclusters.i18n import format_value, localised, t
from gdclusters.profiles.common import id_names, source_reliability, tier_label
from gdclusters.sourcing import published_dates, source_labels
from gdclusters.state import Filters
from gdclusters.targets_view import baseline_text, metric_label, scope_name, status_label, target_text
from gdclusters.tiers import name_column

CLUSTER_TARGET_COLUMNS = (
    "scope",
    "measure",
    "baseline",
    "target",
    "plan",
    "latest_value",
    "latest_period",
    "latest_period_basis",
    "status",
    "source",
    "reliability",
    "quote",
)
CLUSTER_SOURCE_COLUMNS = ("source", "title", "publisher", "published", "reliability", "url", "facts", "tables")


@dataclass(frozen=True)
class ClusterFacts:
    """What the profile says about a cluster itself: names, category, tier with its source, description."""

    cluster_id: str
    name: str
    other_name: str
    category: str
    tier: str
    tier_source_id: str
    tier_source: str
    tier_quote: str
    description: str
    name_note: str


def cluster_options(ds: Dataset, filters: Filters, lang: str) -> dict[str, str]:
    """Clusters a page-local picker offers: the cluster filter's, else every cluster the category and tier keep."""
    names = id_names(ds.clusters, "cluster_id", lang)
    if filters.clusters:
        return {c: names[c] for c in filters.clusters if c in names}
    kept = ds.clusters[cluster_mask(ds, filters)].copy()
    kept["category_rank"] = kept["category"].map(CATEGORY_ORDER.index)
    kept["tier_rank"] = kept["output_floor_2023_bn_yuan"].map(lambda v: TIER_ORDER.index(int(v)))
    kept = kept.sort_values(["category_rank", "tier_rank"], kind="stable")
    return {c: names[c] for c in kept["cluster_id"]}


def cluster_facts(ds: Dataset, cluster_id: str, lang: str) -> ClusterFacts:
    """Names, category, 2023 tier (with source and quote) and description of one cluster."""
    row = ds.clusters.loc[ds.clusters["cluster_id"] == cluster_id].iloc[0]
    return ClusterFacts(
        cluster_id=cluster_id,
        name=row[name_column(lang)],
        other_name=row["name_en" if lang == "zh" else "name_zh"],
        category=t(f"category.{row['category']}", lang),
        tier=tier_label(row["output_floor_2023_bn_yuan"], lang),
        tier_source_id=row["tier_source_id"],
        tier_source=source_labels(ds.sources, lang).get(row["tier_source_id"], row["tier_source_id"]),
        tier_quote=row["tier_quote"],
        description=localised(row, "description_en", lang),
        name_note=t(f"cluster.name_{row['name_en_status']}", lang),
    )


def cluster_city_roles(ds: Dataset, cluster_id: str, lang: str) -> pd.DataFrame:
    """All 21 cities with their role for one cluster (core, base, region-level mention, none), quote and source."""
    cells = analysis.matrix(ds, Filters(clusters=(cluster_id,)))
    labels = source_labels(ds.sources, lang)
    regions = cells["region_name_zh" if lang == "zh" else "region_name_en"]
    out = pd.DataFrame(
        {
            "adcode": cells["adcode"],
            "city": cells["city_zh" if lang == "zh" else "city_en"],
            "role": cells["role"],
            "role_label": cells["role"].map(lambda r: maps.role_label(r, lang)),
            "region": [r if role == "region" else "" for r, role in zip(regions, cells["role"], strict=True)],
            "quote": cells["quote"],
            "source_id": cells["quote_source_id"],
            "source": cells["quote_source_id"].map(lambda s: labels.get(s, s) if s else ""),
        }
    )
    out["rank"] = out["role"].map(ROLE_ORDER.index)
    return out.sort_values(["rank", "adcode"]).drop(columns="rank").reset_index(drop=True)


def cluster_targets(ds: Dataset, cluster_id: str, lang: str) -> pd.DataFrame:
    """The cluster's targets (its own and its cities' parts) with their status under the rule in growth."""
    evaluated = growth.register(ds.targets[ds.targets["scope"] == cluster_id], ds.metrics, ds.sources)
    labels, reliability, published = (
        source_labels(ds.sources, lang),
        source_reliability(ds),
        published_dates(ds.sources),
    )
    rows = []
    for _, row in evaluated.iterrows():
        has_latest = pd.notna(row["latest_value"])
        rows.append(
            {
                "target_id": row["target_id"],
                "scope": scope_name(ds, row["scope"], row["adcode"], lang),
                "measure": metric_label(ds, row["metric"], lang),
                "baseline": baseline_text(row, lang),
                "target": target_text(row, lang),
                "plan": localised(row, "plan", lang),
                "latest_value": (
                    format_value(float(row["latest_value"]), row["unit"], lang, row["latest_qualifier"] or "exact")
                    if has_latest
                    else ""
                ),
                "latest_period": row["latest_period"] if has_latest else "",
                "latest_period_basis": (
                    periods.basis_text(row["latest_period_basis"], published.get(row["latest_source_id"], ""), lang)
                    if has_latest
                    else ""
                ),
                "status": status_label(row["status"], lang),
                "status_code": row["status"],
                "source_id": row["source_id"],
                "source": labels.get(row["source_id"], row["source_id"]),
                "reliability": reliability.get(row["source_id"], ""),
                "quote": row["quote"],
            }
        )
    return pd.DataFrame(rows, columns=["target_id", *CLUSTER_TARGET_COLUMNS, "status_code", "source_id"])


def cluster_fact_sources(ds: Dataset, cluster_id: str) -> pd.DataFrame:
    """(source_id, table) for every fact row about the cluster: tier, hosts, regions, figures, targets, bases."""
    parts = [
        pd.DataFrame(
            {
                "source_id": ds.clusters.loc[ds.clusters["cluster_id"] == cluster_id, "tier_source_id"],
                "table": "clusters",
            }
        ),
        pd.DataFrame(
            {
                "source_id": ds.cluster_cities.loc[ds.cluster_cities["cluster_id"] == cluster_id, "source_id"],
                "table": "cluster_cities",
            }
        ),
        pd.DataFrame(
            {
                "source_id": ds.cluster_regions.loc[ds.cluster_regions["cluster_id"] == cluster_id, "source_id"],
                "table": "cluster_regions",
            }
        ),
        pd.DataFrame({"source_id": ds.metrics.loc[ds.metrics["scope"] == cluster_id, "source_id"], "table": "metrics"}),
        pd.DataFrame({"source_id": ds.targets.loc[ds.targets["scope"] == cluster_id, "source_id"], "table": "targets"}),
        pd.DataFrame(
            {
                "source_id": ds.plan_bases_2016_2020.loc[
                    ds.plan_bases_2016_2020["related_cluster_id"] == cluster_id, "source_id"
                ],
                "table": "plan_bases_2016_2020",
            }
        ),
    ]
    return pd.concat(parts, ignore_index=True)


def cluster_sources(ds: Dataset, cluster_id: str, lang: str) -> pd.DataFrame:
    """Every source the cluster's facts rest on, with its tier and how many of those facts it carries."""
    facts = cluster_fact_sources(ds, cluster_id)
    facts = facts[facts["source_id"] != ""]
    counts = facts.groupby("source_id").agg(
        facts=("table", "size"),
        tables=("table", lambda s: ", ".join(t(f"sources_page.table_{name}", lang) for name in dict.fromkeys(s))),
    )
    labels = source_labels(ds.sources, lang)
    out = ds.sources.merge(counts, left_on="source_id", right_index=True, how="inner")
    out = out.assign(
        source=out["source_id"].map(labels),
        publisher=localised(out, "publisher", lang),
        url=out["url"].where(out["url"] != "", None),
    )
    out = out.sort_values(["reliability", "facts"], ascending=[True, False]).reset_index(drop=True)
    return out[["source_id", *CLUSTER_SOURCE_COLUMNS]]
