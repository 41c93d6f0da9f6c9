"""Data behind the Revenue tiers page: the 2023 output tiers and every published revenue or output figure.

The tier is a floor ("the cluster's 2023 output exceeds 100 billion yuan"), not a measured revenue: it places
the output in a range, from the floor to the next tier's floor (the top tier has no ceiling).
The published figures keep each source's own measure (operating revenue, main business income,
industry scale, ...): every row carries its measure label, period, qualifier and source, and
measures are never summed or merged. A series is the figures of one cluster, metric, city and definition:
only a series' full-year figures may be joined by a line.
"""

from __future__ import annotations

import math

import pandas as pd

from gdclusters import periods
from gdclusters.analysis import cluster_mask, memoised_per_args
from gdclusters.dataset import Dataset
from gdclusters.domain import (
    CATEGORY_ORDER,
    NOT_CHARTED_RELIABILITY,
    RELIABILITY_RANK,
    STANDARD_DEFINITION,
    TIER_ORDER,
)
from gdclusters.i18n import chart_value, format_value, join_parts, localised, plain_number, t, unit_label
from gdclusters.sourcing import published_dates, source_labels
from gdclusters.state import Filters

REVENUE_FAMILIES = ("revenue", "output")
MONEY_UNIT = "bn_yuan"
# Measures of a whole cluster's size, most preferred first. The figure drawn against a cluster's tier is one of
# these, for the whole cluster (no city's part, standard definition): a sub-sector or a wider grouping is not
# the cluster and never stands for it.
WHOLE_CLUSTER_METRICS = (
    "operating_revenue",
    "main_business_income",
    "software_business_revenue",
    "industry_scale",
    "output_value",
)
# The tier period: clusters.output_floor_2023_bn_yuan places each cluster's 2023 output.
TIER_PERIOD = "2023"
# The tier's measure: a figure is compared with its tier only when it shares measure and year.
TIER_METRIC = "output_value"


def name_column(lang: str) -> str:
    """The name column of a data table for lang (name_zh or name_en)."""
    return "name_zh" if lang == "zh" else "name_en"


def filter_note(ds: Dataset, filters: Filters, lang: str) -> str:
    """A short description of the cluster, category and tier filters for chart subtitles ('' when none)."""
    parts = []
    if filters.categories:
        parts.append(", ".join(t(f"category.{c}", lang) for c in filters.categories))
    if filters.tiers:
        parts.append(", ".join(t(f"tier.t{tier}", lang) for tier in filters.tiers))
    if filters.clusters:
        names = dict(zip(ds.clusters["cluster_id"], ds.clusters[name_column(lang)], strict=True))
        shown = [names.get(c, c) for c in filters.clusters[:3]]
        more = len(filters.clusters) - len(shown)
        parts.append(", ".join(shown) + (t("charts.and_more", lang, n=more) if more else ""))
    return t("charts.filtered_to", lang, filters=join_parts(parts, lang)) if parts else ""


@memoised_per_args
def tier_frame(ds: Dataset, filters: Filters, lang: str) -> pd.DataFrame:
    """One row per cluster passing the filters: its 2023 output tier in chart units, with source and quote.

    Memoised per dataset, filter set and language, like revenue_figures; a frame of its own per call.
    """
    clusters = ds.clusters[cluster_mask(ds, filters)].copy()
    labels = source_labels(ds.sources, lang)
    tier = clusters["output_floor_2023_bn_yuan"].astype(int)
    out = pd.DataFrame(
        {
            "cluster_id": clusters["cluster_id"],
            "cluster": clusters[name_column(lang)],
            "category": clusters["category"],
            "category_label": clusters["category"].map(lambda c: t(f"category.{c}", lang)),
            "tier_bn_yuan": tier,
            "tier_label": tier.map(lambda v: t(f"tier.t{v}", lang)),
            "tier_value": tier.map(lambda v: chart_value(float(v), MONEY_UNIT, lang)),
            "unit": unit_label(MONEY_UNIT, lang),
            "period": "2023",
            "source_id": clusters["tier_source_id"],
            "source": clusters["tier_source_id"].map(lambda s: labels.get(s, s)),
            "quote": clusters["tier_quote"],
        }
    )
    out["tier_rank"] = out["tier_bn_yuan"].map(TIER_ORDER.index)
    out["category_rank"] = out["category"].map(CATEGORY_ORDER.index)
    out = out.sort_values(["tier_rank", "category_rank", "cluster"]).reset_index(drop=True)
    return out.drop(columns=["tier_rank", "category_rank"])


