"""A small pydeck map for the export tests: two city shapes (one name carrying a script payload) on a blank style.

tests/unit/test_export.py checks the offline HTML it becomes; tests/browser/test_offline_html.py opens that
HTML in Chromium.
"""

from __future__ import annotations

import json
import urllib.parse

import pydeck as pdk


def mainland_style() -> str:
    background = {
        "version": 8,
        "sources": {},
        "layers": [{"id": "bg", "type": "background", "paint": {"background-color": "#f4f6f8"}}],
    }
    return "data:application/json," + urllib.parse.quote(json.dumps(background))


def sample_deck() -> pdk.Deck:
    features = [
        {
            "type": "Feature",
            "properties": {"name": "深圳 </script><script>alert(1)</script>", "roles": 3},
            "geometry": {
                "type": "Polygon",
                "coordinates": [[[113.8, 22.5], [114.6, 22.5], [114.6, 22.8], [113.8, 22.8], [113.8, 22.5]]],
            },
        },
        {
            "type": "Feature",
            "properties": {"name": "广州", "roles": 5},
            "geometry": {
                "type": "Polygon",
                "coordinates": [[[113.1, 22.9], [113.8, 22.9], [113.8, 23.6], [113.1, 23.6], [113.1, 22.9]]],
            },
        },
    ]
    layer = pdk.Layer(
        "GeoJsonLayer",
        data={"type": "FeatureCollection", "features": features},
        get_fill_color=[200, 30, 30, 220],
        get_line_color=[20, 20, 20],
        line_width_min_pixels=1,
        pickable=True,
    )
    return pdk.Deck(
        layers=[layer],
        initial_view_state=pdk.ViewState(latitude=23.05, longitude=113.85, zoom=7),
        map_provider=None,
        map_style=mainland_style(),
        tooltip={"html": "<b>{name}</b>"},
    )
