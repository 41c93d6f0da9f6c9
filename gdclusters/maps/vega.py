"""The Altair (Vega-Lite) maps: the static twin of a choropleth and a stand-alone legend.

The Overview and Cluster profile show the static map on screen, with shapes the browser fetches once; every
image export uses it with the shapes inline. legend_chart() is the legend drawn beside a pydeck map.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Literal

import altair as alt
import pandas as pd

from gdclusters.i18n import t
from gdclusters.maps.geometry import label_points, oriented_shapes
from gdclusters.maps.styles import (
    BACKGROUND_COLOUR,
    MARKER_FILL,
    MARKER_STROKE,
    ROLE_MARKERS,
    LegendEntry,
    name_columns,
    role_label,
)

CITY_DATASET = "prefectures"
# The display geometry (geo/build_boundaries.py writes static/prefectures_display.geojson), fetched by the
# browser once, relative to the page: Streamlit serves static/ at app/static/ (server.enableStaticServing).
DISPLAY_SHAPES_URL = "app/static/prefectures_display.geojson"
LEGEND_WIDTH = 230
LEGEND_ROW_HEIGHT = 22
STATIC_WIDTH = 560
STATIC_HEIGHT = 430
# Area (px²) of a role marker on the static map and in the legends beside a map.
STATIC_MARKER_SIZE = 60
# With markers on the label points, the names move this far below them.
STATIC_NAME_SHIFT_PX = 10
LEGEND_MARKER_SIZE = 80


# A legend below a map on a phone: the width its rows may take (a 390 px screen less the page's margins), and per
# entry the symbol, its gap and the column padding, in pixels; a label's width is estimated per character.
PHONE_LEGEND_WIDTH = 330
LEGEND_ENTRY_PX = 30
LABEL_PX_LATIN = 6.5
LABEL_PX_WIDE = 11.5


def label_width(label: str) -> float:
    """A legend label's width in pixels, estimated (a Chinese character or full-width sign is about twice a Latin one)."""
    return sum(LABEL_PX_WIDE if ord(char) > 0x2E7F else LABEL_PX_LATIN for char in label)


def legend_columns(labels: Sequence[str], most: int = 3, width: float = PHONE_LEGEND_WIDTH) -> int:
    """How many columns a legend below a phone's map can have with no label cut or past the screen's edge.

    Entries fill the rows left to right, and each column is as wide as its widest entry: the most columns (up to
    most) whose widths add up to at most width, else one.
    """
    for n in range(most, 1, -1):
        widths = [max((label_width(label) for label in labels[i::n]), default=0) + LEGEND_ENTRY_PX for i in range(n)]
        if sum(widths) <= width:
            return n
    return 1


