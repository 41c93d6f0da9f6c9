"""Altair charts of the Revenue tiers and Growth targets pages.

Each builder takes the frame a gdclusters.tiers, gdclusters.scorecard or gdclusters.targets_view function
returns, plus the language, and returns a chart; nothing here reads files or Streamlit state. Values arrive in
chart units (billion yuan in English, 亿元 in Chinese, see gdclusters.i18n.chart_value). The pages draw the
*_view functions at the end: the same builders applied to those functions' output, memoised per dataset and
arguments, so every rerun and session draws one shared chart object (converted to Vega-Lite once, ui.vega).
"""

from __future__ import annotations

import math
from typing import Any, cast

import altair as alt
import pandas as pd

from gdclusters import periods, scorecard, targets_view, tiers
from gdclusters.analysis import memoised_per_args
from gdclusters.dataset import Dataset
from gdclusters.domain import CATEGORY_ORDER, TIER_ORDER
from gdclusters.export.images import wrap_line
from gdclusters.i18n import plain_number, t, unit_label
from gdclusters.state import Filters
from gdclusters.targets_view import TargetChartData, UserRowsKey
from gdclusters.tiers import MONEY_UNIT, series_points, short_value, tier_thresholds

CATEGORY_COLOURS = {"pillar": "#1f5f99", "emerging": "#e07b00"}
# Categories differ by shape as well as colour (colour is never the only carrier of meaning).
CATEGORY_SHAPES = {"pillar": "circle", "emerging": "diamond"}
RULE_COLOUR = "#555555"
PATH_COLOUR = "#6b6b6b"
GOAL_COLOUR = "#b22222"
TEXT_COLOUR = "#333333"
BAND_COLOUR = "#cfcfcf"
GRID_COLOUR = "#e3e3e3"
SERIES_COLOUR = "#1f5f99"
SOLID_KINDS = ("full_year", "user")
HOLLOW_FILL = "#ffffff"
OBSERVATION_COLOURS = {"full_year": "#1f5f99", "user": "#8e44ad", "part_year": "#1f5f99", "superseded": "#9a9a9a"}
OBSERVATION_SHAPES = {"full_year": "circle", "user": "diamond", "part_year": "square", "superseded": "triangle-down"}
# Phone fit: the server cannot know the viewport, so every chart is drawn to fit a 390 px phone and a desktop
# alike. Width "container" (never a fixed width), category labels as text above their marks instead of a wide
# label axis, legends below, few ticks, and subtitles wrapped to lines that fit a phone.
CHART_WIDTH = "container"
SUBTITLE_COLUMNS = 44
# Title lines (13 px bold): the plot's width on a 390 px phone is about 250 px, 16 Chinese characters.
TITLE_COLUMNS = 32
# Streamlit fits the whole chart (titles and legends included) into this height.
TARGET_CHART_HEIGHT = 520
# Rows of the charts that label each row above its marks (pixels): the tier chart, the tier count chart, the
# scorecard (a name line, the marks, a label line) and the figure series (a cluster heading, then one row per
# series: a measure line, then the points and their values).
TIER_ROW = 52
# Those charts place their rows in pixels (scale=None), so their height is the rows' and must not be squeezed:
# Streamlit's theme sizes a chart with autosize "fit" (titles, axes and legends inside the given height), which
# shrank the plot under its rows (the last rows clipped, the legend drawn over them). "fit-x" fits the width to
# the container and lets the height grow by the titles and legends.
ROWS_AUTOSIZE = alt.AutoSizeParams(type="fit-x", contains="padding")
COUNT_ROW = 46
SCORECARD_ROW = 52
SERIES_HEADING = 26
SERIES_ROW = 44
NAME_Y = 13
MARK_Y = 24
LABEL_Y = 39
BAND_HALF = 5
CAP_HALF = 8
# Room below a long chart's last row for the axis labels repeated there.
FOOT_ROW = 18
# Within a series row: where the measure line sits, and the heights of its lowest and highest point.
SERIES_NAME_Y = 11
SERIES_LOW_Y = 38
SERIES_RISE = 8
# Figure kinds of the series chart, drawn in this order (a joined full-year point on top of the others).
FIGURE_KINDS = ("full_year", "other_source", "part_year")
FIGURE_KIND_SHAPES = {"full_year": "circle", "other_source": "circle", "part_year": "square"}


