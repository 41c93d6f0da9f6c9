"""The tables behind a map: which city–cluster links and which 2016–2020 plan bases the filters keep.

link_table() lists every city–cluster link the map shows (named hosts with their role, then region-level
mentions) for the map's table, tooltips and citations; plan_base_table() lists the 2016–2020 plan's bases
related to the filtered clusters. Both are plain frames with labels in the chosen language.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from gdclusters.analysis import city_mask, cluster_mask, filter_links, host_links, memoised_per_args, region_links
from gdclusters.dataset import Dataset
from gdclusters.i18n import join_parts, localised, t
from gdclusters.maps.styles import role_label
from gdclusters.sourcing import source_labels
from gdclusters.state import Filters


def _labels_for(ids: str, labels: Mapping[str, str], lang: str) -> str:
    """Labels of the '; '-joined source ids, joined as lang joins sources."""
    return join_parts(dict.fromkeys(labels.get(s, s) for s in ids.split("; ") if s), lang)


def has_cluster_selection(filters: Filters) -> bool:
    """True when the cluster, category or tier filter narrows the set of clusters (the map shows roles)."""
    return bool(filters.clusters or filters.categories or filters.tiers)


def cities_in_filter(ds: Dataset, filters: Filters) -> frozenset[str]:
    """Adcodes passing the city and region filters."""
    return frozenset(ds.cities.loc[city_mask(ds, filters), "adcode"])


@memoised_per_args
def link_table(ds: Dataset, filters: Filters, lang: str) -> pd.DataFrame:
    """Every city–cluster link the map shows: named hosts with their role, then region-level mentions."""
    suffix = "zh" if lang == "zh" else "en"
    labels = source_labels(ds.sources, lang)
    hosts = filter_links(host_links(ds), ds, filters)
    hosts = hosts.assign(
        role_key=hosts["role"],
        detail=localised(hosts, "role_detail", lang),
        source=hosts["source_ids"].map(lambda ids: _labels_for(ids, labels, lang)),
    )
    regions = filter_links(region_links(ds), ds, filters)
    pairs = pd.MultiIndex.from_frame(regions[["cluster_id", "adcode"]])
    regions = regions[~pairs.isin(pd.MultiIndex.from_frame(hosts[["cluster_id", "adcode"]]))]
    regions = (
        regions.groupby(["cluster_id", "adcode"], sort=False)
        .agg(
            detail=(f"region_name_{suffix}", lambda s: join_parts(dict.fromkeys(s), lang)),
            quote=("quote", "first"),
            source_ids=("source_id", lambda s: "; ".join(dict.fromkeys(s))),
            cluster=(f"cluster_{suffix}", "first"),
            city=(f"city_{suffix}", "first"),
            category=("category", "first"),
        )
        .reset_index()
    )
    regions = regions.assign(
        role_key="region", source=regions["source_ids"].map(lambda ids: _labels_for(ids, labels, lang))
    )
    hosts = hosts.assign(cluster=hosts[f"cluster_{suffix}"], city=hosts[f"city_{suffix}"])
    columns = [
        "adcode",
        "cluster_id",
        "role_key",
        "city",
        "cluster",
        "category",
        "detail",
        "quote",
        "source",
        "source_ids",
    ]
    out = pd.concat([hosts[columns], regions[columns]], ignore_index=True)
    out["role_rank"] = out["role_key"].map({"core": 0, "base": 1, "region": 2})
    out = out.sort_values(["adcode", "role_rank", "cluster"]).drop(columns="role_rank").reset_index(drop=True)
    out["role"] = out["role_key"].map(lambda role: role_label(role, lang))
    out["category"] = out["category"].map(lambda c: t(f"category.{c}", lang))
    return out[
        [
            "adcode",
            "cluster_id",
            "role_key",
            "city",
            "cluster",
            "category",
            "role",
            "detail",
            "quote",
            "source",
            "source_ids",
        ]
    ]


def link_source_ids(links: pd.DataFrame) -> list[str]:
    """Distinct source ids behind the links, in order of first use."""
    ids: dict[str, None] = {}
    for joined in links["source_ids"]:
        ids.update(dict.fromkeys(s for s in joined.split("; ") if s))
    return list(ids)


def plan_base_table(ds: Dataset, filters: Filters, lang: str) -> pd.DataFrame:
    """Bases of the 2016–2020 emerging-industry table related to the filtered clusters, for comparison."""
    suffix = "zh" if lang == "zh" else "en"
    bases = ds.plan_bases_2016_2020
    if has_cluster_selection(filters):
        wanted = set(ds.clusters.loc[cluster_mask(ds, filters), "cluster_id"])
        bases = bases[bases["related_cluster_id"].isin(wanted)]
    inside = cities_in_filter(ds, filters)
    region_cities = {row.region_id: set(row.adcodes.split()) for row in ds.regions.itertuples()}
    keep = [
        (adcode in inside) if adcode else bool(region_cities.get(region, set()) & inside)
        for adcode, region in zip(bases["adcode"], bases["region_id"], strict=True)
    ]
    bases = bases[pd.Series(keep, index=bases.index, dtype=bool)]
    city_names = dict(zip(ds.cities["adcode"], ds.cities[f"name_{suffix}"], strict=True))
    region_names = dict(zip(ds.regions["region_id"], ds.regions[f"name_{suffix}"], strict=True))
    cluster_names = dict(zip(ds.clusters["cluster_id"], ds.clusters[f"name_{suffix}"], strict=True))
    labels = source_labels(ds.sources, lang)
    out = pd.DataFrame(
        {
            "adcode": bases["adcode"],
            "place": [
                city_names.get(a) if a else region_names.get(r, r)
                for a, r in zip(bases["adcode"], bases["region_id"], strict=True)
            ],
            "field": bases[f"field_{suffix}"],
            "detail": localised(bases, "base_detail", lang),
            "related_cluster": bases["related_cluster_id"].map(lambda c: cluster_names.get(c, "")),
            "quote": bases["quote"],
            "source": bases["source_id"].map(lambda s: labels.get(s, s)),
            "source_id": bases["source_id"],
        }
    )
    return out.reset_index(drop=True)
