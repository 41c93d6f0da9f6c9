"""The Cluster profile's tables about one cluster: its facts, every city's role, its targets and its sources.

The cluster's figures over time (observations.py), its role map (role_map.py) and its history across plans
(history.py) are separate modules.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from gdclusters import analysis, maps
from gdclusters.analysis import cluster_mask
from gdclusters.dataset import Dataset
from gdclusters.domain import CATEGORY_ORDER, ROLE_ORDER, TIER_ORDER
from gdclusters.i18n import localised, t
from gdclusters.profiles.common import id_names, tier_label
from gdclusters.sourcing import source_labels
from gdclusters.state import Filters
from gdclusters.targets_view import published_register, register_rows
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
    "latest_source",
    "status",
    "in_force",
    "comparability",
    "target_source",
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
    """The cluster's targets (its own and its cities' parts) as the Growth targets register words them.

    The rows come from the register itself (targets_view.register_rows over published_register), so the status
    (marked indicative with its reason), the latest figure's own source and a superseded target's successor
    read here as they do on the Growth targets page.
    """
    register = published_register(ds)
    rows = register_rows(ds, register[register["scope"] == cluster_id], lang)
    out = pd.DataFrame(
        {
            "target_id": rows["target_id"],
            "scope": rows["scope_name"],
            "measure": rows["metric_label"],
            "baseline": rows["baseline"],
            "target": rows["target"],
            "plan": rows["plan"],
            "in_force": rows["in_force"],
            "latest_value": rows["latest_value"],
            "latest_period": rows["latest_period"],
            "latest_period_basis": rows["latest_period_basis"],
            "latest_source": rows["latest_source"],
            "status": rows["status"],
            "comparability": rows["comparability"],
            "target_source": rows["source"],
            "reliability": rows["reliability"],
            "quote": rows["quote"],
            "status_code": rows["status_code"],
            "source_id": rows["source_id"],
            "latest_source_id": rows["latest_source_id"],
        }
    )
    return out.reset_index(drop=True)


def cluster_target_source_ids(targets: pd.DataFrame) -> list[str]:
    """The sources a cluster_targets table rests on: each target's own, then each latest figure's."""
    ids = [*targets["source_id"], *targets["latest_source_id"]]
    return list(dict.fromkeys(s for s in ids if isinstance(s, str) and s))


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
