"""The Revenue tiers and Growth targets pages in the running app (AppTest): filters, the figure form, removal."""

from pathlib import Path

import pytest
from apptest import assert_healthy, chart_specs, open_page
from streamlit.testing.v1 import AppTest

from gdclusters.i18n import t
from gdclusters.targets_view import SESSION_KEY

ROOT = Path(__file__).resolve().parent.parent
HEADLINE = "emerging10-revenue-growth-2025"


def register(at: AppTest):
    (table,) = [frame.value for frame in at.dataframe if "status_code" in frame.value.columns]
    return table


def metric_values(at: AppTest) -> dict[str, str]:
    return {metric.label: metric.value for metric in at.metric}


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_tiers_page_default(lang):
    at = open_page("tiers", lang=lang)
    assert_healthy(at, lang)
    assert at.title[0].value == t("pages.tiers", lang)
    specs = chart_specs(at)
    assert [spec["title"]["text"] for spec in specs] == [
        t("charts.tier_title", lang), t("charts.count_title", lang), t("charts.revenue_title", lang)]
    assert not at.info  # filters match, so no empty-result message


def test_tiers_page_with_category_filter():
    at = open_page("tiers", {"category": "emerging"})
    assert_healthy(at)
    tier_table = at.dataframe[0].value
    assert set(tier_table["category"]) == {"emerging"}
    assert any("Emerging" in line for line in chart_specs(at)[0]["title"]["subtitle"])


def test_tiers_page_with_cluster_filter():
    at = open_page("tiers", {"cluster": "automobiles"})
    assert_healthy(at)
    assert at.dataframe[0].value["cluster_id"].tolist() == ["automobiles"]
    figures = at.dataframe[1].value
    assert set(figures["cluster_id"]) == {"automobiles"}


def test_tiers_page_empty_result_shows_a_message_not_a_chart():
    at = open_page("tiers", {"cluster": "smart_robots", "category": "pillar"})
    assert_healthy(at)
    assert [info.value for info in at.info] == [t("tiers.empty", "en")]
    assert chart_specs(at) == []


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_targets_page_default(lang):
    at = open_page("targets", lang=lang)
    assert_healthy(at, lang)
    assert at.title[0].value == t("pages.targets", lang)
    assert at.selectbox(key="targets_target").value == HEADLINE
    table = register(at)
    assert table.loc[table["target_id"] == HEADLINE, "status"].tolist() == [t("status.ahead", lang)]
    (spec,) = chart_specs(at)
    assert spec["title"]["text"].endswith(t("status.ahead", lang))
    assert at.expander[0].label == t("status.rule_title", lang)


def test_targets_page_with_category_filter():
    at = open_page("targets", {"category": "emerging"})
    assert_healthy(at)
    ids = set(register(at)["target_id"])
    assert HEADLINE in ids and "semis-mbi-2025" in ids
    assert "pillar10-revenue-growth-2025" not in ids  # the pillar group's target
    assert "auto-revenue-2025" not in ids  # a pillar cluster's target


def test_targets_page_with_cluster_filter_keeps_group_targets():
    at = open_page("targets", {"cluster": "automobiles"})
    assert_healthy(at)
    ids = set(register(at)["target_id"])
    assert "auto-revenue-2025" in ids and HEADLINE in ids
    assert "semis-mbi-2025" not in ids
    assert at.selectbox(key="targets_target").value == HEADLINE


def add_figure(at: AppTest, period: str, value: float) -> AppTest:
    at.text_input(key="targets_form_period").input(period)
    at.number_input(key="targets_form_value").set_value(value)
    at.button(key="targets_form_submit").click()
    return at.run()


def test_adding_a_figure_changes_the_headline_status_and_register():
    at = open_page("targets")
    status_label = t("targets.metric_status", "en")
    assert metric_values(at)[status_label] == t("status.ahead", "en")
    add_figure(at, "2024", 1600)
    assert_healthy(at)
    assert not at.error
    assert metric_values(at)[status_label] == t("status.behind", "en")
    row = register(at).set_index("target_id").loc[HEADLINE]
    assert row["status"] == t("status.behind", "en") and row["latest_period"] == "2024"
    assert row["latest_source"] == t("targets.user_source", "en")
    assert at.session_state[SESSION_KEY] == [
        {"target_id": HEADLINE, "period": "2024", "value": 1600.0, "qualifier": "exact"}]
    (spec,) = chart_specs(at)
    assert spec["title"]["text"].endswith(t("status.behind", "en"))

    at.button(key="targets_remove").click().run()
    assert at.session_state[SESSION_KEY] == []
    assert metric_values(at)[status_label] == t("status.ahead", "en")


@pytest.mark.parametrize("period,value", [("2024", -5), ("2024", 0), ("1999", 1600), ("20x4", 1600)])
def test_an_invalid_figure_shows_an_error_and_changes_nothing(period, value):
    at = open_page("targets")
    add_figure(at, period, value)
    assert_healthy(at)
    assert len(at.error) == 1
    assert at.session_state[SESSION_KEY] == []
    assert metric_values(at)[t("targets.metric_status", "en")] == t("status.ahead", "en")
    assert register(at).set_index("target_id").loc[HEADLINE, "status"] == t("status.ahead", "en")


def test_choosing_a_qualitative_target_shows_its_quote_and_no_form():
    at = open_page("targets")
    at.selectbox(key="targets_target").select("pillar10-revenue-growth-2025").run()
    assert_healthy(at)
    assert t("targets.qualitative_chart", "en") in [info.value for info in at.info]
    assert chart_specs(at) == []
    assert not [widget for widget in at.text_input if widget.key == "targets_form_period"]
