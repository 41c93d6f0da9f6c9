"""City-level figures (gdclusters.city_figures): the frames behind the profiles and the map, and the disagreement rule.

The dataset is the real one with its city rows replaced by a few made here, so that each test knows exactly
which city rows exist whatever the data folder holds.
"""

import dataclasses
import json
import math

import pandas as pd
import pytest

from gdclusters import city_figures, maps, periods, profiles
from gdclusters.city_figures.charts import series_takeaway
from gdclusters.dataset import load_dataset
from gdclusters.i18n import t
from gdclusters.paths import BOUNDARIES_FILE
from gdclusters.sourcing import source_labels
from gdclusters.state import Filters

SHENZHEN, GUANGZHOU, MEIZHOU = "440300", "440100", "441400"
HOSTILE = "<script>alert(1)</script> **bold**"


@pytest.fixture(scope="module")
def real():
    return load_dataset()


@pytest.fixture(scope="module")
def sources(real):
    """Three sources of tiers A–C (labels differ), and one of tier D if the data has one."""
    usable = real.sources[real.sources["reliability"] != "D"]
    labels = {}
    for row in usable.itertuples():
        label = f"{row.publisher} ({str(row.published)[:4]})"
        if label not in labels.values():
            labels[row.source_id] = label
        if len(labels) == 3:
            break
    return list(labels)


def city_row(scope, metric, period, value, qualifier, adcode, source_id, definition="", quote=None, unit="bn_yuan"):
    return {
        "scope": scope,
        "metric": metric,
        "period": period,
        "period_basis": "quote" if quote is None else "context",  # a given quote writes no year
        "value": float(value),
        "unit": unit,
        "qualifier": qualifier,
        "adcode": adcode,
        "definition": definition,
        "source_id": source_id,
        "quote": f"q ({period[:4]})" if quote is None else quote,
        "note": "",
    }


@pytest.fixture(scope="module")
def ds(real, sources):
    a, b, c = sources
    rows = [
        city_row("semiconductors_ic", "operating_revenue", "2021", 120, "exact", SHENZHEN, a),
        city_row("semiconductors_ic", "operating_revenue", "2022", 160.89, "exact", SHENZHEN, a),
        city_row("semiconductors_ic", "operating_revenue", "2022", 157.84, "about", SHENZHEN, b, quote=HOSTILE),
        city_row("semiconductors_ic", "operating_revenue", "2023", 213.68, "exact", SHENZHEN, a),
        city_row("semiconductors_ic", "operating_revenue", "2023", 200, "over", SHENZHEN, c),
        city_row("semiconductors_ic", "operating_revenue", "2023", 250, "exact", SHENZHEN, b, definition="city_own"),
        city_row("semiconductors_ic", "operating_revenue", "2024H1", 130, "exact", SHENZHEN, a),
        city_row("all_20", "added_value", "2023", 1500, "about", SHENZHEN, c, definition="city_own"),
        city_row("new_energy", "operating_revenue", "2023", 300, "exact", SHENZHEN, c, definition="segment"),
        city_row("semiconductors_ic", "operating_revenue", "2023", 50, "exact", GUANGZHOU, c, definition="city_own"),
    ]
    province = real.metrics[real.metrics["adcode"] == ""]
    metrics = pd.concat([province, pd.DataFrame(rows)], ignore_index=True)
    metrics["definition"] = metrics["definition"].fillna("")
    return dataclasses.replace(real, metrics=metrics, derived={})


@pytest.fixture(scope="module")
def features():
    return json.loads(BOUNDARIES_FILE.read_text(encoding="utf-8"))["features"]


