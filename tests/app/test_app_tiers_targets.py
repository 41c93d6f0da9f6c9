"""The Revenue tiers and Growth targets pages in the running app (AppTest): filters, the figure form, removal."""

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from gdclusters import takeaways
from gdclusters.dataset import load_dataset
from gdclusters.i18n import t
from gdclusters.state import Filters
from gdclusters.targets_view import SESSION_KEY
from gdclusters.text import escape_markdown
from tests.support.apptest import assert_healthy, chart_specs, open_page, title_text
from ui.exports import REGISTRY_KEY

ROOT = Path(__file__).resolve().parents[2]
HEADLINE = "emerging10-revenue-growth-2025"


def register(at: AppTest):
    (table,) = [frame.value for frame in at.dataframe if "status_code" in frame.value.columns]
    return table


def shown_status(at: AppTest) -> str:
    """The status the target section's status line states (the line starts with it; its latest figure follows)."""
    before, after = t("targets.status_line", "en", status="\0", latest="\1").split("\0")
    (line,) = [md.value for md in at.markdown if md.value.startswith(before)]
    return line[len(before) :].split(after.split("\1")[0])[0]


def indicative(status: str, lang: str = "en") -> str:
    """A status as the page shows it when the comparability rule makes it indicative."""
    return t("targets.indicative_status", lang, status=t(f"status.{status}", lang))


def path_chart(at: AppTest) -> dict:
    """The one target's path chart (the scorecard chart comes first on the page)."""
    (spec,) = [
        s
        for s in chart_specs(at)
        if title_text(s) != t("scorecard.chart_title", "en") and title_text(s) != t("scorecard.chart_title", "zh")
    ]
    return spec


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_tiers_page_default(lang):
    at = open_page("tiers", lang=lang)
    assert_healthy(at, lang)
    assert at.title[0].value == t("pages.tiers", lang)
    specs = chart_specs(at)
    assert [title_text(spec) for spec in specs] == [
        t("charts.tier_title", lang),
        t("charts.count_title", lang),
        t("charts.revenue_title", lang),
    ]
    assert not at.info  # filters match, so no empty-result message
    # Each chart's takeaway is shown above it and is its text alternative (the Vega-Lite description).
    summaries = takeaways.tiers_page(load_dataset(), Filters(), lang)
    assert [spec["description"] for spec in specs] == list(summaries)
    shown = [md.value for md in at.markdown]
    assert all(escape_markdown(summary) in shown for summary in summaries)
    assert all(spec["width"] == "container" for spec in specs), "no chart is wider than its container"


def test_tiers_page_takeaways_and_export_follow_the_filters():
    at = open_page("tiers", {"category": "emerging"})
    assert_healthy(at)
    described = [spec["description"] for spec in chart_specs(at)]
    assert described[0].startswith("2 of 10 clusters had 2023 output over 500 billion yuan")
    assert described != list(takeaways.tiers_page(load_dataset(), Filters(), "en"))
    export = at.session_state[REGISTRY_KEY]["tiers_bar"].data
    assert {"measure", "period", "unit", "source", "tier_label", "tier_period", "tier_source"} <= set(export.columns)
    assert len(export) == 10 and set(export["category"]) == {"emerging"}


def test_tiers_page_with_category_filter():
    at = open_page("tiers", {"category": "emerging"}, expand=True)
    assert_healthy(at)
    tier_table = at.dataframe[0].value
    assert set(tier_table["category"]) == {"emerging"}
    assert any("Emerging" in line for line in chart_specs(at)[0]["title"]["subtitle"])


def test_tiers_page_with_cluster_filter():
    at = open_page("tiers", {"cluster": "automobiles"}, expand=True)
    assert_healthy(at)
    assert at.dataframe[0].value["cluster_id"].tolist() == ["automobiles"]
    figures = at.dataframe[1].value
    assert set(figures["cluster_id"]) == {"automobiles"}


@pytest.mark.parametrize(
    ("params", "part"), [({"city": "440300"}, "440300"), ({"region": "coastal_east"}, "coastal_east")]
)
def test_tiers_page_file_names_carry_the_city_and_region_filters(params, part):
    """The page's own copy of the file-name rule once dropped these two filters from every download's name."""
    at = open_page("tiers", params)
    assert_healthy(at)
    names = {name: item.name for name, item in at.session_state[REGISTRY_KEY].items()}
    assert set(names) == {"tiers_bar", "tiers_counts", "tiers_revenue", "tiers_revenue_table"}
    assert all(part in name for name in names.values()), names


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
    # The 2019 baseline (2020 opinion) and the 2023 figure (China Daily) come from different sources.
    row = table.set_index("target_id").loc[HEADLINE]
    assert row["status"] == indicative("ahead", lang)
    assert ("China Daily" if lang == "en" else "中国日报") in row["comparability"]
    assert title_text(path_chart(at)).endswith(t("targets.indicative_status", lang, status=t("status.ahead", lang)))
    labels = [expander.label for expander in at.expander]
    assert t("status.rule_title", lang) in labels and t("growth.rule_title", lang) in labels


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
    assert shown_status(at) == escape_markdown(indicative("ahead"))
    add_figure(at, "2024", 1600)
    assert_healthy(at)
    assert not at.error
    # A hypothetical figure is still another source than the plan's baseline: indicative.
    assert shown_status(at) == escape_markdown(indicative("behind"))
    row = register(at).set_index("target_id").loc[HEADLINE]
    assert row["status"] == indicative("behind") and row["latest_period"] == "2024"
    assert row["latest_source"] == t("targets.user_source", "en")
    assert at.session_state[SESSION_KEY] == [
        {"target_id": HEADLINE, "period": "2024", "value": 1600.0, "qualifier": "exact"}
    ]
    assert title_text(path_chart(at)).endswith(t("targets.indicative_status", "en", status=t("status.behind", "en")))

    at.button(key="targets_remove").click().run()
    assert at.session_state[SESSION_KEY] == []
    assert shown_status(at) == escape_markdown(indicative("ahead"))


