"""The coverage heat-map: a row per cluster, a column per period, coloured by the best source tier."""

from __future__ import annotations

import json
import re
from typing import cast

import altair as alt
import pandas as pd

from gdclusters.coverage.grid import COLUMNS, FILLS, coverage_cells
from gdclusters.coverage.table import _names, cell_text, column_label, short_text
from gdclusters.dataset import Dataset
from gdclusters.i18n import t
from gdclusters.maps.styles import LegendEntry
from gdclusters.maps.vega import legend_chart, legend_text

FILL_COLOURS = {"A": "#1a6b35", "B": "#52a364", "C": "#a8d5a2", "D": "#e8d48b", "partial": "#c9d7e8", "none": "#f3f3f3"}
DARK_FILLS = ("A", "B")
LABEL_LIMIT = 260
LEGEND_STROKE = "#999999"
MIN_ROW_STEP = 24
TEXT_SIZE = 9
LINE_HEIGHT = 10
_YEAR_HEAD = re.compile(r"^(\d{4}年?)\s*(\S.*)?$")


def chart_frame(ds: Dataset, lang: str) -> pd.DataFrame:
    """The cells in long form with the labels the heat-map draws and its tooltips show."""
    cells = coverage_cells(ds)
    names = _names(ds, lang)
    return pd.DataFrame(
        {
            "cluster_id": cells["cluster_id"],
            "cluster": cells["cluster_id"].map(names),
            "column": cells["column"],
            "column_label": cells["column"].map(lambda c: column_label(c, lang)),
            "fill": cells["fill"],
            "fill_label": cells["fill"].map(lambda f: t(f"coverage.fill_{f}", lang)),
            "short_text": [short_text(cell, lang) for _, cell in cells.iterrows()],
            "text": [cell_text(cell, lang) for _, cell in cells.iterrows()],
            "dark": cells["fill"].isin(DARK_FILLS),
        }
    )


def _heading_lines(headings: list[str]) -> dict[str, list[str]]:
    """Each column heading split after its year ('2025 outcome' -> ['2025', 'outcome'], '2025年目标' -> two lines)."""
    out = {}
    for heading in headings:
        match = _YEAR_HEAD.match(heading)
        out[heading] = [match.group(1), match.group(2)] if match and match.group(2) else [heading]
    return out


def _row_step(frame: pd.DataFrame) -> int:
    """Row height: room for the most lines any cell draws."""
    lines = int(frame["short_text"].str.count("\n").max() + 1) if len(frame) else 1
    return max(MIN_ROW_STEP, LINE_HEIGHT * lines + 6)


def coverage_chart(frame: pd.DataFrame, lang: str, legend: bool = True) -> alt.LayerChart:
    """A heat-map: a row per cluster, a column per period; colour = best tier (or part-year / nothing).

    legend=False leaves the colour legend out, for the screen: Vega places a bottom legend after the cluster
    names (up to LABEL_LIMIT px), which runs past a phone's width; the page draws coverage_legend below instead.
    Exported files keep it in the chart.
    """
    clusters = list(dict.fromkeys(frame["cluster"]))
    columns = [column_label(column, lang) for column in COLUMNS]
    x = alt.X(
        "column_label:N",
        sort=columns,
        scale=alt.Scale(domain=columns),
        title=None,
        # Two-line headings ("2025" over "outcome") fit narrow columns; none is dropped for overlap.
        axis=alt.Axis(
            orient="top",
            labelAngle=0,
            labelLimit=120,
            labelOverlap=False,
            ticks=False,
            labelPadding=6,
            domain=False,
            labelExpr=f"{json.dumps(_heading_lines(columns), ensure_ascii=False)}[datum.label]",
        ),
    )
    y = alt.Y("cluster:N", sort=clusters, title=None, axis=alt.Axis(labelLimit=LABEL_LIMIT, ticks=False, domain=False))
    tooltip = [
        alt.Tooltip("cluster:N", title=t("coverage.col_cluster", lang)),
        alt.Tooltip("column_label:N", title=t("coverage.tip_column", lang)),
        alt.Tooltip("text:N", title=t("coverage.tip_have", lang)),
        alt.Tooltip("fill_label:N", title=t("coverage.legend_title", lang)),
    ]
    step = _row_step(frame)
    # With an offset the text sits at the top of its row, and a cell's lines run down from the first one:
    # place the first line so that the block is centred in the row.
    base = alt.Chart(frame.assign(text_offset=step / 2 - frame["short_text"].str.count("\n") * LINE_HEIGHT / 2))
    rects = base.mark_rect(stroke="#ffffff", strokeWidth=1.5).encode(
        x=x,
        y=y,
        tooltip=tooltip,
        color=alt.Color(
            "fill_label:N",
            title=t("coverage.legend_title", lang),
            scale=alt.Scale(
                domain=[t(f"coverage.fill_{f}", lang) for f in FILLS], range=[FILL_COLOURS[f] for f in FILLS]
            ),
            legend=alt.Legend(
                orient="bottom",
                columns=1,
                labelLimit=LABEL_LIMIT,
                symbolType="square",
                symbolSize=160,
                symbolStrokeColor=LEGEND_STROKE,
                symbolStrokeWidth=0.5,
            )
            if legend
            else None,
        ),
    )
    texts = base.mark_text(fontSize=TEXT_SIZE, lineHeight=LINE_HEIGHT, lineBreak="\n", baseline="middle").encode(
        x=x,
        y=y,
        text="short_text:N",
        tooltip=tooltip,
        yOffset=alt.YOffset("text_offset:Q", scale=None),
        color=alt.condition("datum.dark", alt.value("#ffffff"), alt.value("#222222")),
    )
    layered = cast(alt.LayerChart, alt.layer(rects, texts))  # no facet encodings: never a FacetChart
    return layered.properties(
        width="container",
        height=alt.Step(step),
        title=alt.TitleParams(
            t("coverage.chart_title", lang),
            anchor="start",
            subtitle=[t("coverage.chart_subtitle", lang), t("coverage.chart_note", lang)],
        ),
    )


def _legend_entries(lang: str) -> list[LegendEntry]:
    return [LegendEntry(t(f"coverage.fill_{fill}", lang), FILL_COLOURS[fill], LEGEND_STROKE) for fill in FILLS]


def coverage_legend(lang: str) -> alt.LayerChart:
    """The fills' legend as a chart of its own (starts at the left edge, fits a phone), in FILLS order."""
    return legend_chart(_legend_entries(lang), t("coverage.legend_title", lang))


def coverage_legend_text(lang: str) -> str:
    """The same legend as text: the legend chart's text alternative."""
    return legend_text(_legend_entries(lang), t("coverage.legend_title", lang), lang)
