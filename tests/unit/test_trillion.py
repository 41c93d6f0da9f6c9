"""The trillion-yuan clusters on the Overview: who joined when, the counts as the sources state them, the chart."""

import dataclasses

import pandas as pd
import pytest

from gdclusters import overview
from gdclusters.charts import CATEGORY_COLOURS
from gdclusters.dataset import load_dataset
from gdclusters.i18n import t

ORIGINAL_SEVEN = {
    "electronic_information",
    "green_petrochemicals",
    "smart_home_appliances",
    "advanced_materials",
    "light_industry_textiles",
    "software_information_services",
    "agriculture_food",
}
LATER = ["automobiles", "new_energy", "uhd_video_display"]


@pytest.fixture
def ds():
    """A fresh dataset per test, so a changed copy never meets another test's memo store."""
    return load_dataset()


def changed(ds, **tables):
    """A copy of ds with some tables replaced and empty memo stores."""
    return dataclasses.replace(ds, derived={}, **tables)


def layers(spec: dict) -> list[tuple[dict, list[dict]]]:
    """(mark, rows) of each layer of a chart spec, the rows read from the spec's named datasets."""
    return [(layer["mark"], spec["datasets"][layer["data"]["name"]]) for layer in spec["layer"]]


def layer(spec: dict, mark_type: str, **mark) -> list[dict]:
    """The rows of the one layer with this mark type and these mark properties."""
    (rows,) = [
        rows for m, rows in layers(spec) if m["type"] == mark_type and all(m.get(k) == v for k, v in mark.items())
    ]
    return rows


def names(ds, lang: str = "en") -> dict[str, str]:
    return dict(zip(ds.clusters["cluster_id"], ds.clusters["name_zh" if lang == "zh" else "name_en"], strict=True))


# ---------------------------------------------------------------- members


def test_the_ten_members_come_in_the_order_they_joined(ds):
    members = overview.trillion_members(ds, "en")
    main = members[members["main"]]
    assert main["cluster_id"].is_unique and len(main) == 10
    assert set(main["cluster_id"][:7]) == ORIGINAL_SEVEN
    assert list(main["cluster_id"][7:]) == LATER
    assert main["main_year"].is_monotonic_increasing
    assert "semiconductors_ic" not in set(members["cluster_id"]), "only trillion-yuan clusters are listed"
    assert members["quote"].str.len().gt(0).all() and members["source"].str.len().gt(0).all()


def test_automobiles_keeps_both_joining_years_each_with_its_source(ds):
    autos = overview.trillion_members(ds, "en").query("cluster_id == 'automobiles'")
    assert sorted(autos["first_year"]) == [2022, 2023]
    assert autos["source_id"].nunique() == 2 and autos["main"].sum() == 1
    assert autos["disputed"].all()
    assert autos["joined"].iloc[0] == "2022 or 2023"
    for row in autos.itertuples():
        assert t("overview.trillion_year_by", "en", year=row.first_year, sources=row.source) in row.joined_sources
    others = overview.trillion_members(ds, "en").query("cluster_id != 'automobiles'")
    assert not others["disputed"].any(), "no other cluster's year is in dispute"


def with_weak_source(ds) -> tuple[object, str]:
    """A copy of ds in which one source no trillion row uses is tier D, and that source's id."""
    used = set(ds.trillion_members["source_id"]) | set(ds.metrics["source_id"])
    weak = ds.sources.loc[~ds.sources["source_id"].isin(used), "source_id"].iloc[0]
    sources = ds.sources.assign(reliability=ds.sources["reliability"].mask(ds.sources["source_id"] == weak, "D"))
    return changed(ds, sources=sources), weak


def test_a_tier_d_source_never_sets_a_joining_year(ds):
    ds, weak = with_weak_source(ds)
    extra = pd.DataFrame(
        [
            {
                "cluster_id": "semiconductors_ic",
                "first_year": 2021,
                "source_id": weak,
                "quote": "q",
                "note": "",
                "note_zh": "",
            }
        ]
    ).astype(ds.trillion_members.dtypes.to_dict())
    members = overview.trillion_members(changed(ds, trillion_members=pd.concat([ds.trillion_members, extra])), "en")
    assert "semiconductors_ic" not in set(members["cluster_id"]) and len(members) == len(ds.trillion_members)


# ---------------------------------------------------------------- counts


def test_counts_reach_2025_with_every_source_kept(ds):
    counts = overview.trillion_cluster_counts(ds)
    by_year = counts.groupby("period")["clusters"].agg(lambda v: sorted(set(v))).to_dict()
    assert by_year["2025"] == [10] and by_year["2024"] == [9]
    assert counts.groupby("period")["source_id"].nunique().max() > 1, "a year several sources state keeps each"
    assert not counts["conflict"].any(), "no two sources give different counts for one year"
    metrics = ds.metrics
    other = metrics[
        (metrics["metric"] == overview.TRILLION_METRIC)
        & ((metrics["adcode"] != "") | (metrics["definition"] != "standard"))
    ]
    assert not other.empty and not set(other["quote"]) & set(counts["quote"]), "a city's own count is left out"
    labels = overview.trillion_count_labels(counts, "en").set_index("year")
    assert labels.loc[2025, "text"] == "10"
    for row in counts[counts["period"] == "2023"].itertuples():
        assert row.source in labels.loc[2023, "sources"]


