"""Data behind the Growth targets page: the register, one target's path and observations, user figures.

Builds on gdclusters.growth (the status rule). User figures ("hypothetical or newer observations")
live only in the page's session state as a list of dicts {target_id, period, value, qualifier},
value in the target's data unit (bn_yuan for money); they are turned into metrics rows with
source_id "user" here, so the status rule treats them like any other observation of the lowest
reliability: where a published figure exists for the same year, the published one counts.

Which targets a filter shows: a cluster's target follows the cluster, category and tier filters
(and, for a city's target, the city and region filters); a group target (all 20, the 10 pillar or
the 10 emerging clusters, the province) stays visible under cluster and tier filters because it
covers several clusters, and is hidden only when the category filter excludes its group.
"""

from __future__ import annotations

import csv
import io
import math
import re
from dataclasses import dataclass, field
from typing import Any, SupportsFloat, cast

import pandas as pd

from gdclusters import growth
from gdclusters.analysis import city_mask, cluster_mask
from gdclusters.dataset import Dataset
from gdclusters.domain import OPEN_STATUSES, STANDARD_DEFINITION, user_qualifiers
from gdclusters.i18n import chart_value, column_labels, format_value, plain_number, t, unit_label
from gdclusters.sourcing import source_labels
from gdclusters.state import Filters
from gdclusters.tiers import name_column

SESSION_KEY = "targets_user_observations"
USER_SOURCE = "user"
MAX_USER_ROWS = 50
MAX_UPLOAD_BYTES = 100 * 1024
YEAR_RANGE = (2000, 2100)
VALUE_LIMIT = 1e7
UPLOAD_COLUMNS = ("target_id", "period", "value", "qualifier")
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

_YEAR = re.compile(r"^\d{4}$")
# Share of a year a part-year period covers, to place its point just after the year's tick.
_PART_YEAR_MONTHS = {"H1": 6, "H2": 12, "Q1": 3, "Q2": 6, "Q3": 9, "Q4": 12, "Q1-Q2": 6, "Q1-Q3": 9, "Q1-Q4": 12}


def status_label(status: str, lang: str) -> str:
    """The status in the reader's language."""
    return t(f"status.{status}", lang)


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


def user_metric_rows(targets: pd.DataFrame, user_rows: list[dict]) -> pd.DataFrame:
    """User figures as metrics rows (source_id 'user') of their target's scope, metric and city."""
    by_id = targets.set_index("target_id")
    rows = []
    for row in user_rows:
        if row.get("target_id") not in by_id.index:
            continue
        target = by_id.loc[row["target_id"]]
        # A hypothetical figure is taken to share the target's definition: the user enters it for that target.
        rows.append(
            dict(
                scope=target["scope"],
                metric=target["metric"],
                period=str(row["period"]),
                value=float(row["value"]),
                unit=target["unit"],
                qualifier=row.get("qualifier", "exact"),
                adcode=target["adcode"],
                definition=target.get("definition", ""),
                source_id=USER_SOURCE,
                quote="",
                note="",
            )
        )
    return pd.DataFrame(
        rows,
        columns=[
            "scope",
            "metric",
            "period",
            "value",
            "unit",
            "qualifier",
            "adcode",
            "definition",
            "source_id",
            "quote",
            "note",
        ],
    )


def amended_metrics(ds: Dataset, user_rows: list[dict]) -> pd.DataFrame:
    """The published metrics plus the user's figures."""
    extra = user_metric_rows(ds.targets, user_rows)
    return pd.concat([ds.metrics, extra], ignore_index=True) if not extra.empty else ds.metrics


def scope_name(ds: Dataset, scope: str, adcode: str, lang: str) -> str:
    """A scope's name (cluster or group), with the city for one city's part."""
    names = {
        **dict(zip(ds.scopes["scope"], ds.scopes[name_column(lang)], strict=True)),
        **dict(zip(ds.clusters["cluster_id"], ds.clusters[name_column(lang)], strict=True)),
    }
    name = names.get(scope, scope)
    if adcode:
        city = dict(zip(ds.cities["adcode"], ds.cities[name_column(lang)], strict=True)).get(adcode, adcode)
        return t("targets.city_part", lang, scope=name, city=city)
    return name


