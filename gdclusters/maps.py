"""Pure builders for the prefecture maps: pydeck choropleths (Map page, offline HTML), Altair maps (the Overview and
Cluster profile on screen, with shapes the browser fetches once; every image export, with the shapes inline).

The data side turns the analysis frames into one style row per city (fill, outline, legend label, tooltip
text); choropleth_features() attaches those rows to the boundary features, keeping only the few flat
properties the map reads. Two colourings exist: by how many clusters a city is named for (a sequential,
colour-blind-safe blue scale), and by the strongest role a city plays for the selected clusters (core dark,
base medium, region-level mention pale orange with an orange outline, none light grey).

Tooltips use deck.gl's text template, which both Streamlit and the exported HTML map put into the page
with innerText: a value from the data is shown as typed and can never become markup.

Geometry work (ring orientation for Vega, label points, region outlines, the mainland extent) depends only
on the boundary features, and the city–cluster joins only on the dataset; the app loads both once (and treats
them as read-only), so these are memoised by the identity of that object.
"""

from __future__ import annotations

import json
import math
import urllib.parse
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import altair as alt
import pandas as pd
import pydeck as pdk
import shapely
from pydeck.bindings.json_tools import default_serialize
from shapely.geometry import mapping, shape

from gdclusters.analysis import city_mask, cluster_mask, filter_links, host_links, memoised_per_args, region_links
from gdclusters.dataset import Dataset
from gdclusters.domain import ROLE_ORDER
from gdclusters.i18n import t
from gdclusters.sourcing import source_labels
from gdclusters.state import Filters

BACKGROUND_COLOUR = "#f4f6f8"
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
# Parts of a city farther than this (degrees) from its largest part are offshore islands.
OFFSHORE_DEGREES = 1.5

# ColorBrewer Blues (sequential, colour-blind safe), light to dark; the lightest step is left out so that
# "one cluster" stays distinct from "none" (grey).
COUNT_PALETTE = ("#c6dbef", "#9ecae1", "#6baed6", "#4292c6", "#2171b5", "#08519c", "#08306b")
NONE_COLOUR = "#dedede"
OUTSIDE_COLOUR = "#f7f7f7"
OUTSIDE_OUTLINE = "#c4c4c4"
CITY_OUTLINE = "#ffffff"
ROLE_COLOURS = {"core": "#08306b", "base": "#4292c6", "region": "#fdd9a8", "none": NONE_COLOUR}
ROLE_OUTLINES = {"core": CITY_OUTLINE, "base": CITY_OUTLINE, "region": "#d9730d", "none": CITY_OUTLINE}
# Okabe–Ito colours for the region outlines: distinct from the blue fills and from one another.
REGION_OUTLINES = {
    "pearl_river_delta": "#d55e00",
    "coastal_east": "#009e73",
    "coastal_west": "#cc79a7",
    "northern_ecological": "#e69f00",
}
PLAN_BASE_FILL = "#ffffff"
PLAN_BASE_OUTLINE = "#222222"
# City-figure badges: white count on a dark purple label (distinct from the blue fills and the white base dots),
# starting just right of the city's label point, so that a plan-base dot on that point stays visible.
CITY_FIGURE_TEXT = "#ffffff"
CITY_FIGURE_BACKGROUND = "#5e3c99"
CITY_FIGURE_OFFSET_PX = [9, 0]
COUNT_COLUMNS = ("n_clusters", "n_pillar", "n_emerging")
TOOLTIP_STYLE = {
    "backgroundColor": "#ffffff",
    "color": "#1a1a1a",
    "fontSize": "12px",
    "maxWidth": "380px",
    "whiteSpace": "pre-line",
    "border": "1px solid #c4c4c4",
    "padding": "6px 8px",
}
STYLE_COLUMNS = ["adcode", "city", "value", "legend", "fill", "outline", "tooltip"]
CITY_DATASET = "prefectures"
# The display geometry (geo/build_boundaries.py writes static/prefectures_display.geojson), fetched by the
# browser once, relative to the page: Streamlit serves static/ at app/static/ (server.enableStaticServing).
DISPLAY_SHAPES_URL = "app/static/prefectures_display.geojson"
LEGEND_WIDTH = 230
LEGEND_ROW_HEIGHT = 22
STATIC_WIDTH = 560
STATIC_HEIGHT = 430