# ---------------------------------------------------------------- the rule


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ((2000, "over"), (2136.8, "exact")),  # "over 2000" holds for 2136.8
        ((155.545, "exact"), (155.55, "exact")),  # the same figure rounded (1555.45 vs 1555.5 亿元)
        ((420, "about"), (423, "exact")),  # "about 4,200" covers 4,230
        ((3000, "nearly"), (2950, "exact")),  # "nearly 3 trillion" holds for 2.95 trillion
        ((40, "about"), (40.3, "exact")),
        ((1000, "size_class"), (5, "exact")),  # a size class is never compared
    ],
)
def test_figures_that_can_both_hold_do_not_disagree(a, b):
    assert not city_figures.ranges_disagree(city_figures.figure_range(*a), city_figures.figure_range(*b))
    assert not city_figures.ranges_disagree(city_figures.figure_range(*b), city_figures.figure_range(*a))


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ((160.89, "exact"), (157.84, "about")),  # the brief's example: 1.9 % apart, "about" allows 1 %
        ((2000, "over"), (1990, "exact")),
        ((3000, "nearly"), (3010, "exact")),  # "nearly" is below, never above
        ((100, "under"), (120, "exact")),
        ((15000, "exact"), (15200, "exact")),
    ],
)
def test_figures_that_cannot_both_hold_disagree(a, b):
    assert city_figures.ranges_disagree(city_figures.figure_range(*a), city_figures.figure_range(*b))
    assert city_figures.ranges_disagree(city_figures.figure_range(*b), city_figures.figure_range(*a))


def test_figure_ranges_follow_the_wording():
    assert city_figures.figure_range(157.84, "exact") == pytest.approx((157.835, 157.845))
    assert city_figures.figure_range(420, "about") == pytest.approx((415, 425))
    low, high = city_figures.figure_range(2000, "over")
    assert low == 2000 and math.isinf(high)
    assert city_figures.figure_range(3000, "nearly")[1] < 3001
    assert city_figures.figure_range(1000, "size_class") is None
    assert city_figures.half_last_digit(15000) == 500 and city_figures.half_last_place(15000) == 0.5


def test_disagreements_name_the_other_source_and_skip_agreeing_rows(ds, sources):
    a, b, c = sources
    labels = source_labels(ds.sources, "en")
    notes = city_figures.disagreement_notes(ds.metrics, labels, "en")
    shenzhen = ds.metrics[(ds.metrics["adcode"] == SHENZHEN) & (ds.metrics["scope"] == "semiconductors_ic")]
    flagged = notes[shenzhen.index]
    by_key = {(row.period, row.source_id, row.definition): flagged[i] for i, row in shenzhen.iterrows()}
    assert by_key[("2022", a, "")].startswith("Sources disagree") and labels[b] in by_key[("2022", a, "")]
    assert "about 157.84 billion yuan" in by_key[("2022", a, "")]
    assert labels[a] in by_key[("2022", b, "")] and "160.89 billion yuan" in by_key[("2022", b, "")]
    assert by_key[("2023", a, "")] == "" and by_key[("2023", c, "")] == "", "over 200 and 213.68 agree"
    assert by_key[("2023", b, "city_own")] == "", "another definition is a different figure, not a disagreement"
    assert by_key[("2021", a, "")] == ""


def test_a_missing_definition_column_reads_as_the_programme_definition(ds):
    bare = ds.metrics.drop(columns="definition")
    assert set(city_figures.definitions(bare)) == {"standard"}
    assert city_figures.definitions(ds.metrics.head(3).assign(definition=["", " ", "city_own"])).tolist() == [
        "standard",
        "standard",
        "city_own",
    ]
    assert city_figures.disagreeing_rows(bare), "the rule runs without the column"


# ---------------------------------------------------------------- the frames


def test_city_figures_list_every_fact_with_definition_and_source_sorted(ds, sources):
    figures = city_figures.city_figures(ds, SHENZHEN, "en")
    assert len(figures) == 9 and set(figures["adcode"]) == {SHENZHEN}
    assert figures["cluster"].iloc[0] == t("city_figures.all_clusters_own", "en"), "the city's own system first"
    semis = figures[figures["scope"] == "semiconductors_ic"]
    assert semis["period"].tolist() == ["2021", "2022", "2022", "2023", "2023", "2024H1", "2023"]
    assert semis["definition"].tolist()[-1] == "city_own", "the programme's definition first, then the city's own"
    own = figures[figures["definition"] == "city_own"]
    assert set(own["definition_label"]) == {t("definition.city_own", "en")} and own["non_standard"].all()
    assert set(figures.loc[figures["definition"] == "standard", "definition_label"]) == {t("definition.standard", "en")}
    assert (figures["source"] != "").all() and (figures["reliability"] != "").all()
    both = figures[figures["period"] == "2022"]
    assert set(both["value_text"]) == {"160.89 billion yuan", "about 157.84 billion yuan"}, "both rows stay"
    ranks = both["reliability"].tolist()
    assert ranks == sorted(ranks), "the more reliable source first"
    assert (figures["disagreement"] != "").sum() == 2
    assert set(city_figures.CITY_FIGURE_COLUMNS) <= set(figures.columns)


