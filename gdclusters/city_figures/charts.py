"""Small charts of city figures, one per series (city, scope, measure, definition) with two full years or more."""

from __future__ import annotations

import altair as alt
import pandas as pd

from gdclusters import periods
from gdclusters.city_figures.disagreement import SECTION
from gdclusters.export.images import wrap_line
from gdclusters.i18n import t
from gdclusters.sourcing import source_line
from gdclusters.tiers import short_value

SERIES_WIDTH = 220
SERIES_HEIGHT = 120
# Line lengths of the title (12 px) and subtitle (10 px), in half-width characters (a Chinese character counts two):
# titles start after the y axis, so about the plot's width: a series chart fits a 390 px phone screen.
TITLE_UNITS = 38
SUBTITLE_UNITS = 46
DISAGREE_COLOUR = "#d55e00"
AGREE_COLOUR = "#1f4e79"
LABEL_COLOUR = "#333333"


def chart_series(figures: pd.DataFrame) -> list[pd.DataFrame]:
    """The series worth a line: one per (city, scope, measure, definition) with at least two full years charted."""
    drawn = figures[figures["charted"]]
    out = []
    for _, group in drawn.groupby(["adcode", "scope", "metric", "definition"], sort=False):
        if group.loc[group["period_kind"] == "full_year", "period"].nunique() >= 2:
            out.append(group.reset_index(drop=True))
    return out


def series_title(series: pd.DataFrame, lang: str) -> str:
    """'<cluster>: <measure> (<unit>)' for one series."""
    row = series.iloc[0]
    return t(f"{SECTION}.series_title", lang, cluster=row["cluster"], measure=row["measure"], unit=row["unit"])


def series_takeaway(series: pd.DataFrame, lang: str) -> str:
    """The series chart in one sentence: what it shows, its first and latest full-year figures and how many there
    are (chart_series passes only series with two full years or more). A part-year figure is never set against a
    full year (the chart does not join them either): one later than the last full year is named after the
    sentence, as part of a year."""
    ordered = series.assign(_order=series["period"].map(periods.order)).sort_values("_order", kind="stable")
    full = ordered[ordered["period_kind"] == "full_year"]
    first, last = full.iloc[0], full.iloc[-1]
    text = t(
        "a11y.city_series_takeaway",
        lang,
        city=first["city"],
        title=series_title(series, lang),
        first=first["value_text"],
        first_period=periods.with_basis(first["period"], first["period_basis_id"], first["published"], lang),
        last=last["value_text"],
        last_period=periods.with_basis(last["period"], last["period_basis_id"], last["published"], lang),
        n=len(series),
    )
    latest = ordered.iloc[-1]
    if latest["period_kind"] != "full_year":
        text += t(
            "a11y.city_series_part_year",
            lang,
            value=latest["value_text"],
            period=periods.with_basis(latest["period"], latest["period_basis_id"], latest["published"], lang),
        )
    return text