@dataclass(frozen=True)
class LegendEntry:
    """One swatch of a map legend: its label, fill colour and outline colour."""

    label: str
    fill: str
    outline: str = CITY_OUTLINE


@dataclass(frozen=True, eq=False)
class Boundaries:
    """The boundary features, equal and hashed by identity: the app loads them once and never changes them,
    so functions memoised per argument tuple (analysis.memoised_per_args) can take them."""

    features: list[dict]


# ---------------------------------------------------------------- small helpers


def rgba(hex_colour: str, alpha: int = 255) -> list[int]:
    """'#rrggbb' as the [r, g, b, a] list deck.gl expects."""
    value = hex_colour.lstrip("#")
    return [int(value[i : i + 2], 16) for i in (0, 2, 4)] + [alpha]


def name_columns(lang: str) -> tuple[str, str]:
    """The name column of lang and of the other language."""
    return ("name_zh", "name_en") if lang == "zh" else ("name_en", "name_zh")


def _labels_for(ids: str, labels: Mapping[str, str]) -> str:
    """Labels of the '; '-joined source ids."""
    return "; ".join(dict.fromkeys(labels.get(s, s) for s in ids.split("; ") if s))


def has_cluster_selection(filters: Filters) -> bool:
    """True when the cluster, category or tier filter narrows the set of clusters (the map shows roles)."""
    return bool(filters.clusters or filters.categories or filters.tiers)


def cities_in_filter(ds: Dataset, filters: Filters) -> frozenset[str]:
    """Adcodes passing the city and region filters."""
    return frozenset(ds.cities.loc[city_mask(ds, filters), "adcode"])


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


# ---------------------------------------------------------------- links and styles


@memoised_per_args
def link_table(ds: Dataset, filters: Filters, lang: str) -> pd.DataFrame:
    """Every city–cluster link the map shows: named hosts with their role, then region-level mentions."""
    suffix = "zh" if lang == "zh" else "en"
    labels = source_labels(ds.sources)
    hosts = filter_links(host_links(ds), ds, filters)
    hosts = hosts.assign(
        role_key=hosts["role"],
        detail=hosts["role_detail"],
        source=hosts["source_ids"].map(lambda ids: _labels_for(ids, labels)),
    )
    regions = filter_links(region_links(ds), ds, filters)
    pairs = pd.MultiIndex.from_frame(regions[["cluster_id", "adcode"]])
    regions = regions[~pairs.isin(pd.MultiIndex.from_frame(hosts[["cluster_id", "adcode"]]))]
    regions = (
        regions.groupby(["cluster_id", "adcode"], sort=False)
        .agg(
            detail=(f"region_name_{suffix}", lambda s: "; ".join(dict.fromkeys(s))),
            quote=("quote", "first"),
            source_ids=("source_id", lambda s: "; ".join(dict.fromkeys(s))),
            cluster=(f"cluster_{suffix}", "first"),
            city=(f"city_{suffix}", "first"),
            category=("category", "first"),
        )
        .reset_index()
    )
    regions = regions.assign(role_key="region", source=regions["source_ids"].map(lambda ids: _labels_for(ids, labels)))
    hosts = hosts.assign(cluster=hosts[f"cluster_{suffix}"], city=hosts[f"city_{suffix}"])
    columns = [
        "adcode",
        "cluster_id",
        "role_key",
        "city",
        "cluster",
        "category",
        "detail",
        "quote",
        "source",
        "source_ids",
    ]
    out = pd.concat([hosts[columns], regions[columns]], ignore_index=True)
    out["role_rank"] = out["role_key"].map({"core": 0, "base": 1, "region": 2})
    out = out.sort_values(["adcode", "role_rank", "cluster"]).drop(columns="role_rank").reset_index(drop=True)
    out["role"] = out["role_key"].map(lambda role: role_label(role, lang))
    out["category"] = out["category"].map(lambda c: t(f"category.{c}", lang))
    return out[
        [
            "adcode",
            "cluster_id",
            "role_key",
            "city",
            "cluster",
            "category",
            "role",
            "detail",
            "quote",
            "source",
            "source_ids",
        ]
    ]