def test_city_figures_follow_the_cluster_filter_but_keep_the_city_wide_system(ds):
    figures = city_figures.city_figures(ds, SHENZHEN, "zh", Filters(clusters=("new_energy",)))
    assert set(figures["scope"]) == {"new_energy", "all_20"}
    assert figures.loc[figures["scope"] == "new_energy", "definition_label"].iloc[0] == t("definition.segment", "zh")
    assert figures.loc[figures["scope"] == "new_energy", "value_text"].iloc[0] == "3000亿元"


def test_cluster_city_figures_list_each_city_and_no_province_rows(ds):
    figures = city_figures.cluster_city_figures(ds, "semiconductors_ic", "en")
    assert figures["city"].tolist()[0] == "Guangzhou" and set(figures["adcode"]) == {SHENZHEN, GUANGZHOU}
    assert (figures["adcode"] != "").all()
    assert len(figures) == 8
    province = profiles.cluster_observations(ds, "semiconductors_ic", "en")
    assert not province["measure"].str.contains("Shenzhen").any(), "city figures are listed apart"


def test_disagreement_lines_pair_the_two_sources(ds, sources):
    a, b, _ = sources
    labels = source_labels(ds.sources, "en")
    lines = city_figures.disagreement_lines(city_figures.city_figures(ds, SHENZHEN, "en"), "en", "cluster")
    assert len(lines) == 1
    assert "2022" in lines[0] and labels[a] in lines[0] and labels[b] in lines[0]
    assert city_figures.disagreement_lines(city_figures.city_figures(ds, GUANGZHOU, "en"), "en", "cluster") == []


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_disputed_figure_whose_year_is_a_reading_says_so(ds, sources, lang):
    # Source b's 2022 figure has a quote without its year (city_row's HOSTILE quote: basis 'context'); source a's
    # quote writes 2022. Each figure carries its own basis: the line and the notes name b's reading, not a's.
    a, b, _ = sources
    labels = source_labels(ds.sources, lang)
    reading = periods.basis_clause("context", "", lang)
    (line,) = city_figures.disagreement_lines(city_figures.city_figures(ds, SHENZHEN, lang), lang, "cluster")
    items = line.split(t("format.part_sep", lang))
    (item_a,) = (item for item in items if labels[a] in item)
    (item_b,) = (item for item in items if labels[b] in item)
    assert reading not in item_a
    assert item_b.endswith(reading + (")" if lang == "en" else "）"))
    where = line.split(": " if lang == "en" else "：")[0]
    assert where.count(t("city_figures.where_sep", lang)) == 2, "cluster, measure, period"
    assert t("city_figures.where_sep", lang) + periods.label("2022", lang) in where, "the period in words (2022年)"
    assert lang == "en" or ", " not in where, "Chinese clauses are not joined by an ASCII comma"
    notes = city_figures.dataset_disagreements(ds, lang)
    shenzhen = ds.metrics[(ds.metrics["adcode"] == SHENZHEN) & (ds.metrics["period"] == "2022")]
    by_source = {row.source_id: notes[i] for i, row in shenzhen.iterrows()}
    assert reading in by_source[a], "a's note names b's figure, whose year is a reading"
    assert reading not in by_source[b], "b's note names a's figure, whose quote writes its year"


