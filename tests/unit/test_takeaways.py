"""The one-sentence takeaways of the Revenue tiers and Overview charts: computed from the data, so they change with it."""

import dataclasses

import pytest

from gdclusters import analysis, takeaways, tiers
from gdclusters.dataset import load_dataset
from gdclusters.i18n import t
from gdclusters.state import Filters


@pytest.fixture(scope="module")
def ds():
    return load_dataset()


def fresh(ds, **tables):
    """A copy of ds with some tables replaced and empty memo stores."""
    return dataclasses.replace(ds, derived={}, **tables)


# ---------------------------------------------------------------- tier chart


def test_tier_takeaway_counts_the_top_tier_and_the_clusters_with_a_figure(ds):
    latest = tiers.latest_figures(ds, Filters(), "en")
    assert takeaways.tier_takeaway(latest, "en") == (
        "8 of 20 clusters had 2023 output over 1 trillion yuan; a whole-cluster revenue or output figure is "
        "published for 12 of them (the points)."
    )
    assert takeaways.tier_takeaway(tiers.latest_figures(ds, Filters(), "zh"), "zh") == (
        "20 个集群中，8 个 2023 年产值超万亿元；其中 12 个公布了整个集群的营收或产值数字（图中的点）。"
    )


def test_tier_takeaway_follows_the_filters(ds):
    emerging = takeaways.tier_takeaway(tiers.latest_figures(ds, Filters(categories=("emerging",)), "en"), "en")
    assert emerging.startswith("2 of 10 clusters had 2023 output over 500 billion yuan")
    one = takeaways.tier_takeaway(tiers.latest_figures(ds, Filters(clusters=("automobiles",)), "en"), "en")
    assert one == (
        "Automobiles had 2023 output over 1 trillion yuan; its latest whole-cluster figure: "
        "Operating revenue, 2022: over 1 trillion yuan."
    )
    none = takeaways.tier_takeaway(tiers.latest_figures(ds, Filters(clusters=("green_petrochemicals",)), "en"), "en")
    assert none.endswith("no whole-cluster revenue or output figure is published.")
    assert takeaways.tier_takeaway(tiers.latest_figures(ds, Filters(clusters=("x",), tiers=(10,)), "en"), "en") == ""


def test_tier_takeaway_changes_when_no_figure_is_published(ds):
    latest = tiers.latest_figures(ds, Filters(tiers=(1000,)), "en")
    without = latest.assign(has_figure=False)
    assert "published for 4 of them" in takeaways.tier_takeaway(latest, "en")
    assert takeaways.tier_takeaway(without, "en") == (
        "8 of 8 clusters had 2023 output over 1 trillion yuan; no whole-cluster revenue or output figure is "
        "published for any of them."
    )


# ---------------------------------------------------------------- count chart


def test_count_takeaway_lists_the_tiers_and_notes_a_one_category_top_tier(ds):
    rows = tiers.tier_frame(ds, Filters(), "en")
    assert takeaways.tier_count_takeaway(rows, "en") == (
        "2023 output of the 20 clusters: 8 over 1 trillion yuan, 3 over 500 billion yuan, 7 over 100 billion yuan "
        "and 2 over 10 billion yuan; all 8 in the top tier are pillar clusters."
    )
    zh = takeaways.tier_count_takeaway(tiers.tier_frame(ds, Filters(), "zh"), "zh")
    assert zh == (
        "20 个集群的 2023 年产值：超万亿元 8 个、超五千亿元 3 个、超千亿元 7 个、超百亿元 2 个；"
        "最高档的 8 个均为支柱产业集群。"
    )


def test_count_takeaway_changes_with_the_data_and_filters(ds):
    emerging = takeaways.tier_count_takeaway(tiers.tier_frame(ds, Filters(categories=("emerging",)), "en"), "en")
    assert emerging == (
        "2023 output of the 10 clusters: 2 over 500 billion yuan, 6 over 100 billion yuan and 2 over 10 billion yuan."
    )
    assert "pillar" not in emerging, "a one-category selection says nothing about categories"
    moved = ds.clusters.assign(
        output_floor_2023_bn_yuan=ds.clusters["output_floor_2023_bn_yuan"].mask(
            ds.clusters["cluster_id"] == "new_energy", 1000
        )
    )
    changed = takeaways.tier_count_takeaway(tiers.tier_frame(fresh(ds, clusters=moved), Filters(), "en"), "en")
    assert changed.startswith("2023 output of the 20 clusters: 9 over 1 trillion yuan, 2 over 500 billion yuan")
    assert "all 9 in the top tier" not in changed, "the top tier is no longer one category"
    one = takeaways.tier_count_takeaway(tiers.tier_frame(ds, Filters(clusters=("smart_robots",)), "en"), "en")
    assert one == "2023 output of Smart robots: over 10 billion yuan."
    assert takeaways.tier_count_takeaway(tiers.tier_frame(ds, Filters(clusters=("x",)), "en"), "en") == ""


