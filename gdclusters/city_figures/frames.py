"""City figure frames: every published city figure (metrics rows with an adcode) labelled, sourced and sorted.

A city figure often counts the city's own cluster or industry (column definition: city_own), one segment
of a cluster, or a wider sector; every row says which, and figures of different definitions are never
joined. Each row carries the disagreement note of gdclusters.city_figures.disagreement.
"""

from __future__ import annotations

import pandas as pd

from gdclusters import maps, periods
from gdclusters.analysis import cluster_mask
from gdclusters.city_figures.disagreement import SECTION, dataset_disagreements, definition_label, definitions
from gdclusters.dataset import Dataset
from gdclusters.domain import DEFINITIONS, NOT_CHARTED_RELIABILITY, RELIABILITY_RANK, STANDARD_DEFINITION
from gdclusters.i18n import chart_value, format_value, localised, t, unit_label
from gdclusters.sourcing import published_dates, source_labels
from gdclusters.state import Filters
from gdclusters.targets_view import metric_label
from gdclusters.tiers import name_column

# Scope of a figure for a city's whole cluster system (all its clusters, as the city counts them).
CITY_SYSTEM_SCOPE = "all_20"
CITY_FIGURE_COLUMNS = (
    "cluster",
    "measure",
    "period",
    "period_basis",
    "value_text",
    "definition_label",
    "disagreement",
    "source",
    "reliability",
    "quote",
    "note",
)
CLUSTER_CITY_FIGURE_COLUMNS = (
    "city",
    "measure",
    "period",
    "period_basis",
    "value_text",
    "definition_label",
    "disagreement",
    "source",
    "reliability",
    "quote",
    "note",
)
MAP_FIGURE_COLUMNS = (
    "city",
    "cluster",
    "measure",
    "period",
    "period_basis",
    "value_text",
    "definition_label",
    "disagreement",
    "source",
    "reliability",
    "quote",
)
FRAME_COLUMNS = [
    "adcode",
    "city",
    "scope",
    "cluster",
    "metric",
    "measure",
    "period",
    "period_kind",
    "period_basis",
    "period_basis_id",
    "published",
    "value",
    "value_text",
    "qualifier",
    "unit",
    "unit_id",
    "definition",
    "definition_label",
    "non_standard",
    "disagreement",
    "source_id",
    "source",
    "reliability",
    "quote",
    "note",
    "charted",
]


def _scope_names(ds: Dataset, lang: str) -> dict[str, str]:
    """Scope id -> its name: clusters, groups, and the city's own system for all_20."""
    names = {
        **dict(zip(ds.scopes["scope"], ds.scopes[name_column(lang)], strict=True)),
        **dict(zip(ds.clusters["cluster_id"], ds.clusters[name_column(lang)], strict=True)),
    }
    names[CITY_SYSTEM_SCOPE] = t(f"{SECTION}.all_clusters_own", lang)
    return names


