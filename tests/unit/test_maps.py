"""Map builders (gdclusters.maps) and the Overview's figures (gdclusters.overview), on the real data and boundaries."""

import dataclasses
import itertools
import json
import xml.etree.ElementTree as ElementTree

import pandas as pd
import pydeck as pdk
import pytest
import shapely
from shapely.geometry import shape

from gdclusters import analysis, export, maps, overview, periods
from gdclusters.dataset import load_dataset
from gdclusters.i18n import t
from gdclusters.paths import BOUNDARIES_FILE, BOUNDARY_PROVENANCE_FILE, REPO_ROOT
from gdclusters.state import Filters

HOSTILE = "<script>alert(1)</script>"
FLAT_PROPERTIES = {"adcode", "fill", "line", "line_width", "legend", "tooltip"}


@pytest.fixture(scope="module")
def ds():
    return load_dataset()


@pytest.fixture(scope="module")
def features():
    return json.loads(BOUNDARIES_FILE.read_text(encoding="utf-8"))["features"]


@pytest.fixture(scope="module")
def provenance():
    return json.loads(BOUNDARY_PROVENANCE_FILE.read_text(encoding="utf-8"))


def summary_for(ds, filters: Filters | None = None):
    return analysis.city_summary(ds, filters or Filters())


def layer_dicts(deck: pdk.Deck) -> list[dict]:
    return json.loads(deck.to_json())["layers"]


def exterior_rings(geometry: dict) -> list[list]:
    polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
    return [polygon[0] for polygon in polygons]


def signed_area(ring: list) -> float:
    return sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in itertools.pairwise(ring)) / 2


# ---------------------------------------------------------------- choropleth features and styles


def test_count_features_carry_only_flat_properties_and_the_count_colours(ds, features):
    summary = summary_for(ds)
    styles = maps.count_styles(summary, "n_clusters", "en")
    city_features = maps.choropleth_features(features, styles)
    assert len(city_features) == 21
    assert all(set(f["properties"]) == FLAT_PROPERTIES for f in city_features), "no extra payload"
    counts = dict(zip(summary["adcode"], summary["n_clusters"], strict=True))
    palette = {tuple(maps.rgba(c)) for c in maps.COUNT_PALETTE}
    for feature in city_features:
        fill = tuple(feature["properties"]["fill"])
        if counts[feature["properties"]["adcode"]] == 0:
            assert fill == tuple(maps.rgba(maps.NONE_COLOUR))
        else:
            assert fill in palette
    busiest = max(counts, key=counts.get)
    darkest = next(f for f in city_features if f["properties"]["adcode"] == busiest)
    assert darkest["properties"]["fill"] == maps.rgba(maps.COUNT_PALETTE[-1])


def test_region_only_mentions_are_listed_in_the_tooltip_but_never_counted(ds):
    summary = summary_for(ds)
    styles = maps.count_styles(summary, "n_clusters", "en").set_index("adcode")
    region_only = summary[summary["n_region_only"] > 0]
    assert not region_only.empty, "the data has region-level mentions"
    for row in region_only.itertuples():
        assert styles.loc[row.adcode, "value"] == row.n_clusters
        assert row.region_clusters_en.split("; ")[0] in styles.loc[row.adcode, "tooltip"]
        assert "not counted" in styles.loc[row.adcode, "tooltip"]


def test_pillar_and_emerging_counts_share_one_colour_scale(ds):
    summary = summary_for(ds)
    total = maps.count_styles(summary, "n_clusters", "en")
    pillar = maps.count_styles(summary, "n_pillar", "en")
    assert set(pillar["legend"]) <= {e.label for e in maps.count_legend(maps.count_scale_max(summary), "en")}
    assert (pillar["value"] <= total["value"]).all()
    with pytest.raises(ValueError, match="value_col must be one of"):
        maps.count_styles(summary, "quote", "en")


