"""The Overview and Map pages in AppTest: default state, URL filters, layers, a map click, both languages."""

import json
from pathlib import Path

import pytest
from streamlit.proto.WidgetStates_pb2 import WidgetState
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.element_tree import UnknownElement, Widget

from gdclusters import maps, overview, takeaways
from gdclusters.dataset import load_dataset
from gdclusters.i18n import t
from gdclusters.state import Filters
from gdclusters.text import escape_markdown
from tests.support.apptest import (
    assert_healthy,
    chart_datasets,
    chart_specs,
    deck_specs,
    open_lazy_expanders,
    open_page,
)
from tests.support.city_rows import CLUSTER, SHENZHEN, make_city_figure_copy

ROOT = Path(__file__).resolve().parents[2]


def overview_map_tooltips(at) -> list[str]:
    """The tooltips of the Overview's city map (a Vega chart that fetches its shapes and looks up each city's row)."""
    ((spec, datasets),) = [
        (spec, datasets)
        for spec, datasets in zip(chart_specs(at), chart_datasets(at), strict=True)
        if spec.get("layer", [{}])[0].get("data", {}).get("url") == maps.DISPLAY_SHAPES_URL
    ]
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
    period = overview.trillion_view(load_dataset(), "en").period
    assert period.endswith("2025") and any(period in c for c in captions), "the trillion chart names its period"
    assert deck_specs(at) == [], "no WebGL map on the landing page"
    assert len(overview_map_tooltips(at)) == 21
    links = at.get("page_link")
    next_links = [link for link in links if "status=" not in link.proto.query_string]
    assert sorted(link.proto.page for link in next_links) == sorted(
        ["map", "matrix", "tiers", "targets", "city", "cluster", "sources"]
    )
    assert all(link.proto.query_string == "" for link in next_links), "no filters, nothing to carry"
    # The 2025 targets line: three numbers, each opening the register filtered to it.
    status_links = [link for link in links if "status=" in link.proto.query_string]
    assert sorted(link.proto.query_string for link in status_links) == [
        "status=met&year=2025",
        "status=missed&year=2025",
        "status=open&year=2025",
    ]
    assert all(link.proto.page == "targets" for link in status_links)
    # 'Open' counts targets ahead and behind too: not settled, rather than 'not yet measurable'.
    (open_link,) = [link for link in status_links if "status=open" in link.proto.query_string]
    assert t("status.open", "en") in open_link.proto.label
    assert not at.info, "nothing is empty by default"


def test_overview_map_and_links_follow_the_url_filters():
    default_tips = overview_map_tooltips(open_page("overview"))
    at = open_page("overview", {"city": ["440300"], "cluster": ["semiconductors_ic"]})
    assert_healthy(at)
    tips = overview_map_tooltips(at)
    outside = t("map.tip_outside", "en")
    assert sum(outside in tip for tip in tips) == 20 and not any(outside in tip for tip in default_tips)
    carried = {link.proto.query_string.split("&status=")[0] for link in at.get("page_link")}
    assert carried == {"cluster=semiconductors_ic&city=440300"}
    assert "15 trillion yuan" in {metric.value for metric in at.metric}, "headline figures ignore the filters"


def test_overview_in_chinese_uses_wan_yi_yuan():
    at = open_page("overview", {"lang": ["zh"]})
    assert_healthy(at, "zh")
    values = {metric.value for metric in at.metric}
    assert "15万亿元" in values and not any("trillion" in v for v in values)
    # 49069.97亿元 as its source writes it: 4.907万亿元 would round it off.
    assert "49069.97亿元" in values


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_headline_caption_names_no_unit_its_figure_is_not_written_in(lang):
    # "15 trillion yuan" over "unit: billion yuan" (单位：亿元 under 15万亿元) told the reader two units for one figure.
    at = open_page("overview", {"lang": [lang]})
    money = [m for m in at.metric if m.value.endswith(("trillion yuan", "万亿元"))]
    assert money, "the landing page shows figures in trillions"
    stored = t("format.unit_bn_yuan", lang)
    prefix = escape_markdown(t("overview.figure_caption", lang).split("{")[0])
    captions = [c.value for c in at.caption if c.value.startswith(prefix)][: len(at.metric)]
    assert len(captions) == len(at.metric)
    assert not any(stored in caption for caption in captions), captions


