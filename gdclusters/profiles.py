"""Data behind the City profile and Cluster profile pages, and their two small charts.

Every function takes the dataset (and an id, the filters, the language) and returns a frame or a
small record ready to show; nothing here reads files or Streamlit state. Named hosts
(cluster_cities) and region-level mentions (cluster_regions) stay in separate outputs, as
everywhere in the dashboard: a city inside a region a source names is never shown as a named host.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import SupportsInt, cast

import altair as alt
import pandas as pd

from gdclusters import analysis, city_figures, growth, maps
from gdclusters.analysis import city_mask, cluster_mask
from gdclusters.dataset import Dataset
from gdclusters.domain import (
    CATEGORY_ORDER,
    NOT_CHARTED_RELIABILITY,
    ROLE_ORDER,
    ROLE_RANK,
    STANDARD_DEFINITION,
    TIER_ORDER,
)
from gdclusters.i18n import chart_value, column_labels, format_value, plain_number, t, unit_label
from gdclusters.sourcing import source_labels
from gdclusters.state import Filters
from gdclusters.targets_view import baseline_text, metric_label, scope_name, status_label, target_text
from gdclusters.tiers import name_column, period_kind

PROFILE_LIMIT = 6
QUOTE_LIMIT = 200
# How the plans name the programme periods in targets.plan (e.g. "Cluster action plan 2023-2025 (revised)").
PLAN_2021_2025 = "2021-2025"
PLAN_2023_2025 = "2023-2025"
# The 2020 provincial opinion that set up the 20 clusters: its targets carry this plan name, and the
# host cities it names are the cluster_cities rows of the same source.
OPINION_PLAN_PREFIX = "2020 provincial opinion"

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
BASE_COLUMNS = ("field", "place", "base_detail", "related_cluster", "source", "reliability", "quote")
OBSERVATION_COLUMNS = (
    "measure",
    "period",
    "value_text",
    "unit",
    "definition_label",
    "disagreement",
    "source",
    "reliability",
    "quote",
    "note",
)
CLUSTER_TARGET_COLUMNS = (
    "scope",
    "measure",
    "baseline",
    "target",
    "plan",
    "latest_value",
    "latest_period",
    "status",
    "source",
    "reliability",
    "quote",
)
PLAN_TARGET_COLUMNS = ("scope", "measure", "target", "plan", "source", "reliability", "quote")
OPINION_CITY_COLUMNS = ("city", "role_label", "role_detail", "source", "reliability", "quote")
CLUSTER_SOURCE_COLUMNS = ("source", "title", "publisher", "published", "reliability", "url", "facts", "tables")
FUTURE_INDUSTRY_COLUMNS = ("industry", "other_name", "source", "reliability", "quote")
MILESTONE_COLUMNS = ("year", "summary", "industries", "source", "reliability", "quote")


def export_frame(frame: pd.DataFrame, section: str, columns: tuple[str, ...], lang: str) -> pd.DataFrame:
    """The shown columns of a table with their headers in lang, for CSV downloads."""
    return frame[list(columns)].rename(columns=column_labels(section, columns, lang))


def shorten(text: object, limit: int = QUOTE_LIMIT) -> str:
    """Text cut to at most limit characters, with an ellipsis when cut (for tooltips)."""
    value = "" if text is None else " ".join(str(text).split())
    return value if len(value) <= limit else value[: limit - 1].rstrip() + "…"


def _names(frame: pd.DataFrame, key: str, lang: str) -> dict[str, str]:
    """Id -> name in lang for a table with name_en/name_zh."""
    return dict(zip(frame[key], frame[name_column(lang)], strict=True))


def _reliability(ds: Dataset) -> dict[str, str]:
    """Source id -> reliability tier."""
    return dict(zip(ds.sources["source_id"], ds.sources["reliability"], strict=True))


def _published(ds: Dataset) -> dict[str, str]:
    """Source id -> publication date as the source gives it."""
    return dict(zip(ds.sources["source_id"], ds.sources["published"], strict=True))


def _tier_label(tier: object, lang: str) -> str:
    """The 2023 output tier in words, '' when unknown."""
    return t(f"tier.t{int(cast(SupportsInt, tier))}", lang) if pd.notna(tier) else ""  # a present tier is a number


# ---------------------------------------------------------------- city profile


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
    return _names(cities, "adcode", lang)


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
        land_area_source=source_labels(ds.sources).get(row["land_area_source_id"], "") if has_area else "",
    )


def city_hosts(ds: Dataset, adcode: str, filters: Filters, lang: str) -> pd.DataFrame:
    """The clusters a source names the city for (strongest role, its quote and source), under the cluster filters."""
    keep = set(ds.clusters.loc[cluster_mask(ds, filters), "cluster_id"])
    links = analysis.host_links(ds)
    links = links[(links["adcode"] == adcode) & links["cluster_id"].isin(keep)].copy()
    labels, published, reliability = source_labels(ds.sources), _published(ds), _reliability(ds)
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
            "tier_label": links["tier"].map(lambda v: _tier_label(v, lang)),
            "role_detail": links["role_detail"],
            "quote": links["quote"],
            "source_id": links["quote_source_id"],
            "source": links["quote_source_id"].map(lambda s: labels.get(s, s)),
            "published": links["quote_source_id"].map(published),
            "reliability": links["quote_source_id"].map(reliability),
            "other_sources": [
                "; ".join(labels.get(s, s) for s in ids.split("; ") if s and s != first)
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
    labels, published, reliability = source_labels(ds.sources), _published(ds), _reliability(ds)
    out = pd.DataFrame(
        {
            "cluster_id": mentions["cluster_id"],
            "cluster": mentions["cluster_zh" if lang == "zh" else "cluster_en"],
            "kind": t("role.region", lang),
            "region": mentions["region_name_zh" if lang == "zh" else "region_name_en"],
            "region_role_label": mentions["role"].map(lambda r: t(f"city.region_role_{r}", lang)),
            "named_host": mentions["cluster_id"].isin(set(hosts)),
            "role_detail": mentions["role_detail"],
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
    labels, reliability = source_labels(ds.sources), _reliability(ds)
    out = pd.DataFrame(
        [
            {
                "target_id": row["target_id"],
                "scope": scope_name(ds, row["scope"], "", lang),
                "measure": metric_label(ds, row["metric"], lang),
                "baseline": baseline_text(row, lang),
                "target": target_text(row, lang),
                "target_year": str(int(row["target_year"])),
                "plan": row["plan"],
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


def _plan_base_frame(ds: Dataset, rows: pd.DataFrame, lang: str) -> pd.DataFrame:
    """plan_bases_2016_2020 rows ready to show: field, city or region, base, related cluster, source, quote."""
    labels, reliability = source_labels(ds.sources), _reliability(ds)
    cities, regions = _names(ds.cities, "adcode", lang), _names(ds.regions, "region_id", lang)
    clusters = _names(ds.clusters, "cluster_id", lang)
    place = [
        cities.get(code, code) if code else t("city.region_named", lang, region=regions.get(region, region))
        for code, region in zip(rows["adcode"], rows["region_id"], strict=True)
    ]
    return pd.DataFrame(
        {
            "field_id": rows["field_id"],
            "field": rows["field_zh" if lang == "zh" else "field_en"],
            "place": place,
            "base_detail": rows["base_detail"],
            "related_cluster": rows["related_cluster_id"].map(lambda c: clusters.get(c, c) if c else ""),
            "source_id": rows["source_id"],
            "source": rows["source_id"].map(lambda s: labels.get(s, s)),
            "reliability": rows["source_id"].map(reliability),
            "quote": rows["quote"],
        }
    ).reset_index(drop=True)


def city_plan_bases(ds: Dataset, adcode: str, lang: str) -> pd.DataFrame:
    """The 2016–2020 plan's emerging-industry bases the plan places in the city by name."""
    return _plan_base_frame(ds, ds.plan_bases_2016_2020[ds.plan_bases_2016_2020["adcode"] == adcode], lang)