def metric_label(ds: Dataset, metric: str, lang: str) -> str:
    """A metric's label in lang."""
    row = ds.metric_definitions[ds.metric_definitions["metric"] == metric]
    return metric if row.empty else str(row.iloc[0]["label_zh" if lang == "zh" else "label_en"])


def _present(value: object) -> bool:
    """True for a value that is not None, NaN or pandas NA."""
    return value is not None and not pd.isna(value)


def target_text(target: pd.Series, lang: str) -> str:
    """What the target asks for: a level by a year, a growth rate to a year, or 'qualitative'."""
    if bool(target["qualitative"]):
        return t("targets.qualitative_target", lang)
    comparator = t(f"targets.comparator_{target['comparator']}", lang)
    year = int(target["target_year"])
    parts = []
    if target["comparator"] == "between" and _present(target.get("target_value_max")):
        parts.append(
            t(
                "targets.range_target",
                lang,
                year=year,
                low=format_value(float(target["target_value"]), target["unit"], lang),
                high=format_value(float(target["target_value_max"]), target["unit"], lang),
            )
        )
    elif target["comparator"] == "size_class" and _present(target["target_value"]):
        parts.append(
            t(
                "targets.class_target",
                lang,
                year=year,
                value=format_value(float(target["target_value"]), target["unit"], lang, "size_class"),
            )
        )
    elif _present(target["target_value"]):
        parts.append(
            t(
                "targets.level_target",
                lang,
                comparator=comparator,
                year=year,
                value=format_value(float(target["target_value"]), target["unit"], lang),
            )
        )
    if _present(target["target_annual_growth_pct"]):
        parts.append(
            t(
                "targets.growth_target",
                lang,
                comparator=comparator,
                year=year,
                rate=plain_number(float(target["target_annual_growth_pct"]), 2),
            )
        )
    return "; ".join(parts)


def baseline_text(target: pd.Series, lang: str) -> str:
    """The plan's baseline with its period, or '' when the plan states none."""
    if not _present(target["baseline_value"]) or not target["baseline_period"]:
        return ""
    return t(
        "targets.value_period",
        lang,
        value=format_value(float(target["baseline_value"]), target["unit"], lang),
        period=target["baseline_period"],
    )


def _rounded(value: object) -> float | None:
    """A growth rate rounded to one decimal, None when undefined."""
    if not _present(value) or (isinstance(value, float) and math.isnan(value)):
        return None
    return round(float(cast(SupportsFloat, value)), 1)


def status_text(status: str, indicative: bool, lang: str) -> str:
    """The status in words, marked when the comparability rule makes it only indicative."""
    label = status_label(status, lang)
    return t("targets.indicative_status", lang, status=label) if indicative else label


def keep_status(statuses: pd.Series, wanted: str | None) -> pd.Series:
    """Mask of the statuses a register filter keeps (a status, or 'open' for every unsettled one)."""
    if not wanted:
        return pd.Series(True, index=statuses.index)
    return statuses.isin(OPEN_STATUSES) if wanted == "open" else statuses.eq(wanted)


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
    """
    targets = visible_targets(ds, filters)
    if not history:
        targets = targets[growth.in_force(targets)]
    if year is not None:
        targets = targets[targets["target_year"].astype(int) == year]
    evaluated = growth.register(targets, amended_metrics(ds, user_rows), ds.sources)
    if not evaluated.empty:
        evaluated = evaluated[keep_status(evaluated["status"], status)]
    if evaluated.empty:
        return pd.DataFrame(columns=[*REGISTER_COLUMNS, "status_code"])
    plans = dict(zip(ds.targets["target_id"], ds.targets["plan"], strict=True))
    years = dict(zip(ds.targets["target_id"], ds.targets["target_year"], strict=True))
    labels = source_labels(ds.sources)
    reliability = dict(zip(ds.sources["source_id"], ds.sources["reliability"], strict=True))
    rows = []
    for _, row in evaluated.iterrows():
        latest_source = row["latest_source_id"]
        has_latest = _present(row["latest_value"])
        rows.append(
            {
                "target_id": row["target_id"],
                "scope_name": scope_name(ds, row["scope"], row["adcode"], lang),
                "metric_label": metric_label(ds, row["metric"], lang),
                "plan": row["plan"],
                "baseline": baseline_text(row, lang),
                "target": target_text(row, lang),
                "latest_value": (
                    format_value(float(row["latest_value"]), row["unit"], lang, row["latest_qualifier"] or "exact")
                    if has_latest
                    else ""
                ),
                "latest_period": row["latest_period"] if has_latest else "",
                "latest_source": (
                    (
                        t("targets.user_source", lang)
                        if latest_source == USER_SOURCE
                        else labels.get(latest_source, latest_source)
                    )
                    if has_latest
                    else ""
                ),
                "required_growth_pct": _rounded(row["rate_pct"]),
                "achieved_growth_pct": _rounded(row["achieved_pct"]),
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
            }
        )
    return pd.DataFrame(rows, columns=[*REGISTER_COLUMNS, "status_code"])


def comparability_text(row: pd.Series | dict, labels: dict[str, str], lang: str) -> str:
    """The comparability rule's reason for an evaluated row, in words ('' when the status needs none)."""
    if not isinstance(row.get("reason"), str) or not row["reason"]:
        return ""
    return t(
        f"growth.reason_{row['reason']}",
        lang,
        start=labels.get(row.get("start_source_id") or "", ""),
        latest=labels.get(row.get("latest_source_id") or "", ""),
    )


