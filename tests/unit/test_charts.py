"""Builders of the Revenue tiers and Growth targets pages, and the shaping behind them, on the real data.

Charts are checked through their Vega-Lite specification (to_dict), never through screenshots.
"""

import dataclasses
import math
import re
from xml.etree import ElementTree

import pandas as pd
import pytest

from gdclusters import charts, export, periods, targets_view, tiers
from gdclusters.dataset import load_dataset
from gdclusters.i18n import t
from gdclusters.state import Filters
from gdclusters.targets_view.takeaway import path_takeaway, status_line
from gdclusters.text import escape_markdown

HEADLINE = "emerging10-revenue-growth-2025"


@pytest.fixture(scope="module")
def ds():
    return load_dataset()


def layers(spec: dict) -> list[dict]:
    return spec.get("layer", [spec])


def rows_of(spec: dict, layer: dict) -> list[dict]:
    """The inline rows a layer draws (Altair moves them to the top-level datasets; shared data to the top)."""
    return spec["datasets"][layer.get("data", spec.get("data"))["name"]]


def mark(layer: dict) -> str:
    return layer["mark"]["type"] if isinstance(layer["mark"], dict) else layer["mark"]


def by_mark(spec: dict, kind: str) -> list[dict]:
    return [layer for layer in layers(spec) if mark(layer) == kind]


def headline_row(ds, lang="en", user_rows=()):
    register = targets_view.register_table(ds, Filters(), lang, list(user_rows))
    return register[register["target_id"] == HEADLINE].iloc[0]


# Revenue tiers -------------------------------------------------------------------------------------


def layer_with(spec: dict, kind: str, field: str) -> dict:
    """The one layer of this mark type that encodes field (on any channel)."""
    (found,) = [
        layer
        for layer in by_mark(spec, kind)
        if any(isinstance(e, dict) and e.get("field") == field for e in layer.get("encoding", {}).values())
    ]
    return found


def test_latest_figures_pick_the_latest_whole_cluster_figure_in_its_own_measure(ds):
    latest = tiers.latest_figures(ds, Filters(), "en").set_index("cluster_id")
    assert len(latest) == 20
    # Software: the 2025 software business revenue, not a city's part nor an older industry scale.
    software = latest.loc["software_information_services"]
    assert (software["metric"], software["period"], software["value_text"]) == (
        "software_business_revenue",
        "2025",
        "over 2.5 trillion yuan",
    )
    # Digital creativity 2022: the whole cluster's operating revenue, not the games sub-sector of the same year,
    # and never the part-year 2023Q1-Q3 figure.
    assert latest.loc["digital_creativity", "metric"] == "operating_revenue"
    assert latest.loc["digital_creativity", "period"] == "2022"
    # Only a city's part is published for green petrochemicals: tier only.
    assert not latest.loc["green_petrochemicals", "has_figure"]
    assert latest.loc["green_petrochemicals", "measure"] == ""
    # The tier is a range: floor to the next tier's floor, open-ended at the top.
    assert latest.loc["biomedicine_health", ["tier_low", "tier_high"]].tolist() == [100, 500]
    assert pd.isna(latest.loc["automobiles", "tier_high"])
    for column in ("measure", "period", "unit", "source", "tier_period", "tier_source"):
        assert column in latest.columns
    assert (latest.loc[latest["has_figure"], "source"] != "").all()


def test_a_newer_figure_of_the_whole_cluster_replaces_the_latest(ds):
    extra = ds.metrics[
        (ds.metrics["scope"] == "smart_robots")
        & (ds.metrics["metric"] == "operating_revenue")
        & (ds.metrics["adcode"] == "")
    ].iloc[[0]]
    newer = extra.assign(period="2025", value=123.0, qualifier="exact")
    changed = dataclasses.replace(ds, metrics=pd.concat([ds.metrics, newer], ignore_index=True), derived={})
    before = tiers.latest_figures(ds, Filters(clusters=("smart_robots",)), "en").iloc[0]
    after = tiers.latest_figures(changed, Filters(clusters=("smart_robots",)), "en").iloc[0]
    assert before["period"] == "2024" and after["period"] == "2025" and after["value"] == 123.0