def test_cities_outside_the_city_filter_are_faded_not_dropped(ds, features):
    filters = Filters(cities=("440300",))
    styles = maps.count_styles(summary_for(ds, filters), "n_clusters", "en")
    city_features = maps.choropleth_features(features, styles)
    assert len(city_features) == 21, "every city is still drawn"
    faded = [f for f in city_features if f["properties"]["fill"] == maps.rgba(maps.OUTSIDE_COLOUR)]
    assert len(faded) == 20
    shenzhen = next(f for f in city_features if f["properties"]["adcode"] == "440300")
    assert shenzhen["properties"]["fill"] != maps.rgba(maps.OUTSIDE_COLOUR)


def test_count_classes_cover_every_count_once_light_to_dark():
    for top in (1, 2, 7, 8, 15, 20):
        classes = maps.count_classes(top)
        covered = [n for low, high in classes for n in range(low, high + 1)]
        assert covered == list(range(1, top + 1))
        assert len(classes) <= len(maps.COUNT_PALETTE)
        colours = maps.class_colours(len(classes))
        assert len(set(colours)) == len(colours), "no two classes share a colour"
    assert maps.count_classes(0) == []


# ---------------------------------------------------------------- roles


def synthetic_roles(ds) -> pd.DataFrame:
    roles = ds.cities[["adcode", "name_en", "name_zh"]].copy()
    roles["role"] = "none"
    roles.loc[roles["adcode"] == "440100", "role"] = "core"
    roles.loc[roles["adcode"] == "440600", "role"] = "base"
    roles.loc[roles["adcode"] == "441200", "role"] = "region"
    return roles


def test_role_colours_core_dark_base_medium_region_pale_with_outline_none_grey(ds):
    links = maps.link_table(ds, Filters(), "en").iloc[0:0]
    styles = maps.role_styles(synthetic_roles(ds), links, set(ds.cities["adcode"]), "en").set_index("adcode")
    assert styles.loc["440100", "fill"] == maps.ROLE_COLOURS["core"]
    assert styles.loc["440600", "fill"] == maps.ROLE_COLOURS["base"]
    assert styles.loc["441200", "fill"] == maps.ROLE_COLOURS["region"]
    assert styles.loc["441200", "outline"] != maps.CITY_OUTLINE, "region-level mentions get their own outline"
    assert styles.loc["441200", "legend"] == t("map.legend_region", "en")
    assert "not named" in styles.loc["441200", "legend"]
    assert styles.loc["445300", "fill"] == maps.ROLE_COLOURS["none"]
    assert len(set(maps.ROLE_COLOURS.values())) == 4


def test_selected_cluster_roles_drive_the_role_map(ds):
    filters = Filters(clusters=("semiconductors_ic",))
    links = maps.link_table(ds, filters, "en")
    roles = analysis.selected_cluster_roles(ds, filters)
    styles = maps.role_styles(roles, links, maps.cities_in_filter(ds, filters), "en").set_index("adcode")
    for row in roles.itertuples():
        assert styles.loc[row.adcode, "value"] == row.role
    named = set(links.loc[links["role_key"] != "region", "adcode"])
    assert {a for a in styles.index if styles.loc[a, "value"] in ("core", "base")} == named
    assert set(links["cluster_id"]) == {"semiconductors_ic"}


def test_link_table_keeps_region_mentions_apart_from_named_hosts(ds):
    links = maps.link_table(ds, Filters(), "en")
    named = links[links["role_key"] != "region"]
    mentioned = links[links["role_key"] == "region"]
    assert not named.empty and not mentioned.empty
    named_pairs = set(zip(named["cluster_id"], named["adcode"], strict=True))
    assert not any(pair in named_pairs for pair in zip(mentioned["cluster_id"], mentioned["adcode"], strict=True))
    assert (mentioned["role"] == t("map.legend_region", "en")).all()
    assert links["quote"].str.len().gt(0).all() and links["source"].str.len().gt(0).all()
    assert set(maps.link_source_ids(links)) <= set(ds.sources["source_id"])


