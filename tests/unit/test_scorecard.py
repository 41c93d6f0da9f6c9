"""The 2025 scorecard: which target each row shows, the statuses it reports and the chart drawn from it."""

import json
import re
from dataclasses import replace

import pandas as pd
import pytest

from gdclusters import charts, scorecard
from gdclusters.dataset import load_dataset
from gdclusters.i18n import t


@pytest.fixture(scope="module")
def ds():
    return load_dataset()


def target_row(target_id, scope="new_energy", metric="operating_revenue", year=2025, value=1000.0, **extra):
    row = dict(
        target_id=target_id,
        scope=scope,
        metric=metric,
        baseline_period="",
        baseline_value=float("nan"),
        target_year=year,
        target_value=value,
        target_value_max=float("nan"),
        target_annual_growth_pct=float("nan"),
        unit="bn_yuan",
        comparator="exceed",
        qualitative=False,
        adcode="",
        definition="standard",
        plan="plan",
        superseded_by="",
        source_id="qq-2025-03-06",
        quote="q",
        note="",
    )
    row.update(extra)
    return row


def with_targets(ds, *rows):
    return replace(ds, targets=pd.DataFrame(list(rows)), derived={})


def test_a_target_a_later_plan_moved_is_shown_through_its_successor(ds):
    data = with_targets(ds, target_row("old", superseded_by="new"), target_row("new", year=2027))
    chosen = scorecard.headline_target(data, "new_energy")
    assert chosen["target_id"] == "new"
    assert scorecard.moved_from(data, chosen) == 2025


def test_money_and_the_programmes_definition_come_first(ds):
    data = with_targets(
        ds,
        target_row("av", metric="added_value"),
        target_row("rev"),
        target_row("plan-sector", definition="other_plan"),
        target_row("qual", value=float("nan"), qualitative=True),
    )
    assert scorecard.headline_target(data, "new_energy")["target_id"] == "rev"
    data = with_targets(
        ds, target_row("av", metric="added_value"), target_row("qual", qualitative=True, value=float("nan"))
    )
    assert scorecard.headline_target(data, "new_energy")["target_id"] == "av"


def test_the_choice_does_not_depend_on_row_order(ds):
    rows = [target_row("b-rev"), target_row("a-rev"), target_row("c-av", metric="added_value")]
    first = scorecard.headline_target(with_targets(ds, *rows), "new_energy")["target_id"]
    second = scorecard.headline_target(with_targets(ds, *reversed(rows)), "new_energy")["target_id"]
    assert first == second == "a-rev"


def test_a_city_target_never_heads_the_provinces_row(ds):
    data = with_targets(ds, target_row("city", adcode="440300"))
    assert scorecard.headline_target(data, "new_energy") is None


def test_every_cluster_group_and_the_programme_has_one_row(ds):
    frame = scorecard.scorecard(ds, "en")
    assert len(frame) == 23
    assert list(frame["row_kind"]).count("cluster") == 20
    assert frame["scope"].tolist()[-3:] == ["pillar_10", "emerging_10", "all_20"]
    assert frame["scope"].is_unique
    # A row without a target says so instead of inventing one.
    assert set(frame.loc[frame["target_id"].isna(), "status"]) <= {"no_target"}


def test_a_share_of_the_goal_only_where_a_comparable_figure_exists(ds):
    frame = scorecard.scorecard(ds, "en")
    has_figure = frame["latest_text"].astype(bool)
    assert frame.loc[~has_figure, "pct_of_goal"].isna().all()
    assert frame.loc[has_figure & frame["status"].isin(["met", "ahead"]), "pct_of_goal"].gt(0).all()


def test_status_counts_take_targets_in_force_for_the_year():
    register = pd.DataFrame(
        {
            "target_year": [2025, 2025, 2025, 2025, 2027, 2025],
            "status": ["met", "missed", "no_data", "qualitative", "met", "met"],
            "superseded_by": ["", "", "", "", "", "x"],
        }
    )
    assert scorecard.status_counts(register) == {"met": 1, "missed": 1, "open": 1, "qualitative": 1}


def test_takeaway_counts_the_cluster_rows(ds):
    frame = scorecard.scorecard(ds, "en")
    clusters = frame[frame["row_kind"] == "cluster"]
    text = scorecard.takeaway(frame, "en")
    assert text.startswith(f"Of the 20 clusters' headline targets: {int((clusters['status'] == 'met').sum())} met")
    assert "⟦" not in scorecard.takeaway(frame, "zh")