def test_tier_chart_draws_tiers_as_ranges_and_figures_as_points(ds):
    latest = tiers.latest_figures(ds, Filters(), "en")
    spec = charts.tier_chart(latest, "en").to_dict()
    (bands,) = by_mark(spec, "bar")
    drawn = rows_of(spec, bands)
    assert len(drawn) == 20
    # A band runs from the tier's floor to the next floor, never from the axis to the floor (not a bar length).
    assert {(row["x"], row["tier_end"]) for row in drawn if row["tier_bn_yuan"] == 500} == {(500, 1000)}
    top = [row for row in drawn if row["tier_bn_yuan"] == 1000]
    assert all(row["open_ended"] and row["tier_end"] > 1000 for row in top)
    assert bands["encoding"]["x"]["scale"]["type"] == "log"
    arrows = [layer for layer in by_mark(spec, "point") if layer["mark"].get("shape") == "triangle-right"]
    assert len(rows_of(spec, arrows[0])) == 8, "one arrow per open-ended (top tier) range"
    points = layer_with(spec, "point", "category_label")
    figures = rows_of(spec, points)
    assert len(figures) == int(latest["has_figure"].sum()) == 12
    assert {row["cluster_id"] for row in figures} == set(latest.loc[latest["has_figure"], "cluster_id"])
    assert points["encoding"]["shape"]["field"] == "category_label", "category also differs by shape"
    tips = {tip["field"] for tip in points["encoding"]["tooltip"]}
    assert {"measure", "period_label", "value_text", "source"} <= tips
    labels = layer_with(spec, "text", "figure_label")
    texts = {row["cluster_id"]: row["figure_label"] for row in rows_of(spec, labels)}
    assert texts["automobiles"] == "Operating revenue, 2022: over 1 trillion yuan"
    assert texts["green_petrochemicals"].startswith("No whole-cluster figure published")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_figure_is_compared_with_its_tier_only_when_it_is_2023_output(ds, lang):
    # The tier is 2023 output (China Daily); a 2022 operating revenue drawn on the same axis is not compared with
    # it, and its tooltip says why. A 2023 output figure of the whole cluster would be.
    latest = tiers.latest_figures(ds, Filters(), lang).set_index("cluster_id")
    autos = latest.loc["automobiles"]
    assert not autos["compared"]
    assert autos["tier_comparison"] == t(
        "tiers.vs_tier_not", lang, measure=autos["measure"], period=periods.label("2022", lang)
    )
    assert latest.loc["green_petrochemicals", "tier_comparison"] == "", "no figure, nothing to compare"
    # The year's basis in words, for the twin (the label writes it into the period): software's 2025 is a reading.
    software = latest.loc["software_information_services"]
    assert software["period_basis"] == periods.basis_text("context", software["published"], lang) != ""
    row = ds.metrics[(ds.metrics["scope"] == "automobiles") & (ds.metrics["adcode"] == "")].iloc[[0]]
    output = row.assign(metric=tiers.TIER_METRIC, period="2023", period_basis="quote", value=1100.0, qualifier="exact")
    changed = dataclasses.replace(ds, metrics=pd.concat([ds.metrics, output], ignore_index=True), derived={})
    autos = tiers.latest_figures(changed, Filters(clusters=("automobiles",)), lang).iloc[0]
    assert autos["compared"] and autos["tier_comparison"] == t("tiers.vs_tier_same", lang, period="2023")
    points = layer_with(charts.tier_chart(latest.reset_index(), lang).to_dict(), "point", "category_label")
    tips = {tip["field"]: tip["title"] for tip in points["encoding"]["tooltip"]}
    assert tips["tier_comparison"] == t("charts.tip_vs_tier", lang)


