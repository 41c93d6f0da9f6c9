"""Page helpers shared by the real-browser journeys (tests/browser/): open a page, find the map, hover a city.

A city is hovered at the pole of inaccessibility of its largest polygon, projected onto the deck.gl canvas with
the deck spec's view state, so a pixel lands well inside the city whatever the window size.
"""

from __future__ import annotations

import json
from pathlib import Path

from playwright.sync_api import Locator, Page, expect
from shapely.geometry import shape
from shapely.ops import polylabel

from tests.support.browser import mercator_pixel, wait_for_rerun

ROOT = Path(__file__).resolve().parents[2]
EXCEPTION = '[data-testid="stException"]'


def interior_points() -> dict[str, tuple[float, float]]:
    """adcode -> (longitude, latitude) of the pole of inaccessibility of the city's largest polygon."""
    collection = json.loads((ROOT / "geo" / "guangdong_prefectures.geojson").read_text(encoding="utf-8"))
    points = {}
    for feature in collection["features"]:
        geometry = shape(feature["geometry"])
        largest = max(getattr(geometry, "geoms", [geometry]), key=lambda polygon: polygon.area)
        point = polylabel(largest, tolerance=0.001)
        points[feature["properties"]["adcode"]] = (point.x, point.y)
    return points


INTERIOR_POINTS = interior_points()


def open_app(page: Page, base: str, path: str = "") -> None:
    """Load a dashboard URL and wait until its first script run has finished and been painted."""
    page.goto(f"{base}/{path}")
    wait_for_rerun(page, 0)
    expect(page.get_by_test_id("stSidebarNav")).to_be_visible()
    expect(page.locator(EXCEPTION)).to_have_count(0)


def record_frames(page: Page) -> list:
    """Collect every websocket frame the page receives (the deck JSON travels in them)."""
    frames: list = []
    page.on("websocket", lambda websocket: websocket.on("framereceived", lambda payload: frames.append(payload)))
    return frames


def map_canvas(page: Page, index: int = 0):
    """The deck.gl canvas of the page's index-th map, once deck.gl has sized it; with its bounding box."""
    canvas = page.get_by_test_id("stDeckGlJsonChart").nth(index).locator("canvas").first
    expect(canvas).to_be_visible()
    # A fresh canvas is 300 x 150 until deck.gl sizes it to its container.
    page.wait_for_function("el => el.clientWidth > 300 && el.clientHeight > 150", arg=canvas.element_handle())
    return canvas, canvas.bounding_box()


def pixel_of(spec: dict, box: dict, adcode: str) -> tuple[float, float]:
    """Where a city's most interior point lands on the map canvas (relative to the canvas)."""
    longitude, latitude = INTERIOR_POINTS[adcode]
    return mercator_pixel(spec["initialViewState"], box["width"], box["height"], longitude, latitude)


def hover_city(page: Page, spec: dict, box: dict, adcode: str) -> Locator:
    """Move the mouse over a city on the map; return deck.gl's tooltip once it shows."""
    x, y = pixel_of(spec, box, adcode)
    page.mouse.move(box["x"] + x, box["y"] + y)
    tooltip = page.locator(".deck-tooltip")
    expect(tooltip).to_be_visible()
    return tooltip