def trillion_chart(at, lang: str) -> tuple[dict, dict[str, list[dict]]]:
    """The spec and datasets of the Overview's trillion-yuan chart (found by its title)."""
    ((spec, datasets),) = [
        (spec, datasets)
        for spec, datasets in zip(chart_specs(at), chart_datasets(at), strict=True)
        if spec.get("title", {}).get("text") == t("overview.trillion_title", lang)
    ]
    return spec, datasets


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_overview_trillion_chart_shows_who_joined_when_with_takeaway_notes_and_quotes(lang):
    at = open_page("overview", {"lang": [lang]})
    assert_healthy(at, lang)
    ds = load_dataset()
    members = overview.trillion_members(ds, lang)
    counts = overview.trillion_cluster_counts(ds)
    takeaway = overview.trillion_takeaway(members, counts, lang)
    assert any(escape_markdown(takeaway) == md.value for md in at.markdown), "the takeaway is on the page"
    spec, datasets = trillion_chart(at, lang)
    assert spec["description"] == takeaway, "the takeaway is the chart's text alternative"
    (map_spec,) = [s for s in chart_specs(at) if s.get("title", {}).get("text") != t("overview.trillion_title", lang)]
    assert map_spec["description"] == takeaways.count_map(ds, Filters(), lang)
    assert any(escape_markdown(map_spec["description"]) == md.value for md in at.markdown)
    rows = [row for layer in spec["layer"] for row in datasets[layer["data"]["name"]]]
    drawn = {row["cluster_id"] for row in rows if "cluster_id" in row}
    assert drawn == set(members["cluster_id"]) and len(drawn) == 10
    autos = {(row["year"], row["main"]) for row in rows if row.get("cluster_id") == "automobiles" and "year_end" in row}
    assert {year for year, _ in autos} == {2022, 2023}, "both joining years of automobiles are drawn"
    name_zh = dict(zip(ds.clusters["cluster_id"], ds.clusters["name_zh"], strict=True))["automobiles"]
    captions = " ".join(c.value for c in at.caption)
    assert ("automobiles" if lang == "en" else name_zh) in captions.lower(), "the dispute is said in words"
    expander = next(e for e in at.expander if e.label == t("overview.trillion_quotes", lang))
    assert not at.get("table"), "closed, the quotes and the table twin are neither sent nor drawn"
    open_lazy_expanders(at)
    expander = next(e for e in at.expander if e.label == t("overview.trillion_quotes", lang))
    tables = expander.get("table")
    assert len(tables) == 2
    assert len(tables[0].value) == len(members) and len(tables[1].value) == len(counts)
    labels = {row["label"] for row in rows if "label" in row}
    assert (name_zh in " ".join(labels)) == (lang == "zh"), "cluster names in the page's language"


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
    deck.click = {
        "selection": {
            "indices": {"cities": [2]},
            "objects": {"cities": [{"type": "Feature", "properties": {"adcode": "440300"}}]},
        }
    }
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


def test_map_city_figure_layer_is_off_by_default_and_marks_the_cities_with_figures(tmp_path, monkeypatch):
    monkeypatch.setenv("GDC_DATA_DIR", str(make_city_figure_copy(tmp_path / "data")))
    at = open_page("map", {"cluster": [CLUSTER]})
    assert_healthy(at)
    assert at.checkbox(key="map_city_figures").value is False
    assert maps.CITY_FIGURE_LAYER_ID not in [layer["id"] for layer in deck_specs(at)[0]["layers"]]
    assert t("map.section_city_figures", "en") not in [s.value for s in at.subheader]
    at.checkbox(key="map_city_figures").check().run()
    assert_healthy(at)
    layers = deck_specs(at)[0]["layers"]
    expected = [maps.CITY_LAYER_ID, maps.ROLE_MARKER_LAYER_ID, maps.CITY_FIGURE_LAYER_ID]
    assert [layer["id"] for layer in layers] == expected, "the badges are added last, above the role markers"
    (badge,) = layers[-1]["data"]
    assert badge["adcode"] == SHENZHEN and badge["label"] == "5", "this cluster's five Shenzhen figures"
    assert ", 2023: " in badge["tooltip"] and ", 2021: " not in badge["tooltip"], "the latest figure per measure"
    assert t("map.section_city_figures", "en") in [s.value for s in at.subheader]
    table = next(frame.value for frame in at.dataframe if "definition_label" in frame.value.columns)
    assert len(table) == 5 and (table["disagreement"] != "").sum() == 2
    everything = open_page("map")
    everything.checkbox(key="map_city_figures").check().run()
    (all_badge,) = next(
        layer for layer in deck_specs(everything)[0]["layers"] if layer["id"] == maps.CITY_FIGURE_LAYER_ID
    )["data"]
    assert all_badge["label"] == "6", "with no cluster selected every figure counts, the city's own system too"
