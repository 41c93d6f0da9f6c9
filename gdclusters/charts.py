"""Altair charts of the Revenue tiers and Growth targets pages.

Each builder takes the frame a gdclusters.tiers, gdclusters.scorecard or gdclusters.targets_view function
returns, plus the language, and returns a chart; nothing here reads files or Streamlit state. Values arrive in
chart units (billion yuan in English, 亿元 in Chinese, see gdclusters.i18n.chart_value). The pages draw the
*_view functions at the end: the same builders applied to those functions' output, memoised per dataset and
arguments, so every rerun and session draws one shared chart object (converted to Vega-Lite once, ui.vega).
"""

from __future__ import annotations

from typing import cast

import altair as alt
import pandas as pd

from gdclusters import scorecard, targets_view, tiers
from gdclusters.analysis import memoised_per_args
from gdclusters.dataset import Dataset
from gdclusters.i18n import t, unit_label
from gdclusters.state import Filters
from gdclusters.targets_view import TargetChartData, UserRowsKey
from gdclusters.tiers import MONEY_UNIT, cluster_order, tier_thresholds

CATEGORY_COLOURS = {"pillar": "#1f5f99", "emerging": "#e07b00"}
RULE_COLOUR = "#555555"
PATH_COLOUR = "#6b6b6b"
GOAL_COLOUR = "#b22222"
SOLID_KINDS = ("full_year", "user")
HOLLOW_FILL = "#ffffff"
OBSERVATION_COLOURS = {"full_year": "#1f5f99", "user": "#8e44ad", "part_year": "#1f5f99", "superseded": "#9a9a9a"}
CHART_WIDTH = "container"
LABEL_LIMIT = 260
BAR_STEP = 24
# Streamlit fits the whole chart (titles and legends included) into this height.
TARGET_CHART_HEIGHT = 520
# Height of one figure's lane inside a cluster's row on the revenue chart.
REVENUE_LANE_STEP = 10


def _title(text: str, *subtitle: str) -> alt.TitleParams:
    """A left-aligned title with the non-empty subtitle lines."""
    lines = [line for line in subtitle if line]
    return alt.TitleParams(text=text, subtitle=lines or alt.Undefined, anchor="start")


def category_scale(lang: str) -> alt.Scale:
    """Fixed colours per category, so pillar and emerging look the same on every chart."""
    return alt.Scale(domain=[t(f"category.{c}", lang) for c in CATEGORY_COLOURS], range=list(CATEGORY_COLOURS.values()))


def category_colour(lang: str) -> alt.Color:
    """Colour by category_label with the fixed category colours and the category legend below the chart."""
    return alt.Color(
        "category_label:N",
        scale=category_scale(lang),
        title=t("charts.legend_category", lang),
        legend=alt.Legend(orient="bottom"),
    )


def _money_axis_title(lang: str) -> str:
    """The value-axis title naming the unit (billion yuan / 亿元)."""
    return t("charts.axis_money", lang, unit=unit_label(MONEY_UNIT, lang))