def register_export(register: pd.DataFrame, user_rows: list[dict], lang: str) -> pd.DataFrame:
    """The register with headers in lang, plus a column saying whether a user figure is applied, for CSV."""
    out = register[list(REGISTER_COLUMNS)].rename(columns=column_labels("targets", REGISTER_COLUMNS, lang))
    out[t("targets.col_user_figures", lang)] = [
        sum(1 for row in user_rows if row.get("target_id") == target_id) for target_id in register["target_id"]
    ]
    return out


def target_options(ds: Dataset, filters: Filters, lang: str) -> dict[str, str]:
    """Selectable targets (id -> label) for the filters, the headline first when it is shown."""
    targets = visible_targets(ds, filters)
    headline = headline_target_id(targets)
    ordered = sorted(targets.itertuples(), key=lambda row: (row.target_id != headline, bool(row.qualitative)))
    return {
        row.target_id: t(
            "targets.option",
            lang,
            scope=scope_name(ds, row.scope, row.adcode, lang),
            metric=metric_label(ds, row.metric, lang),
            year=int(row.target_year),
            plan=row.plan,
        )
        for row in ordered
    }


def period_position(period: str) -> float:
    """Where a period sits on a year axis: a year at its tick, a part-year just after it."""
    text = str(period)
    year = int(text[:4])
    return float(year) + _PART_YEAR_MONTHS.get(text[4:], 0) / 24


@dataclass
class TargetChartData:
    """Everything the target-path chart draws for one target, values in chart units."""

    target_id: str
    title: str
    status: str
    status_label: str
    unit: str
    unit_label: str
    qualitative: bool
    quote: str
    path: pd.DataFrame
    observations: pd.DataFrame
    goal_value: float | None
    goal_label: str
    path_label: str
    has_part_year: bool
    required_pct: float | None = None
    achieved_pct: float | None = None
    latest_text: str = ""
    source_ids: list[str] = field(default_factory=list)
    period: str = ""
    indicative: bool = False
    comparability: str = ""
    excluded: pd.DataFrame = field(default_factory=pd.DataFrame)
    history: pd.DataFrame = field(default_factory=pd.DataFrame)

    @property
    def drawable(self) -> bool:
        """True when there is a path or at least one figure to draw."""
        return not self.qualitative and not (self.path.empty and self.observations.empty)


def observation_frame(target: pd.Series, observations: pd.DataFrame, labels: dict[str, str], lang: str) -> pd.DataFrame:
    """Observations with their kind: counted full-year, user, part-year or a less reliable duplicate."""
    columns = [
        "period",
        "position",
        "value",
        "value_text",
        "kind",
        "kind_label",
        "solid",
        "source",
        "reliability",
        "qualifier",
    ]
    if observations.empty:
        return pd.DataFrame(columns=columns)
    rows = []
    seen_years: set[str] = set()
    for _, obs in observations.iterrows():
        period = str(obs["period"])
        if not growth.is_full_year(period):
            kind = "part_year"
        elif period in seen_years:
            kind = "superseded"
        else:
            kind = "user" if obs["source_id"] == USER_SOURCE else "full_year"
            seen_years.add(period)
        rows.append(
            {
                "period": period,
                "position": period_position(period),
                "value": chart_value(float(obs["value"]), target["unit"], lang),
                "value_text": format_value(float(obs["value"]), target["unit"], lang, obs["qualifier"] or "exact"),
                "kind": kind,
                "kind_label": t(f"charts.obs_{kind}", lang),
                "solid": kind in ("full_year", "user"),
                "source": (
                    t("targets.user_source", lang)
                    if obs["source_id"] == USER_SOURCE
                    else labels.get(obs["source_id"], obs["source_id"])
                ),
                "reliability": obs["reliability"],
                "qualifier": obs["qualifier"],
            }
        )
    # Hollow points first, so a counted figure is drawn on top of a same-year duplicate.
    return pd.DataFrame(rows, columns=columns).sort_values("solid", kind="stable").reset_index(drop=True)