# ---------------------------------------------------------------- cluster profile


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
    names = _names(ds.clusters, "cluster_id", lang)
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
        tier=_tier_label(row["output_floor_2023_bn_yuan"], lang),
        tier_source_id=row["tier_source_id"],
        tier_source=source_labels(ds.sources).get(row["tier_source_id"], row["tier_source_id"]),
        tier_quote=row["tier_quote"],
        description=row["description_zh" if lang == "zh" else "description_en"],
        name_note=t(f"cluster.name_{row['name_en_status']}", lang),
    )


def cluster_city_roles(ds: Dataset, cluster_id: str, lang: str) -> pd.DataFrame:
    """All 21 cities with their role for one cluster (core, base, region-level mention, none), quote and source."""
    cells = analysis.matrix(ds, Filters(clusters=(cluster_id,)))
    labels = source_labels(ds.sources)
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


def role_scale(lang: str) -> alt.Scale:
    """The main map's colour per role, in role order, labelled in lang (the same on the map and the matrix)."""
    return alt.Scale(
        domain=[maps.role_label(r, lang) for r in ROLE_ORDER], range=[maps.ROLE_COLOURS[r] for r in ROLE_ORDER]
    )


def cluster_map_styles(ds: Dataset, cluster_id: str, lang: str) -> pd.DataFrame:
    """Per city: colour and tooltip for its role in one cluster (the main map's role styling, all 21 cities)."""
    selection = Filters(clusters=(cluster_id,))
    roles = analysis.selected_cluster_roles(ds, selection)
    return maps.role_styles(roles, maps.link_table(ds, selection, lang), ds.cities["adcode"], lang)