@pytest.mark.parametrize(("period", "value"), [("2024", -5), ("2024", 0), ("1999", 1600), ("20x4", 1600)])
def test_an_invalid_figure_shows_an_error_and_changes_nothing(period, value):
    at = open_page("targets")
    add_figure(at, period, value)
    assert_healthy(at)
    assert len(at.error) == 1
    assert at.session_state[SESSION_KEY] == []
    assert shown_status(at) == escape_markdown(indicative("ahead"))
    assert register(at).set_index("target_id").loc[HEADLINE, "status"] == indicative("ahead")


def test_choosing_a_qualitative_target_shows_its_quote_and_no_form():
    at = open_page("targets")
    at.selectbox(key="targets_target").select("pillar10-revenue-growth-2025").run()
    assert_healthy(at)
    assert t("targets.qualitative_chart", "en") in [info.value for info in at.info]
    assert [title_text(s) for s in chart_specs(at)] == [t("scorecard.chart_title", "en")]
    assert not [widget for widget in at.text_input if widget.key == "targets_form_period"]


def test_register_filters_come_from_the_url_and_match_the_overview_counts():
    overview = open_page("overview")
    assert_healthy(overview)
    links = {link.label: link for link in overview.get("page_link")}
    met_label = next(label for label in links if label.endswith(" met"))
    at = open_page("targets", {"status": "met", "year": "2025"})
    assert_healthy(at)
    table = register(at)
    assert set(table["status_code"]) == {"met"}
    assert met_label == t("overview.targets_met", "en", n=len(table))
    assert at.selectbox(key="targets_status").value == "met"
    assert at.selectbox(key="targets_year").value == "2025"
    # Only targets in force by default; the replaced 730-billion new-energy target appears with its history.
    assert "new-energy-revenue-2025" not in set(table["target_id"])


def test_history_lists_the_target_a_later_plan_replaced():
    at = open_page("targets", {"history": "1", "cluster": "new_energy"})
    assert_healthy(at)
    row = register(at).set_index("target_id").loc["new-energy-revenue-2025"]
    assert row["status_code"] == "not_comparable"
    assert row["in_force"].startswith("replaced by")
    assert "another definition" in row["comparability"] or "definition" in row["comparability"]


def test_changing_a_register_filter_writes_the_url():
    at = open_page("targets")
    at.selectbox(key="targets_status").select("missed").run()
    assert_healthy(at)
    assert at.query_params.get("status") in ("missed", ["missed"])
    assert set(register(at)["status_code"]) <= {"missed"} or t("targets.filtered_empty", "en") in [
        info.value for info in at.info
    ]


def test_a_hostile_register_filter_is_ignored_with_a_notice():
    hostile = {"status": "<img src=x onerror=alert(1)>", "year": "1e9"}
    at = open_page("targets", hostile)
    assert_healthy(at)
    assert at.selectbox(key="targets_status").value is None
    assert at.selectbox(key="targets_year").value is None
    # The notice is drawn on the run that reads the link (AppTest's page switch is a second run).
    first = open_page("overview", hostile)
    notices = " ".join(w.value for w in first.warning)
    assert "status" in notices and "year" in notices
    assert "\\<img" in notices and "<img" not in notices.replace("\\<img", "")  # escaped, never markup


def test_register_export_name_carries_the_city_filter():
    at = open_page("targets", {"city": "440300"})
    assert_healthy(at)
    item = at.session_state["_export_registry"]["targets_register_export"]
    assert "440300" in item.name and "all" not in item.name


def test_the_targets_page_opens_on_the_scorecard_in_both_languages():
    for lang in ("en", "zh"):
        at = open_page("targets", lang=lang, expand=True)
        assert_healthy(at, lang)
        assert at.subheader[0].value == t("scorecard.section", lang)
        tables = at.get("table")
        assert tables, "the scorecard's names must be real text, not only a data grid"


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_scorecard_on_screen_and_in_its_csv_has_no_bare_percent_and_the_languages_punctuation(lang):
    """Audit: "required % a year, achieved %" (需年均增长%，实际%) where a rate is missing, and, in Chinese,
    "产值 / 总产值: 2025年达到6万亿元" and "2027年超过1万亿元 （由2025年推迟）"."""
    bare_percent = r"(?<![\d.])%"
    at = open_page("targets", lang=lang, expand=True)
    assert_healthy(at, lang)
    exported = at.session_state[REGISTRY_KEY]["targets_scorecard"].data
    # The text table escapes Markdown ("Growth\\: required"): compared without the backslashes.
    tables = [table.value.rename(columns=lambda c: c.replace("\\", "")) for table in at.get("table")]
    (screen,) = [table for table in tables if t("scorecard.col_growth", lang) in table.columns]
    screen = screen.map(lambda cell: str(cell).replace("\\", ""))
    for frame in (exported, screen):
        growth = frame[t("scorecard.col_growth", lang)]
        assert not growth.str.contains(bare_percent).any(), growth.tolist()
        assert t("scorecard.growth_required_only", lang, required="1.9%") in set(growth)
        targets = frame[t("scorecard.col_target", lang)]
        targets = targets[targets != ""]
        assert targets.str.contains("：" if lang == "zh" else ": ", regex=False).all(), targets.tolist()
        if lang == "zh":
            assert not targets.str.contains(r":|\s（", regex=True).any(), targets.tolist()
