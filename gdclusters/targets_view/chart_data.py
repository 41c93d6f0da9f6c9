"""One target's chart: its path, observations, goal and status under the rule, history and excluded figures."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from gdclusters import growth, periods
from gdclusters.analysis import memoised_per_args
from gdclusters.dataset import Dataset
from gdclusters.domain import STANDARD_DEFINITION
from gdclusters.i18n import chart_value, format_value, localised, plain_number, t, unit_label
from gdclusters.sourcing import published_dates, source_labels
from gdclusters.targets_view.register import published_register
from gdclusters.targets_view.user_figures import (
    UserRowsKey,
    amended_metrics,
    user_rows_from_key,
    user_rows_key,
)
from gdclusters.targets_view.wording import (
    USER_SOURCE,
    comparability_text,
    is_present,
    metric_label,
    rounded_rate,
    rounded_value_text,
    scope_name,
    source_name,
    status_label,
    status_text,
    target_text,
)


@dataclass(frozen=True, eq=False)
class TargetChartData:
    """Everything the target-path chart draws for one target, values in chart units.

    Shared between reruns and sessions (target_chart_data is memoised): read it, never change it or its frames.
    """

    target_id: str
    # "<scope> · <metric>", and the same followed by the status (the chart's title).
    subject: str
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
    source_ids: tuple[str, ...] = ()
    period: str = ""
    indicative: bool = False
    comparability: str = ""
    excluded: pd.DataFrame = field(default_factory=pd.DataFrame)
    history: pd.DataFrame = field(default_factory=pd.DataFrame)

    @property
    def drawable(self) -> bool:
        """True when there is a path or at least one figure to draw."""
        return not self.qualitative and not (self.path.empty and self.observations.empty)


def observation_frame(
    target: pd.Series, observations: pd.DataFrame, labels: dict[str, str], lang: str, published: dict[str, str]
) -> pd.DataFrame:
    """Observations with their kind: counted full-year, user, part-year or a less reliable duplicate, and where each
    period's year comes from (period_basis_id, published: a reader's own figure has none)."""
    columns = [
        "period",
        "period_basis_id",
        "published",
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
        if not periods.is_full_year(period):
            kind = "part_year"
        elif period in seen_years:
            kind = "superseded"
        else:
            kind = "user" if obs["source_id"] == USER_SOURCE else "full_year"
            seen_years.add(period)
        rows.append(
            {
                "period": period,
                "period_basis_id": obs["period_basis"] if isinstance(obs.get("period_basis"), str) else "",
                "published": published.get(obs["source_id"], ""),
                "position": periods.position(period),
                "value": chart_value(float(obs["value"]), target["unit"], lang),
                "value_text": format_value(float(obs["value"]), target["unit"], lang, obs["qualifier"] or "exact"),
                "kind": kind,
                "kind_label": t(f"charts.obs_{kind}", lang),
                "solid": kind in ("full_year", "user"),
                "source": source_name(obs["source_id"], labels, lang),
                "reliability": obs["reliability"],
                "qualifier": obs["qualifier"],
            }
        )
    # Hollow points first, so a counted figure is drawn on top of a same-year duplicate.
    return pd.DataFrame(rows, columns=columns).sort_values("solid", kind="stable").reset_index(drop=True)


def target_chart_data(ds: Dataset, target_id: str, lang: str, user_rows: list[dict]) -> TargetChartData:
    """Path, observations and goal of one target, with its status under the rule, for the chart.

    Memoised per dataset, target, language and user figures (their values are part of the key): the value
    is shared, so read it, never change it.
    """
    key = user_rows_key(user_rows)
    if key is None:  # a figure that is not hashable cannot be a memo key: computed for this call alone
        return _target_chart_data(ds, target_id, lang, list(user_rows))
    return _memoised_target_chart_data(ds, target_id, lang, key)


@memoised_per_args
def _memoised_target_chart_data(ds: Dataset, target_id: str, lang: str, rows: UserRowsKey) -> TargetChartData:
    """target_chart_data for the user figures a user_rows_key value stands for (one shared object per key)."""
    return _target_chart_data(ds, target_id, lang, user_rows_from_key(rows))


def latest_text(ds: Dataset, result: growth.Evaluation, unit: str, lang: str) -> str:
    """The latest figure and its period ('5.2% (2023)'), with where the period's year comes from when the quote
    does not state it ('over 2.5 trillion yuan (2025, our reading of the source)'); '' without a latest figure."""
    if result.latest_value is None:
        return ""
    return t(
        "targets.value_period",
        lang,
        value=format_value(result.latest_value, unit, lang, result.latest_qualifier or "exact"),
        period=latest_period_text(ds, result, lang),
    )


def latest_period_text(ds: Dataset, result: growth.Evaluation, lang: str) -> str:
    """The latest figure's period in words, with where its year comes from unless the quote states it."""
    if result.latest_period is None:
        return ""
    published = published_dates(ds.sources).get(result.latest_source_id or "", "")
    return periods.with_basis_inline(result.latest_period, result.latest_period_basis or "quote", published, lang)