def tier_bar_chart(frame: pd.DataFrame, lang: str, filter_note: str = "") -> alt.LayerChart:
    """One bar per cluster up to the 2023 output floor it exceeds (log scale), coloured by category, tier rules.

    Bars run horizontally so the long cluster names stay readable.
    """
    thresholds = tier_thresholds(lang)
    # One decade below the lowest floor, so the lowest tier's bar is as long as the step between tiers.
    low = float(thresholds["tier_value"].min()) / 10
    high = float(thresholds["tier_value"].max()) * 2
    scale = alt.Scale(type="log", domain=[low, high], nice=False)
    order = cluster_order(frame)
    bars = (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            y=alt.Y("cluster:N", sort=order, title=None, axis=alt.Axis(labelLimit=LABEL_LIMIT)),
            x=alt.X("tier_value:Q", scale=scale, title=_money_axis_title(lang)),
            # A log scale has no zero: bars start at the low end of the domain instead.
            x2=alt.datum(low),
            color=category_colour(lang),
            tooltip=[
                alt.Tooltip("cluster:N", title=t("charts.tip_cluster", lang)),
                alt.Tooltip("category_label:N", title=t("charts.tip_category", lang)),
                alt.Tooltip("tier_label:N", title=t("charts.tip_tier", lang)),
                alt.Tooltip("source:N", title=t("charts.tip_source", lang)),
            ],
        )
    )
    rules = alt.Chart(thresholds).mark_rule(color=RULE_COLOUR, strokeDash=[4, 3]).encode(x="tier_value:Q")
    # Labels sit above the plot on two staggered lines, so neighbouring floors (500, 1000) never overlap.
    staggered = thresholds.assign(label_y=[-4 - 13 * (i % 2) for i in range(len(thresholds))])
    labels = (
        alt.Chart(staggered)
        .mark_text(align="center", baseline="bottom", color=RULE_COLOUR, fontSize=11)
        .encode(x="tier_value:Q", y=alt.Y("label_y:Q", scale=None), text="tier_label:N")
    )
    layered = cast(alt.LayerChart, alt.layer(bars, rules, labels))  # no facet encodings: never a FacetChart
    return layered.properties(
        width=CHART_WIDTH,
        height=alt.Step(BAR_STEP),
        title=_title(t("charts.tier_title", lang), t("charts.tier_subtitle", lang), filter_note),
    )


def tier_count_chart(counts: pd.DataFrame, lang: str, filter_note: str = "") -> alt.Chart:
    """Stacked bars: how many clusters of each category are in each 2023 output tier."""
    tier_order = list(dict.fromkeys(counts["tier_label"]))
    drawn = counts[counts["clusters"] > 0]
    return (
        alt.Chart(drawn)
        .mark_bar()
        .encode(
            x=alt.X(
                "tier_label:N",
                sort=tier_order,
                scale=alt.Scale(domain=tier_order),
                title=t("charts.axis_tier", lang),
                axis=alt.Axis(labelAngle=0, labelLimit=LABEL_LIMIT),
            ),
            y=alt.Y("clusters:Q", stack="zero", title=t("charts.axis_count", lang), axis=alt.Axis(tickMinStep=1)),
            color=alt.Color("category_label:N", scale=category_scale(lang), title=t("charts.legend_category", lang)),
            order=alt.Order("category:N", sort="descending"),
            tooltip=[
                alt.Tooltip("tier_label:N", title=t("charts.tip_tier", lang)),
                alt.Tooltip("category_label:N", title=t("charts.tip_category", lang)),
                alt.Tooltip("clusters:Q", title=t("charts.tip_count", lang)),
                alt.Tooltip("cluster_names:N", title=t("charts.tip_clusters", lang)),
            ],
        )
        .properties(
            width=CHART_WIDTH,
            height=300,
            title=_title(t("charts.count_title", lang), t("charts.count_subtitle", lang), filter_note),
        )
    )