def target_chart_data(ds: Dataset, target_id: str, lang: str, user_rows: list[dict]) -> TargetChartData:
    """Path, observations and goal of one target, with its status under the rule, for the chart."""
    target = ds.targets[ds.targets["target_id"] == target_id].iloc[0]
    observed = growth.with_reliability(amended_metrics(ds, user_rows), ds.sources)
    observations = growth.observations_for(target, observed)
    result = growth.evaluate(target, growth.same_measure(target, observed).sort_values("period"))
    path = growth.target_path(target, result)
    labels = source_labels(ds.sources)
    unit = target["unit"]
    title = t(
        "charts.target_title",
        lang,
        scope=scope_name(ds, target["scope"], target["adcode"], lang),
        metric=metric_label(ds, target["metric"], lang),
        status=status_label(result.status, lang),
    )
    goal_value, goal_label = None, ""
    target_year = int(target["target_year"])
    if _present(target["target_value"]):
        goal_value = float(target["target_value"])
        goal_label = t("charts.goal_level", lang, target=target_text(target, lang))
    elif not path.empty:
        goal_value = float(path["value"].iloc[-1])
        goal_label = t("charts.goal_path_end", lang, year=target_year, value=rounded_value_text(goal_value, unit, lang))
    path_label = ""
    if result.rate_pct is not None and result.start_year is not None:
        key = "charts.path_from_baseline" if result.start_is_baseline else "charts.path_from_first"
        path_label = t(key, lang, rate=plain_number(result.rate_pct, 1), year=result.start_year)
    frame = observation_frame(target, observations, labels, lang)
    path_chart = pd.DataFrame(
        {"year": path["year"].astype(int), "value": [chart_value(float(v), unit, lang) for v in path["value"]]}
    )
    sources = [target["source_id"], *[s for s in observations["source_id"] if s != USER_SOURCE]]
    years = [int(str(p)[:4]) for p in observations["period"]] + list(path["year"]) + [target_year]
    return TargetChartData(
        target_id=target_id,
        title=title,
        status=result.status,
        status_label=status_label(result.status, lang),
        unit=unit,
        unit_label=unit_label(unit, lang),
        qualitative=bool(target["qualitative"]),
        quote=target["quote"],
        path=path_chart,
        observations=frame,
        goal_value=chart_value(goal_value, unit, lang) if goal_value is not None else None,
        goal_label=goal_label,
        path_label=path_label,
        has_part_year=bool((frame["kind"] == "part_year").any()),
        required_pct=_rounded(result.rate_pct),
        achieved_pct=_rounded(result.achieved_pct),
        latest_text=(
            t(
                "targets.value_period",
                lang,
                period=result.latest_period,
                value=format_value(result.latest_value, unit, lang, result.latest_qualifier or "exact"),
            )
            if result.latest_value is not None
            else ""
        ),
        source_ids=list(dict.fromkeys(sources)),
        period=f"{min(years)}–{max(years)}",
        indicative=result.indicative,
        comparability=comparability_text(result.__dict__, labels, lang),
        excluded=excluded_frame(target, observed, labels, lang),
        history=history_frame(ds, target_id, lang),
    )