def test_tier_chart_fits_a_phone(ds):
    spec = charts.tier_chart(tiers.latest_figures(ds, Filters(), "zh"), "zh").to_dict()
    assert spec["width"] == "container"
    assert spec["config"]["view"]["stroke"] is None
    # No label axis on the side: names are text at the left edge, cut to the chart's width.
    names = layer_with(spec, "text", "cluster")
    assert names["encoding"]["x"] == {"value": 0} and names["mark"]["limit"] == {"expr": "width"}
    assert all(
        "y" not in layer["encoding"] or layer["encoding"]["y"].get("scale", "") is None for layer in layers(spec)
    )
    legend = layer_with(spec, "point", "category_label")["encoding"]["color"]["legend"]
    assert legend["orient"] == "bottom"
    # The tier floors are the axis values: four labels (亿元), far enough apart on a log scale not to overlap.
    axes = [layer["encoding"]["x"]["axis"] for layer in layers(spec) if layer["encoding"]["x"].get("axis")]
    (axis,) = axes
    assert axis["orient"] == "top" and axis["values"] == [10000, 5000, 1000, 100]
    foot = rows_of(spec, layer_with(spec, "text", "text"))
    assert [row["text"] for row in foot] == ["10,000", "5,000", "1,000", "100"], "floors repeated at the foot"
    assert all(len(line) <= charts.SUBTITLE_COLUMNS for line in spec["title"]["subtitle"])


def test_tier_chart_respects_filters_and_says_so(ds):
    filters = Filters(categories=("emerging",))
    latest = tiers.latest_figures(ds, filters, "en")
    spec = charts.tier_chart(latest, "en", tiers.filter_note(ds, filters, "en")).to_dict()
    (bands,) = by_mark(spec, "bar")
    assert {row["category"] for row in rows_of(spec, bands)} == {"emerging"}
    assert len(rows_of(spec, bands)) == 10 and spec["height"] == 10 * charts.TIER_ROW + charts.FOOT_ROW
    assert any(t("category.emerging", "en") in line for line in spec["title"]["subtitle"])
    assert tiers.filter_note(ds, Filters(), "en") == ""


def test_tier_counts_add_up_to_the_clusters(ds):
    counts = tiers.tier_counts(tiers.tier_frame(ds, Filters(), "en"), "en")
    assert counts["clusters"].sum() == 20
    assert len(counts) == 8  # every tier x category, zeros included for the table


def test_count_chart_draws_one_symbol_per_cluster_with_a_label_line_per_tier(ds):
    frame = tiers.tier_frame(ds, Filters(), "en")
    spec = charts.tier_count_chart(frame, "en").to_dict()
    symbols = layer_with(spec, "point", "category_label")
    assert len(rows_of(spec, symbols)) == 20
    assert symbols["encoding"]["shape"]["scale"]["range"] == ["circle", "diamond"]
    rows = {row["tier_bn_yuan"]: row["row_label"] for row in rows_of(spec, layer_with(spec, "text", "row_label"))}
    assert rows[1000] == "Over 1 trillion yuan: 8 (8 pillar)"
    assert rows[500] == "Over 500 billion yuan: 3 (1 pillar, 2 emerging)"
    emerging = charts.tier_count_chart(tiers.tier_frame(ds, Filters(categories=("emerging",)), "en"), "en").to_dict()
    labels = {r["tier_bn_yuan"]: r["row_label"] for r in rows_of(emerging, layer_with(emerging, "text", "row_label"))}
    assert labels[1000] == "Over 1 trillion yuan: none"
    only = charts.tier_count_chart(frame, "en", shown_tiers=(100,)).to_dict()
    assert [r["tier_bn_yuan"] for r in rows_of(only, layer_with(only, "text", "row_label"))] == [100]
    assert {r["tier_bn_yuan"] for r in rows_of(only, layer_with(only, "point", "category_label"))} == {100}


def test_series_never_join_different_measures_or_part_years(ds):
    figures = tiers.revenue_figures(ds, Filters(), "en")
    assert figures.groupby("series")["measure"].nunique().max() == 1
    assert figures.groupby("series")["metric"].nunique().max() == 1
    spec = charts.revenue_chart(figures, "en").to_dict()
    (line,) = by_mark(spec, "line")
    assert line["encoding"]["detail"]["field"] == "series"
    joined = rows_of(spec, line)
    assert joined and all(row["kind"] == "full_year" and row["period_kind"] == "full_year" for row in joined)
    per_series = {}
    for row in joined:
        per_series.setdefault(row["series"], []).append(row)
    for rows in per_series.values():
        assert len({(r["metric"], r["adcode"], r["definition"], r["cluster_id"]) for r in rows}) == 1
        assert len({r["period"] for r in rows}) == len(rows), "one point per year on a line"
        assert len(rows) >= 2
    # Guangzhou's software revenue: two sources for 2020, one on the line, the other a hollow circle.
    guangzhou = [r for r in joined if r["measure"] == "Operating revenue (Guangzhou part only)"]
    assert [r["period"] for r in sorted(guangzhou, key=lambda r: r["x"])] == ["2020", "2023"]


