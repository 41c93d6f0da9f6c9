"""The deck.gl map (Map page, offline HTML): the pydeck choropleth, its initial view and what a click picked.

Tooltips use deck.gl's text template, which both Streamlit and the exported HTML map put into the page
with innerText: a value from the data is shown as typed and can never become markup.
"""

from __future__ import annotations

import json
import math
import urllib.parse
from collections.abc import Mapping, Sequence

import pydeck as pdk
from pydeck.bindings.json_tools import default_serialize

from gdclusters.maps.styles import BACKGROUND_COLOUR, MARKER_FILL, MARKER_STROKE, ROLE_GLYPHS, rgba

# An inline MapLibre style with only a background layer: no basemap, no request leaves the browser.
MAP_STYLE = "data:application/json," + urllib.parse.quote(
    json.dumps(
        {
            "version": 8,
            "sources": {},
            "layers": [{"id": "bg", "type": "background", "paint": {"background-color": BACKGROUND_COLOUR}}],
        }
    )
)
CITY_LAYER_ID = "cities"
REGION_LAYER_ID = "regions"
ROLE_MARKER_LAYER_ID = "role_markers"
PLAN_BASE_LAYER_ID = "plan_bases"
CITY_FIGURE_LAYER_ID = "city_figures"
# Low enough that a phone (390 × 844) shows the map with room above and below to scroll the page past it.
MAP_HEIGHT = 480
# Assumed size of the map on screen when fitting the initial view (the real width is the container's). deck.gl
# cannot fit a view to the width it gets, and no zoom serves both: fitted to a phone (about 360 px of content),
# the province fills about half of the 697 × 480 desktop map; fitted to the desktop map (0.8 zoom levels more),
# a phone would lose about a fifth of the province on each side. So the view is fitted to the device: a phone
# (a browser that says "Mobi" in its User-Agent, as MDN recommends for this test) gets VIEW_WIDTH_PX, anything
# else DESKTOP_VIEW_WIDTH_PX. A narrow desktop window shows the desktop view, cropped and pannable.
VIEW_WIDTH_PX = 380
DESKTOP_VIEW_WIDTH_PX = 690
VIEW_HEIGHT_PX = MAP_HEIGHT
# Role markers (styles.ROLE_GLYPHS: a circle for core, a triangle for base) at the city's label point, drawn as
# text: white with a dark edge, which needs signed-distance-field glyphs. The edge is GLYPH_OUTLINE_WIDTH pixels of
# the glyph atlas (drawn at fontSize), about 0.75 × 7 × 18 / 64 ≈ 1.5 px on screen; the atlas's buffer must be
# wider than the edge. Glyphs beyond ASCII must be listed in the layer's character set to be drawn at all.
ROLE_MARKER_SIZE_PX = 18
GLYPH_FONT = '"DejaVu Sans", "Segoe UI Symbol", "Apple Symbols", Arial, sans-serif'
GLYPH_FONT_SETTINGS = {"sdf": True, "fontSize": 64, "buffer": 8, "radius": 16}
GLYPH_OUTLINE_WIDTH = 7
# Plan-base markers: a dark diamond with a light edge, left of the city's label point, so that they differ in shape
# and tone from the white role markers on that point.
PLAN_BASE_GLYPH = "◆"
PLAN_BASE_FILL = "#222222"
PLAN_BASE_OUTLINE = "#ffffff"
PLAN_BASE_SIZE_PX = 16
PLAN_BASE_OFFSET_PX = [-16, 0]
GLYPH_CHARACTERS = "".join(ROLE_GLYPHS.values()) + PLAN_BASE_GLYPH
# City-figure badges: white count on a dark purple label (distinct from the blue fills and the white role markers),
# starting just right of the city's label point, so that a role marker on that point stays visible.
CITY_FIGURE_TEXT = "#ffffff"
CITY_FIGURE_BACKGROUND = "#5e3c99"
CITY_FIGURE_OFFSET_PX = [12, 0]
TOOLTIP_STYLE = {
    "backgroundColor": "#ffffff",
    "color": "#1a1a1a",
    "fontSize": "12px",
    "maxWidth": "380px",
    "whiteSpace": "pre-line",
    "border": "1px solid #c4c4c4",
    "padding": "6px 8px",
}

# pydeck turns every plain string argument into a deck.gl expression; a unit must stay a string literal.
PIXELS = pdk.types.String("pixels")


class CompactDeck(pdk.Deck):
    """A Deck whose JSON has no indentation: the same spec in a fraction of the bytes sent on each rerun."""

    def to_json(self) -> str:
        """The deck's JSON spec without whitespace."""
        return json.dumps(self, sort_keys=True, default=default_serialize, separators=(",", ":"), ensure_ascii=False)


def _mercator_y(lat: float) -> float:
    """Web-Mercator y of a latitude (radians of the projected plane)."""
    return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))


def is_phone(user_agent: str | None) -> bool:
    """Whether the browser that sent user_agent says it is a phone ("Mobi", as MDN recommends for this test)."""
    return bool(user_agent and "Mobi" in user_agent)


def view_width(user_agent: str | None) -> int:
    """The width to fit the initial view to, for the browser that sent user_agent (see VIEW_WIDTH_PX)."""
    return VIEW_WIDTH_PX if is_phone(user_agent) else DESKTOP_VIEW_WIDTH_PX