def revenue_chart(figures: pd.DataFrame, lang: str, filter_note: str = "") -> alt.LayerChart:
    """Each published figure as a point: a row per cluster, colour = measure (never mixed), period labelled.

    Within a cluster's row every figure has its own lane (yOffset), in measure then period order, so
    points and their period labels never overlap.
    """
    drawn = figures[figures["charted"]]
    drawn = drawn.assign(lane=drawn.groupby("cluster_id").cumcount())
    order = cluster_order(drawn)
    low = max(float(drawn["value"].min()) / 2, 1e-3) if not drawn.empty else 1.0
    high = float(drawn["value"].max()) * 3 if not drawn.empty else 10.0
    base = alt.Chart(drawn).encode(
        y=alt.Y("cluster:N", sort=order, title=None, axis=alt.Axis(labelLimit=LABEL_LIMIT)),
        yOffset=alt.YOffset("lane:O"),
        x=alt.X("value:Q", scale=alt.Scale(type="log", domain=[low, high]), title=_money_axis_title(lang)),
    )
    tooltip = [
        alt.Tooltip("cluster:N", title=t("charts.tip_cluster", lang)),
        alt.Tooltip("measure:N", title=t("charts.tip_measure", lang)),
        alt.Tooltip("period:N", title=t("charts.tip_period", lang)),
        alt.Tooltip("value_text:N", title=t("charts.tip_value", lang)),
        alt.Tooltip("source:N", title=t("charts.tip_source", lang)),
        alt.Tooltip("reliability:N", title=t("charts.tip_reliability", lang)),
    ]
    points = base.mark_point(size=60, filled=True, opacity=0.9).encode(
        color=alt.Color(
            "measure:N",
            title=t("charts.legend_measure", lang),
            legend=alt.Legend(orient="bottom", columns=2, labelLimit=360, titleLimit=400),
        ),
        shape=alt.Shape(
            "period_kind_label:N",
            title=t("charts.legend_period_kind", lang),
            scale=alt.Scale(
                domain=[t("charts.full_year", lang), t("charts.part_year", lang)], range=["circle", "square"]
            ),
            # A second bottom legend would be cut off beside the long measure legend.
            legend=alt.Legend(orient="top", direction="horizontal", titleOrient="left"),
        ),
        tooltip=tooltip,
    )
    labels = base.mark_text(align="left", baseline="middle", dx=6, fontSize=9, color="#333333").encode(
        text="period:N", tooltip=tooltip
    )
    layered = cast(alt.LayerChart, alt.layer(points, labels))  # no facet encodings: never a FacetChart
    return layered.properties(
        width=CHART_WIDTH,
        height=alt.Step(REVENUE_LANE_STEP),
        title=_title(t("charts.revenue_title", lang), t("charts.revenue_subtitle", lang), filter_note),
    )


def target_path_chart(data: TargetChartData, lang: str) -> alt.LayerChart:
    """The target path (dashed) against the observations (solid: scored, hollow: not scored) and the goal."""
    axis_title = t("charts.axis_value", lang, unit=data.unit_label)
    years = [*data.path["year"].tolist(), *data.observations["position"].tolist()]
    x_scale = alt.Scale(domain=[min(years) - 0.5, max(years) + 0.5], nice=False)
    x = alt.X("year:Q", title=t("charts.axis_year", lang), scale=x_scale, axis=alt.Axis(format="d", tickMinStep=1))
    layers = []
    if not data.path.empty:
        path = data.path.assign(series=data.path_label)
        layers.append(
            alt.Chart(path)
            .mark_line(color=PATH_COLOUR)
            .encode(
                x=x,
                y=alt.Y("value:Q", title=axis_title),
                strokeDash=alt.StrokeDash(
                    "series:N",
                    title=t("charts.legend_path", lang),
                    scale=alt.Scale(domain=[data.path_label], range=[[6, 4]]),
                    legend=alt.Legend(orient="bottom", labelLimit=320),
                ),
                tooltip=[
                    alt.Tooltip("year:Q", title=t("charts.tip_year", lang), format="d"),
                    alt.Tooltip("value:Q", title=axis_title, format=",.1f"),
                ],
            )
        )
    observations = data.observations.rename(columns={"position": "year"})
    if not observations.empty:
        kinds = [k for k in OBSERVATION_COLOURS if k in set(observations["kind"])]
        domain = [t(f"charts.obs_{k}", lang) for k in kinds]
        legend = alt.Legend(orient="bottom", labelLimit=320, columns=2)
        title = t("charts.legend_observation", lang)
        tooltip = [
            alt.Tooltip("period:N", title=t("charts.tip_period", lang)),
            alt.Tooltip("value_text:N", title=t("charts.tip_value", lang)),
            alt.Tooltip("kind_label:N", title=t("charts.tip_kind", lang)),
            alt.Tooltip("source:N", title=t("charts.tip_source", lang)),
            alt.Tooltip("reliability:N", title=t("charts.tip_reliability", lang)),
        ]
        # Stroke and fill share one legend: solid kinds are filled, the others hollow (white fill).
        layers.append(
            alt.Chart(observations)
            .mark_point(size=110, filled=True, strokeWidth=2, opacity=1)
            .encode(
                x=x,
                y=alt.Y("value:Q", title=axis_title),
                stroke=alt.Stroke(
                    "kind_label:N",
                    title=title,
                    legend=legend,
                    scale=alt.Scale(domain=domain, range=[OBSERVATION_COLOURS[k] for k in kinds]),
                ),
                fill=alt.Fill(
                    "kind_label:N",
                    title=title,
                    legend=legend,
                    scale=alt.Scale(
                        domain=domain,
                        range=[OBSERVATION_COLOURS[k] if k in SOLID_KINDS else HOLLOW_FILL for k in kinds],
                    ),
                ),
                tooltip=tooltip,
            )
        )
    if data.goal_value is not None:
        goal = pd.DataFrame({"value": [data.goal_value], "label": [data.goal_label]})
        layers.append(alt.Chart(goal).mark_rule(color=GOAL_COLOUR, strokeWidth=1.5).encode(y="value:Q"))
        layers.append(
            alt.Chart(goal)
            .mark_text(align="left", baseline="bottom", dx=4, dy=-3, color=GOAL_COLOUR, fontSize=11)
            .encode(y="value:Q", x=alt.value(0), text="label:N")
        )
    subtitle = [t("charts.target_subtitle", lang)]
    if data.has_part_year:
        subtitle.append(t("charts.part_year_note", lang))
    layered = cast(alt.LayerChart, alt.layer(*layers))  # no facet encodings: never a FacetChart
    return layered.properties(width=CHART_WIDTH, height=TARGET_CHART_HEIGHT, title=_title(data.title, *subtitle))