def test_a_disputed_figure_dated_by_its_source_gives_the_date(ds, sources):
    a, b, _ = sources
    metrics = ds.metrics.copy()
    shenzhen_b = (metrics["adcode"] == SHENZHEN) & (metrics["period"] == "2022") & (metrics["source_id"] == b)
    metrics.loc[shenzhen_b, "period_basis"] = "published"
    published = {b: "2022-12-31"}
    notes = city_figures.disagreement_notes(metrics, source_labels(ds.sources, "en"), "en", published)
    shenzhen_a = (metrics["adcode"] == SHENZHEN) & (metrics["period"] == "2022") & (metrics["source_id"] == a)
    (note,) = notes[shenzhen_a]
    assert note.endswith(f"({periods.basis_clause('published', '2022-12-31', 'en')})")
    assert "2022-12-31" in note


def test_province_figures_carry_the_disagreement_too(real, sources):
    a, b, _ = sources
    # 2015: a year no real new-energy row uses.
    extra = pd.DataFrame(
        [
            city_row("new_energy", "operating_revenue", "2015", 1116.318, "exact", "", a),
            city_row("new_energy", "operating_revenue", "2015", 1200, "about", "", b),
        ]
    )
    ds = dataclasses.replace(real, metrics=pd.concat([real.metrics, extra], ignore_index=True), derived={})
    observations = profiles.cluster_observations(ds, "new_energy", "en")
    disputed = observations[observations["period"] == "2015"]
    assert len(disputed) == 2 and (disputed["disagreement"] != "").all()
    assert (observations.loc[observations["period"] != "2015", "disagreement"] == "").all()
    assert set(profiles.OBSERVATION_COLUMNS) <= set(observations.columns)


# ---------------------------------------------------------------- charts


def test_one_chart_per_series_with_two_full_years_never_across_definitions(ds):
    figures = city_figures.city_figures(ds, SHENZHEN, "en")
    series = city_figures.chart_series(figures)
    assert len(series) == 1, "only the standard semiconductor revenue has two full years"
    (only,) = series
    assert set(only["definition"]) == {"standard"} and set(only["metric"]) == {"operating_revenue"}
    spec = city_figures.series_chart(only, "en").to_dict()
    (plot,) = spec["vconcat"]
    line, full, labels, _part = plot["layer"]
    assert line["mark"]["type"] == "line" and "strokeDash" not in line["mark"]
    assert full["encoding"]["shape"]["scale"]["range"] == ["circle", "diamond"]
    rows = next(iter(spec["datasets"].values()))
    marks = {(r["period"], r["source"]): r["mark"] for r in rows}
    assert sum(m == t("city_figures.mark_disagree", "en") for m in marks.values()) == 2
    assert {r["period"] for r in rows} == {"2021", "2022", "2023", "2024H1"}
    # Years spaced as years, a value axis from zero, and tooltips that name the period in words.
    assert full["encoding"]["x"]["type"] == "quantitative"
    assert full["encoding"]["x"]["axis"]["values"] == [2021, 2022, 2023, 2024]
    assert full["encoding"]["y"]["scale"]["zero"] is True
    # The source-b figure of 2022 has a quote without its year (the fixture's HOSTILE text): a reading.
    assert {r["period_label"] for r in rows} == {
        "2021",
        "2022",
        periods.with_basis("2022", "context", "", "en"),
        "2023",
        "H1 2024",
    }
    assert labels["mark"]["type"] == "text" and labels["encoding"]["text"]["field"] == "point_label"
    labelled = sorted(r["period"] for r in rows if r["point_label"])
    assert labelled == ["2021", "2022", "2023"], "one value label a year, also where two sources give the year"
    title = " ".join(spec["title"]["text"])  # wrapped into lines that fit a phone
    assert "Operating revenue" in title and "billion yuan" in title
    assert any(t("definition.standard", "en") in line for line in spec["title"]["subtitle"])