def test_series_chart_marks_part_years_and_other_sources_by_shape_and_labels_values(ds):
    figures = tiers.revenue_figures(ds, Filters(), "en")
    spec = charts.revenue_chart(figures, "en").to_dict()
    marks = layer_with(spec, "point", "kind_label")
    drawn = rows_of(spec, marks)
    assert len(drawn) == int(figures["charted"].sum())
    shapes = dict(
        zip(marks["encoding"]["shape"]["scale"]["domain"], marks["encoding"]["shape"]["scale"]["range"], strict=True)
    )
    assert shapes[t("charts.kind_part_year", "en")] == "square"
    fills = dict(
        zip(marks["encoding"]["fill"]["scale"]["domain"], marks["encoding"]["fill"]["scale"]["range"], strict=True)
    )
    assert fills[t("charts.kind_other_source", "en")] == charts.HOLLOW_FILL
    assert {row["kind"] for row in drawn if "Q" in row["period"] or "M" in row["period"]} == {"part_year"}
    values = layer_with(spec, "text", "label")
    labelled = {(row["measure"], row["period"]): row["label"] for row in rows_of(spec, values)}
    assert labelled[("Software business revenue", "2025")] == ">2,500"
    assert labelled[("Industry scale", "2019")] == "~250"
    assert not any("Q" in period for _, period in labelled), "a part-year point has no value label"
    # Each series is a row of its own, under its cluster's heading; years on both axes.
    measures = rows_of(spec, layer_with(spec, "text", "measure"))
    assert len(measures) == figures[figures["charted"]]["series"].nunique()
    assert spec["height"] == 17 * charts.SERIES_HEADING + len(measures) * charts.SERIES_ROW + charts.FOOT_ROW
    axes = [(layer["encoding"].get("x") or {}).get("axis") for layer in layers(spec)]
    orients = {axis.get("orient") for axis in axes if axis}
    assert orients == {"top"}
    foot = rows_of(spec, layer_with(spec, "text", "text"))
    assert [row["text"] for row in foot] == [str(year) for year in range(2019, 2026)], "years repeated at the foot"


def test_series_rise_within_their_row_only(ds):
    figures = tiers.revenue_figures(ds, Filters(clusters=("uhd_video_display",)), "en")
    points = tiers.series_points(figures)
    headings, rows, placed = charts.series_layout(points, "en")
    assert len(headings) == 1 and len(rows) == placed["series"].nunique()
    revenue = placed[(placed["measure"] == "Operating revenue") & (placed["kind"] == "full_year")].sort_values("x")
    # Higher is a smaller pixel y: the 2025 figure sits highest, the 2020 one lowest, within one row's band.
    assert revenue["mark_y"].is_monotonic_decreasing
    assert revenue["mark_y"].max() - revenue["mark_y"].min() == charts.SERIES_RISE
    single = placed[placed["measure"] == "Industry scale"]
    assert len(single) == 1


def test_revenue_figures_keep_qualifier_period_and_source(ds):
    figures = tiers.revenue_figures(ds, Filters(clusters=("digital_creativity",)), "en")
    assert set(figures["cluster_id"]) == {"digital_creativity"}
    row = figures[(figures["metric"] == "operating_revenue") & (figures["period"] == "2019")].iloc[0]
    assert row["value_text"] == "about 420 billion yuan"
    assert row["source"] and row["quote"]
    assert set(figures["period_kind"]) == {"full_year", "part_year"}  # 2023Q1-Q3 is a part-year figure


