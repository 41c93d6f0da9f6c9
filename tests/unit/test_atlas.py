"""The atlas of the clusters (gdclusters/maps/atlas.py), the maps' text alternatives (describe.py) and the Cluster
profile's index (gdclusters/profiles/index.py): pure functions on the bundled data, checked through their frames
and Vega-Lite specs."""

import json
import re
import xml.etree.ElementTree as ET
from functools import cache
from pathlib import Path

import pandas as pd
import pytest
import shapely
from shapely.geometry import shape

from gdclusters import analysis, export, maps, profiles
from gdclusters.dataset import load_dataset
from gdclusters.domain import ROLE_ORDER
from gdclusters.i18n import t
from gdclusters.maps import atlas
from gdclusters.state import Filters

ROOT = Path(__file__).resolve().parents[2]


@cache
def features() -> list[dict]:
    return json.loads((ROOT / "geo" / "guangdong_prefectures.geojson").read_text(encoding="utf-8"))["features"]


@cache
def dataset():
    return load_dataset()


def panels(spec: dict) -> list[dict]:
    """The panels of an exported atlas spec: the concat below the legend."""
    (grid,) = [part for part in spec["vconcat"] if "concat" in part]
    return grid["concat"]


def fills_layer(panel: dict) -> dict:
    return next(layer for layer in panel["layer"] if layer["mark"]["type"] == "geoshape")


def markers_layer(panel: dict) -> dict:
    return next(layer for layer in panel["layer"] if layer["mark"]["type"] == "point")


def rows_of(spec: dict, data: dict) -> list[dict]:
    """Inline rows, whether left in place or moved by Altair into the spec's named datasets."""
    return data["values"] if "values" in data else spec["datasets"][data["name"]]


def lookup_rows(spec: dict, panel: dict) -> list[dict]:
    (step,) = [s for s in fills_layer(panel)["transform"] if "lookup" in s]
    return rows_of(spec, step["from"]["data"])


# ---------------------------------------------------------------- the atlas frame and spec


def test_atlas_has_one_panel_per_cluster_unfiltered_and_follows_the_cluster_filters():
    ds = dataset()
    frame = atlas.atlas_frame(ds, Filters(), "en")
    assert frame["cluster_id"].nunique() == len(ds.clusters) == 20
    assert (frame.groupby("cluster_id").size() == len(ds.cities)).all(), "every city on every panel"
    spec = atlas.atlas_chart(features(), frame, "en").to_dict()
    assert len(panels(spec)) == 20
    assert spec["vconcat"][-1]["columns"] == atlas.EXPORT_COLUMNS

    picked = atlas.atlas_frame(ds, Filters(clusters=("new_energy", "smart_robots")), "en")
    assert list(dict.fromkeys(picked["cluster_id"])) == ["new_energy", "smart_robots"]
    assert len(panels(atlas.atlas_chart(features(), picked, "en").to_dict())) == 2
    emerging = atlas.atlas_frame(ds, Filters(categories=("emerging",)), "en")
    assert emerging["cluster_id"].nunique() == 10
    assert not set(emerging["cluster_id"]) & set(ds.clusters.loc[ds.clusters["category"] == "pillar", "cluster_id"])
    assert atlas.atlas_frame(ds, Filters(categories=("emerging",), tiers=(1000,)), "en").empty


def test_a_city_filter_highlights_its_cities_and_fades_the_others_without_dropping_panels():
    ds = dataset()
    frame = atlas.atlas_frame(ds, Filters(cities=("440300",)), "en")
    assert frame["cluster_id"].nunique() == 20, "the city filter highlights, it does not choose panels"
    shenzhen = frame[frame["adcode"] == "440300"]
    others = frame[frame["adcode"] != "440300"]
    assert shenzhen["highlighted"].all() and not others["highlighted"].any()
    assert (shenzhen["outline"] == atlas.HIGHLIGHT_OUTLINE).all()
    assert (shenzhen["outline_width"] == atlas.HIGHLIGHT_WIDTH).all() and (shenzhen["opacity"] == 1).all()
    assert (others["opacity"] == atlas.FADED_OPACITY).all()
    plain = atlas.atlas_frame(ds, Filters(), "en")
    assert (plain["opacity"] == 1).all() and not plain["highlighted"].any()
    region = atlas.atlas_frame(ds, Filters(regions=("coastal_west",)), "en")
    assert set(region.loc[region["highlighted"], "city_region"]) == {"coastal_west"}