def _title(text: str, *subtitle: str) -> alt.TitleParams:
    """A left-aligned title and its non-empty subtitle lines, wrapped for a phone (Vega does not wrap a title: on
    a 390 px screen the Growth targets title lost its status to the cut); a line longer than the chart is still
    cut to its width. export.title_parts joins the title's lines again."""
    lines = [wrapped for line in subtitle if line for wrapped in wrap_line(line, SUBTITLE_COLUMNS)]
    return alt.TitleParams(
        text=wrap_line(text, TITLE_COLUMNS) or [text],
        subtitle=lines or alt.Undefined,
        anchor="start",
        limit=alt.ExprRef("width"),
    )


def category_scale(lang: str) -> alt.Scale:
    """Fixed colours per category, so pillar and emerging look the same on every chart."""
    return alt.Scale(domain=[t(f"category.{c}", lang) for c in CATEGORY_COLOURS], range=list(CATEGORY_COLOURS.values()))


def category_shape_scale(lang: str) -> alt.Scale:
    """Fixed point shapes per category (circle: pillar, diamond: emerging), the twin of category_scale."""
    return alt.Scale(domain=[t(f"category.{c}", lang) for c in CATEGORY_SHAPES], range=list(CATEGORY_SHAPES.values()))


def _category_channel(channel, scale: alt.Scale, lang: str):
    """category_label on one channel with the category legend below the chart. Colour and shape share the field,
    title and legend, which is what makes Vega-Lite merge them into one legend."""
    return channel(
        "category_label:N", scale=scale, title=t("charts.legend_category", lang), legend=alt.Legend(orient="bottom")
    )


def category_colour(lang: str) -> alt.Color:
    """Colour by category_label with the fixed category colours and the category legend below the chart."""
    return _category_channel(alt.Color, category_scale(lang), lang)


def category_shape(lang: str) -> alt.Shape:
    """Shape by category_label (merges with category_colour into one legend: same field and title)."""
    return _category_channel(alt.Shape, category_shape_scale(lang), lang)


def _money_axis_title(lang: str) -> str:
    """The value-axis title naming the unit (billion yuan / 亿元)."""
    return t("charts.axis_money", lang, unit=unit_label(MONEY_UNIT, lang))


def _row_text(frame: pd.DataFrame, field: str, y: str, **mark: Any) -> alt.Chart:
    """Text at the left edge of the plot at pixel height y, cut to the chart's width (a label above its marks)."""
    settings: dict[str, Any] = {"align": "left", "baseline": "alphabetic", "color": TEXT_COLOUR, "fontSize": 11}
    settings.update(mark)
    return (
        alt.Chart(frame)
        .mark_text(limit=alt.ExprRef("width"), **settings)
        .encode(x=alt.value(0), y=alt.Y(f"{y}:Q", scale=None), text=f"{field}:N")
    )


def _rows_at(frame: pd.DataFrame, step: int) -> pd.DataFrame:
    """frame with top, the pixel height where each row starts, and the fixed heights of its name, marks and label."""
    top = pd.Series(range(len(frame)), index=frame.index) * step
    return frame.assign(
        top=top,
        name_y=top + NAME_Y,
        mark_y=top + MARK_Y,
        mark_top=top + MARK_Y - BAND_HALF,
        mark_bottom=top + MARK_Y + BAND_HALF,
        label_y=top + LABEL_Y,
    )


def _foot_labels(values: list[float], texts: list[str], x_scale: alt.Scale, top: int) -> alt.Chart:
    """Axis labels written below a long chart's last row (text marks: a second axis on the same channel breaks
    the image export, where the chart sits inside a concatenation)."""
    frame = pd.DataFrame({"x": values, "text": texts, "y": top + FOOT_ROW - 4})
    return (
        alt.Chart(frame)
        .mark_text(baseline="alphabetic", fontSize=10, color=TEXT_COLOUR)
        .encode(x=alt.X("x:Q", scale=x_scale, axis=None), y=alt.Y("y:Q", scale=None), text="text:N")
    )


def _log_domain(values: list[float]) -> tuple[float, float]:
    """A log-scale domain around values: half the lowest, and room past the highest for an open-ended range."""
    return min(values) / 2, max(values) * 1.6