def test_revenue_chart_leaves_out_tier_d_figures(ds):
    figures = tiers.revenue_figures(ds, Filters(), "en")
    weak = figures.iloc[[0]].assign(reliability="D", charted=False, measure="weak measure")
    spec = charts.revenue_chart(pd.concat([figures, weak], ignore_index=True), "en").to_dict()
    points = layer_with(spec, "point", "kind_label")
    assert "weak measure" not in {row["measure"] for row in rows_of(spec, points)}
    assert "weak measure" not in {row["measure"] for row in rows_of(spec, layer_with(spec, "text", "measure"))}
    assert len(rows_of(spec, points)) == int(figures["charted"].sum())


def test_filters_that_match_no_cluster_give_empty_frames(ds):
    nothing = Filters(clusters=("smart_robots",), categories=("pillar",))
    assert tiers.tier_frame(ds, nothing, "en").empty
    assert tiers.revenue_figures(ds, nothing, "en").empty
    assert not tiers.tier_frame(ds, Filters(clusters=("smart_robots",)), "en").empty


# Growth targets ------------------------------------------------------------------------------------


def test_headline_target_is_the_emerging_ten_percent_path(ds):
    assert targets_view.headline_target_id(ds.targets) == HEADLINE
    options = targets_view.target_options(ds, Filters(), "en")
    assert next(iter(options)) == HEADLINE


def test_target_chart_draws_dashed_path_points_and_goal_rule(ds):
    data = targets_view.target_chart_data(ds, HEADLINE, "en", [])
    spec = charts.target_path_chart(data, "en").to_dict()
    (line,) = by_mark(spec, "line")
    assert line["encoding"]["strokeDash"]["scale"]["range"] == [[6, 4]]
    path = rows_of(spec, line)
    assert [row["year"] for row in path] == list(range(2019, 2026))
    assert path[-1]["value"] == pytest.approx(1500 * 1.1**6)
    (points,) = by_mark(spec, "point")
    drawn = {row["period"]: row for row in rows_of(spec, points)}
    assert drawn["2023"]["solid"] and not drawn["2021H1"]["solid"]  # the half-year figure is hollow
    fill = points["encoding"]["fill"]["scale"]
    assert dict(zip(fill["domain"], fill["range"], strict=True))[t("charts.obs_part_year", "en")] == "#ffffff"
    (rule,) = by_mark(spec, "rule")
    assert rows_of(spec, rule)[0]["value"] == pytest.approx(1500 * 1.1**6)
    # A path value is computed, not published: its tooltip says so, and from what.
    tips = {tip["field"]: tip["title"] for tip in line["encoding"]["tooltip"]}
    assert tips["series"] == t("charts.tip_path", "en") and {row["series"] for row in path} == {data.path_label}
    # Indicative (the path and the latest figure come from different sources): the title says so, as the page does.
    assert export.title_parts(spec["title"])[0].endswith(targets_view.status_text("ahead", True, "en"))
    assert t("charts.part_year_note", "en") in " ".join(spec["title"]["subtitle"]), "wrapped for a phone, never cut"


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_long_chart_title_is_wrapped_for_a_phone_and_joined_whole_for_a_file(ds, lang):
    # On a 390 px screen the path chart's one-line title was cut, and its status with it.
    data = targets_view.target_chart_data(ds, HEADLINE, lang, [])
    spec = charts.target_path_chart(data, lang).to_dict()
    lines = spec["title"]["text"]
    assert isinstance(lines, list) and len(lines) >= 2
    assert all(export.images._display_width(line) <= charts.TITLE_COLUMNS for line in lines)
    assert lines[-1].endswith(targets_view.status_text(data.status, data.indicative, lang)[-4:])
    whole = export.title_parts(spec["title"])[0]
    assert whole.replace(" ", "") == data.title.replace(" ", "")
    if lang == "en":
        assert whole == data.title, "words joined by one space again"
    else:
        assert not re.search(r"[\u4e00-\u9fff] [\u4e00-\u9fff]", whole), "no space put between two characters"


