"""The Overview and Map pages in AppTest: default state, URL filters, layers, a map click, both languages."""

import json
from pathlib import Path

from apptest import assert_healthy, chart_datasets, chart_specs, deck_specs, open_page
from streamlit.proto.WidgetStates_pb2 import WidgetState
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.element_tree import UnknownElement, Widget

from gdclusters import maps
from gdclusters.dataset import load_dataset
from gdclusters.i18n import t

ROOT = Path(__file__).resolve().parent.parent


def overview_map_tooltips(at) -> list[str]:
    """The tooltips of the Overview's city map (a Vega chart that fetches its shapes and looks up each city's row)."""
    ((spec, datasets),) = [(spec, datasets) for spec, datasets in zip(chart_specs(at), chart_datasets(at), strict=True)
                           if spec.get("layer", [{}])[0].get("data", {}).get("url") == maps.DISPLAY_SHAPES_URL]
    (lookup,) = [step for step in spec["layer"][0]["transform"] if "lookup" in step]
    return [row["tooltip"] for row in datasets[lookup["from"]["data"]["name"]]]


def tooltips(spec: dict) -> list[str]:
    city_layer = next(layer for layer in spec["layers"] if layer["id"] == "cities")
    return [feature["properties"]["tooltip"] for feature in city_layer["data"]]


def as_list(value) -> list[str]:
    return [value] if isinstance(value, str) else list(value)


def links_table(at: AppTest):
    return at.dataframe[0].value


class DeckClick(UnknownElement, Widget):
    """A pydeck chart that reports a selection on the next run, as the browser does after a click."""

    @property
    def _widget_state(self) -> WidgetState:
        state = WidgetState()
        state.id = self.proto.id
        state.string_value = json.dumps(self.click)
        return state


# ---------------------------------------------------------------- overview


def test_overview_shows_sourced_headline_figures_chart_map_and_links():
    at = open_page("overview")
    assert_healthy(at)
    assert at.title[0].value == t("pages.overview", "en")
    values = {metric.value for metric in at.metric}
    assert {"15 trillion yuan", "1.5 trillion yuan", "nearly 3 trillion yuan"} <= values
    captions = [c.value for c in at.caption]
    assert sum("Period" in c and "source" in c for c in captions) == len(at.metric), "each figure is sourced"
    assert any("2022–2024" in c for c in captions), "the trillion-cluster chart names its period"
    assert deck_specs(at) == [], "no WebGL map on the landing page"
    assert len(overview_map_tooltips(at)) == 21
    links = at.get("page_link")
    assert sorted(link.proto.page for link in links) == sorted(
        ["map", "matrix", "tiers", "targets", "city", "cluster", "sources"])
    assert all(link.proto.query_string == "" for link in links), "no filters, nothing to carry"
    assert not at.info, "nothing is empty by default"


def test_overview_map_and_links_follow_the_url_filters():
    default_tips = overview_map_tooltips(open_page("overview"))
    at = open_page("overview", {"city": ["440300"], "cluster": ["semiconductors_ic"]})
    assert_healthy(at)
    tips = overview_map_tooltips(at)
    outside = t("map.tip_outside", "en")
    assert sum(outside in tip for tip in tips) == 20 and not any(outside in tip for tip in default_tips)
    assert {link.proto.query_string for link in at.get("page_link")} == {"cluster=semiconductors_ic&city=440300"}
    assert "15 trillion yuan" in {metric.value for metric in at.metric}, "headline figures ignore the filters"


def test_overview_in_chinese_uses_wan_yi_yuan():
    at = open_page("overview", {"lang": ["zh"]})
    assert_healthy(at, "zh")
    values = {metric.value for metric in at.metric}
    assert "15万亿元" in values and not any("trillion" in v for v in values)


# ---------------------------------------------------------------- map


