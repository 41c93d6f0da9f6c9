"""The growth-target register: which targets the filters show, their evaluated rows, options and CSV export.

Which targets a filter shows: a cluster's target follows the cluster, category and tier filters
(and, for a city's target, the city and region filters); a group target (all 20, the 10 pillar or
the 10 emerging clusters, the province) stays visible under cluster and tier filters because it
covers several clusters, and is hidden only when the category filter excludes its group.
"""

from __future__ import annotations

import pandas as pd

from gdclusters import growth, periods
from gdclusters.analysis import city_mask, cluster_mask, memoised, memoised_per_args
from gdclusters.dataset import Dataset
from gdclusters.domain import OPEN_STATUSES
from gdclusters.i18n import column_labels, format_value, localised, localised_column, t
from gdclusters.sourcing import published_dates, source_labels
from gdclusters.state import Filters
from gdclusters.targets_view.user_figures import (
    UserRowsKey,
    amended_metrics,
    user_metric_rows,
    user_rows_from_key,
    user_rows_key,
)
from gdclusters.targets_view.wording import (
    baseline_text,
    comparability_text,
    is_present,
    metric_label,
    rounded_rate,
    scope_name,
    source_name,
    status_text,
    target_text,
)

HEADLINE_SCOPE, HEADLINE_GROWTH_PCT = "emerging_10", 10.0
GROUP_CATEGORY = {"pillar_10": "pillar", "emerging_10": "emerging"}
REGISTER_COLUMNS = (
    "scope_name",
    "metric_label",
    "target",
    "status",
    "comparability",
    "baseline",
    "latest_value",
    "latest_period",
    "latest_period_basis",
    "latest_source",
    "required_growth_pct",
    "achieved_growth_pct",
    "plan",
    "in_force",
    "source",
    "reliability",
    "quote",
    "target_id",
)
# Codes beside the words, not shown: the status, the target's source and the latest figure's source.
REGISTER_ID_COLUMNS = ("status_code", "source_id", "latest_source_id")


def headline_target_id(targets: pd.DataFrame) -> str | None:
    """The emerging clusters' 10 %-a-year revenue target, else the first quantitative target, else None."""
    headline = targets[
        (targets["scope"] == HEADLINE_SCOPE) & (targets["target_annual_growth_pct"] == HEADLINE_GROWTH_PCT)
    ]
    if not headline.empty:
        return str(headline.iloc[0]["target_id"])
    quantitative = targets[~targets["qualitative"].astype(bool)]
    return str(quantitative.iloc[0]["target_id"]) if not quantitative.empty else None


def visible_targets(ds: Dataset, filters: Filters) -> pd.DataFrame:
    """Targets the global filters keep (rule in the module docstring)."""
    targets = ds.targets
    clusters = set(ds.clusters.loc[cluster_mask(ds, filters), "cluster_id"])
    cities = set(ds.cities.loc[city_mask(ds, filters), "adcode"])
    is_cluster = targets["scope"].isin(ds.clusters["cluster_id"])
    keep_cluster = is_cluster & targets["scope"].isin(clusters)
    keep_city = (targets["adcode"] == "") | targets["adcode"].isin(cities)
    group_category = targets["scope"].map(GROUP_CATEGORY)
    keep_group = ~is_cluster & (
        group_category.isna() | (not filters.categories) | group_category.isin(filters.categories)
    )
    return targets[(keep_cluster & keep_city) | keep_group].reset_index(drop=True)


def keep_status(statuses: pd.Series, wanted: str | None) -> pd.Series:
    """Mask of the statuses a register filter keeps (a status, or 'open' for every unsettled one)."""
    if not wanted:
        return pd.Series(True, index=statuses.index)
    return statuses.isin(OPEN_STATUSES) if wanted == "open" else statuses.eq(wanted)


@memoised
def published_register(ds: Dataset) -> pd.DataFrame:
    """Every target with its status from the published figures only: evaluated once per loaded dataset."""
    return growth.register(ds.targets, ds.metrics, ds.sources)