def static_map_chart(
    features: Sequence[Mapping],
    styles: pd.DataFrame,
    legend: Sequence[LegendEntry],
    *,
    title: str,
    subtitle: Sequence[str] = (),
    source_line: str = "",
    legend_title: str = "",
    lang: str = "en",
    tooltips: bool = False,
    shapes_url: str | None = None,
    legends_below: bool = False,
) -> alt.LayerChart:
    """The Altair twin of a choropleth: same colours and legend, title, filters and source.

    For image exports, or on screen (tooltips=True, title "") where a WebGL map is not needed. The shapes
    carry only their adcode; each city's name, legend class and tooltip are joined to them by a lookup on
    adcode, so the part of the spec that changes with the filters is 21 small rows. With shapes_url the
    browser fetches the shapes (the coarser display file, DISPLAY_SHAPES_URL) instead of receiving them in the
    spec: for the screen only, since an exported spec must be self-contained. legends_below: the legends under
    the map instead of beside it (for a phone).
    """
    points = label_points(features)
    first, _ = name_columns(lang)
    names = {feature["properties"]["adcode"]: feature["properties"].get(first) for feature in features}
    # One row per city: the lookup table for the shapes and, at its label point, the city's name label.
    rows = []
    for style in styles.to_dict("records"):
        adcode = style["adcode"]
        if adcode not in points:
            continue
        lon, lat = points[adcode]
        rows.append(
            {
                "adcode": adcode,
                "name": names.get(adcode) or adcode,
                "legend": style["legend"],
                "marker": style.get("marker") or "",
                "lon": lon,
                "lat": lat,
                **({"tooltip": style["tooltip"]} if tooltips else {}),
            }
        )
    cities = alt.InlineData(values=rows)
    # Beside the map it takes half a phone's width (the map then draws at half size, over a tall blank); below it
    # takes height, which a desktop has less of.
    # Below, in rows of up to three: in one row the six count classes run past a phone's edge, and a long label
    # ('Region-level mention (not named)') takes fewer columns, since labels are never cut (labelLimit 0).
    legend_side: Literal["bottom", "right"] = "bottom" if legends_below else "right"
    columns = legend_columns([entry.label for entry in legend]) if legends_below else alt.Undefined
    domain = [entry.label for entry in legend]
    shapes_data: alt.UrlData | alt.NamedData
    if shapes_url:
        shapes_data = alt.UrlData(url=shapes_url, format=alt.DataFormat(type="json", property="features"))
    else:
        # A named dataset attached to the finished chart: passing thousands of coordinates through alt.Data
        # would make Altair walk every one of them when the chart is built.
        shapes_data = alt.NamedData(name=CITY_DATASET)
    fields = ["name", "legend", *(["tooltip"] if tooltips else [])]
    shapes = (
        alt.Chart(shapes_data)
        .mark_geoshape(strokeWidth=1)
        .transform_lookup(
            lookup="properties.adcode",
            from_=alt.LookupData(data=cities, key="adcode", fields=fields),
        )
        .transform_filter("isValid(datum.legend)")
        .encode(
            color=alt.Color(
                "legend:N",
                title=legend_title or None,
                scale=alt.Scale(domain=domain, range=[entry.fill for entry in legend]),
                # No label limit (Vega cuts labels at 160 px by default: 'Region-level mention (not named)').
                legend=alt.Legend(
                    orient=legend_side,
                    columns=columns,
                    symbolType="square",
                    symbolStrokeColor="#888888",
                    labelLimit=0,
                ),
            ),
            stroke=alt.Stroke(
                "legend:N", legend=None, scale=alt.Scale(domain=domain, range=[entry.outline for entry in legend])
            ),
        )
    )
    # Without a tooltip text of its own, every layer gets an explicit one (the city and its class, headers in lang):
    # the screen's default tooltip would list the encoded fields under their internal names ('legend').
    tip: alt.Tooltip | list[alt.Tooltip] = (
        alt.Tooltip("tooltip:N", title=legend_title or " ")
        if tooltips
        else [
            alt.Tooltip("name:N", title=t("map.col_city", lang)),
            alt.Tooltip("legend:N", title=legend_title or t("map.col_role", lang)),
        ]
    )
    shapes = shapes.encode(tooltip=tip)
    # Dark text over a light halo (a stroked copy drawn first) stays readable on the darkest and lightest fills.
    # A label covers part of its city: it shows the city's tooltip, not its own coordinates.
    label_base = alt.Chart(cities).encode(longitude="lon:Q", latitude="lat:Q", text="name:N", tooltip=tip)
    has_markers = any(row["marker"] in ROLE_MARKERS for row in rows)
    name_shift = STATIC_NAME_SHIFT_PX if has_markers else 0
    halo = label_base.mark_text(fontSize=9, stroke="#ffffff", strokeWidth=2.5, strokeOpacity=0.8, dy=name_shift)
    names_layer = label_base.mark_text(fontSize=9, color="#1a1a1a", dy=name_shift)
    layers: list[alt.Chart] = [shapes]
    if has_markers:
        # A role's second channel, as on the deck.gl map: a white circle (core) or triangle (base), with its own
        # legend, so that the roles do not rest on colour alone.
        marker_domain = [role_label(role, lang) for role in ROLE_MARKERS]
        # Its own rows: a filter on the rows the shapes look up from makes Vega lose the lookup's data set.
        marker_rows = [row for row in rows if row["marker"] in ROLE_MARKERS]
        marker_base = alt.Chart(alt.InlineData(values=marker_rows))
        # Fill and stroke are encoded as values (not mark properties) so that the marker legend's symbols take them.
        markers = marker_base.mark_point(filled=True, strokeWidth=1, size=STATIC_MARKER_SIZE, opacity=1).encode(
            longitude="lon:Q",
            latitude="lat:Q",
            fill=alt.value(MARKER_FILL),
            stroke=alt.value(MARKER_STROKE),
            shape=alt.Shape(
                "legend:N",
                title=None,
                scale=alt.Scale(domain=marker_domain, range=list(ROLE_MARKERS.values())),
                legend=alt.Legend(orient=legend_side, columns=columns, labelLimit=0),
            ),
        )
        layers.append(markers.encode(tooltip=tip))
    lines = [line for line in (*subtitle, source_line) if line]
    heading = {"title": alt.TitleParams(text=title, subtitle=lines or alt.Undefined, anchor="start")} if title else {}
    chart = (
        alt.layer(*layers, halo, names_layer)
        .project(type="mercator")
        .properties(
            width=STATIC_WIDTH,
            height=STATIC_HEIGHT,
            **heading,
        )
        .configure_view(stroke=None, fill=BACKGROUND_COLOUR)
    )
    if not shapes_url:
        oriented = oriented_shapes(features)
        chart.datasets = {
            CITY_DATASET: [
                {"type": "Feature", "geometry": oriented[adcode], "properties": {"adcode": adcode}} for adcode in names
            ]
        }
    return chart


