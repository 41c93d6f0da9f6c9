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

from gdclusters.maps.styles import BACKGROUND_COLOUR, rgba

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
PLAN_BASE_LAYER_ID = "plan_bases"
CITY_FIGURE_LAYER_ID = "city_figures"
MAP_HEIGHT = 560
# Assumed size of the map on screen when fitting the initial view (the real width is the container's).
VIEW_WIDTH_PX = 720
VIEW_HEIGHT_PX = MAP_HEIGHT
PLAN_BASE_FILL = "#ffffff"
PLAN_BASE_OUTLINE = "#222222"
# City-figure badges: white count on a dark purple label (distinct from the blue fills and the white base dots),
# starting just right of the city's label point, so that a plan-base dot on that point stays visible.
CITY_FIGURE_TEXT = "#ffffff"
CITY_FIGURE_BACKGROUND = "#5e3c99"
CITY_FIGURE_OFFSET_PX = [9, 0]
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


def host_city_deck(
    city_features: list[dict],
    view: pdk.ViewState,
    *,
    region_outlines: list[dict] | None = None,
    plan_bases: list[dict] | None = None,
    city_figures: list[dict] | None = None,
) -> pdk.Deck:
    """The choropleth of the 21 prefectures (no basemap), with optional region outlines, plan-base markers and
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
    if plan_bases:
        layers.append(
            pdk.Layer(
                "ScatterplotLayer",
                id=PLAN_BASE_LAYER_ID,
                data=plan_bases,
                pickable=True,
                stroked=True,
                filled=True,
                get_position="position",
                get_radius=6,
                radius_units=PIXELS,
                get_fill_color=rgba(PLAN_BASE_FILL),
                get_line_color=rgba(PLAN_BASE_OUTLINE),
                line_width_min_pixels=2,
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
