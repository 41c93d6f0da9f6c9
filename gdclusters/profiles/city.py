"""The City profile's tables about one city: its facts, the clusters naming it, region mentions, targets, bases.

Named hosts (city_hosts) and region-level mentions (city_region_mentions) stay in separate outputs: a city
inside a region a source names is never shown as a named host.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from gdclusters import analysis
from gdclusters.analysis import city_mask, cluster_mask
from gdclusters.dataset import Dataset
from gdclusters.domain import CATEGORY_ORDER, ROLE_RANK, TIER_ORDER
from gdclusters.i18n import join_parts, localised, plain_number, t
from gdclusters.profiles.common import id_names, plan_base_frame, source_published, source_reliability, tier_label
from gdclusters.sourcing import source_labels
from gdclusters.state import Filters
from gdclusters.targets_view import baseline_text, metric_label, scope_name, target_text
from gdclusters.tiers import name_column

PROFILE_LIMIT = 6
HOST_COLUMNS = (
    "cluster",
    "role_label",
    "category_label",
    "tier_label",
    "role_detail",
    "quote",
    "source",
    "published",
    "reliability",
    "other_sources",
)
MENTION_COLUMNS = (
    "cluster",
    "kind",
    "region",
    "region_role_label",
    "named_host",
    "role_detail",
    "quote",
    "source",
    "published",
    "reliability",
)
CITY_TARGET_COLUMNS = (
    "scope",
    "measure",
    "baseline",
    "target",
    "target_year",
    "plan",
    "source",
    "reliability",
    "quote",
)


@dataclass(frozen=True)
class CityFacts:
    """What the profile says about a city itself: names, region, land area with its source."""

    adcode: str
    name: str
    other_name: str
    region: str
    land_area: str
    land_area_source: str


def profile_cities(filters: Filters, limit: int = PROFILE_LIMIT) -> tuple[tuple[str, ...], int]:
    """The cities to profile side by side (the first limit of the city filter) and how many are left out."""
    return filters.cities[:limit], max(len(filters.cities) - limit, 0)


def city_options(ds: Dataset, filters: Filters, lang: str) -> dict[str, str]:
    """Cities a page-local picker offers (those the region filter keeps): adcode -> name."""
    cities = ds.cities[city_mask(ds, Filters(regions=filters.regions))]
    return id_names(cities, "adcode", lang)


def city_facts(ds: Dataset, adcode: str, lang: str) -> CityFacts:
    """Names in both languages, region and (where sourced) land area of one city."""
    row = ds.cities.loc[ds.cities["adcode"] == adcode].iloc[0]
    other = "name_en" if lang == "zh" else "name_zh"
    area = row["land_area_km2"]
    has_area = pd.notna(area) and bool(row["land_area_source_id"])
    return CityFacts(
        adcode=adcode,
        name=row[name_column(lang)],
        other_name=row[other],
        region=t(f"region.{row['region']}", lang),
        land_area=(
            t("city.land_area_value", lang, value=plain_number(float(area), grouping=lang != "zh")) if has_area else ""
        ),
        land_area_source=source_labels(ds.sources, lang).get(row["land_area_source_id"], "") if has_area else "",
    )


def city_hosts(ds: Dataset, adcode: str, filters: Filters, lang: str) -> pd.DataFrame:
    """The clusters a source names the city for (strongest role, its quote and source), under the cluster filters."""
    keep = set(ds.clusters.loc[cluster_mask(ds, filters), "cluster_id"])
    links = analysis.host_links(ds)
    links = links[(links["adcode"] == adcode) & links["cluster_id"].isin(keep)].copy()
    labels, published, reliability = source_labels(ds.sources, lang), source_published(ds), source_reliability(ds)
    links["rank"] = links["role"].map(ROLE_RANK)
    links["category_rank"] = links["category"].map(CATEGORY_ORDER.index)
    links["tier_rank"] = links["tier"].map(lambda v: TIER_ORDER.index(int(v)))
    links = links.sort_values(["rank", "category_rank", "tier_rank", "cluster_id"], ascending=[False, True, True, True])
    out = pd.DataFrame(
        {
            "cluster_id": links["cluster_id"],
            "cluster": links["cluster_zh" if lang == "zh" else "cluster_en"],
            "role": links["role"],
            "role_label": links["role"].map(lambda r: t(f"role.{r}", lang)),
            "category_label": links["category"].map(lambda c: t(f"category.{c}", lang)),
            "tier_label": links["tier"].map(lambda v: tier_label(v, lang)),
            "role_detail": localised(links, "role_detail", lang),
            "quote": links["quote"],
            "source_id": links["quote_source_id"],
            "source": links["quote_source_id"].map(lambda s: labels.get(s, s)),
            "published": links["quote_source_id"].map(published),
            "reliability": links["quote_source_id"].map(reliability),
            "other_sources": [
                join_parts((labels.get(s, s) for s in ids.split("; ") if s and s != first), lang)
                for ids, first in zip(links["source_ids"], links["quote_source_id"], strict=True)
            ],
        }
    )
    return out.reset_index(drop=True)


def city_region_mentions(ds: Dataset, adcode: str, filters: Filters, lang: str) -> pd.DataFrame:
    """Clusters for which a source names a region that includes the city (kept apart from named hosts)."""
    keep = set(ds.clusters.loc[cluster_mask(ds, filters), "cluster_id"])
    mentions = analysis.region_links(ds)
    mentions = mentions[(mentions["adcode"] == adcode) & mentions["cluster_id"].isin(keep)]
    hosts = ds.cluster_cities.loc[ds.cluster_cities["adcode"] == adcode, "cluster_id"]
    labels, published, reliability = source_labels(ds.sources, lang), source_published(ds), source_reliability(ds)
    out = pd.DataFrame(
        {
            "cluster_id": mentions["cluster_id"],
            "cluster": mentions["cluster_zh" if lang == "zh" else "cluster_en"],
            "kind": t("role.region", lang),
            "region": mentions["region_name_zh" if lang == "zh" else "region_name_en"],
            "region_role_label": mentions["role"].map(lambda r: t(f"city.region_role_{r}", lang)),
            "named_host": mentions["cluster_id"].isin(set(hosts)),
            "role_detail": localised(mentions, "role_detail", lang),
            "quote": mentions["quote"],
            "source_id": mentions["source_id"],
            "source": mentions["source_id"].map(lambda s: labels.get(s, s)),
            "published": mentions["source_id"].map(published),
            "reliability": mentions["source_id"].map(reliability),
        }
    )
    return out.sort_values(["named_host", "cluster_id"]).reset_index(drop=True)


def city_targets(ds: Dataset, adcode: str, lang: str) -> pd.DataFrame:
    """Targets a plan sets for the city's part of a cluster (targets.csv rows with this adcode)."""
    rows = ds.targets[ds.targets["adcode"] == adcode]
    labels, reliability = source_labels(ds.sources, lang), source_reliability(ds)
    out = pd.DataFrame(
        [
            {
                "target_id": row["target_id"],
                "scope": scope_name(ds, row["scope"], "", lang),
                "measure": metric_label(ds, row["metric"], lang),
                "baseline": baseline_text(row, lang),
                "target": target_text(row, lang),
                "target_year": str(int(row["target_year"])),
                "plan": localised(row, "plan", lang),
                "source_id": row["source_id"],
                "source": labels.get(row["source_id"], row["source_id"]),
                "reliability": reliability.get(row["source_id"], ""),
                "quote": row["quote"],
            }
            for _, row in rows.iterrows()
        ],
        columns=["target_id", *CITY_TARGET_COLUMNS, "source_id"],
    )
    return out


def city_plan_bases(ds: Dataset, adcode: str, lang: str) -> pd.DataFrame:
    """The 2016–2020 plan's emerging-industry bases the plan places in the city by name."""
    return plan_base_frame(ds, ds.plan_bases_2016_2020[ds.plan_bases_2016_2020["adcode"] == adcode], lang)
