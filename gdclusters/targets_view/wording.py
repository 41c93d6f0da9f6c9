"""Targets in words: scope and metric names, what a target asks for, its baseline, status and rates."""

from __future__ import annotations

import math
from collections.abc import Mapping
from types import MappingProxyType
from typing import SupportsFloat, cast

import pandas as pd

from gdclusters import periods
from gdclusters.analysis import memoised_per_args
from gdclusters.dataset import Dataset
from gdclusters.i18n import format_value, join_parts, plain_number, t
from gdclusters.tiers import name_column

# The source id of a figure the reader adds (user_figures.py): not a source of the data.
USER_SOURCE = "user"


def status_label(status: str, lang: str) -> str:
    """The status in the reader's language."""
    return t(f"status.{status}", lang)


@memoised_per_args
def _scope_names(ds: Dataset, lang: str) -> Mapping[str, str]:
    """Scope id -> name in lang (groups, then clusters), looked up once per dataset and language; read-only."""
    return MappingProxyType(
        {
            **dict(zip(ds.scopes["scope"], ds.scopes[name_column(lang)], strict=True)),
            **dict(zip(ds.clusters["cluster_id"], ds.clusters[name_column(lang)], strict=True)),
        }
    )


@memoised_per_args
def _city_names(ds: Dataset, lang: str) -> Mapping[str, str]:
    """Adcode -> city name in lang, once per dataset and language; read-only."""
    return MappingProxyType(dict(zip(ds.cities["adcode"], ds.cities[name_column(lang)], strict=True)))


@memoised_per_args
def _metric_labels(ds: Dataset, lang: str) -> Mapping[str, str]:
    """Metric id -> label in lang (a metric listed twice keeps its first row), once per dataset; read-only."""
    labels: dict[str, str] = {}
    column = "label_zh" if lang == "zh" else "label_en"
    for metric, label in zip(ds.metric_definitions["metric"], ds.metric_definitions[column], strict=True):
        labels.setdefault(metric, str(label))
    return MappingProxyType(labels)


def scope_name(ds: Dataset, scope: str, adcode: str, lang: str) -> str:
    """A scope's name (cluster or group), with the city for one city's part."""
    name = _scope_names(ds, lang).get(scope, scope)
    if adcode:
        city = _city_names(ds, lang).get(adcode, adcode)
        return t("targets.city_part", lang, scope=name, city=city)
    return name


def metric_label(ds: Dataset, metric: str, lang: str) -> str:
    """A metric's label in lang (the metric id itself when it has no definition)."""
    return _metric_labels(ds, lang).get(metric, metric)


def is_present(value: object) -> bool:
    """True for a value that is not None, NaN or pandas NA."""
    return value is not None and not pd.isna(value)


def target_text(target: pd.Series, lang: str) -> str:
    """What the target asks for: a level by a year, a growth rate to a year, or 'qualitative'."""
    if bool(target["qualitative"]):
        return t("targets.qualitative_target", lang)
    comparator = t(f"targets.comparator_{target['comparator']}", lang)
    year = int(target["target_year"])
    parts = []
    if target["comparator"] == "between" and is_present(target.get("target_value_max")):
        parts.append(
            t(
                "targets.range_target",
                lang,
                year=year,
                low=format_value(float(target["target_value"]), target["unit"], lang),
                high=format_value(float(target["target_value_max"]), target["unit"], lang),
            )
        )
    elif target["comparator"] == "size_class" and is_present(target["target_value"]):
        parts.append(
            t(
                "targets.class_target",
                lang,
                year=year,
                value=format_value(float(target["target_value"]), target["unit"], lang, "size_class"),
            )
        )
    elif is_present(target["target_value"]):
        parts.append(
            t(
                "targets.level_target",
                lang,
                comparator=comparator,
                year=year,
                value=format_value(float(target["target_value"]), target["unit"], lang),
            )
        )
    if is_present(target["target_annual_growth_pct"]):
        parts.append(
            t(
                "targets.growth_target",
                lang,
                comparator=comparator,
                year=year,
                rate=plain_number(float(target["target_annual_growth_pct"]), 2),
            )
        )
    return join_parts(parts, lang)


def baseline_text(target: pd.Series, lang: str) -> str:
    """The plan's baseline with its period, or '' when the plan states none."""
    if not is_present(target["baseline_value"]) or not target["baseline_period"]:
        return ""
    return t(
        "targets.value_period",
        lang,
        value=format_value(float(target["baseline_value"]), target["unit"], lang),
        period=periods.label(target["baseline_period"], lang),
    )


def rounded_rate(value: object) -> float | None:
    """A growth rate rounded to one decimal, None when undefined."""
    if not is_present(value) or (isinstance(value, float) and math.isnan(value)):
        return None
    return round(float(cast(SupportsFloat, value)), 1)


def status_text(status: str, indicative: bool, lang: str) -> str:
    """The status in words, marked when the comparability rule makes it only indicative."""
    label = status_label(status, lang)
    return t("targets.indicative_status", lang, status=label) if indicative else label


def source_name(source_id: str, labels: Mapping[str, str], lang: str) -> str:
    """A figure's source as the page names it: 'Publisher (year)', or the reader's own figure said as such."""
    if source_id == USER_SOURCE:
        return t("targets.user_source", lang)
    return labels.get(source_id, source_id)


def comparability_text(row: pd.Series | dict, labels: dict[str, str], lang: str) -> str:
    """Why an evaluated row's status is only indicative or not comparable, in words ('' when it needs no reason):
    the comparability rule's reason, then status rule 7's bound, each a sentence."""
    codes = [row.get(column) for column in ("reason", "bound")]
    return t("format.sentence_sep", lang).join(
        t(
            f"growth.reason_{code}",
            lang,
            start=source_name(row.get("start_source_id") or "", labels, lang),
            latest=source_name(row.get("latest_source_id") or "", labels, lang),
        )
        for code in codes
        if isinstance(code, str) and code
    )


def rounded_value_text(value: float, unit: str, lang: str) -> str:
    """A computed value in words to three significant digits, marked 'about' when rounding changed it."""
    rounded = float(f"{value:.3g}")
    return format_value(rounded, unit, lang, "exact" if rounded == value else "about")


def growth_text(rate_pct: float | None, lang: str) -> str:
    """An annual growth rate in words ('10% a year'), or a dash when undefined."""
    if rate_pct is None or (isinstance(rate_pct, float) and math.isnan(rate_pct)):
        return t("targets.not_available", lang)
    return t("targets.pct_a_year", lang, rate=plain_number(rate_pct, 1))