def excluded_frame(target: pd.Series, observed: pd.DataFrame, labels: dict[str, str], lang: str) -> pd.DataFrame:
    """Figures of the target's scope, metric and city that the comparability rule keeps from scoring it."""
    rows = growth.not_comparable_for(target, observed)
    return pd.DataFrame(
        {
            t("targets.col_period", lang): rows["period"].astype(str),
            t("targets.col_value", lang): [
                format_value(float(v), target["unit"], lang, q or "exact")
                for v, q in zip(rows["value"], rows["qualifier"], strict=True)
            ],
            t("targets.col_definition", lang): [
                t(f"definition.{d or STANDARD_DEFINITION}", lang)
                for d in rows.get("definition", pd.Series("", index=rows.index))
            ],
            t("targets.col_reason", lang): [t(f"growth.excluded_{r}", lang) for r in rows["reason"]],
            t("targets.col_source", lang): [labels.get(s, s) for s in rows["source_id"]],
            t("targets.col_quote", lang): rows["quote"],
        }
    )


def history_frame(ds: Dataset, target_id: str, lang: str) -> pd.DataFrame:
    """The target's chain of plans, oldest first, with each target's text and status (one row: no history)."""
    chain = growth.history(ds.targets, target_id)
    rows = ds.targets.set_index("target_id").loc[chain].reset_index()
    evaluated = growth.register(rows, ds.metrics, ds.sources)
    labels = source_labels(ds.sources)
    return pd.DataFrame(
        {
            t("targets.col_plan", lang): evaluated["plan"],
            t("targets.col_target", lang): [target_text(row, lang) for _, row in evaluated.iterrows()],
            t("targets.col_status", lang): [
                status_text(s, bool(i), lang) for s, i in zip(evaluated["status"], evaluated["indicative"], strict=True)
            ],
            t("targets.col_in_force", lang): [
                t("targets.in_force", lang) if not row.get("superseded_by") else t("targets.superseded", lang)
                for _, row in evaluated.iterrows()
            ],
            t("targets.col_source", lang): [labels.get(s, s) for s in evaluated["source_id"]],
            t("targets.col_quote", lang): evaluated["quote"],
        }
    )


def rounded_value_text(value: float, unit: str, lang: str) -> str:
    """A computed value in words to three significant digits, marked 'about' when rounding changed it."""
    rounded = float(f"{value:.3g}")
    return format_value(rounded, unit, lang, "exact" if rounded == value else "about")


def display_to_data_value(value: float, unit: str, lang: str) -> float:
    """A number typed in the unit shown to the reader (亿元 in Chinese) converted to the data unit."""
    return value / chart_value(1.0, unit, lang)


def check_observation(period: object, value: object, qualifier: object, lang: str) -> str | None:
    """An error message for an invalid user figure, None when it is valid (the same rule for form and upload)."""
    text = str(period).strip() if period is not None else ""
    if not _YEAR.match(text) or not YEAR_RANGE[0] <= int(text) <= YEAR_RANGE[1]:
        return t("targets.error_period", lang, low=YEAR_RANGE[0], high=YEAR_RANGE[1])
    try:
        number = float(cast(Any, value))  # any input: what float() cannot read is caught here
    except (TypeError, ValueError):
        return t("targets.error_value", lang, limit=plain_number(VALUE_LIMIT, 0))
    if not math.isfinite(number) or not 0 < number < VALUE_LIMIT:
        return t("targets.error_value", lang, limit=plain_number(VALUE_LIMIT, 0))
    if qualifier not in user_qualifiers():
        return t("targets.error_qualifier", lang, allowed=", ".join(user_qualifiers()))
    return None


def add_observation(
    user_rows: list[dict],
    targets: pd.DataFrame,
    target_id: str,
    period: object,
    value: object,
    qualifier: object,
    lang: str,
    display_unit: bool = True,
) -> tuple[list[dict], str | None]:
    """The user rows with one figure added, or the rows unchanged and an error message.

    value is in the unit shown to the reader (亿元 in Chinese) when display_unit, else in the data
    unit. A figure for a (target, year) the user already entered replaces the earlier one.
    """
    match = targets[targets["target_id"] == target_id]
    if match.empty or bool(match.iloc[0]["qualitative"]):
        return user_rows, t("targets.error_target", lang)
    error = check_observation(period, value, qualifier, lang)
    if error:
        return user_rows, error
    period_text = str(period).strip()
    kept = [row for row in user_rows if (row["target_id"], row["period"]) != (target_id, period_text)]
    if len(kept) >= MAX_USER_ROWS:
        return user_rows, t("targets.error_full", lang, limit=MAX_USER_ROWS)
    unit = match.iloc[0]["unit"]
    number = float(cast(SupportsFloat | str, value))  # check_observation has read it as a number
    stored = display_to_data_value(number, unit, lang) if display_unit else number
    return [*kept, {"target_id": target_id, "period": period_text, "value": stored, "qualifier": qualifier}], None