def test_conflicting_counts_are_shown_side_by_side_with_their_sources(ds):
    ds, weak = with_weak_source(ds)
    metrics = ds.metrics
    row = metrics[(metrics["metric"] == overview.TRILLION_METRIC) & (metrics["period"] == "2025")].iloc[[0]]
    used = set(metrics.loc[metrics["metric"] == overview.TRILLION_METRIC, "source_id"])
    sources = ds.sources
    other = sources.loc[~sources["source_id"].isin(used) & (sources["reliability"] == "B"), "source_id"].iloc[0]
    extra = pd.concat([row.assign(value=9.0, source_id=other), row.assign(value=15.0, source_id=weak)])
    conflicting = changed(ds, metrics=pd.concat([metrics, extra], ignore_index=True))
    counts = overview.trillion_cluster_counts(conflicting)
    stated = counts[counts["period"] == "2025"]
    assert list(stated["clusters"].drop_duplicates()) == [9, 10], "lowest first; the tier-D 15 left out"
    assert stated["conflict"].all() and not counts.loc[counts["period"] != "2025", "conflict"].any()
    labels = overview.trillion_count_labels(counts, "en").set_index("year")
    assert labels.loc[2025, "text"] == "9 or 10" and labels.loc[2025, "conflict"]
    assert all(source in labels.loc[2025, "sources"] for source in stated["source"])
    assert overview.trillion_count_labels(counts, "zh").set_index("year").loc[2025, "text"] == "9或10"
    spec = overview.trillion_chart(conflicting, "en").to_dict()
    shown = {r["year"]: r["text"] for mark, rows in layers(spec) if mark["type"] == "text" for r in rows if "text" in r}
    assert shown[2025] == "9 or 10" and "15" not in shown.values()


# ---------------------------------------------------------------- chart


def test_chart_draws_each_member_once_in_joining_order_with_both_automobile_years(ds):
    spec = overview.trillion_chart(ds, "en").to_dict()
    name = names(ds)
    bars = layer(spec, "bar")
    assert [r["cluster_id"] for r in bars][7:] == LATER and {r["cluster_id"] for r in bars[:7]} == ORIGINAL_SEVEN
    assert all(r["year_end"] > 2025 for r in bars), "every bar runs on to the last year of data"
    (bar_layer,) = [lay for lay in spec["layer"] if lay["mark"]["type"] == "bar"]
    order = bar_layer["encoding"]["y"]["sort"]
    assert order == [t("overview.trillion_count_row", "en"), *(r["row"] for r in bars)]
    assert name["semiconductors_ic"] not in order
    filled = {r["cluster_id"]: r["year"] for r in layer(spec, "point", filled=True)}
    hollow = [(r["cluster_id"], r["year"]) for r in layer(spec, "point", filled=False)]
    assert len(hollow) == 1 and hollow[0][0] == "automobiles"
    assert {filled["automobiles"], hollow[0][1]} == {2022, 2023}
    dashes = layer(spec, "rule")
    assert [(r["year"], r["year_end"]) for r in dashes] == [(hollow[0][1], filled["automobiles"])]
    assert filled["new_energy"] == 2024 and filled["uhd_video_display"] == 2025


def test_chart_labels_joining_points_counts_and_categories(ds):
    spec = overview.trillion_chart(ds, "en").to_dict()
    texts = [row for mark, rows in layers(spec) if mark["type"] == "text" for row in rows]
    labels = {r["label"] for r in texts if "label" in r}
    assert "Automobiles (2022 or 2023)" in labels and "New energy (2024)" in labels
    assert names(ds)["electronic_information"] in labels, "an original member is labelled with its name alone"
    counts = {r["year"]: r["text"] for r in texts if "text" in r}
    assert counts[2025] == "10" and counts[2023] == "8"
    colour = next(lay for lay in spec["layer"] if lay["mark"]["type"] == "bar")["encoding"]["color"]
    assert colour["scale"]["range"] == list(CATEGORY_COLOURS.values())
    # The category is never colour alone: the joining points differ by shape too, and the legend shows both.
    (joined,) = [lay for lay in spec["layer"] if lay["mark"]["type"] == "point" and lay["mark"].get("filled")]
    assert joined["encoding"]["shape"]["field"] == "category_label"
    assert joined["encoding"]["shape"]["scale"]["range"] == ["circle", "diamond"]
    assert joined["encoding"]["shape"]["legend"]["orient"] == "bottom"
    assert spec["title"]["text"] == t("overview.trillion_title", "en")
    assert len(spec["title"]["subtitle"]) == 3
    assert min(spec["layer"][0]["encoding"]["x"]["axis"]["values"]) <= 2020
    assert max(spec["layer"][0]["encoding"]["x"]["axis"]["values"]) == 2025


