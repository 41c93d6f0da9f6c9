"""Geometry derived from the boundary features: label points, extents, region outlines, Vega-oriented rings.

This work depends only on the boundary features, which the app loads once and treats as read-only, so each
result is memoised by the identity of the features object (Boundaries wraps them for functions memoised per
argument tuple).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import shapely
from shapely.geometry import mapping, shape

from gdclusters.i18n import t
from gdclusters.maps.styles import REGION_OUTLINES, rgba

# Parts of a city farther than this (degrees) from its largest part are offshore islands.
OFFSHORE_DEGREES = 1.5


@dataclass(frozen=True, eq=False)
class Boundaries:
    """The boundary features, equal and hashed by identity: the app loads them once and never changes them,
    so functions memoised per argument tuple (analysis.memoised_per_args) can take them."""

    features: list[dict]


_MEMO: dict[tuple[str, int], tuple[Any, Any]] = {}


def _memo(name: str, source: Any, compute: Callable[[], Any]) -> Any:
    """compute() once per source object (the boundary features and the dataset are loaded once, never changed)."""
    key = (name, id(source))
    hit = _MEMO.get(key)
    if hit is not None and hit[0] is source:
        return hit[1]
    if len(_MEMO) > 64:
        _MEMO.clear()
    value = compute()
    # Keeping a reference to source keeps its id from being reused by another object.
    _MEMO[key] = (source, value)
    return value


def _shapes(features: Sequence[Mapping]) -> dict[str, Any]:
    """adcode -> shapely geometry."""
    return _memo("shapes", features, lambda: {f["properties"]["adcode"]: shape(f["geometry"]) for f in features})


def _parts(geometry: Any) -> list[Any]:
    """The polygons of a Polygon or MultiPolygon."""
    return list(geometry.geoms) if hasattr(geometry, "geoms") else [geometry]


def label_points(features: Sequence[Mapping]) -> dict[str, tuple[float, float]]:
    """adcode -> (lon, lat) of a point inside the city's largest part, for labels and markers."""

    def compute() -> dict[str, tuple[float, float]]:
        out = {}
        for adcode, geometry in _shapes(features).items():
            point = max(_parts(geometry), key=lambda part: part.area).representative_point()
            out[adcode] = (round(point.x, 4), round(point.y, 4))
        return out

    return _memo("label_points", features, compute)


def mainland_bbox(features: Sequence[Mapping], provenance: Mapping | None = None) -> tuple[float, float, float, float]:
    """(west, south, east, north) of the mainland: the provenance record's fit_bbox if it has one, else computed."""
    for key in ("fit_bbox", "mainland_bbox"):
        value = (provenance or {}).get(key)
        if isinstance(value, Mapping):
            value = [value.get(k) for k in ("west", "south", "east", "north")]
        if isinstance(value, Sequence) and len(value) == 4 and all(isinstance(v, int | float) for v in value):
            west, south, east, north = (float(v) for v in value)
            return west, south, east, north

    def compute() -> tuple[float, float, float, float]:
        kept = []
        for geometry in _shapes(features).values():
            parts = _parts(geometry)
            largest = max(parts, key=lambda part: part.area)
            kept += [part for part in parts if part.distance(largest) <= OFFSHORE_DEGREES]
        west, south, east, north = (float(v) for v in shapely.total_bounds(kept))
        return west, south, east, north

    return _memo("mainland_bbox", features, compute)


def full_bbox(features: Sequence[Mapping]) -> tuple[float, float, float, float]:
    """(west, south, east, north) of every feature, islands included."""
    return _memo(
        "full_bbox", features, lambda: tuple(float(v) for v in shapely.total_bounds(list(_shapes(features).values())))
    )


def islands_outside(features: Sequence[Mapping], bbox: Sequence[float]) -> bool:
    """True when some territory lies outside bbox (the initial view), so a caption must say so."""
    west, south, east, north = full_bbox(features)
    return west < bbox[0] or south < bbox[1] or east > bbox[2] or north > bbox[3]


def region_outline_features(features: Sequence[Mapping], lang: str) -> list[dict]:
    """One outline feature per region of the 'one core, one belt, one area' split (cities' region property)."""

    def compute() -> list[tuple[str, dict]]:
        groups: dict[str, list[Any]] = {}
        shapes = _shapes(features)
        for feature in features:
            region = feature["properties"].get("region", "")
            groups.setdefault(region, []).append(shapes[feature["properties"]["adcode"]])
        # The boundaries form a valid coverage (geo/provenance.json), so the fast coverage union is exact.
        return [
            (region, mapping(shapely.coverage_union_all(members)))
            for region, members in groups.items()
            if region in REGION_OUTLINES
        ]

    outlines = _memo("region_outlines", features, compute)
    return [
        {
            "type": "Feature",
            "geometry": geometry,
            "properties": {
                "region": region,
                "line": rgba(REGION_OUTLINES[region]),
                "tooltip": t(f"region.{region}", lang),
            },
        }
        for region, geometry in outlines
    ]


def oriented_shapes(features: Sequence[Mapping]) -> dict[str, dict]:
    """adcode -> GeoJSON geometry with clockwise exterior rings (what Vega's geoshape expects)."""

    def compute() -> dict[str, dict]:
        return {
            adcode: mapping(shapely.orient_polygons(geometry, exterior_cw=True))
            for adcode, geometry in _shapes(features).items()
        }

    return _memo("oriented", features, compute)