def test_scorecard_chart_draws_every_row_with_its_name_and_the_target_line(ds):
    frame = scorecard.scorecard(ds, "zh")
    spec = charts.scorecard_chart(frame, "zh").to_dict()
    names = {row["name"] for row in next(iter(spec["datasets"].values()))}
    assert names == set(frame["name"])
    rules = [layer for layer in spec["layer"] if layer["mark"].get("type") == "rule"]
    assert rules, "the 100 % target line is missing"
    # The latest figure's own source, beside the figure, in every tooltip that shows the figure.
    tooltips = [layer["encoding"]["tooltip"] for layer in spec["layer"] if "tooltip" in layer.get("encoding", {})]
    for tooltip in tooltips:
        fields = [tip["field"] for tip in tooltip]
        assert "latest_text" not in fields or "latest_source" in fields, fields
    assert any("latest_text" in [tip["field"] for tip in tooltip] for tooltip in tooltips)
    # The status in the tooltip carries its indicative mark, as the bar's label and the table do.
    rows = next(iter(spec["datasets"].values()))
    marked = [row for row in rows if row.get("indicative")]
    assert marked and all(row["status_shown"].endswith(t("scorecard.indicative_mark", "zh")) for row in marked)
    assert all("status_shown" in [tip["field"] for tip in tooltip] for tooltip in tooltips)
    table = scorecard.scorecard_table(frame, "zh")
    assert len(table) == 23 and not table.columns.str.contains("⟦").any()


def test_verdicts_are_the_programmes_statements_with_quote_and_source(ds):
    said = scorecard.verdicts(ds, "en")
    expected = ds.statements[
        (ds.statements["kind"] == "verdict")
        & ds.statements["scope"].isin(["all_20", "province"])
        & (ds.statements["adcode"] == "")
    ]
    assert len(said) == len(expected) > 0
    assert (said["Quote"] != "").all() and (said["Source"] != "").all()
    assert list(said["Period"]) == sorted(said["Period"], reverse=True)


def _target(**fields) -> pd.Series:
    """A quantitative target row for target_text: a 2025 target with no value, range or rate unless given."""
    base = dict(
        qualitative=False,
        target_year=2025,
        target_value=float("nan"),
        target_value_max=float("nan"),
        target_annual_growth_pct=float("nan"),
    )
    return pd.Series(base | fields)


def test_about_is_never_rendered_as_nearly_in_chinese():
    # Audit (g): "about 15 %" (约) must not become 接近 ("approaching") in the Chinese interface.
    from gdclusters.targets_view import target_text

    about = _target(comparator="about", target_annual_growth_pct=15.0, unit="pct")
    text = target_text(about, "zh")
    assert "约" in text and "接近" not in text
    assert target_text(about, "en").startswith("about 15%")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_range_target_says_it_is_a_range_in_both_languages(lang):
    # The register read "2027年3至4" in Chinese: two bare numbers after a year, with nothing saying "between".
    from gdclusters.targets_view import target_text

    clusters = _target(comparator="between", target_year=2027, target_value=3.0, target_value_max=4.0, unit="count")
    text = target_text(clusters, lang)
    assert t("targets.comparator_between", lang) in text and "2027" in text
    assert text.index("3") < text.index("4")


def test_chinese_lists_of_parts_are_joined_by_the_chinese_semicolon():
    # A target with a value and a growth rate, a tier chart filtered two ways, the map's tooltips: "；" in Chinese
    # ("; " stood between Chinese clauses), "; " in English.
    from gdclusters import analysis, maps, tiers
    from gdclusters.state import Filters
    from gdclusters.targets_view import target_text

    both = _target(comparator="at_least", target_value=3000.0, target_annual_growth_pct=10.0, unit="bn_yuan")
    assert "；" in target_text(both, "zh") and "; " not in target_text(both, "zh")
    assert "; " in target_text(both, "en")
    data = load_dataset()
    filters = Filters(categories=("pillar",), tiers=(1000,))
    note = tiers.filter_note(data, filters, "zh")
    assert "；" in note and "; " not in note, note
    selection = Filters(clusters=("semiconductors_ic", "new_energy", "automobiles"))
    links = maps.link_table(data, selection, "zh")
    roles = analysis.selected_cluster_roles(data, selection)
    tips = " ".join(maps.role_styles(roles, links, maps.cities_in_filter(data, selection), "zh")["tooltip"])
    assert "；" in tips and "; " not in tips


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_latest_figure_whose_year_is_a_reading_says_so_where_it_is_shown(ds, lang):
    """A target's latest figure names its period with where the year comes from when the quote does not write
    it: in the target's own view (latest_text) and in the scorecard's year column, tooltip and bar label."""
    from gdclusters import growth, periods
    from gdclusters.targets_view import target_chart_data

    register = growth.register(ds.targets, ds.metrics, ds.sources)
    basis = ds.metrics.set_index(["scope", "metric", "period", "adcode", "source_id"])["period_basis"]
    published = dict(zip(ds.sources["source_id"], ds.sources["published"], strict=True))
    checked = {"quote": 0, "other": 0}
    for row in register[register["latest_source_id"].notna()].itertuples():
        key = (row.scope, row.metric, row.latest_period, row.adcode, row.latest_source_id)
        text = target_chart_data(ds, row.target_id, lang, []).latest_text
        clauses = {b: periods.basis_clause(b, published[row.latest_source_id], lang) for b in ("published", "context")}
        if basis[key] == "quote":
            assert not any(clause in text for clause in clauses.values()), text
            checked["quote"] += 1
        else:
            assert clauses[basis[key]] in text and text.count("(") + text.count("（") == 1, text
            checked["other"] += 1
    assert checked["quote"] and checked["other"], checked
    frame = scorecard.scorecard(ds, lang)
    read = frame[frame["latest_period_text"].str.contains(periods.basis_clause("context", "", lang), regex=False)]
    assert not read.empty, "a headline target whose latest year is our reading"
    table = scorecard.scorecard_table(frame, lang)
    assert set(read["latest_period_text"]) <= set(table[t("scorecard.col_year", lang)])


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_chart_tooltips_write_where_a_points_year_comes_from(ds, lang):
    """The targets path chart, the cluster timeline and the Revenue tiers chart name a point's period with its basis
    (their tooltips read period_label) when the quote does not write the year."""
    from gdclusters import growth, periods, profiles, tiers
    from gdclusters.state import Filters

    register = growth.register(ds.targets, ds.metrics, ds.sources)
    read = register[register["latest_period_basis"] == "context"].iloc[0]
    spec = json.dumps(charts.target_path_chart_view(ds, read["target_id"], lang, []).to_dict(), ensure_ascii=False)
    assert periods.with_basis(read["latest_period"], "context", "", lang) in spec
    # The bracketed form ('2023 (our reading of the source)') is only in the period labels the tooltips read; the
    # table columns carry the basis text alone.
    observations = profiles.cluster_observations(ds, read["scope"], lang)
    timeline = json.dumps(profiles.timeline_chart(observations, lang).to_dict(), ensure_ascii=False)
    readings = observations[observations["charted"] & (observations["period_basis_id"] == "context")]
    assert not readings.empty
    for row in readings.itertuples():
        assert periods.with_basis(row.period, "context", row.published, lang) in timeline
    figures = tiers.revenue_figures(ds, Filters(clusters=(read["scope"],)), lang)
    revenue = json.dumps(
        charts.revenue_chart_view(ds, Filters(clusters=(read["scope"],)), lang).to_dict(), ensure_ascii=False
    )
    charted = figures[figures["charted"] & (figures["period_basis_id"] == "context")]
    assert not charted.empty
    for row in charted.itertuples():
        assert periods.with_basis(row.period, "context", row.published, lang) in revenue