STATUS_COLOURS = {
    "met": "#1a7f37",
    "ahead": "#2e8b57",
    "on_track": "#6a9fb5",
    "behind": "#d4a017",
    "missed": "#b22222",
    "too_early": "#9a9a9a",
    "no_data": "#9a9a9a",
    "not_comparable": "#9a9a9a",
    "qualitative": "#9a9a9a",
    "no_target": "#9a9a9a",
}
SCORECARD_CAP_PCT = 200.0


def scorecard_chart(frame: pd.DataFrame, lang: str, filter_note: str = "") -> alt.LayerChart:
    """A bullet chart: per row the latest comparable figure as a share of its target (bar), the target (100 %
    rule) and where the path says it should be (tick); bars past 200 % are cut at 200 and say so."""
    drawn = frame.assign(
        pct=frame["pct_of_goal"].astype("float64").clip(upper=SCORECARD_CAP_PCT),
        path=frame["path_pct"].astype("float64").clip(upper=SCORECARD_CAP_PCT),
        label=[_scorecard_label(row, lang) for _, row in frame.iterrows()],
        opacity=[0.45 if bool(i) else 1.0 for i in frame["indicative"]],
    )
    order = list(drawn["name"])
    statuses = [s for s in STATUS_COLOURS if s in set(drawn["status"])]
    y = alt.Y("name:N", sort=order, title=None, axis=alt.Axis(labelLimit=LABEL_LIMIT))
    x = alt.X("pct:Q", title=t("scorecard.axis_pct", lang), scale=alt.Scale(domain=[0, SCORECARD_CAP_PCT]))
    tooltip = [
        alt.Tooltip("name:N", title=t("scorecard.col_name", lang)),
        alt.Tooltip("target_text:N", title=t("scorecard.col_target", lang)),
        alt.Tooltip("latest_text:N", title=t("scorecard.col_latest", lang)),
        alt.Tooltip("latest_period:N", title=t("scorecard.col_year", lang)),
        alt.Tooltip("status_label:N", title=t("scorecard.col_status", lang)),
        alt.Tooltip("reason_text:N", title=t("scorecard.col_reason", lang)),
    ]
    band = alt.Chart(drawn).mark_bar(color="#eeeeee", size=16).encode(y=y, x=alt.datum(0), x2=alt.datum(100))
    bars = (
        alt.Chart(drawn[drawn["pct"].notna()])
        .mark_bar(size=10)
        .encode(
            y=y,
            x=x,
            opacity=alt.Opacity("opacity:Q", legend=None, scale=None),
            color=alt.Color(
                "status_label:N",
                title=t("scorecard.legend_status", lang),
                legend=alt.Legend(orient="bottom"),
                scale=alt.Scale(
                    domain=[t(f"status.{s}", lang) for s in statuses], range=[STATUS_COLOURS[s] for s in statuses]
                ),
            ),
            tooltip=tooltip,
        )
    )
    ticks = (
        alt.Chart(drawn[drawn["path"].notna()])
        .mark_tick(color="#222222", thickness=2, size=16)
        .encode(y=y, x="path:Q", tooltip=tooltip)
    )
    goal = alt.Chart(pd.DataFrame({"pct": [100.0]})).mark_rule(color=GOAL_COLOUR, strokeWidth=1.5).encode(x="pct:Q")
    text = (
        alt.Chart(drawn)
        .mark_text(align="left", dx=4, fontSize=10, color="#333333")
        .encode(
            y=y,
            x=alt.X("text_x:Q", scale=alt.Scale(domain=[0, SCORECARD_CAP_PCT])),
            text="label:N",
            tooltip=tooltip,
        )
        .transform_calculate(text_x="isValid(datum.pct) ? datum.pct : 0")
    )
    layered = cast(alt.LayerChart, alt.layer(band, bars, ticks, goal, text))  # no facet encodings: never a FacetChart
    return layered.properties(
        width=CHART_WIDTH,
        height=alt.Step(BAR_STEP),
        title=_title(t("scorecard.chart_title", lang), t("scorecard.chart_subtitle", lang), filter_note),
    )