def test_user_figure_changes_status_and_is_marked_user(ds):
    rows = [{"target_id": HEADLINE, "period": "2024", "value": 1600.0, "qualifier": "exact"}]
    data = targets_view.target_chart_data(ds, HEADLINE, "en", rows)
    assert data.status == "behind"
    user = data.observations[data.observations["kind"] == "user"]
    assert user["period"].tolist() == ["2024"]
    assert user["source"].tolist() == [t("targets.user_source", "en")]
    assert "user" not in data.source_ids  # a user figure is never cited as a source
    spec = charts.target_path_chart(data, "en").to_dict()
    assert export.title_parts(spec["title"])[0].endswith(
        t("targets.indicative_status", "en", status=t("status.behind", "en"))
    )


def test_register_localises_status_and_shows_required_and_achieved_growth(ds):
    row = headline_row(ds)
    # Baseline (2020 opinion) and latest figure (China Daily) come from different sources: indicative.
    assert row["status"] == "ahead (indicative)" and row["status_code"] == "ahead"
    assert "different sources" in row["comparability"]
    assert row["required_growth_pct"] == 10.0
    assert row["achieved_growth_pct"] == pytest.approx(18.9, abs=0.05)
    assert row["baseline"] == "1.5 trillion yuan (2019)"
    assert row["latest_value"] == "nearly 3 trillion yuan" and row["latest_period"] == "2023"
    assert row["reliability"] in {"A", "B", "C"}
    zh = headline_row(ds, "zh")
    assert zh["status"] == t("targets.indicative_status", "zh", status=t("status.ahead", "zh")) != "ahead"
    assert zh["baseline"].startswith("1.5万亿元")


def test_the_register_caption_names_the_latest_figures_sources_too(ds):
    # The headline's latest figure comes from China Daily, not from the 2020 opinion that set the target: a caption
    # naming only the targets' sources left a figure on screen without its source in the citation.
    register = targets_view.register_table(ds, Filters(), "en", [])
    ids = targets_view.register_source_ids(ds, register)
    latest = {s for s in register["latest_source_id"] if s}
    assert latest and latest <= set(ids)
    assert set(ds.targets.loc[ds.targets["target_id"].isin(register["target_id"]), "source_id"]) <= set(ids)
    rows = [{"target_id": HEADLINE, "period": "2024", "value": 1600.0, "qualifier": "exact"}]
    with_user = targets_view.register_table(ds, Filters(), "en", rows)
    assert set(targets_view.register_source_ids(ds, with_user)) <= set(ds.sources["source_id"]), "a reader's figure"


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_register_gives_both_reasons_when_sources_differ_and_the_figure_is_a_bound(ds, lang):
    # auto-revenue-2025: 'behind' from 'over 1 trillion' (2022), the path from another source: two reasons.
    register = targets_view.register_table(ds, Filters(), lang, [])
    (row,) = register[register["target_id"] == "auto-revenue-2025"].to_dict("records")
    assert row["status_code"] == "behind"
    bound = t("growth.reason_lower_bound", lang)
    assert row["comparability"].endswith(bound) and len(row["comparability"]) > len(bound)
    assert row["comparability"].startswith(t("growth.reason_different_sources", lang, start="", latest="")[:6])


def test_register_qualitative_targets_compute_nothing(ds):
    register = targets_view.register_table(ds, Filters(), "en", [])
    qualitative = register[register["status_code"] == "qualitative"]
    assert not qualitative.empty
    assert qualitative["required_growth_pct"].isna().all() and qualitative["achieved_growth_pct"].isna().all()
    assert (qualitative["target"] == t("targets.qualitative_target", "en")).all()
    assert (qualitative["quote"] != "").all()


def test_register_with_user_figure(ds):
    rows = [{"target_id": HEADLINE, "period": "2024", "value": 1600.0, "qualifier": "exact"}]
    row = headline_row(ds, user_rows=rows)
    assert row["status_code"] == "behind" and row["latest_period"] == "2024"
    assert row["latest_source"] == t("targets.user_source", "en")
    export = targets_view.register_export(targets_view.register_table(ds, Filters(), "en", rows), rows, "en")
    applied = export[export[t("targets.col_target_id", "en")] == HEADLINE][t("targets.col_user_figures", "en")]
    assert applied.tolist() == [1]
    assert "status_code" not in export.columns


