"""Small charts of city figures, one per series (city, scope, measure, definition) with two full years or more."""

from __future__ import annotations

import re
import unicodedata

import altair as alt
import pandas as pd

from gdclusters.city_figures.disagreement import SECTION
from gdclusters.city_figures.frames import _period_order
from gdclusters.i18n import t
from gdclusters.sourcing import source_line

SERIES_WIDTH = 220
SERIES_HEIGHT = 120
# Line lengths of the title (12 px) and subtitle (10 px), in half-width characters (a Chinese character counts two):
# titles start after the y axis, so about the plot's width: a series chart fits a 390 px phone screen.
TITLE_UNITS = 38
SUBTITLE_UNITS = 46
DISAGREE_COLOUR = "#d55e00"
AGREE_COLOUR = "#1f4e79"


def chart_series(figures: pd.DataFrame) -> list[pd.DataFrame]:
    """The series worth a line: one per (city, scope, measure, definition) with at least two full years charted."""
    drawn = figures[figures["charted"]]
    out = []
    for _, group in drawn.groupby(["adcode", "scope", "metric", "definition"], sort=False):
        if group.loc[group["period_kind"] == "full_year", "period"].nunique() >= 2:
            out.append(group.reset_index(drop=True))
    return out


def wrap_lines(text: str, units: int) -> list[str]:
    """text broken at spaces (or anywhere in Chinese) into lines of at most units half-width characters."""
    lines: list[str] = []
    line = ""
    for token in re.findall(r"\S+\s*|\s+", text):
        pieces = [token] if _width(token.rstrip()) <= units else list(token)
        for piece in pieces:
            if line and _width(line + piece.rstrip()) > units:
                lines.append(line.rstrip())
                line = ""
            line += piece
    if line.strip():
        lines.append(line.rstrip())
    return lines or [""]


def _width(text: str) -> int:
    """Display width in half-width characters: East Asian wide and full-width characters count two."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def series_title(series: pd.DataFrame, lang: str) -> str:
    """'<cluster>: <measure> (<unit>)' for one series."""
    row = series.iloc[0]
    return t(f"{SECTION}.series_title", lang, cluster=row["cluster"], measure=row["measure"], unit=row["unit"])


def series_takeaway(series: pd.DataFrame, lang: str) -> str:
    """The series chart in one sentence: what it shows, its first and latest full-year figures and how many there
    are (chart_series passes only series with two full years or more). A part-year figure is never set against a
    full year (the chart does not join them either): one later than the last full year is named after the
    sentence, as part of a year."""
    ordered = series.assign(_order=series["period"].map(_period_order)).sort_values("_order", kind="stable")
    full = ordered[ordered["period_kind"] == "full_year"]
    first, last = full.iloc[0], full.iloc[-1]
    text = t(
        "a11y.city_series_takeaway",
        lang,
        city=first["city"],
        title=series_title(series, lang),
        first=first["value_text"],
        first_period=first["period"],
        last=last["value_text"],
        last_period=last["period"],
        n=len(series),
    )
    latest = ordered.iloc[-1]
    if latest["period_kind"] != "full_year":
        text += t("a11y.city_series_part_year", lang, value=latest["value_text"], period=latest["period"])
    return text


def series_chart(series: pd.DataFrame, lang: str) -> alt.VConcatChart:
    """A small line of one series (one measure, scope, city and definition): full years joined, each figure a point.

    Points where sources disagree are orange diamonds; part-year figures are drawn hollow and not joined.
    The subtitle gives the definition, the period span and the sources.
    """
    agree, disagree = t(f"{SECTION}.mark_agree", lang), t(f"{SECTION}.mark_disagree", lang)
    data = series.assign(
        mark=series["disagreement"].map(lambda d: disagree if d else agree),
        order=series["period"].map(lambda p: _period_order(p)[0] * 100 + _period_order(p)[1]),
    )
    periods = sorted(data["period"].unique(), key=_period_order)
    row = data.iloc[0]
    x = alt.X("period:O", sort=periods, title=t("cluster.axis_period", lang), axis=alt.Axis(labelAngle=0))
    y = alt.Y("value:Q", title=row["unit"], scale=alt.Scale(zero=False))
    tooltip = [
        alt.Tooltip("measure:N", title=t("cluster.tip_measure", lang)),
        alt.Tooltip("period:N", title=t("cluster.tip_period", lang)),
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
        .encode(x=x, y=y, order="order:Q")
    )
    points = (
        alt.Chart()
        .mark_point(size=60, filled=True, opacity=0.95)
        .transform_filter(full)
        .encode(x=x, y=y, color=colour, shape=shape, tooltip=tooltip)
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
            span=f"{periods[0]}–{periods[-1]}",
        ),
        source_line(data["source"], lang),
    ]
    # Only layers with data: Vega draws an empty mark as an unlabelled graphics-symbol (axe: svg-img-alt).
    full_rows = data["period_kind"] == "full_year"
    layers = [line, points] if full_rows.any() else []
    if not full_rows.all():
        layers.append(part)
    plot = alt.layer(*layers, data=data).properties(width=SERIES_WIDTH, height=SERIES_HEIGHT)
    # Wrapped in a one-panel concat: Streamlit sizes a chart with a top-level width and height to exactly that,
    # which would crop the title, axes and legend around the plot.
    return alt.vconcat(
        plot,
        # Vega does not wrap titles: lines are broken here so that the chart fits a phone's width.
        title=alt.TitleParams(
            text=wrap_lines(series_title(data, lang), TITLE_UNITS),
            subtitle=[line for text in subtitle for line in wrap_lines(text, SUBTITLE_UNITS)],
            anchor="start",
            fontSize=12,
            subtitleFontSize=10,
        ),
    )