def evaluated_targets(ds: Dataset, targets: pd.DataFrame, user_rows: list[dict]) -> pd.DataFrame:
    """growth.register(targets, published figures and user_rows), in targets' order.

    A target is evaluated from its own scope, metric and city only, so a target no user figure shares
    those with keeps its row from published_register; only the others are evaluated again.
    """
    if targets.empty:
        return pd.DataFrame()
    published = published_register(ds)
    rows = published[published["target_id"].isin(targets["target_id"])].reset_index(drop=True)
    extra = user_metric_rows(ds.targets, user_rows)
    if extra.empty:
        return rows
    # The same match as growth.same_measure, from the user rows' side.
    touched = set(zip(extra["scope"], extra["metric"], extra["adcode"].fillna(""), strict=True))
    affected = targets[
        [
            (scope, metric, adcode or "") in touched
            for scope, metric, adcode in zip(targets["scope"], targets["metric"], targets["adcode"], strict=True)
        ]
    ]
    if affected.empty:
        return rows
    fresh = growth.register(affected, amended_metrics(ds, user_rows), ds.sources)
    kept = rows[~rows["target_id"].isin(affected["target_id"])]
    position = {target_id: i for i, target_id in enumerate(targets["target_id"])}
    merged = pd.concat([kept, fresh], ignore_index=True)
    order = merged["target_id"].map(position).sort_values(kind="stable").index
    return merged.loc[order].reset_index(drop=True)


def register_table(
    ds: Dataset,
    filters: Filters,
    lang: str,
    user_rows: list[dict],
    status: str | None = None,
    year: int | None = None,
    history: bool = False,
) -> pd.DataFrame:
    """The growth-target register for the filtered targets, with user figures applied, ready to show.

    Only targets in force unless history; status and year narrow it further (None: no restriction).
    Memoised per dataset, arguments and user figures (their values are part of the key, so one session's
    figures are never shown to another); a frame of its own for each call.
    """
    key = user_rows_key(user_rows)
    if key is None:  # a figure that is not hashable cannot be a memo key: computed for this call alone
        return _register_table(ds, filters, lang, list(user_rows), status, year, history)
    return _memoised_register_table(ds, filters, lang, key, status, year, history)


@memoised_per_args
def _memoised_register_table(
    ds: Dataset,
    filters: Filters,
    lang: str,
    rows: UserRowsKey,
    status: str | None,
    year: int | None,
    history: bool,
) -> pd.DataFrame:
    """register_table for the user figures a user_rows_key value stands for."""
    return _register_table(ds, filters, lang, user_rows_from_key(rows), status, year, history)


def _register_table(
    ds: Dataset,
    filters: Filters,
    lang: str,
    user_rows: list[dict],
    status: str | None,
    year: int | None,
    history: bool,
) -> pd.DataFrame:
    """register_table, computed."""
    targets = visible_targets(ds, filters)
    if not history:
        targets = targets[growth.in_force(targets)]
    if year is not None:
        targets = targets[targets["target_year"].astype(int) == year]
    evaluated = evaluated_targets(ds, targets, user_rows)
    if not evaluated.empty:
        evaluated = evaluated[keep_status(evaluated["status"], status)]
    return register_rows(ds, evaluated, lang)