def test_roles_match_the_matrix_and_are_encoded_by_colour_and_a_second_channel():
    ds = dataset()
    frame = atlas.atlas_frame(ds, Filters(clusters=("semiconductors_ic",)), "en")
    cells = analysis.matrix(ds, Filters(clusters=("semiconductors_ic",))).set_index("adcode")["role"]
    assert frame.set_index("adcode")["role"].to_dict() == cells.to_dict()
    spec = atlas.atlas_chart(features(), frame, "en").to_dict()
    (panel,) = panels(spec)
    fills = fills_layer(panel)["encoding"]
    assert fills["color"]["field"] == "role_label"
    assert fills["color"]["scale"]["domain"] == [maps.role_label(role, "en") for role in ROLE_ORDER]
    assert fills["color"]["scale"]["range"] == [maps.ROLE_COLOURS[role] for role in ROLE_ORDER]
    assert fills["strokeWidth"]["field"] == "outline_width"
    marker = markers_layer(panel)
    assert marker["encoding"]["shape"]["field"] == "role_label"
    assert marker["encoding"]["shape"]["scale"]["range"] == ["circle", "triangle-up"]
    core = frame[frame["role"] == "core"]
    assert len(rows_of(spec, marker["data"])) == len(frame[frame["role"].isin(("core", "base"))]) and len(core) >= 1
    region_widths = {
        row["outline_width"] for row in lookup_rows(spec, panel) if row["role_label"] == maps.role_label("region", "en")
    }
    named_widths = {
        row["outline_width"] for row in lookup_rows(spec, panel) if row["role_label"] != maps.role_label("region", "en")
    }
    assert not region_widths or min(region_widths) > max(named_widths), "a region-level mention has a thick outline"


def test_panels_are_titled_with_the_cluster_name_in_the_language():
    ds = dataset()
    names = dict(zip(ds.clusters["cluster_id"], ds.clusters["name_zh"], strict=True))
    spec = atlas.atlas_chart(features(), atlas.atlas_frame(ds, Filters(), "zh"), "zh").to_dict()
    titles = ["".join(panel["title"]["text"]) for panel in panels(spec)]
    assert sorted(titles) == sorted(names.values())
    assert all(re.search(r"[\u4e00-\u9fff]", title) for title in titles)
    english = atlas.atlas_chart(features(), atlas.atlas_frame(ds, Filters(), "en"), "en").to_dict()
    long_titles = [panel["title"]["text"] for panel in panels(english) if len(panel["title"]["text"]) > 1]
    assert long_titles, "long English names wrap onto two lines"
    assert all(len(line) <= atlas.TITLE_COLUMNS for title in long_titles for line in title)


def test_atlas_shapes_are_inline_once_with_clockwise_exterior_rings():
    frame = atlas.atlas_frame(dataset(), Filters(), "en")
    spec = atlas.atlas_chart(features(), frame, "en").to_dict()
    shapes = spec["datasets"][maps.CITY_DATASET]
    assert len(shapes) == 21
    assert all(fills_layer(panel)["data"] == {"name": maps.CITY_DATASET} for panel in panels(spec))
    for feature in shapes:
        for polygon in shape(feature["geometry"]).geoms:
            assert not shapely.is_ccw(polygon.exterior), "Vega needs clockwise exterior rings"
    # The GeoJSON file itself is RFC 7946 (counter-clockwise): the atlas must not draw it as is.
    assert shapely.is_ccw(shape(features()[0]["geometry"]).geoms[0].exterior)