@pytest.mark.parametrize(("lang", "sep"), [("en", "; "), ("zh", "；")])
def test_a_city_mentioned_through_two_regions_lists_both_joined_as_its_language_joins(ds, lang, sep):
    """Shenzhen is in the Pearl River Delta and on the east bank: a cluster named for both regions (and not for
    the city) gives one row whose detail names both regions, in Chinese with '；' (not an ASCII '; ')."""
    cluster = ds.clusters["cluster_id"].iloc[0]
    named = set(ds.cluster_cities.loc[ds.cluster_cities["cluster_id"] == cluster, "adcode"])
    both = [
        adcode
        for adcode in ds.cities["adcode"]
        if adcode not in named
        and {"pearl_river_delta", "east_bank_pearl_river"}
        <= {r.region_id for r in ds.regions.itertuples() if adcode in r.adcodes.split()}
    ]
    assert both, "a city in both regions, not named for the cluster"
    template = ds.cluster_regions.iloc[0]
    extra = pd.DataFrame(
        [
            template.to_dict() | {"cluster_id": cluster, "region_id": region}
            for region in ("pearl_river_delta", "east_bank_pearl_river")
        ]
    )
    test_ds = dataclasses.replace(
        ds,
        cluster_regions=pd.concat([ds.cluster_regions, extra], ignore_index=True).drop_duplicates(
            ["cluster_id", "region_id"]
        ),
        derived={},
    )
    links = maps.link_table(test_ds, Filters(clusters=(cluster,)), lang)
    row = links[(links["adcode"] == both[0]) & (links["role_key"] == "region")]
    assert len(row) == 1
    names = ds.regions.set_index("region_id")[f"name_{lang}"]
    detail = row["detail"].iloc[0]
    assert sorted(detail.split(sep)) == sorted([names["pearl_river_delta"], names["east_bank_pearl_river"]])
    assert lang == "en" or "; " not in detail


# ---------------------------------------------------------------- the deck


def test_deck_has_one_geojson_layer_without_basemap_and_a_mainland_view(ds, features, provenance):
    styles = maps.count_styles(summary_for(ds), "n_clusters", "en")
    bbox = maps.mainland_bbox(features, provenance)
    deck = maps.host_city_deck(maps.choropleth_features(features, styles), maps.view_state(bbox))
    layers = layer_dicts(deck)
    assert [(layer["@@type"], layer["id"]) for layer in layers] == [("GeoJsonLayer", maps.CITY_LAYER_ID)]
    assert len(deck.layers[0].data) == 21 and layers[0]["pickable"] is True
    spec = json.loads(deck.to_json())
    assert spec.get("mapProvider") is None
    assert spec["mapStyle"].startswith("data:application/json,")
    assert "carto" not in deck.to_json().lower() and "mapbox://" not in deck.to_json()
    view = spec["initialViewState"]
    west, south, east, north = bbox
    assert west < view["longitude"] < east and south < view["latitude"] < north
    assert 5 <= view["zoom"] <= 7
    assert "\n" not in deck.to_json(), "compact JSON: the spec is sent on every rerun"


def test_optional_layers_region_outlines_and_plan_bases(ds, features):
    filters = Filters(clusters=("new_energy",))
    bases = maps.plan_base_table(ds, filters, "en")
    points = maps.plan_base_points(bases, features, "en")
    outlines = maps.region_outline_features(features, "en")
    styles = maps.count_styles(summary_for(ds), "n_clusters", "en")
    deck = maps.host_city_deck(
        maps.choropleth_features(features, styles),
        maps.view_state((110, 20, 117, 25)),
        region_outlines=outlines,
        plan_bases=points,
    )
    layers = {layer["id"]: layer for layer in layer_dicts(deck)}
    assert set(layers) == {maps.CITY_LAYER_ID, maps.REGION_LAYER_ID, maps.PLAN_BASE_LAYER_ID}
    assert layers[maps.REGION_LAYER_ID]["@@type"] == "GeoJsonLayer" and layers[maps.REGION_LAYER_ID]["filled"] is False
    assert len(outlines) == 4
    plan_layer = layers[maps.PLAN_BASE_LAYER_ID]
    # A dark diamond beside the label point: never mistaken for the white core circle on that point.
    assert plan_layer["@@type"] == "TextLayer" and plan_layer["pickable"] is True
    assert {row["glyph"] for row in plan_layer["data"]} == {maps.PLAN_BASE_GLYPH}
    assert maps.PLAN_BASE_GLYPH not in maps.ROLE_GLYPHS.values() and plan_layer["getPixelOffset"][0] < 0
    assert points, "the 2016–2020 plan names bases related to new energy"
    related = set(ds.plan_bases_2016_2020.loc[ds.plan_bases_2016_2020["related_cluster_id"] == "new_energy", "adcode"])
    assert {p["adcode"] for p in points} == related - {""}