def view_state(
    bbox: Sequence[float], width_px: int = VIEW_WIDTH_PX, height_px: int = VIEW_HEIGHT_PX, padding_zoom: float = 0.05
) -> pdk.ViewState:
    """The initial view that fits bbox (west, south, east, north) into a map of about width × height pixels."""
    west, south, east, north = bbox
    lon_fraction = max(east - west, 1e-6) / 360
    y_south, y_north = _mercator_y(south), _mercator_y(north)
    y_fraction = max(y_north - y_south, 1e-6) / (2 * math.pi)
    # deck.gl's world is 512 px wide at zoom 0.
    zoom = math.log2(min(width_px / (512 * lon_fraction), height_px / (512 * y_fraction))) - padding_zoom
    centre_lat = math.degrees(2 * math.atan(math.exp((y_south + y_north) / 2)) - math.pi / 2)
    return pdk.ViewState(
        longitude=round((west + east) / 2, 4),
        latitude=round(centre_lat, 4),
        zoom=round(zoom, 2),
        min_zoom=4,
        max_zoom=11,
        pitch=0,
        bearing=0,
    )


def _glyph_layer(
    layer_id: str,
    data: list[dict],
    *,
    pickable: bool,
    size_px: int,
    fill: str,
    outline: str,
    offset_px: Sequence[int] = (0, 0),
) -> pdk.Layer:
    """A TextLayer drawing each row's glyph at its position: one colour with an edge of another (SDF glyphs)."""
    return pdk.Layer(
        "TextLayer",
        id=layer_id,
        data=data,
        pickable=pickable,
        get_position="position",
        get_text="glyph",
        get_size=size_px,
        size_units=PIXELS,
        get_color=rgba(fill),
        get_pixel_offset=list(offset_px),
        get_text_anchor=pdk.types.String("middle"),
        get_alignment_baseline=pdk.types.String("center"),
        character_set=pdk.types.String(GLYPH_CHARACTERS),
        font_family=pdk.types.String(GLYPH_FONT),
        font_settings=GLYPH_FONT_SETTINGS,
        outline_width=GLYPH_OUTLINE_WIDTH,
        outline_color=rgba(outline),
    )


def host_city_deck(
    city_features: list[dict],
    view: pdk.ViewState,
    *,
    role_markers: list[dict] | None = None,
    region_outlines: list[dict] | None = None,
    plan_bases: list[dict] | None = None,
    city_figures: list[dict] | None = None,
) -> pdk.Deck:
    """The choropleth of the 21 prefectures (no basemap), with optional region outlines, role markers (the second
    channel of a role colouring, never picked: a click goes to the city under it), plan-base markers and
    city-figure badges (drawn last, picked for their tooltip and, like a city, to open its profile)."""
    layers = [
        pdk.Layer(
            "GeoJsonLayer",
            id=CITY_LAYER_ID,
            data=city_features,
            pickable=True,
            stroked=True,
            filled=True,
            auto_highlight=True,
            highlight_color=[255, 200, 0, 120],
            get_fill_color="properties.fill",
            get_line_color="properties.line",
            get_line_width="properties.line_width",
            line_width_units=PIXELS,
            line_width_min_pixels=1,
            # Only the fills are picked: picking the outlines too (about 9,700 path segments) takes 0.4-0.7 s under
            # software WebGL, longer than deck.gl lets a click's press last, so every click on a city was lost.
            _sub_layer_props={"polygons-stroke": {"pickable": False}},
        )
    ]
    if region_outlines:
        layers.append(
            pdk.Layer(
                "GeoJsonLayer",
                id=REGION_LAYER_ID,
                data=region_outlines,
                pickable=False,
                stroked=True,
                filled=False,
                get_line_color="properties.line",
                get_line_width=3,
                line_width_units=PIXELS,
            )
        )
    if role_markers:
        layers.append(
            _glyph_layer(
                ROLE_MARKER_LAYER_ID,
                role_markers,
                pickable=False,
                size_px=ROLE_MARKER_SIZE_PX,
                fill=MARKER_FILL,
                outline=MARKER_STROKE,
            )
        )
    if plan_bases:
        layers.append(
            _glyph_layer(
                PLAN_BASE_LAYER_ID,
                [{**point, "glyph": PLAN_BASE_GLYPH} for point in plan_bases],
                pickable=True,
                size_px=PLAN_BASE_SIZE_PX,
                fill=PLAN_BASE_FILL,
                outline=PLAN_BASE_OUTLINE,
                offset_px=PLAN_BASE_OFFSET_PX,
            )
        )
    if city_figures:
        layers.append(
            pdk.Layer(
                "TextLayer",
                id=CITY_FIGURE_LAYER_ID,
                data=city_figures,
                pickable=True,
                get_position="position",
                get_text="label",
                get_size=13,
                size_units=PIXELS,
                get_color=rgba(CITY_FIGURE_TEXT),
                get_pixel_offset=CITY_FIGURE_OFFSET_PX,
                get_text_anchor=pdk.types.String("start"),
                background=True,
                get_background_color=rgba(CITY_FIGURE_BACKGROUND),
                background_padding=[4, 2],
            )
        )
    return CompactDeck(
        layers=layers,
        initial_view_state=view,
        map_provider=None,
        map_style=MAP_STYLE,
        tooltip={"text": "{tooltip}", "style": TOOLTIP_STYLE},
    )


def adcode_from_selection(selection: Mapping | None) -> str | None:
    """The adcode of the city a map click selected (a city shape, a plan-base marker or a figure badge), if any."""
    if not selection:
        return None
    objects = selection.get("objects") or {}
    for layer_id in (CITY_LAYER_ID, PLAN_BASE_LAYER_ID, CITY_FIGURE_LAYER_ID):
        for picked in objects.get(layer_id) or []:
            if not isinstance(picked, Mapping):
                continue
            properties = picked.get("properties")
            adcode = properties.get("adcode") if isinstance(properties, Mapping) else picked.get("adcode")
            if isinstance(adcode, str) and adcode:
                return adcode
    return None
