"""The Map page's atlas of the clusters and the Cluster profile's index in the running app (AppTest)."""

import json

import pytest

from gdclusters import maps
from gdclusters.dataset import load_dataset
from gdclusters.i18n import t
from gdclusters.text import escape_markdown
from tests.support.apptest import assert_healthy, chart_specs, deck_specs, open_page, url_values


def atlas_panels(at) -> list[dict]:
    """The atlas's panel specs: charts whose first layer fetches the display shapes and draws roles."""
    return [
        spec
        for spec in chart_specs(at)
        if spec.get("layer", [{}])[0].get("data", {}).get("url") == maps.DISPLAY_SHAPES_URL
        and spec["layer"][0]["encoding"].get("color", {}).get("field") == "role_label"
    ]


def cluster_links(at) -> dict[str, str]:
    """cluster_id -> query string of each link to a cluster profile on the page."""
    out = {}
    for link in at.get("page_link"):
        if link.proto.page != "cluster":
            continue
        query = dict(part.split("=", 1) for part in link.proto.query_string.split("&"))
        out[query["cluster"]] = link.proto.query_string
    return out


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_atlas_from_the_url_draws_twenty_panels_each_linking_to_its_profile(lang):
    at = open_page("map", {"view": "atlas"}, lang=lang)
    assert_healthy(at, lang)
    assert at.segmented_control(key="map_view").value == "atlas"
    assert deck_specs(at) == [], "the atlas replaces the WebGL map"
    panels = atlas_panels(at)
    assert len(panels) == 20
    assert all(spec["width"] <= maps.atlas.PANEL_BOX_WIDTH and spec.get("description") for spec in panels)
    links = cluster_links(at)
    assert sorted(links) == sorted(load_dataset().clusters["cluster_id"])
    names = dict(zip(load_dataset().clusters["cluster_id"], load_dataset().clusters[f"name_{lang}"], strict=True))
    labels = {link.proto.label for link in at.get("page_link") if link.proto.page == "cluster"}
    # A link's label is Markdown: the names from the data go in escaped, so they show as written.
    assert labels == {escape_markdown(name) for name in names.values()}
    if lang == "zh":
        assert all(query.endswith("lang=zh") for query in links.values())
    assert url_values(at, "view") == ["atlas"]
    assert not at.warning


def test_atlas_follows_the_filters_and_carries_them_in_its_links():
    at = open_page("map", {"view": "atlas", "category": "emerging", "city": "440300"}, expand=True)
    assert_healthy(at)
    panels = atlas_panels(at)
    assert len(panels) == 10
    links = cluster_links(at)
    assert len(links) == 10 and all("city=440300" in q and "category=emerging" in q for q in links.values())
    emerging = load_dataset().clusters.query("category == 'emerging'")["cluster_id"]
    assert set(links) == set(emerging)
    summary_lines = [m.value for m in at.markdown if m.value.startswith("- ")]
    assert summary_lines and "1" in summary_lines[0], "each panel's sentence says how many filtered cities are named"
    empty = open_page("map", {"view": "atlas", "category": "emerging", "tier": "1000"})
    assert_healthy(empty)
    assert t("atlas.empty", "en") in [i.value for i in empty.info]
    assert atlas_panels(empty) == []


def test_switching_views_writes_and_clears_the_url_parameter():
    at = open_page("map")
    assert_healthy(at)
    assert at.segmented_control(key="map_view").value == "one"
    assert len(deck_specs(at)) == 1 and atlas_panels(at) == []
    at.segmented_control(key="map_view").set_value("atlas").run()
    assert_healthy(at)
    assert url_values(at, "view") == ["atlas"]
    assert len(atlas_panels(at)) == 20 and deck_specs(at) == []
    at.segmented_control(key="map_view").set_value("one").run()
    assert url_values(at, "view") == []
    assert len(deck_specs(at)) == 1


def with_url_value(at, key: str, value: str):
    """Put a value in the page's address and run it again, as a deep link into the page does."""
    at.query_params[key] = value
    return at.run()


def test_a_hostile_view_value_is_named_in_a_notice_and_the_single_map_is_shown():
    at = with_url_value(open_page("map"), "view", "<script>alert(1)</script>")
    assert_healthy(at)
    (warning,) = at.warning
    expected = t("notices.ignored_param", "en", param="view", value="<script>alert(1)</script>", reason="")
    assert escape_markdown(expected.rstrip()) in warning.value and t("notices.unknown_value", "en") in warning.value
    assert "<script>" not in warning.value, "the value is escaped"
    assert len(deck_specs(at)) == 1 and atlas_panels(at) == []
    assert url_values(at, "view") == []


def test_single_map_has_a_text_alternative_and_a_table_twin():
    at = open_page("map", {"cluster": "semiconductors_ic"}, expand=True)
    assert_healthy(at)
    (deck,) = at.get("deck_gl_json_chart")
    shown = [m.value for m in at.markdown]
    assert escape_markdown(deck.proto.alt) in shown, "the sentence shown is the map's text alternative"
    assert deck.proto.alt.startswith("The map colours all 21 cities") and "Core: 3 cities" in deck.proto.alt
    tables = [table.value for table in at.table]
    assert any(t("atlas.col_class", "en") in frame.columns and len(frame) == 21 for frame in tables)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_cluster_profile_opens_on_an_index_of_the_clusters(lang):
    at = open_page("cluster", lang=lang)
    assert_healthy(at, lang)
    assert t("cluster.index_title", lang) in [s.value for s in at.subheader]
    assert [h.value for h in at.main.header] == [], "no single profile without a selection"
    links = cluster_links(at)
    assert sorted(links) == sorted(load_dataset().clusters["cluster_id"])
    text = "\n".join(m.value for m in at.markdown)
    assert escape_markdown(t("cluster.index_no_figure", lang)) in text
    assert "profile_cluster" not in {box.key for box in at.selectbox}


def test_a_link_of_the_index_opens_that_profile():
    at = open_page("cluster")
    query = cluster_links(at)["new_energy"]
    params = dict(part.split("=", 1) for part in query.split("&"))
    profile = open_page("cluster", {key: [value] for key, value in params.items()})
    assert_healthy(profile)
    assert [h.value for h in profile.main.header] == ["New energy"]
    assert cluster_links(profile) == {} or "new_energy" not in cluster_links(profile)


def test_a_hostile_cluster_value_gives_a_notice_and_the_index():
    at = with_url_value(open_page("cluster"), "cluster", "../../etc/passwd")
    assert_healthy(at)
    (warning,) = at.warning
    assert escape_markdown("cluster=../../etc/passwd") in warning.value
    assert t("notices.unknown_value", "en") in warning.value
    assert t("cluster.index_title", "en") in [s.value for s in at.subheader]
    assert len(cluster_links(at)) == 20


def test_index_respects_the_category_filter():
    at = open_page("cluster", {"category": "pillar"})
    assert_healthy(at)
    links = cluster_links(at)
    assert len(links) == 10 and all("category=pillar" in q for q in links.values())
    assert json.dumps(sorted(links)) == json.dumps(
        sorted(load_dataset().clusters.query("category == 'pillar'")["cluster_id"])
    )