def test_city_figure_badges_are_an_optional_last_layer_that_keeps_the_click_layers(ds, features):
    styles = maps.count_styles(summary_for(ds), "n_clusters", "en")
    view = maps.view_state((110, 20, 117, 25))
    badges = [{"position": [114.1, 22.6], "adcode": "440300", "n": 2, "label": "2", "tooltip": "Shenzhen: 2"}]
    plain = maps.host_city_deck(maps.choropleth_features(features, styles), view)
    assert maps.CITY_FIGURE_LAYER_ID not in {layer["id"] for layer in layer_dicts(plain)}, "off by default"
    points = maps.plan_base_points(maps.plan_base_table(ds, Filters(), "en"), features, "en")
    deck = maps.host_city_deck(maps.choropleth_features(features, styles), view, plan_bases=points, city_figures=badges)
    layers = layer_dicts(deck)
    assert [layer["id"] for layer in layers] == [
        maps.CITY_LAYER_ID,
        maps.PLAN_BASE_LAYER_ID,
        maps.CITY_FIGURE_LAYER_ID,
    ], "added last, others unchanged"
    badge = layers[-1]
    assert badge["@@type"] == "TextLayer" and badge["pickable"] is True
    assert badge["getText"] == "@@=label" and badge["sizeUnits"] == "pixels"
    assert layers[0]["pickable"] is True and layers[0]["autoHighlight"] is True, "the city layer still picks"
    assert maps.host_city_deck([], view, city_figures=[]).layers[-1].id == maps.CITY_LAYER_ID, "no badges, no layer"
    assert maps.adcode_from_selection({"objects": {maps.CITY_FIGURE_LAYER_ID: [{"adcode": "440300"}]}}) == "440300"


def role_map(ds, features, filters: Filters):
    """The Map page's role colouring for filters: style rows and the deck with its role markers."""
    links = maps.link_table(ds, filters, "en")
    roles = analysis.selected_cluster_roles(ds, filters)
    styles = maps.role_styles(roles, links, maps.cities_in_filter(ds, filters), "en")
    deck = maps.host_city_deck(
        maps.choropleth_features(features, styles),
        maps.view_state((110, 20, 117, 25)),
        role_markers=maps.role_marker_points(features, styles),
    )
    return styles, deck


def test_role_map_marks_core_and_base_cities_with_a_glyph_that_is_never_picked(ds, features):
    styles, deck = role_map(ds, features, Filters(clusters=("semiconductors_ic",)))
    layers = {layer["id"]: layer for layer in layer_dicts(deck)}
    assert list(layers) == [maps.CITY_LAYER_ID, maps.ROLE_MARKER_LAYER_ID], "markers drawn over the cities"
    markers = layers[maps.ROLE_MARKER_LAYER_ID]
    assert markers["@@type"] == "TextLayer" and markers["getText"] == "@@=glyph"
    roles = dict(zip(styles["adcode"], styles["value"], strict=True))
    named = {adcode for adcode, role in roles.items() if role in ("core", "base")}
    assert {"core", "base"} <= set(roles.values()), "the test needs both roles"
    assert sorted(row["adcode"] for row in markers["data"]) == sorted(named), "one marker per core or base city"
    assert all(row["glyph"] == {"core": "●", "base": "▲"}[roles[row["adcode"]]] for row in markers["data"])
    points = maps.label_points(features)
    assert all(tuple(row["position"]) == points[row["adcode"]] for row in markers["data"]), "at the label point"
    # Non-ASCII glyphs are drawn only if listed; a white glyph needs its dark edge (SDF) to read on a pale fill.
    assert set(maps.ROLE_GLYPHS.values()) <= set(markers["characterSet"])
    assert markers["fontSettings"]["sdf"] is True and markers["outlineWidth"] > 0
    assert markers["getColor"] == maps.rgba(maps.MARKER_FILL) and markers["outlineColor"] == maps.rgba(
        maps.MARKER_STROKE
    )
    # A click must select the city under the marker, never the marker.
    assert markers["pickable"] is False and layers[maps.CITY_LAYER_ID]["pickable"] is True
    picked = {"objects": {maps.ROLE_MARKER_LAYER_ID: [markers["data"][0]]}}
    assert maps.adcode_from_selection(picked) is None