# 200 and 150 billion yuan in chart units: billion yuan in English, 亿元 in Chinese.
@pytest.mark.parametrize(("lang", "over", "low", "exact"), [("en", ">200", 200, "150"), ("zh", "超2000", 2000, "1500")])
def test_a_series_keeps_the_gap_between_its_years_and_shows_a_bound_as_a_bound(ds, sources, lang, over, low, exact):
    a, _b, _ = sources
    extra = pd.DataFrame(
        [
            # A measure Shenzhen has no real figure in, so the series is these three rows.
            city_row("semiconductors_ic", "added_value", "2010", 150, "exact", SHENZHEN, a),
            city_row("semiconductors_ic", "added_value", "2014", 200, "over", SHENZHEN, a),
            city_row("semiconductors_ic", "added_value", "2015M01-M05", 90, "exact", SHENZHEN, a),
        ]
    )
    more = dataclasses.replace(ds, metrics=pd.concat([ds.metrics, extra], ignore_index=True), derived={})
    (own,) = [
        s
        for s in city_figures.chart_series(city_figures.city_figures(more, SHENZHEN, lang))
        if s["metric"].iloc[0] == "added_value" and s["scope"].iloc[0] == "semiconductors_ic"
    ]
    spec = city_figures.series_chart(own, lang).to_dict()
    rows = {r["period"]: r for r in next(iter(spec["datasets"].values()))}
    # 2010 and 2014 are four years apart on the axis, not neighbours; the part-year sits after 2015's tick.
    assert rows["2014"]["position"] - rows["2010"]["position"] == 4
    assert 2015 < rows["2015M01-M05"]["position"] < 2015.5
    assert spec["vconcat"][0]["layer"][0]["encoding"]["x"]["axis"]["values"] == list(range(2010, 2016))
    # "over 200" is drawn at 200 and labelled as a bound; a part-year point has no label.
    assert rows["2014"]["value"] == low and rows["2014"]["point_label"] == over
    assert rows["2010"]["point_label"] == exact and rows["2015M01-M05"]["point_label"] == ""
    takeaway = series_takeaway(own, lang)
    assert periods.label("2015M01-M05", lang) in takeaway and "2015M01-M05" not in takeaway


def test_a_city_own_series_is_drawn_dashed(ds, sources):
    a, _b, _ = sources
    extra = pd.DataFrame([city_row("all_20", "added_value", "2022", 1400, "exact", SHENZHEN, a, "city_own")])
    more = dataclasses.replace(ds, metrics=pd.concat([ds.metrics, extra], ignore_index=True), derived={})
    series = city_figures.chart_series(city_figures.city_figures(more, SHENZHEN, "en"))
    own = [s for s in series if s["scope"].iloc[0] == "all_20"]
    assert len(own) == 1
    assert city_figures.series_chart(own[0], "en").to_dict()["vconcat"][0]["layer"][0]["mark"]["strokeDash"] == [4, 3]


# ---------------------------------------------------------------- the map layer


def test_map_figures_follow_the_cluster_and_city_filters(ds):
    everything = city_figures.map_city_figures(ds, Filters(), "en")
    assert {SHENZHEN, GUANGZHOU} <= set(everything["adcode"])
    semis = city_figures.map_city_figures(ds, Filters(clusters=("semiconductors_ic",)), "en")
    assert set(semis["scope"]) == {"semiconductors_ic"}
    only_guangzhou = city_figures.map_city_figures(
        ds, Filters(clusters=("semiconductors_ic",), cities=(GUANGZHOU,)), "en"
    )
    assert set(only_guangzhou["adcode"]) == {GUANGZHOU}
    assert city_figures.map_city_figures(ds, Filters(cities=(MEIZHOU,), clusters=("semiconductors_ic",)), "en").empty


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_badge_writes_where_a_figures_year_comes_from_when_the_quote_does_not(ds, features, lang):
    metrics = ds.metrics.copy()
    h1 = (metrics["adcode"] == SHENZHEN) & (metrics["period"] == "2024H1")
    before = city_figures.figure_points(
        city_figures.map_city_figures(ds, Filters(clusters=("semiconductors_ic",)), lang), features, lang
    )
    metrics.loc[h1, "period_basis"] = "context"
    read = dataclasses.replace(ds, metrics=metrics, derived={})
    after = city_figures.figure_points(
        city_figures.map_city_figures(read, Filters(clusters=("semiconductors_ic",)), lang), features, lang
    )
    tip = {p["adcode"]: p["tooltip"] for p in after}[SHENZHEN]
    assert periods.with_basis("2024H1", "context", "", lang) in tip
    assert (
        periods.with_basis("2024H1", "context", "", lang) not in {p["adcode"]: p["tooltip"] for p in before}[SHENZHEN]
    )