def test_visible_targets_follow_the_documented_filter_rule(ds):
    pillar = set(targets_view.visible_targets(ds, Filters(categories=("pillar",)))["scope"])
    assert "emerging_10" not in pillar and "pillar_10" in pillar and "all_20" in pillar
    assert "semiconductors_ic" not in pillar
    autos = targets_view.visible_targets(ds, Filters(clusters=("automobiles",)))
    cluster_scopes = set(autos["scope"]) & set(ds.clusters["cluster_id"])
    assert cluster_scopes == {"automobiles"}
    assert HEADLINE in set(autos["target_id"])  # group targets stay under a cluster filter
    foshan = targets_view.visible_targets(ds, Filters(cities=("440100",)))
    assert "foshan-advanced-materials-mbi-2025" not in set(foshan["target_id"])


@pytest.mark.parametrize(
    ("period", "value", "qualifier"),
    [
        ("24", 1600, "exact"),
        ("1999", 1600, "exact"),
        ("2101", 1600, "exact"),
        ("20x4", 1600, "exact"),
        ("2024", 0, "exact"),
        ("2024", -5, "exact"),
        ("2024", 1e7, "exact"),
        ("2024", math.nan, "exact"),
        ("2024", math.inf, "exact"),
        ("2024", None, "exact"),
        ("2024", "abc", "exact"),
        ("2024", 1600, "roughly"),
    ],
)
def test_invalid_user_figures_are_refused_and_change_nothing(ds, period, value, qualifier):
    before = [{"target_id": HEADLINE, "period": "2023", "value": 2900.0, "qualifier": "exact"}]
    rows, error = targets_view.add_observation(before, ds.targets, HEADLINE, period, value, qualifier, "en")
    assert error
    assert rows == before


def test_user_figure_typed_in_yi_yuan_is_stored_in_billions_and_replaces_same_year(ds):
    rows, error = targets_view.add_observation([], ds.targets, HEADLINE, "2024", 16000, "exact", "zh")
    assert error is None and rows[0]["value"] == pytest.approx(1600)
    rows, error = targets_view.add_observation(rows, ds.targets, HEADLINE, "2024", 1700, "about", "en")
    assert error is None and len(rows) == 1 and rows[0]["value"] == 1700


def test_user_figures_are_capped_and_qualitative_targets_refused(ds):
    full = [
        {"target_id": HEADLINE, "period": str(2000 + i), "value": 1.0, "qualifier": "exact"}
        for i in range(targets_view.MAX_USER_ROWS)
    ]
    rows, error = targets_view.add_observation(full, ds.targets, HEADLINE, "2099", 5, "exact", "en")
    assert error and rows == full
    rows, error = targets_view.add_observation([], ds.targets, "pillar10-revenue-growth-2025", "2024", 5, "exact", "en")
    assert error and rows == []


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_readers_figure_is_named_as_such_and_the_status_is_said_once(ds, lang):
    # The headline target's path starts from its own source; a reader's 2025 figure makes the status rest on two
    # sources, so it is indicative and the reason names both: the reader's figure as the reader's, not as "".
    rows, error = targets_view.add_observation([], ds.targets, HEADLINE, "2025", 3000, "exact", "en")
    assert error is None
    data = targets_view.target_chart_data(ds, HEADLINE, lang, rows)
    assert (data.indicative, data.status) == (True, "met")
    assert t("targets.user_source", lang) in data.comparability
    status = targets_view.status_text(data.status, data.indicative, lang)
    # The chart's title (what an export carries) says "indicative" as the page does ...
    assert data.title == t("charts.target_title", lang, subject=data.subject, status=status)
    # ... and the sentence under the chart says the status once, after the target it is about.
    sentence = path_takeaway(data, lang)
    assert sentence.startswith(data.subject) and sentence.count(targets_view.status_label(data.status, lang)) == 1


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_status_line_keeps_the_indicative_mark_and_the_year_of_the_latest_figure(ds, lang):
    # As st.metric values both were cut to one line: "ahead (indic…", "nearly 3 trilli…" without its year.
    data = targets_view.target_chart_data(ds, HEADLINE, lang, [])
    line = status_line(data, lang)
    assert data.indicative, "the headline target's status rests on two sources"
    assert escape_markdown(targets_view.status_text(data.status, data.indicative, lang)) in line
    assert data.latest_text and escape_markdown(data.latest_text) in line and "2023" in line


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_readers_figure_kept_from_another_target_is_named_as_the_readers(ds, lang):
    # A figure added to the cluster-wide food target shows under the food-industry segment target as not
    # comparable (another definition); its source column read the raw id "user".
    rows, error = targets_view.add_observation(
        [], ds.targets, "agriculture-food-output-2025", "2024", 500, "exact", lang
    )
    assert error is None
    excluded = targets_view.target_chart_data(ds, "food-industry-output-2027", lang, rows).excluded
    assert list(excluded[t("targets.col_source", lang)]) == [t("targets.user_source", lang)]