# A "%" that follows no digit is a rate that was missing and printed as nothing ("required % a year").
BARE_PERCENT = re.compile(r"(?<![\d.])%")


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize(
    ("required", "achieved", "shown"),
    [
        (None, None, []),
        (float("nan"), float("nan"), []),
        (1.9, float("nan"), ["1.9%"]),
        (float("nan"), 6.0, ["6%"]),
        (8.2, 6.0, ["8.2%", "6%"]),
    ],
)
def test_a_missing_growth_rate_is_never_a_bare_percent_sign(lang, required, achieved, shown):
    # Audit: NaN from the frame printed "required % a year, achieved %" / "需年均增长%，实际%".
    text = scorecard.growth_pair_text(required, achieved, lang)
    assert text and not BARE_PERCENT.search(text), text
    assert all(rate in text for rate in shown), text
    if not shown:
        assert text == t("scorecard.growth_none", lang)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_scorecard_table_and_its_csv_show_only_the_rates_that_exist(ds, lang):
    from gdclusters.export.tables import csv_bytes

    view = scorecard.scorecard_view(ds, lang)
    growth = view.table[t("scorecard.col_growth", lang)]
    assert not growth.str.contains(BARE_PERCENT).any(), growth.tolist()
    frame = scorecard.scorecard(ds, lang)
    light = growth[(frame["scope"] == "light_industry_textiles").to_numpy()].iloc[0]
    assert light == t("scorecard.growth_required_only", lang, required="1.9%"), light
    # A row with no target has no rate to talk about; a target without any rate says so in words.
    assert (growth[frame["target_id"].isna().to_numpy()] == "").all()
    without = frame["target_id"].notna() & frame["required_pct"].isna() & frame["achieved_pct"].isna()
    assert without.any() and (growth[without.to_numpy()] == t("scorecard.growth_none", lang)).all()
    csv = csv_bytes(view.table, "").decode("utf-8-sig")
    assert not BARE_PERCENT.search(csv)


def test_the_target_in_force_is_written_with_chinese_punctuation_in_chinese(ds):
    # Audit: "产值 / 总产值: 2025年达到6万亿元" and "2027年超过1万亿元 （由2025年推迟）" in the Chinese scorecard.
    zh = scorecard.scorecard_table(scorecard.scorecard(ds, "zh"), "zh")[t("scorecard.col_target", "zh")]
    targets = zh[zh != ""]
    assert targets.str.contains("：").all(), targets.tolist()
    assert not targets.str.contains(": |:|\\s（", regex=True).any(), targets.tolist()
    moved = targets[targets.str.contains("推迟")]
    assert not moved.empty and moved.str.contains("[^\\s]（由2025年推迟）", regex=True).all(), moved.tolist()
    assert not scorecard.scorecard(ds, "zh")["target_text"].str.contains(": ", regex=False).any()
    en = scorecard.scorecard_table(scorecard.scorecard(ds, "en"), "en")[t("scorecard.col_target", "en")]
    assert en[en != ""].str.contains(": ", regex=False).all()
    assert en.str.contains(r"\d{4} \(moved from 2025\)$", regex=True).any()
