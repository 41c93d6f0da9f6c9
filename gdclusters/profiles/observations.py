"""The Cluster profile's province-level figures: one row per (measure, period, source), and their timeline chart.

City figures are listed apart (city_figures.cluster_city_figures).
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from gdclusters import city_figures, periods
from gdclusters.analysis import year_span
from gdclusters.charts import TITLE_COLUMNS
from gdclusters.dataset import Dataset
from gdclusters.domain import NOT_CHARTED_RELIABILITY, STANDARD_DEFINITION
from gdclusters.export.images import wrap_line
from gdclusters.i18n import chart_value, format_value, localised, t, unit_label
from gdclusters.profiles.common import source_published, source_reliability
from gdclusters.sourcing import source_labels
from gdclusters.targets_view import metric_label

# The timeline's plot width (pixels): on a desktop, and on a 390 px phone (with the y axis, about 300 px in all);
# on a phone the legend's labels and title are cut at PHONE_LABEL_LIMIT, less than the screen's content width.
TIMELINE_WIDTH = 520
PHONE_TIMELINE_WIDTH = 240
PHONE_LABEL_LIMIT = 300

OBSERVATION_COLUMNS = (
    "measure",
    "period",
    "period_basis",
    "value_text",
    "unit",
    "definition_label",
    "disagreement",
    "source",
    "reliability",
    "quote",
    "note",
)


def cluster_observations(ds: Dataset, cluster_id: str, lang: str) -> pd.DataFrame:
    """Every province-level figure of the cluster, one row per (measure, period, source), in chart units.

    measure is the metric's label (with the definition when it is not the programme's own), so a chart
    coloured by measure never mixes two measures or definitions; unit says which panel a figure belongs on.
    City figures are listed apart (city_figures.cluster_city_figures). disagreement names the other source
    where two sources give figures for the same measure and period that cannot both hold.
    """
    rows = ds.metrics[(ds.metrics["scope"] == cluster_id) & (ds.metrics["adcode"] == "")]
    labels, reliability, published = source_labels(ds.sources, lang), source_reliability(ds), source_published(ds)
    notes = city_figures.dataset_disagreements(ds, lang)
    kinds = city_figures.definitions(rows)
    records = []
    for index, row in rows.iterrows():
        label = metric_label(ds, row["metric"], lang)
        if kinds[index] != STANDARD_DEFINITION:
            label = t(
                "cluster.measure_definition",
                lang,
                measure=label,
                definition=city_figures.definition_label(kinds[index], lang),
            )
        kind = periods.kind(row["period"])
        records.append(
            {
                "metric": row["metric"],
                "measure": label,
                "period": str(row["period"]),
                "period_kind": kind,
                "period_kind_label": t(f"cluster.{kind}", lang),
                "period_basis": periods.basis_text(row["period_basis"], published.get(row["source_id"], ""), lang),
                "period_basis_id": row["period_basis"],
                "published": published.get(row["source_id"], ""),
                "value": chart_value(float(row["value"]), row["unit"], lang),
                "value_text": format_value(float(row["value"]), row["unit"], lang, row["qualifier"]),
                "unit": unit_label(row["unit"], lang),
                "unit_id": row["unit"],
                "qualifier": t(f"cluster.qualifier_{row['qualifier']}", lang),
                "definition_label": city_figures.definition_label(kinds[index], lang),
                "disagreement": notes.get(index, ""),
                "source_id": row["source_id"],
                "source": labels.get(row["source_id"], row["source_id"]),
                "reliability": reliability.get(row["source_id"], ""),
                "quote": row["quote"],
                "note": localised(row, "note", lang),
                "charted": reliability.get(row["source_id"], "") not in NOT_CHARTED_RELIABILITY,
            }
        )
    columns = [
        "metric",
        "measure",
        "period",
        "period_kind",
        "period_kind_label",
        "period_basis",
        "period_basis_id",
        "published",
        "value",
        "value_text",
        "unit",
        "unit_id",
        "qualifier",
        "definition_label",
        "disagreement",
        "source_id",
        "source",
        "reliability",
        "quote",
        "note",
        "charted",
    ]
    out = pd.DataFrame(records, columns=columns)
    return out.sort_values(["unit_id", "measure", "period", "source"]).reset_index(drop=True)


def timeline_chart(observations: pd.DataFrame, lang: str, title: str = "", phone: bool = False) -> alt.FacetChart:
    """Each figure as a point over its period, one colour per measure, one panel per unit.

    Lines join full-year figures of the same measure only: different measures are never connected,
    and part-year figures (hollow) are not joined to full years they cannot be compared with.
    A faceted chart cannot take its container's width, so phone draws it to fit a 390 px screen: a narrower
    plot, the measures' legend in one column and the title wrapped.
    """
    drawn = observations[observations["charted"]]
    drawn = drawn.assign(
        position=drawn["period"].map(periods.position),
        period_label=periods.labels_with_basis(drawn, lang),
    )
    years, extent = periods.year_ticks(drawn["period"])
    tooltip = [
        alt.Tooltip("measure:N", title=t("cluster.tip_measure", lang)),
        alt.Tooltip("period_label:N", title=t("cluster.tip_period", lang)),
        alt.Tooltip("value_text:N", title=t("cluster.tip_value", lang)),
        alt.Tooltip("qualifier:N", title=t("cluster.tip_qualifier", lang)),
        alt.Tooltip("source:N", title=t("cluster.tip_source", lang)),
        alt.Tooltip("reliability:N", title=t("cluster.tip_reliability", lang)),
        alt.Tooltip("disagreement:N", title=t("cluster.col_disagreement", lang)),
    ]
    # Years spaced as years (a gap stays a gap); a part-year point sits just after its year's tick.
    x = alt.X(
        "position:Q",
        scale=alt.Scale(domain=list(extent), nice=False, zero=False),
        title=t("cluster.axis_period", lang),
        axis=alt.Axis(values=years, format="d", labelAngle=0, labelOverlap=True),
    )
    y = alt.Y("value:Q", title=t("cluster.axis_value", lang))
    colour = alt.Color(
        "measure:N",
        title=t("cluster.legend_measure", lang),
        legend=alt.Legend(
            orient="bottom",
            columns=1 if phone else 2,
            labelLimit=PHONE_LABEL_LIMIT if phone else 360,
            titleLimit=PHONE_LABEL_LIMIT if phone else 480,
        ),
    )
    lines = (
        alt.Chart()
        .mark_line(strokeWidth=1.5)
        .transform_filter(alt.datum.period_kind == "full_year")
        .encode(x=x, y=y, color=colour, detail="measure:N", order="position:Q")
    )
    shape = alt.Shape(
        "period_kind_label:N",
        title=t("cluster.legend_period_kind", lang),
        # Vega draws legends of one side in a row: on a phone the two below would run past the screen's edge.
        legend=alt.Legend(orient="top", columns=1, labelLimit=PHONE_LABEL_LIMIT)
        if phone
        else alt.Legend(orient="bottom"),
    )
    full_years = (
        alt.Chart()
        .mark_point(size=70, filled=True, opacity=0.95)
        .transform_filter(alt.datum.period_kind == "full_year")
        .encode(x=x, y=y, color=colour, shape=shape, tooltip=tooltip)
    )
    part_years = (
        alt.Chart()
        .mark_point(size=70, filled=False, strokeWidth=1.5)
        .transform_filter(alt.datum.period_kind != "full_year")
        .encode(x=x, y=y, color=colour, shape=shape, tooltip=tooltip)
    )
    chart = (
        alt.layer(lines, full_years, part_years, data=drawn)
        .properties(width=PHONE_TIMELINE_WIDTH if phone else TIMELINE_WIDTH, height=170)
        .facet(
            row=alt.Row(
                "unit:N",
                title=None,
                header=alt.Header(labelAngle=0, labelAlign="left", labelAnchor="start", labelOrient="top"),
            ),
        )
        .resolve_scale(y="independent")
    )
    if title:
        text = (wrap_line(title, TITLE_COLUMNS) or [title]) if phone else title
        chart = chart.properties(title=alt.TitleParams(text=text, anchor="start"))
    return chart


def timeline_summary(observations: pd.DataFrame, lang: str) -> str:
    """The timeline chart's takeaway: how many figures of how many measures over which years, and the latest one
    (its measure, period and value as published; the first of several sources for the same period)."""
    charted = observations[observations["charted"]]
    if charted.empty:
        return ""
    latest = charted.loc[charted["period"].map(periods.order).idxmax()]
    return t(
        "cluster.timeline_summary",
        lang,
        n=len(charted),
        measures=charted["measure"].nunique(),
        span=year_span(charted["period"]),
        measure=latest["measure"],
        period=periods.with_basis(latest["period"], latest["period_basis_id"], latest["published"], lang),
        value=latest["value_text"],
    )