def _target_chart_data(ds: Dataset, target_id: str, lang: str, user_rows: list[dict]) -> TargetChartData:
    """target_chart_data, computed."""
    target = ds.targets[ds.targets["target_id"] == target_id].iloc[0]
    observed = growth.with_reliability(amended_metrics(ds, user_rows), ds.sources)
    observations = growth.observations_for(target, observed)
    result = growth.evaluate(target, growth.same_measure(target, observed).sort_values("period"))
    path = growth.target_path(target, result)
    labels = source_labels(ds.sources, lang)
    unit = target["unit"]
    subject = t(
        "charts.target_subject",
        lang,
        scope=scope_name(ds, target["scope"], target["adcode"], lang),
        metric=metric_label(ds, target["metric"], lang),
    )
    # The chart's title carries the status as the page states it, "(indicative)" included: an exported chart
    # must not read as a firmer verdict than the screen gives.
    title = t("charts.target_title", lang, subject=subject, status=status_text(result.status, result.indicative, lang))
    goal_value, goal_label = None, ""
    target_year = int(target["target_year"])
    if is_present(target["target_value"]):
        goal_value = float(target["target_value"])
        goal_label = t("charts.goal_level", lang, target=target_text(target, lang))
    elif not path.empty:
        goal_value = float(path["value"].iloc[-1])
        goal_label = t("charts.goal_path_end", lang, year=target_year, value=rounded_value_text(goal_value, unit, lang))
    path_label = ""
    if result.rate_pct is not None and result.start_year is not None:
        key = "charts.path_from_baseline" if result.start_is_baseline else "charts.path_from_first"
        path_label = t(key, lang, rate=plain_number(result.rate_pct, 1), year=result.start_year)
    frame = observation_frame(target, observations, labels, lang, published_dates(ds.sources))
    path_chart = pd.DataFrame(
        {"year": path["year"].astype(int), "value": [chart_value(float(v), unit, lang) for v in path["value"]]}
    )
    sources = [target["source_id"], *[s for s in observations["source_id"] if s != USER_SOURCE]]
    years = [int(str(p)[:4]) for p in observations["period"]] + list(path["year"]) + [target_year]
    return TargetChartData(
        target_id=target_id,
        subject=subject,
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
        required_pct=rounded_rate(result.rate_pct),
        achieved_pct=rounded_rate(result.achieved_pct),
        latest_text=latest_text(ds, result, unit, lang),
        source_ids=tuple(dict.fromkeys(sources)),
        period=f"{min(years)}–{max(years)}",
        indicative=result.indicative,
        comparability=comparability_text(result.__dict__, labels, lang),
        excluded=excluded_frame(target, observed, labels, lang, published_dates(ds.sources)),
        history=history_frame(ds, target_id, lang),
    )


def excluded_frame(
    target: pd.Series, observed: pd.DataFrame, labels: dict[str, str], lang: str, published: dict[str, str]
) -> pd.DataFrame:
    """Figures of the target's scope, metric and city that the comparability rule keeps from scoring it."""
    rows = growth.not_comparable_for(target, observed)
    bases = rows.get("period_basis", pd.Series("", index=rows.index)).fillna("")
    return pd.DataFrame(
        {
            t("targets.col_period", lang): rows["period"].astype(str),
            t("targets.col_latest_period_basis", lang): periods.basis_texts(bases, rows["source_id"], published, lang),
            t("targets.col_value", lang): [
                format_value(float(v), target["unit"], lang, q or "exact")
                for v, q in zip(rows["value"], rows["qualifier"], strict=True)
            ],
            t("targets.col_definition", lang): [
                t(f"definition.{d or STANDARD_DEFINITION}", lang)
                for d in rows.get("definition", pd.Series("", index=rows.index))
            ],
            t("targets.col_reason", lang): [t(f"growth.excluded_{r}", lang) for r in rows["reason"]],
            t("targets.col_source", lang): [source_name(s, labels, lang) for s in rows["source_id"]],
            t("targets.col_quote", lang): rows["quote"],
        }
    )


def history_frame(ds: Dataset, target_id: str, lang: str) -> pd.DataFrame:
    """The target's chain of plans, oldest first, with each target's text and status (one row: no history)."""
    chain = growth.history(ds.targets, target_id)
    evaluated = published_register(ds).set_index("target_id").loc[chain].reset_index()
    labels = source_labels(ds.sources, lang)
    return pd.DataFrame(
        {
            t("targets.col_plan", lang): localised(evaluated, "plan", lang),
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


def chart_table(data: TargetChartData) -> pd.DataFrame:
    """The numbers behind the target chart (path rows, then figures), in chart units, for CSV export."""
    path = data.path.assign(period=data.path["year"].astype(str), kind="path", value_text="", source="", reliability="")
    figures = data.observations[["period", "value", "kind", "value_text", "source", "reliability"]]
    out = pd.concat(
        [path[["period", "value", "kind", "value_text", "source", "reliability"]], figures], ignore_index=True
    )
    return out.assign(unit=data.unit_label, target_id=data.target_id)