def parse_upload(raw: bytes, user_rows: list[dict], targets: pd.DataFrame, lang: str) -> tuple[list[dict], list[str]]:
    """User rows with the figures of an uploaded CSV (target_id,period,value,qualifier; value in the data unit).

    Returns the new rows and one error message per rejected line; nothing is added when the file
    itself is unusable.
    """
    if len(raw) > MAX_UPLOAD_BYTES:
        return user_rows, [t("targets.error_upload_size", lang, limit=MAX_UPLOAD_BYTES // 1024)]
    try:
        text = raw.decode("utf-8-sig")
        reader = csv.DictReader(io.StringIO(text, newline=""), strict=True)
        header = [h.strip() for h in (reader.fieldnames or [])]
        lines = list(reader)
    except (UnicodeDecodeError, csv.Error):
        return user_rows, [t("targets.error_upload_format", lang, columns=",".join(UPLOAD_COLUMNS))]
    if sorted(header) != sorted(UPLOAD_COLUMNS):
        return user_rows, [t("targets.error_upload_format", lang, columns=",".join(UPLOAD_COLUMNS))]
    rows, errors = list(user_rows), []
    for number, line in enumerate(lines, start=2):
        cells = {key.strip(): (value or "").strip() for key, value in line.items() if key}
        qualifier = cells["qualifier"] or "exact"
        rows, error = add_observation(
            rows, targets, cells["target_id"], cells["period"], cells["value"], qualifier, lang, display_unit=False
        )
        if error:
            errors.append(t("targets.error_upload_line", lang, line=number, error=error))
    return rows, errors


def user_rows_table(ds: Dataset, user_rows: list[dict], lang: str) -> pd.DataFrame:
    """The user's figures for display: target, period, value in words, marked as user figures."""
    by_id = ds.targets.set_index("target_id")
    rows = []
    for row in user_rows:
        if row["target_id"] not in by_id.index:
            continue
        target = by_id.loc[row["target_id"]]
        rows.append(
            {
                t("targets.col_scope_name", lang): scope_name(ds, target["scope"], target["adcode"], lang),
                t("targets.col_metric_label", lang): metric_label(ds, target["metric"], lang),
                t("targets.col_period", lang): row["period"],
                t("targets.col_value", lang): format_value(float(row["value"]), target["unit"], lang, row["qualifier"]),
                t("targets.col_origin", lang): t("targets.user_source", lang),
            }
        )
    return pd.DataFrame(rows)


def chart_table(data: TargetChartData) -> pd.DataFrame:
    """The numbers behind the target chart (path rows, then figures), in chart units, for CSV export."""
    path = data.path.assign(period=data.path["year"].astype(str), kind="path", value_text="", source="", reliability="")
    figures = data.observations[["period", "value", "kind", "value_text", "source", "reliability"]]
    out = pd.concat(
        [path[["period", "value", "kind", "value_text", "source", "reliability"]], figures], ignore_index=True
    )
    return out.assign(unit=data.unit_label, target_id=data.target_id)


def growth_text(rate_pct: float | None, lang: str) -> str:
    """An annual growth rate in words ('10% a year'), or a dash when undefined."""
    if rate_pct is None or (isinstance(rate_pct, float) and math.isnan(rate_pct)):
        return t("targets.not_available", lang)
    return t("targets.pct_a_year", lang, rate=plain_number(rate_pct, 1))


def register_source_ids(ds: Dataset, register: pd.DataFrame) -> list[str]:
    """The source ids of the targets listed in a register, for its caption."""
    listed = ds.targets[ds.targets["target_id"].isin(register["target_id"])]
    return list(dict.fromkeys(listed["source_id"]))


def user_row_text(ds: Dataset, row: dict, lang: str) -> str:
    """One user figure in words, in its target's unit ('nearly 1.6 trillion yuan')."""
    target = ds.targets[ds.targets["target_id"] == row["target_id"]]
    unit = target.iloc[0]["unit"] if not target.empty else ""
    return format_value(float(row["value"]), unit, lang, row["qualifier"])