def _figure_frame(ds: Dataset, rows: pd.DataFrame, lang: str) -> pd.DataFrame:
    """City figure rows with their labels, definition, disagreement note, source and reliability."""
    labels = source_labels(ds.sources, lang)
    reliability = dict(zip(ds.sources["source_id"], ds.sources["reliability"], strict=True))
    published = published_dates(ds.sources)
    notes = dataset_disagreements(ds, lang).reindex(rows.index).fillna("")
    scopes, cities = _scope_names(ds, lang), dict(zip(ds.cities["adcode"], ds.cities[name_column(lang)], strict=True))
    kinds = definitions(rows)
    out = pd.DataFrame(
        {
            "adcode": rows["adcode"],
            "city": rows["adcode"].map(lambda a: cities.get(a, a)),
            "scope": rows["scope"],
            "cluster": rows["scope"].map(lambda s: scopes.get(s, s)),
            "metric": rows["metric"],
            "measure": rows["metric"].map(lambda m: metric_label(ds, m, lang)),
            "period": rows["period"].astype(str),
            "period_kind": rows["period"].map(periods.kind),
            "period_basis": periods.basis_texts(rows["period_basis"], rows["source_id"], published, lang),
            "period_basis_id": rows["period_basis"],
            "published": rows["source_id"].map(lambda s: published.get(s, "")),
            "value": [chart_value(float(v), u, lang) for v, u in zip(rows["value"], rows["unit"], strict=True)],
            "value_text": [
                format_value(float(v), u, lang, q)
                for v, u, q in zip(rows["value"], rows["unit"], rows["qualifier"], strict=True)
            ],
            "qualifier": rows["qualifier"],
            "unit": rows["unit"].map(lambda u: unit_label(u, lang)),
            "unit_id": rows["unit"],
            "definition": kinds,
            "definition_label": kinds.map(lambda d: definition_label(d, lang)),
            "non_standard": kinds != STANDARD_DEFINITION,
            "disagreement": notes,
            "source_id": rows["source_id"],
            "source": rows["source_id"].map(lambda s: labels.get(s, s)),
            "reliability": rows["source_id"].map(lambda s: reliability.get(s, "")),
            "quote": rows["quote"],
            "note": localised(rows, "note", lang),
        },
        columns=FRAME_COLUMNS,
    )
    out["charted"] = ~out["reliability"].isin(NOT_CHARTED_RELIABILITY)
    return out


def _sorted(frame: pd.DataFrame, first: str) -> pd.DataFrame:
    """The city's whole system first, then by first (cluster or city), measure, definition (the programme's first),
    period (oldest first) and the more reliable source."""
    order = frame.assign(
        _system=frame["scope"] != CITY_SYSTEM_SCOPE,
        _definition=frame["definition"].map(lambda d: DEFINITIONS.index(d) if d in DEFINITIONS else len(DEFINITIONS)),
        _period=frame["period"].map(periods.order),
        _rank=frame["reliability"].map(lambda r: RELIABILITY_RANK.get(r, len(RELIABILITY_RANK))),
    )
    order = order.sort_values(["_system", first, "measure", "_definition", "_period", "_rank", "source"], kind="stable")
    return order.drop(columns=["_system", "_definition", "_period", "_rank"]).reset_index(drop=True)


def _kept_scopes(ds: Dataset, filters: Filters | None) -> set[str] | None:
    """The clusters the cluster, category and tier filters keep; None when they keep everything."""
    if filters is None or not maps.has_cluster_selection(filters):
        return None
    return set(ds.clusters.loc[cluster_mask(ds, filters), "cluster_id"])


def city_figures(ds: Dataset, adcode: str, lang: str, filters: Filters | None = None) -> pd.DataFrame:
    """Every figure published for one city, sorted by cluster, measure and period.

    Under a cluster, category or tier filter, figures of other clusters are left out; figures for the city's
    whole cluster system (all_20) and other groups stay, since they are not about one cluster.
    """
    rows = ds.metrics[ds.metrics["adcode"] == adcode]
    kept = _kept_scopes(ds, filters)
    if kept is not None:
        clusters = set(ds.clusters["cluster_id"])
        rows = rows[rows["scope"].isin(kept) | ~rows["scope"].isin(clusters)]
    return _sorted(_figure_frame(ds, rows, lang), "cluster")


def cluster_city_figures(ds: Dataset, cluster_id: str, lang: str) -> pd.DataFrame:
    """Every city figure of one cluster, sorted by city, measure and period."""
    rows = ds.metrics[(ds.metrics["scope"] == cluster_id) & (ds.metrics["adcode"] != "")]
    return _sorted(_figure_frame(ds, rows, lang), "city")


def map_city_figures(ds: Dataset, filters: Filters, lang: str) -> pd.DataFrame:
    """The city figures the map's optional layer shows: for the selected clusters (all with no cluster selection),
    in the cities the city and region filters keep."""
    rows = ds.metrics[ds.metrics["adcode"].isin(maps.cities_in_filter(ds, filters))]
    kept = _kept_scopes(ds, filters)
    if kept is not None:
        rows = rows[rows["scope"].isin(kept)]
    return _sorted(_figure_frame(ds, rows, lang), "city")