def legend_text(entries: Sequence[LegendEntry], title: str, lang: str) -> str:
    """A legend as one line of text (its text alternative): the title, then each entry's label."""
    return t("atlas.legend_text", lang, title=title, labels=t("atlas.joiner", lang).join(e.label for e in entries))


def legend_chart(entries: Sequence[LegendEntry], title: str) -> alt.LayerChart:
    """A small stand-alone legend (swatch + label per entry, in order) to draw beside a pydeck map; an entry with a
    marker shows it on its swatch, as the map does on the city."""
    rows = [
        {"order": i, "label": e.label, "fill": e.fill, "outline": e.outline, "marker": e.marker}
        for i, e in enumerate(entries)
    ]
    base = alt.Chart(alt.Data(values=rows)).encode(y=alt.Y("order:O", axis=None))
    swatches = base.mark_square(size=220, strokeWidth=2, opacity=1).encode(
        x=alt.value(9), color=alt.Color("fill:N", scale=None), stroke=alt.Stroke("outline:N", scale=None)
    )
    labels = base.mark_text(align="left", baseline="middle", fontSize=12, limit=LEGEND_WIDTH - 26).encode(
        x=alt.value(24), text="label:N"
    )
    layers = [swatches, labels]
    if any(e.marker for e in entries):
        markers = (
            base.transform_filter("isValid(datum.marker)")
            .mark_point(
                filled=True, fill=MARKER_FILL, stroke=MARKER_STROKE, strokeWidth=1, size=LEGEND_MARKER_SIZE, opacity=1
            )
            .encode(x=alt.value(9), shape=alt.Shape("marker:N", scale=None))
        )
        layers.insert(1, markers)
    return (
        alt.layer(*layers)
        .properties(
            width=LEGEND_WIDTH,
            height=alt.Step(LEGEND_ROW_HEIGHT),
            title=alt.TitleParams(title, anchor="start", fontSize=12, limit=LEGEND_WIDTH),
        )
        .configure_view(stroke=None)
    )
