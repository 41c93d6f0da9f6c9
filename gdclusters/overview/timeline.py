"""The trillion-yuan chart: a 'member since' timeline with the count each source states per year above it."""

from __future__ import annotations

from typing import Any

import altair as alt
import pandas as pd

from gdclusters.analysis import memoised_per_args
from gdclusters.charts import HOLLOW_FILL, category_colour, category_scale, category_shape, category_shape_scale
from gdclusters.dataset import Dataset
from gdclusters.i18n import t
from gdclusters.overview.trillion import (
    trillion_cluster_counts,
    trillion_count_labels,
    trillion_members,
    trillion_years,
)

# The trillion chart: row height (room for a name above each bar), bar thickness, how far names sit above the
# bar, and how far bars run past the last year (so a cluster that joined in it still shows a bar).
TRILLION_ROW_STEP = 34
TRILLION_BAR_HEIGHT = 8
TRILLION_LABEL_RISE = 7
TRILLION_BAR_TAIL = 0.4
TEXT_COLOUR = "#333333"
CONFLICT_COLOUR = "#a6480a"


def trillion_member_chart(members: pd.DataFrame, counts: pd.DataFrame, lang: str) -> alt.LayerChart:
    """Member since: one row per trillion-yuan cluster, a point at the year it joined and a bar on to the last year.

    An earlier year another source gives is a hollow point joined by a dashed line. The top row gives the count
    each source states per year, conflicting counts side by side ('9 or 10'). Cluster names sit above their
    bars rather than on an axis, so the timeline keeps the width of a phone screen.
    """
    years = trillion_years(members, counts)
    last = years[-1]
    middle = (years[0] + years[-1]) / 2
    count_row = t("overview.trillion_count_row", lang)
    main = members[members["main"]].assign(
        row=lambda f: f["cluster"], year=lambda f: f["first_year"], year_end=last + TRILLION_BAR_TAIL
    )
    alternative = members[~members["main"] & (members["first_year"] != members["main_year"])]
    alternative = alternative.drop_duplicates(["cluster_id", "first_year"]).assign(
        row=lambda f: f["cluster"], year=lambda f: f["first_year"], year_end=lambda f: f["main_year"]
    )
    earliest = members.groupby("cluster_id")["first_year"].min()
    labels = main.assign(year=main["cluster_id"].map(earliest))
    count_labels = trillion_count_labels(counts, lang).assign(row=count_row)
    order = [count_row, *main["row"]]

    x = alt.X(
        "year:Q",
        title=t("overview.axis_data_year", lang),
        scale=alt.Scale(domain=[years[0] - 0.5, last + 0.5], nice=False, zero=False),
        axis=alt.Axis(values=years, format="d", orient="top", labelFlush=False, gridOpacity=0.5),
    )
    # Outer padding leaves room above the top row for its title, below the axis.
    y = alt.Y("row:N", sort=order, scale=alt.Scale(domain=order, paddingOuter=0.45), axis=None, title=None)
    # The points carry colour and shape (circle: pillar, diamond: emerging), so the category never rests on colour
    # alone; the legend below shows both.
    colour = category_colour(lang)
    tooltip = [
        alt.Tooltip("cluster:N", title=t("charts.tip_cluster", lang)),
        alt.Tooltip("category_label:N", title=t("charts.tip_category", lang)),
        alt.Tooltip("joined:N", title=t("overview.tip_joined", lang)),
        alt.Tooltip("joined_sources:N", title=t("overview.col_source", lang)),
    ]
    bars = (
        alt.Chart(main)
        .mark_bar(height=TRILLION_BAR_HEIGHT, cornerRadiusEnd=3, opacity=0.85)
        .encode(x=x, x2="year_end:Q", y=y, color=colour, tooltip=tooltip)
    )
    dashes = (
        alt.Chart(alternative)
        .mark_rule(strokeDash=[3, 3], strokeWidth=2)
        .encode(
            x="year:Q",
            x2="year_end:Q",
            y=y,
            color=alt.Color("category_label:N", scale=category_scale(lang), legend=None),
        )
    )
    points = (
        alt.Chart(main)
        .mark_point(filled=True, size=110, opacity=1)
        .encode(x="year:Q", y=y, color=category_colour(lang), shape=category_shape(lang), tooltip=tooltip)
    )
    hollow = (
        alt.Chart(alternative)
        .mark_point(filled=False, fill=HOLLOW_FILL, size=110, strokeWidth=2, opacity=1)
        .encode(
            x="year:Q",
            y=y,
            color=alt.Color("category_label:N", scale=category_scale(lang), legend=None),
            shape=alt.Shape("category_label:N", scale=category_shape_scale(lang), legend=None),
            tooltip=tooltip,
        )
    )
    text: dict[str, Any] = {"fontSize": 11, "dy": -TRILLION_LABEL_RISE, "baseline": "bottom", "color": TEXT_COLOUR}
    names_left = (
        alt.Chart(labels[labels["year"] <= middle])
        .mark_text(align="left", dx=-4, **text)
        .encode(x="year:Q", y=y, text="label:N")
    )
    names_right = (
        alt.Chart(labels[labels["year"] > middle])
        .mark_text(align="right", dx=4, **text)
        .encode(x="year:Q", y=y, text="label:N")
    )
    row_title = (
        alt.Chart(pd.DataFrame({"row": [count_row], "year": [years[0]]}))
        .mark_text(align="left", dx=-4, **text)
        .encode(x="year:Q", y=y, text="row:N")
    )
    count_text = (
        alt.Chart(count_labels)
        .mark_text(fontSize=13, fontWeight="bold", dy=4)
        .encode(
            x="year:Q",
            y=y,
            text="text:N",
            color=alt.condition("datum.conflict", alt.value(CONFLICT_COLOUR), alt.value(TEXT_COLOUR)),
            tooltip=[
                alt.Tooltip("year:O", title=t("overview.col_period", lang)),
                alt.Tooltip("text:N", title=t("overview.col_clusters", lang)),
                alt.Tooltip("sources:N", title=t("overview.col_source", lang)),
                alt.Tooltip("basis:N", title=t("overview.col_period_basis", lang)),
            ],
        )
    )
    return (
        alt.layer(bars, dashes, points, hollow, names_left, names_right, row_title, count_text)
        .properties(
            width="container",
            height=alt.Step(TRILLION_ROW_STEP),
            title=alt.TitleParams(
                t("overview.trillion_title", lang),
                subtitle=[*t("overview.trillion_subtitle", lang).split("\n"), t("overview.trillion_subtitle_2", lang)],
                anchor="start",
            ),
        )
        .configure_view(stroke=None)
    )


@memoised_per_args
def trillion_chart(ds: Dataset, lang: str) -> alt.LayerChart:
    """The trillion-cluster chart in lang (it does not depend on the filters: built once per language)."""
    return trillion_member_chart(trillion_members(ds, lang), trillion_cluster_counts(ds, lang), lang)