def _scorecard_label(row: pd.Series, lang: str) -> str:
    """The text beside a bar: status and latest figure with its year."""
    status = row["status_label"] + (t("scorecard.indicative_mark", lang) if bool(row["indicative"]) else "")
    if row["latest_text"]:
        return t("scorecard.bar_label", lang, status=status, value=row["latest_text"], year=row["latest_period"])
    return status


# The pages' charts: built once per dataset and view arguments and shared by every rerun and session that
# draws them (analysis.memoised_per_args). Never change one in place: Altair's methods return changed copies.


@memoised_per_args
def tier_chart_view(ds: Dataset, filters: Filters, lang: str) -> alt.LayerChart:
    """The Revenue tiers page's tier bar chart (tiers.tier_frame under the filters, with the filter note)."""
    return tier_bar_chart(tiers.tier_frame(ds, filters, lang), lang, tiers.filter_note(ds, filters, lang))


@memoised_per_args
def tier_count_chart_view(ds: Dataset, filters: Filters, lang: str) -> alt.Chart:
    """The Revenue tiers page's count chart (tiers.tier_count_frame, with the filter note)."""
    return tier_count_chart(tiers.tier_count_frame(ds, filters, lang), lang, tiers.filter_note(ds, filters, lang))


@memoised_per_args
def revenue_chart_view(ds: Dataset, filters: Filters, lang: str) -> alt.LayerChart:
    """The Revenue tiers page's chart of published figures (tiers.revenue_figures, with the filter note)."""
    return revenue_chart(tiers.revenue_figures(ds, filters, lang), lang, tiers.filter_note(ds, filters, lang))


@memoised_per_args
def scorecard_chart_view(ds: Dataset, lang: str) -> alt.LayerChart:
    """The Growth targets page's 2025 scorecard bullet chart (scorecard.scorecard; no filter applies)."""
    return scorecard_chart(scorecard.scorecard(ds, lang), lang)


def target_path_chart_view(ds: Dataset, target_id: str, lang: str, user_rows: list[dict]) -> alt.LayerChart:
    """One target's path chart (targets_view.target_chart_data, the user's figures applied)."""
    key = targets_view.user_rows_key(user_rows)
    if key is None:  # a figure that is not hashable cannot be a memo key: built for this call alone
        return target_path_chart(targets_view.target_chart_data(ds, target_id, lang, user_rows), lang)
    return _target_path_chart_view(ds, target_id, lang, key)


@memoised_per_args
def _target_path_chart_view(ds: Dataset, target_id: str, lang: str, rows: UserRowsKey) -> alt.LayerChart:
    """target_path_chart_view for the user figures a user_rows_key value stands for."""
    data = targets_view.target_chart_data(ds, target_id, lang, targets_view.user_rows_from_key(rows))
    return target_path_chart(data, lang)