def cluster_map_chart(
    features: list[dict], styles: pd.DataFrame, lang: str, title: str, shapes_url: str | None = None
) -> alt.LayerChart:
    """A small static map of the 21 cities coloured by role for one cluster (the main map page's builder).

    shapes_url: for the screen, fetch the display shapes instead of carrying them (maps.static_map_chart).
    """
    return maps.static_map_chart(
        features,
        styles,
        maps.role_legend(lang),
        title=title,
        legend_title=t("cluster.legend_role", lang),
        lang=lang,
        shapes_url=shapes_url,
    )


def cluster_observations(ds: Dataset, cluster_id: str, lang: str) -> pd.DataFrame:
    """Every province-level figure of the cluster, one row per (measure, period, source), in chart units.

    measure is the metric's label (with the definition when it is not the programme's own), so a chart
    coloured by measure never mixes two measures or definitions; unit says which panel a figure belongs on.
    City figures are listed apart (city_figures.cluster_city_figures). disagreement names the other source
    where two sources give figures for the same measure and period that cannot both hold.
    """
    rows = ds.metrics[(ds.metrics["scope"] == cluster_id) & (ds.metrics["adcode"] == "")]
    labels, reliability = source_labels(ds.sources), _reliability(ds)
    notes = city_figures.dataset_disagreements(ds, lang)
    kinds = city_figures.definitions(rows)
    records = []
    for index, row in rows.iterrows():
        label = metric_label(ds, row["metric"], lang)
        if kinds[index] != STANDARD_DEFINITION:
            label = t(
                "cluster.measure_definition",
                lang,
                measure=label,
                definition=city_figures.definition_label(kinds[index], lang),
            )
        kind = period_kind(row["period"])
        records.append(
            {
                "metric": row["metric"],
                "measure": label,
                "period": str(row["period"]),
                "period_kind": kind,
                "period_kind_label": t(f"cluster.{kind}", lang),
                "value": chart_value(float(row["value"]), row["unit"], lang),
                "value_text": format_value(float(row["value"]), row["unit"], lang, row["qualifier"]),
                "unit": unit_label(row["unit"], lang),
                "unit_id": row["unit"],
                "qualifier": t(f"cluster.qualifier_{row['qualifier']}", lang),
                "definition_label": city_figures.definition_label(kinds[index], lang),
                "disagreement": notes.get(index, ""),
                "source_id": row["source_id"],
                "source": labels.get(row["source_id"], row["source_id"]),
                "reliability": reliability.get(row["source_id"], ""),
                "quote": row["quote"],
                "note": row["note"],
                "charted": reliability.get(row["source_id"], "") not in NOT_CHARTED_RELIABILITY,
            }
        )
    columns = [
        "metric",
        "measure",
        "period",
        "period_kind",
        "period_kind_label",
        "value",
        "value_text",
        "unit",
        "unit_id",
        "qualifier",
        "definition_label",
        "disagreement",
        "source_id",
        "source",
        "reliability",
        "quote",
        "note",
        "charted",
    ]
    out = pd.DataFrame(records, columns=columns)
    return out.sort_values(["unit_id", "measure", "period", "source"]).reset_index(drop=True)