def test_no_role_marker_where_the_colour_does_not_mean_a_role(ds, features):
    # Counts: the colour is a number of clusters, not a role.
    for value_col in maps.COUNT_COLUMNS:
        styles = maps.count_styles(summary_for(ds), value_col, "en")
        assert maps.role_marker_points(features, styles) == []
        deck = maps.host_city_deck(
            maps.choropleth_features(features, styles),
            maps.view_state((110, 20, 117, 25)),
            role_markers=maps.role_marker_points(features, styles),
        )
        assert maps.ROLE_MARKER_LAYER_ID not in {layer["id"] for layer in layer_dicts(deck)}
    # Outside the city filter a city is greyed out whatever its role: no marker either.
    links = maps.link_table(ds, Filters(), "en").iloc[0:0]
    styles = maps.role_styles(synthetic_roles(ds), links, {"440600", "441200"}, "en")
    assert styles.set_index("adcode").loc["440100", "value"] == "core", "core, but outside the filter"
    assert [(row["adcode"], row["glyph"]) for row in maps.role_marker_points(features, styles)] == [("440600", "▲")]


def test_tooltips_are_text_so_a_hostile_name_is_never_markup(ds, features):
    summary = summary_for(ds)
    summary.loc[summary["adcode"] == "440300", "name_en"] = HOSTILE
    styles = maps.count_styles(summary, "n_clusters", "en")
    deck = maps.host_city_deck(maps.choropleth_features(features, styles), maps.view_state((110, 20, 117, 25)))
    # deck.gl puts a "text" tooltip in with innerText (Streamlit and the offline HTML map alike): inert.
    assert set(deck._tooltip) == {"text", "style"}
    assert "html" not in deck._tooltip
    shenzhen = next(f for f in deck.layers[0].data if f["properties"]["adcode"] == "440300")
    assert shenzhen["properties"]["tooltip"].startswith(HOSTILE), "shown as typed, not entity-encoded twice"
    page = export.deck_html(deck, title="t").decode("utf-8")
    assert HOSTILE not in page, "the exported HTML never carries the raw tag"


def test_a_click_yields_the_city_adcode_and_nothing_else():
    feature_click = {
        "indices": {"cities": [2]},
        "objects": {"cities": [{"type": "Feature", "properties": {"adcode": "440300", "fill": [1]}}]},
    }
    point_click = {"indices": {"plan_bases": [0]}, "objects": {"plan_bases": [{"adcode": "441900"}]}}
    assert maps.adcode_from_selection(feature_click) == "440300"
    assert maps.adcode_from_selection(point_click) == "441900"
    assert maps.adcode_from_selection({"indices": {}, "objects": {}}) is None
    assert maps.adcode_from_selection(None) is None
    assert maps.adcode_from_selection({"objects": {"regions": [{"properties": {"adcode": "440100"}}]}}) is None
    assert maps.adcode_from_selection({"objects": {"cities": ["junk", {"properties": None}]}}) is None