# ---------------------------------------------------------------- figures over time


def test_series_takeaway_names_the_longest_series(ds):
    points = tiers.series_points(tiers.revenue_figures(ds, Filters(), "en"))
    text = takeaways.series_takeaway(points, "en")
    n = points["series"].nunique()
    assert text.startswith(f"13 of the {n} series (one cluster, one measure each) have figures for two or more")
    assert text.endswith("the longest is Smart robots: Output value (Shenzhen part only), 5 years from 2019 to 2024.")
    zh = takeaways.series_takeaway(tiers.series_points(tiers.revenue_figures(ds, Filters(), "zh")), "zh")
    assert "最长的是智能机器人的" in zh and "从 2019 年到 2024 年共 5 年" in zh


def test_series_takeaway_follows_filters_and_counts_only_full_years(ds):
    uhd = tiers.series_points(tiers.revenue_figures(ds, Filters(clusters=("uhd_video_display",)), "en"))
    assert takeaways.series_takeaway(uhd, "en").endswith(
        "Ultra-high-definition video display: Operating revenue, 4 years from 2020 to 2025."
    )
    electronic = tiers.series_points(tiers.revenue_figures(ds, Filters(clusters=("electronic_information",)), "en"))
    assert takeaways.series_takeaway(electronic, "en") == (
        "None of the 2 series (one cluster, one measure each) has figures for two full years yet, so no line is drawn."
    )
    # Two sources for one year are one year, not two: Guangzhou's software revenue has 2020 twice and 2023.
    software = tiers.series_points(
        tiers.revenue_figures(ds, Filters(clusters=("software_information_services",)), "en")
    )
    guangzhou = software[software["measure"] == "Operating revenue (Guangzhou part only)"]
    assert (guangzhou["kind"] == "full_year").sum() == 2 and (guangzhou["kind"] == "other_source").sum() == 1
    assert takeaways.series_takeaway(software.iloc[0:0], "en") == ""


# ---------------------------------------------------------------- overview map


def test_city_takeaway_names_the_leading_city_and_follows_filters(ds):
    assert takeaways.count_map(ds, Filters(), "en") == (
        "Guangzhou: named for the most clusters (15 of 20); 18 of the 21 cities are named for at least one."
    )
    assert takeaways.count_map(ds, Filters(), "zh").startswith("广州市被点名的集群最多（20 个集群中的 15 个）")
    assert takeaways.count_map(ds, Filters(cities=("440300",)), "en") == "Shenzhen is named for 14 of the 20 clusters."
    robots = takeaways.count_map(ds, Filters(clusters=("smart_robots",)), "en")
    assert robots.startswith("6 of the 21 cities are named for Smart robots: Guangzhou, Shenzhen")


def test_city_takeaway_changes_with_the_data(ds):
    summary = analysis.city_summary(ds, Filters())
    tied = summary.assign(n_clusters=summary["n_clusters"].mask(summary["name_en"] == "Shenzhen", 15))
    assert takeaways.city_count_takeaway(tied, 20, "en").startswith("Guangzhou and Shenzhen: named for the most")
    nobody = summary.assign(n_clusters=0)
    assert takeaways.city_count_takeaway(nobody, 20, "en") == ""


def test_takeaways_never_show_a_missing_key(ds):
    for filters in (Filters(), Filters(categories=("pillar",)), Filters(clusters=("smart_robots",))):
        for lang in ("en", "zh"):
            texts = [*takeaways.tiers_page(ds, filters, lang), takeaways.count_map(ds, filters, lang)]
            assert all(text and "⟦" not in text for text in texts)
    assert takeaways.tiers_page(ds, Filters(), "en") is takeaways.tiers_page(ds, Filters(), "en"), "memoised"
    assert t("takeaway.list_last", "zh") == "、"