def test_map_badges_count_figures_and_list_the_latest_per_measure(ds, features):
    figures = city_figures.map_city_figures(ds, Filters(clusters=("semiconductors_ic",)), "en")
    points = {p["adcode"]: p for p in city_figures.figure_points(figures, features, "en")}
    assert set(points) == {SHENZHEN, GUANGZHOU}
    shenzhen = points[SHENZHEN]
    assert shenzhen["label"] == "7" and shenzhen["n"] == 7
    assert set(shenzhen) == {"position", "adcode", "n", "label", "tooltip"}, "flat fields only"
    tip = shenzhen["tooltip"]
    assert ", H1 2024: " in tip and ", 2021: " not in tip, "the latest period per measure and definition"
    assert "2024H1" not in tip, "periods in words"
    assert t("definition.city_own", "en") in tip and ", 2023: " in tip, "the city-own series has its own latest line"
    assert shenzhen["position"] == list(maps.label_points(features)[SHENZHEN])


def test_map_badge_tooltips_show_hostile_text_as_typed(ds, features):
    names = ds.cities.assign(name_en=ds.cities["name_en"].where(ds.cities["adcode"] != GUANGZHOU, HOSTILE))
    hostile = dataclasses.replace(ds, cities=names, derived={})
    figures = city_figures.map_city_figures(hostile, Filters(clusters=("semiconductors_ic",)), "en")
    points = {p["adcode"]: p for p in city_figures.figure_points(figures, features, "en")}
    assert points[GUANGZHOU]["tooltip"].startswith(HOSTILE), "deck.gl's text tooltip shows it as typed"
    deck = maps.host_city_deck([], maps.view_state((110, 20, 117, 25)), city_figures=list(points.values()))
    assert set(deck._tooltip) == {"text", "style"}, "a text tooltip: innerText, never markup"


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_series_sentence_never_sets_a_part_year_against_a_full_year(real, lang):
    # Guangzhou's software revenue: 2020 and 2023 full years, then January-May 2024. The sentence read
    # "… in 2020, 192.593 billion yuan in 2024M01-M05", a fall that is only the shorter period.
    figures = city_figures.city_figures(real, GUANGZHOU, lang)
    (series,) = [s for s in city_figures.chart_series(figures) if "2024M01-M05" in set(s["period"])]
    part = series[series["period"] == "2024M01-M05"].iloc[0]
    latest_full = series[series["period"] == "2023"].iloc[0]
    text = series_takeaway(series, lang)
    clause = t("a11y.city_series_part_year", lang, value=part["value_text"], period=periods.label(part["period"], lang))
    assert text.endswith(clause), "the part-year figure is named after the sentence, as part of a year"
    sentence = text.removesuffix(clause)
    assert latest_full["value_text"] in sentence and "2023" in sentence
    assert "2024M01-M05" not in text and part["value_text"] not in sentence


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_series_sentence_names_where_its_years_come_from(real, lang):
    """Every city series sentence writes its first and last full years with their basis; at least one of them in
    the bundled data is a reading (Shenzhen's robot industry 2024, from a white paper named outside the quote)."""
    read = 0
    for adcode in real.cities["adcode"]:
        for series in city_figures.chart_series(city_figures.city_figures(real, adcode, lang)):
            full = series[series["period_kind"] == "full_year"]
            full = full.assign(_o=full["period"].map(periods.order)).sort_values("_o", kind="stable")
            text = series_takeaway(series, lang)
            for row in (full.iloc[0], full.iloc[-1]):
                written = periods.with_basis(row["period"], row["period_basis_id"], row["published"], lang)
                assert written in text, (written, text)
                read += row["period_basis_id"] != "quote"
    assert read, "no series sentence carries a period that is a reading"