def test_mainland_extent_from_provenance_or_computed_without_far_islands(features, provenance):
    assert maps.mainland_bbox(features, provenance) == tuple(provenance["fit_bbox"])
    computed = maps.mainland_bbox(features, {})
    assert all(abs(a - b) < 0.05 for a, b in zip(computed, provenance["fit_bbox"], strict=True))
    island = {
        "type": "Feature",
        "properties": {"adcode": "999999"},
        "geometry": {
            "type": "MultiPolygon",
            "coordinates": [
                [[[113, 23], [114, 23], [114, 24], [113, 24], [113, 23]]],
                [[[118, 19], [118.1, 19], [118.1, 19.1], [118, 19.1], [118, 19]]],
            ],
        },
    }
    assert maps.mainland_bbox([island]) == (113.0, 23.0, 114.0, 24.0)
    assert maps.islands_outside([island], (113.0, 23.0, 114.0, 24.0))
    assert not maps.islands_outside(features, maps.full_bbox(features))


# ---------------------------------------------------------------- the static twin


def test_static_map_is_a_clockwise_geoshape_with_title_legend_and_source(ds, features):
    summary = summary_for(ds)
    styles = maps.count_styles(summary, "n_clusters", "zh")
    legend = maps.count_legend(maps.count_scale_max(summary), "zh")
    chart = maps.static_map_chart(
        features,
        styles,
        legend,
        title="各城市被点名的集群数量",
        subtitle=["筛选：无"],
        source_line="来源：测试",
        legend_title="集群数",
        lang="zh",
    )
    spec = chart.to_dict()
    marks = [layer["mark"]["type"] if isinstance(layer["mark"], dict) else layer["mark"] for layer in spec["layer"]]
    assert "geoshape" in marks
    assert spec["title"]["text"] == "各城市被点名的集群数量"
    assert "来源：测试" in spec["title"]["subtitle"] and "筛选：无" in spec["title"]["subtitle"]
    shapes = spec["layer"][marks.index("geoshape")]
    assert shapes["encoding"]["color"]["field"] == "legend"
    assert shapes["encoding"]["color"]["scale"]["domain"] == [e.label for e in legend]
    values = spec["datasets"][maps.CITY_DATASET]
    assert len(values) == 21 and all(set(value["properties"]) == {"adcode"} for value in values)
    (lookup,) = [step for step in shapes["transform"] if "lookup" in step]
    rows = spec["datasets"][lookup["from"]["data"]["name"]]
    assert sorted(row["legend"] for row in rows) == sorted(styles["legend"]), "every city's class is joined"
    rings = [ring for value in values for ring in exterior_rings(value["geometry"])]
    assert rings and all(signed_area(ring) < 0 for ring in rings), "Vega needs clockwise exterior rings"
    # The committed file is RFC 7946 (counter-clockwise): the builder must not have changed it.
    assert signed_area(exterior_rings(features[0]["geometry"])[0]) > 0


def test_static_map_areas_match_the_boundaries(features):
    styles = pd.DataFrame(
        [
            {
                "adcode": f["properties"]["adcode"],
                "city": "",
                "value": 0,
                "legend": "x",
                "fill": "#000000",
                "outline": "#ffffff",
                "tooltip": "",
            }
            for f in features
        ]
    )
    chart = maps.static_map_chart(features, styles, [maps.LegendEntry("x", "#000000")], title="t")
    values = chart.to_dict()["datasets"][maps.CITY_DATASET]
    for value, feature in zip(values, features, strict=True):
        assert shape(value["geometry"]).area == pytest.approx(shape(feature["geometry"]).area, rel=1e-9)
        assert shapely.is_valid(shape(value["geometry"]))


def test_exported_map_image_draws_every_city_in_its_class_colour(ds, features):
    """Rendered by vl-convert (as the downloads are): 21 shapes, each filled with its city's legend colour."""
    summary = summary_for(ds, Filters(cities=("440300",)))
    styles = maps.count_styles(summary, "n_clusters", "en")
    legend = maps.count_legend(maps.count_scale_max(summary), "en", True)
    chart = maps.static_map_chart(features, styles, legend, title="Map", lang="en")
    svg = ElementTree.fromstring(export.render_image(chart, "svg"))
    fills = [element.get("fill") for element in svg.iter() if element.get("aria-roledescription") == "geoshape"]
    assert len(fills) == 21
    expected = {entry.label: entry.fill.lower() for entry in legend}
    assert sorted(fill.lower() for fill in fills) == sorted(expected[label] for label in styles["legend"])


