"""Every page renders in both languages, with and without filters; the URL drives the state."""

from pathlib import Path

import pytest

from gdclusters.i18n import t
from tests.support.apptest import assert_healthy, open_page, url_values

PAGES = ["overview", "map", "matrix", "tiers", "targets", "city", "cluster", "sources"]
ROOT = Path(__file__).resolve().parents[2]
FILTER_SET = {"cluster": ["semiconductors_ic", "new_energy"], "city": ["440300"], "region": ["pearl_river_delta"]}


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("page", PAGES)
def test_page_renders_with_default_state(page, lang):
    at = open_page(page, lang=lang)
    assert_healthy(at, lang)
    assert (at.title and at.title[0].value == t(f"pages.{page}", lang)) or any(
        t(f"pages.{page}", lang) in h.value for h in at.header
    )


@pytest.mark.parametrize("page", PAGES)
def test_page_renders_with_a_representative_filter_set(page):
    at = open_page(page, FILTER_SET)
    assert_healthy(at, "en")
    assert at.multiselect(key="cluster").value == ["semiconductors_ic", "new_energy"]
    assert not at.warning, "valid parameters must not produce notices"


def test_query_parameters_round_trip_through_the_widgets():
    at = open_page("overview", {"cluster": ["automobiles"], "tier": ["1000"], "category": ["pillar"]})
    assert at.multiselect(key="cluster").value == ["automobiles"]
    assert at.multiselect(key="tier").value == ["1000"]
    at.multiselect(key="city").set_value(["440100"]).run()
    assert url_values(at, "city") == ["440100"]
    assert url_values(at, "cluster") == ["automobiles"]
    at.switch_page("pages/tiers.py").run()
    assert url_values(at, "city") == ["440100"], "filters survive a page switch"
    assert at.multiselect(key="city").value == ["440100"]
    assert_healthy(at, "en")


@pytest.mark.parametrize(
    "params",
    [
        {"cluster": ["<script>alert(1)</script>"]},
        {"city": ["999999", "440300"]},
        {"tier": ["-1"], "category": ["[x](http://evil.example)"]},
        {"nonsense": ["![img](http://evil.example/x.png)"]},
        {"region": ["../../etc/passwd"]},
    ],
)
def test_hostile_parameters_are_dropped_with_a_visible_notice(params):
    at = open_page("overview", params)
    assert_healthy(at, "en")
    assert at.warning, "a dropped value must be announced"
    notice = at.warning[0].value
    assert "<script>" not in notice and "](" not in notice  # escaped, not live markup
    assert "evil.example" not in str(dict(at.query_params))


def test_language_switch_changes_the_interface():
    at = open_page("overview", lang="zh")
    assert_healthy(at, "zh")
    assert at.title[0].value == t("pages.overview", "zh")
    at.segmented_control(key="lang").set_value("en").run()
    assert at.title[0].value == t("pages.overview", "en")


def test_filters_that_match_nothing_show_a_clear_message():
    at = open_page("map", {"cluster": ["smart_robots"], "region": ["northern_ecological"]})
    assert_healthy(at, "en")
    assert any(t("notices.empty_result", "en") in i.value for i in at.info)


def test_quick_find_understands_pinyin_initials_and_adds_the_city():
    at = open_page("overview")
    at.text_input(key="find").set_value("sz").run()
    shenzhen = at.button(key="find_city_440300")
    assert shenzhen.label == t("filters.find_add_city", "en", name="Shenzhen")
    shenzhen.click().run()
    assert at.multiselect(key="city").value == ["440300"]
    assert url_values(at, "city") == ["440300"]
    assert at.text_input(key="find").value == ""
    assert_healthy(at, "en")


def test_quick_find_in_chinese_adds_a_cluster():
    at = open_page("overview", lang="zh")
    at.text_input(key="find").set_value("机器人").run()
    at.button(key="find_cluster_smart_robots").click().run()
    assert at.multiselect(key="cluster").value == ["smart_robots"]
    at.text_input(key="find").set_value("<script>").run()
    assert not [b for b in at.button if b.key and b.key.startswith("find_")]
    assert_healthy(at, "zh")