def series_chart(series: pd.DataFrame, lang: str) -> alt.VConcatChart:
    """A small line of one series (one measure, scope, city and definition): full years joined, each figure a point.

    Years are spaced as years (2020, then 2023, leaves the gap between), and the value axis starts at zero, so a
    slope reads as the change it is. Each full year is labelled with one value (the first row of the year: the
    most reliable source's), its qualifier as a sign (">200" for "over 200": the point is drawn at 200). Points
    where sources disagree are orange diamonds; part-year figures are drawn hollow just after their year's tick
    and not joined.
    The subtitle gives the definition, the period span and the sources.
    """
    agree, disagree = t(f"{SECTION}.mark_agree", lang), t(f"{SECTION}.mark_disagree", lang)
    data = series.assign(
        mark=series["disagreement"].map(lambda d: disagree if d else agree),
        position=series["period"].map(periods.position),
        period_label=periods.labels_with_basis(series, lang),
        point_label=[
            short_value(v, q, lang) if kind == "full_year" and first else ""
            for v, q, kind, first in zip(
                series["value"], series["qualifier"], series["period_kind"], ~series["period"].duplicated(), strict=True
            )
        ],
    )
    codes = sorted(data["period"].unique(), key=periods.order)
    row = data.iloc[0]
    years, extent = periods.year_ticks(data["period"])
    x = alt.X(
        "position:Q",
        scale=alt.Scale(domain=list(extent), nice=False, zero=False),
        title=t("cluster.axis_period", lang),
        axis=alt.Axis(values=years, format="d", labelAngle=0, labelOverlap=True, grid=False),
    )
    y = alt.Y("value:Q", title=row["unit"], scale=alt.Scale(zero=True))
    tooltip = [
        alt.Tooltip("measure:N", title=t("cluster.tip_measure", lang)),
        alt.Tooltip("period_label:N", title=t("cluster.tip_period", lang)),
        alt.Tooltip("value_text:N", title=t("cluster.tip_value", lang)),
        alt.Tooltip("definition_label:N", title=t(f"{SECTION}.col_definition_label", lang)),
        alt.Tooltip("source:N", title=t("cluster.tip_source", lang)),
        alt.Tooltip("reliability:N", title=t("cluster.tip_reliability", lang)),
        alt.Tooltip("disagreement:N", title=t(f"{SECTION}.col_disagreement", lang)),
    ]
    mark_scale = alt.Scale(domain=[agree, disagree], range=[AGREE_COLOUR, DISAGREE_COLOUR])
    colour = alt.Color(
        "mark:N", scale=mark_scale, title=None, legend=alt.Legend(orient="bottom", direction="vertical", labelLimit=320)
    )
    shape = alt.Shape("mark:N", scale=alt.Scale(domain=[agree, disagree], range=["circle", "diamond"]), legend=None)
    full = alt.datum.period_kind == "full_year"
    line = (
        alt.Chart()
        .mark_line(
            color=AGREE_COLOUR, strokeWidth=1.5, strokeDash=[4, 3] if bool(row["non_standard"]) else alt.Undefined
        )
        .transform_filter(full)
        .encode(x=x, y=y, order="position:Q")
    )
    points = (
        alt.Chart()
        .mark_point(size=60, filled=True, opacity=0.95)
        .transform_filter(full)
        .encode(x=x, y=y, color=colour, shape=shape, tooltip=tooltip)
    )
    labels = (
        alt.Chart()
        .mark_text(dy=-9, fontSize=9, color=LABEL_COLOUR)
        .transform_filter(full)
        .encode(x=x, y=y, text="point_label:N")
    )
    part = (
        alt.Chart()
        .mark_point(size=60, filled=False)
        .transform_filter(~full)
        .encode(x=x, y=y, color=colour, shape=shape, tooltip=tooltip)
    )
    subtitle = [
        t(
            f"{SECTION}.series_subtitle",
            lang,
            city=row["city"],
            definition=row["definition_label"],
            span=periods.span_label(codes[0], codes[-1], lang),
        ),
        source_line(data["source"], lang),
    ]
    # Only layers with data: Vega draws an empty mark as an unlabelled graphics-symbol (axe: svg-img-alt).
    full_rows = data["period_kind"] == "full_year"
    layers = [line, points, labels] if full_rows.any() else []
    if not full_rows.all():
        layers.append(part)
    plot = alt.layer(*layers, data=data).properties(width=SERIES_WIDTH, height=SERIES_HEIGHT)
    # Wrapped in a one-panel concat: Streamlit sizes a chart with a top-level width and height to exactly that,
    # which would crop the title, axes and legend around the plot.
    return alt.vconcat(
        plot,
        # Vega does not wrap titles: lines are broken here so that the chart fits a phone's width.
        title=alt.TitleParams(
            text=wrap_line(series_title(data, lang), TITLE_UNITS) or [""],
            subtitle=[line for text in subtitle for line in wrap_line(text, SUBTITLE_UNITS)],
            anchor="start",
            fontSize=12,
            subtitleFontSize=10,
        ),
    )