def tier_ceiling(tier_bn_yuan: int) -> int | None:
    """The next tier's floor above this tier (the top of its range), None for the top tier."""
    higher = [floor for floor in TIER_ORDER if floor > tier_bn_yuan]
    return min(higher) if higher else None


def tier_thresholds(lang: str) -> pd.DataFrame:
    """The four tier floors in chart units with their labels, for the threshold rules."""
    return pd.DataFrame(
        {
            "tier_bn_yuan": list(TIER_ORDER),
            "tier_value": [chart_value(float(v), MONEY_UNIT, lang) for v in TIER_ORDER],
            "tier_label": [t(f"tier.t{v}", lang) for v in TIER_ORDER],
        }
    )


def tier_counts(tiers: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Clusters per (tier, category) for the rows of tier_frame, zeros included, in tier order."""
    grid = pd.MultiIndex.from_product([TIER_ORDER, CATEGORY_ORDER], names=["tier_bn_yuan", "category"])
    counts = tiers.groupby(["tier_bn_yuan", "category"]).size().reindex(grid, fill_value=0)
    out = counts.rename("clusters").reset_index()
    out["tier_label"] = out["tier_bn_yuan"].map(lambda v: t(f"tier.t{v}", lang))
    out["category_label"] = out["category"].map(lambda c: t(f"category.{c}", lang))
    names = tiers.groupby(["tier_bn_yuan", "category"])["cluster"].agg(lambda names: join_parts(names, lang))
    keys = zip(out["tier_bn_yuan"], out["category"], strict=True)
    out["cluster_names"] = [names.get(key, "") for key in keys]
    return out


@memoised_per_args
def tier_count_frame(ds: Dataset, filters: Filters, lang: str) -> pd.DataFrame:
    """tier_counts of the filtered tier_frame, once per dataset, filter set and language."""
    return tier_counts(tier_frame(ds, filters, lang), lang)


@memoised_per_args
def revenue_figures(ds: Dataset, filters: Filters, lang: str) -> pd.DataFrame:
    """Every revenue- or output-family figure of a filtered cluster, one row per (cluster, measure, period, source).

    measure is the metric's label (with the city when the figure is one city's part of the cluster); series
    keys the figures a line may join (same cluster, metric, city and definition), so no line mixes two measures. Money figures only (bn_yuan), so one
    axis serves all. charted is False for tier-D sources (kept in the table, not drawn).
    """
    clusters = ds.clusters[cluster_mask(ds, filters)]
    definitions = ds.metric_definitions[
        ds.metric_definitions["family"].isin(REVENUE_FAMILIES) & (ds.metric_definitions["unit"] == MONEY_UNIT)
    ]
    rows = ds.metrics[ds.metrics["scope"].isin(clusters["cluster_id"])]
    rows = rows.merge(definitions[["metric", "label_en", "label_zh", "family"]], on="metric", how="inner")
    rows = rows.merge(ds.sources[["source_id", "reliability"]], on="source_id", how="left")
    rows = rows.merge(
        clusters[["cluster_id", name_column(lang), "category"]].rename(columns={name_column(lang): "cluster"}),
        left_on="scope",
        right_on="cluster_id",
        how="left",
    )
    labels, published = source_labels(ds.sources, lang), published_dates(ds.sources)
    cities = dict(zip(ds.cities["adcode"], ds.cities[name_column(lang)], strict=True))
    metric_label = rows["label_zh" if lang == "zh" else "label_en"]
    city = rows["adcode"].map(lambda code: cities.get(code, code) if code else "")
    measure = [
        t("tiers.city_part", lang, measure=label, city=name) if name else label
        for label, name in zip(metric_label, city, strict=True)
    ]
    out = pd.DataFrame(
        {
            "cluster_id": rows["cluster_id"],
            "cluster": rows["cluster"],
            "category": rows["category"],
            "category_label": rows["category"].map(lambda c: t(f"category.{c}", lang)),
            "metric": rows["metric"],
            "measure": measure,
            "city": city,
            "adcode": rows["adcode"],
            "definition": rows["definition"].replace("", STANDARD_DEFINITION),
            "period": rows["period"],
            "period_kind": rows["period"].map(periods.kind),
            "period_basis": periods.basis_texts(rows["period_basis"], rows["source_id"], published, lang),
            "period_basis_id": rows["period_basis"],
            "published": rows["source_id"].map(lambda s: published.get(s, "")),
            "value_bn_yuan": rows["value"],
            "value": [chart_value(v, MONEY_UNIT, lang) for v in rows["value"]],
            "unit": unit_label(MONEY_UNIT, lang),
            "qualifier": rows["qualifier"],
            "value_text": [
                format_value(value, MONEY_UNIT, lang, qualifier)
                for value, qualifier in zip(rows["value"], rows["qualifier"], strict=True)
            ],
            "source_id": rows["source_id"],
            "source": rows["source_id"].map(lambda s: labels.get(s, s)),
            "reliability": rows["reliability"].fillna(""),
            "quote": rows["quote"],
            "note": localised(rows, "note", lang),
        }
    )
    out["period_kind_label"] = out["period_kind"].map(lambda k: t(f"charts.{k}", lang))
    out["charted"] = ~out["reliability"].isin(NOT_CHARTED_RELIABILITY)
    out["series"] = series_keys(out)
    order = {cluster_id: i for i, cluster_id in enumerate(tier_frame(ds, filters, lang)["cluster_id"])}
    out["cluster_rank"] = out["cluster_id"].map(order)
    out = out.sort_values(["cluster_rank", "measure", "period", "source"]).reset_index(drop=True)
    return out.drop(columns=["cluster_rank"])


def charted_figures(figures: pd.DataFrame) -> pd.DataFrame:
    """The figures the revenue chart draws (tier-D sources left out)."""
    return figures[figures["charted"]].reset_index(drop=True)


def series_keys(figures: pd.DataFrame) -> pd.Series:
    """One key per series: figures sharing cluster, metric, city and definition (the only ones a line may join)."""
    parts = [figures[column].astype(str) for column in ("cluster_id", "metric", "adcode", "definition")]
    return parts[0].str.cat(parts[1:], sep="|") if len(figures) else pd.Series([], dtype="object")


def short_value(value: float, qualifier: str, lang: str) -> str:
    """A figure in chart units as a short point label: three significant digits, the qualifier as a sign (>2,500)."""
    if value is None or pd.isna(value):
        return ""
    digits = max(0, 2 - math.floor(math.log10(abs(value)))) if value else 0
    rounded = round(float(value), digits)
    text = plain_number(rounded, digits, grouping=lang != "zh")
    return t(f"charts.short_{qualifier}", lang, value=text) if qualifier in SHORT_QUALIFIERS else text


# Qualifiers a point label shows as a sign (charts.short_<qualifier>); an exact figure has none.
SHORT_QUALIFIERS = ("over", "under", "about", "nearly", "size_class")


def _latest_whole_cluster(figures: pd.DataFrame) -> pd.DataFrame:
    """Per cluster, the latest full-year figure of the whole cluster in a whole-cluster measure (one row each).

    Among figures of the same year: the preferred measure (WHOLE_CLUSTER_METRICS order), then the most
    reliable source.
    """
    eligible = figures[
        figures["charted"]
        & figures["metric"].isin(WHOLE_CLUSTER_METRICS)
        & (figures["adcode"] == "")
        & (figures["definition"] == STANDARD_DEFINITION)
        & (figures["period_kind"] == "full_year")
    ]
    ranked = eligible.assign(
        metric_rank=eligible["metric"].map(WHOLE_CLUSTER_METRICS.index),
        reliability_rank=eligible["reliability"].map(RELIABILITY_RANK),
    ).sort_values(["period", "metric_rank", "reliability_rank"], ascending=[False, True, True], kind="stable")
    return ranked.drop_duplicates("cluster_id").drop(columns=["metric_rank", "reliability_rank"])


@memoised_per_args
def latest_figures(ds: Dataset, filters: Filters, lang: str) -> pd.DataFrame:
    """One row per filtered cluster: its 2023 tier as a range and its latest published whole-cluster figure.

    The tier range runs from the tier's floor to the next tier's floor (tier_high is empty for the top tier, whose
    range is open-ended). The figure (measure, period, value, unit, source) is the latest full-year one for the
    whole cluster in one of WHOLE_CLUSTER_METRICS, each in its own measure; has_figure is False where none is
    published and only the tier is known. compared is True only where the figure is itself the tier's measure and year
    (2023 output); tier_comparison says so, or why the two are not compared. Values in chart units; rows in
    tier_frame order.
    """
    tiers = tier_frame(ds, filters, lang)
    figures = _latest_whole_cluster(revenue_figures(ds, filters, lang))
    figure_columns = ["metric", "measure", "period", "period_basis_id", "published", "value", "value_bn_yuan"]
    figure_columns += ["qualifier", "value_text"]
    figure_columns += ["source_id", "source", "reliability", "quote"]
    out = pd.DataFrame(
        {
            "cluster_id": tiers["cluster_id"],
            "cluster": tiers["cluster"],
            "category": tiers["category"],
            "category_label": tiers["category_label"],
            "tier_bn_yuan": tiers["tier_bn_yuan"],
            "tier_label": tiers["tier_label"],
            "tier_low": tiers["tier_value"],
            "tier_high": [
                chart_value(float(high), MONEY_UNIT, lang) if high is not None else math.nan
                for high in map(tier_ceiling, tiers["tier_bn_yuan"])
            ],
            "tier_period": TIER_PERIOD,
            "tier_source_id": tiers["source_id"],
            "tier_source": tiers["source"],
            "tier_quote": tiers["quote"],
        }
    )
    out = out.merge(figures[["cluster_id", *figure_columns]], on="cluster_id", how="left")
    out["has_figure"] = out["value"].notna()
    out["unit"] = unit_label(MONEY_UNIT, lang)
    for column in ("metric", "measure", "period", "period_basis_id", "published", "qualifier", "value_text"):
        out[column] = out[column].fillna("")
    for column in ("source_id", "source", "reliability"):
        out[column] = out[column].fillna("")
    out["quote"] = out["quote"].fillna("")
    # Where the figure's year comes from, in words (the twin and the table; the label writes it into the period).
    # A row without a figure has no basis and gets ''.
    out["period_basis"] = periods.basis_texts(
        out["period_basis_id"], out["source_id"], published_dates(ds.sources), lang
    )
    # Point and band share the chart's axis, not necessarily a measure: say, figure by figure, whether they compare.
    out["compared"] = (out["metric"] == TIER_METRIC) & (out["period"] == TIER_PERIOD)
    out["tier_comparison"] = [
        ""
        if not row.has_figure
        else t("tiers.vs_tier_same", lang, period=TIER_PERIOD)
        if row.compared
        else t("tiers.vs_tier_not", lang, measure=row.measure, period=periods.label(row.period, lang))
        for row in out.itertuples()
    ]
    out["figure_label"] = [
        t(
            "charts.latest_label",
            lang,
            measure=row.measure,
            period=periods.with_basis(row.period, row.period_basis_id, row.published, lang),
            value=row.value_text,
        )
        if row.has_figure
        else t("charts.tier_only_label", lang, tier=row.tier_label, period=TIER_PERIOD)
        for row in out.itertuples()
    ]
    return out


def series_points(figures: pd.DataFrame) -> pd.DataFrame:
    """The charted figures with what the series chart needs: kind of point and whether a line passes through it.

    kind is 'full_year' for the one figure per series and full year the line joins (the most reliable source's;
    a line only ever joins figures of one series), 'other_source' for another source's figure of that year, and
    'part_year' for a figure of part of a year (never joined: not comparable with full years).
    """
    drawn = charted_figures(figures)
    ranked = drawn.assign(reliability_rank=drawn["reliability"].map(RELIABILITY_RANK).fillna(len(RELIABILITY_RANK)))
    ranked = ranked.sort_values(["series", "period", "reliability_rank"], kind="stable")
    main = ~ranked.duplicated(["series", "period"])
    full = ranked["period_kind"] == "full_year"
    ranked["kind"] = "part_year"
    ranked.loc[full & main, "kind"] = "full_year"
    ranked.loc[full & ~main, "kind"] = "other_source"
    return ranked.drop(columns=["reliability_rank"]).sort_index().reset_index(drop=True)
