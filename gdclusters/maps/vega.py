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
    # Below, in rows of three: in one row the six count classes run past a phone's edge.
    legend_side: Literal["bottom", "right"] = "bottom" if legends_below else "right"
    columns = 3 if legends_below else alt.Undefined
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
                legend=alt.Legend(
                    orient=legend_side, columns=columns, symbolType="square", symbolStrokeColor="#888888"
                ),
            ),
            stroke=alt.Stroke(
                "legend:N", legend=None, scale=alt.Scale(domain=domain, range=[entry.outline for entry in legend])
            ),
        )
    )
    if tooltips:
        shapes = shapes.encode(tooltip=alt.Tooltip("tooltip:N", title=legend_title or " "))
    # Dark text over a light halo (a stroked copy drawn first) stays readable on the darkest and lightest fills.
    label_base = alt.Chart(cities).encode(longitude="lon:Q", latitude="lat:Q", text="name:N")
    if tooltips:  # a label covers part of its city: it shows the city's tooltip, not its own coordinates
        label_base = label_base.encode(tooltip=alt.Tooltip("tooltip:N", title=legend_title or " "))
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
                legend=alt.Legend(orient=legend_side, columns=columns),
            ),
        )
        if tooltips:
            markers = markers.encode(tooltip=alt.Tooltip("tooltip:N", title=legend_title or " "))
        layers.append(markers)
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
