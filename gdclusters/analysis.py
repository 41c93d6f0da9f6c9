"""Joins and summaries behind the pages: who hosts what, in which role, under the global filters.

Named hosts (cluster_cities) and region-level mentions (cluster_regions) are kept apart in every
output: a city that only lies inside a region a source names is never counted as a named host.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from functools import wraps

import pandas as pd

from gdclusters.dataset import Dataset
from gdclusters.domain import RELIABILITY_RANK, ROLE_RANK
from gdclusters.state import Filters


def _store_name(build: Callable) -> str:
    """Where a memoised function keeps its results in Dataset.derived: its module and qualified name."""
    return f"{build.__module__}.{build.__qualname__}"


def memoised(build: Callable[[Dataset], pd.DataFrame]) -> Callable[[Dataset], pd.DataFrame]:
    """Compute a join once per Dataset object and hand out copies (a dataset is never edited in place)."""
    name = _store_name(build)

    @wraps(build)
    def cached(ds: Dataset) -> pd.DataFrame:
        if name not in ds.derived:
            ds.derived[name] = build(ds)
        return ds.derived[name].copy()

    return cached


MAX_MEMOISED_FILTERS = 64
_STORE_LOCK = threading.Lock()
_MISSING = object()


def _handed_out(value):
    """What a memoised function returns: a copy of a frame or list (callers may change those), else the value."""
    if isinstance(value, pd.DataFrame | list):
        return value.copy()
    return value


def memoised_per_args(build: Callable) -> Callable:
    """Compute build(ds, *args) once per Dataset and argument tuple (filters, language: hashable values).

    Keeps the MAX_MEMOISED_FILTERS most recently used argument tuples a dataset and function (about 10 MiB
    for all the memoised functions together when full). Frames and lists are handed out as copies; anything
    else (frozen dataclasses, tuples, Altair charts, which every consumer copies before changing) is shared.
    """
    name = _store_name(build)

    @wraps(build)
    def cached(ds: Dataset, *args):
        store = ds.derived.setdefault(name, {})
        value = store.get(args, _MISSING)
        if value is _MISSING:
            value = build(ds, *args)
        # Sessions run in threads: two may build the same entry (harmless); reordering and eviction must not race.
        with _STORE_LOCK:
            store.pop(args, None)
            store[args] = value  # now the most recently used
            if len(store) > MAX_MEMOISED_FILTERS:
                store.pop(next(iter(store)))
        return _handed_out(value)

    return cached


def _join_names(values: pd.Series) -> str:
    """Distinct non-empty values joined with '; ' in first-seen order."""
    return "; ".join(dict.fromkeys(v for v in values if v))


@memoised
def host_links(ds: Dataset) -> pd.DataFrame:
    """One row per (cluster, city) named by any source, with the strongest role and every source."""
    links = ds.cluster_cities.merge(ds.sources[["source_id", "reliability"]], on="source_id", how="left")
    links["role_rank"] = links["role"].map(ROLE_RANK)
    links["reliability_rank"] = links["reliability"].map(RELIABILITY_RANK)
    links = links.sort_values(
        ["cluster_id", "adcode", "role_rank", "reliability_rank"], ascending=[True, True, False, True]
    )
    grouped = links.groupby(["cluster_id", "adcode"], sort=True)
    out = grouped.agg(
        role=("role", "first"),
        quote=("quote", "first"),
        quote_source_id=("source_id", "first"),
        role_detail=("role_detail", _join_names),
        role_detail_zh=("role_detail_zh", _join_names),
        source_ids=("source_id", _join_names),
        n_sources=("source_id", "nunique"),
    ).reset_index()
    return _with_names(out, ds)


@memoised
def region_links(ds: Dataset) -> pd.DataFrame:
    """One row per (cluster, region, city in region): region-level mentions expanded to cities."""
    regions = ds.regions.assign(adcode=ds.regions["adcodes"].str.split()).explode("adcode")
    regions = regions.rename(columns={"name_en": "region_name_en", "name_zh": "region_name_zh"})
    out = ds.cluster_regions.merge(regions[["region_id", "region_name_en", "region_name_zh", "adcode"]], on="region_id")
    return _with_names(out, ds)


def _with_names(frame: pd.DataFrame, ds: Dataset) -> pd.DataFrame:
    """Add cluster and city names, category, tier and city region to a frame keyed by both ids."""
    clusters = ds.clusters[["cluster_id", "name_en", "name_zh", "category", "output_floor_2023_bn_yuan"]]
    clusters = clusters.rename(
        columns={"name_en": "cluster_en", "name_zh": "cluster_zh", "output_floor_2023_bn_yuan": "tier"}
    )
    cities = ds.cities[["adcode", "name_en", "name_zh", "region"]].rename(
        columns={"name_en": "city_en", "name_zh": "city_zh", "region": "city_region"}
    )
    return frame.merge(clusters, on="cluster_id", how="left").merge(cities, on="adcode", how="left")


def year_span(periods) -> str:
    """'2019–2024' for the years of the periods or dates given (or the one year); '' for none."""
    years = sorted({str(p)[:4] for p in periods})
    if not years:
        return ""
    return years[0] if len(years) == 1 else f"{years[0]}–{years[-1]}"


def source_year_span(ds: Dataset, source_ids) -> str:
    """When the sources behind a view were published, for views with no data period."""
    return year_span(ds.sources.loc[ds.sources["source_id"].isin(set(source_ids)), "published"])


def cluster_mask(ds: Dataset, filters: Filters) -> pd.Series:
    """Boolean mask over ds.clusters for the cluster, category and tier filters."""
    c = ds.clusters
    mask = pd.Series(True, index=c.index)
    if filters.clusters:
        mask &= c["cluster_id"].isin(filters.clusters)
    if filters.categories:
        mask &= c["category"].isin(filters.categories)
    if filters.tiers:
        mask &= c["output_floor_2023_bn_yuan"].isin(filters.tiers)
    return mask


def city_mask(ds: Dataset, filters: Filters) -> pd.Series:
    """Boolean mask over ds.cities for the city and region filters."""
    c = ds.cities
    mask = pd.Series(True, index=c.index)
    if filters.cities:
        mask &= c["adcode"].isin(filters.cities)
    if filters.regions:
        mask &= c["region"].isin(filters.regions)
    return mask


def filter_links(links: pd.DataFrame, ds: Dataset, filters: Filters) -> pd.DataFrame:
    """Rows of a host_links/region_links frame that pass the global filters."""
    clusters = set(ds.clusters.loc[cluster_mask(ds, filters), "cluster_id"])
    cities = set(ds.cities.loc[city_mask(ds, filters), "adcode"])
    return links[links["cluster_id"].isin(clusters) & links["adcode"].isin(cities)].reset_index(drop=True)


@memoised_per_args
def city_summary(ds: Dataset, filters: Filters) -> pd.DataFrame:
    """Per city (all 21, filtered ones flagged): named clusters hosted, by category and role, and region mentions."""
    hosts = filter_links(host_links(ds), ds, filters)
    regions = filter_links(region_links(ds), ds, filters)
    flags = hosts.assign(
        is_pillar=hosts["category"].eq("pillar"),
        is_emerging=hosts["category"].eq("emerging"),
        is_core=hosts["role"].eq("core"),
    )
    named = flags.groupby("adcode").agg(
        n_clusters=("cluster_id", "nunique"),
        n_pillar=("is_pillar", "sum"),
        n_emerging=("is_emerging", "sum"),
        n_core=("is_core", "sum"),
        clusters_en=("cluster_en", _join_names),
        clusters_zh=("cluster_zh", _join_names),
    )
    mentioned = regions[
        ~regions.set_index(["cluster_id", "adcode"]).index.isin(hosts.set_index(["cluster_id", "adcode"]).index)
    ]
    region_only = mentioned.groupby("adcode").agg(
        n_region_only=("cluster_id", "nunique"),
        region_clusters_en=("cluster_en", _join_names),
        region_clusters_zh=("cluster_zh", _join_names),
    )
    out = ds.cities.merge(named, left_on="adcode", right_index=True, how="left")
    out = out.merge(region_only, left_on="adcode", right_index=True, how="left")
    for col in ("n_clusters", "n_pillar", "n_emerging", "n_core", "n_region_only"):
        out[col] = out[col].fillna(0).astype(int)
    for col in ("clusters_en", "clusters_zh", "region_clusters_en", "region_clusters_zh"):
        out[col] = out[col].fillna("")
    out["in_filter"] = city_mask(ds, filters).to_numpy()
    return out


@memoised_per_args
def selected_cluster_roles(ds: Dataset, filters: Filters) -> pd.DataFrame:
    """Per city: its strongest role across the filtered clusters ('core', 'base', 'region' or 'none')."""
    hosts = filter_links(host_links(ds), ds, filters)
    regions = filter_links(region_links(ds), ds, filters)
    best = hosts.assign(rank=hosts["role"].map(ROLE_RANK)).sort_values("rank", ascending=False)
    best = best.groupby("adcode").agg(
        role=("role", "first"), detail_en=("cluster_en", _join_names), detail_zh=("cluster_zh", _join_names)
    )
    region_detail = regions.groupby("adcode").agg(
        region_en=("region_name_en", _join_names),
        region_zh=("region_name_zh", _join_names),
        region_clusters_en=("cluster_en", _join_names),
        region_clusters_zh=("cluster_zh", _join_names),
    )
    out = ds.cities.merge(best, left_on="adcode", right_index=True, how="left")
    out = out.merge(region_detail, left_on="adcode", right_index=True, how="left")
    out["role"] = out["role"].where(out["role"].notna(), out["region_en"].notna().map({True: "region", False: "none"}))
    # Empty text where a city has no link; numbers (land area) stay numbers (NaN where unknown).
    text = out.select_dtypes(exclude="number").columns
    out[text] = out[text].fillna("")
    return out


@memoised_per_args
def matrix(ds: Dataset, filters: Filters) -> pd.DataFrame:
    """Every (city, cluster) pair passing the filters with its role: core, base, region or none."""
    clusters = ds.clusters[cluster_mask(ds, filters)]
    cities = ds.cities[city_mask(ds, filters)]
    grid = cities[["adcode"]].merge(clusters[["cluster_id"]], how="cross")
    hosts = host_links(ds)[["cluster_id", "adcode", "role", "quote", "quote_source_id", "source_ids"]]
    regions = (
        region_links(ds)
        .groupby(["cluster_id", "adcode"])
        .agg(
            region_quote=("quote", "first"),
            region_source_id=("source_id", "first"),
            region_name_en=("region_name_en", _join_names),
            region_name_zh=("region_name_zh", _join_names),
        )
        .reset_index()
    )
    out = grid.merge(hosts, on=["cluster_id", "adcode"], how="left")
    out = out.merge(regions, on=["cluster_id", "adcode"], how="left")
    is_region = out["role"].isna() & out["region_quote"].notna()
    out.loc[is_region, "quote"] = out.loc[is_region, "region_quote"]
    out.loc[is_region, "quote_source_id"] = out.loc[is_region, "region_source_id"]
    out["role"] = out["role"].fillna(is_region.map({True: "region", False: "none"}))
    out = out.drop(columns=["region_quote", "region_source_id"]).fillna("")
    return _with_names(out, ds)