def test_on_screen_panels_fetch_the_display_shapes_and_fit_a_phone():
    view = atlas.atlas_view(dataset(), Filters(), "en", maps.Boundaries(features()))
    assert view is not None and len(view.panels) == 20
    spec = view.panels[0].chart.to_dict()
    assert fills_layer(spec)["data"]["url"] == maps.DISPLAY_SHAPES_URL
    assert "datasets" not in spec or maps.CITY_DATASET not in spec["datasets"]
    # Two panels and Streamlit's small gap (16 px) fit the ~358 px a 390 px phone leaves for content.
    assert 2 * atlas.PANEL_BOX_WIDTH + 16 <= 358
    assert spec["width"] + spec["padding"]["left"] + spec["padding"]["right"] <= atlas.PANEL_BOX_WIDTH
    assert isinstance(spec["padding"], dict), "Streamlit writes padding.bottom: a number would break the chart"
    assert view.legend.to_dict()["width"] <= 358


# ---------------------------------------------------------------- text alternatives


def test_panel_sentences_state_the_counts_of_the_frame():
    ds = dataset()
    frame = atlas.atlas_frame(ds, Filters(clusters=("semiconductors_ic",)), "en")
    (summary,) = atlas.panel_summaries(frame)
    roles = frame["role"].value_counts()
    assert (summary.core, summary.base, summary.region) == (
        roles.get("core", 0),
        roles.get("base", 0),
        roles.get("region", 0),
    )
    sentence = atlas.panel_summary(summary, "en")
    assert sentence.startswith("Semiconductors and integrated circuits: ")
    assert f"{summary.core} core cities" in sentence and "all in the Pearl River Delta core" in sentence
    zh = atlas.panel_summary(
        atlas.panel_summaries(atlas.atlas_frame(ds, Filters(clusters=("semiconductors_ic",)), "zh"))[0], "zh"
    )
    assert f"{summary.core} 个核心城市" in zh and not re.search(r"[A-Za-z]{3}", zh)


def test_atlas_summary_names_the_city_named_for_the_most_clusters():
    frame = atlas.atlas_frame(dataset(), Filters(), "en")
    named = frame[frame["role"].isin(("core", "base"))].groupby("city").size()
    top_city = named.idxmax()
    text = atlas.atlas_summary(frame, "en")
    assert text.startswith("20 clusters") and f"{top_city} is named for the most of them ({named.max()})" in text
    table = atlas.atlas_table(frame, "en")
    assert len(table) == 20 and table.columns[0] == t("atlas.col_cluster", "en")


def test_single_map_summary_counts_roles_and_leaders():
    ds = dataset()
    selection = Filters(clusters=("semiconductors_ic",))
    roles = analysis.selected_cluster_roles(ds, selection)
    styles = maps.role_styles(roles, maps.link_table(ds, selection, "en"), maps.cities_in_filter(ds, selection), "en")
    counts = styles["value"].value_counts()
    text = maps.map_summary(styles, "roles", "en")
    assert f"Core: {counts['core']} cities" in text and f"Not named: {counts['none']} cities" in text
    summary = analysis.city_summary(ds, Filters())
    counted = maps.count_styles(summary, "n_clusters", "en")
    top = summary.loc[summary["n_clusters"].idxmax(), "name_en"]
    assert f"{top} ({summary['n_clusters'].max()})" in maps.map_summary(counted, "count", "en")
    assert list(maps.map_table(counted, "en").iloc[:, 0]) == list(counted["city"])


# ---------------------------------------------------------------- the cluster index


def test_index_lists_every_cluster_with_its_host_count_and_a_link():
    ds = dataset()
    index = profiles.cluster_index(ds, Filters(), "en")
    assert len(index) == 20 and index["cluster_id"].is_unique
    cells = analysis.matrix(ds, Filters())
    for row in index.to_dict("records"):
        mine = cells[cells["cluster_id"] == row["cluster_id"]]
        assert row["host_cities"] == mine["role"].isin(("core", "base")).sum()
        assert row["link"] == f"cluster?cluster={row['cluster_id']}"
    zh = profiles.cluster_index(ds, Filters(), "zh")
    assert zh["link"].str.endswith("&lang=zh").all()
    assert list(zh["latest_period"]) == list(index["latest_period"]), "both languages show the same figure"
    filtered = profiles.cluster_index(ds, Filters(categories=("pillar",), cities=("440300",)), "en")
    assert len(filtered) == 10 and filtered["link"].str.contains("city=440300").all()