def test_on_screen_map_fetches_its_shapes_and_carries_only_the_city_rows(ds, features):
    summary = summary_for(ds, Filters(cities=("440300",)))
    styles = maps.count_styles(summary, "n_clusters", "en")
    legend = maps.count_legend(maps.count_scale_max(summary), "en", True)
    spec = maps.static_map_chart(
        features, styles, legend, title="", legend_title="Clusters", tooltips=True, shapes_url=maps.DISPLAY_SHAPES_URL
    ).to_dict()
    shapes = spec["layer"][0]
    assert shapes["data"] == {"url": maps.DISPLAY_SHAPES_URL, "format": {"type": "json", "property": "features"}}
    assert "coordinates" not in json.dumps(spec), "no geometry in the spec sent on each rerun"
    assert len(json.dumps(spec, ensure_ascii=False).encode()) < 20_000
    (lookup,) = [step for step in shapes["transform"] if "lookup" in step]
    assert lookup["lookup"] == "properties.adcode" and lookup["from"]["key"] == "adcode"
    rows = {row["adcode"]: row for row in spec["datasets"][lookup["from"]["data"]["name"]]}
    assert set(rows) == {f["properties"]["adcode"] for f in features}
    assert rows["440300"]["tooltip"] == styles.set_index("adcode").loc["440300", "tooltip"]
    assert sum(t("map.tip_outside", "en") in row["tooltip"] for row in rows.values()) == 20
    assert all(layer["data"]["name"] == lookup["from"]["data"]["name"] for layer in spec["layer"][1:]), (
        "the labels are drawn from the same rows"
    )


def test_display_shapes_url_points_at_the_built_display_file():
    static_dir, _, name = maps.DISPLAY_SHAPES_URL.removeprefix("app/").rpartition("/")
    assert (REPO_ROOT / static_dir / name).is_file()


def test_legend_chart_lists_every_entry_in_order_with_its_colours():
    entries = maps.role_legend("en", outside=True)
    spec = maps.legend_chart(entries, "Strongest role").to_dict()
    rows = spec["data"]["values"]
    assert [row["label"] for row in sorted(rows, key=lambda r: r["order"])] == [e.label for e in entries]
    assert [row["fill"] for row in rows] == [e.fill for e in entries]
    assert t("map.legend_outside", "en") in [row["label"] for row in rows]
    assert spec["title"]["text"] == "Strongest role"
    assert {layer["mark"]["type"] for layer in spec["layer"]} == {"square", "point", "text"}


def test_role_legends_show_the_markers_the_map_draws_and_count_legends_none(ds, features):
    spec = maps.legend_chart(maps.role_legend("en", outside=True), "Strongest role").to_dict()
    (points,) = [layer for layer in spec["layer"] if layer["mark"]["type"] == "point"]
    assert points["encoding"]["shape"]["field"] == "marker" and points["mark"]["fill"] == maps.MARKER_FILL
    markers = {row["label"]: row["marker"] for row in spec["data"]["values"]}
    assert markers[t("role.core", "en")] == "circle" and markers[t("role.base", "en")] == "triangle-up"
    assert markers[t("map.legend_region", "en")] is None and markers[t("map.legend_outside", "en")] is None
    count = maps.legend_chart(maps.count_legend(5, "en"), "Clusters").to_dict()
    assert "point" not in {layer["mark"]["type"] for layer in count["layer"]}
    # The static twin (image downloads, Cluster profile) draws them too, with their own legend entries.
    styles, _ = role_map(ds, features, Filters(clusters=("semiconductors_ic",)))
    static = maps.static_map_chart(features, styles, maps.role_legend("en"), title="t", lang="en").to_dict()
    (point_layer,) = [layer for layer in static["layer"] if layer["mark"]["type"] == "point"]
    shape = point_layer["encoding"]["shape"]
    assert shape["scale"] == {
        "domain": [t("role.core", "en"), t("role.base", "en")],
        "range": ["circle", "triangle-up"],
    }
    rows = static["datasets"][point_layer["data"]["name"]]
    assert sorted(row["adcode"] for row in rows) == sorted(styles.loc[styles["marker"] != "", "adcode"])
    counted = maps.static_map_chart(
        features, maps.count_styles(summary_for(ds), "n_clusters", "en"), maps.count_legend(5, "en"), title="t"
    ).to_dict()
    assert "point" not in {layer["mark"]["type"] for layer in counted["layer"]}