def register_rows(ds: Dataset, evaluated: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Evaluated targets (growth.register rows) in words, one register row each: the register and the profiles."""
    if evaluated.empty:
        return pd.DataFrame(columns=[*REGISTER_COLUMNS, *REGISTER_ID_COLUMNS])
    plans = dict(zip(ds.targets["target_id"], localised(ds.targets, "plan", lang), strict=True))
    years = dict(zip(ds.targets["target_id"], ds.targets["target_year"], strict=True))
    labels, published = source_labels(ds.sources, lang), published_dates(ds.sources)
    reliability = dict(zip(ds.sources["source_id"], ds.sources["reliability"], strict=True))
    rows = []
    for _, row in evaluated.iterrows():
        latest_source = row["latest_source_id"]
        has_latest = is_present(row["latest_value"])
        rows.append(
            {
                "target_id": row["target_id"],
                "scope_name": scope_name(ds, row["scope"], row["adcode"], lang),
                "metric_label": metric_label(ds, row["metric"], lang),
                "plan": localised(row, "plan", lang),
                "baseline": baseline_text(row, lang),
                "target": target_text(row, lang),
                "latest_value": (
                    format_value(float(row["latest_value"]), row["unit"], lang, row["latest_qualifier"] or "exact")
                    if has_latest
                    else ""
                ),
                "latest_period": row["latest_period"] if has_latest else "",
                "latest_period_basis": (
                    periods.basis_text(row["latest_period_basis"], published.get(latest_source, ""), lang)
                    if has_latest
                    else ""
                ),
                "latest_source": source_name(latest_source, labels, lang) if has_latest else "",
                "required_growth_pct": rounded_rate(row["rate_pct"]),
                "achieved_growth_pct": rounded_rate(row["achieved_pct"]),
                "status": status_text(row["status"], bool(row["indicative"]), lang),
                "comparability": comparability_text(row, labels, lang),
                "in_force": (
                    t(
                        "targets.replaced_by",
                        lang,
                        plan=plans.get(row["superseded_by"], ""),
                        year=years.get(row["superseded_by"], ""),
                    )
                    if row.get("superseded_by")
                    else t("targets.in_force", lang)
                ),
                "source": labels.get(row["source_id"], row["source_id"]),
                "reliability": reliability.get(row["source_id"], ""),
                "quote": row["quote"],
                "status_code": row["status"],
                "source_id": row["source_id"],
                "latest_source_id": latest_source if has_latest else "",
            }
        )
    return pd.DataFrame(rows, columns=[*REGISTER_COLUMNS, *REGISTER_ID_COLUMNS])


def register_export(register: pd.DataFrame, user_rows: list[dict], lang: str) -> pd.DataFrame:
    """The register with headers in lang, plus a column saying whether a user figure is applied, for CSV."""
    out = register[list(REGISTER_COLUMNS)].rename(columns=column_labels("targets", REGISTER_COLUMNS, lang))
    out[t("targets.col_user_figures", lang)] = [
        sum(1 for row in user_rows if row.get("target_id") == target_id) for target_id in register["target_id"]
    ]
    return out


def target_options(ds: Dataset, filters: Filters, lang: str) -> dict[str, str]:
    """Selectable targets (id -> label) for the filters, the headline first when it is shown."""
    return dict(_target_options(ds, filters, lang))  # a dict of the caller's own: the memoised one is shared


@memoised_per_args
def _target_options(ds: Dataset, filters: Filters, lang: str) -> dict[str, str]:
    """target_options, computed once per dataset, filter set and language."""
    targets = visible_targets(ds, filters)
    headline = headline_target_id(targets)
    ordered = sorted(targets.itertuples(), key=lambda row: (row.target_id != headline, bool(row.qualitative)))
    plan = localised_column("plan", lang, targets.columns)
    return {
        row.target_id: t(
            "targets.option",
            lang,
            scope=scope_name(ds, row.scope, row.adcode, lang),
            metric=metric_label(ds, row.metric, lang),
            year=int(row.target_year),
            plan=getattr(row, plan),
        )
        for row in ordered
    }


def register_source_ids(ds: Dataset, register: pd.DataFrame) -> list[str]:
    """The sources a register rests on, for its caption: each listed target's own, then each latest figure's (a
    reader's own figure has none)."""
    listed = ds.targets[ds.targets["target_id"].isin(register["target_id"])]
    latest = register["latest_source_id"] if "latest_source_id" in register else pd.Series(dtype=object)
    known = set(ds.sources["source_id"])
    return list(dict.fromkeys(s for s in [*listed["source_id"], *latest] if s in known))