def test_upload_adds_valid_lines_and_reports_bad_ones(ds):
    raw = (
        f"target_id,period,value,qualifier\n{HEADLINE},2024,1600,exact\n{HEADLINE},20x5,1,exact\n"
        "no-such-target,2024,5,exact\n"
    ).encode()
    rows, errors = targets_view.parse_upload(raw, [], ds.targets, "en")
    assert [row["period"] for row in rows] == ["2024"]
    assert len(errors) == 2 and errors[0].startswith("Line 3")
    too_big = b"target_id,period,value,qualifier\n" + b"x" * (targets_view.MAX_UPLOAD_BYTES + 1)
    assert targets_view.parse_upload(too_big, [], ds.targets, "en") == (
        [],
        [t("targets.error_upload_size", "en", limit=100)],
    )
    wrong_header = targets_view.parse_upload(b"a,b\n1,2\n", [], ds.targets, "en")
    assert wrong_header[0] == [] and len(wrong_header[1]) == 1


def test_chart_table_lists_path_and_figures_with_unit(ds):
    data = targets_view.target_chart_data(ds, HEADLINE, "en", [])
    table = targets_view.chart_table(data)
    assert (table["kind"] == "path").sum() == 7
    assert set(table["unit"]) == {"billion yuan"}
    assert targets_view.growth_text(None, "en") == t("targets.not_available", "en")
    assert targets_view.growth_text(10.04, "en") == "10% a year"


@pytest.mark.parametrize(
    ("view", "chinese"),
    [
        ("tier_chart_view", "超万亿元"),
        ("tier_count_chart_view", "超万亿元"),
        ("revenue_chart_view", "非全年（不可比较）"),
    ],
)
def test_the_tiers_charts_export_as_images_with_chinese_labels(ds, view, chinese):
    """The image export wraps a chart in a concatenation: a mark sized by the view's height signal or a second
    axis on one channel once broke it there (Vega: duplicate signal "height")."""
    chart = getattr(charts, view)(ds, Filters(), "zh")
    svg = export.render_image(export.decorate(chart, title="标题", source_line="来源：测试"), "svg").decode("utf-8")
    text = "".join(ElementTree.fromstring(svg).itertext())
    assert "来源：测试" in text and "标题" in text
    assert chinese in text, "the chart's own labels are drawn in Chinese"


def test_charts_with_rows_in_pixels_grow_in_height_instead_of_being_squeezed(ds):
    """Streamlit's theme sizes charts with autosize "fit" (titles and legends inside the height): charts that place
    their rows in pixels would lose their last rows and draw the legend over them. They fit the width only."""
    row_charts = {
        "tiers": charts.tier_chart_view(ds, Filters(), "en"),
        "counts": charts.tier_count_chart_view(ds, Filters(), "en"),
        "figures": charts.revenue_chart_view(ds, Filters(), "zh"),
        "scorecard": charts.scorecard_chart_view(ds, "en"),
    }
    for name, chart in row_charts.items():
        spec = chart.to_dict()
        assert spec["autosize"] == {"type": "fit-x", "contains": "padding"}, name
        assert spec["width"] == "container" and isinstance(spec["height"], int), name
    # A chart with a y scale keeps Streamlit's fit: its plot can shrink without losing anything.
    path = charts.target_path_chart(targets_view.target_chart_data(ds, HEADLINE, "en", []), "en")
    assert "autosize" not in path.to_dict()