def test_index_figure_is_one_published_row_never_a_mix_of_measures():
    ds = dataset()
    index = profiles.cluster_index(ds, Filters(), "en").set_index("cluster_id")
    for cluster_id, row in index.iterrows():
        observations = profiles.cluster_observations(ds, cluster_id, "en")
        charted = observations[observations["charted"]]
        if charted.empty:
            assert not row["has_figure"] and row["latest_value"] == ""
            assert profiles.figure_line(row.to_dict(), "en") == t("cluster.index_no_figure", "en")
            continue
        match = charted[
            (charted["measure"] == row["latest_measure"])
            & (charted["period"] == row["latest_period"])
            & (charted["value_text"] == row["latest_value"])
            & (charted["source_id"] == row["latest_source_id"])
        ]
        assert len(match) >= 1, f"{cluster_id}: value, measure, period and source come from one row"
    assert not index["has_figure"].all(), "the bundled data has clusters without a figure"


def test_latest_figure_prefers_size_measures_then_the_latest_period():
    rows = pd.DataFrame(
        [
            {
                "metric": "operating_revenue",
                "measure": "Revenue",
                "period": "2022",
                "charted": True,
                "reliability": "A",
                "source_id": "a",
            },
            {
                "metric": "operating_revenue",
                "measure": "Revenue",
                "period": "2024H1",
                "charted": True,
                "reliability": "B",
                "source_id": "b",
            },
            {
                "metric": "added_value",
                "measure": "Added value",
                "period": "2023",
                "charted": True,
                "reliability": "A",
                "source_id": "c",
            },
            {
                "metric": "revenue_growth",
                "measure": "Growth",
                "period": "2025",
                "charted": True,
                "reliability": "A",
                "source_id": "d",
            },
            {
                "metric": "operating_revenue",
                "measure": "Revenue",
                "period": "2025",
                "charted": False,
                "reliability": "D",
                "source_id": "e",
            },
        ]
    )
    families = {"operating_revenue": "revenue", "added_value": "added_value", "revenue_growth": "growth"}
    best = profiles.latest_figure(rows, families)
    assert (best["metric"], best["period"], best["source_id"]) == ("operating_revenue", "2024H1", "b")
    only_growth = profiles.latest_figure(rows[rows["metric"] == "revenue_growth"], families)
    assert only_growth["source_id"] == "d", "without a size measure, the latest of any measure"
    assert profiles.latest_figure(rows[~rows["charted"]], families) is None, "tier-D figures are never shown as fact"
    full_year = rows.iloc[[0]].assign(period="2024")
    assert profiles.latest_figure(pd.concat([rows.iloc[[1]], full_year]), families)["period"] == "2024"


# ---------------------------------------------------------------- export


@pytest.mark.parametrize("lang", ["zh"])
def test_atlas_exports_as_one_png_and_svg_with_every_panel_title(lang):
    ds = dataset()
    frame = atlas.atlas_frame(ds, Filters(categories=("emerging",)), lang)
    chart = export.decorate(
        atlas.atlas_chart(features(), frame, lang),
        title=t("atlas.title", lang),
        source_line="来源：测试",
        font=export.cjk_font_status().family,
    )
    png = export.render_image(chart, "png")
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    width, height = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
    assert width >= 2 * atlas.EXPORT_COLUMNS * atlas.PANEL_WIDTH and height > width / 2
    svg = export.render_image(chart, "svg").decode("utf-8")
    root = ET.fromstring(svg)
    text = "".join(root.itertext())
    names = ds.clusters.loc[ds.clusters["category"] == "emerging", "name_zh"]
    assert all(name[:4] in text for name in names), "every panel title is in the image"
    assert t("atlas.title", lang) in text
    assert svg.count("<path") > 10 * 21, "the shapes are drawn, panel by panel"