def tier_chart(latest: pd.DataFrame, lang: str, filter_note: str = "") -> alt.LayerChart:
    """Each cluster's latest whole-cluster figure (a point, in its own measure) against its 2023 tier (a range).

    The tier is drawn as a grey band from its floor to the next tier's floor, capped at both ends (the top tier
    open-ended, with an arrow): a range, not a measurement. Rows carry the cluster's name above and the figure's
    measure, period and value (or "tier only") below, so no label axis takes the width of a phone. Log scale.
    """
    thresholds = tier_thresholds(lang)
    floors = [float(v) for v in thresholds["tier_value"]]
    figures = [float(v) for v in latest.loc[latest["has_figure"], "value"]]
    low, high = _log_domain([*floors, *figures])
    high = max(high, max(floors) * 4)
    open_end = high / 1.15
    rows = _rows_at(latest.reset_index(drop=True), TIER_ROW)
    rows = rows.assign(tier_end=rows["tier_high"].fillna(open_end), open_ended=rows["tier_high"].isna())
    x_scale = alt.Scale(type="log", domain=[low, high], nice=False)
    tier_values = [v for v in floors if low <= v <= high]
    x_top = alt.X(
        "x:Q",
        scale=x_scale,
        title=_money_axis_title(lang),
        axis=alt.Axis(orient="top", values=tier_values, format=",", grid=False, labelFontSize=10, labelFlush=True),
    )
    x_plain = alt.X("x:Q", scale=x_scale, axis=None)
    tier_tooltip = [
        alt.Tooltip("cluster:N", title=t("charts.tip_cluster", lang)),
        alt.Tooltip("category_label:N", title=t("charts.tip_category", lang)),
        alt.Tooltip("tier_label:N", title=t("charts.tip_tier_range", lang)),
        alt.Tooltip("tier_source:N", title=t("charts.tip_source", lang)),
    ]
    height = max(len(rows), 1) * TIER_ROW
    # Rules get pixel extents from the data: a mark sized by the view's height signal breaks the image export,
    # where the chart sits inside a concatenation (Vega: duplicate signal "height").
    rules = (
        alt.Chart(thresholds.rename(columns={"tier_value": "x"}).assign(rule_top=0, rule_bottom=height))
        .mark_rule(color=GRID_COLOUR, strokeDash=[4, 3])
        .encode(x=x_top, y=alt.Y("rule_top:Q", scale=None), y2="rule_bottom:Q")
    )
    bands = (
        alt.Chart(rows.rename(columns={"tier_low": "x"}))
        .mark_bar(color=BAND_COLOUR)
        .encode(
            x=x_plain,
            x2="tier_end:Q",
            y=alt.Y("mark_top:Q", scale=None),
            y2="mark_bottom:Q",
            tooltip=tier_tooltip,
        )
    )
    caps = pd.concat(
        [rows.assign(x=rows["tier_low"]), rows[~rows["open_ended"]].assign(x=rows["tier_high"])], ignore_index=True
    )
    cap_marks = (
        alt.Chart(caps.assign(cap_top=caps["mark_y"] - CAP_HALF, cap_bottom=caps["mark_y"] + CAP_HALF))
        .mark_rule(color=PATH_COLOUR, strokeWidth=2)
        .encode(x=x_plain, y=alt.Y("cap_top:Q", scale=None), y2="cap_bottom:Q")
    )
    arrows = (
        alt.Chart(rows[rows["open_ended"]].assign(x=open_end))
        .mark_point(shape="triangle-right", filled=True, color=PATH_COLOUR, size=60, opacity=1)
        .encode(x=x_plain, y=alt.Y("mark_y:Q", scale=None), tooltip=tier_tooltip)
    )
    points = (
        alt.Chart(_with_period_label(rows[rows["has_figure"]], lang).rename(columns={"value": "x"}))
        .mark_point(filled=True, size=90, opacity=1, stroke=HOLLOW_FILL, strokeWidth=1)
        .encode(
            x=x_plain,
            y=alt.Y("mark_y:Q", scale=None),
            color=category_colour(lang),
            shape=category_shape(lang),
            tooltip=[
                alt.Tooltip("cluster:N", title=t("charts.tip_cluster", lang)),
                alt.Tooltip("measure:N", title=t("charts.tip_measure", lang)),
                alt.Tooltip("period_label:N", title=t("charts.tip_period", lang)),
                alt.Tooltip("value_text:N", title=t("charts.tip_value", lang)),
                alt.Tooltip("source:N", title=t("charts.tip_source", lang)),
                alt.Tooltip("reliability:N", title=t("charts.tip_reliability", lang)),
                alt.Tooltip("tier_label:N", title=t("charts.tip_tier_range", lang)),
                alt.Tooltip("tier_comparison:N", title=t("charts.tip_vs_tier", lang)),
            ],
        )
    )
    names = _row_text(rows, "cluster", "name_y", fontWeight="bold", fontSize=12, color="#222222")
    labels = _row_text(rows, "figure_label", "label_y", fontSize=10, color="#555555")
    foot = _foot_labels(tier_values, [plain_number(v) for v in tier_values], x_scale, height)
    layered = cast(alt.LayerChart, alt.layer(rules, bands, cap_marks, arrows, points, names, labels, foot))
    # One layer carries the axis, the others none: with axes resolved apart, a layer's axis=None drops only its own.
    return (
        layered.resolve_axis(x="independent")
        .properties(
            width=CHART_WIDTH,
            height=height + FOOT_ROW,
            autosize=ROWS_AUTOSIZE,
            title=_title(t("charts.tier_title", lang), t("charts.tier_subtitle", lang), filter_note),
        )
        .configure_view(stroke=None)
    )