# ---------------------------------------------------------------- overview figures


def test_headline_figures_keep_qualifier_period_unit_and_sources(ds):
    figures = {f.key: f for f in overview.headline_figures(ds, "en")}
    assert figures["pillar_revenue_2019"].value_text == "15 trillion yuan"
    assert figures["emerging_revenue_2019"].value_text == "1.5 trillion yuan"
    assert figures["emerging_revenue_2023"].value_text == "nearly 3 trillion yuan"
    for figure in figures.values():
        assert figure.period and figure.unit and figure.source_ids and figure.quote
        assert set(figure.source_ids) <= set(ds.sources["source_id"])
    weak = set(ds.sources.loc[ds.sources["reliability"] == "D", "source_id"])
    assert not any(set(f.source_ids) & weak for f in figures.values()), "tier D is never shown as fact"
    zh = {f.key: f for f in overview.headline_figures(ds, "zh")}
    assert zh["emerging_revenue_2023"].value_text == t("format.qualifier_nearly", "zh", value="3万亿元")


def test_a_headline_figure_carries_where_its_year_comes_from(ds):
    """Every headline figure's basis is its shown row's; where it is not the quote, the caption's period says so."""
    figures = overview.headline_figures(ds, "en")
    shown = ds.metrics.set_index(["scope", "metric", "period", "adcode", "source_id"])["period_basis"]
    keys = {key: (scope, metric, period) for key, scope, metric, period in overview.HEADLINES}
    for figure in figures:
        assert figure.period_basis == shown[(*keys[figure.key], "", figure.source_ids[0])]
    # Make the first figure's year a reading of the publication date: the figure now says so.
    first = figures[0]
    scope, metric, period = keys[first.key]
    metrics = ds.metrics.copy()
    row = (metrics["scope"] == scope) & (metrics["metric"] == metric) & (metrics["period"] == period)
    metrics.loc[row, "period_basis"] = "published"
    changed = overview.headline_figures(dataclasses.replace(ds, metrics=metrics, derived={}), "zh")[0]
    assert changed.period_basis == "published" and changed.published
    caption_period = periods.with_basis(changed.period, changed.period_basis, changed.published, "zh")
    assert caption_period != periods.label(period, "zh") and changed.published in caption_period


def test_links_to_other_pages_carry_the_filters_in_canonical_form():
    filters = Filters(clusters=("semiconductors_ic",), cities=("440300",))
    assert overview.link_query(filters, "en") == {"cluster": ["semiconductors_ic"], "city": ["440300"]}
    assert overview.link_query(filters, "zh")["lang"] == ["zh"]
    assert overview.link_query(Filters(), "en") == {}


PHONE_AGENT = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148 Safari/604.1"
ANDROID_AGENT = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 Chrome/126.0 Mobile Safari/537.36"
DESKTOP_AGENT = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36"


def test_the_initial_view_is_fitted_to_the_device():
    assert maps.view_width(PHONE_AGENT) == maps.view_width(ANDROID_AGENT) == maps.VIEW_WIDTH_PX
    assert maps.view_width(DESKTOP_AGENT) == maps.view_width(None) == maps.view_width("") == maps.DESKTOP_VIEW_WIDTH_PX
    bbox = (109.6, 20.2, 117.3, 25.5)
    phone, desktop = (maps.view_state(bbox, maps.view_width(agent)) for agent in (PHONE_AGENT, DESKTOP_AGENT))
    # The desktop map is about twice as wide: closer, on the same centre; a phone still gets the whole province.
    assert desktop.zoom > phone.zoom + 0.5
    assert (desktop.longitude, desktop.latitude) == (phone.longitude, phone.latitude)
    span = 2**phone.zoom * 512 * (bbox[2] - bbox[0]) / 360
    assert span <= maps.VIEW_WIDTH_PX