def test_map_by_default_counts_clusters_per_city_and_lists_every_link():
    at = open_page("map")
    assert_healthy(at)
    assert at.title[0].value == t("pages.map", "en")
    assert at.segmented_control(key="map_count").value == "n_clusters"
    table = links_table(at)
    linked = set(load_dataset().cluster_cities["cluster_id"]) | set(load_dataset().cluster_regions["cluster_id"])
    assert len(table) > 100 and set(table["cluster_id"]) == linked
    assert table["quote"].str.len().gt(0).all() and table["source"].str.len().gt(0).all()
    tips = tooltips(deck_specs(at)[0])
    assert len(tips) == 21 and all(t("map.tip_click", "en") in tip for tip in tips)
    assert not any(t("map.tip_role", "en", role="") in tip for tip in tips), "no roles without a selection"


def test_map_with_a_cluster_colours_roles_and_narrows_the_table():
    default_rows = len(links_table(open_page("map")))
    at = open_page("map", {"cluster": ["semiconductors_ic"]})
    assert_healthy(at)
    table = links_table(at)
    assert 0 < len(table) < default_rows
    assert set(table["cluster_id"]) == {"semiconductors_ic"}
    assert "map_count" not in [w.key for w in at.segmented_control], "the count selector is for the count map"
    tips = tooltips(deck_specs(at)[0])
    shenzhen = next(tip for tip in tips if tip.startswith("Shenzhen"))
    assert t("map.tip_role", "en", role=t("role.core", "en")) in shenzhen


def test_map_with_a_city_keeps_the_other_cities_drawn_but_faded():
    at = open_page("map", {"city": ["440300"]})
    assert_healthy(at)
    table = links_table(at)
    assert set(table["city"]) == {"Shenzhen"}
    tips = tooltips(deck_specs(at)[0])
    assert len(tips) == 21
    assert sum(t("map.tip_outside", "en") in tip for tip in tips) == 20


def test_map_switches_to_pillar_counts_and_layers():
    at = open_page("map")
    all_counts = tooltips(deck_specs(at)[0])
    at.segmented_control(key="map_count").set_value("n_pillar")
    at.checkbox(key="map_regions").check()
    at.checkbox(key="map_plan_bases").check()
    at.run()
    assert_healthy(at)
    spec = deck_specs(at)[0]
    assert {layer["id"] for layer in spec["layers"]} == {"cities", "regions", "plan_bases"}
    assert tooltips(spec) == all_counts, "the tooltip always gives both counts"
    assert any(s.value == t("map.section_plan_bases", "en") for s in at.subheader)
    assert len(at.dataframe) == 2 and len(at.dataframe[1].value) > 0


def test_filters_that_match_nothing_show_a_message_not_an_empty_map():
    at = open_page("map", {"cluster": ["smart_robots"], "region": ["northern_ecological"]})
    assert_healthy(at)
    assert any(t("notices.empty_result", "en") in info.value for info in at.info)
    assert not at.get("deck_gl_json_chart") and not at.dataframe


def test_clicking_a_city_opens_its_profile_keeping_the_other_filters_and_language():
    at = open_page("map", {"cluster": ["semiconductors_ic"], "lang": ["zh"]})
    deck = at.get("deck_gl_json_chart")[0]
    deck.__class__ = DeckClick
    deck.click = {"selection": {"indices": {"cities": [2]}, "objects": {
        "cities": [{"type": "Feature", "properties": {"adcode": "440300"}}]}}}
    at.run()
    assert_healthy(at, "zh")
    assert at.title[0].value == t("pages.city", "zh")
    assert at.multiselect(key="city").value == ["440300"]
    assert at.multiselect(key="cluster").value == ["semiconductors_ic"], "the switch must not drop the filters"
    assert at.segmented_control(key="lang").value == "zh"
    assert as_list(at.query_params["city"]) == ["440300"]
    assert as_list(at.query_params["cluster"]) == ["semiconductors_ic"]
    assert not any(title.value == t("pages.map", "zh") for title in at.title), "left the map page"


def test_map_in_chinese_labels_the_region_level_mention():
    at = open_page("map", {"lang": ["zh"], "category": ["emerging"]})
    assert_healthy(at, "zh")
    table = links_table(at)
    assert set(table["role"]) <= {t("role.core", "zh"), t("role.base", "zh"), t("map.legend_region", "zh")}
    assert t("map.legend_region", "zh") in set(table["role"]), "region-level mentions are listed, labelled"
    assert table["city"].str.endswith("市").all(), "data labels in Chinese"
