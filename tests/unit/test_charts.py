"""Builders of the Revenue tiers and Growth targets pages, and the shaping behind them, on the real data.

Charts are checked through their Vega-Lite specification (to_dict), never through screenshots.
"""

import math

import pandas as pd
import pytest

from gdclusters import charts, targets_view, tiers
from gdclusters.dataset import load_dataset
from gdclusters.i18n import t
from gdclusters.state import Filters

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


def test_tier_bars_one_per_cluster_on_a_log_scale_coloured_by_category(ds):
    frame = tiers.tier_frame(ds, Filters(), "en")
    spec = charts.tier_bar_chart(frame, "en").to_dict()
    (bars,) = by_mark(spec, "bar")
    encoding = bars["encoding"]
    assert encoding["y"]["field"] == "cluster" and encoding["x"]["field"] == "tier_value"
    assert encoding["x"]["scale"]["type"] == "log"
    assert encoding["color"]["field"] == "category_label"
    assert encoding["color"]["scale"]["domain"] == [t("category.pillar", "en"), t("category.emerging", "en")]
    drawn = rows_of(spec, bars)
    assert len(drawn) == 20 and len({row["cluster_id"] for row in drawn}) == 20
    # The bar is a tier floor, never a measured figure: no measure or value field is drawn.
    assert not {"measure", "value", "value_bn_yuan"} & set(drawn[0])


def test_tier_thresholds_are_rules_with_labels_and_the_title_says_it_is_a_floor(ds):
    spec = charts.tier_bar_chart(tiers.tier_frame(ds, Filters(), "en"), "en").to_dict()
    (rules,) = by_mark(spec, "rule")
    (labels,) = by_mark(spec, "text")
    assert sorted(row["tier_value"] for row in rows_of(spec, rules)) == [10, 100, 500, 1000]
    assert labels["encoding"]["text"]["field"] == "tier_label"
    assert {row["tier_label"] for row in rows_of(spec, labels)} == {t(f"tier.t{v}", "en") for v in (10, 100, 500, 1000)}
    assert "not a measured revenue" in " ".join(spec["title"]["subtitle"])


def test_tier_chart_in_chinese_uses_yi_yuan(ds):
    spec = charts.tier_bar_chart(tiers.tier_frame(ds, Filters(), "zh"), "zh").to_dict()
    (rules,) = by_mark(spec, "rule")
    assert sorted(row["tier_value"] for row in rows_of(spec, rules)) == [100, 1000, 5000, 10000]
    (bars,) = by_mark(spec, "bar")
    assert "亿元" in bars["encoding"]["x"]["title"]
    assert "billion" not in bars["encoding"]["x"]["title"]


def test_tier_chart_respects_filters_and_says_so(ds):
    filters = Filters(categories=("emerging",))
    frame = tiers.tier_frame(ds, filters, "en")
    spec = charts.tier_bar_chart(frame, "en", tiers.filter_note(ds, filters, "en")).to_dict()
    (bars,) = by_mark(spec, "bar")
    assert {row["category"] for row in rows_of(spec, bars)} == {"emerging"}
    assert any(t("category.emerging", "en") in line for line in spec["title"]["subtitle"])
    assert tiers.filter_note(ds, Filters(), "en") == ""


def test_tier_counts_stack_by_category_and_add_up_to_the_clusters(ds):
    frame = tiers.tier_frame(ds, Filters(), "en")
    counts = tiers.tier_counts(frame, "en")
    assert counts["clusters"].sum() == 20
    assert len(counts) == 8  # every tier x category, zeros included for the table
    spec = charts.tier_count_chart(counts, "en").to_dict()
    assert mark(spec) == "bar"
    assert spec["encoding"]["color"]["field"] == "category_label"
    assert spec["encoding"]["y"]["stack"] == "zero"
    drawn = spec["datasets"][spec["data"]["name"]]
    assert all(row["clusters"] > 0 for row in drawn)


def test_revenue_chart_colours_by_measure_and_never_mixes_measures(ds):
    figures = tiers.revenue_figures(ds, Filters(), "en")
    assert not figures.empty
    labels = dict(zip(ds.metric_definitions["metric"], ds.metric_definitions["label_en"], strict=True))
    province_wide = figures[figures["city"] == ""]
    assert (province_wide["measure"] == province_wide["metric"].map(labels)).all()
    # One measure label per metric: two different measures never share a colour.
    assert figures.groupby("measure")["metric"].nunique().max() == 1
    spec = charts.revenue_chart(figures, "en").to_dict()
    (points,) = by_mark(spec, "point")
    assert points["encoding"]["color"]["field"] == "measure"
    assert points["encoding"]["x"]["scale"]["type"] == "log"
    assert points["encoding"]["y"]["field"] == "cluster"
    # Each figure has its own lane within its cluster's row: no two points of a cluster coincide.
    drawn = rows_of(spec, points)
    assert len({(row["cluster_id"], row["lane"]) for row in drawn}) == len(drawn)
    tooltip_fields = {tip["field"] for tip in points["encoding"]["tooltip"]}
    assert {"period", "measure", "value_text", "source", "reliability"} <= tooltip_fields
    (labels_layer,) = by_mark(spec, "text")
    assert labels_layer["encoding"]["text"]["field"] == "period"


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
    (points,) = by_mark(spec, "point")
    assert "weak measure" not in {row["measure"] for row in rows_of(spec, points)}
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
    assert spec["title"]["text"].endswith(t("status.ahead", "en"))
    assert t("charts.part_year_note", "en") in spec["title"]["subtitle"]


def test_user_figure_changes_status_and_is_marked_user(ds):
    rows = [{"target_id": HEADLINE, "period": "2024", "value": 1600.0, "qualifier": "exact"}]
    data = targets_view.target_chart_data(ds, HEADLINE, "en", rows)
    assert data.status == "behind"
    user = data.observations[data.observations["kind"] == "user"]
    assert user["period"].tolist() == ["2024"]
    assert user["source"].tolist() == [t("targets.user_source", "en")]
    assert "user" not in data.source_ids  # a user figure is never cited as a source
    spec = charts.target_path_chart(data, "en").to_dict()
    assert spec["title"]["text"].endswith(t("status.behind", "en"))


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