def timeline_chart(observations: pd.DataFrame, lang: str, title: str = "") -> alt.FacetChart:
    """Each figure as a point over its period, one colour per measure, one panel per unit.

    Lines join full-year figures of the same measure only: different measures are never connected,
    and part-year figures (hollow) are not joined to full years they cannot be compared with.
    """
    drawn = observations[observations["charted"]]
    periods = sorted(drawn["period"].unique())
    tooltip = [
        alt.Tooltip("measure:N", title=t("cluster.tip_measure", lang)),
        alt.Tooltip("period:N", title=t("cluster.tip_period", lang)),
        alt.Tooltip("value_text:N", title=t("cluster.tip_value", lang)),
        alt.Tooltip("qualifier:N", title=t("cluster.tip_qualifier", lang)),
        alt.Tooltip("source:N", title=t("cluster.tip_source", lang)),
        alt.Tooltip("reliability:N", title=t("cluster.tip_reliability", lang)),
        alt.Tooltip("disagreement:N", title=t("cluster.col_disagreement", lang)),
    ]
    x = alt.X(
        "period:O",
        sort=periods,
        scale=alt.Scale(domain=periods),
        title=t("cluster.axis_period", lang),
        axis=alt.Axis(labelAngle=0),
    )
    y = alt.Y("value:Q", title=t("cluster.axis_value", lang))
    colour = alt.Color(
        "measure:N",
        title=t("cluster.legend_measure", lang),
        legend=alt.Legend(orient="bottom", columns=2, labelLimit=360, titleLimit=480),
    )
    lines = (
        alt.Chart()
        .mark_line(strokeWidth=1.5)
        .transform_filter(alt.datum.period_kind == "full_year")
        .encode(x=x, y=y, color=colour, detail="measure:N")
    )
    shape = alt.Shape(
        "period_kind_label:N", title=t("cluster.legend_period_kind", lang), legend=alt.Legend(orient="bottom")
    )
    full_years = (
        alt.Chart()
        .mark_point(size=70, filled=True, opacity=0.95)
        .transform_filter(alt.datum.period_kind == "full_year")
        .encode(x=x, y=y, color=colour, shape=shape, tooltip=tooltip)
    )
    part_years = (
        alt.Chart()
        .mark_point(size=70, filled=False, strokeWidth=1.5)
        .transform_filter(alt.datum.period_kind != "full_year")
        .encode(x=x, y=y, color=colour, shape=shape, tooltip=tooltip)
    )
    chart = (
        alt.layer(lines, full_years, part_years, data=drawn)
        .properties(width=520, height=170)
        .facet(
            row=alt.Row(
                "unit:N",
                title=None,
                header=alt.Header(labelAngle=0, labelAlign="left", labelAnchor="start", labelOrient="top"),
            ),
        )
        .resolve_scale(y="independent")
    )
    if title:
        chart = chart.properties(title=alt.TitleParams(text=title, anchor="start"))
    return chart


def cluster_targets(ds: Dataset, cluster_id: str, lang: str) -> pd.DataFrame:
    """The cluster's targets (its own and its cities' parts) with their status under the rule in growth."""
    evaluated = growth.register(ds.targets[ds.targets["scope"] == cluster_id], ds.metrics, ds.sources)
    labels, reliability = source_labels(ds.sources), _reliability(ds)
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
                "plan": row["plan"],
                "latest_value": (
                    format_value(float(row["latest_value"]), row["unit"], lang, row["latest_qualifier"] or "exact")
                    if has_latest
                    else ""
                ),
                "latest_period": row["latest_period"] if has_latest else "",
                "status": status_label(row["status"], lang),
                "status_code": row["status"],
                "source_id": row["source_id"],
                "source": labels.get(row["source_id"], row["source_id"]),
                "reliability": reliability.get(row["source_id"], ""),
                "quote": row["quote"],
            }
        )
    return pd.DataFrame(rows, columns=["target_id", *CLUSTER_TARGET_COLUMNS, "status_code", "source_id"])


@dataclass(frozen=True)
class PolicyHistory:
    """What each programme period says about one cluster."""

    bases_2016_2020: pd.DataFrame
    targets_2021_2025: pd.DataFrame
    opinion_cities: pd.DataFrame
    targets_2023_2025: pd.DataFrame

    def is_empty(self) -> bool:
        """True when no period has anything on this cluster."""
        return all(
            frame.empty
            for frame in (self.bases_2016_2020, self.targets_2021_2025, self.opinion_cities, self.targets_2023_2025)
        )