def link_source_ids(links: pd.DataFrame) -> list[str]:
    """Distinct source ids behind the links, in order of first use."""
    ids: dict[str, None] = {}
    for joined in links["source_ids"]:
        ids.update(dict.fromkeys(s for s in joined.split("; ") if s))
    return list(ids)


def role_label(role: str, lang: str) -> str:
    """The legend/table label of a role; a region-level mention says the city was not named."""
    return t("map.legend_region", lang) if role == "region" else t(f"role.{role}", lang)


def count_classes(max_count: int, max_classes: int = len(COUNT_PALETTE)) -> list[tuple[int, int]]:
    """Class ranges (low, high) covering 1..max_count in at most max_classes equal-width steps."""
    if max_count <= 0:
        return []
    width = math.ceil(max_count / max_classes)
    return [(low, min(low + width - 1, max_count)) for low in range(1, max_count + 1, width)]


def class_colours(n_classes: int) -> list[str]:
    """n_classes colours spread over the sequential palette, light to dark."""
    if n_classes <= 0:
        return []
    if n_classes == 1:
        return [COUNT_PALETTE[len(COUNT_PALETTE) // 2]]
    last = len(COUNT_PALETTE) - 1
    return [COUNT_PALETTE[round(i * last / (n_classes - 1))] for i in range(n_classes)]


def class_label(low: int, high: int) -> str:
    """'3' or '3–4' for a count class."""
    return str(low) if low == high else f"{low}–{high}"


def count_legend(scale_max: int, lang: str, outside: bool = False) -> list[LegendEntry]:
    """Legend of the count colouring: none, then each class, then (if any) cities outside the filters."""
    entries = [LegendEntry(t("map.legend_zero", lang), NONE_COLOUR)]
    classes = count_classes(scale_max)
    entries += [
        LegendEntry(class_label(low, high), colour)
        for (low, high), colour in zip(classes, class_colours(len(classes)), strict=True)
    ]
    if outside:
        entries.append(LegendEntry(t("map.legend_outside", lang), OUTSIDE_COLOUR, OUTSIDE_OUTLINE))
    return entries


def role_legend(lang: str, outside: bool = False) -> list[LegendEntry]:
    """Legend of the role colouring (core, base, region-level mention, none), plus cities outside the filters."""
    entries = [LegendEntry(role_label(role, lang), ROLE_COLOURS[role], ROLE_OUTLINES[role]) for role in ROLE_ORDER]
    if outside:
        entries.append(LegendEntry(t("map.legend_outside", lang), OUTSIDE_COLOUR, OUTSIDE_OUTLINE))
    return entries


def region_legend(lang: str) -> list[LegendEntry]:
    """Legend of the region outlines (outline colour only)."""
    return [LegendEntry(t(f"region.{region}", lang), "#ffffff", colour) for region, colour in REGION_OUTLINES.items()]


def _city_title(row: Mapping[str, Any], lang: str) -> str:
    """'Shenzhen 深圳市' (or '深圳市 Shenzhen'): the name in both languages."""
    first, second = name_columns(lang)
    return f"{row[first]} {row[second]}"


def count_scale_max(summary: pd.DataFrame) -> int:
    """Top of the count colour scale: the most clusters any city is named for (shared by the split views)."""
    return int(summary["n_clusters"].max()) if len(summary) else 0


def count_styles(
    summary: pd.DataFrame, value_col: str, lang: str, scale_max: int | None = None, click_hint: bool = False
) -> pd.DataFrame:
    """Per city: fill by the number of clusters it is named for (value_col of analysis.city_summary) and tooltip.

    Region-level mentions never add to the count; the tooltip lists them separately. The colour scale tops
    out at the total count's maximum unless scale_max says otherwise, so the pillar and emerging views compare.
    """
    if value_col not in COUNT_COLUMNS:
        raise ValueError(f"value_col must be one of {COUNT_COLUMNS}, not {value_col!r}")
    suffix = "zh" if lang == "zh" else "en"
    top = count_scale_max(summary) if scale_max is None else int(scale_max)
    classes = count_classes(top)
    colours = class_colours(len(classes))
    rows = []
    for row in summary.to_dict("records"):
        value = int(row[value_col])
        inside = bool(row["in_filter"])
        if not inside:
            fill, outline, legend = OUTSIDE_COLOUR, OUTSIDE_OUTLINE, t("map.legend_outside", lang)
        elif value == 0:
            fill, outline, legend = NONE_COLOUR, CITY_OUTLINE, t("map.legend_zero", lang)
        else:
            index = next(i for i, (low, high) in enumerate(classes) if low <= value <= high or i == len(classes) - 1)
            fill, outline, legend = colours[index], CITY_OUTLINE, class_label(*classes[index])
        lines = [_city_title(row, lang)]
        if inside:
            lines.append(
                t("map.tip_count", lang, n=row["n_clusters"], pillar=row["n_pillar"], emerging=row["n_emerging"])
            )
            if row[f"clusters_{suffix}"]:
                lines.append(t("map.tip_clusters", lang, names=row[f"clusters_{suffix}"]))
            if row["n_region_only"]:
                lines.append(
                    t("map.tip_region_only", lang, n=row["n_region_only"], names=row[f"region_clusters_{suffix}"])
                )
        else:
            lines.append(t("map.tip_outside", lang))
        if click_hint:
            lines.append(t("map.tip_click", lang))
        rows.append(
            {
                "adcode": row["adcode"],
                "city": row[name_columns(lang)[0]],
                "value": value,
                "legend": legend,
                "fill": fill,
                "outline": outline,
                "tooltip": "\n".join(lines),
            }
        )
    return pd.DataFrame(rows, columns=STYLE_COLUMNS)


def role_styles(
    roles: pd.DataFrame, links: pd.DataFrame, in_filter: Iterable[str], lang: str, click_hint: bool = False
) -> pd.DataFrame:
    """Per city: fill by its strongest role (analysis.selected_cluster_roles) and a tooltip listing each link.

    links is link_table() for the same filters: the tooltip names every cluster with the city's role in it,
    and the region-level mentions separately.
    """
    inside = set(in_filter)
    per_city: dict[str, list[str]] = {}
    per_city_regions: dict[str, list[str]] = {}
    for link in links.to_dict("records"):
        if link["role_key"] == "region":
            per_city_regions.setdefault(link["adcode"], []).append(
                t("map.tip_region_item", lang, cluster=link["cluster"], region=link["detail"])
            )
        else:
            per_city.setdefault(link["adcode"], []).append(
                t("map.tip_link_item", lang, cluster=link["cluster"], role=link["role"])
            )
    rows = []
    for row in roles.to_dict("records"):
        adcode = row["adcode"]
        role = row["role"] if row["role"] in ROLE_COLOURS else "none"
        lines = [_city_title(row, lang)]
        if adcode not in inside:
            fill, outline, legend = OUTSIDE_COLOUR, OUTSIDE_OUTLINE, t("map.legend_outside", lang)
            lines.append(t("map.tip_outside", lang))
        else:
            fill, outline, legend = ROLE_COLOURS[role], ROLE_OUTLINES[role], role_label(role, lang)
            lines.append(t("map.tip_role", lang, role=legend))
            if adcode in per_city:
                lines.append(t("map.tip_links", lang, links="; ".join(per_city[adcode])))
            if adcode in per_city_regions:
                lines.append(t("map.tip_region_links", lang, links="; ".join(per_city_regions[adcode])))
        if click_hint:
            lines.append(t("map.tip_click", lang))
        rows.append(
            {
                "adcode": adcode,
                "city": row[name_columns(lang)[0]],
                "value": role,
                "legend": legend,
                "fill": fill,
                "outline": outline,
                "tooltip": "\n".join(lines),
            }
        )
    return pd.DataFrame(rows, columns=STYLE_COLUMNS)


def export_frame(styles: pd.DataFrame) -> pd.DataFrame:
    """The data behind a map for its CSV download: one row per city with its value, legend class and details."""
    return styles[["adcode", "city", "value", "legend", "tooltip"]].rename(columns={"tooltip": "details"})


def choropleth_features(features: Sequence[Mapping], styles: pd.DataFrame) -> list[dict]:
    """Boundary features carrying only the flat properties the map reads (adcode, colours, tooltip)."""
    by_adcode = {row["adcode"]: row for row in styles.to_dict("records")}
    out = []
    for feature in features:
        adcode = feature["properties"]["adcode"]
        style = by_adcode.get(adcode)
        if style is None:
            continue
        # The region-level mention is told apart by its outline as well as its fill.
        outline_width = 3 if style["outline"] == ROLE_OUTLINES["region"] else 1
        out.append(
            {
                "type": "Feature",
                "geometry": feature["geometry"],
                "properties": {
                    "adcode": adcode,
                    "fill": rgba(style["fill"]),
                    "line": rgba(style["outline"]),
                    "line_width": outline_width,
                    "legend": style["legend"],
                    "tooltip": style["tooltip"],
                },
            }
        )
    return out


# ---------------------------------------------------------------- geometry (memoised per boundary object)


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


def _oriented(features: Sequence[Mapping]) -> dict[str, dict]:
    """adcode -> GeoJSON geometry with clockwise exterior rings (what Vega's geoshape expects)."""

    def compute() -> dict[str, dict]:
        return {
            adcode: mapping(shapely.orient_polygons(geometry, exterior_cw=True))
            for adcode, geometry in _shapes(features).items()
        }

    return _memo("oriented", features, compute)


# ---------------------------------------------------------------- plan bases 2016–2020


def plan_base_table(ds: Dataset, filters: Filters, lang: str) -> pd.DataFrame:
    """Bases of the 2016–2020 emerging-industry table related to the filtered clusters, for comparison."""
    suffix = "zh" if lang == "zh" else "en"
    bases = ds.plan_bases_2016_2020
    if has_cluster_selection(filters):
        wanted = set(ds.clusters.loc[cluster_mask(ds, filters), "cluster_id"])
        bases = bases[bases["related_cluster_id"].isin(wanted)]
    inside = cities_in_filter(ds, filters)
    region_cities = {row.region_id: set(row.adcodes.split()) for row in ds.regions.itertuples()}
    keep = [
        (adcode in inside) if adcode else bool(region_cities.get(region, set()) & inside)
        for adcode, region in zip(bases["adcode"], bases["region_id"], strict=True)
    ]
    bases = bases[pd.Series(keep, index=bases.index, dtype=bool)]
    city_names = dict(zip(ds.cities["adcode"], ds.cities[f"name_{suffix}"], strict=True))
    region_names = dict(zip(ds.regions["region_id"], ds.regions[f"name_{suffix}"], strict=True))
    cluster_names = dict(zip(ds.clusters["cluster_id"], ds.clusters[f"name_{suffix}"], strict=True))
    labels = source_labels(ds.sources)
    out = pd.DataFrame(
        {
            "adcode": bases["adcode"],
            "place": [
                city_names.get(a) if a else region_names.get(r, r)
                for a, r in zip(bases["adcode"], bases["region_id"], strict=True)
            ],
            "field": bases[f"field_{suffix}"],
            "detail": bases["base_detail"],
            "related_cluster": bases["related_cluster_id"].map(lambda c: cluster_names.get(c, "")),
            "quote": bases["quote"],
            "source": bases["source_id"].map(lambda s: labels.get(s, s)),
            "source_id": bases["source_id"],
        }
    )
    return out.reset_index(drop=True)


def plan_base_points(bases: pd.DataFrame, features: Sequence[Mapping], lang: str) -> list[dict]:
    """One marker per city named in the plan-bases table (region-only rows are listed, not drawn)."""
    points = label_points(features)
    out = []
    for adcode, group in bases[bases["adcode"] != ""].groupby("adcode", sort=True):
        if adcode not in points:
            continue
        fields = "; ".join(dict.fromkeys(group["field"]))
        lines = [t("map.tip_plan_base", lang, place=group["place"].iloc[0], fields=fields)]
        out.append({"position": list(points[adcode]), "adcode": adcode, "n": len(group), "tooltip": "\n".join(lines)})
    return out


# ---------------------------------------------------------------- the deck


# pydeck turns every plain string argument into a deck.gl expression; a unit must stay a string literal.
PIXELS = pdk.types.String("pixels")


class CompactDeck(pdk.Deck):
    """A Deck whose JSON has no indentation: the same spec in a fraction of the bytes sent on each rerun."""

    def to_json(self) -> str:
        """The deck's JSON spec without whitespace."""
        return json.dumps(self, sort_keys=True, default=default_serialize, separators=(",", ":"), ensure_ascii=False)


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


# ---------------------------------------------------------------- the static twin (Altair)


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
) -> alt.LayerChart:
    """The Altair twin of a choropleth: same colours and legend, title, filters and source.

    For image exports, or on screen (tooltips=True, title "") where a WebGL map is not needed. The shapes
    carry only their adcode; each city's name, legend class and tooltip are joined to them by a lookup on
    adcode, so the part of the spec that changes with the filters is 21 small rows. With shapes_url the
    browser fetches the shapes (the coarser display file, DISPLAY_SHAPES_URL) instead of receiving them in the
    spec: for the screen only, since an exported spec must be self-contained.
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
                "lon": lon,
                "lat": lat,
                **({"tooltip": style["tooltip"]} if tooltips else {}),
            }
        )
    cities = alt.InlineData(values=rows)
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
                legend=alt.Legend(orient="right", symbolType="square", symbolStrokeColor="#888888"),
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
    halo = label_base.mark_text(fontSize=9, stroke="#ffffff", strokeWidth=2.5, strokeOpacity=0.8)
    names_layer = label_base.mark_text(fontSize=9, color="#1a1a1a")
    lines = [line for line in (*subtitle, source_line) if line]
    heading = {"title": alt.TitleParams(text=title, subtitle=lines or alt.Undefined, anchor="start")} if title else {}
    chart = (
        alt.layer(shapes, halo, names_layer)
        .project(type="mercator")
        .properties(
            width=STATIC_WIDTH,
            height=STATIC_HEIGHT,
            **heading,
        )
        .configure_view(stroke=None, fill=BACKGROUND_COLOUR)
    )
    if not shapes_url:
        oriented = _oriented(features)
        chart.datasets = {
            CITY_DATASET: [
                {"type": "Feature", "geometry": oriented[adcode], "properties": {"adcode": adcode}} for adcode in names
            ]
        }
    return chart


def legend_chart(entries: Sequence[LegendEntry], title: str) -> alt.LayerChart:
    """A small stand-alone legend (swatch + label per entry, in order) to draw beside a pydeck map."""
    rows = [{"order": i, "label": e.label, "fill": e.fill, "outline": e.outline} for i, e in enumerate(entries)]
    base = alt.Chart(alt.Data(values=rows)).encode(y=alt.Y("order:O", axis=None))
    swatches = base.mark_square(size=220, strokeWidth=2, opacity=1).encode(
        x=alt.value(9), color=alt.Color("fill:N", scale=None), stroke=alt.Stroke("outline:N", scale=None)
    )
    labels = base.mark_text(align="left", baseline="middle", fontSize=12, limit=LEGEND_WIDTH - 26).encode(
        x=alt.value(24), text="label:N"
    )
    return (
        alt.layer(swatches, labels)
        .properties(
            width=LEGEND_WIDTH,
            height=alt.Step(LEGEND_ROW_HEIGHT),
            title=alt.TitleParams(title, anchor="start", fontSize=12, limit=LEGEND_WIDTH),
        )
        .configure_view(stroke=None)
    )


def map_title(mode: str, lang: str, value_col: str = "n_clusters") -> str:
    """Title of a map: the count measure shown, or the roles for the selected clusters."""
    return t(f"map.title_{value_col}", lang) if mode == "count" else t("map.title_roles", lang)
