"""Data behind the Revenue tiers page: the 2023 output tiers and every published revenue or output figure.

The tier is a floor ("the cluster's 2023 output exceeds 100 billion yuan"), not a measured revenue.
The published figures keep each source's own measure (operating revenue, main business income,
industry scale, ...): every row carries its measure label, period, qualifier and source, and
measures are never summed or merged.
"""

from __future__ import annotations

import pandas as pd

from gdclusters.analysis import cluster_mask, memoised_per_args
from gdclusters.dataset import Dataset
from gdclusters.domain import CATEGORY_ORDER, NOT_CHARTED_RELIABILITY, TIER_ORDER
from gdclusters.i18n import chart_value, format_value, t, unit_label
from gdclusters.sourcing import source_labels
from gdclusters.state import Filters

REVENUE_FAMILIES = ("revenue", "output")
MONEY_UNIT = "bn_yuan"


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
    return t("charts.filtered_to", lang, filters="; ".join(parts)) if parts else ""


@memoised_per_args
def tier_frame(ds: Dataset, filters: Filters, lang: str) -> pd.DataFrame:
    """One row per cluster passing the filters: its 2023 output tier in chart units, with source and quote.

    Memoised per dataset, filter set and language, like revenue_figures; a frame of its own per call.
    """
    clusters = ds.clusters[cluster_mask(ds, filters)].copy()
    labels = source_labels(ds.sources)
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
    names = tiers.groupby(["tier_bn_yuan", "category"])["cluster"].agg("; ".join)
    keys = zip(out["tier_bn_yuan"], out["category"], strict=True)
    out["cluster_names"] = [names.get(key, "") for key in keys]
    return out


@memoised_per_args
def tier_count_frame(ds: Dataset, filters: Filters, lang: str) -> pd.DataFrame:
    """tier_counts of the filtered tier_frame, once per dataset, filter set and language."""
    return tier_counts(tier_frame(ds, filters, lang), lang)


def period_kind(period: str) -> str:
    """'full_year' for a period such as 2023, 'part_year' for 2021H1, 2022Q1 or 2023Q1-Q3."""
    text = str(period)
    return "full_year" if len(text) == 4 and text.isdigit() else "part_year"


@memoised_per_args
def revenue_figures(ds: Dataset, filters: Filters, lang: str) -> pd.DataFrame:
    """Every revenue- or output-family figure of a filtered cluster, one row per (cluster, measure, period, source).

    measure is the metric's label (with the city when the figure is one city's part of the cluster),
    so a chart coloured by measure never mixes two measures. Money figures only (bn_yuan), so one
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
    labels = source_labels(ds.sources)
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
            "period": rows["period"],
            "period_kind": rows["period"].map(period_kind),
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
            "note": rows["note"],
        }
    )
    out["period_kind_label"] = out["period_kind"].map(lambda k: t(f"charts.{k}", lang))
    out["charted"] = ~out["reliability"].isin(NOT_CHARTED_RELIABILITY)
    order = {cluster_id: i for i, cluster_id in enumerate(tier_frame(ds, filters, lang)["cluster_id"])}
    out["cluster_rank"] = out["cluster_id"].map(order)
    out = out.sort_values(["cluster_rank", "measure", "period", "source"]).reset_index(drop=True)
    return out.drop(columns=["cluster_rank"])


def cluster_order(frame: pd.DataFrame) -> list[str]:
    """Cluster names in the frame's row order, each once (the x-axis order of the tier charts)."""
    return list(dict.fromkeys(frame["cluster"]))


def charted_figures(figures: pd.DataFrame) -> pd.DataFrame:
    """The figures the revenue chart draws (tier-D sources left out)."""
    return figures[figures["charted"]].reset_index(drop=True)