def _plan_targets(ds: Dataset, rows: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Targets as plan statements (no status): scope, measure, target, plan, source, quote."""
    labels, reliability = source_labels(ds.sources), _reliability(ds)
    return pd.DataFrame(
        [
            {
                "target_id": row["target_id"],
                "scope": scope_name(ds, row["scope"], row["adcode"], lang),
                "measure": metric_label(ds, row["metric"], lang),
                "target": target_text(row, lang),
                "plan": row["plan"],
                "source_id": row["source_id"],
                "source": labels.get(row["source_id"], row["source_id"]),
                "reliability": reliability.get(row["source_id"], ""),
                "quote": row["quote"],
            }
            for _, row in rows.iterrows()
        ],
        columns=["target_id", *PLAN_TARGET_COLUMNS, "source_id"],
    )


def opinion_source_ids(ds: Dataset) -> set[str]:
    """Sources of the 2020 provincial opinion: the sources of the targets that plan set."""
    plan = ds.targets["plan"].str.startswith(OPINION_PLAN_PREFIX)
    return set(ds.targets.loc[plan, "source_id"])


def policy_history(ds: Dataset, cluster_id: str, lang: str) -> PolicyHistory:
    """The cluster across plans: 2016–2020 bases, the 2021–2025 plan (targets and named cities), the 2023 revision."""
    bases = ds.plan_bases_2016_2020[ds.plan_bases_2016_2020["related_cluster_id"] == cluster_id]
    own = ds.targets[ds.targets["scope"] == cluster_id]
    opinion = ds.cluster_cities[
        (ds.cluster_cities["cluster_id"] == cluster_id) & ds.cluster_cities["source_id"].isin(opinion_source_ids(ds))
    ]
    labels, reliability = source_labels(ds.sources), _reliability(ds)
    cities = _names(ds.cities, "adcode", lang)
    opinion = opinion.assign(rank=opinion["role"].map(ROLE_RANK)).sort_values(
        ["rank", "adcode"], ascending=[False, True]
    )
    opinion_frame = pd.DataFrame(
        {
            "adcode": opinion["adcode"],
            "city": opinion["adcode"].map(cities),
            "role_label": opinion["role"].map(lambda r: t(f"role.{r}", lang)),
            "role_detail": opinion["role_detail"],
            "source_id": opinion["source_id"],
            "source": opinion["source_id"].map(lambda s: labels.get(s, s)),
            "reliability": opinion["source_id"].map(reliability),
            "quote": opinion["quote"],
        }
    ).reset_index(drop=True)
    return PolicyHistory(
        bases_2016_2020=_plan_base_frame(ds, bases, lang),
        targets_2021_2025=_plan_targets(ds, own[own["plan"].str.contains(PLAN_2021_2025, regex=False)], lang),
        opinion_cities=opinion_frame,
        targets_2023_2025=_plan_targets(ds, own[own["plan"].str.contains(PLAN_2023_2025, regex=False)], lang),
    )


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
    labels = source_labels(ds.sources)
    out = ds.sources.merge(counts, left_on="source_id", right_index=True, how="inner")
    out = out.assign(source=out["source_id"].map(labels), url=out["url"].where(out["url"] != "", None))
    out = out.sort_values(["reliability", "facts"], ascending=[True, False]).reset_index(drop=True)
    return out[["source_id", *CLUSTER_SOURCE_COLUMNS]]


# ---------------------------------------------------------------- future industries (2024 plan)


def future_industries(ds: Dataset, lang: str) -> pd.DataFrame:
    """The seven future industries of the 2024 action plan, with source and quote."""
    rows = ds.future_industries
    labels, reliability = source_labels(ds.sources), _reliability(ds)
    return pd.DataFrame(
        {
            "industry_id": rows["industry_id"],
            "industry": rows[name_column(lang)],
            "other_name": rows["name_en" if lang == "zh" else "name_zh"],
            "source_id": rows["source_id"],
            "source": rows["source_id"].map(lambda s: labels.get(s, s)),
            "reliability": rows["source_id"].map(reliability),
            "quote": rows["quote"],
        }
    ).reset_index(drop=True)


def future_milestones(ds: Dataset, lang: str) -> pd.DataFrame:
    """What the 2024 plan aims for by 2027 and 2035, with the industries each milestone names."""
    rows = ds.future_milestones.sort_values(["year", "milestone_id"])
    labels, reliability = source_labels(ds.sources), _reliability(ds)
    names = _names(ds.future_industries, "industry_id", lang)
    every = t("cluster.all_future_industries", lang)
    return pd.DataFrame(
        {
            "milestone_id": rows["milestone_id"],
            "year": rows["year"].astype(int).astype(str),
            "summary": rows["summary_zh" if lang == "zh" else "summary_en"],
            "industries": rows["industry_ids"].map(
                lambda ids: ", ".join(names.get(i, i) for i in ids.split()) if ids else every
            ),
            "source_id": rows["source_id"],
            "source": rows["source_id"].map(lambda s: labels.get(s, s)),
            "reliability": rows["source_id"].map(reliability),
            "quote": rows["quote"],
        }
    ).reset_index(drop=True)


def source_ids(*frames: pd.DataFrame) -> list[str]:
    """The distinct non-empty source ids of some frames, in first-seen order (for captions and citations)."""
    ids = [s for frame in frames if "source_id" in frame for s in frame["source_id"] if s]
    return list(dict.fromkeys(ids))