def test_chart_in_chinese_names_clusters_and_years_in_chinese(ds):
    spec = overview.trillion_chart(ds, "zh").to_dict()
    labels = {r["label"] for r in layer(spec, "bar")}
    assert "汽车（2022年或2023年）" in labels and "新能源（2024年）" in labels
    assert not any("Automobiles" in label for label in labels)
    assert spec["title"]["text"] == t("overview.trillion_title", "zh")


def test_an_undisputed_year_has_no_hollow_point_and_no_dispute_note(ds):
    table = ds.trillion_members
    table = table[~((table["cluster_id"] == "automobiles") & (table["first_year"] == 2022))]
    view = overview.trillion_view(changed(ds, trillion_members=table), "en")
    spec = view.chart.to_dict()
    assert layer(spec, "point", filled=False) == [] and layer(spec, "rule") == []
    assert t("overview.trillion_dispute", "en", cluster="", sources="")[:20] not in view.notes
    assert "Automobiles (2023)" in view.takeaway


# ---------------------------------------------------------------- takeaway, notes, exports


def test_takeaway_counts_the_members_and_names_each_later_joiner(ds):
    members = overview.trillion_members(ds, "en")
    counts = overview.trillion_cluster_counts(ds)
    start = int(members["main_year"].min())
    assert overview.trillion_takeaway(members, counts, "en") == (
        f"The sources count 10 trillion-yuan clusters by 2025: 7 from the start of the programme ({start}), "
        "then Automobiles (2022 or 2023), New energy (2024) and Ultra-high-definition video display (2025)."
    )
    zh = overview.trillion_takeaway(overview.trillion_members(ds, "zh"), counts, "zh")
    assert zh == (
        f"到2025年，来源计入的万亿元级产业集群共10个：规划启动时（{start}年）7个，"
        "此后汽车（2022年或2023年）、新能源（2024年）、超高清视频显示（2025年）相继加入。"
    )


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_section_names_no_measure_the_sources_do_not_share(ds, lang):
    # The count is the sources' own (万亿级): automobiles and UHD by operating revenue, the start count by output,
    # most by neither. No title, subtitle or sentence may call it output; the notes say why no figure is compared.
    view = overview.trillion_view(ds, lang)
    texts = [
        view.takeaway,
        t("overview.section_trillion", lang),
        t("overview.trillion_subtitle", lang),
        t("overview.intro", lang),
    ]
    output = ("output", "产值")
    assert not any(word in text for text in texts for word in output), texts
    assert t("overview.trillion_measure", lang) in view.notes


def test_dispute_note_names_both_sources(ds):
    members = overview.trillion_members(ds, "en")
    (note,) = overview.trillion_disputes(members, "en")
    autos = members[members["cluster_id"] == "automobiles"]
    assert all(source in note for source in autos["source"])
    assert "2022" in note and "2023" in note


def test_export_holds_every_row_behind_the_chart_with_period_and_sources(ds):
    view = overview.trillion_view(ds, "en")
    members = overview.trillion_members(ds, "en")
    counts = overview.trillion_cluster_counts(ds)
    assert len(view.export) == len(members) + len(counts)
    assert view.export["source_id"].str.len().gt(0).all() and view.export["quote"].str.len().gt(0).all()
    assert set(view.export["row_kind"]) == {"joined_year", "stated_count"}
    assert view.period.endswith("2025")
    assert set(view.source_ids) == set(members["source_id"]) | set(counts["source_id"])
    assert len(view.joined_quotes) == len(members) and len(view.count_quotes) == len(counts)
    assert t("overview.col_quote", "en") in view.joined_quotes.columns


def test_view_is_memoised_per_language(ds):
    assert overview.trillion_view(ds, "en") is overview.trillion_view(ds, "en")
    assert overview.trillion_view(ds, "zh") is not overview.trillion_view(ds, "en")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_each_stated_count_says_where_its_year_comes_from(lang):
    """The counts are metrics rows: most of their years are our reading (a count stated '目前' or in a 14th-plan
    summary). The stated-counts table has the basis column and each year's count label its basis in the tooltip."""
    from gdclusters import periods

    real = load_dataset()
    counts = overview.trillion_cluster_counts(real, lang)
    rows = real.metrics.merge(real.sources[["source_id", "published"]], on="source_id")
    rows = rows[(rows["metric"] == "trillion_clusters_count") & (rows["scope"] == "all_20") & (rows["adcode"] == "")]
    expected = {
        (r.period, r.source_id): periods.basis_text(r.period_basis, r.published, lang) for r in rows.itertuples()
    }
    assert {(r.period, r.source_id): r.period_basis for r in counts.itertuples()}.items() <= expected.items()
    assert (counts["period_basis_id"] == "context").sum() > len(counts) / 2
    labels = overview.trillion_count_labels(counts, lang)
    for label in labels.itertuples():
        stated = counts[counts["period"].str[:4].astype(int) == label.year]
        assert set(label.basis.split(t("format.part_sep", lang))) == set(stated["period_basis"])
    _, stated_table = overview.trillion_quote_tables(overview.trillion_members(real, lang), counts, lang)
    assert list(stated_table[t("overview.col_period_basis", lang)]) == list(counts["period_basis"])