def count_rows(tiers_frame: pd.DataFrame, shown_tiers: tuple[int, ...], lang: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(one row per shown tier with its label line, one row per cluster with its slot in its tier's row)."""
    records = []
    for tier in shown_tiers:
        members = tiers_frame[tiers_frame["tier_bn_yuan"] == tier]
        parts = [
            t(f"charts.count_part_{category}", lang, n=n)
            for category in CATEGORY_ORDER
            if (n := int((members["category"] == category).sum()))
        ]
        label = (
            t(
                "charts.count_row",
                lang,
                tier=t(f"tier.t{tier}", lang),
                n=len(members),
                parts=t("charts.count_part_sep", lang).join(parts),
            )
            if len(members)
            else t("charts.count_row_empty", lang, tier=t(f"tier.t{tier}", lang))
        )
        records.append({"tier_bn_yuan": tier, "row_label": label[:1].upper() + label[1:], "clusters": len(members)})
    rows = _rows_at(pd.DataFrame(records, columns=["tier_bn_yuan", "row_label", "clusters"]), COUNT_ROW)
    row_of = dict(zip(rows["tier_bn_yuan"], rows["mark_y"], strict=True))
    dots = tiers_frame[tiers_frame["tier_bn_yuan"].isin(shown_tiers)]
    dots = dots.assign(slot=dots.groupby("tier_bn_yuan").cumcount() + 0.5, mark_y=dots["tier_bn_yuan"].map(row_of))
    return rows, dots


def tier_count_chart(
    tiers_frame: pd.DataFrame, lang: str, filter_note: str = "", shown_tiers: tuple[int, ...] = TIER_ORDER
) -> alt.LayerChart:
    """How many clusters are in each 2023 output tier: one symbol per cluster (shape and colour by category).

    A row per tier, its label line above ('over 1 trillion yuan: 8 (8 pillar)'), so the count and the split by
    category are read as text too; the symbols keep their size whatever the width.
    """
    rows, dots = count_rows(tiers_frame, shown_tiers, lang)
    slots = max([10, *rows["clusters"]])
    x = alt.X("slot:Q", scale=alt.Scale(domain=[0, slots], nice=False), axis=None)
    symbols = (
        alt.Chart(dots)
        .mark_point(filled=True, size=150, opacity=1)
        .encode(
            x=x,
            y=alt.Y("mark_y:Q", scale=None),
            color=category_colour(lang),
            shape=category_shape(lang),
            tooltip=[
                alt.Tooltip("cluster:N", title=t("charts.tip_cluster", lang)),
                alt.Tooltip("category_label:N", title=t("charts.tip_category", lang)),
                alt.Tooltip("tier_label:N", title=t("charts.tip_tier", lang)),
            ],
        )
    )
    labels = _row_text(rows, "row_label", "name_y")
    layered = cast(alt.LayerChart, alt.layer(symbols, labels))
    return layered.properties(
        width=CHART_WIDTH,
        height=max(len(rows), 1) * COUNT_ROW,
        autosize=ROWS_AUTOSIZE,
        title=_title(t("charts.count_title", lang), t("charts.count_subtitle", lang), filter_note),
    ).configure_view(stroke=None)


def _with_period_label(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """frame with period_label, its period codes in words for tooltips ("Jan–May 2024" for 2024M01-M05), with where
    the year comes from when the frame says so and it is not the quote ("2025 (our reading of the source)")."""
    if {"period_basis_id", "published"} <= set(frame.columns):
        return frame.assign(period_label=periods.labels_with_basis(frame, lang))
    return frame.assign(period_label=periods.labels(frame["period"], lang))


def series_layout(points: pd.DataFrame, lang: str) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Pixel rows of the series chart: (cluster headings, one row per series, every point with its x and y).

    Clusters keep the frame's order; within one, whole-cluster series come first, then city parts, by measure.
    Within its row a point's height is its value's place between the series' lowest and highest (log), so a line
    rises or falls with its own series only.
    """
    headings, series_rows, placed = [], [], []
    top = 0
    for cluster_id, cluster_points in points.groupby("cluster_id", sort=False):
        first = cluster_points.iloc[0]
        headings.append(
            {
                "cluster_id": cluster_id,
                "heading": t("charts.series_heading", lang, cluster=first["cluster"], category=first["category_label"]),
                "rule_y": top + 1,
                "name_y": top + SERIES_HEADING - 7,
            }
        )
        top += SERIES_HEADING
        order = cluster_points.assign(part=cluster_points["city"] != "").sort_values(["part", "measure"], kind="stable")
        for key, series in order.groupby("series", sort=False):
            logs = series["value"].astype(float).map(math.log10)
            span = float(logs.max() - logs.min())
            share = (logs - logs.min()) / span if span > 0 else pd.Series(0.5, index=series.index)
            series_rows.append({"series": key, "measure": series["measure"].iloc[0], "name_y": top + SERIES_NAME_Y})
            placed.append(
                series.assign(
                    x=series["period"].map(periods.position),
                    mark_y=top + SERIES_LOW_Y - share * SERIES_RISE,
                    label=[
                        short_value(v, q, lang) if kind == "full_year" else ""
                        for v, q, kind in zip(series["value"], series["qualifier"], series["kind"], strict=True)
                    ],
                )
            )
            top += SERIES_ROW
    columns = [*points.columns, "x", "mark_y", "label"]
    return (
        pd.DataFrame(headings, columns=["cluster_id", "heading", "rule_y", "name_y"]),
        pd.DataFrame(series_rows, columns=["series", "measure", "name_y"]),
        pd.concat(placed, ignore_index=True) if placed else pd.DataFrame(columns=columns),
    )


def revenue_chart(figures: pd.DataFrame, lang: str, filter_note: str = "") -> alt.LayerChart:
    """Each cluster's published figures over time, one row per series (cluster, measure, city part, definition).

    A line joins only the full-year figures of one series (one per year: the most reliable source's); another
    source's figure for the same year is a hollow circle and a part-year figure a hollow square, neither joined.
    Years run along a shared axis (labelled at the top and the foot); each full-year point is labelled with its
    value.
    """
    points = series_points(figures)
    headings, series_rows, placed = series_layout(points, lang)
    height = len(headings) * SERIES_HEADING + len(series_rows) * SERIES_ROW
    years = sorted({int(str(p)[:4]) for p in placed["period"]}) or [2020]
    years = list(range(years[0], years[-1] + 1))
    x_scale = alt.Scale(domain=[years[0] - 0.5, years[-1] + 0.5 + 0.25], nice=False)

    year_axis = alt.Axis(
        orient="top",
        values=years,
        format="d",
        labelFlush=False,
        title=None,
        grid=True,
        gridColor=GRID_COLOUR,
        labelOverlap=True,
    )

    kinds = [k for k in FIGURE_KINDS if k in set(placed["kind"])]
    kind_title = t("charts.legend_figure_kind", lang)
    domain = [t(f"charts.kind_{k}", lang) for k in kinds]
    placed = (
        _with_period_label(placed, lang)
        .assign(
            kind_label=placed["kind"].map(lambda k: t(f"charts.kind_{k}", lang)),
            draw_order=placed["kind"].map({"other_source": 0, "part_year": 1, "full_year": 2}),
        )
        .sort_values("draw_order", kind="stable")
    )
    tooltip = [
        alt.Tooltip("cluster:N", title=t("charts.tip_cluster", lang)),
        alt.Tooltip("measure:N", title=t("charts.tip_measure", lang)),
        alt.Tooltip("period_label:N", title=t("charts.tip_period", lang)),
        alt.Tooltip("value_text:N", title=t("charts.tip_value", lang)),
        alt.Tooltip("kind_label:N", title=t("charts.tip_kind", lang)),
        alt.Tooltip("source:N", title=t("charts.tip_source", lang)),
        alt.Tooltip("reliability:N", title=t("charts.tip_reliability", lang)),
    ]
    y = alt.Y("mark_y:Q", scale=None)
    joined = placed[placed["kind"] == "full_year"]
    joined = joined[joined.groupby("series")["series"].transform("size") > 1]
    lines = (
        alt.Chart(joined)
        .mark_line(color=SERIES_COLOUR, strokeWidth=1.5)
        .encode(x=alt.X("x:Q", scale=x_scale, axis=None), y=y, detail="series:N", order="x:Q")
    )
    marks = (
        alt.Chart(placed)
        .mark_point(filled=True, size=45, strokeWidth=1.5, stroke=SERIES_COLOUR, opacity=1)
        .encode(
            x=alt.X("x:Q", scale=x_scale, axis=year_axis),
            y=y,
            shape=alt.Shape(
                "kind_label:N",
                title=kind_title,
                scale=alt.Scale(domain=domain, range=[FIGURE_KIND_SHAPES[k] for k in kinds]),
                legend=alt.Legend(orient="bottom", direction="vertical", labelLimit=300),
            ),
            fill=alt.Fill(
                "kind_label:N",
                title=kind_title,
                scale=alt.Scale(
                    domain=domain, range=[SERIES_COLOUR if k == "full_year" else HOLLOW_FILL for k in kinds]
                ),
                legend=alt.Legend(orient="bottom", direction="vertical", labelLimit=300),
            ),
            tooltip=tooltip,
        )
    )
    values = (
        alt.Chart(placed[placed["label"] != ""])
        .mark_text(baseline="bottom", dy=-5, fontSize=9, color=TEXT_COLOUR)
        .encode(x=alt.X("x:Q", scale=x_scale, axis=None), y=y, text="label:N", tooltip=tooltip)
    )
    separators = (
        alt.Chart(headings.assign(start=x_scale.domain[0], end=x_scale.domain[1]))
        .mark_rule(color=GRID_COLOUR, strokeWidth=1)
        .encode(x=alt.X("start:Q", scale=x_scale, axis=None), x2="end:Q", y=alt.Y("rule_y:Q", scale=None))
    )
    cluster_names = _row_text(headings, "heading", "name_y", fontWeight="bold", fontSize=12)
    measures = _row_text(series_rows, "measure", "name_y", fontSize=10, color="#555555")
    # The chart is long: the years are written at its foot too.
    foot = _foot_labels([float(y) for y in years], [str(y) for y in years], x_scale, height)
    layered = cast(alt.LayerChart, alt.layer(separators, lines, marks, values, cluster_names, measures, foot))
    # One layer carries the axis, the others none: with axes resolved apart, a layer's axis=None drops only its own.
    return (
        layered.resolve_axis(x="independent")
        .properties(
            width=CHART_WIDTH,
            height=height + FOOT_ROW,
            autosize=ROWS_AUTOSIZE,
            title=_title(
                t("charts.revenue_title", lang),
                t("charts.revenue_subtitle", lang, unit=unit_label(MONEY_UNIT, lang)),
                filter_note,
            ),
        )
        .configure_view(stroke=None)
    )


def target_path_chart(data: TargetChartData, lang: str) -> alt.LayerChart:
    """The target path (dashed) against the observations (solid: scored, hollow: not scored) and the goal."""
    axis_title = t("charts.axis_value", lang, unit=data.unit_label)
    years = [*data.path["year"].tolist(), *data.observations["position"].tolist()]
    x_scale = alt.Scale(domain=[min(years) - 0.5, max(years) + 0.5], nice=False)
    x = alt.X(
        "year:Q",
        title=t("charts.axis_year", lang),
        scale=x_scale,
        axis=alt.Axis(format="d", tickMinStep=1, labelOverlap=True, labelFlush=True),
    )
    y_axis = alt.Axis(tickCount=5, labelOverlap=True)
    layers = []
    if not data.path.empty:
        path = data.path.assign(series=data.path_label)
        layers.append(
            alt.Chart(path)
            .mark_line(color=PATH_COLOUR)
            .encode(
                x=x,
                y=alt.Y("value:Q", title=axis_title, axis=y_axis),
                strokeDash=alt.StrokeDash(
                    "series:N",
                    title=t("charts.legend_path", lang),
                    scale=alt.Scale(domain=[data.path_label], range=[[6, 4]]),
                    # A second legend beside the figure legend below would be cut off on a phone.
                    legend=alt.Legend(orient="top", labelLimit=320),
                ),
                # A path value is computed, not published: the tooltip says so, and from what.
                tooltip=[
                    alt.Tooltip("year:Q", title=t("charts.tip_year", lang), format="d"),
                    alt.Tooltip("value:Q", title=axis_title, format=",.1f"),
                    alt.Tooltip("series:N", title=t("charts.tip_path", lang)),
                ],
            )
        )
    observations = _with_period_label(data.observations, lang).rename(columns={"position": "year"})
    if not observations.empty:
        kinds = [k for k in OBSERVATION_COLOURS if k in set(observations["kind"])]
        domain = [t(f"charts.obs_{k}", lang) for k in kinds]
        legend = alt.Legend(orient="bottom", labelLimit=320, direction="vertical")
        title = t("charts.legend_observation", lang)
        tooltip = [
            alt.Tooltip("period_label:N", title=t("charts.tip_period", lang)),
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
                y=alt.Y("value:Q", title=axis_title, axis=y_axis),
                # Kinds differ by shape and fill as well as colour.
                shape=alt.Shape(
                    "kind_label:N",
                    title=title,
                    legend=legend,
                    scale=alt.Scale(domain=domain, range=[OBSERVATION_SHAPES[k] for k in kinds]),
                ),
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
    rule) and where the path says it should be (tick); bars past 200 % are cut at 200 and say so.

    Each row's name sits above its bar and its status and figure below it (the status in words as well as in
    colour), so the bars keep the width of a phone.
    """
    drawn = _rows_at(
        frame.assign(
            pct=frame["pct_of_goal"].astype("float64").clip(upper=SCORECARD_CAP_PCT),
            path=frame["path_pct"].astype("float64").clip(upper=SCORECARD_CAP_PCT),
            label=[_scorecard_label(row, lang) for _, row in frame.iterrows()],
            status_shown=[_scorecard_status(row, lang) for _, row in frame.iterrows()],
            opacity=[0.45 if bool(i) else 1.0 for i in frame["indicative"]],
        ).reset_index(drop=True),
        SCORECARD_ROW,
    )
    drawn = drawn.assign(tick_top=drawn["mark_y"] - CAP_HALF, tick_bottom=drawn["mark_y"] + CAP_HALF)
    statuses = [s for s in STATUS_COLOURS if s in set(drawn["status"])]
    scale = alt.Scale(domain=[0, SCORECARD_CAP_PCT], nice=False)
    x = alt.X(
        "pct:Q",
        title=t("scorecard.axis_pct", lang),
        scale=scale,
        axis=alt.Axis(orient="top", values=[0, 50, 100, 150, 200], labelFlush=True),
    )
    tooltip = [
        alt.Tooltip("name:N", title=t("scorecard.col_name", lang)),
        alt.Tooltip("target_text:N", title=t("scorecard.col_target", lang)),
        alt.Tooltip("latest_text:N", title=t("scorecard.col_latest", lang)),
        alt.Tooltip("latest_period_text:N", title=t("scorecard.col_year", lang)),
        alt.Tooltip("latest_source:N", title=t("scorecard.col_source", lang)),
        alt.Tooltip("status_shown:N", title=t("scorecard.col_status", lang)),
        alt.Tooltip("reason_text:N", title=t("scorecard.col_reason", lang)),
    ]
    top, bottom = alt.Y("mark_top:Q", scale=None), "mark_bottom:Q"
    band = (
        alt.Chart(drawn.assign(start=0.0, goal=100.0))
        .mark_bar(color="#eeeeee")
        .encode(x=alt.X("start:Q", scale=scale, axis=None), x2="goal:Q", y=top, y2=bottom)
    )
    bars = (
        alt.Chart(drawn[drawn["pct"].notna()].assign(start=0.0))
        .mark_bar()
        .encode(
            x=alt.X("start:Q", scale=scale, axis=None),
            x2="pct:Q",
            y=top,
            y2=bottom,
            opacity=alt.Opacity("opacity:Q", legend=None, scale=None),
            color=alt.Color(
                "status_label:N",
                title=t("scorecard.legend_status", lang),
                legend=alt.Legend(orient="bottom", columns=2),
                scale=alt.Scale(
                    domain=[t(f"status.{s}", lang) for s in statuses], range=[STATUS_COLOURS[s] for s in statuses]
                ),
            ),
            tooltip=tooltip,
        )
    )
    ticks = (
        alt.Chart(drawn[drawn["path"].notna()])
        .mark_rule(color="#222222", strokeWidth=2)
        .encode(x=alt.X("path:Q", scale=scale, axis=None), y=alt.Y("tick_top:Q", scale=None), y2="tick_bottom:Q")
    )
    # The target mark is a short red rule in each row (a line down the whole chart would cross the names).
    goal = (
        alt.Chart(drawn.assign(goal=100.0))
        .mark_rule(color=GOAL_COLOUR, strokeWidth=2)
        .encode(x=alt.X("goal:Q", scale=scale, axis=None), y=alt.Y("tick_top:Q", scale=None), y2="tick_bottom:Q")
    )
    axis = (
        alt.Chart(pd.DataFrame({"pct": [0.0], "y": [0.0]}))
        .mark_point(opacity=0)
        .encode(x=x, y=alt.Y("y:Q", scale=None))
    )
    names = _row_text(drawn, "name", "name_y", fontWeight="bold", fontSize=12, color="#222222")
    labels = _row_text(drawn, "label", "label_y", fontSize=10, color="#444444")
    layered = cast(alt.LayerChart, alt.layer(band, bars, ticks, goal, names, labels, axis))  # never a FacetChart
    return (
        layered.resolve_axis(x="independent")
        .properties(
            width=CHART_WIDTH,
            height=max(len(drawn), 1) * SCORECARD_ROW,
            autosize=ROWS_AUTOSIZE,
            title=_title(t("scorecard.chart_title", lang), t("scorecard.chart_subtitle", lang), filter_note),
        )
        .configure_view(stroke=None)
    )


def _scorecard_status(row: pd.Series, lang: str) -> str:
    """A row's status in words, marked when it is only indicative (the label, the tooltip and the table agree)."""
    return row["status_label"] + (t("scorecard.indicative_mark", lang) if bool(row["indicative"]) else "")


def _scorecard_label(row: pd.Series, lang: str) -> str:
    """The text beside a bar: status and latest figure with its year."""
    status = _scorecard_status(row, lang)
    if row["latest_text"]:
        return t("scorecard.bar_label", lang, status=status, value=row["latest_text"], year=row["latest_period_text"])
    return status


# The pages' charts: built once per dataset and view arguments and shared by every rerun and session that
# draws them (analysis.memoised_per_args). Never change one in place: Altair's methods return changed copies.


@memoised_per_args
def tier_chart_view(ds: Dataset, filters: Filters, lang: str) -> alt.LayerChart:
    """The Revenue tiers page's latest-figure-against-tier chart (tiers.latest_figures, with the filter note)."""
    return tier_chart(tiers.latest_figures(ds, filters, lang), lang, tiers.filter_note(ds, filters, lang))


@memoised_per_args
def tier_count_chart_view(ds: Dataset, filters: Filters, lang: str) -> alt.LayerChart:
    """The Revenue tiers page's count chart (tiers.tier_frame under the filters; the filtered tiers' rows)."""
    return tier_count_chart(
        tiers.tier_frame(ds, filters, lang), lang, tiers.filter_note(ds, filters, lang), shown_tiers(filters)
    )


def shown_tiers(filters: Filters) -> tuple[int, ...]:
    """The tiers the count chart has a row for: the filtered ones, else all (biggest first)."""
    return tuple(tier for tier in TIER_ORDER if not filters.tiers or tier in filters.tiers)


@memoised_per_args
def revenue_chart_view(ds: Dataset, filters: Filters, lang: str) -> alt.LayerChart:
    """The Revenue tiers page's chart of published figures over time (tiers.revenue_figures, with the filter note)."""
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
