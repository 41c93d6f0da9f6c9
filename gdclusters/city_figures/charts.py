"""Small charts of city figures, one per series (city, scope, measure, definition) with two full years or more."""

from __future__ import annotations

import altair as alt
import pandas as pd

from gdclusters.city_figures.disagreement import SECTION
from gdclusters.city_figures.frames import _period_order
from gdclusters.i18n import t
from gdclusters.sourcing import source_line

SERIES_WIDTH = 260
SERIES_HEIGHT = 120
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


def series_title(series: pd.DataFrame, lang: str) -> str:
    """'<cluster>: <measure> (<unit>)' for one series."""
    row = series.iloc[0]
    return t(f"{SECTION}.series_title", lang, cluster=row["cluster"], measure=row["measure"], unit=row["unit"])


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
    colour = alt.Color("mark:N", scale=mark_scale, title=None, legend=alt.Legend(orient="bottom", labelLimit=320))
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
    plot = alt.layer(line, points, part, data=data).properties(width=SERIES_WIDTH, height=SERIES_HEIGHT)
    # Wrapped in a one-panel concat: Streamlit sizes a chart with a top-level width and height to exactly that,
    # which would crop the title, axes and legend around the plot.
    return alt.vconcat(
        plot,
        title=alt.TitleParams(
            text=series_title(data, lang), subtitle=subtitle, anchor="start", fontSize=12, subtitleFontSize=10
        ),
    )
